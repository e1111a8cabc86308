"""sweep(): the vectorised classification equals scalar solve point by point; input checks."""

import math

import numpy as np
import pytest

from coalition_games import Dyad, Tier, solve, sweep
from coalition_games.parameters import PARAMETER_NAMES, PARAMETERS
from coalition_games.sweeps import OUTCOMES
from tests.strategies import random_parameter_arrays

FLAGS = ("threat_credible", "threat_used", "coerced", "compensated", "conflict")
AMOUNTS = ("side_payment", "leader_payoff", "ally_payoff")


def tied_parameter_arrays(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    """Draws from a coarse lattice (steps of 0.05), so that ties and one-point intervals abound."""
    out = {}
    for spec in PARAMETERS:
        upper = 1.0 if spec.upper == 1 else 0.6
        grid = np.round(np.arange(0.05 if spec.lower_open else 0.0, upper + 1e-9, 0.05), 2)
        out[spec.name] = rng.choice(grid, n)
    return out


def assert_matches_solve(params: dict[str, np.ndarray]) -> None:
    result = sweep(**params)
    n = len(params["stranglehold"])
    expected = {name: np.empty(n, bool) for name in FLAGS}
    expected |= {name: np.empty(n) for name in AMOUNTS}
    expected["tier"] = np.empty(n, np.int8)
    for i in range(n):
        solution = solve(Dyad(**{k: float(v[i]) for k, v in params.items()}))
        expected["tier"][i] = solution.tier.code
        expected["side_payment"][i] = solution.side_payment
        expected["leader_payoff"][i] = solution.leader_payoff
        expected["ally_payoff"][i] = solution.ally_payoff
        expected["threat_credible"][i] = solution.threat_credible
        expected["threat_used"][i] = solution.threat_used
        expected["compensated"][i] = any(m.value == "compensated" for m in solution.mechanism)
        expected["coerced"][i] = any(m.value == "coerced" for m in solution.mechanism)
        expected["conflict"][i] = solution.conflict
    np.testing.assert_array_equal(result.tier, expected["tier"])
    for name in FLAGS:
        np.testing.assert_array_equal(getattr(result, name), expected[name], err_msg=name)
    for name in AMOUNTS:
        np.testing.assert_allclose(getattr(result, name), expected[name], rtol=0, atol=1e-12)
    assert set(np.unique(result.tier)) == {0, 1, 2}, "the draws should reach every tier"


def test_sweep_equals_scalar_solve_on_100000_random_dyads():
    params = random_parameter_arrays(np.random.default_rng(20240501), 100_000)
    assert_matches_solve(params)


def test_sweep_equals_scalar_solve_on_lattice_points_with_ties():
    params = tied_parameter_arrays(np.random.default_rng(7), 20_000)
    assert_matches_solve(params)


def test_tier_codes_map_to_tiers():
    assert [Tier.from_code(c) for c in range(3)] == [Tier.INFEASIBLE, Tier.SIMPLE, Tier.COMPLEX]
    assert all(Tier.from_code(tier.code) is tier for tier in Tier)


def test_arrays_broadcast_like_numpy_and_defaults_fill_the_rest():
    s = np.linspace(0, 1, 7)[:, None]
    t = np.linspace(0, 1, 5)[None, :]
    grid = sweep(security_dependency=s, stranglehold=t)
    assert grid.shape == (7, 5)
    for name in OUTCOMES:
        assert getattr(grid, name).shape == (7, 5)
    for i, j in np.ndindex(7, 5):
        dyad = Dyad(security_dependency=float(s[i, 0]), stranglehold=float(t[0, j]))
        assert Tier.from_code(grid.tier[i, j]) is solve(dyad).tier


def test_scalars_give_zero_dimensional_arrays():
    result = sweep(security_dependency=0.9, stranglehold=0.5)
    assert result.shape == ()
    assert int(result.tier) == solve(Dyad(security_dependency=0.9, stranglehold=0.5)).tier.code


def test_blocks_give_the_same_answer_as_one_pass(monkeypatch):
    rng = np.random.default_rng(3)
    params = {k: v.reshape(50, 100) for k, v in random_parameter_arrays(rng, 5_000).items()}
    params["stranglehold"] = params["stranglehold"][0]  # a grid axis: (100,)
    params["ally_power"] = params["ally_power"][:, :1]  # a column: (50, 1)
    whole = sweep(**params)
    monkeypatch.setattr("coalition_games.sweeps.CHUNK", 700)  # 7 rows per block, ragged end
    blocked = sweep(**params)
    for name in OUTCOMES:
        np.testing.assert_array_equal(getattr(whole, name), getattr(blocked, name))


@pytest.mark.parametrize(
    ("params", "error", "message"),
    [
        (
            {"stranglehold": [0.2, 0.4, 1.2, 1.5]},
            ValueError,
            r"^stranglehold\[2\] = 1\.2 is out of range; allowed: \[0, 1\]$",
        ),
        (
            {"market_loss": np.array([[0.0, 1.0], [-0.5, 2.0]])},
            ValueError,
            r"^market_loss\[1, 0\] = -0\.5 is out of range; allowed: \[0, 1e\+06\]$",
        ),
        (
            {"side_payment_budget": [0.1, math.nan]},
            ValueError,
            r"^side_payment_budget\[1\] must be finite, got nan",
        ),
        ({"enforcement_value": [math.inf]}, ValueError, r"enforcement_value\[0\] must be finite"),
        ({"security_stake": [0.5, 0.0]}, ValueError, r"security_stake\[1\] = 0\.0 .*\(0, 1e\+06\]"),
        ({"ally_power": -0.1}, ValueError, r"^ally_power = -0\.1 is out of range"),
        ({"ally_power": [True, False]}, TypeError, r"ally_power must be real numbers.*bool"),
        ({"stranglehold": ["0.5"]}, TypeError, r"stranglehold must be real numbers"),
        ({"stranglehold": [0.5 + 0j]}, TypeError, r"stranglehold must be real numbers"),
        ({"strangle_hold": 0.5}, TypeError, r"unknown parameter\(s\) 'strangle_hold'"),
        (
            {"stranglehold": np.zeros(3), "security_dependency": np.zeros(4)},
            ValueError,
            r"do not broadcast: security_dependency\(4,\), stranglehold\(3,\)",
        ),
    ],
)
def test_bad_input_names_the_parameter_and_the_first_bad_element(params, error, message):
    with pytest.raises(error, match=message):
        sweep(**params)


def test_every_parameter_is_accepted_as_an_array():
    result = sweep(**{name: np.full(3, Dyad().parameters()[name]) for name in PARAMETER_NAMES})
    assert (result.tier == solve(Dyad()).tier.code).all()


def test_integer_arrays_are_read_as_real_numbers():
    result = sweep(security_dependency=np.array([0, 1]), stranglehold=np.array([1, 1]))
    expected = [solve(Dyad(security_dependency=s, stranglehold=1.0)).tier.code for s in (0, 1)]
    np.testing.assert_array_equal(result.tier, expected)


def test_a_sweep_from_a_case_takes_the_case_values_for_what_is_left_out():
    from coalition_games import cases

    korea = cases.read("us_south_korea")
    point = sweep(case="us_south_korea")
    assert point.case == "us_south_korea" and point.recomputed == () and point.swept == {}
    assert point.settings == korea.dyad.parameters()
    assert int(point.tier) == solve(korea.dyad).tier.code
    assert float(point.side_payment) == pytest.approx(solve(korea.dyad).side_payment, abs=1e-12)
    by_path = sweep(case=korea, security_dependency=[0.5])
    assert by_path.settings["stranglehold"] == korea.dyad.stranglehold


def test_a_swept_factor_recomputes_the_derived_parameters():
    """The model §7: e = λ·t·m follows t, v₂ = λ·m and e follow λ and m."""
    from coalition_games import cases

    korea = cases.read("us_south_korea")
    t = np.linspace(0, 1, 11)
    grid = sweep(case=korea, stranglehold=t)
    assert grid.recomputed == ("enforcement_value",)
    lam, m = (korea.hyperparameters["leader_scale"].value, korea.parameters["market_loss"].value)
    np.testing.assert_allclose(grid.swept["enforcement_value"], t * lam * m)
    for i, value in enumerate(t):
        dyad = Dyad(**korea.change({"stranglehold": float(value)}))
        assert Tier.from_code(grid.tier[i]) is solve(dyad).tier
    scale = sweep(case=korea, leader_scale=[0.5, 2.0], market_loss=0.5)
    assert set(scale.recomputed) == {"leader_value_complex", "enforcement_value"}
    np.testing.assert_allclose(scale.swept["leader_value_complex"], [0.25, 1.0])
    s_t = korea.parameters["stranglehold"].value
    np.testing.assert_allclose(scale.swept["enforcement_value"], [0.5 * s_t * 0.5, 2 * s_t * 0.5])
    assert list(scale.to_frame().columns[:3]) == [
        "leader_scale",
        "leader_value_complex",
        "enforcement_value",
    ]


def test_a_derived_parameter_given_explicitly_is_fixed_on_purpose_and_said_so():
    with pytest.warns(UserWarning, match="enforcement_value = leader_scale · stranglehold"):
        grid = sweep(case="us_south_korea", stranglehold=[0.0, 1.0], enforcement_value=0.3)
    assert grid.fixed_on_purpose == ("enforcement_value",) and grid.recomputed == ()
    assert grid.settings["enforcement_value"] == 0.3
    assert "Fixed on purpose" in grid.explain() and "fixed on purpose" in grid._repr_html_()
    assert grid.to_dict()["fixed_on_purpose"] == ["enforcement_value"]


def test_hyper_parameters_need_a_case_and_stay_checked():
    with pytest.raises(TypeError, match=r"unknown parameter.*'leader_scale'"):
        sweep(leader_scale=[1.0])
    with pytest.raises(ValueError, match=r"leader_value_complex\[1\] = .* is out of range"):
        sweep(case="us_south_korea", leader_scale=[1.0, -1.0])
    with pytest.raises(ValueError, match="unknown case"):
        sweep(case="us_atlantis")
