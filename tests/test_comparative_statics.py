"""Comparative statics of the model §4, each under the conditions where the model guarantees it.

Guaranteed without conditions (proof sketch in each docstring), and where a property needs a
condition, a pinned counterexample shows it failing outside that condition.
"""

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from coalition_games import Dyad, Tier, solve
from tests.strategies import dyads

unit = st.floats(0.0, 1.0)

#: A dyad where, at high dependency, the leader would rather sanction than pay (e − κ(s) > v₂).
RATHER_SANCTION = Dyad(
    market_loss=0.05,
    tech_gain=0.0,
    autonomy_cost=0.0,
    security_stake=0.01,
    stranglehold=0.5,
    leader_value_complex=0.5,
    enforcement_value=0.6,
    coercion_cost_base=0.05,
    coercion_cost_slope=1.0,
    side_payment_budget=0.1,
)
amount = st.floats(0.0, 2.0)


def tier(dyad: Dyad) -> Tier:
    return solve(dyad).tier


@settings(max_examples=300)
@given(dyads(), unit, unit)
def test_more_stranglehold_never_lowers_the_tier(dyad, t1, t2):
    """t enters only the complex tier's lower bound max(0, c₂ − sσ − θt + w), which falls in t."""
    low, high = sorted((t1, t2))
    assert tier(dyad.replace(stranglehold=low)) <= tier(dyad.replace(stranglehold=high))


@settings(max_examples=300)
@given(dyads(), amount, amount)
def test_more_market_loss_never_raises_the_tier(dyad, m1, m2):
    """m raises c₂ and so the complex tier's lower bound; nothing else depends on it."""
    low, high = sorted((m1, m2))
    assert tier(dyad.replace(market_loss=high)) <= tier(dyad.replace(market_loss=low))


@settings(max_examples=300)
@given(dyads(), amount, amount)
def test_a_larger_budget_never_lowers_the_tier(dyad, b1, b2):
    """B raises the upper bound min(B, hi) of every tier."""
    low, high = sorted((b1, b2))
    assert tier(dyad.replace(side_payment_budget=low)) <= tier(
        dyad.replace(side_payment_budget=high)
    )


@settings(max_examples=300)
@given(dyads(), amount, amount)
def test_a_larger_target_offer_never_raises_the_tier(dyad, w1, w2):
    """w raises every tier's lower bound (the ally's outside option improves)."""
    low, high = sorted((w1, w2))
    assert tier(dyad.replace(target_offer=high)) <= tier(dyad.replace(target_offer=low))


@settings(max_examples=500)
@given(dyads(), unit, unit)
def test_more_dependency_never_lowers_the_tier_while_sanctioning_pays_less_than_the_coalition(
    dyad, s1, s2
):
    """Condition: at the higher s, e − κ(s) ≤ v₂ − B whenever the threat is credible there.

    The lower bounds fall in s (sσ grows, and θ switches on, adding t). The complex tier's upper
    bound min(B, v₂ − θ(e − κ(s))) falls only when a credible threat raises the leader's
    disagreement payoff above v₂ − B; under the condition it stays B at the higher s, its
    largest possible value.
    """
    low, high = sorted((s1, s2))
    upper = dyad.replace(security_dependency=high)
    assume(
        not upper.threat_credible
        or upper.sanction_gain <= upper.leader_value_complex - upper.side_payment_budget
    )
    assert tier(dyad.replace(security_dependency=low)) <= tier(upper)


def test_more_dependency_can_lower_the_tier_when_the_leader_would_rather_sanction():
    """Pinned counterexample: outside the condition above, dependency *lowers* the tier.

    κ(s) = 0.05 + 1.0·(1 − s). At s = 0, κ = 1.05 > e = 0.6: no threat, and the complex tier's
    interval [max(0, 0.05), min(0.1, 0.5)] = [0.05, 0.1] is sustainable. At s = 1, κ = 0.05 and
    e − κ = 0.55 > v₂ = 0.5: the leader would rather sanction than pay, hi = −0.05 < 0, and the
    complex tier collapses to simple.
    """
    dyad = RATHER_SANCTION
    at_zero = dyad.replace(security_dependency=0.0)
    at_one = dyad.replace(security_dependency=1.0)
    assert tier(at_zero) is Tier.COMPLEX and not at_zero.threat_credible
    assert at_one.threat_credible and at_one.sanction_gain > at_one.leader_value_complex
    assert tier(at_one) is Tier.SIMPLE


@settings(max_examples=300)
@given(dyads(), unit, unit)
def test_dependency_never_lowers_the_simple_tier(dyad, s1, s2):
    """Tier 1 has no threat: its lower bound c₁ − sσ + w falls in s, its upper bound is fixed."""
    low, high = sorted((s1, s2))
    lower = solve(dyad.replace(security_dependency=low)).tiers[Tier.SIMPLE].sustainable
    higher = solve(dyad.replace(security_dependency=high)).tiers[Tier.SIMPLE].sustainable
    assert higher or not lower


@settings(max_examples=300)
@given(dyads(), unit, unit)
def test_ally_power_moves_the_payment_monotonically(dyad, a1, a2):
    """p = clip(lo + α(hi − lo)) is non-decreasing in α: α only divides the surplus."""
    low, high = sorted((a1, a2))
    first, second = solve(dyad.replace(ally_power=low)), solve(dyad.replace(ally_power=high))
    assert first.tier is second.tier
    assert first.side_payment <= second.side_payment + 1e-12
