"""Non-cooperative concepts (the model §3.2–3.5): SPE, strategic form, Rubinstein, threat game."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.optimize import brentq

from coalition_games import Dyad, Mechanism, Tier, solve
from coalition_games.formulas import SCALAR, TOL, evaluate
from coalition_games.games.strategic import analyse, equilibria, strategic_form
from coalition_games.games.threats import ALLY_THREATS, LEADER_THREATS, threat_game
from coalition_games.games.tree import (
    ALLY,
    LEADER,
    Decision,
    GameTree,
    Terminal,
    backward_induction,
    tier_tree,
)
from coalition_games.solvers.rubinstein import proposer_share, rubinstein_payment
from tests.strategies import random_dyads

DYADS = random_dyads(seed=20240301, n=1000)
KOREA = Dyad(security_dependency=0.9, stranglehold=0.5, market_loss=0.6, side_payment_budget=0.2)


def _same_outcome(a, b):
    """Same classification, threat, pivotality and conflict (``compensated`` depends on α)."""
    assert a.tier is b.tier
    assert a.threat_credible == b.threat_credible and a.threat_used == b.threat_used
    assert (Mechanism.COERCED in a.mechanism) == (Mechanism.COERCED in b.mechanism)
    assert a.conflict == b.conflict


# --- subgame perfection -------------------------------------------------------------------


def test_spe_classification_and_offer_equal_nash_on_1000_random_dyads():
    for dyad in DYADS:
        spe, nash = solve(dyad, "spe"), solve(dyad, "nash")
        _same_outcome(spe, nash)
        at_zero = solve(dyad.replace(ally_power=0.0), "nash")
        assert spe.mechanism == at_zero.mechanism
        assert spe.side_payment == pytest.approx(at_zero.side_payment, abs=1e-12)
        for tier in (Tier.SIMPLE, Tier.COMPLEX):
            assert spe.tiers[tier].sustainable == nash.tiers[tier].sustainable


# Exact binary fractions: s·σ = 0.25, t = 0.25, c₂ = 0.75, so the ally's price is exactly 0.25.
TIE = Dyad(
    security_dependency=0.5,
    security_stake=0.5,
    stranglehold=0.25,
    market_loss=0.75,
    tech_gain=0.0,
    autonomy_cost=0.0,
    leader_value_complex=0.5,
    enforcement_value=0.25,
    coercion_cost_base=0.25,
    coercion_cost_slope=0.0,
    side_payment_budget=0.25,
)


@pytest.mark.parametrize(
    "changes",
    [
        {},  # e = κ(s): credible by a tie; B = price: a one-point interval
        {"side_payment_budget": 0.25 - TOL / 2},  # within tolerance of the price
        {"side_payment_budget": 0.25 - 2 * TOL},  # beyond it
        {"leader_value_complex": 0.5, "enforcement_value": 0.25 - TOL / 2},  # credible within TOL
        {"coercion_cost_base": 0.25 + 2 * TOL},  # not credible
        {"leader_value_complex": 0.5},
        {"leader_value_complex": 0.25 + 0.25},  # hi = v − (e − κ) = 0.5 ≥ price
        {"enforcement_value": 0.5, "coercion_cost_base": 0.25},  # hi = 0.5 − 0.25 = price
        {"stranglehold": 0.0},  # both candidate prices coincide
    ],
)
def test_spe_equals_nash_at_tolerance_ties(changes):
    dyad = TIE.replace(**changes)
    _same_outcome(solve(dyad, "spe"), solve(dyad, "nash"))


def test_spe_profile_includes_off_path_coercion_after_a_refusal():
    result = solve(KOREA, "spe")
    profile = result.details["strategy_profile"]
    assert result.details["path"] == ["offer 0", "accept"]
    assert profile["leader after offer 0 refused"] == "coerce"
    assert profile["leader after no demand"] == "coerce"
    assert profile["ally facing offer 0.15"] == "accept"
    incredible = KOREA.replace(coercion_cost_base=0.5)
    profile = solve(incredible, "spe").details["strategy_profile"]
    assert profile["leader after offer 0 refused"] == "acquiesce"
    assert profile["ally facing offer 0"] == "reject"


def _entry_deterrence() -> GameTree:
    """Selten's chain-store stage: the entrant stays out (0, 2) or enters; the incumbent
    fights (−1, −1) or accommodates (1, 1)."""
    incumbent = Decision(
        "incumbent",
        ALLY,
        (("fight", Terminal("war", (-1, -1))), ("accommodate", Terminal("share", (1, 1)))),
    )
    root = Decision("entrant", LEADER, (("out", Terminal("out", (0, 2))), ("in", incumbent)))
    return GameTree("entry deterrence", root, ("entrant", "incumbent"))


def test_entry_deterrence_textbook():
    tree = _entry_deterrence()
    spe = backward_induction(tree)
    assert spe.path == ("in", "accommodate") and spe.outcome.payoffs == (1, 1)
    found = equilibria(strategic_form(tree))
    from coalition_games.games.strategic import _credibility

    marks = {
        (tuple(e.leader.round(6)), tuple(e.ally.round(6))): _credibility(strategic_form(tree), e)
        for e in found
    }
    # Pure (in, accommodate) is subgame perfect; (out, fight) rests on an incredible threat, and
    # so does the whole component "out, fight with probability ≥ 1/2" (its extreme points).
    assert marks[((0.0, 1.0), (0.0, 1.0))] == ()
    assert marks[((1.0, 0.0), (1.0, 0.0))] == ("incumbent",)
    assert marks[((1.0, 0.0), (0.5, 0.5))] == ("incumbent",)
    assert len(found) == 3


# --- strategic form -----------------------------------------------------------------------


def test_strategic_equilibria_are_verified_and_contain_the_spe():
    rng = np.random.default_rng(7)
    for dyad in [DYADS[i] for i in rng.choice(len(DYADS), 150, replace=False)] + [KOREA]:
        for tier in (Tier.SIMPLE, Tier.COMPLEX):
            result = analyse(dyad, tier)  # raises if the SPE is missing
            form = result.form
            assert result.degenerate or len(form.columns) == 1
            for e in result.equilibria:
                assert e.regret <= 1e-9
                assert math.isclose(e.leader.sum(), 1) and math.isclose(e.ally.sum(), 1)
            assert result.equilibria[result.spe_index].subgame_perfect
            spe = result.equilibria[result.spe_index]
            assert spe.payoffs == pytest.approx(result.spe.values[()], abs=1e-9)
            assert form.game.payoff_matrices[0].shape == form.A.shape


def test_nashpy_vertex_enumeration_finds_nothing_we_miss():
    for dyad in [*DYADS[:40], KOREA]:
        form = analyse(dyad).form
        if min(form.A.shape) < 2:  # nashpy's qhull call needs two strategies on each side
            continue
        ours = [np.concatenate([e.leader, e.ally]) for e in equilibria(form)]
        with np.errstate(all="ignore"):
            theirs = [np.concatenate(eq) for eq in form.game.vertex_enumeration()]
        for eq in theirs:
            assert any(np.allclose(eq, o, atol=1e-8) for o in ours)


def test_non_credible_threat_equilibrium_is_reported():
    # e − κ(s) < 0: the threat is incredible. An equilibrium where the ally accepts the cheap
    # offer "because the leader would coerce" exists, and is marked as resting on that threat.
    dyad = KOREA.replace(coercion_cost_base=0.5, side_payment_budget=0.2)
    result = analyse(dyad)
    spe = result.equilibria[result.spe_index]
    cheap = [
        e
        for e in result.equilibria
        if not e.subgame_perfect and e.payoffs[0] > spe.payoffs[0] + 1e-9
    ]
    assert cheap and all("leader after offer 0 refused" in e.non_credible for e in cheap)


# --- Rubinstein ---------------------------------------------------------------------------


@pytest.mark.parametrize("d1, d2", [(0.9, 0.9), (0.5, 0.8), (0.99, 0.3), (0.0, 0.7)])
def test_rubinstein_textbook_share(d1, d2):
    assert proposer_share(d1, d2) == pytest.approx((1 - d2) / (1 - d1 * d2), abs=1e-15)
    # An unconstrained pie [0, 1] (lo = 0, hi = 1): the ally gets the responder's share.
    terms = SCALAR and evaluate(KOREA, SCALAR).simple._replace(lo=0.0, hi=1.0, lower=0.0, upper=1.0)
    assert rubinstein_payment(terms, d1, d2) == pytest.approx(1 - (1 - d2) / (1 - d1 * d2))


def _stationary_by_root(terms, d_l, d_a):
    """Independent route: solve the proposers' indifference conditions numerically."""

    def p_ally(p_leader):
        return min(terms.upper, max(terms.lower, terms.hi - d_l * (terms.hi - p_leader)))

    def gap(p):
        return max(terms.lower, min(terms.upper, terms.lo + d_a * (p_ally(p) - terms.lo))) - p

    if gap(terms.lower) <= 0:
        return terms.lower
    return brentq(gap, terms.lower, terms.upper, xtol=1e-15)


def test_rubinstein_closed_form_matches_root_finding():
    rng = np.random.default_rng(3)
    for dyad in DYADS[:300]:
        ev = evaluate(dyad, SCALAR)
        for terms in (ev.simple, ev.complex):
            if terms.sustainable and terms.upper > terms.lower:
                d_l, d_a = rng.uniform(0.05, 0.999, 2)
                closed = rubinstein_payment(terms, d_l, d_a)
                assert closed == pytest.approx(_stationary_by_root(terms, d_l, d_a), abs=1e-9)


def test_rubinstein_converges_to_asymmetric_nash_as_period_vanishes():
    for dyad in DYADS[:200]:
        r_l, r_a = 0.3 + dyad.ally_power, 1.1 - dyad.ally_power
        alpha = r_l / (r_l + r_a)
        nash = solve(dyad.replace(ally_power=alpha), "nash")
        errors = [
            abs(
                solve(dyad, "rubinstein", leader_rate=r_l, ally_rate=r_a, period=h).side_payment
                - nash.side_payment
            )
            for h in (1e-2, 1e-4, 1e-6)
        ]
        assert errors[2] <= 1e-5 and errors[2] <= errors[0] + 1e-12
        assert solve(dyad, "rubinstein", leader_rate=r_l, ally_rate=r_a).tier is nash.tier


def test_outside_option_variant_differs_exactly_on_coerced_dyads():
    differ = 0
    for dyad in DYADS:
        nash = solve(dyad, "nash")
        impasse = solve(dyad, "rubinstein")
        option = solve(dyad, "rubinstein", outside_option=True)
        _same_outcome(impasse, nash)
        if option.tier is Tier.COMPLEX:
            assert impasse.tier is Tier.COMPLEX
        c2, v2, b = dyad.complex_cost, dyad.leader_value_complex, dyad.side_payment_budget
        no_threat_price = max(
            0.0, c2 - dyad.security_dependency * dyad.security_stake + dyad.target_offer
        )
        expected = (
            dyad.threat_credible
            and nash.tier is Tier.COMPLEX
            and no_threat_price > min(b, v2 - dyad.sanction_gain) + TOL
        )
        assert (option.tier is not impasse.tier) == expected
        if Mechanism.COERCED in nash.mechanism:
            assert expected
        differ += expected
    assert differ > 0


# --- variable threats ---------------------------------------------------------------------


def test_threat_game_cells_and_equilibria():
    for dyad in DYADS[:200]:
        game = threat_game(dyad)
        A, B = game.form.A, game.form.B
        pure = {
            (LEADER_THREATS[i], ALLY_THREATS[j])
            for i in range(2)
            for j in range(2)
            if A[i, j] >= A[:, j].max() - 1e-12 and B[i, j] >= B[i].max() - 1e-12
        }
        assert set(game.pure()) == pure  # brute-force pure equilibria
        assert game.equilibria and all(e.regret <= 1e-9 for e in game.equilibria)
        if dyad.threat_credible:  # (stranglehold, hedge) is the baseline bargain
            nash = solve(dyad, "nash")
            assert game.tiers[1][1] is nash.tier
            if nash.tier is not Tier.INFEASIBLE:
                assert A[1, 1] == pytest.approx(nash.leader_payoff, abs=1e-12)


# --- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: tier_tree(KOREA, "medium"), ValueError, "tier='medium'"),
        (lambda: tier_tree(KOREA, Tier.INFEASIBLE), ValueError, "tier="),
        (lambda: tier_tree("korea", "simple"), TypeError, "dyad"),
        (lambda: tier_tree(KOREA, "complex", "bluff"), ValueError, "response='bluff'"),
        (lambda: analyse(KOREA, "none"), ValueError, "tier='none'"),
        (lambda: threat_game(None), TypeError, "dyad"),
        (lambda: solve(KOREA, "rubinstein", period=-1.0), ValueError, "period"),
        (lambda: solve(KOREA, "rubinstein", period=0.0), ValueError, "period"),
        (lambda: solve(KOREA, "rubinstein", period=math.nan), ValueError, "period"),
        (lambda: solve(KOREA, "rubinstein", leader_rate="fast"), TypeError, "leader_rate"),
        (lambda: solve(KOREA, "rubinstein", ally_rate=math.inf), ValueError, "ally_rate"),
        (lambda: solve(KOREA, "rubinstein", leader_rate=0, ally_rate=0), ValueError, "both"),
        (lambda: solve(KOREA, "rubinstein", outside_option="yes"), TypeError, "outside_option"),
        (lambda: proposer_share(1.0, 1.0), ValueError, "both be 1"),
        (lambda: proposer_share(1.5, 0.5), ValueError, "delta_proposer"),
        (lambda: solve(KOREA, "spe", period=1.0), TypeError, "period"),
    ],
)
def test_bad_input_names_the_problem(call, error, words):
    with pytest.raises(error, match=None) as info:
        call()
    assert words in str(info.value)


def test_analyses_explain_themselves_in_words():
    from coalition_games.games.strategic import analyse
    from coalition_games.games.threats import threat_game

    korea = Dyad(ally="South Korea", security_dependency=0.9, stranglehold=0.5, market_loss=0.6)
    text = str(analyse(korea, "complex"))
    assert "extreme Nash equilibria" in text and "[SPE]" in text and "subgame perfect" in text
    assert "non-credible play at: leader after offer 0 refused" in text
    html = analyse(korea, "complex")._repr_html_()
    assert html.startswith("<table>") and ">SPE<" in html and "text-align:left" in html
    threats = str(threat_game(korea))
    assert "leader stranglehold, ally no counter-threat: complex" in threats
