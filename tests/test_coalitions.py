"""Multilateral coalitions: the dyad as a special case, the vectorised route against the scalar one,
accession against brute force, Shapley values against permutations, the core, named errors."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coalition_games import Dyad, Tier, solve
from coalition_games.coalitions import (
    Coalition,
    CoalitionMember,
    DuplicateMemberError,
    EmptyCoalitionError,
    UnknownMemberError,
    grand_tier_codes,
    member_dyad,
    solve_coalition,
)
from coalition_games.coalitions.accession import accession
from coalition_games.coalitions.cooperative import core, shapley_values, worths
from coalition_games.formulas import TOL
from tests.coalition_fixtures import calibrated_dyads
from tests.strategies import dyads, random_dyads, zero_dyad


def random_coalition(seed: int, n: int, **options) -> Coalition:
    rng = np.random.default_rng(seed)
    members = tuple(
        CoalitionMember(d.replace(ally=f"A{i}", leader="L"), float(rng.uniform(5, 150)))
        for i, d in enumerate(random_dyads(seed, n))
    )
    options.setdefault("leader_supply", float(rng.uniform(0, 100)))
    options.setdefault("complementarity", float(rng.uniform(0, 2)))
    options.setdefault("displacement", float(rng.uniform(0, 0.3)))
    return Coalition("random", members, **options)


# -- one ally is the dyad ---------------------------------------------------------------------
@settings(max_examples=150, deadline=None)
@given(
    dyad=dyads(),
    stake=st.floats(0.1, 500),
    supply=st.floats(0, 500),
    gamma=st.floats(0, 3),
    delta=st.floats(0, 1),
)
def test_one_ally_coalition_reproduces_the_dyad(dyad, stake, supply, gamma, delta):
    coalition = Coalition("one", (CoalitionMember(dyad, stake),), supply, gamma, delta)
    expected = solve(dyad)
    result = solve_coalition(coalition)
    assert result.tier is expected.tier
    if expected.tier is not Tier.INFEASIBLE:
        paid = result.payments[dyad.ally] / stake
        assert paid == pytest.approx(expected.side_payment, abs=1e-9)
    # the sequential accession of one ally: joins iff the complex tier is sustainable, at α = 0
    path = accession(coalition, Tier.COMPLEX)
    complex_ = expected.tiers[Tier.COMPLEX]
    assert (path.members == (dyad.ally,)) == complex_.sustainable
    if complex_.sustainable:
        assert path.steps[0].payment == pytest.approx(complex_.interval[0], abs=1e-12)


# -- the vectorised route against the scalar one ----------------------------------------------
@pytest.mark.parametrize("seed", range(6))
def test_sustainability_and_stability_match_the_scalar_member_dyads(seed):
    coalition = random_coalition(seed, 3)
    names = coalition.names
    pool = coalition.pool
    for size in range(1, 4):
        for subset in itertools.combinations(names, size):
            for tier in (Tier.SIMPLE, Tier.COMPLEX):
                sols = {n: solve(member_dyad(coalition, subset, n)) for n in subset}
                outs = {n: s.tiers[tier] for n, s in sols.items()}
                stake = {m.name: m.stake for m in coalition.members}
                need = sum(stake[n] * o.interval[0] for n, o in outs.items())
                agree = all(o.hi >= o.interval[0] - TOL for o in outs.values())
                sustainable = agree and need <= pool + TOL
                assert coalition.sustainable(subset, tier) == sustainable
                if not sustainable:
                    assert not coalition.stable(subset, tier)
                    continue
                left = pool - sum(coalition._payments(coalition.mask(subset), tier).values())
                joins = False
                for j in set(names) - set(subset):
                    o = solve(member_dyad(coalition, (*subset, j), j)).tiers[tier]
                    joins |= o.hi >= o.interval[0] - TOL and stake[j] * o.interval[0] <= left + TOL
                assert coalition.stable(subset, tier) == (not joins)


def test_payments_fit_the_pool_and_respect_each_interval():
    for seed in range(10):
        coalition = random_coalition(seed, 4)
        result = solve_coalition(coalition)
        assert result.budget_used <= coalition.pool + 1e-9
        for name, paid in result.payments.items():
            out = result.members[name]
            stake = coalition.members[coalition.names.index(name)].stake
            assert out.interval[0] - 1e-9 <= paid / stake <= out.hi + 1e-9


def test_grand_tier_codes_over_draws_match_solve_coalition():
    coalition = random_coalition(3, 3)
    rng = np.random.default_rng(0)
    draws = {
        n: {"stranglehold": rng.uniform(0, 1, 40), "market_loss": rng.uniform(0, 1, 40)}
        for n in coalition.names
    }
    codes = grand_tier_codes(coalition, draws)
    for k in range(40):
        moved = coalition.replace_members(
            {
                m.name: m.dyad.replace(**{p: float(v[k]) for p, v in draws[m.name].items()})
                for m in coalition.members
            }
        )
        assert codes[k] == solve_coalition(moved).tier.code


def test_coverage_value_and_holdout_follow_their_definitions():
    japan = CoalitionMember(Dyad(ally="J", market_loss=0.2, leader_value_complex=0.3), 100.0)
    korea = CoalitionMember(Dyad(ally="K", market_loss=0.6, leader_value_complex=0.5), 50.0)
    c = Coalition("c", (japan, korea), leader_supply=40.0, complementarity=2.0, displacement=0.2)
    assert c.coverage(["J"]) == pytest.approx((40 + 20) / (40 + 20 + 30))
    assert c.leader_value(["J"]) == pytest.approx((60 / 90) ** 2 * 30)
    assert c.leader_value(["J", "K"], "simple") == pytest.approx(100 * 0.1 + 50 * 0.1)
    assert c.holdout_loss("K", ["J"]) == pytest.approx(0.2 * 0.4 * 1.0)
    assert c.holdout_loss("K", []) == 0.0


# -- accession against brute force ------------------------------------------------------------
@pytest.mark.parametrize("seed", range(8))
def test_accession_is_the_leaders_best_sequence(seed):
    coalition = random_coalition(seed, 3)
    names, stake = coalition.names, {m.name: m.stake for m in coalition.members}
    coercion = {
        m.name: m.stake * m.dyad.sanction_gain if m.dyad.threat_credible else 0.0
        for m in coalition.members
    }
    best = 0.0 + sum(coercion.values())  # nobody joins
    for size in range(1, 4):
        for order in itertools.permutations(names, size):
            cost = 0.0
            for k, j in enumerate(order):
                lo = solve(member_dyad(coalition, order[:k], j)).tiers[Tier.COMPLEX].lo
                cost += stake[j] * max(0.0, lo)
            if cost <= coalition.pool + TOL:
                payoff = coalition.leader_value(order) - cost
                payoff += sum(v for n, v in coercion.items() if n not in order)
                best = max(best, payoff)
    path = accession(coalition)
    assert path.leader_payoff == pytest.approx(best, abs=1e-9)
    assert path.cost <= coalition.pool + TOL
    assert sum(s.payment_bn for s in path.steps) == pytest.approx(path.cost, abs=1e-9)


def test_accession_order_is_reported_as_tie_broken_when_payments_are_equal():
    dyads = calibrated_dyads()
    members = tuple(
        CoalitionMember(dyads[c], w) for c, w in (("us_japan", 95.0), ("us_south_korea", 130.0))
    )
    path = accession(Coalition("pair", members, 96.3))
    if all(s.payment == 0 for s in path.steps) and len(path.steps) > 1:
        assert not path.determined
    assert path.steps == tuple(sorted(path.steps, key=lambda s: s.before))


# -- cooperative game -------------------------------------------------------------------------
@pytest.mark.parametrize("seed", range(5))
def test_shapley_values_equal_the_average_over_orderings(seed):
    coalition = random_coalition(seed, 3)
    v = worths(coalition)
    players = (coalition.leader, *coalition.names)
    total = dict.fromkeys(players, 0.0)
    orders = list(itertools.permutations(range(len(players))))
    for order in orders:
        mask = 0
        for p in order:
            total[players[p]] += v[mask | 1 << p] - v[mask]
            mask |= 1 << p
    phi = shapley_values(coalition)
    for p in players:
        assert phi[p] == pytest.approx(total[p] / len(orders), abs=1e-9)
    assert sum(phi.values()) == pytest.approx(v[-1], abs=1e-9)


@pytest.mark.parametrize("seed", range(8))
def test_core_allocation_satisfies_every_coalition_when_not_empty(seed):
    coalition = random_coalition(seed, 3)
    result = core(coalition)
    assert sum(result.allocation.values()) == pytest.approx(result.grand, abs=1e-7)
    assert result.contains(result.allocation, coalition) == (not result.empty)


def test_core_is_empty_when_a_reluctant_ally_spoils_the_grand_coalition():
    eager = CoalitionMember(Dyad(ally="E", security_dependency=1.0, market_loss=0.2), 10.0)
    # an ally that never agrees to anything (c₁ far above what the leader can give)
    spoiler = CoalitionMember(
        Dyad(ally="S", security_dependency=0.0, simple_cost=5.0, autonomy_cost=5.0), 10.0
    )
    coalition = Coalition("c", (eager, spoiler), leader_supply=10.0)
    assert solve_coalition(coalition).tier is Tier.INFEASIBLE
    assert coalition.sustainable(["E"], "complex")
    result = core(coalition)
    assert result.empty and result.epsilon > 0


# -- named errors -----------------------------------------------------------------------------
def test_bad_coalitions_raise_named_errors():
    d = Dyad(ally="A")
    with pytest.raises(EmptyCoalitionError, match="no member"):
        Coalition("c", (), 1.0)
    with pytest.raises(DuplicateMemberError, match="'A'"):
        Coalition("c", (CoalitionMember(d, 1.0), CoalitionMember(d, 2.0)), 1.0)
    c = Coalition("c", (CoalitionMember(d, 1.0),), 1.0)
    with pytest.raises(EmptyCoalitionError):
        c.sustainable([], "complex")
    with pytest.raises(DuplicateMemberError):
        c.stable(["A", "A"], "complex")
    with pytest.raises(UnknownMemberError, match="'B'"):
        c.coverage(["B"])
    with pytest.raises(ValueError, match="stake"):
        CoalitionMember(d, 0.0)
    with pytest.raises(ValueError, match="displacement"):
        Coalition("c", (CoalitionMember(d, 1.0),), 1.0, displacement=2.0)
    with pytest.raises(ValueError, match="leader_supply"):
        Coalition("c", (CoalitionMember(d, 1.0),), math.nan)
    with pytest.raises(ValueError, match="tier"):
        c.sustainable(["A"], "infeasible")


@pytest.mark.parametrize("budget", [0.0, 1.0])
def test_one_ally_tie_scales_the_tolerance_with_the_stake(budget):
    """A dyad on a tolerance tie (the ally's price exceeds B by 1.84e-10 < TOL) is complex; the
    coalition compares US$ bn amounts, so its tolerance must scale with the stake (here 500)."""
    dyad = zero_dyad(ally="X", target_offer=1.84e-10, side_payment_budget=budget)
    coalition = Coalition("one", (CoalitionMember(dyad, 500.0),), 1.0)
    expected = solve(dyad)
    assert expected.tier is Tier.COMPLEX
    assert solve_coalition(coalition).tier is expected.tier
    assert accession(coalition, Tier.COMPLEX).members == ("X",)
