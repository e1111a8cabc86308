"""Our SPE and strategic-form equilibria against pygambit's routes to the same answers.

Run: ``python benchmarks/bench_noncooperative.py`` (needs the ``test`` extra for pygambit).

* SPE: our backward induction on the tree versus pygambit's route (it has no SPE solver since
  16.5): enumerate pure agent-form equilibria, keep those optimal at every node. Goal ≥ 1,000×.
* All strategic-form equilibria: our verified vertex enumeration versus Gambit's float
  ``enummixed_solve`` on the same reduced normal forms; goal: at least as fast, none missed.
  nashpy's ``vertex_enumeration`` is timed too, for reference.

Both sides get an already-built game (tree / strategic form; Gambit's loaded from our .efg/.nfg),
so only the solving is timed. Ratios are medians over the dyads, measured in one run.
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
from coalition_games.gambit import to_efg, to_nfg
from coalition_games.sequential import backward_induction, tier_tree
from coalition_games.strategic import equilibria, strategic_form
from tests.strategies import random_dyads


def per_call(fn, repeat: int) -> float:
    fn()
    start = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - start) / repeat


def gambit_spe(game) -> list:
    """pygambit's route: pure agent-form equilibria optimal at every node."""
    kept = []
    for profile in gbt.nash.enumpure_agent_solve(game).equilibria:
        if all(
            max(vals := [profile.node_value(n.player, c) for c in n.children])
            == vals[[profile[a] for a in n.infoset.actions].index(1)]
            for n in game.nodes
            if not n.is_terminal
        ):
            kept.append(profile)
    return kept


def main(n: int = 30) -> None:
    folder = Path(tempfile.mkdtemp())
    spe_ratio, eq_ratio, nashpy_ratio, missed, sizes = [], [], [], 0, []
    t_ours_spe, t_gbt_spe, t_ours_eq, t_gbt_eq = [], [], [], []
    for dyad in random_dyads(seed=99, n=n):
        tree = tier_tree(dyad, Tier.COMPLEX)
        (folder / "g.efg").write_text(to_efg(tree), encoding="ascii")
        game = gbt.read_efg(str(folder / "g.efg"))
        ours = per_call(lambda tree=tree: backward_induction(tree), 2000)
        theirs = per_call(lambda game=game: gambit_spe(game), 20)
        t_ours_spe.append(ours)
        t_gbt_spe.append(theirs)
        spe_ratio.append(theirs / ours)

        form = strategic_form(tree)
        sizes.append(form.A.shape)
        (folder / "g.nfg").write_text(to_nfg(form), encoding="ascii")
        table = gbt.read_nfg(str(folder / "g.nfg"))
        ours = per_call(lambda form=form: equilibria(form), 300)
        theirs = per_call(lambda t=table: gbt.nash.enummixed_solve(t, rational=False), 300)
        t_ours_eq.append(ours)
        t_gbt_eq.append(theirs)
        eq_ratio.append(theirs / ours)
        found = [np.concatenate([e.leader, e.ally]) for e in equilibria(form)]
        for eq in gbt.nash.enummixed_solve(table, rational=False).equilibria:
            vec = np.array([float(eq[s]) for p in table.players for s in p.strategies])
            missed += not any(np.allclose(vec, f, atol=1e-9) for f in found)
        if min(form.A.shape) > 1:
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                slow = per_call(lambda g=form.game: list(g.vertex_enumeration()), 5)
            nashpy_ratio.append(slow / ours)

    med = statistics.median
    print(f"{n} random dyads, complex-tier trees; strategic forms {sorted(set(sizes))}")
    print(
        f"SPE: ours {med(t_ours_spe) * 1e6:.1f} µs, pygambit route {med(t_gbt_spe) * 1e3:.2f} ms"
        f" -> {med(spe_ratio):,.0f}x faster (min {min(spe_ratio):,.0f}x; goal >= 1,000x)"
    )
    print(
        f"All equilibria: ours {med(t_ours_eq) * 1e3:.3f} ms, Gambit float enummixed"
        f" {med(t_gbt_eq) * 1e3:.3f} ms -> {med(eq_ratio):.2f}x (min {min(eq_ratio):.2f}x;"
        f" goal >= 1x); Gambit equilibria we missed: {missed}"
    )
    print(f"nashpy vertex_enumeration / ours: {med(nashpy_ratio):.0f}x slower")
    for size in sorted(set(sizes)):
        pick = [k for k, s in enumerate(sizes) if s == size]
        print(
            f"  forms {size[0]}x{size[1]} ({len(pick)} dyads): SPE ratio"
            f" {med([spe_ratio[k] for k in pick]):,.0f}x, equilibria ratio"
            f" {med([eq_ratio[k] for k in pick]):.2f}x"
        )


if __name__ == "__main__":
    main()
