"""The claims are computed from equilibria: change the inputs and the verdicts change."""

import numpy as np
import pytest

from coalition_games import Tier, cases, formulas, solve
from coalition_games.parameters import PARAMETER_NAMES
from coalition_games.reproduction import DEFAULT_CASES
from coalition_games.reproduction.claims import CLAIMS
from coalition_games.reproduction.worlds import DrawWorld, PointWorld

from .strategies import random_dyads


def _cases(**changes):
    """The five shipped cases, with per-case parameter values changed: {case: {name: value}}."""
    out = {}
    for name in DEFAULT_CASES:
        case = cases.read(name)
        params = dict(case.parameters)
        for param, value in changes.get(name, {}).items():
            est = params[param]
            params[param] = type(est)(
                value, (min(value, est.range[0]), max(value, est.range[1])), est.rule, est.sources
            )
        out[name] = type(case)(**{**vars(case), "parameters": params})
    return out


def _verdicts(world):
    return {c.id: bool(c.check(world)[0] >= 0) for c in CLAIMS}


def _stranglehold(t, names=("us_japan", "us_south_korea", "us_taiwan")):
    """Changes setting t (and e = λ·t·m with it) for the named cases."""
    out = {}
    for name in names:
        case = cases.read(name)
        lam, m = case.hyperparameters["leader_scale"].value, case.parameters["market_loss"].value
        out[name] = {"stranglehold": t, "enforcement_value": lam * t * m}
    return out


def test_zero_stranglehold_changes_c1():
    # A near-total stranglehold over the three Chip 4 members makes each complex (C1 holds) ...
    strong = _stranglehold(0.95)
    base = _verdicts(PointWorld(_cases(**strong)))
    assert base["C1"]
    # ... and with no stranglehold over South Korea its threat cannot help: it is not complex.
    changed = _verdicts(PointWorld(_cases(**strong | _stranglehold(0.0, ["us_south_korea"]))))
    assert not changed["C1"]


def test_a_dependent_ally_with_low_stakes_makes_c2_pass_or_fail_by_computation():
    eu = _cases()["us_eu"].dyad
    # Evidence of C2 comes from the EU's solution: its tier decides.
    world = PointWorld(_cases())
    holds, evidence = CLAIMS[1].check(world)
    assert (holds >= 0) == (
        solve(eu).tier.value == "simple"
        and not eu.threat_credible
        and solve(eu).tiers[Tier.COMPLEX].interval[0] > eu.side_payment_budget
    )
    assert solve(eu).tier.value in evidence()
    # Make the EU value autonomy much more and coercing it costly: complex is out of reach and no
    # credible threat backs it, so only simple remains (C2's reading; uncapped security loss
    # sσ ≥ c₁ pays for the declaration); the verdict follows.
    costly = {"autonomy_cost": 0.5, "coercion_cost_base": 0.5, "linkage_cap": np.inf}
    costly = PointWorld(_cases(us_eu=costly))
    assert solve(costly.dyads["us_eu"]).tier.value == "simple"
    assert _verdicts(costly)["C2"] != _verdicts(world)["C2"]


def test_every_claim_gives_evidence_text():
    world = PointWorld(_cases())
    for claim in CLAIMS:
        holds, evidence = claim.check(world)
        assert np.isfinite(holds) or holds == -np.inf
        assert evidence().strip()


def test_point_and_draw_worlds_agree_on_the_point_estimates():
    """Arrays of identical draws reproduce the scalar verdicts exactly (one definition)."""
    by_id = _cases()
    samples = {
        cid: {p: np.full(3, getattr(c.dyad, p)) for p in PARAMETER_NAMES}
        | {h: np.full(3, est.value) for h, est in c.hyperparameters.items()}
        for cid, c in by_id.items()
    }
    point, draws = PointWorld(by_id), DrawWorld(by_id, samples)
    for claim in CLAIMS:
        assert np.all(claim.check(draws)[0] == claim.check(point)[0]), claim.id


def test_point_and_draw_worlds_agree_on_random_perturbations():
    rng = np.random.default_rng(7)
    for _ in range(5):
        changes = {
            cid: {
                "stranglehold": float(rng.uniform(0, 1)),
                "security_stake": float(rng.uniform(0.1, 1)),
                "side_payment_budget": float(rng.uniform(0, 0.5)),
            }
            for cid in DEFAULT_CASES
        }
        by_id = _cases(**changes)
        samples = {
            cid: {p: np.array([getattr(c.dyad, p)]) for p in PARAMETER_NAMES}
            | {h: np.array([est.value]) for h, est in c.hyperparameters.items()}
            for cid, c in by_id.items()
        }
        point, draws = PointWorld(by_id), DrawWorld(by_id, samples)
        for claim in CLAIMS:
            assert claim.check(draws)[0][0] == claim.check(point)[0], claim.id


@pytest.mark.parametrize("dyad", random_dyads(11, 40), ids=lambda d: "")
def test_least_budget_is_where_the_solver_first_reaches_the_tier(dyad):
    """The closed form max(0, lo_k) (hi_k ≥ max(0, lo_k)) against solving at budgets around it."""
    world = PointWorld({"x": dyad})
    for level in (1, 2):
        least = world.budget_threshold("x", level)

        def tier_at(b, level=level):
            return solve(dyad.replace(side_payment_budget=float(b))).tier.code >= level

        if least == np.inf:
            assert not tier_at(1e6)
        else:
            assert tier_at(least)
            if least > 3 * formulas.TOL:
                assert not tier_at(least - 2 * formulas.TOL)


def test_least_budget_is_elementwise():
    dyads = random_dyads(3, 50)
    arrays = {p: np.array([getattr(d, p) for d in dyads]) for p in PARAMETER_NAMES}
    draws = DrawWorld({"x": dyads[0]}, {"x": arrays})
    for level in (1, 2):
        vectorised = draws.budget_threshold("x", level)
        for i, d in enumerate(dyads):
            assert vectorised[i] == PointWorld({"x": d}).budget_threshold("x", level)


def test_c8_passes_when_a_payment_within_range_is_pivotal():
    """South Korea with the market loss at which the complex tier needs a payment of 0.005."""
    korea = cases.load("us_south_korea")
    # lo₂ = c₂ − ℓ(s) − t (credible threat) = m + a − g − ℓ(s) − t = 0.005
    loss = formulas.security_loss(korea, formulas.SCALAR)
    m = 0.005 - korea.autonomy_cost + korea.tech_gain + loss + korea.stranglehold
    others = {"us_taiwan": {"side_payment_budget": 0.0}}  # only South Korea can be moved
    world = PointWorld(_cases(us_south_korea={"market_loss": m}, **others))
    assert world.budget_threshold("us_south_korea", 2) == pytest.approx(0.005, abs=1e-6)
    holds, evidence = CLAIMS[7].check(world)
    assert holds >= 0 and "within range: South Korea" in evidence()
