"""Cross-checks against Gambit: our .efg/.nfg files, exact equilibria, and Gambit's SPE route.

pygambit is a test-only dependency (the ``test`` extra). It has no subgame-perfect solver since
16.5; its route to the SPE is to enumerate pure agent-form equilibria and keep those that are
optimal at every node (:func:`gambit_spe`), which our backward induction must reproduce.
"""

from __future__ import annotations

import numpy as np
import pytest

from coalition_games import Dyad, Tier
from coalition_games.games.gambit import to_efg, to_nfg
from coalition_games.games.strategic import equilibria, strategic_form
from coalition_games.games.tree import backward_induction, tier_tree
from tests.strategies import random_dyads

gbt = pytest.importorskip("pygambit")

DYADS = [
    *random_dyads(seed=11, n=25),
    Dyad(security_dependency=0.9, stranglehold=0.5, market_loss=0.6, side_payment_budget=0.2),
    Dyad(
        security_dependency=0.9,
        stranglehold=0.5,
        market_loss=0.6,
        side_payment_budget=0.2,
        coercion_cost_base=0.5,
    ),
]


def load(text: str, suffix: str, tmp_path):
    path = tmp_path / f"game.{suffix}"
    path.write_text(text, encoding="ascii")
    return gbt.read_efg(str(path)) if suffix == "efg" else gbt.read_nfg(str(path))


def gambit_spe(game) -> list[dict[str, str]]:
    """Gambit's route to the SPE: pure agent-form equilibria optimal at every decision node."""
    found = []
    for profile in gbt.nash.enumpure_agent_solve(game).equilibria:
        choices, credible = {}, True
        for node in game.nodes:
            if not node.is_terminal:
                values = [profile.node_value(node.player, child) for child in node.children]
                chosen = [profile[a] for a in node.infoset.actions].index(1)
                credible &= values[chosen] == max(values)
                choices[node.infoset.label] = list(node.infoset.actions)[chosen].label
        if credible:
            found.append(choices)
    return found


def shortfall(game, choices: dict[str, str]) -> float:
    """Largest exact loss, at any node, of our SPE's move against the best move there."""
    profile = game.mixed_behavior_profile(rational=True)
    for infoset in game.infosets:
        for action in infoset.actions:
            profile[action] = 1 if action.label == choices[infoset.label] else 0
    worst = 0.0
    for node in game.nodes:
        if not node.is_terminal:
            values = {
                a.label: profile.node_value(node.player, c)
                for a, c in zip(node.infoset.actions, node.children, strict=True)
            }
            worst = max(worst, float(max(values.values()) - values[choices[node.infoset.label]]))
    return worst


def as_vectors(profiles, game) -> list[np.ndarray]:
    return [
        np.array([float(p[s]) for player in game.players for s in player.strategies])
        for p in profiles
    ]


@pytest.mark.parametrize("tier", [Tier.SIMPLE, Tier.COMPLEX])
def test_our_spe_is_among_gambits_subgame_perfect_profiles(tier, tmp_path):
    for dyad in DYADS:
        tree = tier_tree(dyad, tier)
        ours = backward_induction(tree).profile()
        game = load(to_efg(tree), "efg", tmp_path)
        # Gambit computes with the exact rationals of our floats: where the ally is indifferent
        # at its reservation price, acceptance can be worse than rejection by ~1e-17, which our
        # tie tolerance TOL treats as a tie. Elsewhere Gambit's SPE set must contain ours.
        gap = shortfall(game, ours)
        assert gap <= 1e-15
        if gap == 0:
            assert ours in gambit_spe(game)


@pytest.mark.parametrize("tier", [Tier.SIMPLE, Tier.COMPLEX])
def test_our_equilibria_are_gambits_exact_ones(tier, tmp_path):
    for dyad in DYADS:
        form = strategic_form(tier_tree(dyad, tier))
        ours = [np.concatenate([e.leader, e.ally]) for e in equilibria(form)]
        for text, suffix in ((to_efg(form.tree), "efg"), (to_nfg(form), "nfg")):
            game = load(text, suffix, tmp_path)
            labels = [len(p.strategies) for p in game.players]
            assert labels == list(form.A.shape)
            exact = as_vectors(gbt.nash.enummixed_solve(game, rational=True).equilibria, game)
            floats = as_vectors(gbt.nash.enummixed_solve(game, rational=False).equilibria, game)
            # We miss none of Gambit's exact (or float) extreme equilibria ...
            for g in exact + floats:
                assert any(np.allclose(eq, g, atol=1e-9) for eq in ours)
            # ... and Gambit certifies each of ours, including the extreme equilibria its exact
            # enummixed omits on some degenerate games (e.g. a 2×2 simple-tier form where the
            # ally is exactly indifferent: Gambit 16.7 returns 2 of the 3 extreme points).
            for eq in ours:
                profile = game.mixed_strategy_profile(rational=False)
                for value, strategy in zip(eq, game.strategies, strict=True):
                    profile[strategy] = float(value)
                assert profile.max_regret() <= 1e-9
