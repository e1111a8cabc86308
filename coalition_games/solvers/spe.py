"""``method="spe"``: the sequential game's subgame-perfect equilibrium, tier by tier.

The model §3.2.

The trees and their backward induction are in :mod:`coalition_games.games.tree`; this module
solves them for one dyad and reads a :class:`~coalition_games.solution.Solution` off the
equilibria.
"""

from __future__ import annotations

from dataclasses import replace

from .. import formulas
from ..formulas import SCALAR
from ..games.tree import backward_induction, tier_tree
from ..model import Dyad
from ..solution import Solution, Tier, mechanism_of, tier_outcomes

__all__ = ["solve_spe"]


def _paid(price: float, cost: float, dyad: Dyad) -> float:
    """The side-payment of an accepted offer at ``price``: (p − c) + c, the ally's agreement payoff
    read back (the bits this route has always reported), from the price itself rather than from
    a payoff that ``formulas.settled`` may have moved at a tie, and never above the budget B."""
    return min((price - cost) + cost, dyad.side_payment_budget)


def solve_spe(dyad: Dyad) -> Solution:
    """Solve ``dyad``'s sequential game by backward induction, tier by tier (the model §3.2).

    The dyad is complex if the complex subgame's SPE ends in acceptance, else simple if the simple
    one's does, else infeasible. ``details`` holds, per tier, the tree (``"trees"``), its SPE
    (``"equilibria"``) and, for the classified tier, the whole strategy profile
    (``"strategy_profile"``, off-path moves included) and the equilibrium path (``"path"``).
    Credibility, pivotality and the conflict flag are also read off solved trees: the leader's
    move after a refusal; the complex tree without the threat; the complex tree with the
    stranglehold alone.

    Examples
    --------
    >>> from coalition_games import Dyad, solve
    >>> korea = Dyad(security_dependency=0.9, stranglehold=0.5, market_loss=0.6,
    ...              side_payment_budget=0.2)
    >>> result = solve(korea, method="spe")
    >>> result.tier.value, result.side_payment, result.details["path"]
    ('complex', 0.0, ['offer 0', 'accept'])
    >>> result.details["strategy_profile"]["leader after offer 0.15 refused"]   # off the path
    'coerce'
    """
    trees = {tier: tier_tree(dyad, tier) for tier in (Tier.SIMPLE, Tier.COMPLEX)}
    spe = {tier: backward_induction(tree) for tier, tree in trees.items()}
    agreed = [tier for tier in (Tier.COMPLEX, Tier.SIMPLE) if spe[tier].outcome.agreement]
    tier = agreed[0] if agreed else Tier.INFEASIBLE
    no_threat = backward_induction(tier_tree(dyad, Tier.COMPLEX, "acquiesce")).outcome.agreement
    committed = backward_induction(tier_tree(dyad, Tier.COMPLEX, "coerce")).outcome.agreement
    refusal = spe[Tier.COMPLEX].choices[("no demand",)]
    credible = refusal == "coerce"
    offers = {
        t: _paid(s.outcome.payment, formulas.cost_and_value(dyad, t.code)[0], dyad)
        if s.outcome.agreement and s.outcome.payment is not None
        else None
        for t, s in spe.items()
    }
    ev = formulas.evaluate(dyad, SCALAR)
    tiers = {
        t: replace(out, sustainable=spe[t].outcome.agreement, payment=offers[t])
        for t, out in tier_outcomes(dyad, ev).items()
    }
    if tier is Tier.INFEASIBLE:
        payment, payoffs = 0.0, (0.0, -formulas.refusal_loss(dyad, SCALAR))
    else:
        offer = offers[tier]
        assert offer is not None, "a tier is classified only when its SPE ends in agreement"
        payment, payoffs = offer, spe[tier].outcome.payoffs
    complex_ = tier is Tier.COMPLEX
    details = {
        "trees": trees,
        "equilibria": spe,
        "tie_breaking": "near-best within TOL; prefer agreement, then action order",
    }
    if tier is not Tier.INFEASIBLE:
        details["strategy_profile"] = spe[tier].profile()
        details["path"] = list(spe[tier].path)
    return Solution(
        dyad=dyad,
        method="spe",
        tier=tier,
        side_payment=payment,
        leader_payoff=payoffs[0],
        ally_payoff=payoffs[1],
        threat_credible=credible,
        threat_used=complex_ and credible,
        mechanism=mechanism_of(
            tier, complex_ and credible and not no_threat, not SCALAR.ge(0.0, payment)
        ),
        conflict=not complex_ and committed and not credible,
        tiers=tiers,
        details=details,
    )
