"""Cross-checks against Gambit: our .efg/.nfg files, exact equilibria, and Gambit's SPE route.

pygambit (17's API) is a test-only dependency (the ``test`` extra). It has no subgame-perfect
solver since 16.5; its route to the SPE is to enumerate pure agent-form equilibria and keep those
that are optimal at every node (:func:`gambit_spe`), which our backward induction must reproduce.
"""

from __future__ import annotations

import numpy as np
import pytest

from coalition_games import Dyad, Tier
from coalition_games.games.gambit import to_efg, to_nfg
from coalition_games.games.strategic import equilibria, strategic_form
from coalition_games.games.tree import backward_induction, tier_tree
from tests.strategies import random_dyads

gbt = pytest.importorskip("pygambit", minversion="17.0.0b2")
H = gbt.H

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


# pygambit 17 names nodes by their history (the actions from the root, selected with ``H.path``)
# and players by their labels; information sets have no public labels. Our trees are of perfect
# information, so both sides key each decision node by its history, as ``SubgamePerfect.choices``.


def decisions(game) -> list[tuple[str, ...]]:
    """Every decision node of Gambit's tree, as the actions leading to it."""
    return [
        h.actions for h in game.get_histories(H.after()) if game.get_actions(H.path(*h.actions))
    ]


def node_values(profile) -> dict[str, dict[tuple[str, ...], object]]:
    """Each player's value, under ``profile``, at every node (keyed by the actions to it)."""
    return {
        player: {h.actions: v for h, v in profile.history_values[player]}
        for player in profile.game.players
    }


def gambit_spe(game) -> list[dict[tuple[str, ...], str]]:
    """Gambit's route to the SPE: pure agent-form equilibria optimal at every decision node."""
    found = []
    for profile in gbt.nash.enumpure_agent_solve(game).equilibria:
        choices, credible, value = {}, True, node_values(profile)
        for node in decisions(game):
            at = H.path(*node)
            actions, player, mixed = game.get_actions(at), game.get_player(at), profile[at]
            values = [value[player][(*node, a)] for a in actions]
            chosen = [mixed[a] for a in actions].index(1)
            credible &= values[chosen] == max(values)
            choices[node] = actions[chosen]
        if credible:
            found.append(choices)
    return found


def shortfall(game, choices: dict[tuple[str, ...], str]) -> float:
    """Largest exact loss, at any node, of our SPE's move against the best move there."""
    assert set(choices) == set(decisions(game))  # the same decision nodes on both sides
    profile = game.mixed_behavior_profile(rational=True)
    for node, action in choices.items():
        profile.set_mixed_action(H.path(*node), {action: 1}, sparse=True)
    value = node_values(profile)
    worst = 0.0
    for node in decisions(game):
        at = H.path(*node)
        player = game.get_player(at)
        values = {a: value[player][(*node, a)] for a in game.get_actions(at)}
        worst = max(worst, float(max(values.values()) - values[choices[node]]))
    return worst


def as_vectors(profiles, game) -> list[np.ndarray]:
    return [
        np.array(
            [float(p[player][s]) for player in game.players for s in game.get_strategies(player)]
        )
        for p in profiles
    ]


@pytest.mark.parametrize("tier", [Tier.SIMPLE, Tier.COMPLEX])
def test_our_spe_is_among_gambits_subgame_perfect_profiles(tier, tmp_path):
    for dyad in DYADS:
        tree = tier_tree(dyad, tier)
        ours = backward_induction(tree).choices
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
        found = equilibria(form)
        ours = [np.concatenate([e.leader, e.ally]) for e in found]
        for text, suffix in ((to_efg(form.tree), "efg"), (to_nfg(form), "nfg")):
            game = load(text, suffix, tmp_path)
            strategies = [game.get_strategies(p) for p in game.players]
            assert [len(s) for s in strategies] == list(form.A.shape)
            if suffix == "nfg":
                assert strategies == [list(form.rows), list(form.columns)]
            exact = as_vectors(gbt.nash.enummixed_solve(game, rational=True).equilibria, game)
            floats = as_vectors(gbt.nash.enummixed_solve(game, rational=False).equilibria, game)
            # We miss none of Gambit's exact (or float) extreme equilibria ...
            for g in exact + floats:
                assert any(np.allclose(eq, g, atol=1e-9) for eq in ours)
            # ... and Gambit certifies each of ours, including the extreme equilibria its exact
            # enummixed omits on some degenerate games (e.g. a 2×2 simple-tier form where the
            # ally is exactly indifferent: Gambit 16.7, and still 17.0.0b2, returns 2 of the 3
            # extreme points; its float enummixed returns all 3).
            for e in found:
                profile = game.mixed_strategy_profile(rational=False)
                mixes = zip(game.players, strategies, (e.leader, e.ally), strict=True)
                for player, labels, mix in mixes:
                    weights = dict(zip(labels, map(float, mix), strict=True))
                    profile.set_mixed_strategy(player, weights)
                assert profile.max_regret() <= 1e-9
