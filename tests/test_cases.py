"""The shipped calibrated cases and the validating loader."""

import dataclasses
import re
import tomllib
from collections.abc import Mapping
from importlib import resources
from pathlib import Path

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


def test_rows_carry_value_range_evidence_rule_and_sources():
    case = cases.read("us_japan")
    rows = case.rows()
    names = [r["parameter"] for r in rows]
    assert names == [*PARAMETER_NAMES, *case.hyperparameters, "stake"]
    assert all(r["sources"] for r in rows)
    assert all(r["evidence"] in cases.EVIDENCE for r in rows)
    assert {r["parameter"] for r in rows if r["common"]} == set(case.common)
    derived = {r["parameter"]: r["derived"] for r in rows if r["derived"]}
    assert derived == {
        "security_stake": "abandonment_risk * replacement_cost",
        "leader_value_complex": "leader_scale * market_loss",
        "enforcement_value": "leader_scale * stranglehold * market_loss",
    }


class _ReadOnly(Mapping):
    """A Mapping that is not a dict (no ``|`` operator), as ``Case.parameters`` allows."""

    def __init__(self, data):
        self._data = dict(data)

    def __getitem__(self, key):
        return self._data[key]

    def __iter__(self):
        return iter(self._data)

    def __len__(self):
        return len(self._data)


def test_rows_accept_any_mapping_of_parameters():
    case = cases.read("us_japan")
    other = dataclasses.replace(
        case, parameters=_ReadOnly(case.parameters), hyperparameters=_ReadOnly(case.hyperparameters)
    )
    assert other.rows() == case.rows()
    assert other.free == case.free


def _text(name="us_japan"):
    return (resources.files("coalition_games.cases") / f"{name}.toml").read_text(encoding="utf-8")


def _edit(text, parameter, key, new):
    """Replace ``key = ...`` inside ``[parameters.<parameter>]`` (or ``[hyperparameters.…]``)."""
    block = re.search(rf"\[(?:hyper)?parameters\.{parameter}\]\n(.*?)(?=\n\[|\Z)", text, re.S)
    body = re.sub(rf"^{key} = .*$", f"{key} = {new}", block.group(1), flags=re.M)
    return text[: block.start(1)] + body + text[block.end(1) :]


def test_a_users_case_file_loads_by_path(tmp_path):
    path = tmp_path / "mine.toml"
    text = _edit(_text(), "stranglehold", "value", "0.3")
    path.write_text(_edit(text, "enforcement_value", "value", "0.068"), encoding="utf-8")
    assert cases.load(path).stranglehold == 0.3
    assert cases.load(str(path)).enforcement_value == 0.068


def _free(text):
    """The case file without derivations: every parameter free, no hyper-parameters."""
    text = re.sub(r"^derived = .*\n", "", text, flags=re.M)
    return re.sub(r"\n\[hyperparameters\.\w+\]\n.*?(?=\n\[|\Z)", "", text, flags=re.S)


def test_the_shipped_derivations_agree_with_the_stated_values():
    """v₂ = λ·m and e = λ·t·m at the point estimates and at the range ends, to ROUNDING."""
    for name in FIVE:
        case = cases.read(name)
        v2, e = (case.parameters[k] for k in ("leader_value_complex", "enforcement_value"))
        assert v2.factors == ("leader_scale", "market_loss")
        assert e.factors == ("leader_scale", "stranglehold", "market_loss")
        assert "leader_value_complex" not in case.free and "leader_scale" in case.free
        for pick in (lambda est: est.value, lambda est: est.range[0], lambda est: est.range[1]):
            free = {k: pick(est) for k, est in case.free.items()}
            derived = case.derive(free)
            lam, t, m = free["leader_scale"], free["stranglehold"], free["market_loss"]
            assert derived["enforcement_value"] == lam * t * m  # computed, not the stated number
            for k in ("leader_value_complex", "enforcement_value"):
                assert derived[k] == pytest.approx(pick(case.parameters[k]), abs=cases.ROUNDING)


def test_a_case_without_derivations_is_read_as_before(tmp_path):
    path = tmp_path / "free.toml"
    path.write_text(_free(_text()), encoding="utf-8")
    free, shipped = cases.read(path), cases.read("us_japan")
    assert free.hyperparameters == {} and not any(e.derived for e in free.parameters.values())
    assert free.free == dict(free.parameters)
    values = {k: est.value for k, est in free.free.items()}
    assert free.derive(values) == values
    assert free.dyad == shipped.dyad
    # now free, e may be restated without its factors
    path.write_text(_edit(_free(_text()), "enforcement_value", "value", "0.3"), encoding="utf-8")
    assert cases.load(path).enforcement_value == 0.3


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda t: _edit(
                t, "enforcement_value", "derived", '{ product = ["lambda", "market_loss"] }'
            ),
            "parameter 'enforcement_value': unknown factor 'lambda' in derived",
        ),
        (
            lambda t: _edit(
                t,
                "market_loss",
                "range",
                '[0.092, 0.292]\nderived = { product = ["leader_value_complex"] }',
            ),
            "derivations form a cycle",
        ),
        (
            lambda t: _edit(t, "enforcement_value", "value", "0.081"),
            "parameter 'enforcement_value': stated value 0.081 disagrees with derived "
            "leader_scale * stranglehold * market_loss = 0.059736 beyond rounding",
        ),
        (
            lambda t: _edit(t, "leader_value_complex", "range", "[0.046, 0.6]"),
            "parameter 'leader_value_complex': stated range high 0.6 disagrees with derived "
            "leader_scale * market_loss = 0.584",
        ),
        (
            lambda t: _edit(t, "leader_scale", "range", "[-1.0, 2.0]"),
            "parameter 'leader_value_complex': derived range low leader_scale * market_loss = "
            "-0.292 is out of range",
        ),
        (
            lambda t: _edit(t, "enforcement_value", "derived", '{ sum = ["stranglehold"] }'),
            "parameter 'enforcement_value': derived must be { product = [",
        ),
        (
            lambda t: (
                t + "\n[hyperparameters.spare]\nvalue = 1\nrange = [1, 1]\n"
                'rule = "r"\nsources = ["s"]\nevidence = "none"\n'
            ),
            "hyperparameter 'spare': used by no derivation",
        ),
        (
            lambda t: t.replace("[hyperparameters.leader_scale]", "[hyperparameters.tech_gain]"),
            "hyperparameter 'tech_gain': the name must be an identifier that is not one of",
        ),
        (
            lambda t: _edit(
                t, "leader_scale", "rule", '"r"\nderived = { product = ["market_loss"] }'
            ),
            "hyperparameter 'leader_scale': missing keys [], unknown keys ['derived']",
        ),
    ],
)
def test_bad_derivations_are_named_errors(tmp_path, edit, message):
    path = tmp_path / "bad.toml"
    path.write_text(edit(_text()), encoding="utf-8")
    with pytest.raises(ValueError) as info:
        cases.read(path)
    assert "case 'us_japan'" in str(info.value)
    assert message in str(info.value)


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


def _estimates(case):
    """Every estimate of a case: parameters, hyper-parameters and the stake, by name."""
    return dict(case.parameters) | dict(case.hyperparameters) | {"stake": case.stake}


@pytest.mark.parametrize("name", FIVE)
def test_every_estimate_has_an_evidence_status_and_sources(name):
    """Each number of each shipped case says how well it is evidenced, and from what."""
    case = cases.read(name)
    assert case.stake is not None
    for key, est in _estimates(case).items():
        assert est.evidence in cases.EVIDENCE, (name, key)
        assert est.sources and all(s.strip() for s in est.sources), (name, key)
        assert est.rule.strip(), (name, key)
    assert not any(est.common for est in case.parameters.values() if est.derived)


def test_common_unknowns_are_marked_alike_in_every_shipped_case():
    """A number marked common is one unknown: the same name, value and range in every file."""
    shipped = [cases.read(name) for name in FIVE]
    marked = {c.id: set(c.common) for c in shipped}
    assert len({frozenset(m) for m in marked.values()}) == 1, marked
    assert "leader_scale" in marked["us_japan"]  # λ is the leader's valuation: one number
    for key in marked["us_japan"]:
        estimates = {(c.free[key].value, c.free[key].range) for c in shipped}
        assert len(estimates) == 1, (key, estimates)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda t: re.sub(r'^evidence = "\w+"\n', "", t, count=1, flags=re.M),
            "parameter 'security_dependency': evidence status missing; state evidence = "
            '"direct" | "indirect" | "none"',
        ),
        (
            lambda t: _edit(t, "market_loss", "evidence", '"strong"'),
            "parameter 'market_loss': unknown evidence status 'strong'; allowed: direct, "
            "indirect, none",
        ),
        (
            lambda t: _edit(t, "leader_scale", "evidence", '"anecdotal"'),
            "hyperparameter 'leader_scale': unknown evidence status 'anecdotal'",
        ),
        (
            lambda t: re.sub(r'(\[stake\]\n(?:.*\n)*?)evidence = "\w+"\n', r"\1", t),
            "stake 'stake': evidence status missing",
        ),
        (
            lambda t: _edit(t, "tech_gain", "evidence", '"none"\ncommon = "yes"'),
            "parameter 'tech_gain': common must be true or false, got 'yes'",
        ),
        (
            lambda t: _edit(t, "enforcement_value", "evidence", '"indirect"\ncommon = true'),
            "parameter 'enforcement_value': a derived parameter cannot be common",
        ),
    ],
)
def test_missing_or_unknown_evidence_and_bad_common_are_named_errors(tmp_path, edit, message):
    path = tmp_path / "bad.toml"
    text = edit(_text())
    assert text != _text()
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError) as info:
        cases.read(path)
    assert "case 'us_japan'" in str(info.value)
    assert message in str(info.value)


def test_an_estimate_built_in_code_claims_no_evidence_unless_told():
    est = cases.Estimate(0.1, (0.0, 0.2), "r", ("s",))
    assert (est.evidence, est.common) == ("none", False)
    with pytest.raises(ValueError, match="unknown evidence status 'some'"):
        cases.Estimate(0.1, (0.0, 0.2), "r", ("s",), evidence="some")


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


def test_shipped_case_files_are_exactly_what_the_evidence_rules_compute():
    """Provenance: every number in the case files comes from tools/derive_calibration.py's evidence
    inputs by its stated rules; a hand edit of a case file (or of the rules) fails here."""
    import importlib.util
    from importlib import resources

    path = Path(__file__).resolve().parents[1] / "tools" / "derive_calibration.py"
    spec = importlib.util.spec_from_file_location("derive_calibration", path)
    derive = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(derive)
    datas = {}
    for case_id, case in derive.CASES.items():
        shipped = (resources.files("coalition_games.cases") / f"{case_id}.toml").read_text(
            encoding="utf-8"
        )
        assert derive.to_toml(case_id, case, derive.derive(case)) == shipped, case_id
        datas[case_id] = tomllib.loads(shipped)
    # the docs' value table is the script's rendering of the shipped files
    assert derive.table(datas) == derive.TABLE.read_text(encoding="utf-8")


def test_the_evidence_status_is_in_the_json_and_the_words():
    case = cases.read("us_south_korea")
    data = case.to_dict()
    assert data["hyperparameters"]["leader_scale"]["evidence"] == "indirect"
    assert data["hyperparameters"]["leader_scale"]["common"] is True
    assert data["stake"]["evidence"] == case.stake.evidence
    assert "leader_scale: 1 [0.5, 2] (indirect, common)" in case.explain()
