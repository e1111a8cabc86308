"""Alternating offers over the side-payment (Rubinstein 1982), and the outside-option variant.

The model §3.4. In each tier the leader and the ally alternate proposals of a side-payment p, the
leader first, one proposal per period of length Δ; the sides discount at rates r_L, r_A, so the
per-period discount factors are δ_L = exp(−r_L Δ), δ_A = exp(−r_A Δ). Agreement at p gives
(v_k − p, p − c_k); p must lie in the agreement interval [lower, upper] = [max(0, lo),
min(B, hi)] of :func:`coalition_games.formulas.tier_terms` (lo, hi: the ally's and the leader's
reservation prices).

**Impasse variant** (``outside_option=False``). The disagreement point of the model §2 (the credible
threat included) is the impasse point: the payoffs that perpetual disagreement yields. The
stationary SPE has the leader propose p_L and the ally propose p_A, each making the other
indifferent between accepting and waiting a period, p_L − lo = δ_A (p_A − lo) and
hi − p_A = δ_L (hi − p_L), within [lower, upper]. Its closed form is

    p* = max(lower, min(lo + φ (hi − lo), (1 − δ_A) lo + δ_A · upper)),
    φ = δ_A (1 − δ_L) / (1 − δ_L δ_A)                      (Rubinstein 1982),

and the proposer (the leader) keeps the share (1 − δ_A)/(1 − δ_L δ_A) of the surplus — the
textbook (1 − δ₂)/(1 − δ₁δ₂). Agreement is immediate iff the interval is non-empty, so the
classification equals the Nash one. As Δ → 0, δ_A → 1 and φ → r_L / (r_L + r_A): the SPE
converges to the asymmetric Nash solution with α = r_L / (r_L + r_A) (Binmore, Rubinstein &
Wolinsky 1986).

**Outside-option variant** (``outside_option=True``; Binmore, Shaked & Sutton 1989). During the
bargaining nobody is coerced: the impasse point is the no-threat status quo (0, −sσ + w), so the
ally's reservation price is lo without the threat. Coercion is the leader's *outside option*: it may
break off and take e − κ(s) (only worth it when credible). By the outside-option principle an
option binds only when it beats the player's share: the leader must get at least max(0, e − κ(s)),
i.e. upper = min(B, v_k − max(0, e − κ(s))); the split is otherwise the impasse one.

**Where the two variants classify differently.** For an incredible threat they coincide. For a
credible one, the impasse variant lowers the ally's price by t (the threat is executed at every
impasse), the outside-option variant does not (the leader can only walk away), while both let the
leader insist on its coercion payoff. So every dyad complex under the outside option is complex
under the impasse reading, and the two differ exactly on the credible-threat dyads that are complex
under the impasse reading but whose ally's no-threat price max(0, c₂ − sσ + w) exceeds what the
leader would pay, min(B, v₂ − (e − κ(s))). These include all *coerced* dyads (the threat pivotal
in the model §2), and also dyads where the threat is not pivotal in the baseline but the leader's
coercion option raises its own price above the ally's. Under the outside option a threat never
makes a coalition: it only guarantees the leader its coercion payoff.

Units of time: r and Δ in any common unit (only r·Δ matters). Defaults: r_L = α, r_A = 1 − α, so
that the limit reproduces ``method="nash"`` for the dyad's own α, and Δ = 0.01.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

from .. import formulas
from ..formulas import SCALAR, TierTerms
from ..model import Dyad
from ..parameters import check_real
from ..solution import Solution, Tier, depth_outcome, mechanism_of, tier_outcome, tier_outcomes

__all__ = ["proposer_share", "rubinstein_payment", "solve_rubinstein"]


def proposer_share(delta_proposer: float, delta_responder: float) -> float:
    """The first proposer's SPE share of a unit pie, (1 − δ₂)/(1 − δ₁δ₂) (Rubinstein 1982).

    >>> proposer_share(0.9, 0.9)    # 1/(1 + δ)
    0.5263157894736843
    """
    for name, d in (("delta_proposer", delta_proposer), ("delta_responder", delta_responder)):
        check_real(name, d, 0.0, 1.0)
    if delta_proposer * delta_responder == 1:
        raise ValueError("the discount factors cannot both be 1 (no impatience: no unique SPE)")
    return (1 - delta_responder) / (1 - delta_proposer * delta_responder)


def rubinstein_payment(terms: TierTerms, delta_leader: float, delta_ally: float) -> float:
    """The leader's SPE proposal p* in [lower, upper] (closed form in the module docstring).

    On a tie (an interval empty by less than ``TOL``, still sustainable) the hard bounds win, as
    in :func:`formulas.nash_payment`: p* ≤ max(0, upper), so no payment exceeds the budget B.
    """
    ally_share = 1 - proposer_share(delta_leader, delta_ally)
    raw = terms.lo + ally_share * (terms.hi - terms.lo)
    offer = max(terms.lower, min(raw, (1 - delta_ally) * terms.lo + delta_ally * terms.upper))
    return min(offer, max(0.0, terms.upper))


def solve_rubinstein(
    dyad: Dyad,
    leader_rate: float | None = None,
    ally_rate: float | None = None,
    period: float = 0.01,
    outside_option: bool = False,
) -> Solution:
    """Solve ``dyad`` by alternating offers over the side-payment (see the module docstring).

    Parameters
    ----------
    dyad : the game's parameters.
    leader_rate, ally_rate : discount rates r_L, r_A ≥ 0, not both 0 (default α and 1 − α).
    period : the period length Δ > 0 between proposals.
    outside_option : coercion as the leader's outside option instead of the impasse point.

    Examples
    --------
    >>> from coalition_games import Dyad, solve
    >>> korea = Dyad(security_dependency=0.9, stranglehold=0.5, market_loss=0.6,
    ...              side_payment_budget=0.1)
    >>> solve(korea, "rubinstein").tier.value
    'complex'
    >>> solve(korea, "rubinstein", outside_option=True).tier.value   # the threat was pivotal
    'simple'
    """
    if not isinstance(dyad, Dyad):
        raise TypeError(f"dyad must be a coalition_games.Dyad, got {type(dyad).__name__}")
    r_l = dyad.ally_power if leader_rate is None else check_real("leader_rate", leader_rate, 0.0)
    r_a = 1 - dyad.ally_power if ally_rate is None else check_real("ally_rate", ally_rate, 0.0)
    if r_l == 0 and r_a == 0:
        raise ValueError("leader_rate and ally_rate cannot both be 0 (no impatience)")
    period = check_real("period", period, 0.0, lower_open=True)
    if not isinstance(outside_option, bool):
        raise TypeError(f"outside_option must be True or False, got {outside_option!r}")
    d_l, d_a = math.exp(-r_l * period), math.exp(-r_a * period)
    if max(r_l, r_a) * period < 1e-15:
        raise ValueError(
            f"period = {period!r} is too short for the discount rates (leader_rate {r_l:g}, "
            f"ally_rate {r_a:g}): both discount factors exp(−r·period) are 1 to rounding (no "
            "impatience between proposals); allowed: a period with max(leader_rate, ally_rate) "
            "· period ≥ 1e-15"
        )

    found = None
    params: Any = dyad
    if dyad.depth:
        if outside_option:
            raise ValueError(
                "outside_option=True is not defined under the depth option (the model §8 "
                "derives d* with the threat at the impasse point); use outside_option=False"
            )
        ev, found = formulas.evaluate_depth(dyad, SCALAR)
        params = formulas.at_depth(dyad, found.depth if found.complex else 1.0)
    else:
        ev = formulas.evaluate(dyad, SCALAR)
    outcomes = tier_outcomes(params, ev)
    complex_, leader_gain = ev.complex, formulas.sanction_gain(params) if ev.credible else 0.0
    if outside_option:
        complex_ = formulas.tier_terms(
            dyad, dyad.complex_cost, dyad.leader_value_complex, 0.0, max(0.0, leader_gain), SCALAR
        )
        outcomes[Tier.COMPLEX] = tier_outcome(dyad, Tier.COMPLEX, complex_, 0.0, leader_gain)
    terms = {Tier.SIMPLE: ev.simple, Tier.COMPLEX: complex_}
    pay = {t: rubinstein_payment(x, d_l, d_a) if x.sustainable else None for t, x in terms.items()}
    tiers = {t: replace(outcomes[t], payment=pay[t]) for t in terms}
    tier = next((t for t in (Tier.COMPLEX, Tier.SIMPLE) if tiers[t].sustainable), Tier.INFEASIBLE)
    if tier is Tier.INFEASIBLE:
        payment, leader, ally = 0.0, 0.0, -formulas.refusal_loss(dyad, SCALAR)
    else:
        cost, value = formulas.cost_and_value(params, tier.code)
        offer = pay[tier]
        assert offer is not None, "a tier is classified only when it is sustainable"
        payment = offer
        leader, ally = value - payment, payment - cost
    is_complex = tier is Tier.COMPLEX
    coerced = is_complex and ev.credible and not ev.complex_without_threat.sustainable
    depth = None
    if found is not None:
        coerced = bool(ev.coerced) and is_complex
        at = formulas.at_depth(dyad, found.depth)
        paid = pay[Tier.COMPLEX] if found.complex else None
        depth_pay = (
            paid
            if paid is not None
            else float(
                rubinstein_payment(
                    formulas.complex_at_depth(dyad, found.depth, SCALAR)[1], d_l, d_a
                )
            )
        )
        depth = depth_outcome(
            found,
            depth_pay,
            at.leader_value_complex - depth_pay,
            depth_pay - formulas.complex_cost(at),
        )
    return Solution(
        dyad=dyad,
        method="rubinstein",
        tier=tier,
        side_payment=payment,
        leader_payoff=leader,
        ally_payoff=ally,
        threat_credible=bool(ev.credible),
        threat_used=is_complex and bool(ev.credible),
        mechanism=mechanism_of(tier, coerced, not SCALAR.ge(0.0, payment)),
        conflict=bool(ev.conflict),
        tiers=tiers,
        details={
            "leader_rate": r_l,
            "ally_rate": r_a,
            "period": period,
            "outside_option": outside_option,
            "delta_leader": d_l,
            "delta_ally": d_a,
            "limit_ally_power": r_l / (r_l + r_a),
        },
        depth=depth,
    )
