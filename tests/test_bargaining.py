"""The baseline (the model §2): hand-worked examples, an independent reference, scipy's optimum."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pytest
from scipy.optimize import brentq, minimize_scalar

from coalition_games import Dyad, Mechanism, Tier, solve
from coalition_games.formulas import TOL
from tests.reference import classify
from tests.strategies import random_dyads, zero_dyad

COERCED, COMPENSATED, VOLUNTARY = Mechanism.COERCED, Mechanism.COMPENSATED, Mechanism.VOLUNTARY

# A dependent ally facing a credible stranglehold (worked by hand in the comments below):
# c₂ = 0.6 + 0.1 − 0.1 = 0.6, sσ = 0.9·0.5 = 0.45, κ(s) = 0.05 + 0.5·0.1 = 0.1, e − κ = 0.1 ≥ 0.
KOREA = dict(
    security_dependency=0.9,
    stranglehold=0.5,
    market_loss=0.6,
    tech_gain=0.1,
    autonomy_cost=0.1,
    simple_cost=0.02,
    security_stake=0.5,
    leader_value_simple=0.1,
    leader_value_complex=0.5,
    enforcement_value=0.2,
    coercion_cost_base=0.05,
    coercion_cost_slope=0.5,
    side_payment_budget=0.1,
    target_offer=0.0,
    ally_power=0.5,
)


@dataclass(frozen=True)
class Case:
    id: str
    params: dict
    tier: Tier
    side_payment: float
    leader_payoff: float
    ally_payoff: float
    credible: bool
    mechanism: tuple
    conflict: bool
    binding: str


CASES = [
    # Complex, coerced and compensated: lo = 0.6 − 0.45 − 0.5 = −0.35, hi = 0.5 − 0.1 = 0.4,
    # interval [0, 0.1]; p = −0.35 + 0.5·0.75 = 0.025. Without the threat lo = 0.15 > B: pivotal.
    Case(
        "coerced+compensated",
        KOREA,
        Tier.COMPLEX,
        0.025,
        0.475,
        -0.575,
        True,
        (COERCED, COMPENSATED),
        False,
        "budget",
    ),
    # α = 0: the ally gets its reservation price clipped at 0, so p = 0: coerced only.
    Case(
        "coerced",
        {**KOREA, "ally_power": 0.0},
        Tier.COMPLEX,
        0.0,
        0.5,
        -0.6,
        True,
        (COERCED,),
        False,
        "budget",
    ),
    # t = 0: complex lo = 0.15 > B = 0.1; simple lo = 0.02 − 0.45 = −0.43, hi = 0.1,
    # p = clip(−0.43 + 0.5·0.53) = clip(−0.165) = 0: voluntary simple coalition.
    Case(
        "simple voluntary",
        {**KOREA, "stranglehold": 0.0},
        Tier.SIMPLE,
        0.0,
        0.1,
        -0.02,
        True,
        (VOLUNTARY,),
        False,
        "budget",
    ),
    # Voluntary complex: s = 1, c₂ = 0.2, no threat (e − κ = −0.1), lo = −0.3, interval [0, 0.1],
    # α = 0 → p = 0. Tightest: budget (slack 0.1 < leader gain 0.5 < joint surplus 0.8).
    Case(
        "complex voluntary",
        dict(
            security_dependency=1.0,
            stranglehold=0.4,
            market_loss=0.2,
            tech_gain=0.0,
            autonomy_cost=0.0,
            simple_cost=0.0,
            security_stake=0.5,
            leader_value_simple=0.1,
            leader_value_complex=0.5,
            enforcement_value=0.0,
            coercion_cost_base=0.1,
            coercion_cost_slope=0.0,
            side_payment_budget=0.1,
            ally_power=0.0,
        ),
        Tier.COMPLEX,
        0.0,
        0.5,
        -0.2,
        False,
        (VOLUNTARY,),
        False,
        "budget",
    ),
    # Compensated complex without threat: c₂ = 0.55, lo = 0.05, hi = 0.5, interval [0.05, 0.1],
    # p = clip(0.05 + 0.5·0.45 = 0.275) = 0.1.
    Case(
        "complex compensated",
        dict(
            security_dependency=1.0,
            stranglehold=0.4,
            market_loss=0.55,
            tech_gain=0.0,
            autonomy_cost=0.0,
            simple_cost=0.0,
            security_stake=0.5,
            leader_value_simple=0.1,
            leader_value_complex=0.5,
            enforcement_value=0.0,
            coercion_cost_base=0.1,
            coercion_cost_slope=0.0,
            side_payment_budget=0.1,
            ally_power=0.5,
        ),
        Tier.COMPLEX,
        0.1,
        0.4,
        -0.45,
        False,
        (COMPENSATED,),
        False,
        "budget",
    ),
    # Simple, compensated, conflict: s = 0.2, κ = 0.05 + 0.4 = 0.45 > e = 0.2 (not credible);
    # simple lo = 0.15 − 0.1 = 0.05, hi = 0.3, p = clip(0.05 + 0.5·0.25) = 0.1;
    # complex lo = 0.6 − 0.1 = 0.5 > 0.1, but with the stranglehold max(0, 0.5 − 0.5) = 0 ≤ 0.1.
    Case(
        "simple compensated, conflict",
        {**KOREA, "security_dependency": 0.2, "simple_cost": 0.15, "leader_value_simple": 0.3},
        Tier.SIMPLE,
        0.1,
        0.2,
        -0.05,
        False,
        (COMPENSATED,),
        True,
        "budget",
    ),
    # Infeasible: s = 0, simple lo = 0.2 > B = 0.05; complex lo = 0.6, with t = 0.3 still 0.3 > B:
    # no conflict. Status quo payoffs (0, −sσ + w) = (0, 0). Simple margins: surplus −0.1,
    # budget −0.15, leader gain 0.1 → budget binds.
    Case(
        "infeasible",
        {
            **KOREA,
            "security_dependency": 0.0,
            "stranglehold": 0.3,
            "simple_cost": 0.2,
            "side_payment_budget": 0.05,
        },
        Tier.INFEASIBLE,
        0.0,
        0.0,
        0.0,
        False,
        (),
        False,
        "budget",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_hand_worked_case(case):
    result = solve(Dyad(**case.params))
    assert result.tier is case.tier
    assert result.side_payment == pytest.approx(case.side_payment, abs=1e-12)
    assert result.leader_payoff == pytest.approx(case.leader_payoff, abs=1e-12)
    assert result.ally_payoff == pytest.approx(case.ally_payoff, abs=1e-12)
    assert result.threat_credible is case.credible
    assert result.threat_used is (case.credible and case.tier is Tier.COMPLEX)
    assert result.mechanism == case.mechanism
    assert result.conflict is case.conflict
    assert result.binding == case.binding


def test_tier_outcome_details_of_the_coerced_case():
    result = solve(Dyad(**KOREA))
    complex_ = result.tiers[Tier.COMPLEX]
    assert complex_.lo == pytest.approx(-0.35)
    assert complex_.hi == pytest.approx(0.4)
    assert complex_.interval == pytest.approx((0.0, 0.1))
    assert complex_.ally_disagreement == pytest.approx(-0.95)  # −sσ − t + w
    assert complex_.leader_disagreement == pytest.approx(0.1)  # e − κ(s)
    assert complex_.margins == pytest.approx(
        {"joint_surplus": 0.75, "budget": 0.1, "leader_gain": 0.4}
    )
    assert complex_.margin == pytest.approx(0.1)
    assert complex_.voluntary_margin == pytest.approx(0.45 - 0.6)
    simple = result.tiers[Tier.SIMPLE]
    assert simple.leader_disagreement == 0.0 and simple.ally_disagreement == pytest.approx(-0.45)


def test_credibility_tie_counts_as_credible():
    # κ(0.5) = 0.1 + 0.4·0.5 evaluates to 0.30000000000000004 in floating point.
    dyad = Dyad(
        enforcement_value=0.3,
        coercion_cost_base=0.1,
        coercion_cost_slope=0.4,
        security_dependency=0.5,
    )
    assert dyad.sanction_gain < 0 < dyad.sanction_gain + TOL
    assert solve(dyad).threat_credible


def test_single_point_interval_is_sustainable():
    # Complex lo = c₂ − sσ = 0.6 − 0.5 = 0.1 = B: the interval is the single point {0.1}.
    dyad = Dyad(
        market_loss=0.6,
        tech_gain=0.0,
        autonomy_cost=0.0,
        security_dependency=1.0,
        security_stake=0.5,
        side_payment_budget=0.1,
        enforcement_value=0.0,
    )
    result = solve(dyad)
    assert result.tier is Tier.COMPLEX
    assert result.side_payment == pytest.approx(0.1)
    assert result.tiers[Tier.COMPLEX].margin == pytest.approx(0.0, abs=1e-15)
    assert solve(dyad.replace(side_payment_budget=0.1 - 1e-6)).tier is Tier.SIMPLE


def test_agrees_with_independent_reference_on_random_dyads():
    dyads = random_dyads(seed=20241, n=5000)
    tiers = set()
    for dyad in dyads:
        tier, payment, conflict = classify(dyad)
        result = solve(dyad)
        assert result.tier.value == tier, dyad
        assert result.side_payment == pytest.approx(payment, abs=1e-12)
        assert result.conflict is conflict
        tiers.add(tier)
    assert tiers == {"infeasible", "simple", "complex"}  # the draws cover every tier


def nash_product_maximiser(lo: float, hi: float, low: float, high: float, alpha: float) -> float:
    """argmax of α log(p − lo) + (1 − α) log(hi − p) over [low, high], found by scipy.

    A value-based search (``minimize_scalar``) locates the optimum only to about √ε relative, since
    the objective is flat there; the first-order condition, solved by ``brentq``, pins it to 1e-12.
    The two must agree with each other, which guards the root-finding route.
    """

    def negative_log_product(p):
        return -(alpha * math.log(p - lo) + (1 - alpha) * math.log(hi - p))

    def slope(p):
        return alpha / (p - lo) - (1 - alpha) / (hi - p)

    coarse = minimize_scalar(
        negative_log_product, bounds=(low, high), method="bounded", options={"xatol": 1e-12}
    )
    assert coarse.success
    if slope(low) <= 0:
        precise = low
    elif slope(high) >= 0:
        precise = high
    else:
        precise = brentq(slope, low, high, xtol=1e-15, rtol=4 * np.finfo(float).eps)
    assert precise == pytest.approx(coarse.x, abs=1e-6)
    return float(precise)


def test_closed_form_payment_maximises_the_nash_product():
    rng = np.random.default_rng(7)
    checked = 0
    for dyad in random_dyads(seed=11, n=3000):
        result = solve(dyad)
        for outcome in result.tiers.values():
            low, high = outcome.interval
            # A non-degenerate interval strictly inside (lo, hi), so the logarithms are finite.
            if (
                not outcome.sustainable
                or high - low < 1e-3
                or low <= outcome.lo
                or high >= outcome.hi
            ):
                continue
            alpha = float(rng.uniform(0.01, 0.99))
            closed = solve(dyad.replace(ally_power=alpha)).tiers[outcome.tier].payment
            numeric = nash_product_maximiser(outcome.lo, outcome.hi, low, high, alpha)
            assert closed == pytest.approx(numeric, abs=1e-9)
            checked += 1
    assert checked >= 200


def test_classification_does_not_depend_on_ally_power():
    for dyad in random_dyads(seed=3, n=1500):
        base = solve(dyad)
        for alpha in (0.0, 0.37, 1.0):
            other = solve(dyad.replace(ally_power=alpha))
            assert other.tier is base.tier
            assert other.conflict is base.conflict
            assert other.threat_credible is base.threat_credible


def test_payments_within_budget_and_payoffs_consistent():
    for dyad in random_dyads(seed=5, n=3000):
        result = solve(dyad)
        assert 0.0 <= result.side_payment <= dyad.side_payment_budget
        if result.tier is Tier.INFEASIBLE:
            assert result.side_payment == 0.0 and result.mechanism == ()
        else:
            cost = dyad.complex_cost if result.tier is Tier.COMPLEX else dyad.simple_cost
            value = (
                dyad.leader_value_complex
                if result.tier is Tier.COMPLEX
                else dyad.leader_value_simple
            )
            assert result.ally_payoff == pytest.approx(result.side_payment - cost)
            assert result.leader_payoff == pytest.approx(value - result.side_payment)
            # Individual rationality: each side does at least as well as at disagreement.
            outcome = result.tiers[result.tier]
            assert result.ally_payoff >= outcome.ally_disagreement - 1e-9
            assert result.leader_payoff >= outcome.leader_disagreement - 1e-9


def test_solve_rejects_bad_method_and_non_dyad():
    with pytest.raises(ValueError, match=r"method='bogus' is not known; allowed: 'nash'"):
        solve(Dyad(), method="bogus")
    with pytest.raises(TypeError, match=r"dyad must be a coalition_games\.Dyad"):
        solve({"stranglehold": 0.5})


def test_solution_reports():
    result = solve(Dyad(**KOREA, leader="USA", ally="South Korea"))
    text = str(result)
    assert "USA–South Korea: COMPLEX coalition" in text and "coerced + compensated" in text
    html = result._repr_html_()
    assert html.startswith("<table>") and "coerced + compensated" in html
    data = result.to_dict()
    assert data["tier"] == "complex" and data["mechanism"] == ["coerced", "compensated"]
    assert data["tiers"]["complex"]["binding"] == "budget"
    assert data["parameters"]["stranglehold"] == 0.5
    import json

    assert json.loads(json.dumps(data)) == data


def test_tier_order_and_codes():
    assert Tier.INFEASIBLE < Tier.SIMPLE < Tier.COMPLEX
    assert Tier.SIMPLE < "complex" and Tier.COMPLEX >= "simple"
    assert [t.code for t in Tier] == [0, 1, 2]
    assert Tier.from_code(2) is Tier.COMPLEX
    with pytest.raises(ValueError, match="tier code must be 0, 1 or 2"):
        Tier.from_code(3)
    with pytest.raises(ValueError):
        Tier.SIMPLE < "medium"  # noqa: B015


def test_payment_stays_in_zero_to_budget_on_a_tolerance_tie():
    # Complex interval [max(0, lo), min(B, hi)] = [0, −1.84e-10]: empty by less than TOL, so
    # sustainable; the payment must still be a real payment in [0, B], not −1.84e-10.
    dyad = zero_dyad(security_dependency=1.84e-10, enforcement_value=1.0, coercion_cost_slope=1.0)
    result = solve(dyad)
    assert result.tier is Tier.COMPLEX
    assert result.tiers[Tier.COMPLEX].interval[1] < 0
    assert result.side_payment == 0.0
