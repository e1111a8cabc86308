"""Calibrated leader–ally dyads as data: one TOML file per case, with the evidence for every number.

A case file has a ``[case]`` table (``id``, ``leader``, ``ally``, ``coalition``, ``description``)
and, for each of the parameters of :mod:`coalition_games.parameters`, a table
``[parameters.<name>]`` with

* ``value`` — the point estimate;
* ``range = [lo, hi]`` — the plausible range (``lo ≤ value ≤ hi``, inside the parameter's allowed
  range); the Monte Carlo of :mod:`coalition_games.uncertainty` draws from it;
* ``rule`` — the rule that maps evidence to the number (identical across cases where possible);
* ``sources`` — a non-empty list: the article's footnote numbers or primary sources;
* optionally ``derived = { product = ["<factor>", ...] }`` — the parameter is a product of named
  factors (other parameters or hyper-parameters). Its ``value`` and ``range`` are still written out
  and must agree with the product: the value with the product of the factors' values, the range with
  the product of the factors' ranges (interval arithmetic), each to :data:`ROUNDING`.

A hyper-parameter is a number a derivation needs that is not one of the parameters (e.g.
the leader's valuation scale λ in v₂ = λ·m): a table ``[hyperparameters.<name>]`` with the same
four keys (``value``, ``range``, ``rule``, ``sources``; the name must be a Python identifier).
Every declared hyper-parameter must be a factor of some derivation.

An optional ``[stake]`` table (same four keys) gives the unit of the dyad's payoffs, the ally's
stake in the contested industry in US$ bn a year; the coalition game of
:mod:`coalition_games.coalitions` weighs each member by it (one source per number: the
calibration script writes it once, here).

The loader validates all of it: a value without a source, outside its range, a missing or unknown
parameter, an unknown factor, a cycle of derivations, a derived value that disagrees with its stated
value beyond rounding, is a ``ValueError`` that names the case and the parameter. Nothing is filled
in. A file without ``derived`` keys has only free parameters.

The Monte Carlo (:mod:`coalition_games.uncertainty`) draws the free parameters and the
hyper-parameters (:attr:`Case.free`) and computes the derived ones with :meth:`Case.derive`, so the
calibration's relations hold in every draw. Products only (no expressions are evaluated).

The package ships the five cases of the Chip 4 versus TTC comparison (Liu 2024, CJIP 17(4)); how
their numbers were derived is documented in ``docs/explanation/calibration.rst``. A user's own case
file loads the same way, by path.

>>> from coalition_games import cases
>>> cases.names()
('us_eu', 'us_japan', 'us_netherlands', 'us_south_korea', 'us_taiwan')
>>> korea = cases.load("us_south_korea")
>>> korea.ally, korea.security_dependency
('South Korea', 0.86)
>>> cases.read("us_south_korea").parameters["stranglehold"].range
(0.365, 0.934)
>>> cases.read("us_south_korea").parameters["enforcement_value"].factors
('leader_scale', 'stranglehold', 'market_loss')
"""

from __future__ import annotations

import graphlib
import math
import numbers
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ..model import Dyad
from ..parameters import PARAMETER_NAMES, PARAMETERS_BY_NAME, check_value

__all__ = ["ROUNDING", "Case", "Estimate", "load", "names", "read"]

_CASE_KEYS = ("id", "leader", "ally", "coalition", "description")
_ESTIMATE_KEYS = ("value", "range", "rule", "sources")
_OPTIONAL_KEYS = ("derived",)

#: Largest allowed gap between a derived parameter's stated value (or range end) and the product
#: of its factors: one unit in the third decimal, the precision the shipped files are written to
#: (the factors are rounded too, so the product of rounded factors may miss the rounded product by
#: more than half a unit).
ROUNDING = 1e-3


@dataclass(frozen=True)
class Estimate:
    """One calibrated parameter: its value, plausible range, rule and sources."""

    value: float
    range: tuple[float, float]
    rule: str
    sources: tuple[str, ...]
    factors: tuple[str, ...] = ()  #: the product's factors of a derived parameter; () when free

    @property
    def fixed(self) -> bool:
        """True when the range is a single point (the parameter is not varied)."""
        return self.range[0] == self.range[1]

    @property
    def derived(self) -> bool:
        """True when the parameter is the product of :attr:`factors` (not drawn on its own)."""
        return bool(self.factors)


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
    hyperparameters: Mapping[str, Estimate] = field(default_factory=dict)
    #: The unit of the dyad's payoffs: the ally's stake in the contested industry (US$ bn a year),
    #: from the optional ``[stake]`` table; the coalition game weighs members by it.
    stake: Estimate | None = None

    @property
    def free(self) -> dict[str, Estimate]:
        """What a Monte Carlo draws: the non-derived parameters, then the hyper-parameters."""
        free = {name: est for name, est in self.parameters.items() if not est.derived}
        return free | dict(self.hyperparameters)

    def derive(self, free: Mapping[str, Any]) -> dict[str, Any]:
        """The parameters from values of :attr:`free` (floats or arrays, elementwise).

        Each derived parameter is the product of its factors' values, computed in dependency order;
        the free ones are passed through. A case without derivations returns ``free`` unchanged.

        >>> korea = read("us_south_korea")
        >>> values = korea.derive({name: est.value for name, est in korea.free.items()})
        >>> round(values["enforcement_value"], 6)  # λ·t·m = 1 · 0.47 · 0.6
        0.282
        """
        values = dict(free)
        for name in _order(self.id, self.parameters):
            values[name] = math.prod(values[f] for f in self.parameters[name].factors)
        return {name: values[name] for name in self.parameters}

    @property
    def dyad(self) -> Dyad:
        """The point-estimate ``Dyad``."""
        values = {name: est.value for name, est in self.parameters.items()}
        return Dyad(**values, leader=self.leader, ally=self.ally)

    def rows(self) -> list[dict[str, Any]]:
        """One row per parameter, then per hyper-parameter (for tables): case, parameter, value,
        low, high, derived (``"a * b"`` or empty), rule, sources."""
        return [
            {
                "case": self.id,
                "parameter": name,
                "value": est.value,
                "low": est.range[0],
                "high": est.range[1],
                "derived": " * ".join(est.factors),
                "rule": est.rule,
                "sources": "; ".join(est.sources),
            }
            for name, est in (dict(self.parameters) | dict(self.hyperparameters)).items()
        ]


def names() -> tuple[str, ...]:
    """The ids of the cases shipped with the package, sorted."""
    files = resources.files(__name__).iterdir()
    return tuple(sorted(f.name[:-5] for f in files if f.name.endswith(".toml")))


def _source(name: str | Path) -> tuple[str, str]:
    """The (text, location) of a case given by shipped id or by path."""
    if isinstance(name, Path) or str(name).endswith(".toml"):
        path = Path(name)
        if path.is_dir():
            raise ValueError(f"case file {str(path)!r} is a folder, not a case file")
        if not path.is_file():
            raise ValueError(f"case file {str(path)!r} does not exist")
        try:
            return path.read_text(encoding="utf-8"), str(path)
        except UnicodeDecodeError as error:
            raise ValueError(
                f"case file {str(path)!r} is not UTF-8 text (byte {error.start}: "
                f"{error.object[error.start : error.start + 1]!r}); save it as UTF-8"
            ) from None
    if not isinstance(name, str):
        raise TypeError(f"case must be a shipped id or a path, got {name!r}")
    if name not in names():
        raise ValueError(
            f"unknown case {name!r}; shipped: {', '.join(names())} (or give a path to a .toml file)"
        )
    resource = resources.files(__name__) / f"{name}.toml"
    return resource.read_text(encoding="utf-8"), f"{__name__}/{name}.toml"


def _real(case: str, name: str, key: str, value: Any) -> float:
    infinite = (
        name in PARAMETERS_BY_NAME and PARAMETERS_BY_NAME[name].infinite and value == math.inf
    )
    if (
        isinstance(value, bool)
        or not isinstance(value, numbers.Real)
        or not (math.isfinite(value) or infinite)
    ):
        raise ValueError(
            f"case {case!r}, parameter {name!r}: {key} must be a finite number, got {value!r}"
        )
    return float(value)


def _estimate(case: str, name: str, table: Any, kind: str = "parameter") -> Estimate:
    where = f"case {case!r}, {kind} {name!r}"
    if not isinstance(table, Mapping):
        raise ValueError(f"{where}: expected a table with keys {', '.join(_ESTIMATE_KEYS)}")
    allowed = _ESTIMATE_KEYS + (_OPTIONAL_KEYS if kind == "parameter" else ())
    missing = [k for k in _ESTIMATE_KEYS if k not in table]
    unknown = sorted(set(table) - set(allowed))
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
    for bound in (value, lo, hi) if kind == "parameter" else ():
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
    return Estimate(value, (lo, hi), rule, tuple(sources), _factors(where, table.get("derived")))


def _factors(where: str, spec: Any) -> tuple[str, ...]:
    """The factors of ``derived = { product = [...] }`` (``()`` when the key is absent)."""
    if spec is None:
        return ()
    if (
        not isinstance(spec, Mapping)
        or set(spec) != {"product"}
        or not isinstance(spec["product"], list)
        or not spec["product"]
        or not all(isinstance(f, str) and f.strip() for f in spec["product"])
    ):
        raise ValueError(
            f'{where}: derived must be {{ product = ["<factor>", ...] }} with a non-empty '
            f"list of parameter or hyper-parameter names, got {spec!r}"
        )
    return tuple(spec["product"])


def _order(case: str, parameters: Mapping[str, Estimate]) -> tuple[str, ...]:
    """The derived parameters in dependency order (factors first)."""
    graph = {
        name: [f for f in est.factors if f in parameters and parameters[f].derived]
        for name, est in parameters.items()
        if est.derived
    }
    try:
        return tuple(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError as error:
        cycle = " -> ".join(error.args[1][::-1])
        raise ValueError(f"case {case!r}: derivations form a cycle: {cycle}") from None


def _check_derivations(
    case: str, parameters: Mapping[str, Estimate], hyper: Mapping[str, Estimate]
) -> None:
    """Unknown factors, cycles, unused hyper-parameters and disagreement with the stated numbers."""
    known = {**parameters, **hyper}
    used: set[str] = set()
    for name, est in parameters.items():
        for factor in est.factors:
            if factor not in known:
                raise ValueError(
                    f"case {case!r}, parameter {name!r}: unknown factor {factor!r} in derived; "
                    f"allowed: the parameters and the hyper-parameters "
                    f"({', '.join(hyper) or 'none declared'})"
                )
        used.update(est.factors)
    unused = [h for h in hyper if h not in used]
    if unused:
        raise ValueError(f"case {case!r}, hyperparameter {unused[0]!r}: used by no derivation")
    values = {n: (e.value, *e.range) for n, e in known.items()}
    for name in _order(case, parameters):
        where = f"case {case!r}, parameter {name!r}"
        factors = parameters[name].factors
        value = math.prod(values[f][0] for f in factors)
        corners = [1.0]
        for f in factors:  # interval product: the extremes are among the corners
            corners = [c * b for c in corners for b in values[f][1:]]
        derived = (value, min(corners), max(corners))
        values[name] = derived
        formula = " * ".join(factors)
        for what, stated, got in zip(
            ("value", "range low", "range high"),
            (parameters[name].value, *parameters[name].range),
            derived,
            strict=True,
        ):
            try:
                check_value(name, got)
            except ValueError as error:
                raise ValueError(
                    f"{where}: derived {what} {formula} = {got:.6g} is out of range: {error}"
                ) from None
            if abs(got - stated) > ROUNDING:
                raise ValueError(
                    f"{where}: stated {what} {stated:g} disagrees with derived {formula} = "
                    f"{got:.6g} beyond rounding ({ROUNDING:g}); restate it, or drop 'derived' "
                    "to make the parameter free"
                )


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
    unknown = sorted(set(data) - {"case", "parameters", "hyperparameters", "stake"})
    if unknown:
        raise ValueError(f"case {case_id!r}: unknown top-level tables {unknown}")
    hyper = data.get("hyperparameters", {})
    if not isinstance(hyper, Mapping):
        raise ValueError(
            f"case {case_id!r}: hyperparameters must be [hyperparameters.<name>] tables"
        )
    for key in hyper:
        if not key.isidentifier() or key in PARAMETER_NAMES:
            raise ValueError(
                f"case {case_id!r}, hyperparameter {key!r}: the name must be an identifier "
                "that is not one of the parameters"
            )
    parameters = {key: _estimate(case_id, key, params[key]) for key in PARAMETER_NAMES}
    hyperparameters = {
        key: _estimate(case_id, key, table, "hyperparameter") for key, table in hyper.items()
    }
    _check_derivations(case_id, parameters, hyperparameters)
    stake = None
    if "stake" in data:
        stake = _estimate(case_id, "stake", data["stake"], "stake")
        if not stake.range[0] > 0:
            raise ValueError(f"case {case_id!r}, stake: the range must be > 0, got {stake.range}")
    return Case(
        **{key: meta[key] for key in _CASE_KEYS},
        parameters=parameters,
        path=location,
        hyperparameters=hyperparameters,
        stake=stake,
    )


def load(name: str | Path) -> Dyad:
    """The point-estimate ``Dyad`` of case ``name`` (a shipped id or a path to a TOML file).

    >>> from coalition_games import cases, solve
    >>> solve(cases.load("us_japan")).tier.value
    'complex'
    """
    return read(name).dyad
