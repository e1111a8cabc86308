"""The upper-envelope path for k×2 and 2×k forms returns the vertex enumeration's set exactly.

:func:`coalition_games.games.strategic.equilibria` routes forms where one player has two strategies
(and the other at least two) to the upper-envelope construction; every other shape keeps the
vertex enumeration ``_vertex_pairs``. Both must give the same set of extreme equilibria, on our
trees' forms and on degenerate games with small integer payoffs, where ties abound.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from coalition_games import Tier
from coalition_games.games.strategic import StrategicForm, _vertex_pairs, equilibria, strategic_form
from coalition_games.games.tree import tier_tree
from tests.strategies import random_dyads


def profiles(found) -> list[np.ndarray]:
    return [np.concatenate([e.leader, e.ally]) for e in found]


def assert_same_set(ours: list[np.ndarray], theirs: list[np.ndarray]) -> None:
    """Same extreme equilibria, one to one (both sides list each vertex pair once)."""
    assert len(ours) == len(theirs)
    for p in ours:
        assert sum(np.allclose(p, t, atol=1e-9) for t in theirs) == 1
    for t in theirs:
        assert sum(np.allclose(p, t, atol=1e-9) for p in ours) == 1


def check(A: np.ndarray, B: np.ndarray) -> int:
    """Compare the two routes on one game; return the number of extreme equilibria."""
    found = equilibria(StrategicForm("test", (), (), A, B))
    assert all(e.regret <= 1e-9 for e in found)
    ours = profiles(found)
    assert ours == sorted(ours, key=tuple, reverse=True)  # lexicographically largest first
    assert_same_set(ours, [np.concatenate(p) for p in zip(*_vertex_pairs(A, B), strict=True)])
    return len(ours)


def test_same_set_as_vertex_enumeration_on_our_trees_forms():
    shapes: Counter = Counter()
    for dyad in random_dyads(seed=4242, n=2000):
        for tier in (Tier.SIMPLE, Tier.COMPLEX):
            form = strategic_form(tier_tree(dyad, tier))
            if min(form.A.shape) == 2:
                shapes[form.A.shape] += 1
                check(form.A, form.B)
    assert shapes[(4, 2)] >= 500 and shapes[(2, 2)] >= 100


@pytest.mark.parametrize("transpose", [False, True], ids=["kx2", "2xk"])
def test_same_set_as_vertex_enumeration_on_degenerate_integer_games(transpose):
    rng = np.random.default_rng(2024 + transpose)
    counts = []
    for _ in range(3000):
        k = int(rng.integers(2, 7))
        span = int(rng.integers(1, 4))  # payoffs in {0, …, span}: ties, duplicates, dominance
        A, B = rng.integers(0, span + 1, (2, k, 2)).astype(float)
        A, B = (B.T, A.T) if transpose else (A, B)
        counts.append(check(A * 0.37 - 1.5, B * 0.37 - 1.5))  # rescaled: not exact in binary
    assert max(counts) >= 8  # degenerate games with many extreme equilibria were among them


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
