"""The claims are computed from equilibria: change the inputs and the verdicts change."""

from types import SimpleNamespace

import numpy as np
import pytest

from coalition_games import Tier, cases, formulas, solve
from coalition_games.claims import CLAIMS, DrawWorld, PointWorld, budget_threshold
from coalition_games.parameters import PARAMETER_NAMES
from coalition_games.reproduction import DEFAULT_CASES

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
    return {c.id: bool(c.check(world)[0]) for c in CLAIMS}


def test_zero_stranglehold_changes_c1():
    base = _verdicts(PointWorld(_cases()))
    assert base["C1"]  # under the shipped calibration the three Chip 4 dyads are complex
    # With no stranglehold over South Korea its threat cannot help: it falls to simple.
    changed = _verdicts(PointWorld(_cases(us_south_korea={"stranglehold": 0.0})))
    assert not changed["C1"]


def test_a_dependent_ally_with_low_stakes_makes_c2_pass_or_fail_by_computation():
    eu = _cases()["us_eu"].dyad
    # Evidence of C2 comes from the EU's solution: its tier decides.
    world = PointWorld(_cases())
    holds, evidence = CLAIMS[1].check(world)
    assert bool(holds) == (
        solve(eu).tier.value == "simple"
        and not eu.threat_credible
        and solve(eu).tiers[Tier.COMPLEX].interval[0] > eu.side_payment_budget
    )
    assert solve(eu).tier.value in evidence()
    # Make the EU value autonomy much more: complex becomes too costly, only simple remains.
    costly = PointWorld(_cases(us_eu={"autonomy_cost": 0.5}))
    assert _verdicts(costly)["C2"] != _verdicts(world)["C2"]


def test_every_claim_gives_evidence_text():
    world = PointWorld(_cases())
    for claim in CLAIMS:
        holds, evidence = claim.check(world)
        assert isinstance(bool(holds), bool)
        assert evidence().strip()


def test_point_and_draw_worlds_agree_on_the_point_estimates():
    """Arrays of identical draws reproduce the scalar verdicts exactly (one definition)."""
    by_id = _cases()
    samples = {
        cid: {p: np.full(3, getattr(c.dyad, p)) for p in PARAMETER_NAMES}
        for cid, c in by_id.items()
    }
    point, draws = PointWorld(by_id), DrawWorld(by_id, samples)
    for claim in CLAIMS:
        assert np.all(claim.check(draws)[0] == bool(claim.check(point)[0])), claim.id


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
            for cid, c in by_id.items()
        }
        point, draws = PointWorld(by_id), DrawWorld(by_id, samples)
        for claim in CLAIMS:
            assert bool(claim.check(draws)[0][0]) == bool(claim.check(point)[0]), claim.id


@pytest.mark.parametrize("dyad", random_dyads(11, 40), ids=lambda d: "")
def test_budget_root_search_matches_the_closed_form(dyad):
    """The least budget for tier k is max(0, lo_k) when hi_k ≥ max(0, lo_k) (MODEL.md §2)."""
    ev = formulas.evaluate(dyad, formulas.SCALAR)
    ceiling = max(dyad.leader_value_simple, dyad.leader_value_complex)
    found = budget_threshold(
        lambda b: solve(dyad.replace(side_payment_budget=float(b))).tier.code, 2, ceiling
    )
    terms = ev.complex
    if terms.lower <= 0 + formulas.TOL and terms.hi >= terms.lower - formulas.TOL:
        assert found == 0
    elif terms.hi >= terms.lower - formulas.TOL and terms.lower <= ceiling:
        assert found == pytest.approx(terms.lower, abs=1e-8)
    else:
        assert found == np.inf


def test_budget_threshold_is_elementwise():
    dyads = random_dyads(3, 50)
    arrays = {p: np.array([getattr(d, p) for d in dyads]) for p in PARAMETER_NAMES}
    ceiling = np.maximum(arrays["leader_value_simple"], arrays["leader_value_complex"])

    def tier_at(b):
        return formulas.evaluate(
            SimpleNamespace(**{**arrays, "side_payment_budget": b}), formulas.ARRAY
        ).tier

    vectorised = budget_threshold(tier_at, 1, ceiling)
    for d, b in zip(dyads, vectorised, strict=True):
        scalar = budget_threshold(
            lambda x, d=d: solve(d.replace(side_payment_budget=float(x))).tier.code,
            1,
            max(d.leader_value_simple, d.leader_value_complex),
        )
        assert b == pytest.approx(float(scalar), abs=1e-12) or b == scalar


def test_c8_passes_when_a_payment_within_range_is_pivotal():
    """South Korea with a larger market loss needs a payment of about 0.005 for the complex tier."""
    world = PointWorld(_cases(us_south_korea={"market_loss": 0.905}))
    assert world.budget_threshold("us_south_korea", 2) == pytest.approx(0.005, abs=1e-6)
    holds, evidence = CLAIMS[7].check(world)
    assert holds and "within range: South Korea" in evidence()
