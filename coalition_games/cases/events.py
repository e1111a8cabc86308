"""Observed leader–ally episodes: what an ally decided when the leader asked it to join a coalition.

The shipped file ``coalition_games/cases/data/events.toml`` has a ``[meta]`` table (the coding rule
of the outcomes, the parameter rules, the source policy) and an ``[[events]]`` array. Each event has
``id``, ``leader``, ``ally``, ``target``, ``date`` (``YYYY-MM``), ``coalition``, ``demand`` (what
the leader asked), ``outcome`` (``infeasible`` / ``simple`` / ``complex``, by the coding rule),
``stake_unit`` (the unit of its payoffs: the stake differs by event family), ``coding_notes`` (how
it was coded and what is uncertain), optionally ``alternative_outcome`` (the code another reading
of the rule gives, for borderline events), and a table for each evidence parameter —
``security_dependency`` (s), ``stranglehold`` (t), ``market_loss`` (m), ``side_payment_budget`` (B),
``target_offer`` (w) — with ``value``, ``range = [lo, hi]``, ``rule`` and a non-empty list of
``sources``, as in a case file. The parameters without evidence (σ, κ₀, κ₁, λ, X̄, …) are not coded
per event: the estimation (:mod:`coalition_games.reproduction.estimation`) learns them from the
outcomes.

The loader validates everything and names the event and the field of each error, with one
exception class per kind (all of them ``ValueError``): :class:`MissingSourceError`,
:class:`UnknownOutcomeError`, :class:`OutOfRangeError`, :class:`DuplicateEventError`, and
:class:`EventError` for any other malformed entry.

>>> from coalition_games.cases.events import load_events
>>> events = load_events()
>>> len(events), events[0].id, events[0].outcome.value
(25, 'us_uk_aiib_2015', 'infeasible')
>>> events[0].parameters["security_dependency"].value
0.7104
"""

from __future__ import annotations

import math
import numbers
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ..parameters import PARAMETERS_BY_NAME, check_value
from ..solution import Tier
from . import Estimate

__all__ = [
    "EVIDENCE",
    "DuplicateEventError",
    "Event",
    "EventError",
    "MissingSourceError",
    "OutOfRangeError",
    "UnknownOutcomeError",
    "load_events",
    "read_meta",
]

#: The parameters every event codes from evidence (the others are shared and learned).
EVIDENCE = (
    "security_dependency",
    "stranglehold",
    "market_loss",
    "side_payment_budget",
    "target_offer",
)
_TEXT_KEYS = (
    "id",
    "leader",
    "ally",
    "target",
    "date",
    "coalition",
    "demand",
    "outcome",
    "stake_unit",
    "coding_notes",
)
_OPTIONAL_KEYS = ("alternative_outcome",)
_ESTIMATE_KEYS = ("value", "range", "rule", "sources")


class EventError(ValueError):
    """A malformed event; :attr:`event` and :attr:`field` name where."""

    def __init__(self, event: str, field: str, message: str) -> None:
        self.event, self.field = event, field
        super().__init__(f"event {event!r}, field {field!r}: {message}")


class MissingSourceError(EventError):
    """A coded value without a source (an empty or missing ``sources`` list)."""


class UnknownOutcomeError(EventError):
    """An outcome that is not one of ``infeasible``, ``simple``, ``complex``."""


class OutOfRangeError(EventError):
    """A value outside its stated range, or a value or range outside the parameter's domain."""


class DuplicateEventError(EventError):
    """Two events with the same id."""


@dataclass(frozen=True)
class Event:
    """One observed episode: the leader's demand, the ally's decision and the evidence."""

    id: str
    leader: str
    ally: str
    target: str
    date: str  #: ``YYYY-MM``
    coalition: str
    demand: str
    outcome: Tier
    stake_unit: str
    coding_notes: str
    #: s, t, m, B, w (:data:`EVIDENCE`) with value, range, rule and sources.
    parameters: Mapping[str, Estimate]
    #: the code a different reading of the coding rule gives (borderline events; see the notes)
    alternative_outcome: Tier | None = None

    @property
    def year(self) -> int:
        """The year of the decision."""
        return int(self.date[:4])

    def value(self, name: str) -> float:
        """The coded value of evidence parameter ``name``."""
        return self.parameters[name].value

    def row(self) -> dict[str, Any]:
        """A flat record (for tables and JSON): id, ally, date, outcome, the five values."""
        return {
            "id": self.id,
            "ally": self.ally,
            "target": self.target,
            "date": self.date,
            "outcome": self.outcome.value,
            **{name: self.value(name) for name in EVIDENCE},
        }


def _text(event: str, table: Mapping[str, Any], key: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise EventError(event, key, f"must be a non-empty string, got {value!r}")
    return value


def _number(event: str, field: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or math.isnan(value):
        raise EventError(event, field, f"must be a number, got {value!r}")
    return float(value)


def _estimate(event: str, name: str, table: Any) -> Estimate:
    if not isinstance(table, Mapping):
        raise EventError(event, name, f"expected a table with keys {', '.join(_ESTIMATE_KEYS)}")
    sources = table.get("sources")
    if (
        not isinstance(sources, list)
        or not sources
        or not all(isinstance(s, str) and s.strip() for s in sources)
    ):
        raise MissingSourceError(
            event, f"{name}.sources", "every coded value needs a non-empty list of sources"
        )
    unknown = sorted(set(table) - set(_ESTIMATE_KEYS))
    missing = [k for k in _ESTIMATE_KEYS if k not in table]
    if unknown or missing:
        raise EventError(event, name, f"missing keys {missing}, unknown keys {unknown}")
    value = _number(event, f"{name}.value", table["value"])
    bounds = table["range"]
    if not isinstance(bounds, list) or len(bounds) != 2:
        raise EventError(event, f"{name}.range", f"must be [lo, hi], got {bounds!r}")
    lo, hi = (_number(event, f"{name}.range", b) for b in bounds)
    if not lo <= value <= hi:
        raise OutOfRangeError(
            event, f"{name}.value", f"{value:g} is outside its range [{lo:g}, {hi:g}]"
        )
    for what, number in (("value", value), ("range", lo), ("range", hi)):
        try:
            check_value(name, number)
        except ValueError as error:
            raise OutOfRangeError(event, f"{name}.{what}", str(error)) from None
    rule = table["rule"]
    if not isinstance(rule, str) or not rule.strip():
        raise EventError(event, f"{name}.rule", "must be a non-empty string")
    return Estimate(value, (lo, hi), rule, tuple(sources))


def _event(table: Any, index: int) -> Event:
    if not isinstance(table, Mapping):
        raise EventError(f"#{index}", "events", "each [[events]] entry must be a table")
    given = table.get("id")
    event = given if isinstance(given, str) else f"#{index}"
    texts = {key: _text(event, table, key) for key in _TEXT_KEYS}
    unknown = sorted(set(table) - set(_TEXT_KEYS) - set(_OPTIONAL_KEYS) - set(EVIDENCE))
    if unknown:
        raise EventError(event, unknown[0], "unknown field")
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", texts["date"]):
        raise EventError(event, "date", f"must be YYYY-MM, got {texts['date']!r}")
    try:
        outcome = Tier(texts.pop("outcome"))
    except ValueError:
        raise UnknownOutcomeError(
            event,
            "outcome",
            f"{table['outcome']!r}; allowed: {', '.join(t.value for t in Tier)}",
        ) from None
    alternative = None
    if "alternative_outcome" in table:
        try:
            alternative = Tier(table["alternative_outcome"])
        except ValueError:
            raise UnknownOutcomeError(
                event,
                "alternative_outcome",
                f"{table['alternative_outcome']!r}; allowed: {', '.join(t.value for t in Tier)}",
            ) from None
        if alternative == outcome:
            raise EventError(event, "alternative_outcome", "equals the outcome")
    for name in EVIDENCE:
        if name not in table:
            raise MissingSourceError(event, name, "not coded (no value, no source)")
    parameters = {name: _estimate(event, name, table[name]) for name in EVIDENCE}
    return Event(**texts, outcome=outcome, parameters=parameters, alternative_outcome=alternative)


def _document(path: str | Path | None) -> dict[str, Any]:
    if path is None:
        text = resources.files(__package__).joinpath("data", "events.toml").read_text("utf-8")
    else:
        if not Path(path).is_file():
            raise ValueError(f"events file {str(path)!r} does not exist")
        text = Path(path).read_text(encoding="utf-8")
    return tomllib.loads(text)


def read_meta(path: str | Path | None = None) -> dict[str, Any]:
    """The ``[meta]`` table: the coding rule, the parameter rules, the source policy."""
    return dict(_document(path).get("meta", {}))


def load_events(path: str | Path | None = None) -> tuple[Event, ...]:
    """The events (the shipped file by default, or a TOML file at ``path``), validated.

    Raises
    ------
    MissingSourceError, UnknownOutcomeError, OutOfRangeError, DuplicateEventError, EventError
        All ``ValueError``; the message names the event and the field.
    """
    data = _document(path)
    entries = data.get("events")
    if not isinstance(entries, list) or not entries:
        raise EventError("-", "events", "no [[events]] entries")
    events: list[Event] = []
    seen: set[str] = set()
    for index, table in enumerate(entries):
        event = _event(table, index)
        if event.id in seen:
            raise DuplicateEventError(event.id, "id", "duplicated event id")
        seen.add(event.id)
        events.append(event)
    return tuple(events)


assert all(name in PARAMETERS_BY_NAME for name in EVIDENCE)
