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


# ------------------------------------------------------------------ the depth option (the model §8)

#: The names of tier 2's constraints at depth d whose slack the depth option reads, as
#: (name, what binds when it is the one that stops a deeper demand): the joint surplus hi − lo and
#: the leader's gain hi are the parties' participation, B − lo the budget.
DEPTH_CONSTRAINTS = (
    ("joint_surplus", "participation"),
    ("leader_gain", "participation"),
    ("budget", "budget"),
)

#: What binds the attainable depth d*, by code (``Depth.binding``).
DEPTH_BINDINGS = ("full depth", "budget", "participation", "credibility threshold")


def at_depth(p: Any, depth: Any) -> Any:
    """The parameters of the complex demand at depth d (the model §8): m, v₂ and e scaled by d.

    c₂(d) = d·m + a − g, v₂(d) = d·v₂, e(d) = d·e; every other parameter as in ``p``. At d = 1
    the namespace holds ``p``'s own values (1.0·x = x), so every formula of §2 evaluated on it
    gives §2's answer bit for bit.
    """
    from .parameters import PARAMETER_NAMES  # parameters imports nothing from this module

    values = {name: getattr(p, name) for name in PARAMETER_NAMES}
    values["market_loss"] = depth * p.market_loss
    values["leader_value_complex"] = depth * p.leader_value_complex
    values["enforcement_value"] = depth * p.enforcement_value
    return _Namespace(values)


class _Namespace:
    """Attribute access to a dict of parameter values (a light ``SimpleNamespace``)."""

    __slots__ = ("__dict__",)

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)


def complex_at_depth(p: Any, depth: Any, ops: Ops, theta: Any = None) -> tuple[Any, TierTerms]:
    """Tier 2's bargaining problem at depth d (the model §8): (credible at d, its terms).

    The threat is credible at depth d iff e(d) − κ(s) = d·e − κ(s) ≥ 0; θ(d) is 1 there, else 0
    (``theta`` fixes it instead: 0 for "without the threat"). The terms are :func:`bargains`'
    tier 2 on :func:`at_depth`'s parameters, computed in the same order, so at d = 1 they are §2's
    bit for bit.
    """
    q = at_depth(p, depth)
    gain, refusal = sanction_gain(q), refusal_loss(q, ops)
    credible = ops.ge(gain, 0)
    if theta is None:
        theta = ops.where(credible, 1.0, 0.0)
    base = complex_cost(q) - refusal
    return credible, _terms(
        q, base, q.leader_value_complex, theta * q.stranglehold, theta * gain, ops
    )


def depth_threshold(p: Any, ops: Ops) -> Any:
    """d_c = κ(s)/e: the threat backs a demand of depth d iff d ≥ d_c (e > 0; the model §8).

    With e = 0 no demand is backed (+inf) unless κ(s) = 0 (then e(d) − κ(s) = 0 ≥ 0 at every d,
    and d_c = 0).
    """
    kappa, e = coercion_cost(p), p.enforcement_value
    positive = e > 0
    return ops.where(
        positive, kappa / ops.where(positive, e, 1.0), ops.where(ops.ge(0.0, kappa), 0.0, math.inf)
    )


def depth_constraints(p: Any, theta: Any, ops: Ops) -> dict[str, tuple[Any, Any]]:
    """Each of tier 2's constraints as a linear function of d at a fixed θ: name → (slope,
    intercept), read off :func:`complex_at_depth` at d = 0 and d = 1 (with θ fixed, lo and hi are
    affine in d). Also ``"price"``: lo(d) itself, whose root is the kink of max(0, lo)."""
    _, zero = complex_at_depth(p, 0.0, ops, theta)
    _, one = complex_at_depth(p, 1.0, ops, theta)
    b = p.side_payment_budget
    at = {
        "joint_surplus": (zero.hi - zero.lo, one.hi - one.lo),
        "leader_gain": (zero.hi, one.hi),
        "budget": (b - zero.lo, b - one.lo),
        "price": (zero.lo, one.lo),
    }
    return {name: (f1 - f0, f0) for name, (f0, f1) in at.items()}


def depth_candidates(p: Any, ops: Ops, threat: bool = True, tol: float = TOL) -> list[Any]:
    """The breakpoints of the sustainable set of depths, each in [0, 1] (the model §8).

    The sustainable set is a union of at most two intervals (one per side of d_c), whose ends are
    0, 1, d_c, or a root of a constraint's linear form on one side. Each root is taken where the
    form is 0 and where it is −``tol``/2: within the tolerance policy a constraint holds down to
    −TOL, and halfway to that edge rounding cannot decide the verdict (beyond it, tier 2 is
    sustainable only as a tie). The kinks of max(0, lo) are included (the leader's payoff bends
    there). With ``threat=False`` only the side without the threat (θ = 0).
    """

    def clip(x: Any) -> Any:
        return ops.minimum(ops.maximum(x, 0.0), 1.0)

    found = [clip(0.0 * p.market_loss), clip(0.0 * p.market_loss + 1.0)]
    if threat:
        found.append(clip(depth_threshold(p, ops)))
    for theta in (0.0, 1.0) if threat else (0.0,):
        for slope, intercept in depth_constraints(p, theta, ops).values():
            flat = ops.not_(ops.or_(slope > 0, slope < 0))
            safe = ops.where(flat, 1.0, slope)
            for edge in (0.0, tol / 2):
                found.append(clip(ops.where(flat, 0.0, -(intercept + edge) / safe)))
    return found


class Depth(NamedTuple):
    """The attainable depth of a dyad (the model §8), for one dyad or arrays of dyads."""

    depth: Any  #: d*, the deepest sustainable depth (0 where none is sustainable: see ``exists``)
    exists: Any  #: some depth in [0, 1] is sustainable
    complex: Any  #: d* exists and d* > TOL: the dyad is complex under the option
    credible: Any  #: the threat backs the demand at d* (d*·e − κ(s) ≥ 0)
    threshold: Any  #: d_c = κ(s)/e
    terms: TierTerms  #: tier 2's bargaining problem at d*
    binding: Any  #: what stops a deeper demand: an index into ``DEPTH_BINDINGS``
    preferred: Any  #: the leader's preferred sustainable depth at α = 0 (the SPE's; 0 if none)
    unthreatened: Any  #: the deepest depth sustainable without the threat (θ = 0; −1 if none)


def _deepest(p: Any, ops: Ops, candidates: list[Any], theta: Any) -> tuple[Any, Any]:
    """(the largest sustainable candidate or −1, the leader's preferred one or −1)."""
    best = preferred = -1.0 + 0.0 * p.market_loss
    payoff = -math.inf + 0.0 * p.market_loss
    for d in candidates:
        _, terms = complex_at_depth(p, d, ops, theta)
        ok = terms.sustainable
        best = ops.where(ok, ops.maximum(d, best), best)
        # The leader's agreement payoff at α = 0: v₂(d) − max(0, lo(d)); ties toward the deeper.
        gain = d * p.leader_value_complex - terms.lower
        better = ops.and_(ok, ops.not_(ops.ge(payoff, gain)))
        tied = ops.and_(ok, ops.and_(ops.ge(gain, payoff), ops.ge(d, preferred)))
        preferred = ops.where(ops.or_(better, tied), d, preferred)
        payoff = ops.where(better, gain, payoff)
    return best, preferred


def attainable_depth(p: Any, ops: Ops, fixed: Any = None) -> Depth:
    """d*: the largest d ∈ [0, 1] at which tier 2 is sustainable (the model §8), in closed form.

    The candidates are :func:`depth_candidates` (no grid, no root search); each is checked with
    :func:`complex_at_depth`, the one definition of tier 2 at depth d, and the largest sustainable
    one is d*. ``fixed`` (a test hook, not an option of ``Dyad``) holds the depth at one value:
    d* is that value where tier 2 is sustainable there, so ``fixed=1`` gives §2's (§6's) tier 2.

    What binds d* (``DEPTH_BINDINGS``): ``"full depth"`` where d* = 1 (within TOL); else, on d*'s
    side of d_c, the decreasing constraint with the least slack at d* — the budget, or the
    parties' participation (joint surplus, leader's gain); ``"credibility threshold"`` where no
    constraint decreases there (the sustainable set ends where the threat stops backing it).
    """
    if fixed is None:
        candidates = depth_candidates(p, ops)
        unthreatened_candidates = depth_candidates(p, ops, threat=False)
    else:
        candidates = unthreatened_candidates = [fixed + 0.0 * p.market_loss]
    best, preferred = _deepest(p, ops, candidates, None)
    unthreatened, _ = _deepest(p, ops, unthreatened_candidates, 0.0)
    exists = ops.ge(best, 0.0)
    depth = ops.maximum(best, 0.0)
    credible, terms = complex_at_depth(p, depth, ops)
    theta = ops.where(credible, 1.0, 0.0)
    binding = ops.where(ops.ge(depth, 1.0), 0, 3)
    least = math.inf + 0.0 * p.market_loss
    lines = depth_constraints(p, theta, ops)
    for name, code in DEPTH_CONSTRAINTS:
        slope, intercept = lines[name]
        slack = slope * depth + intercept
        falls = ops.and_(slope < 0, ops.not_(ops.ge(slack, least)))
        label = DEPTH_BINDINGS.index(code)
        binding = ops.where(ops.and_(ops.not_(ops.ge(depth, 1.0)), falls), label, binding)
        least = ops.where(falls, slack, least)
    return Depth(
        depth=depth,
        exists=exists,
        complex=ops.and_(exists, depth > TOL),
        credible=credible,
        threshold=depth_threshold(p, ops),
        terms=terms,
        binding=binding,
        preferred=ops.maximum(preferred, 0.0),
        unthreatened=unthreatened,
    )


def evaluate_depth(p: Any, ops: Ops, fixed: Any = None) -> tuple[Evaluation, Depth]:
    """:func:`evaluate` under the depth option (the model §8), and the attainable depth.

    Complex iff d* exists and d* > TOL; the bargain, payoffs and flags are then §2's at depth d*
    (:func:`at_depth`), else §2's at d = 1 (where tier 2 is not sustainable, so the dyad is simple
    or infeasible exactly as in §2, the conflict flag included). Coerced: the threat backs the
    demand at d* and without it the deepest sustainable depth would be smaller.
    ``fixed``: :func:`attainable_depth`'s test hook.
    """
    found = attainable_depth(p, ops, fixed)
    at = ops.where(found.complex, found.depth, 1.0 + 0.0 * p.market_loss)
    ev = evaluate(at_depth(p, at), ops)
    shallower = ops.not_(ops.ge(found.unthreatened, found.depth))
    return ev._replace(coerced=ops.and_(ev.threat_used, shallower)), found


__all__ += [
    "DEPTH_BINDINGS",
    "DEPTH_CONSTRAINTS",
    "Depth",
    "at_depth",
    "attainable_depth",
    "complex_at_depth",
    "depth_candidates",
    "depth_constraints",
    "depth_threshold",
    "evaluate_depth",
]
