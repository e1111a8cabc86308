"""Benchmark the audit's draws: claims C1–C10 over five cases as arrays, against the Monte Carlo.

Run: ``python benchmarks/bench_audit.py [draws]`` (default 10⁶), on one core (the script pins
numpy's BLAS threads to one before importing it). Prints, in one run:

* the time of ``audit(draws=N, model=M, search=False)`` for the baseline and the linkage model with
  the default unknowns (every parameter without evidence: 25 and 27 of them, drawn in chunks of
  ``audit.CHUNK``, bounded memory), and its draws per second;
* the same for 10⁴ draws, so that the fixed cost (the one-at-a-time intervals) is separated from
  the cost per draw;
* the draws per second of the Monte Carlo with claims (``monte_carlo`` with
  ``evaluations=in_draws(CLAIMS, ...)``, 10⁴ draws: tiers, sensitivity and the claims), with the
  ratio;
* the search (differential evolution) on its own.

Goal: 10⁶ draws under one model in at most 10 s on one core (3 s aspired).
"""

from __future__ import annotations

import os

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

import sys  # noqa: E402
import time  # noqa: E402

from coalition_games import audit, cases  # noqa: E402
from coalition_games.reproduction.claims import CLAIMS, in_draws  # noqa: E402
from coalition_games.uncertainty import monte_carlo  # noqa: E402


def main(draws: int = 1_000_000) -> None:
    small = 10_000
    five = [cases.read(n) for n in cases.names()]
    claims = in_draws(CLAIMS, {c.id: c for c in five})
    t_mc = _time(lambda: monte_carlo(five, draws=small, evaluations=claims))
    mc_rate = small / t_mc
    print(f"Monte Carlo with claims, {small:,} draws: {t_mc:6.2f} s ({mc_rate:,.0f} draws/s)")
    for model in ("baseline", "linkage"):
        t_small = _time(lambda m=model: audit(model=m, draws=small, search=False))
        t_full = _time(lambda m=model: audit(model=m, draws=draws, search=False))
        rate = (draws - small) / (t_full - t_small)
        unknowns = len(audit(model=model, draws=1, search=False).unknowns)
        print(
            f"audit {model:8s} {draws:>11,} draws, {unknowns} unknowns, C1–C10, 5 cases: "
            f"{t_full:6.2f} s ({small:,} draws: {t_small:.2f} s, the fixed cost); "
            f"{rate:,.0f} draws/s marginal = {rate / mc_rate:.1f}x the Monte Carlo's"
        )
    t_search = _time(lambda: audit(draws=1, search=True)) - _time(
        lambda: audit(draws=1, search=False)
    )
    print(f"search (differential evolution, baseline): {t_search:6.2f} s")


def _time(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
