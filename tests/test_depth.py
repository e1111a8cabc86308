"""The depth option (the model §8): d* in closed form, through every route, against an
independent reading of §8 (tests/reference.py: a fine grid over d plus the exact breakpoints)."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coalition_games import Dyad, Tier, cases, formulas, solve
from coalition_games.cli import main
from coalition_games.formulas import ARRAY, SCALAR, TOL
from coalition_games.parameters import PARAMETER_NAMES
from coalition_games.sweeps import sweep
from tests import reference
from tests.strategies import dyads, random_dyads

CASES = ("us_japan", "us_south_korea", "us_taiwan", "us_eu", "us_netherlands")


def _check_against_reference(dyad: Dyad, n: int = 2001) -> None:
    """solve's d* is sustainable by the reference's reading; every breakpoint or grid point of
    the reference beyond it is sustainable at most as a tie (its constraints hold only within the
    last half of TOL); and the tier is complex exactly where d* > TOL."""
    result = solve(dyad)
    ours = result.depth.depth
    points = [i / (n - 1) for i in range(n)] + reference.depth_breakpoints(dyad)
    found = [x for x in points if reference.sustainable_at_depth(dyad, x)]
    if ours is None:
        assert not [x for x in found if reference.sustainable_at_depth(dyad, x, tol=0.4 * TOL)]
        assert result.tier is not Tier.COMPLEX
        return
    assert 0.0 <= ours <= 1.0
    assert reference.sustainable_at_depth(dyad, ours)
    beyond = [x for x in found if x > ours + 1e-12]
    assert not [x for x in beyond if reference.sustainable_at_depth(dyad, x, tol=0.4 * TOL)]
    assert (result.tier is Tier.COMPLEX) == (ours > TOL)


@settings(max_examples=300, deadline=None)
@given(dyads(capped=True))
def test_nash_depth_follows_the_independent_reading_of_section_8(dyad):
    _check_against_reference(dyad.replace(depth=True))


def _kappa(d: Dyad) -> float:
    return d.coercion_cost_base + d.coercion_cost_slope * (1.0 - d.security_dependency)


@settings(max_examples=300, deadline=None)
@given(
    dyads(capped=True),
    st.floats(min_value=0.0, max_value=1.0),
    st.sampled_from(["threshold", "budget", "full"]),
    st.sampled_from([0.0, 1e-9, -1e-9]),
)
def test_depth_at_and_around_the_breakpoints(dyad, x, where, offset):
    """Dyads whose credibility threshold d_c, budget bound or d* = 1 sit at x (or at 1) ± 1e-9."""
    dyad = dyad.replace(depth=True)
    if where == "threshold":
        kappa = _kappa(dyad)
        if kappa <= 0 or x + offset <= 0 or kappa / (x + offset) > 1e6:
            return
        dyad = dyad.replace(enforcement_value=kappa / (x + offset))
    else:
        at = 1.0 if where == "full" else x
        loss = min(dyad.security_dependency * dyad.security_stake, dyad.linkage_cap)
        gain = at * dyad.enforcement_value - _kappa(dyad)
        theta = 1.0 if gain >= -TOL else 0.0
        lo = (
            at * dyad.market_loss
            + dyad.autonomy_cost
            - dyad.tech_gain
            - loss
            - theta * dyad.stranglehold
            + dyad.target_offer
        )
        dyad = dyad.replace(side_payment_budget=max(0.0, lo + offset))
    _check_against_reference(dyad)


@pytest.mark.parametrize("seed", range(3))
def test_fixed_at_full_depth_is_section_2_bit_for_bit(seed):
    """With d held at 1 (formulas' test hook) every answer is §2's (§6's with a cap)."""
    dyads_ = random_dyads(30 + seed, 200, capped=seed > 0)
    for d in dyads_:
        ev, found = formulas.evaluate_depth(d, SCALAR, fixed=1.0)
        assert ev == formulas.evaluate(d, SCALAR)
        assert bool(found.complex) == (ev.tier == 2)
    arrays = {p: np.array([getattr(d, p) for d in dyads_]) for p in PARAMETER_NAMES}
    ns = type("P", (), arrays)
    ev, _ = formulas.evaluate_depth(ns, ARRAY, fixed=1.0)
    base = formulas.evaluate(ns, ARRAY)
    for name in (
        "tier",
        "side_payment",
        "leader_payoff",
        "ally_payoff",
        "credible",
        "coerced",
        "compensated",
        "conflict",
        "threat_used",
    ):
        np.testing.assert_array_equal(getattr(ev, name), getattr(base, name))


def test_depth_off_is_the_baseline():
    for d in random_dyads(7, 200, capped=True):
        assert not d.depth
        assert solve(d).depth is None
        assert solve(d, "spe").depth is None
    assert sweep(stranglehold=[0.1, 0.9]).depth is None


@pytest.mark.parametrize("seed", range(3))
def test_spe_with_the_depth_in_the_offer_matches_nash(seed):
    for d in random_dyads(50 + seed, 60, capped=seed == 2):
        d = d.replace(depth=True)
        nash, spe = solve(d), solve(d, "spe")
        assert spe.tier is nash.tier
        assert (spe.depth.depth is None) == (nash.depth.depth is None)
        if nash.depth.depth is None:
            continue
        assert spe.depth.depth == pytest.approx(nash.depth.depth, abs=1e-12)
        coerced = formulas_mechanism("coerced")
        assert (coerced in spe.mechanism) == (coerced in nash.mechanism)  # α only moves p
        if d.leader_value_complex >= d.market_loss:
            assert spe.depth.preferred == pytest.approx(nash.depth.depth, abs=1e-9)
        else:
            assert spe.depth.preferred <= nash.depth.depth + 1e-12
        assert spe.depth.preferred == pytest.approx(nash.depth.preferred, abs=1e-9)


def test_rubinstein_classifies_as_nash_under_depth():
    for d in random_dyads(77, 100):
        d = d.replace(depth=True)
        nash, rub = solve(d), solve(d, "rubinstein")
        assert rub.tier is nash.tier
        assert rub.depth.depth == nash.depth.depth
    with pytest.raises(ValueError, match="outside_option"):
        solve(Dyad(depth=True), "rubinstein", outside_option=True)


@pytest.mark.parametrize("seed", range(2))
def test_sweep_numpy_and_dask_equal_solve(seed):
    da = pytest.importorskip("dask.array")
    dyads_ = random_dyads(90 + seed, 300, capped=seed == 1)
    arrays = {p: np.array([getattr(d, p) for d in dyads_]) for p in PARAMETER_NAMES}
    grid = sweep(depth=True, **arrays)
    lazy = sweep(depth=True, **{k: da.from_array(v, chunks=97) for k, v in arrays.items()})
    computed = lazy.compute()
    for name in grid.outcomes:
        np.testing.assert_array_equal(getattr(computed, name), getattr(grid, name))
    for i, d in enumerate(dyads_):
        sol = solve(d.replace(depth=True))
        assert Tier.from_code(grid.tier[i]) is sol.tier
        expected = sol.depth.depth if sol.tier is Tier.COMPLEX else 0.0
        assert grid.depth[i] == expected
        assert grid.side_payment[i] == sol.side_payment
    frame = grid.to_frame()
    assert "depth" in frame.columns
    json.dumps(grid.to_dict(), allow_nan=False)


def test_the_calibrated_cases_have_a_depth_and_a_binding():
    for case in CASES:
        sol = solve(cases.read(case).dyad.replace(depth=True))
        data = sol.to_dict()
        json.dumps(data, allow_nan=False)
        assert data["options"] == {"depth": True}
        assert Dyad.from_dict(data) == sol.dyad
        if sol.depth.depth is not None:
            assert 0.0 <= sol.depth.depth <= 1.0
            assert sol.depth.binding in formulas.DEPTH_BINDINGS
            assert f"d* = {sol.depth.depth:.4g}" in sol.explain()
            assert "depth d*" in sol._repr_html_()


def test_depth_is_validated():
    with pytest.raises(TypeError, match="depth must be True or False"):
        Dyad(depth=1)
    with pytest.raises(TypeError, match="depth must be True or False"):
        sweep(depth="yes")


def test_binding_budget_and_full_depth_and_the_leaders_preference():
    # The budget binds: m = 1, nothing else to pay, B = 0.3 → d* = 0.3 (no threat: e = 0).
    d = Dyad(
        depth=True,
        market_loss=1.0,
        tech_gain=0.0,
        autonomy_cost=0.0,
        security_dependency=0.0,
        enforcement_value=0.0,
        side_payment_budget=0.3,
        leader_value_complex=2.0,
    )
    sol = solve(d)
    assert sol.depth.depth == pytest.approx(0.3, abs=1e-8)
    assert sol.depth.binding == "budget"
    assert sol.depth.mechanism == (formulas_mechanism("compensated"),)
    # Enough budget: full depth.
    assert solve(d.replace(side_payment_budget=2.0)).depth.binding == "full depth"
    # v₂ < m: the leader prefers a shallower demand than d*; d* stays the coalition's depth.
    cheap = d.replace(
        leader_value_complex=0.5,
        side_payment_budget=2.0,
        security_dependency=1.0,
        security_stake=0.2,
    )
    sol = solve(cheap)
    assert sol.depth.depth == pytest.approx(0.4, abs=1e-8)  # ℓ = 0.2: d·0.5 ≥ d·1 − 0.2
    assert sol.depth.binding == "participation"
    assert sol.depth.preferred == pytest.approx(0.2, abs=1e-8)  # where the ally's price hits 0
    assert solve(cheap, "spe").depth.preferred == pytest.approx(0.2, abs=1e-8)


def formulas_mechanism(name: str):
    from coalition_games.solution import Mechanism

    return Mechanism(name)


def test_cli_solve_case_depth(capsys):
    assert main(["solve", "--case", "us_south_korea", "--depth"]) == 0
    out = capsys.readouterr().out
    assert "d* =" in out and "bound by" in out and "Mechanism at d*" in out
    assert main(["solve", "--case", "us_south_korea", "--depth", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["options"]["depth"] is True
    assert 0.0 <= data["depth"]["depth"] <= 1.0
    assert not math.isnan(data["depth"]["depth"])


# --------------------------------------------------------------------------------- symbolic


@pytest.fixture(scope="module")
def depth_function():
    from coalition_games import symbolic as sym

    return sym.depth_function()


@settings(max_examples=200, deadline=None)
@given(dyads())
def test_symbolic_closed_form_equals_solve_and_the_reference(depth_function, dyad):
    """The exact symbolic d* (no tolerance) agrees with solve and with the independent reading,
    except where a constraint is within the tolerance of binding (a tie)."""
    dyad = dyad.replace(depth=True)
    exact = float(depth_function(**dyad.parameters()))
    ours = solve(dyad).depth.depth
    if math.isnan(exact):
        # No depth is exactly sustainable: at most a tie within the tolerance.
        assert ours is None or not reference.sustainable_at_depth(dyad, ours, tol=0.0)
        return
    assert reference.sustainable_at_depth(dyad, exact, tol=1e-12)
    assert ours is not None
    assert ours >= exact - 1e-9
    if ours > exact + 1e-9:  # beyond the exact d*: only as a tie
        assert not reference.sustainable_at_depth(dyad, ours, tol=0.0)


def test_symbolic_lines_are_the_formulas_and_the_statics_are_signed():
    import sympy as sp

    from coalition_games import symbolic as sym

    S = sym.SYMBOLS
    slope, _ = sym.depth_lines(False)["budget"]
    assert sp.expand(slope + S.market_loss) == 0
    rows = sym.depth_statics()
    budget_t = next(
        r for r in rows if r.credible and r.constraint == "budget" and r.parameter == "stranglehold"
    )
    assert budget_t.sign == "+" and budget_t.fails is sp.false
    # Dependency can make the coalition shallower where the leader would rather sanction than
    # pay (e > v₂ − m on the credible side): the failure region is shown, not hidden.
    dep = next(
        r
        for r in rows
        if r.credible and r.constraint == "joint_surplus" and r.parameter == "security_dependency"
    )
    assert dep.fails is not sp.false
    # A leader that would rather sanction than pay (e + m > v₂) and coercion cheap to escalate
    # (κ₁ > σ): d* = 0.6 at s = 0.9 (joint surplus binds: 0.3 − 0.5·d ≥ 0), 0.45 at s = 0.95.
    names = dict(
        enforcement_value=1.0,
        market_loss=0.5,
        leader_value_complex=1.0,
        coercion_cost_base=0.0,
        coercion_cost_slope=2.0,
        security_stake=0.5,
        security_dependency=0.9,
        autonomy_cost=0.45,
        tech_gain=0.0,
        stranglehold=0.1,
        target_offer=0.0,
        side_payment_budget=1.0,
    )
    point = {getattr(S, k): sp.nsimplify(v) for k, v in names.items()}
    assert bool(dep.fails.xreplace(point))
    d = Dyad(depth=True, **names)
    lower = solve(d).depth
    higher = solve(d.replace(security_dependency=0.95)).depth
    assert lower.depth == pytest.approx(0.6) and lower.binding == "participation"
    assert higher.depth == pytest.approx(0.45)


def test_depth_boundary_contains_where_depth_reaches_zero():
    from coalition_games import symbolic as sym

    base = Dyad(security_dependency=0.9, market_loss=0.5)
    exprs = sym.depth_boundary(base.parameters(), "stranglehold", "side_payment_budget")
    assert exprs
    # Along t, for B = 0: find where d* switches between 0 and > 0; some expression vanishes there.
    ts = np.linspace(0, 1, 2001)
    ds = np.array(
        [
            solve(base.replace(depth=True, stranglehold=t, side_payment_budget=0.0)).tier
            is Tier.COMPLEX
            for t in ts
        ]
    )
    flips = np.flatnonzero(ds[1:] != ds[:-1])

    S = sym.SYMBOLS
    for i in flips:
        t = (ts[i] + ts[i + 1]) / 2
        values = [abs(float(e.subs({S.stranglehold: t, S.side_payment_budget: 0}))) for e in exprs]
        assert min(values) < 1e-3


# --------------------------------------------------------------------------------- coalitions


def test_coalition_depth_of_one_ally_is_the_dyads():
    from coalition_games import Coalition, CoalitionMember
    from coalition_games.coalitions import coalition_depth

    for d in random_dyads(5, 30):
        alone = Coalition("one", (CoalitionMember(d, stake=10.0),), leader_supply=5.0)
        found = coalition_depth(alone)
        sol = solve(d.replace(depth=True))
        expected = sol.depth.depth if sol.tier is Tier.COMPLEX else 0.0
        assert found.depth == pytest.approx(expected, abs=1e-12)
        json.dumps(found.to_dict(), allow_nan=False)


def test_chip4_depth_is_the_stake_weighted_mean_of_its_members():
    from coalition_games.cases import scenarios
    from coalition_games.coalitions import coalition_depth, member_dyad

    dyads_ = {c: cases.read(c).dyad for c in CASES}
    chip4 = scenarios.coalition("chip4", dyads_)
    found = coalition_depth(chip4)
    stakes = {m.name: m.stake for m in chip4.members}
    mean = sum(stakes[n] * d for n, d in found.members.items()) / sum(stakes.values())
    assert found.depth == pytest.approx(mean, abs=1e-12)
    # Each member's depth is its own member dyad's d*, its budget its calibrated share.
    for m in chip4.members:
        d = member_dyad(chip4, chip4.names, m.name, budget=m.stake * m.dyad.side_payment_budget)
        sol = solve(d.replace(depth=True))
        expected = sol.depth.depth if sol.tier is Tier.COMPLEX else 0.0
        assert found.members[m.name] == pytest.approx(expected, abs=1e-9)
    assert "stake-weighted depth" in found.explain()


# --------------------------------------------------------------------------------- claims


def test_reproduce_under_the_depth_models():
    from coalition_games import reproduce

    table = reproduce(model=["depth", "linkage+depth"], draws=0, audit_draws=0)
    for run in table.runs.values():
        ids = [c.id for c in run.claims]
        assert ids == [f"C{i}" for i in range(1, 11)]
        for claim in run.claims:
            assert math.isfinite(claim.margin)
        c1 = next(c for c in run.claims if c.id == "C1")
        assert "d* =" in c1.evidence
    depth_run = table.runs["depth"]
    # C1 under depth reads each Chip 4 dyad's d*: its margin is the least d* − TOL.
    from coalition_games.reproduction import PointWorld, apply_model

    world = PointWorld(apply_model({c: cases.read(c) for c in CASES}, "depth"), depth=True)
    least = min(world.outcome(c).depth for c in ("us_japan", "us_south_korea", "us_taiwan"))
    c1 = next(c for c in depth_run.claims if c.id == "C1")
    assert c1.margin == pytest.approx(least - TOL, abs=1e-12)
    assert (c1.margin >= 0) == (least > TOL)


# --------------------------------------------------------------------------------- batch, paths


@pytest.mark.parametrize("seed", range(2))
def test_batch_backward_induction_gives_spe_depths(seed):
    from coalition_games.games.batch import depth_batch

    dyads_ = random_dyads(200 + seed, 150, capped=seed == 1)
    found = depth_batch(dyads_)
    for i, d in enumerate(dyads_):
        spe = solve(d.replace(depth=True), "spe").depth
        assert bool(found.exists[i]) == (spe.depth is not None)
        if spe.depth is not None:
            assert found.depth[i] == spe.depth
            assert found.preferred[i] == spe.preferred


def test_depth_trace_halves_and_reaches_zero_as_solved_year_by_year():
    from coalition_games.coalitions.dynamics import ParameterPath, Scenario, depth_trace

    fade = ParameterPath("kr", "stranglehold", (2022, 2030), (1.0, 0.0), (1.0, 0.0), (1.0, 0.0))
    gone = ParameterPath("kr", "market_loss", (2022, 2030), (1.0, 1.0), (1.0, 1.0), (1.0, 1.0))
    sc = Scenario("t", (fade, gone), {"enforcement_value": ("stranglehold",)}, (2022, 2030))
    kr = Dyad(
        security_dependency=0.9,
        stranglehold=0.5,
        market_loss=1.2,
        side_payment_budget=0.0,
        leader_value_complex=1.5,
        autonomy_cost=0.6,
        enforcement_value=1.0,
    )
    found = depth_trace(sc, {"kr": kr})
    rows = dict(found.depths["kr"])
    for year, depth in rows.items():
        sol = solve(sc.apply(kr, "kr", year).replace(depth=True))
        assert depth == (sol.depth.depth if sol.tier is Tier.COMPLEX else 0.0)
    start = rows[2022]
    assert start > 0
    halves = found.halves("kr")
    assert halves is not None and rows[halves] <= start / 2
    assert all(rows[y] > start / 2 for y in rows if y < halves)
    zero = found.reaches_zero("kr")
    assert zero is not None and rows[zero] == 0.0 and all(rows[y] > 0 for y in rows if y < zero)
    json.dumps(found.to_dict(), allow_nan=False)


def test_cheapest_halving_of_a_dyad_and_a_coalition():
    from coalition_games.cases import scenarios
    from coalition_games.coalitions.counterstrategies import (
        CounterStrategy,
        Shift,
        cheapest_halving,
    )
    from coalition_games.coalitions.game import coalition_depth

    wedge = CounterStrategy("wedge", "Wedge", (Shift("target_offer", "add", 1.0),), 2.0)
    d = Dyad(security_dependency=0.9, stranglehold=0.5)
    h = cheapest_halving(wedge, d)
    assert h.intensity is not None
    after = solve(wedge.apply(d, h.intensity).replace(depth=True)).depth.depth or 0.0
    assert after <= h.base / 2
    before = solve(wedge.apply(d, h.intensity - 1e-6).replace(depth=True)).depth.depth
    assert before > h.base / 2
    chip4 = scenarios.coalition("chip4", {c: cases.read(c).dyad for c in CASES})
    hc = cheapest_halving(wedge, chip4)
    if hc.intensity is not None:
        assert coalition_depth(wedge.apply_coalition(chip4, hc.intensity, None)).depth <= (
            hc.base / 2
        )
    json.dumps(hc.to_dict(), allow_nan=False)
