"""The sequential dyad game (the model §3.2): an explicit game tree and its backward induction.

Each tier k is its own subgame, solved separately (the model §3.2: "tier by tier"; the leader seeks
the most demanding coalition the dyad sustains, so a tier is *sustainable* iff its subgame's
subgame-perfect equilibrium (SPE) ends in acceptance):

1. the leader demands tier k at a side-payment p, or makes no demand;
2. the ally accepts — payoffs (v_k − p, p − c_k) — or rejects;
3. after a rejected (or withheld) complex demand the leader coerces — (e − κ(s), −sσ − t + w) — or
   acquiesces — (0, −sσ + w); a rejected simple demand ends at the status quo (0, −sσ + w).

The offer is continuous in the model; the tree gives the leader the offers that can be equilibrium
offers: the ally's reservation prices max(0, c_k − sσ − θt + w) under each belief θ ∈ {1, 0} about
the leader's response to a refusal (the cheapest offer it accepts if it expects coercion, and if it
expects acquiescence), those within the budget B, plus "no demand". Two prices that coincide within
``formulas.TOL`` are one offer, at the price of the belief the leader's response makes true (θ = 1
if the threat is credible): the Nash side-payment at α = 0. On a tie the hard bounds win, as in
the Nash solution: an offer within the budget by less than ``TOL`` is made at B, and the actual
response's price in a sustainable tier at most max(0, min(B, hi)), so no offer exceeds B and the
SPE offer equals the Nash side-payment at α = 0 exactly. Labels give each offer's price with as
many digits as it takes to tell the offers apart. Payoffs come from
:mod:`coalition_games.formulas` (``complex_cost``, ``refusal_loss``, ``sanction_gain``,
``tier_terms``), never re-typed. Every decision node is its own information set (perfect
information).

One tolerance policy (:mod:`coalition_games.formulas`): the tree's comparisons of payoffs must
decide every tie as the formulas' comparisons of the bargaining terms do, but v − p ≥ d_L − TOL and
min(B, hi) ≥ max(0, lo) − TOL round differently. So the agreement payoffs are
:func:`~coalition_games.formulas.settled`: the leader's v − p is moved to the tolerance edge where
its comparison with the leader's disagreement payoff would disagree with hi ≥ p (within TOL), and
the ally's p − c likewise where its comparison with the refusal payoff would disagree with p ≥ lo
— a change no larger than the inputs' rounding, and only at a tie. Offers are kept within the
budget by the formulas' own comparison B ≥ p. Hence the SPE classification equals the Nash one on
every input, exactly on a boundary and at ±TOL included (the model §3.2).

Tie-breaking policy of :func:`backward_induction` (stated once, as OpenSpiel's does): a mover's
near-best actions are those within ``formulas.TOL`` of its best value (``SCALAR.ge``); among them
it takes the first whose continuation ends in agreement (an indifferent ally joins; an indifferent
leader builds the coalition: "an interval of one point is sustainable"), else the first in the
node's action order. Action orders: the leader's demands by increasing price, then "no demand"; the
ally's "accept", "reject"; the leader's "coerce", "acquiesce" after a refusal (it carries out a
threat it is indifferent about: credible iff e − κ(s) ≥ 0). With this policy the SPE
classification equals the Nash one (the model §3.2) and the SPE offer is the Nash side-payment at
α = 0, max(0, lo): the leader keeps the whole surplus.

pygambit (16.5 and later) no longer computes subgame-perfect equilibria; this module does, and
:func:`coalition_games.games.gambit.to_efg` writes the tree as a Gambit ``.efg`` file so that
Gambit's solvers can be run on the same game.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from .. import formulas
from ..formulas import SCALAR, TierTerms
from ..model import Dyad
from ..solution import Tier, demand_tier

__all__ = [
    "ALLY",
    "LEADER",
    "PLAYERS",
    "Decision",
    "GameTree",
    "SubgamePerfect",
    "Terminal",
    "backward_induction",
    "tier_tree",
]

LEADER, ALLY = 0, 1
#: Player names, indexed by ``LEADER`` and ``ALLY``.
PLAYERS = ("leader", "ally")

#: How a refused complex demand ends: the leader chooses (``"choose"``, the game of the model
#: §3.2); it cannot coerce (``"acquiesce"``: is the threat pivotal?); or the stranglehold is
#: imposed at no cost or gain to the leader (``"coerce"``: the model §2's conflict test, "the
#: stranglehold alone would have brought it within reach").
Response = Literal["choose", "acquiesce", "coerce"]


@dataclass(frozen=True)
class Terminal:
    """An end of the game: payoffs (leader, ally), whether the coalition formed, and at an
    agreement the side-payment paid (None elsewhere)."""

    label: str
    payoffs: tuple[float, float]
    agreement: bool = False
    payment: float | None = None


@dataclass(frozen=True)
class Decision:
    """A decision node: ``player`` (``LEADER`` or ``ALLY``) picks one of ``moves``.

    ``moves`` pairs each action's name with the node it leads to, in the node's action order (the
    order the tie-breaking policy uses).
    """

    label: str
    player: int
    moves: tuple[tuple[str, Node], ...]

    @property
    def actions(self) -> tuple[str, ...]:
        """The action names, in order."""
        return tuple(name for name, _ in self.moves)


Node = Decision | Terminal


@dataclass(frozen=True)
class GameTree:
    """A finite two-player game of perfect information: ``PLAYERS``, a root, a title."""

    title: str
    root: Node
    players: tuple[str, str] = PLAYERS

    def decisions(self) -> Iterator[tuple[tuple[str, ...], Decision]]:
        """Every decision node with its history (the actions leading to it), depth first."""
        stack: list[tuple[tuple[str, ...], Node]] = [((), self.root)]
        while stack:
            history, node = stack.pop()
            if isinstance(node, Decision):
                yield history, node
                stack.extend(((*history, a), child) for a, child in reversed(node.moves))


@dataclass(frozen=True)
class SubgamePerfect:
    """The SPE of a tree: a choice at every decision node, on and off the path.

    ``choices`` maps each node's history (tuple of actions from the root) to the action taken
    there; ``values`` maps it to the continuation payoffs (leader, ally); ``path`` is the
    equilibrium path and ``outcome`` the terminal it reaches.
    """

    tree: GameTree
    choices: dict[tuple[str, ...], str]
    values: dict[tuple[str, ...], tuple[float, float]]
    path: tuple[str, ...]
    outcome: Terminal

    def profile(self) -> dict[str, str]:
        """The whole strategy profile as ``{node label: action}`` (off-path moves included)."""
        return {node.label: self.choices[h] for h, node in self.tree.decisions()}


def backward_induction(tree: GameTree) -> SubgamePerfect:
    """Solve a perfect-information tree by backward induction (Zermelo; Kuhn 1953).

    Ties are broken by the policy in the module docstring. Runs in time linear in the tree size:
    one depth-first pass, each history tuple built once.
    """
    choices: dict[tuple[str, ...], str] = {}
    values: dict[tuple[str, ...], tuple[float, float]] = {}

    def solve(history: tuple[str, ...], node: Node) -> Terminal:
        """Record the SPE below ``node``; return the terminal it reaches (its payoffs are the
        node's value)."""
        if isinstance(node, Terminal):
            values[history] = node.payoffs
            return node
        player = node.player
        ends = [(a, solve((*history, a), child)) for a, child in node.moves]
        best = max(end.payoffs[player] for _, end in ends)
        near = [(a, end) for a, end in ends if SCALAR.ge(end.payoffs[player], best)]
        action, end = next((pick for pick in near if pick[1].agreement), near[0])
        choices[history], values[history] = action, end.payoffs
        return end

    outcome = solve((), tree.root)
    path: tuple[str, ...] = ()
    while path in choices:
        path += (choices[path],)
    return SubgamePerfect(tree, choices, values, path, outcome)


def _refusal(dyad: Dyad, tier: Tier, response: Response, after: str) -> Node:
    status_quo = (0.0, -formulas.refusal_loss(dyad, SCALAR))
    if tier is Tier.SIMPLE:
        return Terminal(f"status quo after {after}", status_quo)
    denied = status_quo[1] - dyad.stranglehold
    acquiesce = Terminal(f"acquiesced after {after}", status_quo)
    if response == "acquiesce":
        return acquiesce
    if response == "coerce":
        return Terminal(f"stranglehold imposed after {after}", (0.0, denied))
    coerce = Terminal(f"coerced after {after}", (formulas.sanction_gain(dyad), denied))
    return Decision(f"leader after {after}", LEADER, (("coerce", coerce), ("acquiesce", acquiesce)))


def _within(price: float, terms: TierTerms | None, budget: float) -> float:
    """An offer's price within the hard bounds: at most the budget B, and, for the reservation
    price of the leader's actual response (``terms`` given) in a sustainable tier, at most
    max(0, min(B, hi)) — the Nash side-payment at α = 0, min(max(0, lo), max(0, min(B, hi))).
    Both change a price only at a tie (by at most ``TOL``): no offer exceeds B."""
    if terms is not None and terms.sustainable:
        price = min(price, max(0.0, terms.upper))
    return min(price, budget)


def _labels(prices: list[float]) -> list[str]:
    """``offer <price>`` with the fewest significant digits (at least 6) that tell them apart."""
    for digits in range(6, 18):
        labels = [f"offer {price:.{digits}g}" for price in prices]
        if len(set(labels)) == len(labels):
            return labels
    raise AssertionError(f"offers {prices} are not distinct")  # distinct floats differ at 17


def tier_tree(dyad: Dyad, tier: Tier | str, response: Response = "choose") -> GameTree:
    """The game tree of one tier's subgame (the model §3.2); see the module docstring.

    Parameters
    ----------
    dyad : the game's parameters.
    tier : ``Tier.SIMPLE`` or ``Tier.COMPLEX`` (or their names).
    response : how a refused complex demand ends — ``"choose"`` (the game), ``"acquiesce"``
        (no threat) or ``"coerce"`` (the stranglehold alone, at no cost to the leader).
    """
    if not isinstance(dyad, Dyad):
        raise TypeError(f"dyad must be a coalition_games.Dyad, got {type(dyad).__name__}")
    tier = demand_tier(tier)
    if response not in ("choose", "acquiesce", "coerce"):
        raise ValueError(
            f"response={response!r} is not allowed; use 'choose', 'acquiesce' or 'coerce'"
        )
    cost, value = formulas.cost_and_value(dyad, tier.code)
    refused = -formulas.refusal_loss(dyad, SCALAR)  # the ally's payoff after an unpunished no
    if tier is Tier.SIMPLE:
        threat, leader_refused, ally_refused = 0.0, 0.0, refused
        candidates = [formulas.tier_terms(dyad, cost, value, 0.0, 0.0, SCALAR).lower]
        coerces = False
    else:
        # The leader's response to a refusal, decided as backward induction decides it.
        gain = formulas.sanction_gain(dyad)
        coerces = response == "coerce" or (response == "choose" and SCALAR.ge(gain, 0.0))
        threat = dyad.stranglehold if coerces else 0.0
        leader_refused = gain if coerces and response == "choose" else 0.0
        ally_refused = refused - dyad.stranglehold if coerces else refused
        candidates = [
            formulas.tier_terms(dyad, cost, value, t, 0.0, SCALAR).lower
            for t in (dyad.stranglehold, 0.0)
        ]
    # The bargaining terms the formulas give this tier under the leader's actual response.
    terms = formulas.tier_terms(dyad, cost, value, threat, leader_refused, SCALAR)
    if len(candidates) == 1 or SCALAR.ge(candidates[0], candidates[1]):
        prices, actual = [terms.lower], 0  # one offer: the prices coincide within TOL
    else:
        # ascending: with coercion expected, then without; the actual response's is terms.lower
        prices, actual = candidates, 0 if coerces else 1
    budget = dyad.side_payment_budget
    offered = [
        _within(price, terms if i == actual else None, budget)
        for i, price in enumerate(prices)
        if SCALAR.ge(budget, price)
    ]
    moves: list[tuple[str, Node]] = []
    for price, offer in zip(offered, _labels(offered), strict=True):
        payoffs = (
            formulas.settled(value - price, leader_refused, SCALAR.ge(terms.hi, price)),
            formulas.settled(price - cost, ally_refused, SCALAR.ge(price, terms.lo)),
        )
        accept = Terminal(f"{tier.value} coalition at {offer[6:]}", payoffs, True, price)
        respond = (
            ("accept", accept),
            ("reject", _refusal(dyad, tier, response, f"{offer} refused")),
        )
        moves.append((offer, Decision(f"ally facing {offer}", ALLY, respond)))
    moves.append(("no demand", _refusal(dyad, tier, response, "no demand")))
    title = f"{dyad.name}: {tier.value} demand (the model §3.2)"
    return GameTree(title, Decision(f"leader demands {tier.value}", LEADER, tuple(moves)))
