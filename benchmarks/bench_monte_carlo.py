"""Benchmark the reproduction's Monte Carlo: vectorised draws against a scalar loop, same run.

Run: ``python benchmarks/bench_monte_carlo.py [draws]``. Prints the time of
``monte_carlo(five cases, draws, evaluations=in_draws(CLAIMS, cases))`` (tiers, claim shares incl.
counterfactuals, the least budgets, the coalition game and the erosion paths, sensitivity) and of
the same tier classification done draw by draw with
``coalition_games.solve`` on a subsample, extrapolated, with their ratio.
"""

from __future__ import annotations

import sys
import time

import numpy as np

from coalition_games import Dyad, cases, solve
from coalition_games.parameters import PARAMETER_NAMES
from coalition_games.reproduction.claims import CLAIMS, in_draws
from coalition_games.uncertainty import _draw, monte_carlo


def main(draws: int = 10_000) -> None:
    five = [cases.read(n) for n in cases.names()]
    claims = in_draws(CLAIMS, {c.id: c for c in five})
    monte_carlo(five, draws=100, evaluations=claims)  # warm-up
    best = min(_time(lambda: monte_carlo(five, draws=draws, evaluations=claims)) for _ in range(3))
    tiers_only = min(_time(lambda: monte_carlo(five, draws=draws)) for _ in range(3))

    sub = 500
    samples, _ = _draw(five, sub, np.random.default_rng(0), "triangular")

    def scalar_loop() -> None:
        for values in samples.values():
            for i in range(sub):
                solve(Dyad(**{p: float(values[p][i]) for p in PARAMETER_NAMES}))

    scalar = _time(scalar_loop) * draws / sub
    print(f"draws per dyad: {draws:,}; dyads: {len(five)}")
    print(f"monte_carlo with claims {CLAIMS[0].id}–{CLAIMS[-1].id}:     {best:8.3f} s")
    print(f"monte_carlo, tiers and sensitivity: {tiers_only:8.3f} s")
    print(f"scalar solve loop, tiers only:      {scalar:8.3f} s (extrapolated from {sub} draws)")
    print(f"vectorised tiers vs scalar loop:    {scalar / tiers_only:8.1f}x faster")


def _time(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
