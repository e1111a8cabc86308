"""Strategic forms with nashpy: all Nash equilibria, each verified, and which ones are credible.

Conventions (fixed once): two players, the leader choosing rows (payoff matrix ``A``) and the ally
choosing columns (``B``). The strategic form of a tree is its *reduced* normal form (as Gambit
builds it): a pure strategy is a plan that names an action at every own decision node not excluded
by the player's own earlier moves, in the order of Gambit's labels (first node most significant).

Equilibria. The normal forms of our trees are degenerate — ties are everywhere (the ally is
indifferent at its reservation price; the leader's off-path plans do not change its payoff) — so the
equilibrium set is a finite union of convex polytopes. :func:`equilibria` returns their *extreme
points* (every equilibrium is a convex combination of extreme equilibria within one component): the
completely labelled vertex pairs of the two best-response polytopes (vertex enumeration, nashpy's
route; Avis, Rosenberg, Savani & von Stengel 2010), computed **exactly**, in rational arithmetic on
the floats' exact values, so that degenerate and nearly degenerate games (payoffs 1e-8 apart)
neither lose a vertex nor gain a spurious one, and each extreme equilibrium is returned once.
Near-ties follow the package's one tolerance policy (:mod:`coalition_games.formulas`): a player's
payoffs that ``SCALAR.ge`` cannot tell apart (chains of values within ``TOL`` of each other) are
treated as equal — as backward induction treats them — so the backward-induction SPE is always an
exact equilibrium of the game searched. Every profile is then verified: its best-response regret in
that game must be at most ``REGRET_TOL`` times the payoff scale (``ArithmeticError`` otherwise: a
bug must never reach a user as an equilibrium); ``Equilibrium.regret`` reports the regret in the
payoffs as given (at most the width of the ties settled). Float support enumeration and Lemke–Howson
are not used: nashpy 0.0.43's support enumeration drops true equilibria of degenerate games and its
Lemke–Howson returns non-equilibria when there are more rows than columns (measured;
docs/explanation/solution-concepts.rst). The tests compare the set with Gambit's exact
``enummixed_solve`` and nashpy's vertex enumeration. The result's ``searched`` says what was
searched.

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

import itertools
import math
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

import nashpy
import numpy as np

from ..formulas import SCALAR, TOL
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
    "MAX_SUPPORT_PAIRS",
    "REGRET_TOL",
    "Equilibria",
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

#: An equilibrium is accepted when both players' best-response regret (in the game with near-ties
#: settled, see the module docstring) is at most this times the payoff scale max(1, max|payoff|).
REGRET_TOL = 1e-9
#: The exact enumeration solves one linear system per pair of equally large supports of x and of
#: the other player's best responses, Σₖ C(m, k) C(n, k) = C(m + n, m) − 1 per polytope; larger
#: games are refused (``ValueError``) rather than left running. Our trees' forms need at most 209.
MAX_SUPPORT_PAIRS = 5_000

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

    def __post_init__(self) -> None:
        A, B = _checked_payoffs(self.title, self.A, self.B)
        A.setflags(write=False)  # checked once: finite payoffs stay finite
        B.setflags(write=False)
        object.__setattr__(self, "A", A)
        object.__setattr__(self, "B", B)
        for name, labels, size in (
            ("rows", self.rows, A.shape[0]),
            ("columns", self.columns, A.shape[1]),
        ):
            if labels and len(labels) != size:
                raise ValueError(
                    f"form {self.title!r}: {len(labels)} {name} labels for {size} strategies"
                )

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


class Equilibria(tuple[Equilibrium, ...]):
    """The extreme equilibria of a form (a tuple of :class:`Equilibrium`) and ``searched``, a
    sentence saying what was searched: the game's size, the method, the ties settled."""

    searched: str

    def __new__(cls, found: tuple[Equilibrium, ...] = (), searched: str = "") -> Equilibria:
        """The tuple ``found``, with ``searched``."""
        self = super().__new__(cls, found)
        self.searched = searched
        return self


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

    @property
    def searched(self) -> str:
        """What the equilibrium search covered (see :class:`Equilibria`)."""
        return getattr(self.equilibria, "searched", "")

    def explain(self) -> str:
        """The equilibria in words, the SPE marked, with what the search covered."""
        lines = [
            f"{self.form.title}: {len(self.equilibria)} extreme Nash equilibria of the "
            f"{len(self.form.rows)}×{len(self.form.columns)} strategic form "
            f"({'degenerate' if self.degenerate else 'non-degenerate'}; all extreme equilibria, "
            f"each verified by best-response regret ≤ {REGRET_TOL:g} × payoff scale)",
            f"  Searched: {self.searched}",
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


def _checked_payoffs(title: str, A: object, B: object) -> tuple[np.ndarray, np.ndarray]:
    """A and B as float arrays of one shape (m × n, m, n ≥ 1), every payoff finite."""
    arrays = []
    for name, M in (("A", A), ("B", B)):
        try:
            array = np.array(M, dtype=float)
        except (TypeError, ValueError):
            raise TypeError(
                f"form {title!r}: payoffs {name} must be a matrix of real numbers"
            ) from None
        if array.ndim != 2 or 0 in array.shape:
            raise ValueError(
                f"form {title!r}: payoffs {name} must be a non-empty matrix, got shape "
                f"{array.shape}"
            )
        bad = ~np.isfinite(array)
        if bad.any():
            i, j = (int(k) for k in np.argwhere(bad)[0])
            raise ValueError(
                f"form {title!r}: payoff {name}[{i}, {j}] = {float(array[i, j])!r}; payoffs "
                "must be finite"
            )
        arrays.append(array)
    if arrays[0].shape != arrays[1].shape:
        raise ValueError(
            f"form {title!r}: A and B differ in shape, {arrays[0].shape} and {arrays[1].shape}"
        )
    return arrays[0], arrays[1]


def _tied(M: np.ndarray) -> tuple[np.ndarray, int]:
    """M with near-ties settled (the tolerance policy of :mod:`coalition_games.formulas`): sorted,
    each value that ``SCALAR.ge`` cannot tell from the next larger one joins its class, and every
    value becomes the largest of its class. Returns the matrix and the number of values moved."""
    values = sorted(set(M.ravel().tolist()))
    top: dict[float, float] = {}
    for low, high in itertools.pairwise([*values, math.inf]):
        top[low] = low
        if high < math.inf and SCALAR.ge(low, high):
            top[low] = high  # joins high's class; resolved below, from the top down
    for value in reversed(values):
        top[value] = top[top[value]] if top[value] != value else value
    tied = np.vectorize(top.__getitem__, otypes=[float])(M)
    return tied, int(np.count_nonzero(tied != M))


def _integers(M: np.ndarray) -> list[list[int]]:
    """M scaled by a power of two to integers, exactly (floats are dyadic fractions), then shifted
    to be ≥ 1 (neither changes best responses)."""
    fractions = [[Fraction(v) for v in row] for row in M.tolist()]
    scale = max(f.denominator for row in fractions for f in row)
    ints = [[f.numerator * (scale // f.denominator) for f in row] for row in fractions]
    low = min(min(row) for row in ints)
    return [[v - low + 1 for v in row] for row in ints]


def _det(M: list[list[int]]) -> int:
    """The determinant of a square integer matrix (Bareiss' fraction-free elimination)."""
    k = len(M)
    if k == 1:
        return M[0][0]
    if k == 2:
        return M[0][0] * M[1][1] - M[0][1] * M[1][0]
    A = [row[:] for row in M]
    sign, previous = 1, 1
    for p in range(k - 1):
        if A[p][p] == 0:
            swap = next((r for r in range(p + 1, k) if A[r][p] != 0), None)
            if swap is None:
                return 0
            A[p], A[swap] = A[swap], A[p]
            sign = -sign
        for i in range(p + 1, k):
            for j in range(p + 1, k):
                A[i][j] = (A[i][j] * A[p][p] - A[i][p] * A[p][j]) // previous
        previous = A[p][p]
    return sign * A[k - 1][k - 1]


def _vertices(C: list[list[int]]) -> list[tuple[dict[int, Fraction], int, int]]:
    """The vertices z ≠ 0 of {z ∈ Rᵐ : z ≥ 0, Cᵀz ≤ 1} (C an m × n matrix of positive integers),
    exactly, each once: (z normalised to sum 1 by support index, the bitmask of its zeros, the
    bitmask of its tight constraints (Cᵀz)ⱼ = 1).

    A vertex with support I is the solution of C[I, T]ᵀ z_I = 1 for some set T of |I| tight
    constraints with C[I, T] regular (if the solution of a larger support had a zero, the same
    vertex is found with a smaller one); it must be positive on I and satisfy every constraint.
    """
    m, n = len(C), len(C[0])
    found: dict[tuple[int | Fraction, ...], tuple[dict[int, Fraction], int, int]] = {}
    for k in range(1, min(m, n) + 1):
        for support in itertools.combinations(range(m), k):
            columns = [[C[i][j] for i in support] for j in range(n)]
            for tight in itertools.combinations(range(n), k):
                M = [columns[j] for j in tight]
                det = _det(M)
                if det == 0:
                    continue
                z = [_det([[*row[:c], 1, *row[c + 1 :]] for row in M]) for c in range(k)]
                if det < 0:
                    det, z = -det, [-v for v in z]
                if any(v <= 0 for v in z):
                    continue
                sums = [sum(a * v for a, v in zip(col, z, strict=True)) for col in columns]
                if any(total > det for total in sums):
                    continue
                key: tuple[int | Fraction, ...] = (*support, *(Fraction(v, det) for v in z))
                if key in found:
                    continue
                total = sum(z)
                zeros = sum(1 << i for i in range(m) if i not in support)
                binding = sum(1 << j for j, s in enumerate(sums) if s == det)
                weights = {i: Fraction(v, total) for i, v in zip(support, z, strict=True)}
                found[key] = (weights, zeros, binding)
    return list(found.values())


def equilibria(form: StrategicForm) -> Equilibria:
    """All extreme Nash equilibria of ``form``, exactly, each verified by its best-response regret.

    Vertex enumeration (von Stengel 2002, §6; the route nashpy's ``vertex_enumeration`` takes): with
    payoffs made positive, the completely labelled vertex pairs (x, y) ≠ (0, 0) of
    P = {x ≥ 0, Bᵀx ≤ 1} and Q = {y ≥ 0, Ay ≤ 1} are, normalised, the extreme equilibria. Here in
    rational arithmetic, on the payoffs with near-ties settled (module docstring), so that none is
    missed and none is spurious; profiles whose probabilities coincide within ``TOL`` (distinct
    vertices an ulp apart) are listed once, the first in order. Order: lexicographically largest
    (leader's strategy, then ally's) first. The returned tuple's ``searched`` says what was
    searched.

    Raises
    ------
    TypeError, ValueError
        ``form`` is not a StrategicForm, has a payoff that is not finite, or is larger than
        :data:`MAX_SUPPORT_PAIRS` allows.
    ArithmeticError
        If a profile found is not an equilibrium within ``REGRET_TOL`` (a bug must never reach a
        user as an equilibrium).
    """
    if not isinstance(form, StrategicForm):
        raise TypeError(f"form must be a StrategicForm, got {type(form).__name__}")
    A, B = _checked_payoffs(form.title, form.A, form.B)
    m, n = A.shape
    pairs = math.comb(m + n, m) - 1
    if pairs > MAX_SUPPORT_PAIRS:
        raise ValueError(
            f"form {form.title!r} is {m}×{n}: exact enumeration would solve {pairs:,} systems "
            f"per player, more than MAX_SUPPORT_PAIRS = {MAX_SUPPORT_PAIRS:,}"
        )
    (tied_a, moved_a), (tied_b, moved_b) = _tied(A), _tied(B)
    xs = _vertices(_integers(tied_b))  # x's labels: its zeros (rows), tight columns
    ys = _vertices(_integers(tied_a.T))  # y's labels: its zeros (columns), tight rows
    rows, columns = (1 << m) - 1, (1 << n) - 1
    profiles: list[tuple[list[float], list[float]]] = []
    for x, x_zeros, x_tight in xs:
        for y, y_zeros, y_tight in ys:
            if x_zeros | y_tight == rows and x_tight | y_zeros == columns:
                profiles.append(
                    (
                        [float(x.get(i, 0)) for i in range(m)],
                        [float(y.get(j, 0)) for j in range(n)],
                    )
                )
    profiles.sort(key=lambda p: p[0] + p[1], reverse=True)  # lexicographically largest first
    # Distinct vertices of the exact game can be closer than the tolerance (differences of floats
    # that are equal in the reals differ by an ulp): the first of such a cluster stands for it.
    kept: list[tuple[list[float], list[float]]] = []
    for leader, ally in profiles:
        if not any(_within_tol(leader + ally, a + b) for a, b in kept):
            kept.append((leader, ally))
    merged, profiles = len(profiles) - len(kept), kept
    x_all = np.array([p[0] for p in profiles]).reshape(-1, m)
    y_all = np.array([p[1] for p in profiles]).reshape(-1, n)
    settled = moved_a + moved_b
    searched = (
        f"all extreme equilibria of the {m}×{n} game: exact vertex enumeration (rational "
        f"arithmetic, {pairs} support pairs per player), payoffs within TOL = {TOL:g} treated "
        f"as equal ({settled} payoff{'s' if settled != 1 else ''} settled), equilibria within "
        f"TOL of each other listed once ({merged} merged)"
    )
    return Equilibria(_verified(A, B, tied_a, tied_b, x_all, y_all), searched)


def _within_tol(a: list[float], b: list[float]) -> bool:
    """Every coordinate of a within ``TOL`` of b's (``SCALAR.ge`` both ways)."""
    return all(SCALAR.ge(u, v) and SCALAR.ge(v, u) for u, v in zip(a, b, strict=True))


def _verified(
    A: np.ndarray,
    B: np.ndarray,
    tied_a: np.ndarray,
    tied_b: np.ndarray,
    x: np.ndarray,
    y: np.ndarray,
) -> tuple[Equilibrium, ...]:
    """The profiles (rows of x, y) as equilibria, each with its regret in the given payoffs; raise
    if one is not an equilibrium of the game searched (the tied payoffs)."""
    scale = max(1.0, float(np.abs(A).max()), float(np.abs(B).max()))

    def regret(A: np.ndarray, B: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        Ay, xB = y @ A.T, x @ B
        leader, ally = (x * Ay).sum(axis=1), (xB * y).sum(axis=1)
        return np.maximum(Ay.max(axis=1) - leader, xB.max(axis=1) - ally), leader, ally

    searched, _, _ = regret(tied_a, tied_b)
    if not (searched <= REGRET_TOL * scale).all():
        raise ArithmeticError(f"vertex enumeration returned a non-equilibrium: {searched.max()=}")
    given, leader, ally = regret(A, B)
    return tuple(
        Equilibrium(x[k], y[k], (float(leader[k]), float(ally[k])), float(given[k]))
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
        if any(p > TOL and not SCALAR.ge(values[a][node.player], top) for a, p in probs.items()):
            failures.append(node.label)
        return sum(p / total * values[a] for a, p in probs.items())

    value((), tree.root)
    return tuple(failures)


def analyse(dyad: Dyad, tier: Tier | str = Tier.COMPLEX) -> StrategicAnalysis:
    """The strategic form of one tier's sequential game (the model §3.3), all its equilibria.

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
    extreme = equilibria(form)
    found = Equilibria(
        tuple(
            replace(e, subgame_perfect=not failures, non_credible=failures)
            for e in extreme
            for failures in [_credibility(form, e)]
        ),
        extreme.searched,
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
