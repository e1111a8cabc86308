"""The dyad game's parameters: names, symbols, allowed ranges, defaults and validation.

This table is the one place where the parameters of the model §2 are declared. ``Dyad``, the
command line, the vectorised sweep and the case loader all read it, so a parameter's name, range
and meaning are written once.

Units: every payoff is a fraction of the ally's stake in the contested industry (= 1).

Magnitudes: a parameter that the model leaves unbounded above (m, g, a, c₁, σ, v₁, v₂, e, κ₀, κ₁,
B, w) is limited to :data:`MAGNITUDE` = 10⁶ stakes, and so is every other real input checked by
:func:`check_real` (the coalition game's stakes, the Rubinstein rates, …). Every quantity of
the model is a sum or product of a few such numbers, so with this bound no arithmetic overflows and
no NaN or infinity can reach a result; the one infinite input is the linkage cap X̄ = +∞ (no cap,
the baseline), which enters only through min(sσ, X̄). A larger value is refused with an error that
names the parameter, its value and the allowed range, never clipped.

The defaults describe an *illustrative, uncalibrated* ally: midpoints where nothing better is known,
and zero for the optional channels (no side-payments, no offer from the target) so that a user who
does not model them does not get them. Calibrated dyads come from ``coalition_games.cases``.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

__all__ = [
    "MAGNITUDE",
    "PARAMETERS",
    "PARAMETERS_BY_NAME",
    "PARAMETER_NAMES",
    "Parameter",
    "admits",
    "allowed_range",
    "check_integer",
    "check_numbers",
    "check_real",
    "check_value",
]

#: The largest magnitude of a finite real input (10⁶ stakes; module docstring): parameters that
#: the model leaves unbounded are checked against it, so that no arithmetic can overflow.
MAGNITUDE = 1e6


@dataclass(frozen=True)
class Parameter:
    """One parameter of the dyad game.

    ``lower``/``upper`` bound the allowed values; ``lower_open`` makes the lower bound strict
    (σ > 0). ``upper`` is ``math.inf`` for parameters the model leaves unbounded; their finite
    values are limited to :data:`MAGNITUDE` (10⁶ stakes). Infinity itself is allowed only where
    :attr:`infinite` says so (the linkage cap, whose absence is the baseline).
    """

    name: str
    symbol: str
    meaning: str
    lower: float
    upper: float
    default: float
    reason: str
    lower_open: bool = False
    #: +∞ is an allowed value (only for a cap whose absence is the baseline: ``linkage_cap``).
    infinite: bool = False

    @property
    def allowed(self) -> str:
        """The allowed range as text, e.g. ``[0, 1]`` or ``> 0``."""
        return allowed_range(self.lower, self.upper, self.lower_open, self.infinite)

    def admits(self, value: Any) -> Any:
        """True when the (real) ``value`` lies in the allowed range (finite unless
        :attr:`infinite`). Elementwise for arrays (numpy or dask): NaN is never admitted."""
        return admits(value, self.lower, self.upper, self.lower_open, self.infinite)


_UNIT = "a fraction of the ally's stake in the contested industry"

PARAMETERS: tuple[Parameter, ...] = (
    Parameter(
        "security_dependency",
        "s",
        "ally's alliance-based security dependency on the leader",
        0.0,
        1.0,
        0.5,
        "midpoint of [0, 1]: no information about the ally",
    ),
    Parameter(
        "stranglehold",
        "t",
        "share of the ally's industry lost if the leader denies key technology (EDA, tools, IP)",
        0.0,
        1.0,
        0.3,
        "a partial chokepoint: below the ~40% US share of equipment value added",
    ),
    Parameter(
        "market_loss",
        "m",
        f"ally's loss from complex membership (exports to the target at risk), {_UNIT}",
        0.0,
        math.inf,
        0.3,
        "about a third of the stake exposed to the target market",
    ),
    Parameter(
        "tech_gain",
        "g",
        f"ally's gain from complex membership (leading-edge supply chains), {_UNIT}",
        0.0,
        math.inf,
        0.1,
        "a modest gain, smaller than the market at risk",
    ),
    Parameter(
        "autonomy_cost",
        "a",
        f"ally's cost of giving up strategic autonomy in a complex coalition, {_UNIT}",
        0.0,
        math.inf,
        0.1,
        "a modest cost, of the order of the technology gain",
    ),
    Parameter(
        "simple_cost",
        "c₁",
        f"ally's cost of a simple coalition (declarations), {_UNIT}",
        0.0,
        math.inf,
        0.02,
        "declarations and governance initiatives are cheap",
    ),
    Parameter(
        "security_stake",
        "σ",
        "ally's loss per unit of security dependency when it refuses the leader (abandonment)",
        0.0,
        math.inf,
        0.5,
        "a fully dependent ally risks half its stake on abandonment",
        lower_open=True,
    ),
    Parameter(
        "leader_value_simple",
        "v₁",
        "leader's value of a simple coalition with this ally",
        0.0,
        math.inf,
        0.1,
        "a simple coalition is worth less to the leader than a complex one",
    ),
    Parameter(
        "leader_value_complex",
        "v₂",
        "leader's value of a complex coalition with this ally",
        0.0,
        math.inf,
        0.5,
        "half the ally's stake: export controls close a real channel",
    ),
    Parameter(
        "enforcement_value",
        "e",
        "leader's gain from denying technology to a non-member (closing a leakage channel)",
        0.0,
        math.inf,
        0.2,
        "below v₂: denial is a second-best substitute for membership",
    ),
    Parameter(
        "coercion_cost_base",
        "κ₀",
        "leader's cost of coercing a fully dependent ally",
        0.0,
        math.inf,
        0.05,
        "coercing a client is cheap but not free",
    ),
    Parameter(
        "coercion_cost_slope",
        "κ₁",
        "extra coercion cost per unit of independence: κ(s) = κ₀ + κ₁(1 − s)",
        0.0,
        math.inf,
        0.5,
        "coercing an independent ally costs ten times more than a client",
    ),
    Parameter(
        "side_payment_budget",
        "B",
        "the most the leader can pay this ally",
        0.0,
        math.inf,
        0.1,
        "a modest budget, a tenth of the stake (with B = 0 every interval is a single point)",
    ),
    Parameter(
        "target_offer",
        "w",
        "what the target offers the ally for staying out (wedge strategy)",
        0.0,
        math.inf,
        0.0,
        "the model §2: 0 in the baseline",
    ),
    Parameter(
        "ally_power",
        "α",
        "ally's bargaining power (Nash weight); divides the surplus only",
        0.0,
        1.0,
        0.5,
        "symmetric Nash bargaining",
    ),
    Parameter(
        "linkage_cap",
        "X̄",
        "the largest security penalty the leader can credibly attach to a refused coalition "
        "(the model §6): the ally's security loss on refusal is min(sσ, X̄)",
        0.0,
        math.inf,
        math.inf,
        "+inf: no cap, the baseline of the model §2 (abandonment sσ is automatic)",
        infinite=True,
    ),
)

PARAMETER_NAMES: tuple[str, ...] = tuple(p.name for p in PARAMETERS)
#: Each parameter's specification by name.
PARAMETERS_BY_NAME: Mapping[str, Parameter] = MappingProxyType({p.name: p for p in PARAMETERS})
_BY_NAME = PARAMETERS_BY_NAME


def allowed_range(
    lower: float, upper: float, lower_open: bool = False, infinite: bool = False
) -> str:
    """A range as text: ``[0, 1]``, ``(0, 1e+06]``, ``[0, 1e+06] or +inf``; an unbounded end is
    :data:`MAGNITUDE`."""
    low, high = max(lower, -MAGNITUDE), min(upper, MAGNITUDE)
    text = f"{'(' if lower_open else '['}{low:g}, {high:g}]"
    return f"{text} or +inf" if infinite else text


def admits(
    value: Any, lower: float, upper: float, lower_open: bool = False, infinite: bool = False
) -> Any:
    """True where ``value`` (a number or an array, elementwise) is in the range and its magnitude
    at most :data:`MAGNITUDE` (``infinite``: +∞ is allowed too). NaN is never admitted."""
    above = value > lower if lower_open else value >= lower
    finite = (value <= upper) & (abs(value) <= MAGNITUDE)
    if infinite:
        return above & (finite | (value == math.inf))
    return above & finite


def check_real(
    name: str,
    value: object,
    lower: float = -math.inf,
    upper: float = math.inf,
    *,
    lower_open: bool = False,
    infinite: bool = False,
) -> float:
    """The one check of a scalar input: ``value`` as a float if it is a finite real number in the
    range (``lower_open`` makes the lower bound strict) and at most :data:`MAGNITUDE` in magnitude
    (``infinite``: +∞ is allowed too). Every public entry point uses it.

    Raises
    ------
    TypeError
        ``value`` is not a real number (booleans and strings are refused, not coerced).
    ValueError
        ``value`` is NaN, infinite or outside the range; the message names ``name``, the value
        and the allowed range.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"{name} must be a real number, got {value!r} of type {type(value).__name__}"
        )
    allowed = allowed_range(lower, upper, lower_open, infinite)
    try:
        number = float(value)
    except OverflowError:  # an integer beyond float range: do not print all its digits
        raise ValueError(f"{name} = {_shortened(value)} is too large; allowed: {allowed}") from None
    if math.isnan(number) or (math.isinf(number) and not (infinite and number > 0)):
        raise ValueError(f"{name} must be finite, got {number!r}; allowed: {allowed}")
    if not admits(number, lower, upper, lower_open, infinite):
        raise ValueError(f"{name} = {number!r} is out of range; allowed: {allowed}")
    return number


def check_integer(name: str, value: object, lower: int = 0, upper: int | None = None) -> int:
    """The check of an integer input (a count, a seed): ``value`` as an ``int`` if it is an
    integer (``numbers.Integral``, numpy integers included; booleans, floats and strings are
    refused) in ``[lower, upper]`` (``upper=None``: no upper bound).

    Raises
    ------
    TypeError
        ``value`` is not an integer; the message names ``name``, the value and its type.
    ValueError
        ``value`` is outside the range; the message names ``name``, the value and the range.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {value!r} of type {type(value).__name__}")
    number = int(value)
    if number < lower or (upper is not None and number > upper):
        allowed = f"{lower} to {upper:,}" if upper is not None else f">= {lower}"
        raise ValueError(f"{name} = {_shortened(number)} is out of range; allowed: {allowed}")
    return number


def check_numbers(name: str, value: object) -> Any:
    """The one check of an array input's type: ``value`` (a number, a nested list, a numpy
    array) as a float64 numpy array if it holds real numbers only. Every array entry point
    (the sweep, the batched trees) uses it; their ranges are checked afterwards.

    Raises
    ------
    TypeError
        ``value`` holds booleans (also mixed into a list of numbers: ``[0.1, True]`` is refused,
        not read as ``[0.1, 1.0]``), strings, complex numbers or other objects, or is a masked
        array (its mask would be ignored); the message names ``name`` and what it holds.
    ValueError
        ``value`` is a ragged sequence (lists of unequal lengths).
    """
    import numpy as np

    if np.ma.isMaskedArray(value):
        raise TypeError(
            f"{name} is a masked array: its mask would be ignored; pass the values to use "
            "(e.g. .compressed() or .filled(value))"
        )
    if not isinstance(value, np.ndarray):
        try:
            objects = np.asarray(value, dtype=object)
        except ValueError:
            objects = None
        if objects is None or (objects.size and isinstance(objects.flat[0], (list, tuple))):
            raise ValueError(
                f"{name} must be a real number or a rectangular array of them (nested lists of "
                "equal lengths), got a ragged or mixed sequence"
            )
        bad = next(
            (
                x
                for x in objects.flat
                if isinstance(x, (bool, np.bool_)) or not isinstance(x, (numbers.Real))
            ),
            _NONE,
        )
        if bad is not _NONE:
            raise TypeError(
                f"{name} must be real numbers, got {_shortened(bad)} of type {type(bad).__name__}"
                + (" (booleans are not coerced)" if isinstance(bad, (bool, np.bool_)) else "")
            )
        value = np.asarray(value)
    array = np.asarray(value)
    if array.dtype.kind not in "iuf":
        raise TypeError(
            f"{name} must be real numbers, got an array of dtype {array.dtype}"
            + (" (booleans are not coerced)" if array.dtype.kind == "b" else "")
        )
    return array.astype(np.float64)


#: A marker: no bad element found.
_NONE = object()


def _shortened(value: object) -> str:
    """``repr(value)``, with the middle of a very long one (a huge integer) left out."""
    text = repr(value)
    return text if len(text) <= 40 else f"{text[:12]}…{text[-6:]} ({len(text)} characters)"


def check_value(name: str, value: object) -> float:
    """Return ``value`` as a float if it is a valid value of parameter ``name``.

    Raises
    ------
    TypeError
        ``value`` is not a real number (booleans and strings are refused, not coerced).
    ValueError
        ``name`` is not a parameter, or ``value`` is NaN, infinite or outside the allowed range.
    """
    try:
        spec = _BY_NAME[name]
    except KeyError:
        raise ValueError(
            f"unknown parameter {name!r}; allowed: {', '.join(PARAMETER_NAMES)}"
        ) from None
    return check_real(
        name, value, spec.lower, spec.upper, lower_open=spec.lower_open, infinite=spec.infinite
    )
