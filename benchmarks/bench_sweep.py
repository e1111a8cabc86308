"""Benchmark: ``sweep`` over a 1,000 × 1,000 (s, t) grid against per-point peers, in one run.

Peers, each classifying the same dyads (the other parameters at their defaults):

(a) scalar ``solve(Dyad(...))`` per point (the cooperative solution, the model §2);
(b) a per-point strategic-form computation with nashpy: for each tier, the normal form of "leader
    offers p = min(B, v_k − d_L); ally accepts or rejects; after a rejection the leader coerces or
    acquiesces" (a 2 × 2 bimatrix; 1 × 2 for the simple tier, which carries no threat), all its Nash
    equilibria by support enumeration, the subgame-perfect one selected (the leader's action after a
    rejection is a best reply there); the tier is sustainable iff p ≥ 0 and the ally accepts.

Run: ``python benchmarks/bench_sweep.py`` (one process, one core: numpy's ufuncs are
single-threaded). Prints points per second, the ratios, the agreement of the peers with ``sweep``
on their sample, the effect of processing in blocks, the peak memory of one sweep, and the cost of
the depth option (``sweep(..., depth=True)``) against the sweep without it.
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
import warnings

import nashpy
import numpy as np

import coalition_games.sweeps as sweeps
from coalition_games import Dyad, solve, sweep


def best_time(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def nashpy_tier(d: Dyad) -> int:
    """Tier code from the strategic forms of both tiers' offer subgames, solved with nashpy."""
    sanction = d.sanction_gain
    status_quo = -d.security_dependency * d.security_stake + d.target_offer
    coerced = status_quo - d.stranglehold
    tiers = [
        (2, d.complex_cost, d.leader_value_complex, [sanction, 0.0], [coerced, status_quo]),
        (1, d.simple_cost, d.leader_value_simple, [0.0], [status_quo]),
    ]
    for code, cost, value, leader_after, ally_after in tiers:
        leader_threat = max(leader_after)  # the leader's payoff after a rejection, in SPE
        offer = min(d.side_payment_budget, value - leader_threat)
        if offer < 0:
            continue
        rows = len(leader_after)
        leader = np.column_stack([np.full(rows, value - offer), leader_after])
        ally = np.column_stack([np.full(rows, offer - cost), ally_after])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # degenerate games warn; support enumeration copes
            equilibria = list(nashpy.Game(leader, ally).support_enumeration())
        for sigma_leader, sigma_ally in equilibria:
            credible = np.all(sigma_leader[np.array(leader_after) < leader_threat - 1e-9] == 0)
            if credible and sigma_ally[0] > 1 - 1e-9:
                return code
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000, help="grid points per axis")
    parser.add_argument("--scalar-sample", type=int, default=5000)
    parser.add_argument("--nashpy-sample", type=int, default=500)
    args = parser.parse_args()

    n = args.size
    s = np.linspace(0, 1, n)[:, None]
    t = np.linspace(0, 1, n)[None, :]
    points = n * n

    sweep(security_dependency=s, stranglehold=t)  # warm-up
    seconds = best_time(lambda: sweep(security_dependency=s, stranglehold=t), repeat=7)
    result = sweep(security_dependency=s, stranglehold=t)

    block = sweeps.CHUNK
    sweeps.CHUNK = points  # one block: whole arrays
    whole = best_time(lambda: sweep(security_dependency=s, stranglehold=t), repeat=5)
    sweeps.CHUNK = block

    def deep() -> object:
        return sweep(security_dependency=s, stranglehold=t, depth=True)

    deep()  # warm-up
    with_depth = best_time(deep, repeat=3)

    tracemalloc.start()
    sweep(security_dependency=s, stranglehold=t)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    rng = np.random.default_rng(0)
    sample = rng.integers(0, n, size=(max(args.scalar_sample, args.nashpy_sample), 2))
    dyads = [
        Dyad(security_dependency=float(s[i, 0]), stranglehold=float(t[0, j])) for i, j in sample
    ]
    expected = [int(result.tier[i, j]) for i, j in sample]

    scalar_dyads = dyads[: args.scalar_sample]
    scalar = [solve(d).tier.code for d in scalar_dyads]
    # Best of 3 passes, as the sweep is timed best-of: the same treatment for both sides.
    scalar_per_point = best_time(lambda: [solve(d) for d in scalar_dyads], repeat=3) / len(
        scalar_dyads
    )

    nashpy_dyads = dyads[: args.nashpy_sample]
    start = time.perf_counter()
    strategic = [nashpy_tier(d) for d in nashpy_dyads]
    nashpy_per_point = (time.perf_counter() - start) / len(nashpy_dyads)

    per_point = seconds / points
    counts = np.bincount(result.tier.ravel(), minlength=3)
    print(f"grid: {n} x {n} = {points:,} points over (s, t); other parameters at their defaults")
    print(f"tiers: infeasible {counts[0]:,}, simple {counts[1]:,}, complex {counts[2]:,}")
    print(f"sweep:  {seconds * 1e3:8.1f} ms  ({points / seconds:,.0f} points/s; best of 7)")
    print(f"        {whole * 1e3:8.1f} ms  as whole arrays (blocks of {block:,} points: "
          f"{whole / seconds:.1f}x faster)")  # fmt: skip
    print(f"        peak memory {peak / 2**20:.1f} MiB (tracemalloc, one sweep incl. outputs)")
    print(
        f"depth option (the model §8, d* in closed form): {with_depth * 1e3:8.1f} ms "
        f"({points / with_depth:,.0f} points/s; best of 3) = {with_depth / seconds:.1f}x the "
        "sweep without it"
    )
    print(
        f"(a) scalar solve: {scalar_per_point * 1e6:8.1f} us/point (best of 3) -> sweep is "
        f"{scalar_per_point / per_point:,.0f}x faster per point; agrees on "
        f"{sum(a == b for a, b in zip(scalar, expected, strict=False))}/{len(scalar)} points"
    )
    print(
        f"(b) nashpy strategic form: {nashpy_per_point * 1e6:8.1f} us/point -> sweep is "
        f"{nashpy_per_point / per_point:,.0f}x faster per point; agrees on "
        f"{sum(a == b for a, b in zip(strategic, expected, strict=False))}/{len(strategic)} points"
    )


if __name__ == "__main__":
    main()
