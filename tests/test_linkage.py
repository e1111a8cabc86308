"""The linkage option (the model §6): ℓ(s) = min(sσ, X̄) in every backend, the baseline at X̄ = +∞.

An independent literal reading of §6 (written from its text, not from ``formulas``) is the
reference; the solvers, the sweep (numpy and dask), the symbolic layer, the coalition game, the
CLI and the strict-JSON output are checked against it or against each other.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from coalition_games import Coalition, CoalitionMember, Dyad, Tier, cases, solve, solve_coalition
from coalition_games import symbolic as sym
from coalition_games.cli import main
from coalition_games.parameters import PARAMETER_NAMES
from coalition_games.reproduction import PointWorld
from coalition_games.sweeps import OUTCOMES, sweep
from tests.reference import classify
from tests.strategies import dyads, random_dyads, random_parameter_arrays

INF = math.inf


def _caps_around(d: Dyad) -> list[float]:
    """Caps of 0, exactly sσ, sσ ± 1e-9, halfway, and none."""
    x = d.security_dependency * d.security_stake
    return [0.0, x, max(0.0, x - 1e-9), x + 1e-9, x / 2, INF]


@settings(max_examples=300, deadline=None)
@given(dyads(capped=True), st.sampled_from(["drawn", "zero", "at", "below", "above"]))
def test_nash_follows_the_literal_reading_of_section_6(dyad, where):
    x = dyad.security_dependency * dyad.security_stake
    cap = {"drawn": dyad.linkage_cap, "zero": 0.0, "at": x, "below": max(0.0, x - 1e-9)}.get(
        where, x + 1e-9
    )
    dyad = dyad.replace(linkage_cap=cap)
    tier, payment, conflict = classify(dyad)
    result = solve(dyad)
    assert result.tier.value == tier
    assert result.side_payment == pytest.approx(payment, abs=1e-12)
    assert result.conflict == conflict


@pytest.mark.parametrize("seed", range(4))
def test_nash_spe_rubinstein_and_sweep_classify_capped_dyads_alike(seed):
    base = random_dyads(100 + seed, 60)
    capped = [d.replace(linkage_cap=c) for d in base for c in _caps_around(d)]
    arrays = {p: np.array([getattr(d, p) for d in capped]) for p in PARAMETER_NAMES}
    grid = sweep(**arrays)
    for i, d in enumerate(capped):
        nash = solve(d)
        assert nash.tier.value == classify(d)[0]
        assert solve(d, "spe").tier is nash.tier
        assert solve(d, "rubinstein", period=1e-9).tier is nash.tier
        assert Tier.from_code(grid.tier[i]) is nash.tier
        assert grid.side_payment[i] == pytest.approx(nash.side_payment, abs=1e-12)


def test_no_cap_is_the_baseline_bit_for_bit():
    """Cap absent (the default) versus cap = +∞: the same bits on 10⁵ dyads and every flag."""
    arrays = random_parameter_arrays(np.random.default_rng(11), 100_000)
    absent, explicit = sweep(**arrays), sweep(**arrays, linkage_cap=np.full(100_000, INF))
    for field in OUTCOMES:
        assert np.array_equal(getattr(absent, field), getattr(explicit, field)), field
    for d in random_dyads(12, 2_000):
        a, b = solve(d), solve(d.replace(linkage_cap=INF))
        assert (a.tier, a.side_payment, a.mechanism, a.conflict) == (
            b.tier,
            b.side_payment,
            b.mechanism,
            b.conflict,
        )


def test_a_binding_cap_lowers_the_allys_security_loss_and_says_so():
    # the shipped Japan with an abandonment loss sσ ≈ 0.49 > X̄ = 0.1 and no cap of its own
    japan = cases.load("us_japan").replace(security_stake=0.5, linkage_cap=INF)
    capped = solve(japan.replace(linkage_cap=0.1))
    assert capped.linkage_capped and capped.security_loss == 0.1
    assert "capped at the linkage cap" in capped.explain()
    data = capped.to_dict()
    assert data["security_loss"]["applied"] == "linkage cap X̄"
    uncapped = solve(japan)
    assert not uncapped.linkage_capped
    assert uncapped.security_loss == japan.security_dependency * japan.security_stake
    text = json.dumps(uncapped.to_dict(), allow_nan=False)  # +∞ is strict JSON
    assert Dyad.from_dict(json.loads(text)) == japan


def test_linkage_cap_is_validated_like_every_parameter():
    for bad in (math.nan, -0.1, -INF):
        with pytest.raises(ValueError, match="linkage_cap"):
            Dyad(linkage_cap=bad)
    with pytest.raises(TypeError, match="linkage_cap"):
        Dyad(linkage_cap="inf")
    with pytest.raises(ValueError, match="security_stake must be finite"):
        Dyad(security_stake=INF)  # +∞ is allowed for the cap only
    with pytest.raises(ValueError, match="linkage_cap"):
        sweep(linkage_cap=np.array([0.1, np.nan]))
    assert Dyad(linkage_cap=0).linkage_cap == 0.0


def test_sweep_takes_an_array_of_caps_with_infinite_elements():
    caps = np.array([0.0, 0.05, 0.2, INF])
    grid = sweep(security_dependency=0.9, security_stake=0.5, linkage_cap=caps)
    expected = [
        solve(Dyad(security_dependency=0.9, security_stake=0.5, linkage_cap=c)).tier for c in caps
    ]
    assert [Tier.from_code(c) for c in grid.tier] == expected


def test_dask_sweep_takes_caps_too():
    da = pytest.importorskip("dask.array")
    caps = np.array([0.0, 0.1, 0.3, INF] * 25)
    lazy = sweep(security_dependency=da.linspace(0, 1, 100, chunks=30), linkage_cap=caps)
    eager = sweep(security_dependency=np.linspace(0, 1, 100), linkage_cap=caps)
    assert np.array_equal(lazy.compute().tier, eager.tier)


def test_the_cli_explains_the_capped_loss(capsys):
    main(["solve", "--case", "us_japan", "--security-stake", "0.5", "--linkage-cap", "0.1"])
    out = capsys.readouterr().out
    assert "capped at the linkage cap X̄ = 0.1" in out


def test_symbolic_regimes_match_the_numeric_sustainability():
    """Each regime's sustainability condition equals the numeric one where the regime holds."""
    rng = np.random.default_rng(3)
    params = random_parameter_arrays(rng, 4_000, capped=True)
    from types import SimpleNamespace

    from coalition_games import formulas

    ev = formulas.evaluate(SimpleNamespace(**params), formulas.ARRAY)
    capped = params["linkage_cap"] <= params["security_dependency"] * params["security_stake"]
    for linkage, where in (("uncapped", ~capped), ("capped", capped)):
        for credible in (True, False):
            regime = where & (ev.credible if credible else ~ev.credible)
            condition = sym.numpy_function(sym.sustainability(Tier.COMPLEX, credible, linkage))(
                **params
            )
            assert np.array_equal(
                np.broadcast_to(condition, regime.shape)[regime], ev.complex.sustainable[regime]
            )
            assert regime.sum() > 200


def test_dependency_never_lowers_the_tier_outside_sanction_over_pay_in_both_regimes():
    """ℓ is continuous in s, so the two regimes' proofs join: the same condition in each."""
    uncapped = sym.monotone_effect("security_dependency", +1, "uncapped")
    capped = sym.monotone_effect("security_dependency", +1, "capped")
    assert sp.simplify(sp.Equivalent(uncapped.condition, capped.condition)) is sp.true
    assert sym.monotone_effect("stranglehold", +1, "capped").unconditional
    assert sym.monotone_effect("linkage_cap", +1, "capped").unconditional
    statics = {
        (d.constraint, d.credible): d.sign
        for d in sym.comparative_statics([Tier.COMPLEX], "capped")
        if d.parameter == "security_stake"
    }
    assert set(statics.values()) == {"0"}  # with the cap binding σ no longer matters


def test_counterfactual_t_zero_recomputes_e_for_claim_c7():
    """The model §7: setting t = 0 sets e = λ·t·m = 0 (C7 used to keep the calibrated e)."""
    world = PointWorld({c: cases.read(c) for c in ("us_japan", "us_south_korea")})
    assert world.dyad("us_japan", stranglehold=0.0).enforcement_value == 0.0
    assert world.dyad("us_japan").enforcement_value > 0
    # a derived parameter changed explicitly is fixed on purpose
    fixed = world.dyad("us_japan", stranglehold=0.0, enforcement_value=0.3)
    assert fixed.enforcement_value == 0.3


@pytest.mark.parametrize("seed", range(3))
def test_a_one_ally_coalition_equals_its_capped_dyad(seed):
    """The coalition game evaluates the same ℓ(s): with one member it is the dyad, cap or not."""
    for d in random_dyads(200 + seed, 30):
        for cap in _caps_around(d):
            capped = d.replace(linkage_cap=cap)
            one = Coalition("one", (CoalitionMember(capped, 10.0),), leader_supply=0.0)
            assert solve_coalition(one).tier is solve(capped).tier, capped
