"""Vectorised classification: the model §2 over arrays of dyads, with no Python loop per point.

``sweep(**params)`` takes every parameter of :class:`~coalition_games.Dyad` as a scalar or an
array; arrays broadcast as in numpy, and a parameter left out takes its default (as in ``Dyad``).
It evaluates :func:`coalition_games.formulas.evaluate` — the same definitions the scalar solver
evaluates — with the :data:`~coalition_games.formulas.ARRAY` backend, so each point's answer equals
``solve(Dyad(...))`` (to floating-point rounding of the side-payment; classifications are equal).

Conventions, fixed once:

* ``tier`` holds integer codes (``int8``): ``Tier.from_code`` maps them to :class:`Tier`
  (0 infeasible, 1 simple, 2 complex; the same as ``Tier.code``).
* Inputs are validated per element with the ranges of ``coalition_games.parameters``; the first
  bad element (in C order) is reported with the parameter's name, its index, its value and the
  allowed range. Booleans, strings, complex and object arrays are refused, never coerced.
* numpy inputs are processed in blocks of about :data:`CHUNK` points along the first axis: the
  temporaries of a block stay in cache, and each field is broadcast and converted straight into the
  preallocated output (one copy). Measured 1.1–3.2× faster than whole 10⁶-point arrays on a
  1,000 × 1,000 grid, depending on machine load (``benchmarks/bench_sweep.py``).
* dask arrays pass through unchanged (numpy's ufunc and array-function protocols): the result
  holds lazy dask arrays, validated chunk by chunk when computed; ``SweepResult.compute()``
  evaluates every field in one pass over the inputs. dask is the optional ``dask`` extra.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import numpy as np

from . import formulas
from .parameters import (
    PARAMETER_NAMES,
    PARAMETERS,
    PARAMETERS_BY_NAME,
    Parameter,
    check_integer,
    check_numbers,
)
from .results import TIER_ORDER, Table, display, frame, html_fields, tier_categorical

if TYPE_CHECKING:
    import pandas as pd

    from .cases import Case

__all__ = ["CHUNK", "COMMAND", "MAX_POINTS", "OUTCOMES", "SweepResult", "sweep"]


#: Points per block when a numpy sweep is processed in blocks (a few MB of temporaries).
CHUNK = 1 << 15
#: The most points of a numpy sweep (30 bytes of results a point: 300 MB), checked before any
#: work; a dask sweep is lazy and computed chunk by chunk, so it has no such bound.
MAX_POINTS = 10_000_000
#: The command whose outputs ``coalition-games sweep --out`` writes (named in their manifest).
COMMAND = "sweep"

#: The outcome fields of a ``SweepResult`` (arrays of the broadcast shape), in frame order.
OUTCOMES = (
    "tier",
    "side_payment",
    "leader_payoff",
    "ally_payoff",
    "threat_credible",
    "threat_used",
    "coerced",
    "compensated",
    "conflict",
)


@dataclass(frozen=True, repr=False)
class SweepResult(Table):
    """The outcome of every dyad of a sweep, as arrays of the broadcast shape.

    Attributes
    ----------
    tier : int8 codes, see ``Tier.from_code`` (0 infeasible, 1 simple, 2 complex).
    side_payment, leader_payoff, ally_payoff : the agreement (p, v_k − p, p − c_k), or the status
        quo (0, 0, −ℓ(s) + w) where no coalition forms (ℓ(s) = min(sσ, X̄)).
    threat_credible : e − κ(s) ≥ 0.
    threat_used : the dyad is complex, with e − κ(s) ≥ 0.
    coerced : the dyad is complex, e − κ(s) ≥ 0, and tier 2 is not sustainable without the
        threat.
    compensated : a coalition forms with p > 0.
    conflict : the model's conflict flag (the stranglehold would suffice, but e − κ(s) < 0).
    depth : with ``sweep(..., depth=True)`` (the model §8), the attainable depth d* where the dyad
        is complex, 0 elsewhere (float64); None when the option is off. The other fields are then
        the depth option's: the bargain at d*, the tier complex iff d* > TOL.
    swept : the parameters (and a case's hyper-parameters) that vary over the sweep, as float64
        arrays that broadcast to :attr:`shape`: those given as arrays, then the derived
        parameters recomputed from them.
    settings : every other parameter's one value (given, the case's, or the default).
    case : the id of the case the sweep started from (None: ``Dyad``'s defaults).
    recomputed : the case's derived parameters recomputed from a changed factor (the model §7).
    fixed_on_purpose : derived parameters given explicitly, hence not recomputed.

    ``to_frame()`` is tidy: one row per point (C order), one column per swept parameter, then
    ``tier`` (an ordered categorical), the payments and payoffs, and the flags.
    """

    tier: Any
    side_payment: Any
    leader_payoff: Any
    ally_payoff: Any
    threat_credible: Any
    threat_used: Any
    coerced: Any
    compensated: Any
    conflict: Any
    swept: Mapping[str, Any] = field(default_factory=dict)
    settings: Mapping[str, float] = field(default_factory=dict)
    case: str | None = None
    recomputed: tuple[str, ...] = ()
    fixed_on_purpose: tuple[str, ...] = ()
    depth: Any = None

    @property
    def outcomes(self) -> tuple[str, ...]:
        """The outcome fields present: :data:`OUTCOMES`, and ``depth`` under the depth option."""
        return OUTCOMES if self.depth is None else (*OUTCOMES, "depth")

    @property
    def shape(self) -> tuple[int, ...]:
        """The broadcast shape of the parameters."""
        return tuple(self.tier.shape)

    @property
    def lazy(self) -> bool:
        """True while the fields are unevaluated dask arrays (see :meth:`compute`)."""
        return _is_dask(self.tier)

    def compute(self) -> SweepResult:
        """Evaluate lazy (dask) outcomes in one pass; a numpy result is returned unchanged.

        The swept inputs stay as given (``to_frame`` and ``to_dict`` evaluate them too)."""
        values = [getattr(self, n) for n in self.outcomes]
        if not any(_is_dask(v) for v in values):
            return self
        import dask

        computed = dask.compute(*values)
        return dataclasses.replace(self, **dict(zip(self.outcomes, computed, strict=True)))

    def _swept(self) -> dict[str, np.ndarray]:
        """The swept inputs as numpy arrays (dask ones evaluated)."""
        if not any(_is_dask(v) for v in self.swept.values()):
            return {k: np.asarray(v) for k, v in self.swept.items()}
        import dask

        return dict(
            zip(self.swept, map(np.asarray, dask.compute(*self.swept.values())), strict=True)
        )

    def to_frame(self) -> pd.DataFrame:
        """The tidy table: one row per point, the swept parameters, tier, payments and flags."""
        result = self.compute()
        shape = result.shape
        columns: dict[str, Any] = {
            name: np.broadcast_to(value, shape).ravel() for name, value in result._swept().items()
        }
        for name in result.outcomes:
            columns[name] = np.asarray(getattr(result, name)).ravel()
        columns["tier"] = tier_categorical(columns["tier"])
        return frame(columns)

    def to_dict(self) -> dict[str, Any]:
        """Strict JSON: shape, provenance, the swept values and every outcome (tier by name)."""
        from .solution import jsonable

        result = self.compute()
        outcomes = {n: np.asarray(getattr(result, n)).tolist() for n in result.outcomes}
        outcomes["tier"] = np.asarray(TIER_ORDER)[np.asarray(result.tier)].tolist()
        return jsonable(
            {
                "shape": list(result.shape),
                "case": self.case,
                "swept": {k: v.tolist() for k, v in result._swept().items()},
                "settings": dict(self.settings),
                "recomputed": list(self.recomputed),
                "fixed_on_purpose": list(self.fixed_on_purpose),
                **outcomes,
            }
        )

    def _summary(self) -> list[tuple[str, Any]]:
        size = math.prod(self.shape)
        rows: list[tuple[str, Any]] = [
            ("dyads", f"{size:,} (shape {' × '.join(map(str, self.shape)) or 'scalar'})"),
            ("starting from", f"case {self.case}" if self.case else "Dyad's defaults"),
        ]
        for name, value in self.swept.items():
            what = "recomputed from its factors" if name in self.recomputed else "swept"
            if _is_dask(value):
                rows.append((name, f"{what}: lazy (dask)"))
            elif not np.size(value):
                rows.append((name, f"{what}: no points"))
            else:
                lo, hi = float(np.min(value)), float(np.max(value))
                rows.append((name, f"{what}: {display(lo)} to {display(hi)}"))
        if self.fixed_on_purpose:
            rows.append(("fixed on purpose", ", ".join(self.fixed_on_purpose)))
        if self.lazy:
            rows.append(("outcome", "lazy (dask): .compute() evaluates it"))
            return rows
        tier = np.asarray(self.tier)
        if size:
            shares = ", ".join(
                f"{name} {np.count_nonzero(tier == code) / size:.1%}"
                for code, name in enumerate(TIER_ORDER)
            )
            rows.append(("tiers", shares))
            for flag in ("conflict", "threat_credible", "coerced", "compensated"):
                rows.append((flag.replace("_", " "), f"{np.mean(getattr(self, flag)):.1%}"))
            if self.depth is not None:
                depth = np.asarray(self.depth)[tier == 2]
                rows.append(
                    (
                        "depth d* (complex dyads)",
                        f"mean {np.mean(depth):.3g}, from {np.min(depth):.3g} to "
                        f"{np.max(depth):.3g}"
                        if depth.size
                        else "no complex dyad",
                    )
                )
        else:
            rows.append(("tiers", "no points (an empty sweep)"))
        return rows

    def explain(self) -> str:
        """The sweep in words: its size, what varies, where it started and the tier shares."""
        lines = ["Sweep:"]
        lines += [f"  {label}: {display(value)}" for label, value in self._summary()]
        if self.recomputed:
            lines.append(
                f"  Derived parameters recomputed from their factors (the model §7): "
                f"{', '.join(self.recomputed)}."
            )
        if self.fixed_on_purpose:
            lines.append(
                f"  Fixed on purpose (derived in case {self.case}, given explicitly, not "
                f"recomputed): {', '.join(self.fixed_on_purpose)}."
            )
        held = ", ".join(f"{k} {display(v)}" for k, v in self.settings.items())
        lines.append(f"  Held at one value: {held or 'none'}.")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        held = ", ".join(f"{k} = {display(v)}" for k, v in self.settings.items())
        return html_fields("Sweep", self._summary(), note=f"Held at one value: {held}.")

    def __repr__(self) -> str:
        swept = ", ".join(self.swept) or "nothing"
        return f"<SweepResult shape={self.shape} swept={swept} case={self.case}>"


def sweep(
    *, case: Case | str | Path | None = None, depth: bool = False, **params: Any
) -> SweepResult:
    """Classify every dyad of a grid or sample of parameters at once (the model §2).

    Parameters
    ----------
    case : optional; a :class:`~coalition_games.cases.Case`, a shipped case id or a case file's
        path. Parameters left out take the case's values (without a case: ``Dyad``'s defaults),
        and the case's hyper-parameters may be swept too. A derived parameter (the model §7; in
        the shipped cases v₂ = λ·m and e = λ·t·m) is recomputed from its factors when one of them
        is given; a derived parameter given explicitly is kept as given — *fixed on purpose* —
        reported in :attr:`SweepResult.fixed_on_purpose` and by a ``UserWarning``.
    depth : the depth option (the model §8): each dyad is complex at its attainable depth d*
        (the ``depth`` field), evaluated in closed form over the arrays.
    **params : any of the parameters of :class:`~coalition_games.Dyad`
        (``coalition_games.parameters.PARAMETER_NAMES``), each a real scalar or an array
        (numpy, or dask for out-of-core sweeps); arrays broadcast together as in numpy.

    Returns
    -------
    SweepResult
        Arrays of the broadcast shape; ``tier`` as integer codes (see ``Tier.from_code``).

    Raises
    ------
    TypeError
        An unknown parameter name, or values that are not real numbers (bool, str, complex).
    ValueError
        A value outside its range, NaN or infinite: the message names the parameter, the index
        of the first bad element, its value and the allowed range; or shapes that do not
        broadcast.

    Examples
    --------
    >>> import numpy as np
    >>> from coalition_games import Tier, sweep
    >>> result = sweep(security_dependency=np.array([0.0, 0.5, 0.9]), stranglehold=0.5)
    >>> result.tier
    array([1, 2, 2], dtype=int8)
    >>> [Tier.from_code(code).value for code in result.tier]
    ['simple', 'complex', 'complex']
    >>> result.conflict                  # at s = 0 the stranglehold would suffice, not credible
    array([ True, False, False])
    >>> sweep(stranglehold=[0.2, 1.2])
    Traceback (most recent call last):
    ...
    ValueError: stranglehold[1] = 1.2 is out of range; allowed: [0, 1]

    From a calibrated case, the enforcement value e = λ·t·m follows the swept stranglehold:

    >>> korea = sweep(case="us_south_korea", stranglehold=[0.0, 1.0])
    >>> korea.recomputed, korea.swept["enforcement_value"].round(3).tolist()
    (('enforcement_value',), [0.0, 0.642])
    >>> [Tier.from_code(code).value for code in korea.tier]
    ['simple', 'complex']
    """
    if not isinstance(depth, bool):
        raise TypeError(f"depth must be True or False, got {depth!r}")
    base = _case(case)
    hyper = dict(base.hyperparameters) if base is not None else {}
    unknown = sorted(set(params) - set(PARAMETER_NAMES) - set(hyper))
    if unknown:
        raise TypeError(
            f"unknown parameter(s) {', '.join(map(repr, unknown))}; "
            f"allowed: {', '.join(PARAMETER_NAMES)}"
            + (f"; the case's hyper-parameters: {', '.join(hyper)}" if hyper else "")
        )
    given = {
        name: _checked(PARAMETERS_BY_NAME[name], value)
        if name in PARAMETERS_BY_NAME
        else _checked_real(name, value)
        for name, value in params.items()
    }
    recomputed: tuple[str, ...] = ()
    fixed: tuple[str, ...] = ()
    if base is None:
        values = {
            spec.name: given.get(spec.name, _checked(spec, spec.default)) for spec in PARAMETERS
        }
    else:
        changed = base.change(given)
        fixed = tuple(n for n in given if n in base.parameters and base.parameters[n].derived)
        recomputed = tuple(n for n in base.dependants(given) if n not in given)
        values = {
            spec.name: given[spec.name]
            if spec.name in given
            else _derived(spec, changed[spec.name], base, given)
            for spec in PARAMETERS
        }
        if fixed:
            import warnings

            described = "; ".join(f"{n} = {' · '.join(base.parameters[n].factors)}" for n in fixed)
            warnings.warn(
                f"sweep from case {base.id!r}: derived parameter(s) given explicitly are fixed on "
                f"purpose and not recomputed from their factors ({described})",
                UserWarning,
                stacklevel=2,
            )
    try:
        shape = np.broadcast_shapes(*(np.shape(v) for v in values.values()))
    except ValueError:
        shapes = ", ".join(f"{k}{np.shape(v)}" for k, v in values.items() if np.ndim(v))
        raise ValueError(f"parameter shapes do not broadcast: {shapes}") from None
    lazy = any(_is_dask(v) for v in values.values())
    if not lazy:
        size = math.prod(shape)
        check_integer(f"the sweep's points (shape {shape})", size, 0, MAX_POINTS)
    if lazy or len(shape) == 0:
        result = _evaluate(values, depth)
    else:
        result = _evaluate_in_blocks(values, shape, depth)
    every = given | {n: values[n] for n in recomputed}
    swept = {n: v for n, v in every.items() if np.ndim(v) > 0}
    settings = {n: float(v) for n, v in (values | given).items() if n not in swept}
    return dataclasses.replace(
        result,
        swept=swept,
        settings=settings,
        case=None if base is None else base.id,
        recomputed=recomputed,
        fixed_on_purpose=fixed,
    )


def _case(case: Any) -> Case | None:
    """The case a sweep starts from: a ``Case``, a shipped id or a path (None: no case)."""
    if case is None:
        return None
    from .cases import Case, read

    return case if isinstance(case, Case) else read(case)


def _derived(spec: Parameter, value: Any, base: Case, given: Mapping[str, Any]) -> Any:
    """A case's parameter after the given changes, checked; a derived value out of range is
    reported by the given parameters it was computed from (the user never gave it)."""
    try:
        return _checked(spec, value)
    except ValueError as error:
        estimate = base.parameters[spec.name]
        sources = [n for n in given if spec.name in base.dependants([n])]
        if not estimate.derived or not sources:
            raise
        shown = ", ".join(f"{n} = {_shown(given[n])}" for n in sources)
        raise ValueError(
            f"{shown} makes the derived {spec.name} = {' · '.join(estimate.factors)} (case "
            f"{base.id}) out of range: {error}"
        ) from None


def _shown(value: Any) -> str:
    """A given value for a message: a number, or an array's first values."""
    if np.ndim(value) == 0:
        return f"{float(value):g}"
    flat = np.ravel(value)
    return "[" + ", ".join(f"{v:g}" for v in flat[:4]) + (", …]" if flat.size > 4 else "]")


def _checked_real(name: str, value: Any) -> Any:
    """A hyper-parameter's values: real and finite (its range is the case's, not enforced)."""
    spec = Parameter(name, name, "hyper-parameter", -math.inf, math.inf, 0.0, "")
    return _checked(spec, value)


#: Each field of ``SweepResult``, the ``Evaluation`` field it comes from, and its dtype.
_FIELDS = (
    ("tier", "tier", np.int8),
    ("side_payment", "side_payment", np.float64),
    ("leader_payoff", "leader_payoff", np.float64),
    ("ally_payoff", "ally_payoff", np.float64),
    ("threat_credible", "credible", bool),
    ("threat_used", "threat_used", bool),
    ("coerced", "coerced", bool),
    ("compensated", "compensated", bool),
    ("conflict", "conflict", bool),
)


#: The depth field under the depth option (the model §8).
_DEPTH_FIELD = ("depth", "depth", np.float64)


def _field_specs(depth: bool) -> tuple[tuple[str, str, Any], ...]:
    return (*_FIELDS, _DEPTH_FIELD) if depth else _FIELDS


def _fields(values: Mapping[str, Any], depth: bool = False) -> dict[str, Any]:
    """Each result field as evaluated (of any shape that broadcasts to the full one)."""
    p = SimpleNamespace(**values)
    if not depth:
        ev = formulas.evaluate(p, formulas.ARRAY)
        return {name: getattr(ev, source) for name, source, _ in _FIELDS}
    ev, found = formulas.evaluate_depth(p, formulas.ARRAY)
    out = {name: getattr(ev, source) for name, source, _ in _FIELDS}
    out["depth"] = np.where(found.complex, found.depth, 0.0)
    return out


def _evaluate(values: Mapping[str, Any], depth: bool = False) -> SweepResult:
    shape = np.broadcast_shapes(*(np.shape(v) for v in values.values()))

    def full(x: Any, dtype: Any) -> Any:
        x = x.astype(dtype, copy=False) if hasattr(x, "astype") else np.asarray(x, dtype)
        return x if tuple(x.shape) == shape else _broadcast_to(x, shape)

    fields = _fields(values, depth)
    specs = _field_specs(depth)
    return SweepResult(**{name: full(fields[name], dtype) for name, _, dtype in specs})


def _evaluate_in_blocks(
    values: Mapping[str, np.ndarray], shape: tuple[int, ...], depth: bool = False
) -> SweepResult:
    """Evaluate in blocks of about ``CHUNK`` points along axis 0, into preallocated arrays."""
    # Left-pad to the full rank; only arrays that extend along axis 0 are sliced, the others
    # (scalars, grid axes) broadcast inside each block without being copied.
    padded = {k: v.reshape((1,) * (len(shape) - v.ndim) + v.shape) for k, v in values.items()}
    rows = max(1, CHUNK // max(1, math.prod(shape[1:])))
    specs = _field_specs(depth)
    out: dict[str, Any] = {name: np.empty(shape, dtype) for name, _, dtype in specs}
    for start in range(0, shape[0], rows):
        block = _fields(
            {k: v if v.shape[0] == 1 else v[start : start + rows] for k, v in padded.items()},
            depth,
        )
        for name, array in block.items():
            out[name][start : start + rows] = array  # broadcasts and converts in one copy
    return SweepResult(**out)


def _broadcast_to(x: Any, shape: tuple[int, ...]) -> Any:
    if _is_dask(x):
        import dask.array as da

        return da.broadcast_to(x, shape)
    return np.ascontiguousarray(np.broadcast_to(x, shape))


def _is_dask(x: Any) -> bool:
    return type(x).__module__.startswith("dask.")


def _checked(spec: Parameter, value: Any) -> Any:
    """``value`` as float64 (numpy) or a lazily checked float64 dask array; raise on bad input
    (types by :func:`~coalition_games.parameters.check_numbers`, then the range)."""
    if _is_dask(value):
        if any(math.isnan(size) for size in value.shape):
            raise ValueError(
                f"{spec.name} is a dask array of unknown chunk sizes (shape {value.shape}); "
                "call its .compute_chunk_sizes() first"
            )
        kind = value.dtype.kind
        if kind not in "iuf":
            raise TypeError(
                f"{spec.name} must be real numbers, got an array of dtype {value.dtype}"
                + (" (booleans are not coerced)" if kind == "b" else "")
            )
        return value.astype(np.float64).map_blocks(_check_block, spec, dtype=np.float64)
    value = check_numbers(spec.name, value)
    _check_block(value, spec)
    return value


def _check_block(block: np.ndarray, spec: Parameter, block_info: Any = None) -> np.ndarray:
    """Raise for the first bad element of ``block``; ``block_info`` (dask) gives its offset."""
    ok = spec.admits(block)
    if ok.all():
        return block
    local = np.unravel_index(int(np.flatnonzero(~ok.ravel())[0]), block.shape)
    starts = (
        [0] * block.ndim
        if block_info is None
        else [start for start, _ in block_info[0]["array-location"]]
    )
    index = tuple(int(i) + start for i, start in zip(local, starts, strict=True))
    where = f"[{', '.join(map(str, index))}]" if index else ""
    number = float(block[local])
    if math.isfinite(number):
        problem = f"= {number!r} is out of range"
    else:
        problem = f"must be finite, got {number!r}"
    raise ValueError(f"{spec.name}{where} {problem}; allowed: {spec.allowed}")
