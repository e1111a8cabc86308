"""Batched backward induction equals the scalar one, item by item, on random dyads and at ties."""

from __future__ import annotations

import numpy as np
import pytest

from coalition_games import Dyad, Tier
from coalition_games.formulas import TOL
from coalition_games.games.batch import backward_induction_batch, tier_batch
from coalition_games.games.tree import GameTree, backward_induction, tier_tree
from tests.strategies import random_dyads
from tests.test_noncooperative import TIE

# Ties: the tolerance cases of test_noncooperative plus random dyads snapped onto exact binary
# fractions (k/8), where prices, budgets and sanction gains coincide exactly or within TOL.
TIES = [
    TIE.replace(**changes)
    for changes in (
        {},
        {"side_payment_budget": 0.25 - TOL / 2},
        {"side_payment_budget": 0.25 - 2 * TOL},
        {"enforcement_value": 0.25 - TOL / 2},
        {"coercion_cost_base": 0.25 + 2 * TOL},
        {"enforcement_value": 0.5, "coercion_cost_base": 0.25},
        {"stranglehold": 0.0},
        {"stranglehold": TOL / 2},
        {"market_loss": 0.5, "side_payment_budget": 0.0},
    )
]
SNAPPED = [
    d.replace(
        **{k: min(1.0, round(v * 8) / 8) for k, v in d.parameters().items() if k != "linkage_cap"}
    )
    for d in random_dyads(seed=7, n=300)
    if d.security_stake * 8 >= 1
]
DYADS = [*random_dyads(seed=5, n=1000), *TIES, *SNAPPED]


def same(a, b) -> None:
    assert a.choices == b.choices
    assert a.values == b.values
    assert a.path == b.path and a.outcome == b.outcome


@pytest.mark.parametrize("response", ["choose", "acquiesce", "coerce"])
@pytest.mark.parametrize("tier", [Tier.SIMPLE, Tier.COMPLEX])
def test_batch_equals_scalar_backward_induction(tier, response):
    result = backward_induction_batch(tier_batch(DYADS, tier, response))
    for k, dyad in enumerate(DYADS):
        tree = tier_tree(dyad, tier, response)
        scalar = backward_induction(tree)
        same(result.item(k, tree), scalar)
        assert result.agreement[k] == scalar.outcome.agreement
        assert tuple(result.outcome[k]) == scalar.outcome.payoffs


def test_batch_from_arrays_equals_batch_from_dyads():
    dyads = random_dyads(seed=3, n=50)
    arrays = {k: np.array([d.parameters()[k] for d in dyads]) for k in dyads[0].parameters()}
    a = backward_induction_batch(tier_batch(arrays, "complex"))
    b = backward_induction_batch(tier_batch(dyads, "complex"))
    assert all((a.choices[h] == b.choices[h]).all() for h in a.choices)
    assert (a.outcome == b.outcome).all()


def test_item_rejects_a_tree_of_another_shape():
    two = Dyad(stranglehold=0.3, side_payment_budget=2.0)  # two offers
    one = Dyad(stranglehold=0.0)  # one offer
    result = backward_induction_batch(tier_batch([two], "complex"))
    with pytest.raises(ValueError, match="shape"):
        result.item(0, tier_tree(one, "complex"))
    assert isinstance(tier_tree(two, "complex"), GameTree)


@pytest.mark.parametrize(
    ("dyads", "error", "words"),
    [
        ({"stranglehold": [0.1]}, ValueError, "missing"),
        ({**Dyad().parameters(), "stranglehold": [np.nan]}, ValueError, "stranglehold=nan"),
        ({**Dyad().parameters(), "stranglehold": [1.5]}, ValueError, r"allowed: \[0, 1\]"),
        ({**Dyad().parameters(), "stranglehold": [0.1, 0.2]}, ValueError, "equally long"),
        ([Dyad(), "x"], TypeError, "sequence of Dyad"),
    ],
)
def test_bad_batches_name_the_problem(dyads, error, words):
    if isinstance(dyads, dict):
        dyads = {k: np.atleast_1d(v) for k, v in dyads.items()}
    with pytest.raises(error, match=words):
        tier_batch(dyads, "complex")
