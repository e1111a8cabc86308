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
from ..games.tree import Response, SubgamePerfect, backward_induction, tier_tree
from ..model import Dyad
from ..solution import Solution, Tier, depth_outcome, mechanism_of, tier_outcomes

__all__ = ["depth_subgames", "solve_spe", "solve_spe_depth"]


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

    With ``dyad.depth`` (the model §8) the leader's offer also carries the depth of the complex
    demand: see :func:`solve_spe_depth`.
    """
    if dyad.depth:
        return solve_spe_depth(dyad)
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


def _deep(dyad: Dyad, depth: float) -> Dyad:
    """The §2 dyad of the complex demand at depth d: m, v₂, e scaled by d (the model §8)."""
    q = formulas.at_depth(dyad, depth)
    return dyad.replace(
        market_loss=q.market_loss,
        leader_value_complex=q.leader_value_complex,
        enforcement_value=q.enforcement_value,
        depth=False,
    )


def depth_subgames(dyad: Dyad, response: Response = "choose") -> dict[float, SubgamePerfect]:
    """The complex subgame's SPE at each candidate depth (the model §8): depth → SPE.

    The candidates are :func:`formulas.depth_candidates` (with ``response="acquiesce"``: those
    of the side without the threat); at each, the tree of §3.2 with the depth-d terms is solved
    by backward induction.
    """
    candidates = formulas.depth_candidates(dyad, SCALAR, threat=response != "acquiesce")
    return {
        d: backward_induction(tier_tree(_deep(dyad, d), Tier.COMPLEX, response))
        for d in sorted(set(candidates))
    }


def solve_spe_depth(dyad: Dyad) -> Solution:
    """The sequential game with the depth in the leader's offer (the model §8), α = 0.

    The leader offers a depth d and a side-payment; the ally accepts or rejects; after a refusal
    the leader coerces (e(d) − κ(s)) or acquiesces. Each depth's subgame is §3.2's tree with the
    depth-d terms, solved by backward induction (:func:`depth_subgames`). The coalition's depth
    d* is the deepest depth whose subgame ends in acceptance (complex iff d* > TOL; else the
    simple subgame decides, as in §3.2); the leader's *preferred* depth is the agreeing depth that
    pays it most, ties toward the deeper demand (``Solution.depth.preferred``; = d* where v₂ ≥ m).
    The bargain reported is the subgame's at d*; ``details["preferred_offer"]`` gives the one at
    the preferred depth.
    """
    games = depth_subgames(dyad)
    agreeing = {d: g for d, g in games.items() if g.outcome.agreement}
    deepest = max(agreeing, default=None)
    is_complex = deepest is not None and deepest > formulas.TOL
    preferred = None
    if agreeing:
        best = max(g.outcome.payoffs[0] for g in agreeing.values())
        preferred = max(d for d, g in agreeing.items() if SCALAR.ge(g.outcome.payoffs[0], best))
    at = deepest if deepest is not None and is_complex else 1.0
    solved = solve_spe(_deep(dyad, at))
    unthreatened = [d for d, g in depth_subgames(dyad, "acquiesce").items() if g.outcome.agreement]
    found = formulas.attainable_depth(dyad, SCALAR)
    found = found._replace(
        depth=deepest if deepest is not None else 0.0,
        exists=deepest is not None,
        complex=is_complex,
        credible=solved.threat_credible,
        preferred=preferred if preferred is not None else 0.0,
        unthreatened=max(unthreatened, default=-1.0),
    )
    spe_at_deepest = games[deepest] if deepest is not None else None
    pay, leader, ally = 0.0, 0.0, 0.0
    if spe_at_deepest is not None:
        leader, ally = spe_at_deepest.outcome.payoffs
        pay = ally + formulas.complex_cost(formulas.at_depth(dyad, deepest))
    details = dict(solved.details)
    details["depths"] = {f"{d:.17g}": g.outcome.agreement for d, g in games.items()}
    if preferred is not None:
        g = agreeing[preferred]
        details["preferred_offer"] = {
            "depth": preferred,
            "payoffs": list(g.outcome.payoffs),
            "path": list(g.path),
        }
    coerced = (
        is_complex
        and solved.threat_credible
        and not (unthreatened and SCALAR.ge(max(unthreatened), deepest))
    )
    return Solution(
        dyad=dyad,
        method="spe",
        tier=solved.tier,
        side_payment=solved.side_payment,
        leader_payoff=solved.leader_payoff,
        ally_payoff=solved.ally_payoff,
        threat_credible=solved.threat_credible,
        threat_used=solved.threat_used,
        mechanism=mechanism_of(
            solved.tier,
            coerced,
            solved.tier is not Tier.INFEASIBLE and not SCALAR.ge(0.0, solved.side_payment),
        ),
        conflict=solved.conflict,
        tiers=solved.tiers,
        details=details,
        depth=depth_outcome(found, pay, leader, ally),
    )
