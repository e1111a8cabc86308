"""The shipped calibrated cases and the validating loader."""

import re
from importlib import resources

import pytest

from coalition_games import Dyad, cases
from coalition_games.parameters import PARAMETER_NAMES

FIVE = ("us_eu", "us_japan", "us_netherlands", "us_south_korea", "us_taiwan")


def test_the_five_cases_ship_and_load_as_dyads():
    assert cases.names() == FIVE
    for name in FIVE:
        case = cases.read(name)
        assert case.id == name
        assert isinstance(cases.load(name), Dyad)
        assert tuple(case.parameters) == PARAMETER_NAMES
        for est in case.parameters.values():
            assert est.range[0] <= est.value <= est.range[1]
            assert est.rule and est.sources


def test_rows_carry_value_range_rule_and_sources():
    rows = cases.read("us_japan").rows()
    assert [r["parameter"] for r in rows] == list(PARAMETER_NAMES)
    assert all(r["sources"] for r in rows)


def _text(name="us_japan"):
    return (resources.files("coalition_games.cases") / f"{name}.toml").read_text(encoding="utf-8")


def _edit(text, parameter, key, new):
    """Replace ``key = ...`` inside ``[parameters.<parameter>]``."""
    block = re.search(rf"\[parameters\.{parameter}\]\n(.*?)(?=\n\[|\Z)", text, re.S)
    body = re.sub(rf"^{key} = .*$", f"{key} = {new}", block.group(1), flags=re.M)
    return text[: block.start(1)] + body + text[block.end(1) :]


def test_a_users_case_file_loads_by_path(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(_edit(_text(), "stranglehold", "value", "0.3"), encoding="utf-8")
    assert cases.load(path).stranglehold == 0.3
    assert cases.load(str(path)).stranglehold == 0.3


@pytest.mark.parametrize(
    ("parameter", "key", "new", "message"),
    [
        (
            "stranglehold",
            "value",
            "0.95",
            "parameter 'stranglehold': value 0.95 is outside its range",
        ),
        (
            "market_loss",
            "sources",
            "[]",
            "parameter 'market_loss': sources must be a non-empty list",
        ),
        ("tech_gain", "rule", '""', "parameter 'tech_gain': rule must be a non-empty string"),
        (
            "security_dependency",
            "range",
            "[0.5, 1.5]",
            "parameter 'security_dependency': security_dependency = 1.5 is out of range",
        ),
        (
            "ally_power",
            "range",
            "[0.6, 0.4]",
            "parameter 'ally_power': range [0.6, 0.4] has lo > hi",
        ),
        ("simple_cost", "value", "true", "parameter 'simple_cost': value must be a finite number"),
        (
            "security_stake",
            "range",
            "[0.0, 1.0]",
            "parameter 'security_stake': security_stake = 0.0 is out of range",
        ),
    ],
)
def test_invalid_values_name_the_case_and_parameter(tmp_path, parameter, key, new, message):
    path = tmp_path / "bad.toml"
    path.write_text(_edit(_text(), parameter, key, new), encoding="utf-8")
    with pytest.raises(ValueError) as info:
        cases.read(path)
    assert "case 'us_japan'" in str(info.value)
    assert message in str(info.value)


def test_missing_and_unknown_parameters_and_keys_are_errors(tmp_path):
    text = _text()
    block = re.search(r"\[parameters\.tech_gain\]\n.*?(?=\n\[)", text, re.S)
    missing = text[: block.start()] + text[block.end() :]
    path = tmp_path / "missing.toml"
    path.write_text(missing, encoding="utf-8")
    with pytest.raises(ValueError, match="parameter 'tech_gain': missing"):
        cases.read(path)
    path.write_text(text + "\n[parameters.charm]\nvalue = 1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="parameter 'charm': unknown"):
        cases.read(path)
    path.write_text(_edit(text, "tech_gain", "rule", '"r"\nnote = "x"'), encoding="utf-8")
    with pytest.raises(ValueError, match=r"parameter 'tech_gain': missing keys \[\], unknown"):
        cases.read(path)


def test_bad_names_and_files():
    with pytest.raises(ValueError, match="unknown case 'us_mars'; shipped: us_eu"):
        cases.load("us_mars")
    with pytest.raises(ValueError, match="does not exist"):
        cases.load("nowhere.toml")


def test_invalid_toml_names_the_file(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text("[case\n", encoding="utf-8")
    with pytest.raises(ValueError, match="is not valid TOML"):
        cases.read(path)
