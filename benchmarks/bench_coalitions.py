"""Benchmark: exact multilateral analysis for up to 12 allies (all 2ⁿ member sets).

Times, for random coalitions of n allies, the vectorised classification with every stable set
(``solve_coalition``), the subgame-perfect accession (``accession``), exact Shapley values and
the least core, and — as the peer in the same run — the scalar route that solves every member's
bilateral game (``solve(member_dyad(...))``) one at a time, which the vectorised route replaces.

Run: ``.venv/bin/python benchmarks/bench_coalitions.py``
"""

from __future__ import annotations

import itertools
import time

import numpy as np

from coalition_games import solve
from coalition_games.coalitions import Coalition, CoalitionMember, member_dyad, solve_coalition
from coalition_games.coalitions.accession import accession
from coalition_games.coalitions.cooperative import core, shapley_values
from tests.strategies import random_dyads


def coalition(n: int, seed: int = 0) -> Coalition:
    rng = np.random.default_rng(seed)
    members = tuple(
        CoalitionMember(d.replace(ally=f"A{i}"), float(rng.uniform(10, 150)))
        for i, d in enumerate(random_dyads(seed, n))
    )
    return Coalition(f"n={n}", members, leader_supply=100.0)


def best_of(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def scalar_route(c: Coalition) -> None:
    for size in range(1, len(c.names) + 1):
        for subset in itertools.combinations(c.names, size):
            for name in subset:
                solve(member_dyad(c, subset, name))


def main() -> None:
    print(
        f"{'n':>3} {'sets':>6} {'classify+stable':>16} {'accession':>10} {'shapley':>9} "
        f"{'core':>8} {'total':>8} {'scalar route':>13} {'ratio':>7}"
    )
    for n in (3, 6, 9, 12):
        # Each call gets a freshly built coalition (no cached tables): cold timings.
        times = {
            name: best_of(lambda fn=fn, n=n: fn(coalition(n)))
            for name, fn in (
                ("solve", solve_coalition),
                ("accession", accession),
                ("shapley", shapley_values),
                ("core", core),
            )
        }
        total = sum(times.values())
        scalar = best_of(lambda n=n: scalar_route(coalition(n)), 1) if n <= 9 else float("nan")
        ratio = scalar / times["solve"] if n <= 9 else float("nan")
        print(
            f"{n:>3} {2**n:>6} {times['solve'] * 1e3:>13.1f} ms {times['accession'] * 1e3:>7.1f} ms"
            f" {times['shapley'] * 1e3:>6.1f} ms {times['core'] * 1e3:>5.1f} ms"
            f" {total:>6.2f} s {scalar:>11.2f} s {ratio:>7.0f}"
        )


if __name__ == "__main__":
    main()
