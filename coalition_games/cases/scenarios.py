"""Sourced data beyond the dyad: coalitions, parameter paths and the target's counter-strategies.

The files live in ``coalition_games/cases/data/`` (TOML; every number has a value, a range, its
rule and its sources, like the dyad calibrations). This module only reads them; solvers never
read files.
Dyads are passed in (e.g. from ``coalition_games.cases``), keyed by case id.

>>> from coalition_games import cases
>>> dyads = {c: cases.load(c) for c in ("us_japan", "us_south_korea", "us_taiwan")}
>>> coalition("chip4", dyads).names
('Japan', 'South Korea', 'Taiwan')
>>> erosion_scenario().years
(2022, 2035)
>>> sorted(counter_strategies())
['autonomous_technology', 'counter_coalition', 'digital_partnerships', 'wedge']
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from typing import Any

from ..coalitions.counterstrategies import CounterStrategy, Shift
from ..coalitions.dynamics import BOUNDS, ParameterPath, Scenario
from ..coalitions.game import Coalition, CoalitionMember, EmptyCoalitionError
from ..model import Dyad
from . import read

__all__ = ["coalition", "counter_strategies", "erosion_scenario"]


@cache
def _read(name: str) -> dict[str, Any]:
    return tomllib.loads(files("coalition_games.cases").joinpath("data", name).read_text("utf-8"))


def _pick(entry: Mapping[str, Any], bound: str) -> float:
    if bound not in BOUNDS:
        raise ValueError(f"bound must be one of {', '.join(BOUNDS)}, got {bound!r}")
    return float(entry["value"] if bound == "value" else entry["range"][BOUNDS.index(bound) - 1])


@cache
def _stake_estimate(case: str) -> Any:
    return read(case).stake


def _stake(case: str, bound: str) -> float:
    """The stake of a shipped case (its ``[stake]`` table), at the value or an end of its range."""
    stake = _stake_estimate(case)
    if stake is None:
        raise ValueError(f"case {case!r} has no [stake] table: its coalition weight is unknown")
    return _pick({"value": stake.value, "range": stake.range}, bound)


def coalition(
    key: str, dyads: Mapping[str, Dyad], bound: str = "value", **overrides: float
) -> Coalition:
    """The coalition ``key`` (``"chip4"``, ``"ttc"``) built from the given dyads (by case id).

    ``bound`` picks the value or an end of each documented range for the stakes, the leader's
    supply, γ and δ; ``overrides`` set ``leader_supply``, ``complementarity``, ``displacement`` or
    ``budget`` directly.
    """
    data = _read("coalitions.toml")
    try:
        spec = data["coalitions"][key]
    except KeyError:
        raise ValueError(
            f"unknown coalition {key!r}; known: {', '.join(sorted(data['coalitions']))}"
        ) from None
    missing = [case for case in spec["members"] if case not in dyads]
    if missing:
        raise ValueError(f"coalition {key!r} needs the dyads {', '.join(missing)}")
    if not spec["members"]:
        raise EmptyCoalitionError(f"coalition {key!r} has no member")
    members = tuple(
        CoalitionMember(dyads[case], _stake(case, bound), case) for case in spec["members"]
    )
    params = {name: _pick(entry, bound) for name, entry in data["parameters"].items()}
    params.update(overrides)
    return Coalition(spec["name"], members, **params)


@cache
def erosion_scenario() -> Scenario:
    """The documented erosion paths (allies' programmes erode t, China's self-reliance m); read
    once (the scenario is immutable)."""
    data = _read("paths.toml")
    paths = tuple(
        ParameterPath(
            case=p["case"],
            parameter=p["parameter"],
            years=tuple(p["years"]),
            factor=tuple(p["factor"]),
            low=tuple(p["low"]),
            high=tuple(p["high"]),
            rule=p["rule"],
            sources=tuple(p["sources"]),
        )
        for p in data["paths"]
    )
    derived = {name: tuple(by) for name, by in data.get("derived", {}).items()}
    return Scenario(data["name"], paths, derived, tuple(data["years"]), data["description"])


def counter_strategies() -> dict[str, CounterStrategy]:
    """The target's four documented counter-strategies, by id."""
    return {
        key: CounterStrategy(
            key=key,
            label=spec["label"],
            shifts=tuple(Shift(**shift) for shift in spec["shifts"]),
            max_intensity=float(spec["max_intensity"]),
            rule=spec["rule"],
            sources=tuple(spec["sources"]),
        )
        for key, spec in _read("counterstrategies.toml")["strategies"].items()
    }
