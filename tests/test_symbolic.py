"""The symbolic layer: the same formulas as the numeric solver, its derivations and proofs."""

import functools

import numpy as np
import pytest
import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from coalition_games import Dyad, Tier, formulas, solve, sweep
from coalition_games import symbolic as sym
from coalition_games.parameters import PARAMETER_NAMES, PARAMETERS_BY_NAME
from tests.strategies import dyads, random_parameter_arrays
from tests.test_comparative_statics import RATHER_SANCTION

S = sym.SYMBOLS
# Baseline points (no linkage cap: X̄ = +∞); the linkage regimes have tests of their own.
PARAMS = {**random_parameter_arrays(np.random.default_rng(99), 4_000), "linkage_cap": np.inf}


def test_symbols_carry_the_articles_names_and_signs():
    assert sp.latex(S.coercion_cost_base) == r"\kappa_{0}"
    assert sp.latex(S.security_stake) == r"\sigma"
    assert S.security_stake.is_positive and S.stranglehold.is_nonnegative


def test_lambdified_symbolic_evaluation_equals_the_numeric_sweep():
    ev = sym.evaluation()
    result = sweep(**PARAMS)
    for expr, expected in [
        (ev.tier, result.tier),
        (ev.side_payment, result.side_payment),
        (ev.ally_payoff, result.ally_payoff),
        (ev.credible, result.threat_credible),
        (ev.conflict, result.conflict),
        (ev.coerced, result.coerced),
    ]:
        got = np.broadcast_to(sym.numpy_function(expr)(**PARAMS), expected.shape)
        np.testing.assert_allclose(got.astype(float), expected.astype(float), rtol=0, atol=1e-12)


def test_credibility_threshold_is_derived_and_equals_the_formula():
    derived = sym.credibility_threshold()
    slope = sp.Symbol("k", positive=True)  # the formula's κ₁ > 0 branch
    numeric = formulas.credibility_threshold(S, sym.SYMBOLIC).subs(S.coercion_cost_slope, slope)
    assert sp.simplify(derived.subs(S.coercion_cost_slope, slope) - numeric) == 0
    assert sp.simplify(formulas.sanction_gain(S).subs(S.security_dependency, derived)) == 0
    dyad = Dyad(enforcement_value=0.3, coercion_cost_base=0.05, coercion_cost_slope=0.5)
    s_star = sym.numpy_function(derived)(**dyad.parameters())
    assert s_star == pytest.approx(dyad.credibility_threshold)
    assert r"\kappa_{1}" in sym.latex(derived)


@pytest.mark.parametrize(
    ("tier", "credible"), [(Tier.SIMPLE, False), (Tier.COMPLEX, True), (Tier.COMPLEX, False)]
)
def test_sustainability_condition_matches_the_numeric_tier_terms(tier, credible):
    ev = formulas.evaluate(_Namespace(PARAMS), formulas.ARRAY)
    numeric_terms = ev.simple if tier is Tier.SIMPLE else ev.complex
    regime = np.ones(len(PARAMS["stranglehold"]), bool) if tier is Tier.SIMPLE else ev.credible
    if not credible:
        regime = ~regime if tier is Tier.COMPLEX else regime
    condition = sym.numpy_function(sym.sustainability(tier, credible))(**PARAMS)
    np.testing.assert_array_equal(condition[regime], numeric_terms.sustainable[regime])
    assert regime.sum() > 500


def test_boundaries_solve_their_margins_to_zero():
    for tier, credible in [(Tier.SIMPLE, False), (Tier.COMPLEX, True), (Tier.COMPLEX, False)]:
        margins = sym.margins(tier, credible)
        for parameter in PARAMETER_NAMES:
            for constraint, roots in sym.boundary(tier, parameter, credible).items():
                margin = margins[constraint]
                if constraint == "budget":  # the boundary of its piece B − lo
                    terms = sym.evaluation(credible)
                    lo = (terms.simple if tier is Tier.SIMPLE else terms.complex).lo
                    margin = S.side_payment_budget - lo
                for root in roots:
                    assert sp.simplify(margin.subs(getattr(S, parameter), root)) == 0
    (t_budget,) = sym.boundary(Tier.COMPLEX, "stranglehold")["budget"]
    assert sp.expand(t_budget - (S.market_loss + S.autonomy_cost - S.tech_gain)) == sp.expand(
        S.target_offer - S.security_dependency * S.security_stake - S.side_payment_budget
    )


def test_derivative_signs_hold_on_random_points_by_finite_differences():
    rng = np.random.default_rng(5)
    checked = 0
    for row in sym.comparative_statics():
        if row.sign not in "+-0":
            continue
        margin = sym.numpy_function(sym.margins(row.tier, row.credible)[row.constraint])
        base = {k: v[:500] if np.ndim(v) else v for k, v in PARAMS.items()}
        step = rng.uniform(0, 0.2, 500)
        moved = dict(base)
        upper = PARAMETERS_BY_NAME[row.parameter].upper  # stay in the domain numpy_function checks
        moved[row.parameter] = np.minimum(base[row.parameter] + step, upper)
        change = _call(margin, moved) - _call(margin, base)
        if row.sign == "+":
            assert (change >= -1e-12).all(), row
        elif row.sign == "-":
            assert (change <= 1e-12).all(), row
        else:
            assert np.allclose(change, 0), row
        checked += 1
    assert checked > 100


def test_sign_is_exact_on_the_parameter_box():
    s, sigma, k1 = S.security_dependency, S.security_stake, S.coercion_cost_slope
    assert sym.sign(1 - s) == "+"
    assert sym.sign(-sigma * s) == "-"
    assert sym.sign(sigma - k1) == "±"
    assert sym.sign(s - s) == "0"
    assert sym.sign(2 - s - S.stranglehold) == "+"
    assert sym.sign(1 - s - S.stranglehold) == "±"
    with pytest.raises(NotImplementedError):
        sym.sign(s**2 - s)


@pytest.mark.parametrize(("parameter", "direction"), sym.ARTICLE_CLAIMS)
def test_article_claims_proved_unconditionally_except_dependency(parameter, direction):
    effect = sym.monotone_effect(parameter, direction)
    assert effect.unconditional is (parameter != "security_dependency")
    assert effect.proof[-1].startswith("hence")


def test_dependency_condition_is_the_pinned_one():
    """Derived: credible at the higher s ⇒ e − κ(s) ≤ v₂ − B (tests/test_comparative_statics)."""
    gain = formulas.sanction_gain(S)
    pinned = sp.Or(gain < 0, gain <= S.leader_value_complex - S.side_payment_budget)
    derived = sym.monotone_effect("security_dependency").condition
    got = sym.numpy_function(derived)(**PARAMS)
    np.testing.assert_array_equal(got, sym.numpy_function(pinned)(**PARAMS))
    assert 0 < got.mean() < 1


@functools.cache
def condition_function(parameter, direction):
    return sym.numpy_function(sym.monotone_effect(parameter, direction).condition)


@settings(max_examples=150, deadline=None)
@given(
    dyads(),
    st.sampled_from(
        [(p, d) for p, d in sym.ARTICLE_CLAIMS]
        + [("enforcement_value", 1), ("coercion_cost_base", -1), ("coercion_cost_slope", -1)]
        + [("coercion_cost_base", 1), ("security_dependency", -1)]
    ),
    st.floats(0, 1),
    st.floats(0, 1),
)
def test_the_tier_never_falls_where_the_derived_condition_holds(dyad, claim, u1, u2):
    parameter, direction = claim
    scale = 1.0 if parameter in ("security_dependency", "stranglehold") else 2.0
    start, end = sorted((u1 * scale, u2 * scale))[:: 1 if direction > 0 else -1]
    before, after = dyad.replace(**{parameter: start}), dyad.replace(**{parameter: end})
    assume(bool(condition_function(parameter, direction)(**after.parameters())))
    assert solve(before).tier <= solve(after).tier


def test_counterexample_outside_the_condition_for_enforcement_value():
    """Raising e makes the threat credible and e − κ(s) > v₂: the leader would rather sanction."""
    dyad = RATHER_SANCTION.replace(security_dependency=1.0)
    low, high = dyad.replace(enforcement_value=0.0), dyad.replace(enforcement_value=0.6)
    condition = sym.numpy_function(sym.monotone_effect("enforcement_value").condition)
    assert not condition(**high.parameters())
    assert solve(low).tier is Tier.COMPLEX and solve(high).tier is Tier.SIMPLE


class _Namespace:
    def __init__(self, values):
        self.__dict__.update(values)


def _call(function, params):
    return np.asarray(function(**params), float)
