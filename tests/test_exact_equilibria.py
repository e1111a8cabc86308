"""The exact vertex enumeration: every extreme equilibrium once, near-ties settled.

:func:`coalition_games.games.strategic.equilibria` enumerates the completely labelled vertex pairs
in rational arithmetic, one linear system per pair of supports. The oracle here is independent: the
textbook basis enumeration (every choice of m of the m + n constraints of each polytope held with
equality), also exact. On games whose payoffs are small integers (rescaled, so not exact in binary),
where ties, duplicate strategies and dominance abound, and on our trees' forms (near-ties settled
first), the two sets must be equal, each extreme equilibrium listed once (that nashpy's float
``vertex_enumeration`` finds nothing we miss is tested in ``test_noncooperative``); payoffs within
``TOL`` are ties.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest

from coalition_games import Dyad, Tier
from coalition_games.formulas import TOL
from coalition_games.games.strategic import (
    MAX_SUPPORT_PAIRS,
    Equilibria,
    StrategicForm,
    _tied,
    analyse,
    equilibria,
    strategic_form,
)
from coalition_games.games.tree import tier_tree
from tests.strategies import random_dyads


def profiles(found) -> list[np.ndarray]:
    return [np.concatenate([e.leader, e.ally]) for e in found]


def distinct(vectors: list[np.ndarray]) -> list[np.ndarray]:
    kept: list[np.ndarray] = []
    for v in vectors:
        if not any(np.allclose(v, k, rtol=0, atol=1e-9) for k in kept):
            kept.append(v)
    return kept


def assert_same_set(ours: list[np.ndarray], theirs: list[np.ndarray]) -> None:
    """Same extreme equilibria, one to one (ours lists each once)."""
    assert len(distinct(ours)) == len(ours)
    theirs = distinct(theirs)
    assert len(ours) == len(theirs)
    for t in theirs:
        assert sum(np.allclose(p, t, rtol=0, atol=1e-9) for p in ours) == 1


def _solve(M: list[list[Fraction]], b: list[Fraction]) -> list[Fraction] | None:
    """Gauss–Jordan elimination in rationals; None if M is singular."""
    k = len(M)
    rows = [[*row, rhs] for row, rhs in zip(M, b, strict=True)]
    for c in range(k):
        pivot = next((r for r in range(c, k) if rows[r][c] != 0), None)
        if pivot is None:
            return None
        rows[c], rows[pivot] = rows[pivot], rows[c]
        for r in range(k):
            if r != c and rows[r][c] != 0:
                f = rows[r][c] / rows[c][c]
                rows[r] = [a - f * p for a, p in zip(rows[r], rows[c], strict=True)]
    return [rows[r][k] / rows[r][r] for r in range(k)]


def basis_vertices(C: list[list[Fraction]]) -> dict[tuple, frozenset]:
    """Vertices z ≠ 0 of {z ≥ 0, Cᵀz ≤ 1} by basis enumeration, with their labels (z's zeros i,
    then tight constraints m + j)."""
    m, n = len(C), len(C[0])
    found = {}
    for basis in itertools.combinations(range(m + n), m):
        M = [
            [Fraction(int(i == b)) for i in range(m)] if b < m else [C[i][b - m] for i in range(m)]
            for b in basis
        ]
        rhs = [Fraction(0) if b < m else Fraction(1) for b in basis]
        z = _solve(M, rhs)
        if z is None or any(v < 0 for v in z) or not any(z):
            continue
        sums = [sum(C[i][j] * z[i] for i in range(m)) for j in range(n)]
        if any(s > 1 for s in sums):
            continue
        zeros = [i for i in range(m) if z[i] == 0]
        found[tuple(z)] = frozenset(zeros + [m + j for j in range(n) if sums[j] == 1])
    return found


def oracle(A: np.ndarray, B: np.ndarray) -> list[np.ndarray]:
    """The extreme equilibria of (A, B) by basis enumeration, exactly."""
    m, n = A.shape

    def positive(M):
        q = [[Fraction(v) for v in row] for row in M.tolist()]
        low = min(min(row) for row in q)
        return [[v - low + 1 for v in row] for row in q]

    xs = basis_vertices(positive(B))  # labels: x's zeros i, tight columns m + j
    ys = basis_vertices(positive(A.T))  # labels: y's zeros j, tight rows n + i
    found = []
    for x, x_labels in xs.items():
        for y, labels in ys.items():
            y_labels = {m + j for j in labels if j < n} | {j - n for j in labels if j >= n}
            if x_labels | y_labels == set(range(m + n)):
                mix = [float(v / sum(x)) for v in x] + [float(v / sum(y)) for v in y]
                found.append(np.array(mix))
    return found


def check(A: np.ndarray, B: np.ndarray) -> int:
    """Compare with the oracle on one game; return the number of extreme equilibria."""
    found = equilibria(StrategicForm("test", (), (), A, B))
    assert all(e.regret <= 1e-9 for e in found)
    ours = profiles(found)
    assert ours == sorted(ours, key=tuple, reverse=True)  # lexicographically largest first
    tied_a, tied_b = _tied(A)[0], _tied(B)[0]
    assert_same_set(ours, oracle(tied_a, tied_b))
    return len(ours)


def test_same_set_as_the_oracle_on_our_trees_forms():
    sizes = set()
    for dyad in random_dyads(seed=4242, n=60):
        for tier in (Tier.SIMPLE, Tier.COMPLEX):
            form = strategic_form(tier_tree(dyad, tier))
            sizes.add(form.A.shape)
            check(form.A, form.B)
    assert {(2, 2), (4, 2), (6, 4)} <= sizes


@pytest.mark.parametrize("transpose", [False, True], ids=["kx2", "2xk"])
def test_same_set_as_the_oracle_on_degenerate_integer_games(transpose):
    rng = np.random.default_rng(2024 + transpose)
    counts = []
    for _ in range(150):
        k = int(rng.integers(2, 5))
        span = int(rng.integers(1, 4))  # payoffs in {0, …, span}: ties, duplicates, dominance
        A, B = rng.integers(0, span + 1, (2, k, int(rng.integers(2, 4)))).astype(float)
        A, B = (B.T, A.T) if transpose else (A, B)
        counts.append(check(A * 0.37 - 1.5, B * 0.37 - 1.5))  # rescaled: not exact in binary
    assert max(counts) >= 7  # degenerate games with many extreme equilibria were among them


def test_envelope_by_hand():
    # All payoffs tied: every pure profile is an extreme equilibrium (the whole square).
    assert check(np.zeros((2, 2)), np.zeros((2, 2))) == 4
    # Ally (columns) indifferent only against the mix of rows 0 and 1; rows 1 and 2 duplicate.
    A = np.array([[3.0, 0.0], [0.0, 3.0], [0.0, 3.0]])
    B = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 1.0]])
    found = equilibria(StrategicForm("by hand", (), (), A, B))
    expected = [
        [1, 0, 0, 1, 0],
        [0.5, 0.5, 0, 0.5, 0.5],
        [0.5, 0, 0.5, 0.5, 0.5],
        [0, 1, 0, 0, 1],
        [0, 0, 1, 0, 1],
    ]  # mixes of the duplicate rows 1, 2 against column 1 are equilibria, but not extreme
    assert_same_set(profiles(found), [np.array(e, dtype=float) for e in expected])


def test_payoffs_within_the_tolerance_are_ties():
    # The leader's offer pays -TOL/2 against 0 for no demand: a tie, as backward induction has it.
    A = np.array([[-TOL / 2, 0.0], [0.0, 0.0]])
    B = np.array([[0.0, 0.0], [0.0, 0.0]])
    tied = equilibria(StrategicForm("tie", (), (), A, B))
    assert len(tied) == 4 and "1 payoff settled" in tied.searched
    apart = equilibria(StrategicForm("apart", (), (), A * 4, B))
    assert len(apart) == 3 and "0 payoffs settled" in apart.searched


def test_nearly_degenerate_games_have_no_spurious_vertices():
    # Issue #14: e − κ(s) = −1e-8 gave vertices 1e-9 outside the polytope, some with negative
    # probabilities, and an ArithmeticError (regret 1.00045e-9).
    dyad = Dyad(
        security_dependency=0.5,
        stranglehold=0.5,
        market_loss=0.3,
        side_payment_budget=0.1,
        enforcement_value=0.29999999,
    )
    found = analyse(dyad).equilibria
    assert len(found) == 12 and isinstance(found, Equilibria)
    assert all((e.leader >= 0).all() and (e.ally >= 0).all() for e in found)
    assert all(e.regret <= 1e-15 for e in found)
    assert len(distinct(profiles(found))) == len(found)


def test_a_game_too_large_for_exact_enumeration_is_refused():
    A = np.zeros((9, 9))
    with pytest.raises(ValueError, match=f"MAX_SUPPORT_PAIRS = {MAX_SUPPORT_PAIRS:,}"):
        equilibria(StrategicForm("big", (), (), A, A))


@pytest.mark.parametrize(
    ("A", "error", "words"),
    [
        (np.array([[np.nan, 0.0]]), ValueError, r"payoff A\[0, 0\] = nan; payoffs must be finite"),
        (np.array([[np.inf, 0.0]]), ValueError, r"payoff A\[0, 0\] = inf"),
        (np.zeros((0, 2)), ValueError, "non-empty matrix"),
        (np.zeros((2, 2, 2)), ValueError, "non-empty matrix"),
        (np.zeros((1, 3)), ValueError, "differ in shape"),
        ([["a", "b"]], TypeError, "matrix of real numbers"),
    ],
)
def test_bad_payoffs_are_refused_naming_the_entry(A, error, words):
    with pytest.raises(error, match=words):
        StrategicForm("bad", (), (), A, np.zeros((1, 2)))
