"""Benchmark the audit's draws: claims C1–C10 over five cases as arrays, against the Monte Carlo.

Run: ``python benchmarks/bench_audit.py [draws]`` (default 10⁶). Prints, in one run: the time of
``audit(draws=N, search=False)`` under the baseline model with the nine no-evidence parameters
of revision 1 as unknowns (draws in chunks of ``audit.CHUNK``, bounded memory), its draws per
second, the same for a 10⁴-draw run (so the fixed cost of the one-at-a-time intervals can be
separated), and the draws per second of today's Monte Carlo with claims (``monte_carlo`` with
``evaluations=in_draws(CLAIMS, ...)``, 10⁴ draws), with the ratio. Goal: 10⁶ draws in at most
10 s on one core (3 s aspired).
"""

from __future__ import annotations

import sys
import time

from coalition_games import audit, cases
from coalition_games.reproduction.claims import CLAIMS, in_draws
from coalition_games.uncertainty import monte_carlo

UNKNOWNS = [
    "abandonment_risk",
    "coercion_cost_base",
    "coercion_cost_slope",
    "leader_scale",
    "tech_gain",
    "autonomy_cost",
    "simple_cost",
    "leader_value_simple",
    "ally_power",
]


def main(draws: int = 1_000_000) -> None:
    small = 10_000
    t_small = _time(lambda: audit(unknowns=UNKNOWNS, force=True, draws=small, search=False))
    t_full = _time(lambda: audit(unknowns=UNKNOWNS, force=True, draws=draws, search=False))
    per_draw = (t_full - t_small) / (draws - small)
    five = [cases.read(n) for n in cases.names()]
    claims = in_draws(CLAIMS, {c.id: c for c in five})
    t_mc = _time(lambda: monte_carlo(five, draws=small, evaluations=claims))
    print(f"audit, {draws:,} draws, 9 unknowns, C1–C10, 5 cases: {t_full:8.2f} s")
    print(f"audit, {small:,} draws (fixed cost: one-at-a-time intervals): {t_small:8.2f} s")
    print(f"audit draws per second (marginal):        {1 / per_draw:12,.0f}")
    print(
        f"Monte Carlo with claims, {small:,} draws:     {t_mc:8.2f} s "
        f"({small / t_mc:,.0f} draws/s, incl. tiers and sensitivity)"
    )
    print(f"audit vs Monte Carlo, draws per second:   {(1 / per_draw) / (small / t_mc):8.2f}x")


def _time(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
