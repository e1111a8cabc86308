"""The events data set: provenance, the out-of-sample rule, and the loader's named errors."""

import re
from pathlib import Path

import pytest

from coalition_games import cases
from coalition_games.cases.events import (
    EVIDENCE,
    DuplicateEventError,
    EventError,
    MissingSourceError,
    OutOfRangeError,
    UnknownOutcomeError,
    load_events,
    read_meta,
)
from coalition_games.solution import Tier

DATA = Path(cases.__file__).parent / "data" / "events.toml"


def test_at_least_fifteen_events_with_all_three_outcomes():
    events = load_events()
    assert len(events) >= 15
    assert {e.outcome for e in events} == set(Tier)
    assert len({e.id for e in events}) == len(events)
    assert read_meta()["coding_rule"].startswith("complex =")


def test_provenance_every_coded_value_has_a_source_and_a_rule():
    for event in load_events():
        assert event.coding_notes.strip() and event.stake_unit.strip() and event.demand.strip()
        for name in EVIDENCE:
            est = event.parameters[name]
            assert est.sources and all(s.strip() for s in est.sources), (event.id, name)
            assert est.rule.strip(), (event.id, name)
            assert est.range[0] <= est.value <= est.range[1], (event.id, name)


def test_no_reproduction_dyad_at_2022_23():
    allies = {cases.read(name).ally for name in cases.names()}
    for event in load_events():
        assert not (event.ally in allies and event.year in (2022, 2023)), event.id
        # nor the semiconductor coalitions themselves
        assert not re.search(r"chip 4|ttc|trade and technology council", event.coalition, re.I)


def _broken(tmp_path, old, new, count=1):
    text = DATA.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "events.toml"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


def test_missing_source_names_the_event_and_the_field(tmp_path):
    first = load_events()[0]
    sources = first.parameters["market_loss"].sources
    old = "sources = [" + ", ".join(f'"{s}"' for s in sources) + "]"
    path = _broken(tmp_path, old, "sources = []")
    with pytest.raises(
        MissingSourceError, match=rf"event '{first.id}', field 'market_loss.sources'"
    ):
        load_events(path)


def test_unknown_outcome(tmp_path):
    path = _broken(tmp_path, 'outcome = "infeasible"', 'outcome = "refused"')
    with pytest.raises(UnknownOutcomeError, match=r"event 'us_uk_aiib_2015', field 'outcome'"):
        load_events(path)


def test_parameter_out_of_range(tmp_path):
    path = _broken(tmp_path, "value = 0.7104", "value = 0.9")
    with pytest.raises(
        OutOfRangeError, match=r"event 'us_uk_aiib_2015', field 'security_dependency.value'"
    ):
        load_events(path)
    path = _broken(tmp_path, "range = [0.6708, 0.75]", "range = [0.6708, 1.5]")
    with pytest.raises(OutOfRangeError, match=r"security_dependency.range"):
        load_events(path)


def test_duplicated_event_id(tmp_path):
    path = _broken(tmp_path, 'id = "us_germany_aiib_2015"', 'id = "us_uk_aiib_2015"')
    with pytest.raises(DuplicateEventError, match=r"event 'us_uk_aiib_2015', field 'id'"):
        load_events(path)


def test_errors_are_value_errors(tmp_path):
    assert issubclass(EventError, ValueError)
    path = _broken(tmp_path, 'date = "2015-03"', 'date = "March 2015"')
    with pytest.raises(EventError, match="field 'date'"):
        load_events(path)


def test_alternative_outcomes_of_borderline_events():
    alternatives = {e.id: e.alternative_outcome for e in load_events() if e.alternative_outcome}
    assert len(alternatives) == 6
    assert alternatives["us_germany_huawei_2019"] is Tier.SIMPLE


def test_unknown_alternative_outcome(tmp_path):
    path = _broken(tmp_path, 'alternative_outcome = "complex"', 'alternative_outcome = "maybe"')
    with pytest.raises(UnknownOutcomeError, match=r"field 'alternative_outcome'"):
        load_events(path)
