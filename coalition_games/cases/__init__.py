"""Calibrated leader–ally dyads as data: one TOML file per case, with the evidence for every number.

A case file has a ``[case]`` table (``id``, ``leader``, ``ally``, ``coalition``, ``description``)
and, for each of the parameters of :mod:`coalition_games.parameters`, a table
``[parameters.<name>]`` with

* ``value`` — the point estimate;
* ``range = [lo, hi]`` — the plausible range (``lo ≤ value ≤ hi``, inside the parameter's allowed
  range); the Monte Carlo of :mod:`coalition_games.uncertainty` draws from it;
* ``rule`` — the rule that maps evidence to the number (identical across cases where possible);
* ``sources`` — a non-empty list: the article's footnote numbers or primary sources;
* ``evidence`` — the evidence status of the number, one of :data:`EVIDENCE`:

  - ``"direct"``: the value is read from, or computed only from, cited sources for this case;
  - ``"indirect"``: computed by the stated rule from cited evidence that is a proxy, another period
    or population, partly recalled, or combined with a stated judgment (a weight, a probability,
    a conversion);
  - ``"none"``: no evidence for this case's value: a stated default and range;

  the rule says why;
* optionally ``common = true`` — the number is **one unknown shared by every case** (a property of
  the leader, e.g. its valuation λ of China's denied access), not one per ally: the Monte Carlo
  (:mod:`coalition_games.uncertainty`) draws it once per draw for all the cases it is given, which
  must then state the same value and range for it. Without the key the number is per case (drawn
  independently in each case, even where every file states the same default). A derived parameter
  cannot be common (it is not drawn);
* optionally ``derived = { product = ["<factor>", ...] }`` — the parameter is a product of named
  factors (other parameters or hyper-parameters). Its ``value`` and ``range`` are still written out
  and must agree with the product: the value with the product of the factors' values, the range with
  the product of the factors' ranges (interval arithmetic), each to :data:`ROUNDING`.

A hyper-parameter is a number a derivation needs that is not one of the parameters (e.g.
the leader's valuation scale λ in v₂ = λ·m): a table ``[hyperparameters.<name>]`` with the same
keys (``value``, ``range``, ``rule``, ``sources``, ``evidence``, optionally ``common``; the name
must be a Python identifier).
Every declared hyper-parameter must be a factor of some derivation.

An optional ``[stake]`` table (``value``, ``range``, ``rule``, ``sources``, ``evidence``) gives
the unit of the dyad's payoffs, the ally's stake in the contested industry in US$ bn a year; the
coalition game of :mod:`coalition_games.coalitions` weighs each member by it (one source per
number: the calibration script writes it once, here).

The loader validates all of it: a value without a source, outside its range, a missing or unknown
evidence status, a missing or unknown parameter, an unknown factor, a cycle of derivations, a
derived value that disagrees with its stated value beyond rounding, a ``common`` flag on a derived
parameter, is a ``ValueError`` that names the case and the parameter. Nothing is filled in. A file
without ``derived`` keys has only free parameters.

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
(0.298, 0.909)
>>> cases.read("us_south_korea").parameters["enforcement_value"].factors
('leader_scale', 'stranglehold', 'market_loss')
>>> lam = cases.read("us_south_korea").hyperparameters["leader_scale"]
>>> lam.evidence, lam.common
('indirect', True)
"""

from __future__ import annotations

import graphlib
import math
import numbers
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from ..model import Dyad
from ..parameters import PARAMETER_NAMES, PARAMETERS_BY_NAME, check_value
from ..results import Table, display, frame, html_table

__all__ = ["EVIDENCE", "ROUNDING", "Case", "Estimate", "load", "names", "observed", "read"]

_CASE_KEYS = ("id", "leader", "ally", "coalition", "description")
_ESTIMATE_KEYS = ("value", "range", "rule", "sources", "evidence")
#: Optional keys by kind of table: a parameter may be derived or common, a hyper-parameter common.
_OPTIONAL_KEYS = {"parameter": ("derived", "common"), "hyperparameter": ("common",), "stake": ()}

#: The evidence statuses a number can have (module docstring): strongest first.
EVIDENCE = ("direct", "indirect", "none")

#: Largest allowed gap between a derived parameter's stated value (or range end) and the product
#: of its factors: one unit in the third decimal, the precision the shipped files are written to
#: (the factors are rounded too, so the product of rounded factors may miss the rounded product by
#: more than half a unit).
ROUNDING = 1e-3


@dataclass(frozen=True)
class Estimate:
    """One calibrated parameter: its value, plausible range, rule, sources and evidence status.

    ``evidence`` is one of :data:`EVIDENCE` (a file must state it; built in code it defaults to
    ``"none"``, claiming no evidence); ``common`` marks one unknown shared by all cases.
    """

    value: float
    range: tuple[float, float]
    rule: str
    sources: tuple[str, ...]
    factors: tuple[str, ...] = ()  #: the product's factors of a derived parameter; () when free
    evidence: str = "none"  #: "direct", "indirect" or "none" (module docstring)
    common: bool = False  #: one unknown shared by every case (drawn once per Monte Carlo draw)

    def __post_init__(self) -> None:
        if self.evidence not in EVIDENCE:
            raise ValueError(
                f"unknown evidence status {self.evidence!r}; allowed: {', '.join(EVIDENCE)}"
            )
        if not isinstance(self.common, bool):
            raise ValueError(f"common must be true or false, got {self.common!r}")
        if self.common and self.factors:
            raise ValueError("a derived parameter cannot be common (it is not drawn)")

    @property
    def fixed(self) -> bool:
        """True when the range is a single point (the parameter is not varied)."""
        return self.range[0] == self.range[1]

    @property
    def derived(self) -> bool:
        """True when the parameter is the product of :attr:`factors` (not drawn on its own)."""
        return bool(self.factors)


@dataclass(frozen=True)
class Case(Table):
    """A calibrated dyad with its metadata (``[case]``) and the evidence for each parameter.

    The result protocol: ``explain()``, ``to_dict()`` (strict JSON), ``_repr_html_()`` and
    ``to_frame()`` — one row per parameter and hyper-parameter with the columns of :meth:`rows`.

    >>> korea = read("us_south_korea")
    >>> table = korea.to_frame()
    >>> list(table.columns[:5])
    ['case', 'parameter', 'value', 'low', 'high']
    >>> table.set_index("parameter").loc["stranglehold", ["value", "low", "high"]].tolist()
    [0.425, 0.298, 0.909]
    """

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

    @property
    def common(self) -> tuple[str, ...]:
        """The free numbers marked ``common``: unknowns shared with every other case."""
        return tuple(name for name, est in self.free.items() if est.common)

    def derive(self, free: Mapping[str, Any], **changes: Any) -> dict[str, Any]:
        """The parameters from values of :attr:`free` (floats or arrays, elementwise).

        Each derived parameter is the product of its factors' values, computed in dependency order;
        the free ones are passed through. A case without derivations returns ``free`` unchanged.

        ``changes`` are counterfactual values (the model §7): a change of a free parameter or a
        hyper-parameter recomputes every parameter derived from it (:meth:`dependants`); a
        change of a derived parameter fixes it on purpose (kept as given; its own dependants use
        it). ``free`` may hold the derived parameters' values too: those that depend
        on no changed name are kept as given (a stated value, rounded in the file, is not replaced
        by its exact product).

        >>> korea = read("us_south_korea")
        >>> point = {name: est.value for name, est in korea.free.items()}
        >>> round(korea.derive(point)["enforcement_value"], 6)  # λ·t·m = 1 · 0.425 · 0.642
        0.27285
        >>> korea.derive(point, stranglehold=0.0)["enforcement_value"]  # t = 0 ⇒ e = λ·t·m = 0
        0.0
        """
        unknown = sorted(set(changes) - set(self.parameters) - set(self.hyperparameters))
        if unknown:
            raise TypeError(
                f"case {self.id!r}: unknown parameter(s) {', '.join(map(repr, unknown))}; "
                f"allowed: {', '.join(PARAMETER_NAMES)}"
                + (
                    f" and the hyper-parameters {', '.join(self.hyperparameters)}"
                    if self.hyperparameters
                    else ""
                )
            )
        values = {**free, **changes}
        order = self._derivation_order
        todo = set(self.dependants(changes))
        for name in order:
            if name not in changes and (name in todo or name not in free):
                values[name] = math.prod(values[f] for f in self.parameters[name].factors)
        return {name: values[name] for name in self.parameters}

    @cached_property
    def _derivation_order(self) -> tuple[str, ...]:
        return _order(self.id, self.parameters)

    def dependants(self, names: Any) -> tuple[str, ...]:
        """The derived parameters that depend on any of ``names`` (directly or through another
        derived parameter), in dependency order.

        >>> read("us_south_korea").dependants(["stranglehold"])
        ('enforcement_value',)
        """
        changed = set(names)
        found = []
        for name in self._derivation_order:
            if changed.intersection(self.parameters[name].factors):
                found.append(name)
                changed.add(name)
        return tuple(found)

    def change(self, changes: Mapping[str, Any]) -> dict[str, Any]:
        """Every parameter's value after ``changes`` (a counterfactual, the model §7): the
        calibrated values with :meth:`derive`'s rules for the changes.

        >>> korea = read("us_south_korea")
        >>> korea.change({"stranglehold": 0.0})["enforcement_value"]     # e = λ·t·m
        0.0
        >>> korea.change({"leader_scale": 2.0})["leader_value_complex"]  # v₂ = λ·m
        1.284
        """
        point = {
            name: est.value
            for name, est in (dict(self.parameters) | dict(self.hyperparameters)).items()
        }
        return self.derive(point, **changes)

    def counterfactual(self, **changes: Any) -> Dyad:
        """The point-estimate ``Dyad`` with ``changes`` (:meth:`change`; the model §7).

        >>> read("us_south_korea").counterfactual(stranglehold=0.0).enforcement_value
        0.0
        """
        return Dyad(**self.change(changes), leader=self.leader, ally=self.ally)

    @property
    def dyad(self) -> Dyad:
        """The point-estimate ``Dyad``."""
        values: dict[str, Any] = {name: est.value for name, est in self.parameters.items()}
        return Dyad(**values, leader=self.leader, ally=self.ally)

    def rows(self) -> list[dict[str, Any]]:
        """One row per parameter, then per hyper-parameter, then the stake (for tables): case,
        parameter, value, low, high, evidence, common, derived (``"a * b"`` or empty), rule,
        sources."""
        estimates = dict(self.parameters) | dict(self.hyperparameters)
        if self.stake is not None:
            estimates["stake"] = self.stake
        return [
            {
                "case": self.id,
                "parameter": name,
                "value": est.value,
                "low": est.range[0],
                "high": est.range[1],
                "evidence": est.evidence,
                "common": est.common,
                "derived": " * ".join(est.factors),
                "rule": est.rule,
                "sources": "; ".join(est.sources),
            }
            for name, est in estimates.items()
        ]

    def to_frame(self) -> Any:
        """The calibration as a ``pandas.DataFrame``: one row per parameter, then per
        hyper-parameter, with the columns of :meth:`rows` (case, parameter, value, low, high,
        derived, rule, sources, and the evidence status where the file gives it)."""
        return frame(self.rows())

    def to_dict(self) -> dict[str, Any]:
        """Strict JSON: the ``[case]`` metadata and every estimate (value, range, rule, sources,
        factors, evidence status, common)."""
        from ..solution import jsonable

        def estimate(est: Estimate) -> dict[str, Any]:
            return {
                "value": est.value,
                "range": list(est.range),
                "rule": est.rule,
                "sources": list(est.sources),
                "factors": list(est.factors),
                "evidence": est.evidence,
                "common": est.common,
            }

        return jsonable(
            {
                **{key: getattr(self, key) for key in _CASE_KEYS},
                "path": self.path,
                "parameters": {n: estimate(e) for n, e in self.parameters.items()},
                "hyperparameters": {n: estimate(e) for n, e in self.hyperparameters.items()},
                "stake": None if self.stake is None else estimate(self.stake),
            }
        )

    def explain(self) -> str:
        """The case in words: what it is, then each parameter's value, range, derivation and
        evidence status."""
        lines = [f"{self.id}: {self.leader}–{self.ally} ({self.coalition}). {self.description}"]
        for name, est in (dict(self.parameters) | dict(self.hyperparameters)).items():
            how = f" = {' · '.join(est.factors)}" if est.derived else ""
            status = est.evidence + (", common" if est.common else "")
            lines.append(
                f"  {name}{how}: {display(est.value)} [{display(est.range[0])}, "
                f"{display(est.range[1])}] ({status})"
            )
        if self.stake is not None:
            lines.append(f"  stake (US$ bn a year): {display(self.stake.value)}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        columns = ("parameter", "value", "range", "derived", "rule", "sources")
        rows = [
            (
                name,
                est.value,
                f"[{display(est.range[0])}, {display(est.range[1])}]",
                " · ".join(est.factors),
                est.rule,
                "; ".join(est.sources),
            )
            for name, est in (dict(self.parameters) | dict(self.hyperparameters)).items()
        ]
        title = f"{self.id}: {self.leader}–{self.ally} ({self.coalition})"
        return html_table(columns, rows, title=title, note=self.description)


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
        try:  # utf-8-sig: a UTF-8 file that starts with a byte-order mark reads as UTF-8
            return path.read_text(encoding="utf-8-sig"), str(path)
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
    """A number of a case file: a real number (not a boolean or a string), finite, or +inf where
    the parameter allows +inf as its value (the linkage cap); huge integers are refused without
    printing all their digits."""
    where = f"case {case!r}, parameter {name!r}: {key}"
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(
            f"{where} must be a finite number, got {value!r} of type {type(value).__name__}"
        )
    try:
        number = float(value)
    except OverflowError:
        text = repr(value)
        raise ValueError(
            f"{where} must be a finite number, got an integer of {len(text)} digits "
            f"({text[:8]}…), beyond the float range"
        ) from None
    infinite = name in PARAMETERS_BY_NAME and PARAMETERS_BY_NAME[name].infinite
    if not (math.isfinite(number) or (infinite and number == math.inf)):
        raise ValueError(f"{where} must be a finite number, got {value!r}")
    return number


def _check_range(where: str, value: float, lo: float, hi: float) -> None:
    """The range rule: ``lo ≤ value ≤ hi``, and a range is finite unless it is the one point
    +inf (a parameter whose value may be +inf, the linkage cap, is then fixed at +inf: no cap;
    the Monte Carlo cannot draw from a range that reaches +inf)."""
    if not lo <= hi:
        raise ValueError(f"{where}: range [{lo:g}, {hi:g}] has lo > hi")
    if math.inf in (value, lo, hi) and not value == lo == hi:
        raise ValueError(
            f"{where}: range [{lo:g}, {hi:g}] with value {value:g} reaches +inf; +inf is allowed "
            "only as a fixed value, value = inf with range = [inf, inf] (no cap); otherwise "
            "give a finite range"
        )
    if not lo <= value <= hi:
        raise ValueError(f"{where}: value {value:g} is outside its range [{lo:g}, {hi:g}]")


def _estimate(case: str, name: str, table: Any, kind: str = "parameter") -> Estimate:
    where = f"case {case!r}, {kind} {name!r}"
    if not isinstance(table, Mapping):
        raise ValueError(f"{where}: expected a table with keys {', '.join(_ESTIMATE_KEYS)}")
    allowed = _ESTIMATE_KEYS + _OPTIONAL_KEYS[kind]
    if "evidence" not in table:
        raise ValueError(
            f"{where}: evidence status missing; state evidence = "
            + " | ".join(f'"{e}"' for e in EVIDENCE)
            + " and say why in the rule"
        )
    evidence = table["evidence"]
    if evidence not in EVIDENCE:
        raise ValueError(
            f"{where}: unknown evidence status {evidence!r}; allowed: {', '.join(EVIDENCE)}"
        )
    missing = [k for k in _ESTIMATE_KEYS if k not in table]
    unknown = sorted(set(table) - set(allowed))
    if missing or unknown:
        raise ValueError(f"{where}: missing keys {missing}, unknown keys {unknown}")
    common = table.get("common", False)
    if not isinstance(common, bool):
        raise ValueError(f"{where}: common must be true or false, got {common!r}")
    value = _real(case, name, "value", table["value"])
    bounds = table["range"]
    if not isinstance(bounds, list) or len(bounds) != 2:
        raise ValueError(f"{where}: range must be [lo, hi], got {bounds!r}")
    lo, hi = (_real(case, name, "range", b) for b in bounds)
    _check_range(where, value, lo, hi)
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
    factors = _factors(where, table.get("derived"))
    if common and factors:
        raise ValueError(f"{where}: a derived parameter cannot be common (it is not drawn)")
    return Estimate(value, (lo, hi), rule, tuple(sources), factors, evidence, common)


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


# The observed decisions need Estimate (above); cases.observed() loads them.
from .decisions import observed  # noqa: E402
