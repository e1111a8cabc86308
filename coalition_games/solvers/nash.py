"""The baseline solution concept: constrained asymmetric Nash bargaining with credible threats.

The model §2 (Nash 1950; threats enter the disagreement point only when credible, i.e. subgame
perfect). The formulas live in :mod:`coalition_games.formulas`; this module evaluates them for one
dyad with Python floats and packages the answer as a :class:`~coalition_games.solution.Solution`.
"""

from __future__ import annotations

from .. import formulas
from ..formulas import SCALAR
from ..model import Dyad
from ..solution import Solution, Tier, depth_outcome, mechanism_of, tier_outcomes

__all__ = ["solve_nash"]


def solve_nash(dyad: Dyad) -> Solution:
    """Solve ``dyad`` with the constrained asymmetric Nash bargaining solution (the model §2).

    The side-payment maximises (p − lo)^α (hi − p)^(1−α) over [max(0, lo), min(B, hi)], i.e.
    p = clip(lo + α(hi − lo)); the tier is the highest sustainable one (complex, else simple).

    With ``dyad.depth`` (the model §8) the complex tier is taken at the attainable depth d*
    (:func:`formulas.evaluate_depth`): complex iff d* > TOL, the bargain and the complex tier's
    outcome at d*, and ``Solution.depth`` says what binds it.
    """
    if dyad.depth:
        return _solve_depth(dyad)
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


def _solve_depth(dyad: Dyad, fixed: float | None = None) -> Solution:
    """:func:`solve_nash` under the depth option (``fixed``: the formulas' test hook)."""
    ev, found = formulas.evaluate_depth(dyad, SCALAR, fixed)
    tier = Tier.from_code(ev.tier)
    at = formulas.at_depth(dyad, found.depth if found.complex else 1.0)
    pay = float(ev.complex_payment)
    leader = float(found.depth * dyad.leader_value_complex - pay)
    ally = float(pay - formulas.complex_cost(formulas.at_depth(dyad, found.depth)))
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
        tiers=tier_outcomes(at, ev),
        depth=depth_outcome(found, pay, leader, ally),
    )
