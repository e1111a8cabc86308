"""What the USA demanded of each of the five reproduction allies in 2022–23, and what each adopted.

The shipped file ``coalition_games/cases/data/observed.toml`` codes, for each dyad of the
reproduction (``us_japan``, ``us_south_korea``, ``us_taiwan``, ``us_eu``, ``us_netherlands``), the
observed decision by the coding rule of the events (:mod:`coalition_games.cases.events`), with the
demand coded separately from the outcome. Its ``[meta]`` table states the rules; each ``[[dyads]]``
entry has

* ``id``, ``leader``, ``ally``, ``coalition``, ``period = ["YYYY-MM", "YYYY-MM"]``;
* ``demand`` (what the USA asked, in words) and ``demanded_tier``: ``simple`` (declaratory) or
  ``complex`` (binding);
* ``adopted`` (what the ally adopted, in words) and ``[[dyads.adopted_on]]`` tables (``date``, a
  TOML date, and ``what``);
* ``outcome``: ``infeasible`` / ``simple`` / ``complex`` (:class:`~coalition_games.solution.Tier`);
* ``compliance`` given the demand: ``refusal`` / ``partial`` / ``full``;
* ``coding_notes`` and ``[[dyads.sources]]`` tables (``publisher``, ``title``, ``date`` as
  ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, optionally ``url``) — at least one;
* optionally ``[dyads.coverage]``: the share of the ally's China-bound sales the demand covered,
  an :class:`~coalition_games.cases.Estimate` (``value``, ``range``, ``rule``, ``sources``,
  ``evidence``) inside [0, 1];
* optionally ``[[dyads.alternatives]]``: a second reading of a borderline dyad, stating one or
  more of ``demanded_tier``, ``outcome``, ``compliance`` (each different from the primary code;
  the others stay) and its ``reason``.

Compliance is tied to the tiers by the compliance rule, which the loader checks for the primary
codes and for every alternative reading: ``refusal`` if and only if the outcome is
``infeasible``, and ``full`` only if the outcome is at least the demanded tier.

Every error is an :class:`ObservedError` (a ``ValueError``) that names the dyad, the field and the
offending value: an unknown or missing field, a code outside its set, a value outside its range,
a dyad without sources.

>>> from coalition_games import cases
>>> decisions = cases.observed()
>>> decisions.ids
('us_japan', 'us_south_korea', 'us_taiwan', 'us_eu', 'us_netherlands')
>>> japan = decisions["us_japan"]
>>> japan.demanded_tier.value, japan.outcome.value, japan.compliance
('complex', 'complex', 'full')
>>> [t.value for t in decisions["us_taiwan"].outcomes()]
['simple', 'complex']
"""

from __future__ import annotations

import datetime
import math
import numbers
import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ..results import Table, display, frame, html_table, text_table
from ..solution import Tier, jsonable
from . import EVIDENCE, Estimate

__all__ = [
    "CODES",
    "COMPLIANCE",
    "DEMANDED",
    "Adoption",
    "Alternative",
    "Decision",
    "ObservedDecisions",
    "ObservedError",
    "Source",
    "observed",
]

#: The compliance codes, least first (the compliance rule in the file's ``[meta]``).
COMPLIANCE = ("refusal", "partial", "full")
#: The tiers a demand can have: declaratory (simple) or binding (complex).
DEMANDED = (Tier.SIMPLE, Tier.COMPLEX)
#: The coded fields an alternative reading may restate.
CODES = ("demanded_tier", "outcome", "compliance")

_DYAD_KEYS = (
    "id",
    "leader",
    "ally",
    "coalition",
    "period",
    "demand",
    "demanded_tier",
    "adopted",
    "adopted_on",
    "outcome",
    "compliance",
    "coding_notes",
    "sources",
)
_OPTIONAL_KEYS = ("coverage", "alternatives")
_SOURCE_KEYS = ("publisher", "title", "date")
_COVERAGE_KEYS = ("value", "range", "rule", "sources", "evidence")
_MONTH = r"\d{4}-(0[1-9]|1[0-2])"
_SOURCE_DATE = rf"\d{{4}}|{_MONTH}|{_MONTH}-(0[1-9]|[12]\d|3[01])"


class ObservedError(ValueError):
    """A malformed observed-decisions entry; :attr:`dyad` and :attr:`field` name where."""

    def __init__(self, dyad: str, field: str, message: str) -> None:
        self.dyad, self.field = dyad, field
        super().__init__(f"dyad {dyad!r}, field {field!r}: {message}")


@dataclass(frozen=True)
class Source:
    """A source read while coding: publisher, title, date (``YYYY[-MM[-DD]]``), URL if any."""

    publisher: str
    title: str
    date: str
    url: str | None = None

    def __str__(self) -> str:
        where = f", {self.url}" if self.url else ""
        return f"{self.publisher}, '{self.title}' ({self.date}){where}"


@dataclass(frozen=True)
class Adoption:
    """One dated step of what the ally adopted."""

    date: datetime.date
    what: str


@dataclass(frozen=True)
class Alternative:
    """A second reading of a borderline dyad: the complete codes under it, and why.

    ``changed`` names the fields (of :data:`CODES`) that differ from the primary codes.
    """

    demanded_tier: Tier
    outcome: Tier
    compliance: str
    changed: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class Decision:
    """One dyad's observed decision: the US demand, what the ally adopted, and the codes."""

    id: str
    leader: str
    ally: str
    coalition: str
    period: tuple[str, str]  #: first and last month, ``YYYY-MM``
    demand: str
    demanded_tier: Tier  #: simple (declaratory) or complex (binding)
    adopted: str
    adopted_on: tuple[Adoption, ...]
    outcome: Tier
    compliance: str  #: one of :data:`COMPLIANCE`
    coding_notes: str
    sources: tuple[Source, ...]
    #: the share of the ally's China-bound sales the demand covered (None where no source allows)
    coverage: Estimate | None = None
    alternatives: tuple[Alternative, ...] = ()

    def outcomes(self, alternatives: bool = True) -> tuple[Tier, ...]:
        """The primary outcome, then each different outcome an alternative reading gives."""
        found = [self.outcome]
        for alt in self.alternatives if alternatives else ():
            if alt.outcome not in found:
                found.append(alt.outcome)
        return tuple(found)

    def row(self) -> dict[str, Any]:
        """A flat record for tables: the codes, the alternatives in short, the coverage."""
        cover = self.coverage
        return {
            "dyad": self.id,
            "ally": self.ally,
            "period": f"{self.period[0]} to {self.period[1]}",
            "demanded_tier": self.demanded_tier.value,
            "outcome": self.outcome.value,
            "compliance": self.compliance,
            "alternatives": "; ".join(_short(alt) for alt in self.alternatives),
            "coverage": None if cover is None else cover.value,
            "coverage_low": None if cover is None else cover.range[0],
            "coverage_high": None if cover is None else cover.range[1],
            "sources": len(self.sources),
        }

    def to_dict(self) -> dict[str, Any]:
        """Every field as strict JSON (dates as ISO strings)."""
        cover = self.coverage
        return jsonable(
            {
                "id": self.id,
                "leader": self.leader,
                "ally": self.ally,
                "coalition": self.coalition,
                "period": list(self.period),
                "demand": self.demand,
                "demanded_tier": self.demanded_tier.value,
                "adopted": self.adopted,
                "adopted_on": [
                    {"date": a.date.isoformat(), "what": a.what} for a in self.adopted_on
                ],
                "outcome": self.outcome.value,
                "compliance": self.compliance,
                "coding_notes": self.coding_notes,
                "sources": [
                    {"publisher": s.publisher, "title": s.title, "date": s.date, "url": s.url}
                    for s in self.sources
                ],
                "coverage": None
                if cover is None
                else {
                    "value": cover.value,
                    "range": list(cover.range),
                    "rule": cover.rule,
                    "sources": list(cover.sources),
                    "evidence": cover.evidence,
                },
                "alternatives": [
                    {
                        "demanded_tier": alt.demanded_tier.value,
                        "outcome": alt.outcome.value,
                        "compliance": alt.compliance,
                        "changed": list(alt.changed),
                        "reason": alt.reason,
                    }
                    for alt in self.alternatives
                ],
            }
        )


def _short(alt: Alternative) -> str:
    return ", ".join(f"{name} {_code(getattr(alt, name))}" for name in alt.changed)


def _code(value: Tier | str) -> str:
    return value.value if isinstance(value, Tier) else value


@dataclass(frozen=True)
class ObservedDecisions(Table):
    """The observed decisions of the reproduction dyads, with the file's coding rules (``meta``)."""

    decisions: tuple[Decision, ...]
    meta: Mapping[str, Any]

    @property
    def ids(self) -> tuple[str, ...]:
        """The dyad ids, in file order."""
        return tuple(d.id for d in self.decisions)

    def __iter__(self) -> Iterator[Decision]:
        return iter(self.decisions)

    def __len__(self) -> int:
        return len(self.decisions)

    def __getitem__(self, dyad: str) -> Decision:
        for decision in self.decisions:
            if decision.id == dyad:
                return decision
        raise KeyError(f"no observed decision for dyad {dyad!r}; known: {', '.join(self.ids)}")

    def tiers(self, alternatives: bool = False) -> dict[str, tuple[Tier, ...]]:
        """Each dyad's observed outcome (``alternatives=False``), or the primary outcome and the
        outcomes of its alternative readings: the tiers a specification may be said to
        reproduce."""
        return {d.id: d.outcomes(alternatives) for d in self.decisions}

    def rows(self) -> list[dict[str, Any]]:
        """One record per dyad (:meth:`Decision.row`)."""
        return [d.row() for d in self.decisions]

    def to_frame(self) -> Any:
        """One row per dyad: dyad, ally, period, demanded_tier, outcome, compliance, the
        alternatives in short, the coverage (value, low, high; missing where not coded) and the
        number of sources. Tier columns are ordered categoricals."""
        return frame(self.rows(), tiers=("demanded_tier", "outcome"))

    def to_dict(self) -> dict[str, Any]:
        """Strict JSON: the ``[meta]`` rules and every decision (:meth:`Decision.to_dict`)."""
        return {
            "meta": jsonable(dict(self.meta)),
            "decisions": [d.to_dict() for d in self.decisions],
        }

    def explain(self) -> str:
        """The codes in words: one line per dyad, then the table, then the coding rule."""
        lines = [
            f"Observed decisions of {len(self)} dyads ({' to '.join(self.meta['period'])}): "
            "what the USA demanded (its tier) and what the ally adopted (outcome, and compliance "
            "given the demand)."
        ]
        for d in self.decisions:
            extra = "".join(f"; alternatively {_short(alt)}" for alt in d.alternatives)
            lines.append(
                f"  {d.ally}: demanded {d.demanded_tier.value}, adopted {d.outcome.value}, "
                f"{d.compliance} compliance{extra} ({len(d.sources)} sources)."
            )
        columns = ("dyad", "demanded_tier", "outcome", "compliance", "alternatives")
        table = text_table(
            columns, [[r[c] for c in columns] for r in self.rows()], wrap=["alternatives"]
        )
        return "\n".join([*lines, "", table, "", f"Coding rule: {self.meta['coding_rule']}"])

    def _repr_html_(self) -> str:
        columns = ("dyad", "demanded", "outcome", "compliance", "alternatives", "coverage")
        rows = [
            (
                d.id,
                d.demanded_tier,
                d.outcome,
                d.compliance,
                "; ".join(f"{_short(a)}: {a.reason}" for a in d.alternatives),
                None
                if d.coverage is None
                else f"{display(d.coverage.value)} [{display(d.coverage.range[0])}, "
                f"{display(d.coverage.range[1])}]",
            )
            for d in self.decisions
        ]
        return html_table(
            columns,
            rows,
            title="Observed decisions (2022–23)",
            note="Coded by the events' rule; the demanded tier separately from the outcome.",
        )


# --- validation ---------------------------------------------------------------------------------


def _text(dyad: str, table: Mapping[str, Any], key: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ObservedError(dyad, key, f"must be a non-empty string, got {value!r}")
    return value


def _keys(
    dyad: str, field: str, table: Any, required: tuple[str, ...], optional: tuple[str, ...] = ()
) -> None:
    if not isinstance(table, Mapping):
        raise ObservedError(dyad, field, f"must be a table, got {table!r}")
    unknown = sorted(set(table) - set(required) - set(optional))
    if unknown:
        raise ObservedError(dyad, f"{field}.{unknown[0]}" if field else unknown[0], "unknown field")
    missing = [k for k in required if k not in table]
    if missing:
        raise ObservedError(dyad, f"{field}.{missing[0]}" if field else missing[0], "missing")


def _tier(dyad: str, field: str, value: Any, allowed: tuple[Tier, ...]) -> Tier:
    if not isinstance(value, str) or value not in {t.value for t in allowed}:
        raise ObservedError(
            dyad, field, f"{value!r} is not a code; allowed: {', '.join(t.value for t in allowed)}"
        )
    return Tier(value)


def _compliance(dyad: str, field: str, value: Any) -> str:
    if value not in COMPLIANCE:
        raise ObservedError(
            dyad, field, f"{value!r} is not a code; allowed: {', '.join(COMPLIANCE)}"
        )
    return str(value)


def _consistent(dyad: str, where: str, demanded: Tier, outcome: Tier, compliance: str) -> None:
    """The compliance rule: refusal iff infeasible; full only if outcome ≥ demanded tier."""
    if (compliance == "refusal") != (outcome is Tier.INFEASIBLE):
        raise ObservedError(
            dyad,
            f"{where}compliance",
            f"{compliance!r} with outcome {outcome.value!r}: refusal if and only if infeasible",
        )
    if compliance == "full" and outcome < demanded:
        raise ObservedError(
            dyad,
            f"{where}compliance",
            f"'full' with outcome {outcome.value!r} below the demanded tier {demanded.value!r}",
        )


def _period(dyad: str, value: Any) -> tuple[str, str]:
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, str) and re.fullmatch(_MONTH, v) for v in value)
    ):
        raise ObservedError(dyad, "period", f'must be ["YYYY-MM", "YYYY-MM"], got {value!r}')
    if value[0] > value[1]:
        raise ObservedError(dyad, "period", f"starts after it ends: {value!r}")
    return value[0], value[1]


def _entries(dyad: str, field: str, value: Any) -> list[Any]:
    if not isinstance(value, list) or not value:
        raise ObservedError(dyad, field, f"must be a non-empty array of tables, got {value!r}")
    return value


def _sources(dyad: str, value: Any) -> tuple[Source, ...]:
    if not isinstance(value, list) or not value:
        raise ObservedError(dyad, "sources", "every dyad needs at least one [[dyads.sources]]")
    found = []
    for k, table in enumerate(value):
        where = f"sources[{k}]"
        _keys(dyad, where, table, _SOURCE_KEYS, ("url",))
        publisher, title, date = (_text(dyad, table, key) for key in _SOURCE_KEYS)
        if not re.fullmatch(_SOURCE_DATE, date):
            raise ObservedError(dyad, f"{where}.date", f"must be YYYY[-MM[-DD]], got {date!r}")
        url = table.get("url")
        if url is not None and not (isinstance(url, str) and re.match(r"https?://\S+$", url)):
            raise ObservedError(dyad, f"{where}.url", f"must be an http(s) address, got {url!r}")
        found.append(Source(publisher, title, date, url))
    return tuple(found)


def _adoptions(dyad: str, value: Any) -> tuple[Adoption, ...]:
    found = []
    for k, table in enumerate(_entries(dyad, "adopted_on", value)):
        where = f"adopted_on[{k}]"
        _keys(dyad, where, table, ("date", "what"))
        date = table["date"]
        if not isinstance(date, datetime.date) or isinstance(date, datetime.datetime):
            raise ObservedError(dyad, f"{where}.date", f"must be a TOML date, got {date!r}")
        found.append(Adoption(date, _text(dyad, table, "what")))
    return tuple(found)


def _number(dyad: str, field: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or math.isnan(value):
        raise ObservedError(dyad, field, f"must be a number, got {value!r}")
    return float(value)


def _coverage(dyad: str, table: Any) -> Estimate:
    _keys(dyad, "coverage", table, _COVERAGE_KEYS)
    value = _number(dyad, "coverage.value", table["value"])
    bounds = table["range"]
    if not isinstance(bounds, list) or len(bounds) != 2:
        raise ObservedError(dyad, "coverage.range", f"must be [lo, hi], got {bounds!r}")
    lo, hi = (_number(dyad, "coverage.range", b) for b in bounds)
    if not 0.0 <= lo <= hi <= 1.0:
        raise ObservedError(dyad, "coverage.range", f"[{lo:g}, {hi:g}] is not inside [0, 1]")
    if not lo <= value <= hi:
        raise ObservedError(
            dyad, "coverage.value", f"{value:g} is outside its range [{lo:g}, {hi:g}]"
        )
    sources = table["sources"]
    if (
        not isinstance(sources, list)
        or not sources
        or not all(isinstance(s, str) and s.strip() for s in sources)
    ):
        raise ObservedError(dyad, "coverage.sources", f"must be non-empty strings, got {sources!r}")
    if table["evidence"] not in EVIDENCE:
        raise ObservedError(
            dyad,
            "coverage.evidence",
            f"{table['evidence']!r} is not a status; allowed: {', '.join(EVIDENCE)}",
        )
    return Estimate(
        value,
        (lo, hi),
        _text(dyad, table, "rule"),
        tuple(sources),
        evidence=table["evidence"],
    )


def _alternatives(dyad: str, value: Any, primary: dict[str, Any]) -> tuple[Alternative, ...]:
    found = []
    for k, table in enumerate(_entries(dyad, "alternatives", value)):
        where = f"alternatives[{k}]"
        _keys(dyad, where, table, ("reason",), CODES)
        changed = tuple(name for name in CODES if name in table)
        if not changed:
            raise ObservedError(dyad, where, f"states none of {', '.join(CODES)}")
        codes = dict(primary)
        for name in changed:
            field = f"{where}.{name}"
            if name == "compliance":
                codes[name] = _compliance(dyad, field, table[name])
            else:
                allowed = DEMANDED if name == "demanded_tier" else tuple(Tier)
                codes[name] = _tier(dyad, field, table[name], allowed)
            if codes[name] == primary[name]:
                raise ObservedError(dyad, field, f"{_code(codes[name])!r} equals the primary code")
        _consistent(
            dyad, f"{where}.", codes["demanded_tier"], codes["outcome"], codes["compliance"]
        )
        found.append(Alternative(**codes, changed=changed, reason=_text(dyad, table, "reason")))
    return tuple(found)


def _decision(table: Any, index: int) -> Decision:
    given = table.get("id") if isinstance(table, Mapping) else None
    dyad = given if isinstance(given, str) else f"#{index}"
    _keys(dyad, "", table, _DYAD_KEYS, _OPTIONAL_KEYS)
    texts: dict[str, Any] = {
        key: _text(dyad, table, key)
        for key in ("id", "leader", "ally", "coalition", "demand", "adopted", "coding_notes")
    }
    codes: dict[str, Any] = {
        "demanded_tier": _tier(dyad, "demanded_tier", table["demanded_tier"], DEMANDED),
        "outcome": _tier(dyad, "outcome", table["outcome"], tuple(Tier)),
        "compliance": _compliance(dyad, "compliance", table["compliance"]),
    }
    _consistent(dyad, "", codes["demanded_tier"], codes["outcome"], codes["compliance"])
    return Decision(
        **texts,
        **codes,
        period=_period(dyad, table["period"]),
        adopted_on=_adoptions(dyad, table["adopted_on"]),
        sources=_sources(dyad, table["sources"]),
        coverage=_coverage(dyad, table["coverage"]) if "coverage" in table else None,
        alternatives=_alternatives(dyad, table["alternatives"], codes)
        if "alternatives" in table
        else (),
    )


def observed(path: str | Path | None = None) -> ObservedDecisions:
    """The observed decisions (the shipped file, or a TOML file at ``path``), validated.

    Parameters
    ----------
    path
        A TOML file with a ``[meta]`` table and ``[[dyads]]`` entries (module docstring); the
        shipped ``data/observed.toml`` when None.

    Returns
    -------
    ObservedDecisions
        One :class:`Decision` per dyad, in file order, with the file's ``[meta]`` rules.

    Raises
    ------
    ObservedError
        A ``ValueError`` naming the dyad, the field and the value: an unknown or missing field,
        a code outside its set, a value outside its range, a dyad without sources, a duplicated
        id, a missing coding rule.
    """
    if path is None:
        text = resources.files(__package__).joinpath("data", "observed.toml").read_text("utf-8")
    else:
        if not Path(path).is_file():
            raise ValueError(f"observed-decisions file {str(path)!r} does not exist")
        text = Path(path).read_text(encoding="utf-8")
    data = tomllib.loads(text)
    meta = data.get("meta")
    if not isinstance(meta, Mapping):
        raise ObservedError("-", "meta", "the file needs a [meta] table with the coding rules")
    for key in ("coding_rule", "demanded_rule", "compliance_rule"):
        _text("-", meta, key)
    _period("-", meta.get("period"))
    entries = data.get("dyads")
    if not isinstance(entries, list) or not entries:
        raise ObservedError("-", "dyads", "no [[dyads]] entries")
    decisions: list[Decision] = []
    for index, table in enumerate(entries):
        decision = _decision(table, index)
        if decision.id in {d.id for d in decisions}:
            raise ObservedError(decision.id, "id", "duplicated dyad id")
        decisions.append(decision)
    return ObservedDecisions(tuple(decisions), dict(meta))
