"""Claims C9 and C10 of CLAIMS.md, computed from the dynamics and the multilateral game.

Each claim has a check of the form used by :mod:`coalition_games.claims`: ``check(world)``
returns ``(holds, evidence)`` where ``world`` offers the calibrated cases (``world.cases[id].dyad``)
and, for Monte Carlo, ``world.samples[id][parameter]`` arrays; ``holds`` is then an array over the
draws. ``evidence()`` writes the computed numbers (point estimates only). How each is decided —
written here because CLAIMS.md is silent:

* C9 — "Loss of US technological superiority collapses or transforms coalitions". Holds iff at
  least one Chip 4 dyad is complex and every complex Chip 4 dyad leaves the complex tier when the
  stranglehold is lost (t → 0, with the enforcement value e = λtm following, as calibrated).
  Evidence: each dyad's stranglehold threshold t* (``dynamics.erosion_threshold``) and the year it
  leaves the complex tier along the documented erosion paths (central path; low / high readings),
  or "stays" if it does not by the paths' last year; the same for the Chip 4 coalition.
* C10 — "Chip 4 is a complex coalition and the TTC a looser one". Holds iff the Chip 4 coalition
  (``coalitions.solve_coalition``) is complex and the TTC is simple. Evidence: both classes, the
  members' side-payments, the accession order (and whether payments or the tie-break decide it),
  Shapley values and whether the core is empty.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import SimpleNamespace
from typing import Any

import numpy as np

from . import scenario_data
from .accession import accession
from .coalitions import grand_tier_codes, solve_coalition
from .cooperative import core, shapley_values
from .dynamics import erosion_threshold, trace
from .model import Dyad
from .solution import Tier
from .solvers import solve

__all__ = [
    "C9_SECTION",
    "C9_TEXT",
    "C10_SECTION",
    "C10_TEXT",
    "check_c9",
    "check_c10",
    "point_claims",
]

CHIP4 = ("us_japan", "us_south_korea", "us_taiwan")
TTC = ("us_eu",)

C9_TEXT = "Loss of US technological superiority collapses or transforms coalitions"
C9_SECTION = "Conclusion"
C10_TEXT = "Coalition level: Chip 4 is a complex coalition and the TTC a looser one"
C10_SECTION = "Chip 4; TTC"

Check = tuple[Any, Callable[[], str]]


def _dyads(world: Any, cases: tuple[str, ...]) -> dict[str, Dyad]:
    return {c: world.cases[c].dyad for c in cases}


def check_c9(world: Any) -> Check:
    """C9: every complex Chip 4 dyad leaves the complex tier when the stranglehold is lost."""
    base = {c: world.outcome(c).tier for c in CHIP4}
    lost = {c: world.outcome(c, stranglehold=0.0, enforcement_value=0.0).tier for c in CHIP4}
    some = np.logical_or.reduce([np.equal(b, 2) for b in base.values()])
    every = np.logical_and.reduce([np.not_equal(base[c], 2) | np.less(lost[c], 2) for c in CHIP4])
    holds = some & every

    def evidence() -> str:
        dyads = _dyads(world, CHIP4 + TTC)
        scenario = scenario_data.erosion_scenario()
        chip4 = scenario_data.coalition("chip4", dyads)
        departures = {
            (d.unit, d.bound): d
            for d in trace(scenario, {c: dyads[c] for c in CHIP4}, [chip4]).departures()
        }

        def when(unit: str) -> str:
            def one(bound: str) -> str:
                d = departures[(unit, bound)]
                return "never" if d.tier is None else f"{d.year} ({d.tier.value})"

            base = departures[(unit, "central")].base.value
            return (
                f"leaves the {base} tier on the erosion paths: central {one('central')}, "
                f"low {one('low')}, high {one('high')}"
            )

        parts = []
        for c in CHIP4:
            th = erosion_threshold(dyads[c], derived=scenario.derived)
            level = (
                f"stays {Tier.from_code(int(base[c])).value} even at t = 0"
                if th is None
                else f"t* = {th.level:.3g} (now {th.value:.3g}) → {th.below.value}"
            )
            parts.append(f"{dyads[c].ally}: {level}; {when(c)}")
        parts.append(f"Chip 4 coalition {when(chip4.name)} (paths to {scenario.years[1]})")
        return "; ".join(parts)

    return holds, evidence


def check_c10(world: Any) -> Check:
    """C10: the Chip 4 coalition is complex and the TTC coalition simple."""
    dyads = _dyads(world, CHIP4 + TTC)
    chip4 = scenario_data.coalition("chip4", dyads)
    ttc = scenario_data.coalition("ttc", dyads)
    samples = getattr(world, "samples", None)
    chip_tier: int | np.ndarray
    ttc_tier: int | np.ndarray
    if samples is None:
        chip_tier = solve_coalition(chip4).tier.code
        ttc_tier = solve_coalition(ttc).tier.code
    else:
        chip_tier = grand_tier_codes(chip4, {dyads[c].ally: samples[c] for c in CHIP4})
        ttc_tier = grand_tier_codes(ttc, {dyads[c].ally: samples[c] for c in TTC})
    holds = np.equal(chip_tier, 2) & np.equal(ttc_tier, 1)

    def evidence() -> str:
        parts = []
        for coalition in (chip4, ttc):
            sol = solve_coalition(coalition)
            text = f"{coalition.name}: {sol.tier.value}"
            if sol.payments:
                paid = ", ".join(f"{n} {p:.3g}" for n, p in sol.payments.items())
                text += f" (payments, US$ bn: {paid})"
            if len(coalition.members) > 1:
                path = accession(
                    coalition, sol.tier if sol.tier is not Tier.INFEASIBLE else "complex"
                )
                how = "by payments" if path.determined else "by the tie-break (payments equal)"
                phi = ", ".join(f"{n} {v:.3g}" for n, v in shapley_values(coalition).items())
                empty = "empty" if core(coalition).empty else "non-empty"
                text += (
                    f"; accession order {' → '.join(path.members) or 'none'} ({how}); "
                    f"Shapley (US$ bn) {phi}; core {empty}"
                )
            parts.append(text)
        return "; ".join(parts)

    return holds, evidence


class _PointWorld:
    """The minimal world of a claim check: cases with dyads, ``outcome(case, **changes).tier``."""

    def __init__(self, dyads: Mapping[str, Dyad]) -> None:
        self.cases = {c: SimpleNamespace(dyad=d) for c, d in dyads.items()}

    def outcome(self, case: str, **changes: float) -> SimpleNamespace:
        return SimpleNamespace(tier=solve(self.cases[case].dyad.replace(**changes)).tier.code)


def point_claims(dyads: Mapping[str, Dyad]) -> dict[str, tuple[bool, str]]:
    """C9 and C10 at the given dyads (by case id): ``{id: (holds, evidence)}``.

    >>> from coalition_games import Dyad
    >>> names = {"us_japan": "Japan", "us_south_korea": "South Korea", "us_taiwan": "Taiwan",
    ...          "us_eu": "European Union"}
    >>> dyads = {c: Dyad(ally=a, stranglehold=0.5) for c, a in names.items()}
    >>> sorted(point_claims(dyads))
    ['C10', 'C9']
    """

    world = _PointWorld(dyads)
    out = {}
    for key, check in (("C9", check_c9), ("C10", check_c10)):
        holds, evidence = check(world)
        out[key] = (bool(holds), evidence())
    return out
