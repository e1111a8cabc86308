"""Backward induction over a batch of same-shaped trees, vectorised with numpy (the model §3.2).

A parameter sweep solves one tier's subgame for many dyads. Their trees share one *shape* — the
nodes, movers and action order — and differ in payoffs and in which offers exist (an offer beyond
the budget, or a second reservation price equal to the first, is not offered).
:class:`TreeBatch` holds the shape once as a template :class:`~coalition_games.games.tree.GameTree`
and, per item of the batch, the terminal payoffs (arrays) and the available moves (masks);
:func:`backward_induction_batch` applies the tie-breaking policy of
:func:`~coalition_games.games.tree.backward_induction` (near-best within ``TOL``; prefer
agreement, then action order) at every node to whole arrays at once, so the result of item k is,
bit for bit, that of the scalar routine on item k's own tree (tested on random dyads, ties
included; :meth:`BatchSubgamePerfect.item` maps it back onto that tree).

:func:`tier_batch` builds the batch of :func:`~coalition_games.games.tree.tier_tree` directly from
parameter arrays with the formulas' ``ARRAY`` backend (the model §2, never re-typed), so a sweep
builds no Python tree per dyad.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import SimpleNamespace

import numpy as np

from .. import formulas
from ..formulas import ARRAY
from ..model import Dyad
from ..parameters import PARAMETER_NAMES, PARAMETERS, check_numbers
from ..solution import Tier, demand_tier
from .tree import (
    ALLY,
    LEADER,
    Decision,
    GameTree,
    Node,
    Response,
    SubgamePerfect,
    Terminal,
)

__all__ = [
    "BatchDepth",
    "BatchSubgamePerfect",
    "TreeBatch",
    "backward_induction_batch",
    "depth_batch",
    "tier_batch",
]

History = tuple[str, ...]

#: The template's terminal payoffs are placeholders: a batch's payoffs live in ``payoffs``.
_PLACEHOLDER = (math.nan, math.nan)


@dataclass(frozen=True)
class TreeBatch:
    """``size`` trees of one shape: a template tree, payoff arrays and move masks.

    ``tree`` gives the shape (labels, movers, action order, which terminals are agreements; its
    payoffs are placeholders). ``payoffs`` maps each terminal's history in the template to a
    ``(size, 2)`` array (leader, ally); ``available`` maps a decision's history to a
    ``(size, len(moves))`` boolean mask of the moves item k has (decisions not listed have all
    their moves). Item k's own tree is the template with its payoffs and without its unavailable
    moves (and the subtrees below them).
    """

    tree: GameTree
    payoffs: dict[History, np.ndarray]
    available: dict[History, np.ndarray]

    @property
    def size(self) -> int:
        """The number of trees in the batch."""
        return len(next(iter(self.payoffs.values())))


@dataclass(frozen=True)
class BatchSubgamePerfect:
    """The SPE of every tree of a batch, as arrays over the batch.

    ``choices`` maps each template decision's history to the index (into the template node's
    moves) of the action taken, per item; ``values`` maps every template history to the
    continuation payoffs, ``(size, 2)``; ``agreement`` says, per item, whether the equilibrium
    path ends in agreement and ``outcome`` gives its payoffs, ``(size, 2)``. Entries under a move
    that item k does not have are computed but meaningless for item k.
    """

    batch: TreeBatch
    choices: dict[History, np.ndarray]
    values: dict[History, np.ndarray]
    agreement: np.ndarray
    outcome: np.ndarray

    def item(self, k: int, tree: GameTree) -> SubgamePerfect:
        """Item ``k``'s SPE on its own ``tree`` (the template without item k's unavailable moves).

        Raises ``ValueError`` if ``tree`` does not have item k's shape.
        """
        choices: dict[History, str] = {}
        values: dict[History, tuple[float, float]] = {}

        def walk(template: History, node_t: Node, history: History, node: Node) -> None:
            if isinstance(node_t, Terminal) or isinstance(node, Terminal):
                if not (isinstance(node_t, Terminal) and isinstance(node, Terminal)):
                    raise ValueError(f"tree does not have item {k}'s shape at {history}")
                values[history] = _pair(self.values[template][k])
                return
            mask = self.batch.available.get(template)
            moves = [i for i in range(len(node_t.moves)) if mask is None or mask[k, i]]
            if len(moves) != len(node.moves):
                raise ValueError(f"tree does not have item {k}'s shape at {history}")
            for i, (action, child) in zip(moves, node.moves, strict=True):
                walk((*template, node_t.moves[i][0]), node_t.moves[i][1], (*history, action), child)
            choices[history] = node.moves[moves.index(int(self.choices[template][k]))][0]
            values[history] = _pair(self.values[template][k])

        walk((), self.batch.tree.root, (), tree.root)
        node: Node = tree.root
        path: History = ()
        while isinstance(node, Decision):
            action = choices[path]
            node, path = dict(node.moves)[action], (*path, action)
        return SubgamePerfect(tree, choices, values, path, node)


def _pair(row: np.ndarray) -> tuple[float, float]:
    """A length-2 payoff row as a pair of Python floats."""
    leader, ally = row
    return float(leader), float(ally)


def backward_induction_batch(batch: TreeBatch) -> BatchSubgamePerfect:
    """Backward induction on every tree of ``batch`` at once (numpy over the batch).

    At a node with children values V (size × moves × 2) the mover's near-best moves are the
    available ones with V ≥ max − ``TOL``; it takes the first of them that ends in agreement,
    else the first (the policy of :func:`~coalition_games.games.tree.backward_induction`).

    Raises ``TypeError`` if a payoff array holds what is not real numbers (booleans, strings,
    complex numbers, objects; masked arrays) or a move mask is not boolean, ``ValueError`` if
    an array's shape is not the batch's or some item has no available move at a decision node.
    """
    if not isinstance(batch, TreeBatch):
        raise TypeError(f"batch must be a TreeBatch, got {type(batch).__name__}")
    n = batch.size
    for history, payoffs in batch.payoffs.items():
        name = f"payoffs[{history!r}]"
        if np.shape(payoffs) != (n, 2):
            raise ValueError(f"{name} must have shape ({n}, 2), got {np.shape(payoffs)}")
        check_numbers(name, payoffs)
    for history, mask in batch.available.items():
        name = f"available[{history!r}]"
        if np.ma.isMaskedArray(mask) or not (isinstance(mask, np.ndarray) and mask.dtype == bool):
            raise TypeError(
                f"{name} must be a boolean numpy array, got {type(mask).__name__}"
                + (f" of dtype {mask.dtype}" if hasattr(mask, "dtype") else "")
            )
        if mask.shape[0] != n:
            raise ValueError(f"{name} must have {n} rows, got shape {mask.shape}")
    rows = np.arange(n)
    choices: dict[History, np.ndarray] = {}
    values: dict[History, np.ndarray] = {}

    def solve(history: History, node: Node) -> tuple[np.ndarray, np.ndarray]:
        if isinstance(node, Terminal):
            values[history] = batch.payoffs[history]
            return values[history], np.full(n, node.agreement)
        kids = [solve((*history, a), child) for a, child in node.moves]
        value = np.stack([v for v, _ in kids], axis=1)  # size × moves × 2
        agree = np.stack([g for _, g in kids], axis=1)
        mine = value[:, :, node.player]
        mask = batch.available.get(history)
        if mask is None:
            mask = np.ones(mine.shape, dtype=bool)
        elif not mask.any(axis=1).all():
            raise ValueError(f"an item of the batch has no move at {node.label!r}")
        best = np.where(mask, mine, -np.inf).max(axis=1)
        near = mask & ARRAY.ge(mine, best[:, None])
        agreed = near & agree
        chosen = np.where(agreed.any(axis=1), agreed.argmax(axis=1), near.argmax(axis=1))
        choices[history], values[history] = chosen, value[rows, chosen]
        return values[history], agree[rows, chosen]

    outcome, agreement = solve((), batch.tree.root)
    return BatchSubgamePerfect(batch, choices, values, agreement, outcome)


def _parameter_arrays(dyads: Sequence[Dyad] | Mapping[str, object]) -> SimpleNamespace:
    if isinstance(dyads, Mapping):
        missing = sorted(set(PARAMETER_NAMES) - set(dyads))
        if missing:
            raise ValueError(f"parameter arrays missing: {', '.join(missing)}")
        arrays = {name: check_numbers(name, dyads[name]) for name in PARAMETER_NAMES}
    else:
        if not all(isinstance(d, Dyad) for d in dyads):
            raise TypeError("dyads must be a sequence of Dyad or a mapping of parameter arrays")
        arrays = {name: np.array([getattr(d, name) for d in dyads]) for name in PARAMETER_NAMES}
    shape = {a.shape for a in arrays.values()}
    if len(shape) != 1 or len(next(iter(shape))) != 1:
        raise ValueError(f"parameter arrays must be one-dimensional and equally long, got {shape}")
    for spec in PARAMETERS:
        values = arrays[spec.name]
        bad = ~spec.admits(values)
        if bad.any():
            raise ValueError(
                f"{spec.name}={float(values[bad][0])!r} (item {int(np.argmax(bad))}) is not"
                f" allowed; allowed: {spec.allowed}"
            )
    return SimpleNamespace(**arrays)


def tier_batch(
    dyads: Sequence[Dyad] | Mapping[str, object],
    tier: Tier | str,
    response: Response = "choose",
) -> TreeBatch:
    """The trees of :func:`~coalition_games.games.tree.tier_tree` for many dyads, as one batch.

    The template has one offer slot per reservation price (the complex tier's: under coercion,
    then without it; ``"offer 1"``, ``"offer 2"``) and ``"no demand"``. As in ``tier_tree``, two
    prices that coincide within ``TOL`` are one offer (slot 1, at the price of the leader's
    response), an item lacks a slot whose price exceeds the budget (beyond ``TOL``), and the
    agreement payoffs are settled to the formulas' comparisons (``formulas.settled``).

    Parameters
    ----------
    dyads : a sequence of ``Dyad`` or a mapping of every parameter name to a 1-d array (checked
        like ``Dyad``: finite and within range, else ``ValueError``).
    tier, response : as for ``tier_tree``.
    """
    tier = demand_tier(tier)
    if response not in ("choose", "acquiesce", "coerce"):
        raise ValueError(
            f"response={response!r} is not allowed; use 'choose', 'acquiesce' or 'coerce'"
        )
    p = _parameter_arrays(dyads)
    cost, value = formulas.cost_and_value(p, tier.code)
    refused = -formulas.refusal_loss(p, ARRAY)  # the ally's payoff after an unpunished no
    threat: float | np.ndarray
    if tier is Tier.SIMPLE:
        threat, leader_refused, ally_refused = 0.0, np.zeros_like(cost), refused
        candidates = [formulas.tier_terms(p, cost, value, 0.0, 0.0, ARRAY).lower]
    else:
        # The leader's response to a refusal, decided as backward induction decides it.
        gain = formulas.sanction_gain(p)
        coerces = np.full(len(cost), response == "coerce")
        if response == "choose":
            coerces = ARRAY.ge(gain, 0.0)
        threat = np.where(coerces, p.stranglehold, 0.0)
        leader_refused = np.where(coerces & (response == "choose"), gain, 0.0)
        ally_refused = np.where(coerces, refused - p.stranglehold, refused)
        candidates = [
            formulas.tier_terms(p, cost, value, t, 0.0, ARRAY).lower for t in (p.stranglehold, 0.0)
        ]
    # The bargaining terms the formulas give this tier under the leader's actual response.
    terms = formulas.tier_terms(p, cost, value, threat, leader_refused, ARRAY)
    prices = [terms.lower]
    actual = [np.ones(len(cost), dtype=bool)]  # the slot of the actual response's price
    if len(candidates) == 2:  # ascending, as tier_tree orders them (coinciding: one offer)
        merged = ARRAY.ge(candidates[0], candidates[1])
        prices = [np.where(merged, terms.lower, candidates[0]), candidates[1]]
        actual = [merged | coerces, ~merged & ~coerces]
    budget = p.side_payment_budget
    within = [ARRAY.ge(budget, price) for price in prices]
    if len(prices) == 2:
        within[1] = within[1] & ~merged
    # within the hard bounds, as tier_tree's offers: at most B, and the actual response's price
    # in a sustainable tier at most max(0, min(B, hi)) (the Nash side-payment at α = 0)
    capped = np.minimum(terms.lower, np.maximum(0.0, terms.upper))
    prices = [
        np.minimum(np.where(is_actual & terms.sustainable, capped, price), budget)
        for price, is_actual in zip(prices, actual, strict=True)
    ]
    status_quo = np.stack([np.zeros_like(cost), -formulas.refusal_loss(p, ARRAY)], axis=1)
    payoffs: dict[History, np.ndarray] = {}

    def refusal(history: History, after: str) -> Node:
        if tier is Tier.SIMPLE or response == "acquiesce":
            payoffs[history] = status_quo
            return Terminal(f"refused after {after}", _PLACEHOLDER)
        denied = status_quo[:, 1] - p.stranglehold
        if response == "coerce":
            payoffs[history] = np.stack([status_quo[:, 0], denied], axis=1)
            return Terminal(f"stranglehold imposed after {after}", _PLACEHOLDER)
        payoffs[(*history, "coerce")] = np.stack([formulas.sanction_gain(p), denied], axis=1)
        payoffs[(*history, "acquiesce")] = status_quo
        moves = (
            ("coerce", Terminal(f"coerced after {after}", _PLACEHOLDER)),
            ("acquiesce", Terminal(f"acquiesced after {after}", _PLACEHOLDER)),
        )
        return Decision(f"leader after {after}", LEADER, moves)

    moves: list[tuple[str, Node]] = []
    for slot, price in enumerate(prices, 1):
        offer = f"offer {slot}"
        payoffs[(offer, "accept")] = np.stack(
            [
                formulas.settled(value - price, leader_refused, ARRAY.ge(terms.hi, price)),
                formulas.settled(price - cost, ally_refused, ARRAY.ge(price, terms.lo)),
            ],
            axis=1,
        )
        respond = (
            ("accept", Terminal(f"{tier.value} coalition at {offer}", _PLACEHOLDER, True)),
            ("reject", refusal((offer, "reject"), f"{offer} refused")),
        )
        moves.append((offer, Decision(f"ally facing {offer}", ALLY, respond)))
    moves.append(("no demand", refusal(("no demand",), "no demand")))
    root = Decision(f"leader demands {tier.value}", LEADER, tuple(moves))
    available: dict[History, np.ndarray] = {
        (): np.stack([*within, np.ones_like(within[0])], axis=1)
    }
    title = f"{len(cost)} dyads: {tier.value} demand (the model §3.2)"
    return TreeBatch(GameTree(title, root), payoffs, available)


# ------------------------------------------------------------------ the depth option (the model §8)


@dataclass(frozen=True)
class BatchDepth:
    """The sequential game with the depth in the leader's offer (the model §8), for a batch of
    dyads: per dyad the deepest depth whose complex subgame ends in acceptance (``depth``; 0
    where none, see ``exists``), and the depth the leader prefers among those (α = 0, ties toward
    the deeper demand; ``preferred``)."""

    depth: np.ndarray
    exists: np.ndarray
    preferred: np.ndarray


def depth_batch(dyads: Sequence[Dyad] | Mapping[str, object]) -> BatchDepth:
    """Backward induction of every dyad's complex subgame at each of its candidate depths
    (:func:`coalition_games.formulas.depth_candidates`), all as one batch of
    :func:`tier_batch` trees (m, v₂ and e scaled by the depth, :func:`formulas.at_depth`).

    The same reading as :func:`coalition_games.solvers.spe.solve_spe_depth`, vectorised: no
    Python tree per dyad and depth.
    """
    p = _parameter_arrays(dyads)
    candidates = np.stack(
        [np.broadcast_to(c, p.market_loss.shape) for c in formulas.depth_candidates(p, ARRAY)]
    )  # (K, N)
    k, n = candidates.shape
    flat = candidates.ravel()
    arrays = {name: np.tile(getattr(p, name), k) for name in PARAMETER_NAMES}
    scaled = formulas.at_depth(SimpleNamespace(**arrays), flat)
    arrays.update(
        market_loss=scaled.market_loss,
        leader_value_complex=scaled.leader_value_complex,
        enforcement_value=scaled.enforcement_value,
    )
    solved = backward_induction_batch(tier_batch(arrays, Tier.COMPLEX))
    agree = solved.agreement.reshape(k, n)
    payoff = np.where(agree, solved.outcome[:, 0].reshape(k, n), -np.inf)
    depth = np.where(agree, candidates, -1.0).max(axis=0)
    best = payoff.max(axis=0)
    near = agree & ARRAY.ge(payoff, best[None, :])
    preferred = np.where(near, candidates, -1.0).max(axis=0)
    exists = depth >= 0
    return BatchDepth(
        depth=np.maximum(depth, 0.0), exists=exists, preferred=np.maximum(preferred, 0.0)
    )
