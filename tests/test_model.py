"""Dyad: validation of every parameter, derived quantities, replace()."""

import math

import numpy as np
import pytest

from coalition_games import Dyad
from coalition_games.parameters import PARAMETER_NAMES, PARAMETERS, check_value


def test_defaults_are_valid_and_documented():
    dyad = Dyad()
    for spec in PARAMETERS:
        assert getattr(dyad, spec.name) == spec.default
        assert spec.reason and spec.meaning and spec.symbol


def test_keyword_names_are_the_published_ones():
    assert PARAMETER_NAMES == (
        "security_dependency",
        "stranglehold",
        "market_loss",
        "tech_gain",
        "autonomy_cost",
        "simple_cost",
        "security_stake",
        "leader_value_simple",
        "leader_value_complex",
        "enforcement_value",
        "coercion_cost_base",
        "coercion_cost_slope",
        "side_payment_budget",
        "target_offer",
        "ally_power",
        "linkage_cap",
    )


def test_dyad_is_immutable_and_keyword_only():
    dyad = Dyad()
    with pytest.raises(AttributeError):
        dyad.stranglehold = 0.9
    with pytest.raises(TypeError):
        Dyad(0.5)


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        (
            "security_dependency",
            1.5,
            r"security_dependency = 1\.5 is out of range; allowed: \[0, 1\]",
        ),
        ("stranglehold", -0.1, r"stranglehold = -0\.1 is out of range; allowed: \[0, 1\]"),
        ("ally_power", 1.01, r"ally_power = 1\.01 is out of range"),
        ("market_loss", -1, r"market_loss = -1\.0 is out of range; allowed: \[0, 1e\+06\]"),
        ("security_stake", 0.0, r"security_stake = 0\.0 is out of range; allowed: \(0, 1e\+06\]"),
        ("side_payment_budget", math.nan, r"side_payment_budget must be finite, got nan"),
        ("enforcement_value", math.inf, r"enforcement_value must be finite, got inf"),
        ("target_offer", -math.inf, r"target_offer must be finite, got -inf"),
    ],
)
def test_bad_values_raise_value_error_naming_parameter(name, value, message):
    with pytest.raises(ValueError, match=message):
        Dyad(**{name: value})


@pytest.mark.parametrize("value", ["0.5", None, True, [0.5], 1 + 0j])
def test_non_numeric_values_raise_type_error(value):
    with pytest.raises(TypeError, match="stranglehold must be a real number"):
        Dyad(stranglehold=value)


def test_unknown_keyword_is_a_type_error():
    with pytest.raises(TypeError, match="strangle_hold"):
        Dyad(strangle_hold=0.5)
    with pytest.raises(TypeError, match=r"unknown parameter\(s\) 'strangle_hold'.*allowed"):
        Dyad().replace(strangle_hold=0.5)


def test_names_must_be_strings():
    with pytest.raises(TypeError, match="ally must be a non-empty string"):
        Dyad(ally=3)


def test_numpy_scalars_are_accepted_as_floats():
    dyad = Dyad(stranglehold=np.float32(0.25), security_dependency=np.int64(1))
    assert type(dyad.stranglehold) is float and dyad.stranglehold == 0.25
    assert type(dyad.security_dependency) is float


def test_replace_validates():
    with pytest.raises(ValueError, match="stranglehold"):
        Dyad().replace(stranglehold=2.0)
    assert Dyad().replace(ally="Japan").ally == "Japan"


def test_derived_quantities():
    dyad = Dyad(
        market_loss=0.6,
        autonomy_cost=0.1,
        tech_gain=0.2,
        security_dependency=0.8,
        coercion_cost_base=0.05,
        coercion_cost_slope=0.5,
        enforcement_value=0.2,
    )
    assert dyad.complex_cost == pytest.approx(0.5)
    assert dyad.coercion_cost == pytest.approx(0.05 + 0.5 * 0.2)
    assert dyad.sanction_gain == pytest.approx(0.05)
    assert dyad.threat_credible
    assert dyad.credibility_threshold == pytest.approx(1 - 0.15 / 0.5)
    assert not dyad.replace(security_dependency=0.69).threat_credible
    assert dyad.replace(security_dependency=0.71).threat_credible


def test_credibility_threshold_without_slope():
    assert (
        Dyad(
            coercion_cost_slope=0.0, enforcement_value=0.1, coercion_cost_base=0.05
        ).credibility_threshold
        == -math.inf
    )
    assert (
        Dyad(
            coercion_cost_slope=0.0, enforcement_value=0.0, coercion_cost_base=0.05
        ).credibility_threshold
        == math.inf
    )


def test_check_value_unknown_name():
    with pytest.raises(ValueError, match="unknown parameter 'x'"):
        check_value("x", 1.0)
