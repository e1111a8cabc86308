"""Strategic forms with nashpy: all Nash equilibria, each verified, and which ones are credible.

Conventions (fixed once): two players, the leader choosing rows (payoff matrix ``A``) and the ally
choosing columns (``B``). The strategic form of a tree is its *reduced* normal form (as Gambit
builds it): a pure strategy is a plan that names an action at every own decision node not excluded
by the player's own earlier moves, in the order of Gambit's labels (first node most significant).

Equilibria. The normal forms of our trees are degenerate — ties are everywhere (the ally is
indifferent at its reservation price; the leader's off-path plans do not change its payoff) — so
the equilibrium set is a finite union of convex polytopes. :func:`equilibria` returns their
*extreme points* (every equilibrium is a convex combination of extreme equilibria within one
component) by vertex enumeration (nashpy's route), which pairs the completely labelled vertices of
the two best-response polytopes and is exact for degenerate games up to floating point (Avis,
Rosenberg, Savani & von Stengel 2010); when one player has two strategies the same vertex pairs
are read off the upper envelope of the other's payoff lines, in closed form. Support enumeration
and Lemke–Howson are not used: nashpy 0.0.43's support enumeration drops true equilibria of
degenerate games and its Lemke–Howson returns non-equilibria when there are more rows than
columns (measured; ARCHITECTURE.md). Every profile is then verified — the best-response regret
of both players must be at most ``REGRET_TOL`` times the payoff scale — and a profile that fails
raises ``ArithmeticError`` rather than reaching a user. The tests compare the set with Gambit's
exact ``enummixed_solve``.

Credibility. An equilibrium of a tree's strategic form is marked ``subgame_perfect`` when its
behaviour is a best response at every decision node, on and off the path (one-shot deviation
principle for perfect information), with nodes the plans leave unspecified completed in the most
favourable way; otherwise ``non_credible`` names the nodes where a player's announced move is not
optimal — e.g. an ally rejecting because the leader "would acquiesce", or a leader "who would
coerce" when coercion does not pay. Besides the backward-induction SPE (``spe_index``), the finite
tree can have other subgame-perfect equilibria, in which the ally, indifferent at the price
offered, rejects it; they disappear when offers are continuous (the leader would add ε), which is
why :mod:`coalition_games.games.tree` breaks the ally's indifference towards acceptance.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass, replace
from typing import Any

import nashpy
import numpy as np

from ..formulas import TOL
from ..model import Dyad
from ..results import Table, frame, html_table
from ..solution import Tier, jsonable
from .tree import (
    Decision,
    GameTree,
    Node,
    SubgamePerfect,
    Terminal,
    backward_induction,
    tier_tree,
)

__all__ = [
    "EQUILIBRIUM_COLUMNS",
    "REGRET_TOL",
    "Equilibrium",
    "StrategicAnalysis",
    "StrategicForm",
    "analyse",
    "equilibria",
    "equilibria_html",
    "equilibria_rows",
    "is_degenerate",
    "strategic_form",
]

#: An equilibrium is accepted when both players' best-response regret is at most this times the
#: payoff scale max(1, max(abs(payoff))).
REGRET_TOL = 1e-9

Plan = tuple[tuple[tuple[str, ...], str], ...]


@dataclass(frozen=True)
class StrategicForm:
    """A bimatrix game: row (leader) and column (ally) strategy labels and payoff matrices."""

    title: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    A: np.ndarray  #: leader's payoffs
    B: np.ndarray  #: ally's payoffs
    tree: GameTree | None = None
    plans: tuple[tuple[Plan, ...], tuple[Plan, ...]] | None = None

    @property
    def game(self) -> nashpy.Game:
        """The game as a ``nashpy.Game``."""
        return nashpy.Game(self.A, self.B)


@dataclass(frozen=True)
class Equilibrium:
    """A Nash equilibrium (x, y) with its certificate.

    ``regret`` is the largest gain either player could make by a unilateral deviation (≈ 0).
    ``subgame_perfect`` is None for games without a tree; ``non_credible`` lists the decision
    nodes where the equilibrium's announced play is not a best response.
    """

    leader: np.ndarray
    ally: np.ndarray
    payoffs: tuple[float, float]
    regret: float
    subgame_perfect: bool | None = None
    non_credible: tuple[str, ...] = ()

    def is_pure(self) -> bool:
        """True when both strategies put probability 1 on one pure strategy."""
        return bool(np.isclose(self.leader.max(), 1) and np.isclose(self.ally.max(), 1))

    def play(self, form: StrategicForm) -> tuple[str, str]:
        """Each side's (mixed) strategy in words: the pure strategies played, with their
        probabilities when mixed."""

        def play(labels: tuple[str, ...], probabilities: np.ndarray) -> str:
            return " + ".join(
                label if p > 1 - 1e-9 else f"{p:.3g}·[{label}]"
                for label, p in zip(labels, probabilities, strict=True)
                if p > 1e-9
            )

        return play(form.rows, self.leader), play(form.columns, self.ally)

    def describe(self, form: StrategicForm) -> str:
        """One line in words: each side's (mixed) strategy, payoffs, and whether it is credible."""
        leader, ally = self.play(form)
        status = {
            None: "",
            True: "; subgame perfect",
            False: "; rests on non-credible play at: " + ", ".join(self.non_credible),
        }[self.subgame_perfect]
        return (
            f"leader {leader}; ally {ally} → "
            f"payoffs ({self.payoffs[0]:.3g}, {self.payoffs[1]:.3g}){status}"
        )

    def to_dict(self, form: StrategicForm) -> dict[str, Any]:
        """Strict JSON: both mixed strategies (by label), payoffs, regret, credibility."""
        return jsonable(
            {
                "leader": dict(zip(form.rows, self.leader.tolist(), strict=True)),
                "ally": dict(zip(form.columns, self.ally.tolist(), strict=True)),
                "payoffs": list(self.payoffs),
                "regret": self.regret,
                "pure": self.is_pure(),
                "subgame_perfect": self.subgame_perfect,
                "non_credible": list(self.non_credible),
            }
        )


#: The columns of an equilibria table (``StrategicAnalysis.to_frame``, ``ThreatGame.to_frame``).
EQUILIBRIUM_COLUMNS = (
    "equilibrium",
    "leader",
    "ally",
    "leader_payoff",
    "ally_payoff",
    "pure",
    "regret",
    "subgame_perfect",
    "non_credible",
)


def equilibria_rows(form: StrategicForm, found: tuple[Equilibrium, ...]) -> list[dict[str, Any]]:
    """One record per equilibrium (columns :data:`EQUILIBRIUM_COLUMNS`), numbered from 1."""
    return [
        dict(
            zip(
                EQUILIBRIUM_COLUMNS,
                (
                    k,
                    *e.play(form),
                    e.payoffs[0],
                    e.payoffs[1],
                    e.is_pure(),
                    e.regret,
                    e.subgame_perfect,
                    ", ".join(e.non_credible),
                ),
                strict=True,
            )
        )
        for k, e in enumerate(found, 1)
    ]


def equilibria_html(
    form: StrategicForm, found: tuple[Equilibrium, ...], title: str, mark: int | None = None
) -> str:
    """The equilibria as a left-aligned HTML table (``mark``: the index labelled SPE)."""
    return html_table(
        ("#", "leader plays", "ally plays", "payoffs (leader, ally)", "credible"),
        [
            (
                "SPE" if k - 1 == mark else k,
                r["leader"],
                r["ally"],
                f"{r['leader_payoff']:.4g}, {r['ally_payoff']:.4g}",
                {
                    None: "—",
                    True: "subgame perfect",
                    False: "non-credible at: " + r["non_credible"],
                }[r["subgame_perfect"]],
            )
            for k, r in enumerate(equilibria_rows(form, found), 1)
        ],
        title=title,
    )


@dataclass(frozen=True)
class StrategicAnalysis(Table):
    """One tier's strategic form, all its extreme equilibria, and the SPE among them.

    ``to_frame()``: one row per extreme equilibrium (columns :data:`EQUILIBRIUM_COLUMNS`:
    equilibrium number, each side's strategy in words, payoffs, pure, regret, subgame_perfect,
    non_credible) and a column ``spe`` marking the backward-induction SPE.
    """

    form: StrategicForm
    equilibria: tuple[Equilibrium, ...]
    degenerate: bool
    spe: SubgamePerfect
    spe_index: int  #: position of the backward-induction SPE in ``equilibria``

    def explain(self) -> str:
        """The equilibria in words, the SPE marked, with what the search covered."""
        lines = [
            f"{self.form.title}: {len(self.equilibria)} extreme Nash equilibria of the "
            f"{len(self.form.rows)}×{len(self.form.columns)} strategic form "
            f"({'degenerate' if self.degenerate else 'non-degenerate'}; all extreme equilibria, "
            f"each verified by best-response regret ≤ {REGRET_TOL:g} × payoff scale)"
        ]
        for k, e in enumerate(self.equilibria):
            mark = "SPE" if k == self.spe_index else f"{k + 1:>3}"
            lines.append(f"  [{mark}] {e.describe(self.form)}")
        return "\n".join(lines)

    def to_frame(self) -> Any:
        """The equilibria as a ``pandas.DataFrame`` (columns in the class docstring)."""
        data = frame(equilibria_rows(self.form, self.equilibria), EQUILIBRIUM_COLUMNS)
        data["spe"] = data.index == self.spe_index
        return data

    def to_dict(self) -> dict[str, Any]:
        """Strict JSON: the strategic form (labels, payoff matrices), every equilibrium, the SPE's
        position, degeneracy."""
        return jsonable(
            {
                "title": self.form.title,
                "rows": list(self.form.rows),
                "columns": list(self.form.columns),
                "A": self.form.A.tolist(),
                "B": self.form.B.tolist(),
                "degenerate": self.degenerate,
                "spe_index": self.spe_index,
                "equilibria": [e.to_dict(self.form) for e in self.equilibria],
            }
        )

    def _repr_html_(self) -> str:
        return equilibria_html(
            self.form,
            self.equilibria,
            f"{self.form.title}: {len(self.equilibria)} extreme equilibria of the "
            f"{len(self.form.rows)}×{len(self.form.columns)} strategic form "
            f"({'degenerate' if self.degenerate else 'non-degenerate'}; each verified)",
            mark=self.spe_index,
        )


def _plans(node: Node, player: int, history: tuple[str, ...] = ()) -> list[Plan]:
    """The player's reduced plans in the subtree at ``node`` (Gambit's order)."""
    if isinstance(node, Terminal):
        return [()]
    if node.player == player:
        return [
            ((history, action), *plan)
            for action, child in node.moves
            for plan in _plans(child, player, (*history, action))
        ]
    parts = [_plans(child, player, (*history, a)) for a, child in node.moves]
    return [tuple(itertools.chain(*combo)) for combo in itertools.product(*parts)]


def _play(tree: GameTree, plans: tuple[dict, dict]) -> tuple[float, float]:
    node: Node = tree.root
    history: tuple[str, ...] = ()
    while isinstance(node, Decision):
        action = plans[node.player][history]
        node, history = dict(node.moves)[action], (*history, action)
    return node.payoffs


def strategic_form(tree: GameTree) -> StrategicForm:
    """The reduced normal form of a two-player tree."""
    plans = (tuple(_plans(tree.root, 0)), tuple(_plans(tree.root, 1)))
    rows, columns = (tuple(" / ".join(a for _, a in plan) or "-" for plan in ps) for ps in plans)
    payoffs = np.array(
        [[_play(tree, (dict(r), dict(c))) for c in plans[1]] for r in plans[0]], dtype=float
    )
    return StrategicForm(tree.title, rows, columns, payoffs[..., 0], payoffs[..., 1], tree, plans)


def _tree_and_plans(
    form: StrategicForm,
) -> tuple[GameTree, tuple[tuple[Plan, ...], tuple[Plan, ...]]]:
    """The tree behind ``form`` and both players' plans; ``ValueError`` for a bare bimatrix."""
    if form.tree is None or form.plans is None:
        raise ValueError(
            f"form {form.title!r} has no game tree; credibility needs a form built by "
            "strategic_form(tree)"
        )
    return form.tree, form.plans


@functools.cache
def _polytope(m: int, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """What {z ∈ Rᵐ : z ≥ 0, Cᵀz ≤ 1} shares for every m×n matrix C (cached per shape): the
    constraint matrix with −I in its first m rows (Cᵀ goes below), the right-hand side, the bases
    (every choice of m of the m + n constraints) and the right-hand side of each basis."""
    M = np.zeros((m + n, m))
    M[:m] = -np.eye(m)
    rhs = np.concatenate([np.zeros(m), np.ones(n)])
    bases = np.array(list(itertools.combinations(range(m + n), m)))
    return M, rhs, bases, rhs[bases][..., None]


def _vertices(C: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Vertices of {z ≥ 0, Cᵀz ≤ 1} (C > 0) and their tight-constraint labels (z's zeros first,
    then C's columns), by solving every basis.

    Each choice of m linearly independent constraints held with equality gives a candidate
    point; the feasible ones are the vertices (a degenerate vertex, on more than m constraints,
    is found from several bases and kept once).
    """
    m, n = C.shape
    template, rhs, bases, rhs_bases = _polytope(m, n)
    M = template.copy()
    M[m:] = C.T
    mats = M[bases]
    ok = np.abs(np.linalg.det(mats)) > 1e-12
    points = np.linalg.solve(mats[ok], rhs_bases[ok])[..., 0]
    points = points[(points @ M.T <= rhs + 1e-9).all(axis=1)]
    points = np.round(points, 12) + 0.0  # + 0.0 turns −0.0 into 0.0
    points = points[list({row.tobytes(): i for i, row in enumerate(points)}.values())]
    return points, np.abs(rhs - points @ M.T) <= 1e-9


def equilibria(form: StrategicForm) -> tuple[Equilibrium, ...]:
    """All extreme Nash equilibria of ``form``, each verified by its best-response regret.

    Vertex enumeration (von Stengel 2002, §6; the route nashpy's ``vertex_enumeration`` takes):
    with payoffs shifted to be positive, the completely labelled vertex pairs (x, y) ≠ (0, 0) of
    P = {x ≥ 0, Bᵀx ≤ 1} and Q = {y ≥ 0, Ay ≤ 1} are, normalised, the extreme equilibria. The
    vertices are found by solving all C(m+n, m) bases at once in numpy (a small game's bases fit in
    memory: 210 for the 6×4 forms of our trees) — the same set as nashpy's, about 30× faster.
    When a player has two strategies (k×2 or 2×k, k ≥ 2) the same vertex pairs have closed forms,
    read off the upper envelope of the other player's payoff lines (:func:`_envelope`; the same
    set, tested against the vertex enumeration, about 3× faster on our 4×2 forms), ties decided
    within half of ``REGRET_TOL`` so that the regret check keeps a margin. When a player has a
    single strategy the equilibrium set is the simplex of the other's pure best responses (within
    ``REGRET_TOL``), whose vertices are those pure strategies: they are returned directly.
    Order: lexicographically largest (leader's strategy, then ally's) first.

    Raises
    ------
    ArithmeticError
        If a profile found is not an equilibrium within ``REGRET_TOL`` (a bug must never reach a
        user as an equilibrium).
    """
    A, B = form.A, form.B
    m, n = A.shape
    scale = max(1.0, float(np.abs(A).max(initial=0)), float(np.abs(B).max(initial=0)))
    if m == 1 or n == 1:
        x, y = _pure_best_responses(A, B, REGRET_TOL * scale)
    elif n == 2:
        x, y = _envelope(A, B, REGRET_TOL * scale / 2)
    elif m == 2:
        y, x = _envelope(B.T, A.T, REGRET_TOL * scale / 2)
    else:
        x, y = _vertex_pairs(A, B)
    if len(x) > 1:  # lexicographically largest first
        keys = [a + b for a, b in zip(x.tolist(), y.tolist(), strict=True)]
        order = sorted(range(len(keys)), key=keys.__getitem__, reverse=True)
        x, y = x[order], y[order]
    return _verified(A, B, x, y, scale)


def _pure_best_responses(A: np.ndarray, B: np.ndarray, tol: float) -> tuple[np.ndarray, np.ndarray]:
    """The extreme equilibria when one player has a single strategy: the other's pure best
    responses to it, in strategy order."""
    m, n = A.shape
    if n == 1:
        best = np.flatnonzero(A[:, 0] >= A[:, 0].max() - tol)
        return np.eye(m)[best], np.ones((len(best), 1))
    best = np.flatnonzero(B[0] >= B[0].max() - tol)
    return np.ones((len(best), 1)), np.eye(n)[best]


def _envelope(U: np.ndarray, V: np.ndarray, tol: float) -> tuple[np.ndarray, np.ndarray]:
    """The extreme equilibria when one player, T, has two strategies: T's mixtures (1 − q, q),
    against the other player K's k strategies; U and V (k×2) are K's and T's payoffs.

    The extreme equilibria are the completely labelled pairs of vertices of
    P = {x ≥ 0, Vᵀx ≤ 1} and Q = {y ≥ 0, Uy ≤ 1} (see :func:`equilibria`), and with two strategies
    on one side these vertices have closed forms (the upper-envelope method for 2×n games, as in
    the best-response diagrams of von Stengel 2002):

    * Q's vertices are q = 0, q = 1 and the *breakpoints* of the upper envelope of K's payoff
      lines uᵢ(q) = Uᵢ₀ + q (Uᵢ₁ − Uᵢ₀): the q ∈ (0, 1) where two distinct lines are both highest
      (two equal lines give one constraint, not a vertex). Their labels are K's best responses
      (the highest lines) and T's unused strategy at q = 0 or 1.
    * P's vertices are K's pure strategies i, and the mixtures of two strategies i, j on which T's
      gain dᵢ = Vᵢ₀ − Vᵢ₁ from its first strategy has strictly opposite signs, which make T
      indifferent: xᵢ = −dⱼ / (dᵢ − dⱼ), xⱼ = dᵢ / (dᵢ − dⱼ). (A vertex needs k tight constraints;
      only two are not x's zeros, so its support has at most two strategies, and for two the
      2×2 system is regular exactly when the signs are strictly opposite.)

    A pair is an equilibrium when x's support is among the highest lines at q and T's used
    strategies are best against x (for a pure i: dᵢ ≥ 0 at q = 0, dᵢ ≤ 0 at q = 1, dᵢ = 0
    inside). Ties are decided within ``tol``; a breakpoint whose highest lines are those of q = 0,
    q = 1 or an earlier breakpoint (within ``tol``) is the same vertex and is kept once. Returns
    (K's strategies, T's strategies), one row per extreme equilibrium.
    """
    k = len(U)
    lines = [(u0, u1 - u0) for u0, u1 in U.tolist()]
    d = [v0 - v1 for v0, v1 in V.tolist()]
    mixed = [(i, j) for i in range(k) for j in range(k) if d[i] > tol and d[j] < -tol]

    def highest(q: float) -> frozenset[int]:
        values = [u + q * s for u, s in lines]
        top = max(values) - tol
        return frozenset(i for i, v in enumerate(values) if v >= top)

    vertices = [(0.0, highest(0.0)), (1.0, highest(1.0))]
    seen = {vertices[0][1], vertices[1][1]}
    for i, j in itertools.combinations(range(k), 2):
        (ui, si), (uj, sj) = lines[i], lines[j]
        if si == sj or (abs(ui - uj) <= tol and abs(ui + si - uj - sj) <= tol):
            continue  # equal (within tol) or parallel lines: no breakpoint
        q = (uj - ui) / (si - sj)
        if 0 < q < 1 and {i, j} <= (best := highest(q)) and best not in seen:
            seen.add(best)
            vertices.append((q, best))
    xs, ys = [], []
    for q, best in vertices:
        for i in sorted(best):
            if (q == 0 and d[i] >= -tol) or (q == 1 and d[i] <= tol) or abs(d[i]) <= tol:
                xs.append([1.0 if r == i else 0.0 for r in range(k)])
                ys.append([1 - q, q])
        for i, j in mixed:
            if i in best and j in best:
                xi = -d[j] / (d[i] - d[j])
                xs.append([xi if r == i else 1 - xi if r == j else 0.0 for r in range(k)])
                ys.append([1 - q, q])
    return np.array(xs).reshape(-1, k), np.array(ys).reshape(-1, 2)


def _vertex_pairs(A: np.ndarray, B: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The completely labelled vertex pairs of P and Q, normalised (see :func:`equilibria`)."""
    n = A.shape[1]
    shift = 1 - min(A.min(), B.min())
    xs, x_tight = _vertices(B + shift)  # labels: xᵢ = 0, then (Bᵀx)ⱼ = 1
    ys, y_tight = _vertices((A + shift).T)  # labels: yⱼ = 0, then (Ay)ᵢ = 1
    y_tight = np.hstack([y_tight[:, n:], y_tight[:, :n]])  # in x's label order
    keep_x, keep_y = xs.sum(axis=1) > 1e-12, ys.sum(axis=1) > 1e-12
    xs, x_tight, ys, y_tight = xs[keep_x], x_tight[keep_x], ys[keep_y], y_tight[keep_y]
    complete = (x_tight[:, None, :] | y_tight[None, :, :]).all(axis=2)
    i, j = np.nonzero(complete)
    return xs[i] / xs[i].sum(axis=1, keepdims=True), ys[j] / ys[j].sum(axis=1, keepdims=True)


def _verified(
    A: np.ndarray, B: np.ndarray, x: np.ndarray, y: np.ndarray, scale: float
) -> tuple[Equilibrium, ...]:
    """The profiles (rows of x, y) as equilibria, each with its regret; raise on any failure."""
    Ay, xB = y @ A.T, x @ B
    leader, ally = (x * Ay).sum(axis=1), (xB * y).sum(axis=1)
    regret = np.maximum(Ay.max(axis=1) - leader, xB.max(axis=1) - ally)
    if not (regret <= REGRET_TOL * scale).all():
        raise ArithmeticError(f"vertex enumeration returned a non-equilibrium: {regret.max()=}")
    return tuple(
        Equilibrium(x[k], y[k], (float(leader[k]), float(ally[k])), float(regret[k]))
        for k in range(len(x))
    )


def is_degenerate(form: StrategicForm, found: tuple[Equilibrium, ...]) -> bool:
    """Proof of degeneracy: a pure strategy with several pure best responses, or an equilibrium
    with more pure best responses than its support size. Nondegenerate games always give False."""
    A, B, scale = form.A, form.B, REGRET_TOL * max(1.0, np.abs(form.A).max(), np.abs(form.B).max())

    def n_best(values: np.ndarray) -> int:
        return int((values >= values.max() - scale).sum())

    pure = any(n_best(B[i]) > 1 for i in range(len(A))) or any(
        n_best(A[:, j]) > 1 for j in range(A.shape[1])
    )
    return pure or any(
        n_best(A @ e.ally) > (e.leader > 0).sum() or n_best(e.leader @ B) > (e.ally > 0).sum()
        for e in found
    )


def _credibility(form: StrategicForm, e: Equilibrium) -> tuple[str, ...]:
    """Nodes where ``e`` is not sequentially rational, under its most favourable completion."""
    tree, (row_plans, column_plans) = _tree_and_plans(form)
    x, y = e.leader, e.ally
    behaviour: dict[tuple[str, ...], dict[str, float]] = {}
    for weights, plans in ((x, row_plans), (y, column_plans)):
        for weight, plan in zip(weights, plans, strict=True):
            if weight > TOL:
                for history, action in plan:
                    node = behaviour.setdefault(history, {})
                    node[action] = node.get(action, 0.0) + weight
    free = [(h, n) for h, n in tree.decisions() if h not in behaviour]
    best: tuple[str, ...] | None = None
    for completion in itertools.product(*(n.actions for _, n in free)):
        full = dict(behaviour)
        full.update({h: {a: 1.0} for (h, _), a in zip(free, completion, strict=True)})
        failures = _failures(tree, full)
        if best is None or len(failures) < len(best):
            best = failures
        if not failures:
            break
    return best or ()


def _failures(tree: GameTree, behaviour: dict) -> tuple[str, ...]:
    """Nodes where an action played with positive probability is not a best response."""
    failures: list[str] = []

    def value(history: tuple[str, ...], node: Node) -> np.ndarray:
        if isinstance(node, Terminal):
            return np.array(node.payoffs)
        probs = behaviour[history]
        total = sum(probs.values())
        values = {a: value((*history, a), child) for a, child in node.moves}
        top = max(v[node.player] for v in values.values())
        if any(p > TOL and values[a][node.player] < top - TOL for a, p in probs.items()):
            failures.append(node.label)
        return sum(p / total * values[a] for a, p in probs.items())

    value((), tree.root)
    return tuple(failures)


def analyse(dyad: Dyad, tier: Tier | str = Tier.COMPLEX) -> StrategicAnalysis:
    """The strategic form of one tier's sequential game (MODEL.md §3.3), all its equilibria.

    The SPE profile of :func:`~coalition_games.games.tree.backward_induction` is always among
    them (checked: ``AssertionError`` otherwise); the others rest on non-credible threats.

    Examples
    --------
    >>> from coalition_games import Dyad
    >>> result = analyse(Dyad(security_dependency=0.9, stranglehold=0.5, market_loss=0.6))
    >>> spe = result.equilibria[result.spe_index]
    >>> len(result.equilibria), result.degenerate, spe.subgame_perfect
    (3, True, True)
    """
    tree = tier_tree(dyad, tier)
    form = strategic_form(tree)
    row_plans, column_plans = _tree_and_plans(form)[1]
    found = tuple(
        replace(e, subgame_perfect=not failures, non_credible=failures)
        for e in equilibria(form)
        for failures in [_credibility(form, e)]
    )
    spe = backward_induction(tree)
    rows = [dict(p) for p in row_plans]
    cols = [dict(p) for p in column_plans]

    def agrees(plan: dict) -> bool:
        return all(spe.choices[h] == a for h, a in plan.items())

    i = next(k for k, plan in enumerate(rows) if agrees(plan))
    j = next(k for k, plan in enumerate(cols) if agrees(plan))
    index = next(
        (n for n, e in enumerate(found) if e.leader[i] > 1 - 1e-9 and e.ally[j] > 1 - 1e-9), None
    )
    if index is None:
        raise AssertionError("the backward-induction SPE is missing from the equilibria found")
    return StrategicAnalysis(form, found, is_degenerate(form, found), spe, index)
