"""The target's counter-strategies as parameter shifts, and the cheapest shift that downgrades.

The article's four options for China (Conclusion) — digital partnerships, autonomous technology,
a wedge strategy, a counter-coalition — are each a documented direction in parameter space
(``data/counterstrategies.toml``): at intensity x ∈ [0, x_max] a shift either scales a parameter,
``value · (1 + coefficient · x)``, or adds to it, ``value + coefficient · x · (the ally's `per`)``.
The *cost* of a shift is x / x_max, the share of the documented maximum it needs, so strategies
with different units can be ranked; a wedge also reports what it pays (US$ bn).

For a dyad or a coalition, :func:`cheapest_downgrade` finds the least intensity that lowers its
class: a scan of [0, x_max] at ``resolution`` steps then bisection to 1e-12 (a downgrade window
narrower than a step could be missed). A coalition can be targeted as a whole (the shift applies
to every member) or through one member; :func:`rank` tries every target and ranks the strategies
by their cheapest one. A shift that would take a parameter out of its allowed range raises a
``ValueError`` naming it.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, overload

import numpy as np

from ..model import Dyad
from ..parameters import PARAMETER_NAMES, PARAMETERS
from ..results import Result, Table, display, frame, html_fields, html_table
from ..solution import Tier, jsonable
from ..solvers.nash import solve_nash
from .game import Coalition, solve_coalition

__all__ = ["CounterStrategy", "Downgrade", "Ranking", "Shift", "cheapest_downgrade", "rank"]

_SPEC = {p.name: p for p in PARAMETERS}


@dataclass(frozen=True)
class Shift:
    """One parameter's change per unit of intensity (``mode`` "scale" or "add")."""

    parameter: str
    mode: str
    coefficient: float
    per: str | None = None

    def __post_init__(self) -> None:
        for name in (self.parameter, self.per):
            if name is not None and name not in PARAMETER_NAMES:
                raise ValueError(
                    f"unknown parameter {name!r} in a shift; allowed: {', '.join(PARAMETER_NAMES)}"
                )
        if self.mode not in ("scale", "add"):
            raise ValueError(f"shift mode must be 'scale' or 'add', got {self.mode!r}")
        if not math.isfinite(self.coefficient):
            raise ValueError(f"shift coefficient must be finite, got {self.coefficient!r}")
        if self.mode == "scale" and self.per is not None:
            raise ValueError("'per' applies to additive shifts only")


@dataclass(frozen=True)
class CounterStrategy:
    """A counter-strategy of the target: shifts, their documented maximum intensity, sources."""

    key: str
    label: str
    shifts: tuple[Shift, ...]
    max_intensity: float
    rule: str = ""
    sources: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.shifts:
            raise ValueError(f"strategy {self.key!r} has no shift")
        if not (math.isfinite(self.max_intensity) and self.max_intensity > 0):
            raise ValueError(
                f"strategy {self.key!r}: max_intensity must be finite and > 0, "
                f"got {self.max_intensity!r}"
            )

    def apply(self, dyad: Dyad, intensity: float) -> Dyad:
        """The dyad after the shift at ``intensity`` (ValueError if a value leaves its range)."""
        if not (math.isfinite(intensity) and 0 <= intensity <= self.max_intensity):
            raise ValueError(
                f"intensity of {self.key!r} = {intensity!r} is out of range; "
                f"allowed: [0, {self.max_intensity:g}]"
            )
        changes = {}
        for s in self.shifts:
            old = getattr(dyad, s.parameter)
            if s.mode == "scale":
                new = old * (1 + s.coefficient * intensity)
            else:
                new = old + s.coefficient * intensity * (getattr(dyad, s.per) if s.per else 1.0)
            if not _SPEC[s.parameter].admits(new):
                raise ValueError(
                    f"strategy {self.key!r} at intensity {intensity:g} takes {s.parameter} of "
                    f"{dyad.ally} to {new!r}; allowed: {_SPEC[s.parameter].allowed}"
                )
            changes[s.parameter] = new
        return dyad.replace(**changes)

    def apply_coalition(
        self, coalition: Coalition, intensity: float, target: str | None = None
    ) -> Coalition:
        """The coalition with the shift on every member (``target=None``) or on one member."""
        names = coalition.names if target is None else (target,)
        if target is not None:
            coalition.mask([target])  # named error for an unknown member
        dyads = {
            m.name: self.apply(m.dyad, intensity) for m in coalition.members if m.name in names
        }
        return coalition.replace_members(dyads)


@dataclass(frozen=True)
class Downgrade(Result):
    """The least shift of one strategy that lowers a unit's class (None fields if none does).

    ``cost`` = intensity / max_intensity; ``target`` the member shifted (None: all members or a
    dyad); ``wedge_bn`` what a wedge pays at that intensity (US$ bn; None for other strategies or
    when stakes are unknown).
    """

    strategy: str
    unit: str
    target: str | None
    base: Tier
    intensity: float | None
    cost: float | None
    tier: Tier | None
    wedge_bn: float | None = None

    @property
    def on(self) -> str:
        """Whom the shift targets: the member's name, or ``"all members"``."""
        return self.target or "all members"

    def explain(self) -> str:
        """One line: the least shift that downgrades the unit, or that none does."""
        if self.tier is None or self.cost is None:
            return (
                f"{self.strategy} cannot downgrade {self.unit} ({self.base.value}) within its "
                "documented range."
            )
        paid = "" if self.wedge_bn is None else f", paying {display(self.wedge_bn)} bn"
        return (
            f"{self.strategy} downgrades {self.unit} from {self.base.value} to "
            f"{self.tier.value} at {display(self.cost)} of its documented maximum "
            f"(intensity {display(self.intensity)}) on {self.on}{paid}."
        )

    def to_dict(self) -> dict[str, Any]:
        """Strict JSON: strategy, unit, target, base tier, intensity, cost, tier, wedge."""
        return jsonable(
            {
                "strategy": self.strategy,
                "unit": self.unit,
                "target": self.target,
                "base": self.base.value,
                "intensity": self.intensity,
                "cost": self.cost,
                "tier": None if self.tier is None else self.tier.value,
                "wedge_bn": self.wedge_bn,
            }
        )

    def _repr_html_(self) -> str:
        return html_fields(
            f"{self.strategy} against {self.unit}",
            [
                ("base tier", self.base),
                ("downgrades to", self.tier if self.tier else "— (not within its range)"),
                ("cost (share of the documented maximum)", self.cost),
                ("intensity", self.intensity),
                ("target", self.on),
                ("wedge payment (US$ bn)", self.wedge_bn),
            ],
        )


@dataclass(frozen=True)
class Ranking(Table, Sequence[Downgrade]):
    """The target's strategies ranked by their cheapest downgrade of one unit (:func:`rank`).

    A sequence of :class:`Downgrade`, cheapest first (``ranking[0]``, ``len``, iteration).
    ``to_frame()``: one row per strategy — rank, strategy, target (the member shifted, or
    ``all members``), base, tier (the tier it downgrades to; empty if it cannot), cost (share of
    the documented maximum), intensity, wedge_bn (US$ bn).
    """

    unit: str
    downgrades: tuple[Downgrade, ...]

    @overload
    def __getitem__(self, index: int) -> Downgrade: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Downgrade, ...]: ...

    def __getitem__(self, index: int | slice) -> Downgrade | tuple[Downgrade, ...]:
        return self.downgrades[index]

    def __iter__(self) -> Iterator[Downgrade]:
        return iter(self.downgrades)

    def __len__(self) -> int:
        return len(self.downgrades)

    _COLUMNS = ("rank", "strategy", "target", "base", "tier", "cost", "intensity", "wedge_bn")

    def _rows(self) -> list[tuple[Any, ...]]:
        return [
            (
                k,
                d.strategy,
                d.on,
                d.base.value,
                d.tier and d.tier.value,
                d.cost,
                d.intensity,
                d.wedge_bn,
            )
            for k, d in enumerate(self.downgrades, 1)
        ]

    def to_frame(self) -> Any:
        """The ranking as a ``pandas.DataFrame`` (columns in the class docstring)."""
        rows = [dict(zip(self._COLUMNS, r, strict=True)) for r in self._rows()]
        return frame(rows, self._COLUMNS, tiers=("base", "tier"))

    def to_dict(self) -> dict[str, Any]:
        """Strict JSON: the unit and each strategy's downgrade, cheapest first."""
        return jsonable({"unit": self.unit, "ranking": [d.to_dict() for d in self.downgrades]})

    def explain(self) -> str:
        """The ranking in words, cheapest first."""
        lines = [f"Counter-strategies against {self.unit}, cheapest downgrade first:"]
        lines += [f"  {k}. {d.explain()}" for k, d in enumerate(self.downgrades, 1)]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return html_table(
            (
                "rank",
                "strategy",
                "target",
                "from",
                "to",
                "cost (share of max)",
                "intensity",
                "wedge (US$ bn)",
            ),
            [
                (k, s, on, base, tier or "— (cannot)", cost, x, wedge)
                for k, s, on, base, tier, cost, x, wedge in self._rows()
            ],
            title=f"Counter-strategies against {self.unit}, cheapest first",
        )


def _first_change(classify, base: Tier, top: float, resolution: int) -> tuple[float, Tier] | None:
    steps = np.linspace(0.0, top, resolution + 1)
    for below, x in itertools.pairwise(steps):
        tier = classify(float(x))
        if tier < base:
            lo, hi = float(below), float(x)
            while hi - lo > 1e-12:
                mid = 0.5 * (lo + hi)
                lo, hi = (lo, mid) if classify(mid) < base else (mid, hi)
            return hi, classify(hi)
    return None


def cheapest_downgrade(
    strategy: CounterStrategy,
    unit: Dyad | Coalition,
    target: str | None = None,
    resolution: int = 200,
) -> Downgrade:
    """The least intensity of ``strategy`` that lowers the class of a dyad or a coalition.

    >>> from coalition_games import Dyad
    >>> wedge = CounterStrategy("wedge", "Wedge", (Shift("target_offer", "add", 1.0),), 1.0)
    >>> d = cheapest_downgrade(wedge, Dyad(security_dependency=0.9, stranglehold=0.5))
    >>> d.tier.value, round(d.intensity, 4)
    ('infeasible', 0.75)
    """
    if isinstance(unit, Dyad):
        if target is not None:
            raise ValueError("target applies to coalitions only")

        def classify(x: float) -> Tier:
            return solve_nash(strategy.apply(unit, x)).tier

        name = unit.name
    elif isinstance(unit, Coalition):

        def classify(x: float) -> Tier:
            return solve_coalition(strategy.apply_coalition(unit, x, target)).tier

        name = unit.name
    else:
        raise TypeError(f"unit must be a Dyad or a Coalition, got {type(unit).__name__}")
    base = classify(0.0)
    found = _first_change(classify, base, strategy.max_intensity, resolution)
    if found is None:
        return Downgrade(strategy.key, name, target, base, None, None, None)
    x, tier = found
    return Downgrade(
        strategy.key,
        name,
        target,
        base,
        x,
        x / strategy.max_intensity,
        tier,
        _wedge_bn(strategy, unit, x, target),
    )


def _wedge_bn(strategy, unit, x, target) -> float | None:
    if not isinstance(unit, Coalition):
        return None
    paid = [s for s in strategy.shifts if s.parameter == "target_offer" and s.mode == "add"]
    if not paid:
        return None
    total = 0.0
    for m in unit.members:
        if target is None or m.name == target:
            for s in paid:
                total += m.stake * s.coefficient * x * (getattr(m.dyad, s.per) if s.per else 1.0)
    return total


def rank(
    strategies: Mapping[str, CounterStrategy] | Sequence[CounterStrategy],
    unit: Dyad | Coalition,
    resolution: int = 200,
) -> Ranking:
    """Each strategy's cheapest downgrade of ``unit`` (over all targets), cheapest first.

    Strategies that cannot downgrade within their documented range come last (cost None). Equal
    costs prefer the smaller wedge payment, then a single target over all members.
    """
    items = strategies.values() if isinstance(strategies, Mapping) else strategies
    best = []
    for strategy in items:
        targets = [None] + (list(unit.names) if isinstance(unit, Coalition) else [])
        if isinstance(unit, Coalition) and len(unit.names) == 1:
            targets = [None]
        found = [cheapest_downgrade(strategy, unit, t, resolution) for t in targets]
        hits = [d for d in found if d.cost is not None]
        # Ties in cost: the cheaper wedge in US$ bn, then a single target over all members.
        best.append(
            min(hits, key=lambda d: (d.cost, d.wedge_bn or 0.0, d.target is None))
            if hits
            else found[0]
        )
    ranked = sorted(best, key=lambda d: (d.cost is None, d.cost or 0.0, d.strategy))
    return Ranking(unit.name, tuple(ranked))


# ------------------------------------------------------------------ the depth option (the model §8)


@dataclass(frozen=True)
class Halving(Result):
    """The least intensity of a strategy that halves a unit's depth (the model §8): the depth at
    intensity 0 (``base``), the intensity and cost (share of the documented maximum) at which it
    first falls to half or less, and the depth there; ``intensity`` None if it never does within
    the documented range (or the depth is 0 to begin with)."""

    strategy: str
    unit: str
    target: str | None
    base: float
    intensity: float | None
    cost: float | None
    depth: float | None

    def explain(self) -> str:
        """One line: the strategy, the base depth and what it takes to halve it."""
        on = self.unit if self.target is None else f"{self.unit} via {self.target}"
        if self.intensity is None:
            return (
                f"{self.strategy} against {on}: depth {display(self.base)} is not halved within "
                "the documented range."
            )
        return (
            f"{self.strategy} against {on}: depth {display(self.base)} → {display(self.depth)} "
            f"at intensity {display(self.intensity)} (cost {display(self.cost)})."
        )

    def to_dict(self) -> dict[str, Any]:
        """Strict JSON."""
        return jsonable(
            {
                "strategy": self.strategy,
                "unit": self.unit,
                "target": self.target,
                "base": self.base,
                "intensity": self.intensity,
                "cost": self.cost,
                "depth": self.depth,
            }
        )

    def _repr_html_(self) -> str:
        return html_fields(
            f"Halving the depth of {self.unit}: {self.strategy}",
            [
                ("target", self.target or "all members"),
                ("depth before", self.base),
                ("intensity", self.intensity),
                ("cost (share of the maximum)", self.cost),
                ("depth after", self.depth),
            ],
        )


def cheapest_halving(
    strategy: CounterStrategy,
    unit: Dyad | Coalition,
    target: str | None = None,
    resolution: int = 200,
) -> Halving:
    """The least intensity of ``strategy`` at which the depth of a dyad (its d*, 0 where not
    complex) or of a coalition (its stake-weighted depth) falls to half its value or less.

    A scan of [0, x_max] at ``resolution`` steps, then bisection to 1e-12 (as
    :func:`cheapest_downgrade`).

    >>> from coalition_games import Dyad
    >>> wedge = CounterStrategy("wedge", "Wedge", (Shift("target_offer", "add", 1.0),), 1.0)
    >>> h = cheapest_halving(wedge, Dyad(security_dependency=0.9, stranglehold=0.5))
    >>> round(h.base, 4), round(h.intensity, 4), h.depth <= h.base / 2
    (1.0, 0.9, True)
    """
    from .game import coalition_depth

    if isinstance(unit, Dyad):
        if target is not None:
            raise ValueError("target applies to coalitions only")

        def depth(x: float) -> float:
            sol = solve_nash(strategy.apply(unit, x).replace(depth=True))
            found = sol.depth.depth if sol.depth is not None else None
            return found if found is not None and sol.tier is Tier.COMPLEX else 0.0

    elif isinstance(unit, Coalition):

        def depth(x: float) -> float:
            return coalition_depth(strategy.apply_coalition(unit, x, target)).depth

    else:
        raise TypeError(f"unit must be a Dyad or a Coalition, got {type(unit).__name__}")
    base = depth(0.0)
    if base <= 0:
        return Halving(strategy.key, unit.name, target, base, None, None, None)
    steps = np.linspace(0.0, strategy.max_intensity, resolution + 1)
    for below, x in itertools.pairwise(steps):
        if depth(float(x)) <= base / 2:
            lo, hi = float(below), float(x)
            while hi - lo > 1e-12:
                mid = 0.5 * (lo + hi)
                lo, hi = (lo, mid) if depth(mid) <= base / 2 else (mid, hi)
            return Halving(
                strategy.key, unit.name, target, base, hi, hi / strategy.max_intensity, depth(hi)
            )
    return Halving(strategy.key, unit.name, target, base, None, None, None)


__all__ += ["Halving", "cheapest_halving"]
