"""The baseline solution concept: constrained asymmetric Nash bargaining with credible threats.

The model §2 (Nash 1950; threats enter the disagreement point only when credible, i.e. subgame
perfect). The formulas live in :mod:`coalition_games.formulas`; this module evaluates them for one
dyad with Python floats and packages the answer as a :class:`~coalition_games.solution.Solution`.
"""

from __future__ import annotations

from .. import formulas
from ..formulas import SCALAR
from ..model import Dyad
from ..solution import Solution, Tier, mechanism_of, tier_outcomes

__all__ = ["solve_nash"]


def solve_nash(dyad: Dyad) -> Solution:
    """Solve ``dyad`` with the constrained asymmetric Nash bargaining solution (the model §2).

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
    )
