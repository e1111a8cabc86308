"""Dynamics: parameter paths over time and the date each dyad or coalition leaves its tier.

The model §5: the allies' programmes (South Korea's cluster, Rapidus, the EU Chips Act) erode the
stranglehold t and the target's self-reliance shrinks the allies' China-bound market m. A
:class:`ParameterPath` multiplies one parameter of one calibrated case by a factor that is linear
between anchor years and constant after the last (before the first: the first factor); ``low``
and ``high`` bound the factor. A :class:`Scenario` joins paths and carries the calibration's
derivation rules along (``derived``: e = λtm, v₂ = λm scale with the product of their inputs'
factors), so an eroded t also lowers the leader's enforcement value, as the calibration defines it.

Every year's dyads are solved afresh (``bargaining.solve_nash``; coalitions with
``coalitions.solve_coalition``) — nothing is interpolated between classifications. A path that
takes a parameter out of its allowed range raises :class:`PathRangeError`, never a clipped value.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..model import Dyad
from ..parameters import PARAMETER_NAMES, PARAMETERS
from ..results import Result, Table, display, frame, html_fields, html_table
from ..solution import Tier, jsonable
from ..solvers.nash import solve_nash
from .game import Coalition, solve_coalition

__all__ = [
    "BOUNDS",
    "Departure",
    "DepthTrace",
    "ParameterPath",
    "PathRangeError",
    "Scenario",
    "Threshold",
    "Trace",
    "depth_trace",
    "erosion_threshold",
    "trace",
]

#: The three readings of a path: its value and the two ends of its range.
BOUNDS = ("value", "low", "high")
_SPEC = {p.name: p for p in PARAMETERS}


class PathRangeError(ValueError):
    """A parameter path leaves the parameter's allowed range (or is ill-formed)."""


def _check_parameter(name: str, where: str) -> None:
    if name not in PARAMETER_NAMES:
        raise PathRangeError(
            f"{where}: unknown parameter {name!r}; allowed: {', '.join(PARAMETER_NAMES)}"
        )


@dataclass(frozen=True)
class ParameterPath:
    """One parameter of one case over time, as factors of its calibrated (base-year) value."""

    case: str
    parameter: str
    years: tuple[int, ...]
    factor: tuple[float, ...]
    low: tuple[float, ...]
    high: tuple[float, ...]
    rule: str = ""
    sources: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        where = f"path {self.case}.{self.parameter}"
        _check_parameter(self.parameter, where)
        years = tuple(self.years)
        if not years or any(not isinstance(y, int) or isinstance(y, bool) for y in years):
            raise PathRangeError(f"{where}: years must be a non-empty list of integers")
        if any(b <= a for a, b in itertools.pairwise(years)):
            raise PathRangeError(f"{where}: years must increase strictly, got {list(years)}")
        for name in ("factor", "low", "high"):
            values = tuple(float(v) for v in getattr(self, name))
            if len(values) != len(years):
                raise PathRangeError(
                    f"{where}: {name} has {len(values)} values for {len(years)} years"
                )
            if any(math.isnan(v) or math.isinf(v) or v < 0 for v in values):
                raise PathRangeError(f"{where}: {name} must be finite and >= 0, got {values}")
            object.__setattr__(self, name, values)
        for year, lo, mid, hi in zip(years, self.low, self.factor, self.high, strict=True):
            if not lo <= mid <= hi:
                raise PathRangeError(
                    f"{where}: in {year} the factor {mid} is outside its range [{lo}, {hi}]"
                )
        object.__setattr__(self, "years", years)

    def factor_at(self, year: float, bound: str = "value") -> float:
        """The factor in ``year`` (linear between anchors, constant outside them)."""
        values = {"value": self.factor, "low": self.low, "high": self.high}
        if bound not in values:
            raise ValueError(f"bound must be one of {', '.join(BOUNDS)}, got {bound!r}")
        return float(np.interp(year, self.years, values[bound]))


@dataclass(frozen=True)
class Scenario:
    """Paths applied together, with the calibration's derivation rules (``derived``)."""

    name: str
    paths: tuple[ParameterPath, ...]
    derived: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    years: tuple[int, int] = (2022, 2035)
    description: str = ""

    def __post_init__(self) -> None:
        keys = [(p.case, p.parameter) for p in self.paths]
        duplicates = sorted({k for k in keys if keys.count(k) > 1})
        if duplicates:
            raise PathRangeError(f"scenario {self.name!r}: two paths for {duplicates}")
        for name, inputs in self.derived.items():
            _check_parameter(name, f"scenario {self.name!r}, derived")
            for source in inputs:
                _check_parameter(source, f"scenario {self.name!r}, derived {name}")
            if any(p.parameter == name for p in self.paths):
                raise PathRangeError(
                    f"scenario {self.name!r}: {name} is derived and cannot also have a path"
                )
        first, last = self.years
        if not (isinstance(first, int) and isinstance(last, int) and first <= last):
            raise PathRangeError(f"scenario {self.name!r}: years must be [first, last]")

    def factors(self, case: str, year: float, bound: str = "value") -> dict[str, float]:
        """Each changed parameter's factor for ``case`` in ``year``, derived ones included."""
        out = {p.parameter: p.factor_at(year, bound) for p in self.paths if p.case == case}
        for name, inputs in self.derived.items():
            if any(source in out for source in inputs):
                out[name] = math.prod(out.get(source, 1.0) for source in inputs)
        return out

    def apply(self, dyad: Dyad, case: str, year: float, bound: str = "value") -> Dyad:
        """The dyad of ``case`` in ``year``; :class:`PathRangeError` if a value leaves its range."""
        changes = {}
        for name, factor in self.factors(case, year, bound).items():
            value = getattr(dyad, name) * factor
            spec = _SPEC[name]
            if not spec.admits(value):
                raise PathRangeError(
                    f"scenario {self.name!r} takes {case}.{name} to {value!r} in {year} "
                    f"({bound} path, factor {factor:g}); allowed: {spec.allowed}"
                )
            changes[name] = value
        return dyad.replace(**changes)

    def apply_coalition(self, coalition: Coalition, year: float, bound: str = "value"):
        """The coalition in ``year``: each member's dyad moved along its case's paths."""
        return coalition.replace_members(
            {m.name: self.apply(m.dyad, m.case or m.name, year, bound) for m in coalition.members}
        )


@dataclass(frozen=True)
class Departure(Result):
    """When a dyad or coalition first leaves its base-year tier on one reading of the paths.

    ``year`` is None if it stays in its tier to the scenario's last year.
    """

    unit: str
    bound: str
    base: Tier
    year: int | None
    tier: Tier | None

    @property
    def direction(self) -> str:
        """``"downgrade"``, ``"upgrade"`` or ``"stays"``."""
        if self.tier is None:
            return "stays"
        return "downgrade" if self.tier < self.base else "upgrade"

    def explain(self) -> str:
        """One line: the unit, its base tier, and when (if ever) it leaves it."""
        where = f"on the {self.bound} reading of the paths"
        if self.tier is None:
            return f"{self.unit}: stays {self.base.value} {where}."
        return (
            f"{self.unit}: {self.base.value} → {self.tier.value} in {self.year} {where} "
            f"({self.direction})."
        )

    def to_dict(self) -> dict[str, Any]:
        """Strict JSON: unit, reading, base tier, year and tier of the change (None: stays)."""
        return jsonable(
            {
                "unit": self.unit,
                "bound": self.bound,
                "base": self.base.value,
                "year": self.year,
                "tier": None if self.tier is None else self.tier.value,
                "direction": self.direction,
            }
        )

    def _repr_html_(self) -> str:
        return html_fields(
            f"{self.unit} ({self.bound} path)",
            [
                ("base tier", self.base),
                ("leaves it in", self.year),
                ("to", self.tier),
                ("direction", self.direction),
            ],
        )


@dataclass(frozen=True)
class Trace(Table):
    """Tiers along a scenario: ``tiers[(unit, bound)]`` is a tuple of (year, tier).

    ``to_frame()`` (``table="departures"``): one row per unit and reading — unit, bound, base,
    year (nullable integer: none if it stays), tier (the tier it moves to), direction;
    ``to_frame("tiers")``: the tidy year-by-year table — unit, bound, year, tier.
    """

    scenario: Scenario
    tiers: Mapping[tuple[str, str], tuple[tuple[int, Tier], ...]]

    def departures(self) -> list[Departure]:
        """For every unit and reading, the first year its tier differs from the base year's."""
        out = []
        for (unit, bound), rows in self.tiers.items():
            base = rows[0][1]
            moved = next(((y, t) for y, t in rows if t != base), (None, None))
            out.append(Departure(unit, bound, base, *moved))
        return out

    def table(self) -> str:
        """Departure dates as a text table (unit, base tier, the year on the value path and on
        the ends of its range)."""
        by_unit: dict[str, dict[str, Departure]] = {}
        for d in self.departures():
            by_unit.setdefault(d.unit, {})[d.bound] = d
        last = self.scenario.years[1]
        lines = [f"{'unit':<28} {'base':<10} {'leaves (value)':<24} low / high paths"]
        for unit, found in by_unit.items():

            def say(d: Departure | None) -> str:
                if d is None:
                    return "-"
                return f"stays to {last}" if d.tier is None else f"{d.year} → {d.tier.value}"

            value = found.get("value")
            lines.append(
                f"{unit:<28} {value.base.value if value else '':<10} {say(value):<24} "
                f"{say(found.get('low'))} / {say(found.get('high'))}"
            )
        return "\n".join(lines)

    def to_frame(self, table: str = "departures") -> Any:
        """``"departures"`` (default) or ``"tiers"`` as a ``pandas.DataFrame`` (class docstring)."""
        if table == "tiers":
            rows = [
                {"unit": unit, "bound": bound, "year": year, "tier": tier.value}
                for (unit, bound), series in self.tiers.items()
                for year, tier in series
            ]
            return frame(rows, ("unit", "bound", "year", "tier"), tiers=("tier",))
        if table != "departures":
            raise ValueError(f"table must be 'departures' or 'tiers', got {table!r}")
        columns = ("unit", "bound", "base", "year", "tier", "direction")
        data = frame(
            [d.to_dict() for d in self.departures()],
            columns,
            tiers=("base", "tier"),
        )
        data["year"] = data["year"].astype("Int64")
        return data

    def to_dict(self) -> dict[str, Any]:
        """Strict JSON: the scenario's name and years, each unit's tiers by year, the
        departures."""
        return jsonable(
            {
                "scenario": self.scenario.name,
                "years": list(self.scenario.years),
                "tiers": [
                    {
                        "unit": unit,
                        "bound": bound,
                        "tiers": {str(y): t.value for y, t in series},
                    }
                    for (unit, bound), series in self.tiers.items()
                ],
                "departures": [d.to_dict() for d in self.departures()],
            }
        )

    def explain(self) -> str:
        """The departures in words, under the scenario's name and years."""
        first, last = self.scenario.years
        lines = [f"Scenario {self.scenario.name} ({first}–{last}): when each unit leaves its tier"]
        lines += [f"  {d.explain()}" for d in self.departures()]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        last = self.scenario.years[1]
        return html_table(
            ("unit", "reading", "base tier", "leaves it", "to"),
            [
                (
                    d.unit,
                    d.bound,
                    d.base,
                    d.year if d.year is not None else f"stays to {last}",
                    d.tier,
                )
                for d in self.departures()
            ],
            title=f"Scenario {self.scenario.name}: when each unit leaves its tier",
        )


def trace(
    scenario: Scenario,
    dyads: Mapping[str, Dyad],
    coalitions: Sequence[Coalition] = (),
    years: Iterable[int] | None = None,
    bounds: Sequence[str] = BOUNDS,
) -> Trace:
    """Solve every dyad (keyed by case id) and coalition in every year on every reading.

    Examples
    --------
    >>> from coalition_games import Dyad
    >>> fade = ParameterPath("kr", "stranglehold", (2022, 2030), (1.0, 0.0), (1.0, 0.0), (1.0, 0.0))
    >>> sc = Scenario("demo", (fade,), {"enforcement_value": ("stranglehold",)}, (2022, 2030))
    >>> kr = Dyad(security_dependency=0.9, stranglehold=0.5, market_loss=0.6)
    >>> trace(sc, {"kr": kr}, bounds=("value",)).departures()[0].year
    2027
    """
    first, last = scenario.years
    grid = list(range(first, last + 1)) if years is None else sorted(set(years))
    tiers: dict[tuple[str, str], tuple[tuple[int, Tier], ...]] = {}
    for bound in bounds:
        for case, dyad in dyads.items():
            tiers[(case, bound)] = tuple(
                (y, solve_nash(scenario.apply(dyad, case, y, bound)).tier) for y in grid
            )
        for coalition in coalitions:
            tiers[(coalition.name, bound)] = tuple(
                (y, solve_coalition(scenario.apply_coalition(coalition, y, bound)).tier)
                for y in grid
            )
    return Trace(scenario, tiers)


@dataclass(frozen=True)
class Threshold(Result):
    """The level of a parameter below which a dyad leaves its tier (``factor`` of its value)."""

    parameter: str
    value: float
    level: float
    factor: float
    base: Tier
    below: Tier

    def explain(self) -> str:
        """One line: the threshold, the current value and the tier below it."""
        return (
            f"Leaves the {self.base.value} tier below {self.parameter} = {display(self.level)} "
            f"({display(self.factor)} of its value {display(self.value)}) → {self.below.value}."
        )

    def to_dict(self) -> dict[str, Any]:
        """Strict JSON: parameter, value, level, factor, base and below tiers."""
        return jsonable(
            {
                "parameter": self.parameter,
                "value": self.value,
                "level": self.level,
                "factor": self.factor,
                "base": self.base.value,
                "below": self.below.value,
            }
        )

    def _repr_html_(self) -> str:
        return html_fields(
            f"Erosion threshold of {self.parameter}",
            [
                ("current value", self.value),
                ("threshold", self.level),
                ("as a factor of the value", self.factor),
                ("tier above", self.base),
                ("tier below", self.below),
            ],
        )


def erosion_threshold(
    dyad: Dyad,
    parameter: str = "stranglehold",
    derived: Mapping[str, tuple[str, ...]] | None = None,
    resolution: int = 400,
) -> Threshold | None:
    """The level of ``parameter`` at which the dyad first leaves its tier as it is scaled to 0.

    The parameter is scaled by f from 1 down to 0 (derived parameters follow, e.g. e = λtm);
    a scan at step 1/``resolution`` finds the first f whose tier differs from the base tier and
    bisection refines it to 1e-12. Returns None if the tier never changes on [0, 1] (changes
    narrower than the scan step could be missed; a monotone tier, as the model §4's comparative
    statics give for t, has none).

    >>> from coalition_games import Dyad
    >>> th = erosion_threshold(Dyad(security_dependency=0.9, stranglehold=0.5, market_loss=0.6))
    >>> th.below.value, round(th.level, 4)
    ('simple', 0.05)
    """
    _check_parameter(parameter, "erosion_threshold")
    derived = derived or {}

    def tier_at(f: float) -> Tier:
        changes = {parameter: getattr(dyad, parameter) * f}
        for name, inputs in derived.items():
            if parameter in inputs:
                changes[name] = getattr(dyad, name) * f
        return solve_nash(dyad.replace(**changes)).tier

    base = tier_at(1.0)
    steps = np.linspace(1.0, 0.0, resolution + 1)
    for above, f in itertools.pairwise(steps):
        if tier_at(f) != base:
            hi, lo = float(above), float(f)
            while hi - lo > 1e-12:
                mid = 0.5 * (hi + lo)
                hi, lo = (mid, lo) if tier_at(mid) == base else (hi, mid)
            value = getattr(dyad, parameter)
            return Threshold(parameter, value, hi * value, hi, base, tier_at(lo))
    return None


# ------------------------------------------------------------------ the depth option (the model §8)


@dataclass(frozen=True)
class DepthTrace(Table):
    """Attainable depths along a scenario (the model §8), on one reading of the paths:
    ``depths[unit]`` is a tuple of (year, depth) — a dyad's d* (0 where it is not complex) or a
    coalition's stake-weighted depth (:func:`coalition_games.coalitions.coalition_depth`).

    ``halves(unit)`` is the first year whose depth is at most half the first year's, and
    ``reaches_zero(unit)`` the first whose depth is 0 (not complex under the option); None if it
    does not happen by the scenario's last year (or the depth is 0 from the start).

    ``to_frame()``: one row per unit and year — unit, year, depth.
    """

    scenario: Scenario
    bound: str
    depths: Mapping[str, tuple[tuple[int, float], ...]]

    def halves(self, unit: str) -> int | None:
        """The first year the unit's depth is at most half its first year's."""
        rows = self.depths[unit]
        start = rows[0][1]
        if start <= 0:
            return None
        return next((y for y, d in rows if d <= start / 2), None)

    def reaches_zero(self, unit: str) -> int | None:
        """The first year the unit's depth is 0 (it is no longer complex under the option)."""
        rows = self.depths[unit]
        if rows[0][1] <= 0:
            return None
        return next((y for y, d in rows if d <= 0), None)

    def explain(self) -> str:
        """Per unit: the depth in the first and last year, when it halves and reaches 0."""
        first, last = self.scenario.years
        lines = [
            f"Scenario {self.scenario.name} ({first}–{last}, {self.bound} reading): depth d* "
            "(the model §8)"
        ]
        for unit, rows in self.depths.items():
            halves, zero = self.halves(unit), self.reaches_zero(unit)
            lines.append(
                f"  {unit}: {display(rows[0][1])} in {rows[0][0]} → {display(rows[-1][1])} in "
                f"{rows[-1][0]}; halves {'never' if halves is None else halves}, reaches 0 "
                f"{'never' if zero is None else zero}."
            )
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """Strict JSON: scenario, reading, each unit's depths by year, halving and zero years."""
        return jsonable(
            {
                "scenario": self.scenario.name,
                "bound": self.bound,
                "depths": {u: {str(y): d for y, d in rows} for u, rows in self.depths.items()},
                "halves": {u: self.halves(u) for u in self.depths},
                "reaches_zero": {u: self.reaches_zero(u) for u in self.depths},
            }
        )

    def to_frame(self) -> Any:
        """One row per unit and year: unit, year, depth."""
        rows = [
            {"unit": u, "year": y, "depth": d}
            for u, series in self.depths.items()
            for y, d in series
        ]
        return frame(rows, ("unit", "year", "depth"))

    def _repr_html_(self) -> str:
        return html_table(
            ("unit", "first year", "last year", "halves", "reaches 0"),
            [
                (u, rows[0][1], rows[-1][1], self.halves(u), self.reaches_zero(u))
                for u, rows in self.depths.items()
            ],
            title=f"Scenario {self.scenario.name}: depth d* ({self.bound} reading)",
        )


def depth_trace(
    scenario: Scenario,
    dyads: Mapping[str, Dyad],
    coalitions: Sequence[Coalition] = (),
    years: Iterable[int] | None = None,
    bound: str = "value",
) -> DepthTrace:
    """Every dyad's (keyed by case id) and coalition's depth in every year of the scenario, under
    the depth option (the model §8); each year solved afresh.

    >>> from coalition_games import Dyad
    >>> fade = ParameterPath("kr", "stranglehold", (2022, 2030), (1.0, 0.0), (1.0, 0.0), (1.0, 0.0))
    >>> sc = Scenario("demo", (fade,), {"enforcement_value": ("stranglehold",)}, (2022, 2030))
    >>> kr = Dyad(security_dependency=0.9, stranglehold=0.5, market_loss=1.2,
    ...           side_payment_budget=0.0, leader_value_complex=1.5)
    >>> found = depth_trace(sc, {"kr": kr})
    >>> round(found.depths["kr"][0][1], 4), found.halves("kr"), found.reaches_zero("kr")
    (0.7917, 2025, None)

    In 2025 the eroded threat no longer backs a demand the ally accepts (d_c = κ(s)/e(t) rises
    above the deepest depth the threat would buy), and the depth falls to what the ally accepts
    without it, 0.375.
    """
    from .game import coalition_depth

    if bound not in BOUNDS:
        raise ValueError(f"bound must be one of {', '.join(BOUNDS)}, got {bound!r}")
    first, last = scenario.years
    grid = list(range(first, last + 1)) if years is None else sorted(set(years))
    depths: dict[str, tuple[tuple[int, float], ...]] = {}
    for case, dyad in dyads.items():
        rows = []
        for y in grid:
            sol = solve_nash(scenario.apply(dyad, case, y, bound).replace(depth=True))
            found = sol.depth.depth if sol.depth is not None else None
            rows.append((y, found if found is not None and sol.tier is Tier.COMPLEX else 0.0))
        depths[case] = tuple(rows)
    for coalition in coalitions:
        depths[coalition.name] = tuple(
            (y, coalition_depth(scenario.apply_coalition(coalition, y, bound)).depth) for y in grid
        )
    return DepthTrace(scenario, bound, depths)
