"""The baseline solution concept: constrained asymmetric Nash bargaining with credible threats.

MODEL.md §2 (Nash 1950; threats enter the disagreement point only when credible, i.e. subgame
perfect). The formulas live in :mod:`coalition_games.formulas`; this module evaluates them for one
dyad with Python floats and packages the answer as a :class:`~coalition_games.solution.Solution`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import formulas
from .formulas import SCALAR, Evaluation, TierTerms
from .model import Dyad
from .solution import Mechanism, Solution, Tier, TierOutcome

__all__ = ["mechanism_of", "solve_nash", "tier_outcomes"]


def tier_outcome(
    dyad: Dyad, tier: Tier, terms: TierTerms, payment: float, leader_disagreement: float
) -> TierOutcome:
    """One tier's ``TierOutcome`` from its bargaining terms (MODEL.md §2) and its payment.

    Margins: joint surplus hi − lo, budget B − max(0, lo), leader gain hi; the voluntary margin is
    sσ − w − c_k.
    """
    cost, _ = formulas.cost_and_value(dyad, tier.code)
    return TierOutcome(
        tier=tier,
        ally_disagreement=terms.lo - cost,
        leader_disagreement=leader_disagreement,
        lo=terms.lo,
        hi=terms.hi,
        interval=(terms.lower, terms.upper),
        sustainable=bool(terms.sustainable),
        payment=payment if terms.sustainable else None,
        margins=formulas.margins(dyad, terms),
        voluntary_margin=formulas.refusal_loss(dyad) - cost,
    )


def tier_outcomes(dyad: Dyad, ev: Evaluation) -> dict[Tier, TierOutcome]:
    """Each tier's bargaining problem and Nash payment, from an evaluation of MODEL.md §2."""
    return {
        Tier.SIMPLE: tier_outcome(dyad, Tier.SIMPLE, ev.simple, ev.simple_payment, 0.0),
        Tier.COMPLEX: tier_outcome(
            dyad,
            Tier.COMPLEX,
            ev.complex,
            ev.complex_payment,
            dyad.sanction_gain if ev.credible else 0.0,
        ),
    }


def mechanism_of(tier: Tier, coerced: bool, compensated: bool) -> tuple[Mechanism, ...]:
    """The mechanism: empty without a coalition, else coerced and/or compensated, or voluntary."""
    if tier is Tier.INFEASIBLE:
        return ()
    found = tuple(
        m
        for m, flag in ((Mechanism.COERCED, coerced), (Mechanism.COMPENSATED, compensated))
        if flag
    )
    return found or (Mechanism.VOLUNTARY,)


def solve_nash(dyad: Dyad, details: Mapping[str, Any] | None = None) -> Solution:
    """Solve ``dyad`` with the constrained asymmetric Nash bargaining solution (MODEL.md §2).

    The side-payment maximises (p − lo)^α (hi − p)^(1−α) over [max(0, lo), min(B, hi)], i.e.
    p = clip(lo + α(hi − lo)); the tier is the highest sustainable one (complex, else simple).
    """
    ev = formulas.evaluate(dyad, SCALAR)
    tier = Tier.from_code(ev.tier)
    return Solution(
        dyad=dyad,
        method="nash",
        tier=tier,
        side_payment=float(ev.side_payment),
        leader_payoff=float(ev.leader_payoff),
        ally_payoff=float(ev.ally_payoff),
        threat_credible=bool(ev.credible),
        threat_used=bool(ev.threat_used),
        mechanism=mechanism_of(tier, bool(ev.coerced), bool(ev.compensated)),
        conflict=bool(ev.conflict),
        tiers=tier_outcomes(dyad, ev),
        details=dict(details or {}),
    )
