"""The observed decisions of the reproduction dyads: provenance, codes and the loader's errors."""

import json
import textwrap
from pathlib import Path

import pytest

from coalition_games import cases
from coalition_games.cases.decisions import (
    CODES,
    COMPLIANCE,
    DEMANDED,
    ObservedDecisions,
    ObservedError,
    observed,
)
from coalition_games.cases.events import read_meta
from coalition_games.solution import Tier

# One valid dyad; each schema test breaks one thing in it.
VALID = textwrap.dedent(
    """
    [meta]
    period = ["2022-03", "2023-12"]
    coding_rule = "the events' rule"
    demanded_rule = "declaratory or binding"
    compliance_rule = "refusal, partial, full"

    [[dyads]]
    id = "us_x"
    leader = "United States"
    ally = "X"
    coalition = "C"
    period = ["2022-10", "2023-07"]
    demand = "binding controls"
    demanded_tier = "complex"
    adopted = "a regulation"
    outcome = "complex"
    compliance = "full"
    coding_notes = "coded complex"

    [dyads.coverage]
    value = 0.1
    range = [0.0, 0.15]
    rule = "a rule"
    sources = ["a source"]
    evidence = "indirect"

    [[dyads.adopted_on]]
    date = 2023-07-23
    what = "in force"

    [[dyads.alternatives]]
    compliance = "partial"
    reason = "narrower than asked"

    [[dyads.sources]]
    publisher = "P"
    title = "T"
    date = "2023-03-31"
    url = "https://example.org/t"
    """
)


def load(tmp_path, text):
    path = tmp_path / "observed.toml"
    path.write_text(text, encoding="utf-8")
    return observed(path)


def broken(old, new):
    assert old in VALID, old
    return VALID.replace(old, new, 1)


def test_the_template_is_valid(tmp_path):
    decisions = load(tmp_path, VALID)
    assert decisions.ids == ("us_x",)
    assert decisions["us_x"].alternatives[0].changed == ("compliance",)


def test_shipped_file_codes_exactly_the_five_reproduction_dyads():
    decisions = cases.observed()
    assert isinstance(decisions, ObservedDecisions)
    assert sorted(decisions.ids) == sorted(cases.names())
    for decision in decisions:
        assert decision.ally == cases.read(decision.id).ally
        assert decision.leader == "United States"


def test_shipped_coding_rule_is_the_events_rule():
    meta = cases.observed().meta
    assert read_meta()["coding_rule"].split(" Coded from")[0] in meta["coding_rule"]
    assert meta["demanded_values"] == [t.value for t in DEMANDED]
    assert meta["compliance_values"] == list(COMPLIANCE)


def test_every_entry_has_sources_notes_and_dated_adoptions():
    for decision in cases.observed():
        assert decision.sources, decision.id
        for source in decision.sources:
            assert source.publisher.strip() and source.title.strip() and source.date, source
        assert decision.coding_notes.strip() and decision.demand.strip()
        assert decision.adopted.strip() and decision.adopted_on
        if decision.coverage is not None:
            assert decision.coverage.sources and decision.coverage.rule.strip()


def test_codes_are_in_their_sets_and_obey_the_compliance_rule():
    for decision in cases.observed():
        readings = [decision, *decision.alternatives]
        for r in readings:
            assert r.demanded_tier in DEMANDED
            assert r.outcome in set(Tier)
            assert r.compliance in COMPLIANCE
            assert (r.compliance == "refusal") == (r.outcome is Tier.INFEASIBLE)
            if r.compliance == "full":
                assert r.outcome >= r.demanded_tier


def test_alternative_codes_differ_from_the_primary():
    for decision in cases.observed():
        for alt in decision.alternatives:
            assert alt.changed and alt.reason.strip()
            for name in alt.changed:
                assert getattr(alt, name) != getattr(decision, name), (decision.id, name)
            for name in set(CODES) - set(alt.changed):
                assert getattr(alt, name) == getattr(decision, name), (decision.id, name)


def test_tiers_put_the_primary_code_first():
    decisions = cases.observed()
    primary = decisions.tiers()
    both = decisions.tiers(alternatives=True)
    for dyad in decisions.ids:
        assert primary[dyad] == (decisions[dyad].outcome,)
        assert both[dyad][0] == decisions[dyad].outcome
        assert len(set(both[dyad])) == len(both[dyad])
    with pytest.raises(KeyError, match="us_nowhere"):
        decisions["us_nowhere"]


def test_protocol_one_row_per_dyad_strict_json_and_words():
    decisions = cases.observed()
    table = decisions.to_frame()
    assert list(table["dyad"]) == list(decisions.ids)
    assert {"demanded_tier", "outcome", "compliance", "alternatives", "coverage"} <= set(table)
    assert str(table["outcome"].dtype) == "category"
    data = json.loads(json.dumps(decisions.to_dict(), allow_nan=False))
    assert [d["id"] for d in data["decisions"]] == list(decisions.ids)
    assert data["decisions"][0]["adopted_on"][0]["date"].count("-") == 2
    text = decisions.explain()
    assert all(d.ally in text for d in decisions) and str(decisions) == text
    assert "<table>" in decisions._repr_html_()


@pytest.mark.parametrize(
    ("old", "new", "field", "value"),
    [
        ('ally = "X"', 'ally = "X"\ncolour = "red"', "colour", "unknown field"),
        ('coding_notes = "coded complex"\n', "", "coding_notes", "missing"),
        ('outcome = "complex"', 'outcome = "binding"', "outcome", "'binding'"),
        (
            'demanded_tier = "complex"',
            'demanded_tier = "infeasible"',
            "demanded_tier",
            "'infeasible'",
        ),
        ('compliance = "full"', 'compliance = "total"', "compliance", "'total'"),
        ('compliance = "full"', 'compliance = "refusal"', "compliance", "'refusal'"),
        ('outcome = "complex"', 'outcome = "simple"', "compliance", "below the demanded tier"),
        ("value = 0.1", "value = 0.2", "coverage.value", "0.2 is outside its range [0, 0.15]"),
        ("range = [0.0, 0.15]", "range = [0.0, 1.5]", "coverage.range", "not inside [0, 1]"),
        ('evidence = "indirect"', 'evidence = "strong"', "coverage.evidence", "'strong'"),
        ('compliance = "partial"', 'compliance = "full"', "alternatives[0].compliance", "equals"),
        (
            'compliance = "partial"',
            'outcome = "infeasible"',
            "alternatives[0].compliance",
            "refusal",
        ),
        ('reason = "narrower than asked"', 'why = "x"', "alternatives[0].why", "unknown field"),
        ('date = "2023-03-31"', 'date = "31 March 2023"', "sources[0].date", "31 March 2023"),
        ("https://example.org/t", "example.org", "sources[0].url", "example.org"),
        ("date = 2023-07-23", 'date = "2023-07-23"', "adopted_on[0].date", "TOML date"),
        ('period = ["2022-10", "2023-07"]', 'period = ["2023-10", "2022-07"]', "period", "after"),
    ],
)
def test_a_bad_entry_is_an_error_naming_the_dyad_field_and_value(tmp_path, old, new, field, value):
    with pytest.raises(ObservedError, match="us_x") as error:
        load(tmp_path, broken(old, new))
    assert error.value.field == field
    assert value in str(error.value)


def test_a_dyad_without_sources_is_an_error(tmp_path):
    head = VALID[: VALID.index("[[dyads.sources]]")]
    with pytest.raises(ObservedError, match="sources") as error:
        load(tmp_path, head)
    assert error.value.dyad == "us_x"


def test_duplicate_ids_and_missing_rules_are_errors(tmp_path):
    dyad = VALID[VALID.index("[[dyads]]") :]
    with pytest.raises(ObservedError, match="duplicated"):
        load(tmp_path, VALID + dyad)
    with pytest.raises(ObservedError, match="compliance_rule"):
        load(tmp_path, broken('compliance_rule = "refusal, partial, full"\n', ""))
    with pytest.raises(ValueError, match="does not exist"):
        observed(tmp_path / "absent.toml")


def test_the_explanation_page_shows_the_shipped_codes():
    page = Path(__file__).resolve().parents[1] / "docs" / "explanation" / "observed.rst"
    rows = page.read_text(encoding="utf-8").split("   * - ")[2:]  # after the header row
    shown = {}
    for row in rows:
        cells = [c.strip() for c in row.split("\n     - ")]
        shown[cells[0]] = tuple(cells[1:4])
    expected = {
        d.id: (d.demanded_tier.value, d.outcome.value, d.compliance) for d in cases.observed()
    }
    assert shown == expected
