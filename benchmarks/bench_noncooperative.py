"""Our SPE and strategic-form equilibria against pygambit's routes to the same answers.

Run: ``python benchmarks/bench_noncooperative.py`` (needs the ``test`` extra for pygambit).

* SPE: our backward induction on the tree versus pygambit's route (it has no SPE solver since
  16.5): enumerate pure agent-form equilibria, keep those optimal at every node. Goal ≥ 1,000×.
  Ours twice: the scalar ``backward_induction`` on one built tree, and the batched
  ``backward_induction_batch`` over all the dyads' trees at once (per game = batch time / batch
  size; for the benchmark's dyads and for a sweep of 100,000 random dyads; solving a built batch,
  and building it from parameter arrays plus solving).
* All strategic-form equilibria: our exact, verified vertex enumeration versus Gambit's float
  ``enummixed_solve`` on the same reduced normal forms; none missed. nashpy's
  ``vertex_enumeration`` is timed too, for reference.

Both sides get an already-built game (tree / strategic form; Gambit's loaded from our .efg/.nfg),
so only the solving is timed. Ratios are medians over the dyads (overall and per size of the
strategic form, i.e. per tree size), measured in one run.
"""

from __future__ import annotations

import statistics
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import pygambit as gbt

from coalition_games import Tier
from coalition_games.games.batch import backward_induction_batch, tier_batch
from coalition_games.games.gambit import to_efg, to_nfg
from coalition_games.games.strategic import equilibria, strategic_form
from coalition_games.games.tree import backward_induction, tier_tree
from tests.strategies import random_dyads


def per_call(fn, repeat: int) -> float:
    fn()
    start = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - start) / repeat


def gambit_spe(game) -> list:
    """pygambit's route: pure agent-form equilibria optimal at every node (pygambit 17's API:
    nodes are named by their histories, players by their labels)."""
    at = {h.actions: gbt.H.path(*h.actions) for h in game.get_histories(gbt.H.after())}
    moves = {n: game.get_actions(sel) for n, sel in at.items() if game.get_actions(sel)}
    players = {n: game.get_player(at[n]) for n in moves}
    kept = []
    for profile in gbt.nash.enumpure_agent_solve(game).equilibria:
        value = {p: {h.actions: v for h, v in profile.history_values[p]} for p in game.players}
        credible = True
        for n, actions in moves.items():
            vals = [value[players[n]][(*n, a)] for a in actions]
            mixed = profile[at[n]]
            credible &= max(vals) == vals[[mixed[a] for a in actions].index(1)]
        if credible:
            kept.append(profile)
    return kept


def batched_per_game(dyads, repeat: int) -> tuple[float, float]:
    """Per-game seconds of the batched SPE: solving a built batch, and building it from the
    dyads' parameter arrays plus solving."""
    arrays = {k: np.array([d.parameters()[k] for d in dyads]) for k in dyads[0].parameters()}
    batch = tier_batch(arrays, Tier.COMPLEX)
    solve = per_call(lambda: backward_induction_batch(batch), repeat)
    both = per_call(lambda: backward_induction_batch(tier_batch(arrays, Tier.COMPLEX)), repeat)
    return solve / len(dyads), both / len(dyads)


def main(n: int = 30, sweep: int = 100_000) -> None:
    folder = Path(tempfile.mkdtemp())
    dyads = random_dyads(seed=99, n=n)
    rows = []  # per dyad: size, scalar SPE, Gambit SPE route, ours eq, Gambit eq, nashpy, VE
    missed = 0
    for dyad in dyads:
        tree = tier_tree(dyad, Tier.COMPLEX)
        (folder / "g.efg").write_text(to_efg(tree), encoding="ascii")
        game = gbt.read_efg(str(folder / "g.efg"))
        spe = per_call(lambda tree=tree: backward_induction(tree), 2000)
        gbt_spe = per_call(lambda game=game: gambit_spe(game), 20)
        form = strategic_form(tree)
        (folder / "g.nfg").write_text(to_nfg(form), encoding="ascii")
        table = gbt.read_nfg(str(folder / "g.nfg"))
        eq = per_call(lambda form=form: equilibria(form), 300)
        gbt_eq = per_call(lambda t=table: gbt.nash.enummixed_solve(t, rational=False), 300)
        found = [np.concatenate([e.leader, e.ally]) for e in equilibria(form)]
        for g in gbt.nash.enummixed_solve(table, rational=False).equilibria:
            vec = np.array([float(g[p][s]) for p in table.players for s in table.get_strategies(p)])
            missed += not any(np.allclose(vec, f, atol=1e-9) for f in found)
        slow = None  # nashpy's vertex enumeration (qhull) needs two strategies per player
        if min(form.A.shape) > 1:
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                slow = per_call(lambda g=form.game: list(g.vertex_enumeration()), 5)
        rows.append((form.A.shape, spe, gbt_spe, eq, gbt_eq, slow))
    batch_solve, batch_both = batched_per_game(dyads, 200)
    sweep_solve, sweep_both = batched_per_game(random_dyads(seed=98, n=sweep), 3)

    med = statistics.median
    sizes = sorted({r[0] for r in rows})
    print(f"{n} random dyads, complex-tier trees; strategic forms {sizes}")
    print("per game, median over the dyads (batched: batch time / batch size):")
    gbt_spe = med(r[2] for r in rows)
    print(f"  SPE  pygambit enumpure_agent route   {gbt_spe * 1e6:10.2f} µs")
    print(f"  SPE  ours, scalar backward_induction {med(r[1] for r in rows) * 1e6:10.2f} µs")
    for label, t in (
        (f"batch of {n}, solve", batch_solve),
        (f"batch of {n}, build+solve", batch_both),
        (f"batch of {sweep:,}, solve", sweep_solve),
        (f"batch of {sweep:,}, build+solve", sweep_both),
    ):
        print(f"  SPE  ours, {label:<27}{t * 1e6:10.3f} µs")
    print(f"  All equilibria: Gambit float enummixed {med(r[4] for r in rows) * 1e6:8.1f} µs")
    print(f"  All equilibria: ours                   {med(r[3] for r in rows) * 1e6:8.1f} µs")
    nashpy = [r[5] for r in rows if r[5] is not None]
    print(f"  All equilibria: nashpy vertex_enum.    {med(nashpy) * 1e6:8.1f} µs (forms >= 2x2)")
    print(f"  Gambit equilibria we missed: {missed}")
    print("speed-up over Gambit (median; goal: SPE >= 1,000x):")
    print("  size   dyads  SPE scalar  SPE batch(n)  SPE batch(sweep)  equilibria  nashpy/ours")
    for size in [None, *sizes]:
        pick = [r for r in rows if size is None or r[0] == size]
        spe_ratio = med(r[2] / r[1] for r in pick)
        g = med(r[2] for r in pick)
        eq_ratio = med(r[4] / r[3] for r in pick)
        nashpy = [r[5] / r[3] for r in pick if r[5] is not None]
        nashpy = f"{med(nashpy):>11.1f}x" if nashpy else f"{'n/a':>12}"
        name = "all" if size is None else f"{size[0]}x{size[1]}"
        print(
            f"  {name:<6} {len(pick):>5} {spe_ratio:>10,.0f}x {g / batch_solve:>12,.0f}x"
            f" {g / sweep_solve:>16,.0f}x {eq_ratio:>10.2f}x {nashpy}"
        )
    print(
        "  (batch columns: solve only; with building the batch from parameter arrays:"
        f" {gbt_spe / batch_both:,.0f}x and {gbt_spe / sweep_both:,.0f}x overall)"
    )


if __name__ == "__main__":
    main()
