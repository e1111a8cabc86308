"""The model §2 and the linkage option of §6, written once over an array namespace.

Every function here takes ``p`` — any object with the parameter names of
``coalition_games.parameters`` as attributes (a ``Dyad``, a namespace of numpy or dask arrays, a
namespace of sympy symbols) — and an :class:`Ops` backend that supplies the few operations that
differ between floats, arrays and symbols (max, min, select, comparison with tolerance). The scalar
solver, the vectorised sweep and the symbolic layer all evaluate these same definitions.

Notation (the model §2; units: fractions of the ally's stake in the contested industry):

* c₁ = ``simple_cost``; c₂ = m + a − g                       (ally's cost of joining tier k)
* κ(s) = κ₀ + κ₁(1 − s)                                       (leader's cost of coercion)
* credible ⇔ e − κ(s) ≥ 0;  θ = 1 if credible else 0          (subgame perfection)
* security loss on refusal ℓ(s) = min(sσ, X̄); X̄ = +∞ in the baseline, so ℓ(s) = sσ  (§6)
* disagreement of tier k: d_A = −ℓ(s) − θₖ t + w,  d_L = θₖ (e − κ(s)),  θ₁ = 0
* lo = c_k + d_A (ally's reservation price), hi = v_k − d_L (leader's reservation price)
* agreement interval [max(0, lo), min(B, hi)]; tier k sustainable iff it is non-empty
* Nash side-payment p = clip(lo + α (hi − lo), max(0, lo), min(B, hi))
* conflict ⇔ tier 2 not sustainable ∧ max(0, c₂ − ℓ(s) − t + w) ≤ min(B, v₂) ∧ not credible

Ties: a comparison ``a ≥ b`` holds when ``a ≥ b − TOL`` (numeric backends only; the symbolic
backend compares exactly). An interval of one point is sustainable. This is the one tolerance
policy of the package: the Nash solution, the sweep, the Monte Carlo, the sequential game's
backward induction (:mod:`coalition_games.games.tree`, whose payoffs are :func:`settled` so that
its comparisons decide as these do) and the strategic form (:mod:`coalition_games.games.strategic`,
which treats payoffs within ``TOL`` as equal) all decide by ``Ops.ge``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np

__all__ = [
    "ARRAY",
    "DENORM",
    "SCALAR",
    "TOL",
    "Bargains",
    "Evaluation",
    "Ops",
    "TierTerms",
    "bargains",
    "coercion_cost",
    "complex_cost",
    "complex_stranglehold_alone",
    "complex_without_threat",
    "cost_and_value",
    "credibility_threshold",
    "evaluate",
    "least_budget",
    "margins",
    "refusal_loss",
    "sanction_gain",
    "security_loss",
    "settled",
    "signed",
    "tier_terms",
    "voluntary_margin",
]

#: Absolute tolerance of every comparison in the numeric backends (payoff units: the ally's stake).
TOL = 1e-9


@dataclass(frozen=True)
class Ops:
    """The operations in which floats, arrays and symbols differ."""

    maximum: Callable[[Any, Any], Any]
    minimum: Callable[[Any, Any], Any]
    where: Callable[[Any, Any, Any], Any]
    ge: Callable[[Any, Any], Any]
    and_: Callable[[Any, Any], Any]
    or_: Callable[[Any, Any], Any]
    not_: Callable[[Any], Any]
    #: An integer constant (the tier codes 0, 1, 2) in the backend's integer type.
    integer: Callable[[int], Any] = int


#: Plain Python floats and bools: the scalar solver.
SCALAR = Ops(
    maximum=max,
    minimum=min,
    where=lambda cond, a, b: a if cond else b,
    ge=lambda a, b: a >= b - TOL,
    and_=lambda a, b: a and b,
    or_=lambda a, b: a or b,
    not_=lambda a: not a,
)

#: numpy arrays, and any array type that implements numpy's ufunc and array-function protocols
#: (dask arrays): the vectorised sweep.
ARRAY = Ops(
    maximum=np.maximum,
    minimum=np.minimum,
    where=np.where,
    ge=lambda a, b: a >= b - TOL,
    and_=np.logical_and,
    or_=np.logical_or,
    not_=np.logical_not,
    integer=np.int8,  # tier codes: one byte per point, as in ``SweepResult.tier``
)


def settled(value: Any, reference: Any, holds: Any) -> Any:
    """``value``, moved to the tolerance edge if needed so that ``ge(value, reference)`` is
    ``holds`` (floats, or numpy arrays elementwise).

    A payoff computed along one route (v − p, p − c in the game tree) and compared with another
    payoff can decide a tie differently from the formulas' comparison of the same real quantity
    along another route (min(B, hi) ≥ max(0, lo)), because the two round differently. Where they
    disagree the payoff is set to the edge ``reference − TOL`` (or the float just below it): a
    change no larger than the rounding of the inputs' magnitudes (≤ ~1e-9 at the magnitude limit
    10⁶, ~1e-16 for payoffs of the order of the stake). Elsewhere ``value`` is returned unchanged.

    >>> settled(-1.0000000827e-09, 0.0, True)       # a tie the formulas accept
    -1e-09
    >>> settled(0.5, 0.0, True)
    0.5
    """
    if isinstance(value, float) and isinstance(reference, float):
        edge = reference - TOL
        if (value >= edge) == bool(holds):
            return value
        return edge if holds else math.nextafter(edge, -math.inf)
    edges = np.asarray(reference, dtype=float) - TOL
    right = (value >= edges) == holds
    return np.where(right, value, np.where(holds, edges, np.nextafter(edges, -np.inf)))


def complex_cost(p: Any) -> Any:
    """Ally's cost of complex membership c₂ = m + a − g (the model §2)."""
    return p.market_loss + p.autonomy_cost - p.tech_gain


def cost_and_value(p: Any, tier: int) -> tuple[Any, Any]:
    """Tier k's (c_k, v_k): the ally's cost of joining and the leader's value of the coalition.

    k = 1 (simple): (c₁, v₁); k = 2 (complex): (c₂ = m + a − g, v₂) (the model §2).
    """
    if tier == 2:
        return complex_cost(p), p.leader_value_complex
    return p.simple_cost, p.leader_value_simple


def coercion_cost(p: Any) -> Any:
    """Leader's cost of coercion κ(s) = κ₀ + κ₁(1 − s) (the model §2)."""
    return p.coercion_cost_base + p.coercion_cost_slope * (1 - p.security_dependency)


def sanction_gain(p: Any) -> Any:
    """Leader's net gain from carrying out the threat, e − κ(s); credible iff ≥ 0."""
    return p.enforcement_value - coercion_cost(p)


def security_loss(p: Any, ops: Ops) -> Any:
    """ℓ(s) = min(sσ, X̄): the security penalty the leader can credibly attach to a refusal.

    The baseline (the model §2) has no cap, X̄ = ``linkage_cap`` = +∞, and ℓ(s) = sσ exactly
    (min(x, +∞) is x in floats, arrays and sympy alike). With a finite cap (the linkage option,
    the model §6) abandonment is bounded by what the leader would carry out: beyond X̄ a threat to
    weaken the alliance over an economic refusal is not believed (audience costs, Fearon 1994;
    issue linkage, Tollison & Willett 1979, Poast 2012).
    """
    return ops.minimum(p.security_dependency * p.security_stake, p.linkage_cap)


def refusal_loss(p: Any, ops: Ops) -> Any:
    """What refusing costs the ally without coercion: ℓ(s) − w (the security loss less the
    target's offer; ℓ(s) = sσ in the baseline)."""
    return security_loss(p, ops) - p.target_offer


def credibility_threshold(p: Any, ops: Ops) -> Any:
    """s* = 1 − (e − κ₀)/κ₁: the threat is credible iff s ≥ s* (the model §4).

    It may lie outside [0, 1] (never or always credible). With κ₁ = 0 credibility does not depend
    on s: s* = −inf if e ≥ κ₀ (always credible), +inf otherwise (never).
    """
    slope = p.coercion_cost_slope
    steep = slope > 0
    gap = p.enforcement_value - p.coercion_cost_base
    flat = ops.where(ops.ge(p.enforcement_value, p.coercion_cost_base), -math.inf, math.inf)
    return ops.where(steep, 1 - gap / ops.where(steep, slope, 1.0), flat)


def voluntary_margin(p: Any, tier: int, ops: Ops) -> Any:
    """ℓ(s) − w − c_k: what joining tier k at a zero payment gains the ally over refusing without
    coercion (its loss on refusal, ℓ(s) − w, less its cost of joining)."""
    return refusal_loss(p, ops) - cost_and_value(p, tier)[0]


def least_budget(terms: TierTerms, ops: Ops) -> Any:
    """The smallest budget B at which a tier is sustainable: max(0, lo) when hi ≥ max(0, lo),
    else +inf (never). The interval [max(0, lo), min(B, hi)] depends on B only through its upper
    end, so no root search is needed; with B ≥ this value the tier is sustainable (same TOL)."""
    return ops.where(ops.ge(terms.hi, terms.lower), terms.lower, math.inf)


#: The smallest positive float: ``signed(False, x)`` is at most −DENORM, so that a margin is
#: ≥ 0 exactly when its condition holds.
DENORM = math.ulp(0.0)


def signed(holds: Any, slack: Any) -> Any:
    """A margin whose sign is the verdict: max(slack, 0) where ``holds``, else at most −DENORM.

    ``slack`` is the condition's slack as the tolerance policy reads it (e.g. upper − lower + TOL
    for "upper ≥ lower within TOL"); forcing the sign on the verdict keeps a margin and the
    boolean it reports consistent to the last bit (elementwise for arrays).
    """
    return np.where(holds, np.maximum(slack, 0.0), np.minimum(slack, -DENORM))


class TierTerms(NamedTuple):
    """One tier's bargaining problem: reservation prices, interval and sustainability."""

    lo: Any  #: ally's reservation price c_k + d_A
    hi: Any  #: leader's reservation price v_k − d_L
    lower: Any  #: max(0, lo)
    upper: Any  #: min(B, hi)
    sustainable: Any  #: upper ≥ lower (within TOL)


def tier_terms(
    p: Any, cost: Any, value: Any, ally_threat: Any, leader_threat_gain: Any, ops: Ops
) -> TierTerms:
    """The bargaining interval of a tier: ``cost`` to the ally, ``value`` to the leader.

    ``ally_threat`` is θ·t, what the threat adds to the ally's disagreement loss, and
    ``leader_threat_gain`` is θ·(e − κ(s)), the leader's disagreement payoff.
    """
    return _terms(p, cost - refusal_loss(p, ops), value, ally_threat, leader_threat_gain, ops)


def _terms(
    p: Any, base: Any, value: Any, ally_threat: Any, leader_threat_gain: Any, ops: Ops
) -> TierTerms:
    """:func:`tier_terms` given the ally's price without the threat, ``base`` = c_k − sσ + w."""
    lo = base - ally_threat
    hi = value - leader_threat_gain
    lower = ops.maximum(0, lo)
    upper = ops.minimum(p.side_payment_budget, hi)
    return TierTerms(lo, hi, lower, upper, ops.ge(upper, lower))


def margins(p: Any, terms: TierTerms) -> dict[str, Any]:
    """Each constraint's slack; the tier is sustainable iff all are ≥ 0 (given B ≥ 0).

    ``joint_surplus`` = hi − lo, ``budget`` = B − max(0, lo), ``leader_gain`` = hi: the interval
    [max(0, lo), min(B, hi)] is non-empty iff hi ≥ lo, B ≥ lo and hi ≥ 0 (B ≥ 0 always holds).
    """
    return {
        "joint_surplus": terms.hi - terms.lo,
        "budget": p.side_payment_budget - terms.lower,
        "leader_gain": terms.hi,
    }


def nash_payment(p: Any, terms: TierTerms, ops: Ops) -> Any:
    """Asymmetric Nash side-payment clip(lo + α(hi − lo), lower, upper).

    It maximises (p − lo)^α (hi − p)^(1−α) over the agreement interval (Nash 1950; the
    product is log-concave, so the constrained maximiser is the clipped unconstrained one).
    On a tie (an interval empty by less than ``TOL``, still sustainable) the hard bounds win:
    the payment stays in [0, B] and the participation constraints hold within ``TOL``.
    """
    raw = terms.lo + p.ally_power * (terms.hi - terms.lo)
    # = max(0, min(max(raw, lower), upper)), as max(raw, lower) ≥ 0; bounds of the interval's
    # shape (not the grid's) are clipped first, which is cheaper on broadcast arrays.
    return ops.minimum(ops.maximum(raw, terms.lower), ops.maximum(0, terms.upper))


class Bargains(NamedTuple):
    """The two tiers' bargaining problems: what every other quantity of the model §2 is built
    from (:func:`bargains`; the coalition game and the claims read no more than this)."""

    gain: Any  #: e − κ(s), the leader's net gain from carrying out the threat
    refusal: Any  #: ℓ(s) − w, what refusing costs the ally without coercion
    credible: Any  #: e − κ(s) ≥ 0
    cost: Any  #: c₂ = m + a − g, the ally's cost of the complex tier
    base: Any  #: c₂ − ℓ(s) + w, tier 2's ally price without the threat
    simple: TierTerms
    complex: TierTerms


def bargains(p: Any, ops: Ops) -> Bargains:
    """Tier 1's and tier 2's bargaining intervals (the model §2): tier 1 without the threat
    (θ₁ = 0), tier 2 with θ = 1 exactly where the threat is credible."""
    gain, refusal = sanction_gain(p), refusal_loss(p, ops)
    credible = ops.ge(gain, 0)
    theta = ops.where(credible, 1.0, 0.0)
    c2 = complex_cost(p)
    base2 = c2 - refusal  # tier 2's ally price without the threat
    simple = _terms(p, p.simple_cost - refusal, p.leader_value_simple, 0, 0, ops)
    complex_ = _terms(p, base2, p.leader_value_complex, theta * p.stranglehold, theta * gain, ops)
    return Bargains(gain, refusal, credible, c2, base2, simple, complex_)


def complex_without_threat(p: Any, b: Bargains, ops: Ops) -> TierTerms:
    """Tier 2 with θ = 0: would it be sustainable without the threat (is the threat pivotal)?"""
    return _terms(p, b.base, p.leader_value_complex, 0, 0, ops)


def complex_stranglehold_alone(p: Any, b: Bargains, ops: Ops) -> TierTerms:
    """Tier 2 with the stranglehold imposed at no cost or gain to the leader: the model §2's
    "the stranglehold alone would have brought it within reach" (the conflict test)."""
    return _terms(p, b.base, p.leader_value_complex, p.stranglehold, 0, ops)


class Evaluation(NamedTuple):
    """Everything the model §2 defines, for one dyad or for arrays of dyads."""

    credible: Any
    simple: TierTerms
    complex: TierTerms
    complex_without_threat: TierTerms  #: tier 2 with θ = 0 (is the threat pivotal?)
    #: tier 2 with the stranglehold imposed at no cost or gain to the leader (the conflict test)
    complex_stranglehold_alone: TierTerms
    simple_payment: Any
    complex_payment: Any
    tier: Any  #: 0 infeasible, 1 simple, 2 complex
    side_payment: Any
    leader_payoff: Any
    ally_payoff: Any
    threat_used: Any
    coerced: Any
    compensated: Any
    conflict: Any


def evaluate(p: Any, ops: Ops) -> Evaluation:
    """Classify the dyad(s) ``p`` with the constrained asymmetric Nash bargaining solution.

    The dyad is complex if tier 2 is sustainable, else simple if tier 1 is, else infeasible. With no
    coalition the payoffs are the status quo (0, −ℓ(s) + w), tier 1's disagreement point.
    """
    b = bargains(p, ops)
    credible, refusal, c2, simple, complex_ = b.credible, b.refusal, b.cost, b.simple, b.complex
    without_threat = complex_without_threat(p, b, ops)
    stranglehold_alone = complex_stranglehold_alone(p, b, ops)

    pay1 = nash_payment(p, simple, ops)
    pay2 = nash_payment(p, complex_, ops)
    is2, is1 = complex_.sustainable, simple.sustainable

    def by_tier(if2: Any, if1: Any, if0: Any) -> Any:
        return ops.where(is2, if2, ops.where(is1, if1, if0))

    side_payment = by_tier(pay2, pay1, 0.0)
    threat_used = ops.and_(is2, credible)
    return Evaluation(
        credible=credible,
        simple=simple,
        complex=complex_,
        complex_without_threat=without_threat,
        complex_stranglehold_alone=stranglehold_alone,
        simple_payment=pay1,
        complex_payment=pay2,
        tier=by_tier(ops.integer(2), ops.integer(1), ops.integer(0)),
        side_payment=side_payment,
        leader_payoff=by_tier(p.leader_value_complex - pay2, p.leader_value_simple - pay1, 0.0),
        ally_payoff=by_tier(pay2 - c2, pay1 - p.simple_cost, -refusal),
        threat_used=threat_used,
        coerced=ops.and_(threat_used, ops.not_(without_threat.sustainable)),
        compensated=ops.and_(ops.or_(is2, is1), ops.not_(ops.ge(0.0, side_payment))),
        conflict=ops.and_(
            ops.and_(ops.not_(is2), stranglehold_alone.sustainable), ops.not_(credible)
        ),
    )
