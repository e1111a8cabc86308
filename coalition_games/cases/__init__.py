"""Calibrated leader–ally dyads as data: one TOML file per case, with the evidence for every number.

A case file has a ``[case]`` table (``id``, ``leader``, ``ally``, ``coalition``, ``description``)
and, for each of the fifteen parameters of :mod:`coalition_games.parameters`, a table
``[parameters.<name>]`` with

* ``value`` — the point estimate;
* ``range = [lo, hi]`` — the plausible range (``lo ≤ value ≤ hi``, inside the parameter's allowed
  range); the Monte Carlo of :mod:`coalition_games.uncertainty` draws from it;
* ``rule`` — the rule that maps evidence to the number (identical across cases where possible);
* ``sources`` — a non-empty list: the article's footnote numbers or primary sources.

The loader validates all of it: a value without a source, outside its range, a missing or unknown
parameter, is a ``ValueError`` that names the case and the parameter. Nothing is filled in.

The package ships the five cases of the Chip 4 versus TTC comparison (Liu 2024, CJIP 17(4)); how
their numbers were derived is documented in ``docs/calibration.md``. A user's own case file loads
the same way, by path.

>>> from coalition_games import cases
>>> cases.names()
('us_eu', 'us_japan', 'us_netherlands', 'us_south_korea', 'us_taiwan')
>>> korea = cases.load("us_south_korea")
>>> korea.ally, korea.security_dependency
('South Korea', 0.86)
>>> cases.read("us_south_korea").parameters["stranglehold"].range
(0.365, 0.934)
"""

from __future__ import annotations

import math
import numbers
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ..model import Dyad
from ..parameters import PARAMETER_NAMES, check_value

__all__ = ["Case", "Estimate", "load", "names", "read"]

_CASE_KEYS = ("id", "leader", "ally", "coalition", "description")
_ESTIMATE_KEYS = ("value", "range", "rule", "sources")


@dataclass(frozen=True)
class Estimate:
    """One calibrated parameter: its value, plausible range, rule and sources."""

    value: float
    range: tuple[float, float]
    rule: str
    sources: tuple[str, ...]

    @property
    def fixed(self) -> bool:
        """True when the range is a single point (the parameter is not varied)."""
        return self.range[0] == self.range[1]


@dataclass(frozen=True)
class Case:
    """A calibrated dyad with its metadata (``[case]``) and the evidence for each parameter."""

    id: str
    leader: str
    ally: str
    coalition: str
    description: str
    parameters: Mapping[str, Estimate]
    path: str

    @property
    def dyad(self) -> Dyad:
        """The point-estimate ``Dyad``."""
        values = {name: est.value for name, est in self.parameters.items()}
        return Dyad(**values, leader=self.leader, ally=self.ally)

    def rows(self) -> list[dict[str, Any]]:
        """One row per parameter (for tables): case, parameter, value, low, high, rule, sources."""
        return [
            {
                "case": self.id,
                "parameter": name,
                "value": est.value,
                "low": est.range[0],
                "high": est.range[1],
                "rule": est.rule,
                "sources": "; ".join(est.sources),
            }
            for name, est in self.parameters.items()
        ]


def names() -> tuple[str, ...]:
    """The ids of the cases shipped with the package, sorted."""
    files = resources.files(__name__).iterdir()
    return tuple(sorted(f.name[:-5] for f in files if f.name.endswith(".toml")))


def _source(name: str | Path) -> tuple[str, str]:
    """The (text, location) of a case given by shipped id or by path."""
    if isinstance(name, Path) or str(name).endswith(".toml"):
        path = Path(name)
        if not path.is_file():
            raise ValueError(f"case file {str(path)!r} does not exist")
        return path.read_text(encoding="utf-8"), str(path)
    if not isinstance(name, str):
        raise TypeError(f"case must be a shipped id or a path, got {name!r}")
    if name not in names():
        raise ValueError(
            f"unknown case {name!r}; shipped: {', '.join(names())} (or give a path to a .toml file)"
        )
    resource = resources.files(__name__) / f"{name}.toml"
    return resource.read_text(encoding="utf-8"), f"{__name__}/{name}.toml"


def _real(case: str, name: str, key: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value):
        raise ValueError(
            f"case {case!r}, parameter {name!r}: {key} must be a finite number, got {value!r}"
        )
    return float(value)


def _estimate(case: str, name: str, table: Any) -> Estimate:
    where = f"case {case!r}, parameter {name!r}"
    if not isinstance(table, Mapping):
        raise ValueError(f"{where}: expected a table with keys {', '.join(_ESTIMATE_KEYS)}")
    missing = [k for k in _ESTIMATE_KEYS if k not in table]
    unknown = sorted(set(table) - set(_ESTIMATE_KEYS))
    if missing or unknown:
        raise ValueError(f"{where}: missing keys {missing}, unknown keys {unknown}")
    value = _real(case, name, "value", table["value"])
    bounds = table["range"]
    if not isinstance(bounds, list) or len(bounds) != 2:
        raise ValueError(f"{where}: range must be [lo, hi], got {bounds!r}")
    lo, hi = (_real(case, name, "range", b) for b in bounds)
    if not lo <= hi:
        raise ValueError(f"{where}: range [{lo:g}, {hi:g}] has lo > hi")
    if not lo <= value <= hi:
        raise ValueError(f"{where}: value {value:g} is outside its range [{lo:g}, {hi:g}]")
    for bound in (value, lo, hi):
        try:
            check_value(name, bound)
        except ValueError as error:
            raise ValueError(f"{where}: {error}") from None
    rule, sources = table["rule"], table["sources"]
    if not isinstance(rule, str) or not rule.strip():
        raise ValueError(f"{where}: rule must be a non-empty string")
    if (
        not isinstance(sources, list)
        or not sources
        or not all(isinstance(s, str) and s.strip() for s in sources)
    ):
        raise ValueError(f"{where}: sources must be a non-empty list of non-empty strings")
    return Estimate(value, (lo, hi), rule, tuple(sources))


def read(name: str | Path) -> Case:
    """The validated case ``name``: a shipped id (see :func:`names`) or a path to a TOML file.

    Raises
    ------
    ValueError
        The file is not valid TOML, or a field is missing, unknown or invalid; the message names
        the case and the parameter.
    """
    text, location = _source(name)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"case file {location!r} is not valid TOML: {error}") from None
    meta = data.get("case")
    if not isinstance(meta, Mapping):
        raise ValueError(f"case file {location!r} has no [case] table")
    case_id = meta.get("id", location)
    for key in _CASE_KEYS:
        if not isinstance(meta.get(key), str) or not meta[key].strip():
            raise ValueError(f"case {case_id!r}: [case] {key} must be a non-empty string")
    if sorted(set(meta) - set(_CASE_KEYS)):
        raise ValueError(
            f"case {case_id!r}: unknown [case] keys {sorted(set(meta) - set(_CASE_KEYS))}"
        )
    params = data.get("parameters")
    if not isinstance(params, Mapping):
        raise ValueError(f"case {case_id!r}: no [parameters.<name>] tables")
    for key in PARAMETER_NAMES:
        if key not in params:
            raise ValueError(f"case {case_id!r}, parameter {key!r}: missing")
    for key in params:
        if key not in PARAMETER_NAMES:
            raise ValueError(
                f"case {case_id!r}, parameter {key!r}: unknown; "
                f"allowed: {', '.join(PARAMETER_NAMES)}"
            )
    unknown = sorted(set(data) - {"case", "parameters"})
    if unknown:
        raise ValueError(f"case {case_id!r}: unknown top-level tables {unknown}")
    return Case(
        **{key: meta[key] for key in _CASE_KEYS},
        parameters={key: _estimate(case_id, key, params[key]) for key in PARAMETER_NAMES},
        path=location,
    )


def load(name: str | Path) -> Dyad:
    """The point-estimate ``Dyad`` of case ``name`` (a shipped id or a path to a TOML file).

    >>> from coalition_games import cases, solve
    >>> solve(cases.load("us_japan")).tier.value
    'complex'
    """
    return read(name).dyad
