"""The worlds in which a claim is checked: the point estimates, or Monte Carlo draws as arrays.

A claim's ``check(world)`` asks a world for equilibrium outcomes of the calibrated dyads or of
counterfactual copies of them. The same check runs in both worlds:

* :class:`PointWorld` — the point estimates, solved one dyad at a time with
  :func:`coalition_games.solve` (the verdict and the evidence text of the claims table);
* :class:`DrawWorld` — draws of the parameters, evaluated as arrays with
  :func:`coalition_games.formulas.evaluate` (the share of draws in which a claim holds).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import SimpleNamespace
from typing import Any, NamedTuple

from .. import formulas
from ..cases import Case
from ..model import Dyad
from ..parameters import PARAMETER_NAMES
from ..solution import Solution, Tier
from ..solvers import solve

__all__ = ["CHIP4", "TTC", "DrawWorld", "Outcome", "PointWorld"]

JAPAN, KOREA, TAIWAN, EU, NETHERLANDS = (
    "us_japan",
    "us_south_korea",
    "us_taiwan",
    "us_eu",
    "us_netherlands",
)
CHIP4 = (JAPAN, KOREA, TAIWAN)
TTC = (EU,)


class Outcome(NamedTuple):
    """The equilibrium quantities claims use (floats/bools, or arrays of them)."""

    tier: Any  #: 0 infeasible, 1 simple, 2 complex
    credible: Any  #: e − κ(s) ≥ 0
    conflict: Any  #: MODEL.md §2's conflict flag
    voluntary_margin: Any  #: sσ − w − c₂ (complex tier)
    complex_price: Any  #: max(0, lo₂): the least payment the complex tier needs


class PointWorld:
    """The calibrated point estimates, each solved with :func:`coalition_games.solve`."""

    def __init__(self, cases: Mapping[str, Case | Dyad]) -> None:
        self.cases = dict(cases)
        self.dyads = {k: c if isinstance(c, Dyad) else c.dyad for k, c in self.cases.items()}
        self.solutions: dict[str, Solution] = {k: solve(d) for k, d in self.dyads.items()}

    def dyad(self, case: str, **changes: Any) -> Dyad:
        """The case's point-estimate dyad with counterfactual changes; for a calibrated case the
        parameters derived from a changed one are recomputed (MODEL.md §7, :meth:`Case.derive`)."""
        found = self.cases[case]
        changes = {k: float(v) for k, v in changes.items()}
        if isinstance(found, Case):
            return found.counterfactual(**changes)
        return self.dyads[case].replace(**changes)

    def outcome(self, case: str, **changes: Any) -> Outcome:
        """Solve the (counterfactual) dyad and read off the claims' quantities."""
        sol = self.solutions[case] if not changes else solve(self.dyad(case, **changes))
        complex_ = sol.tiers[Tier.COMPLEX]
        return Outcome(
            sol.tier.code,
            sol.threat_credible,
            sol.conflict,
            complex_.voluntary_margin,
            complex_.interval[0],
        )

    def param(self, case: str, name: str) -> float:
        """A parameter's point estimate."""
        return getattr(self.dyads[case], name)

    def credibility_threshold(self, case: str) -> float:
        """s* of the case (``Dyad.credibility_threshold``)."""
        return formulas.credibility_threshold(self._parameters(case), self.ops)

    #: The backend the world evaluates :mod:`coalition_games.formulas` with.
    ops = formulas.SCALAR

    def _parameters(self, case: str) -> Any:
        return self.dyads[case]

    def budget_threshold(self, case: str, level: int) -> Any:
        """The least budget at which the case reaches tier ``level`` (1 or 2), +inf if none:
        tier k's :func:`coalition_games.formulas.least_budget`, the smaller of the two for
        level 1 (a complex coalition is also at least simple)."""
        ev = formulas.evaluate(self._parameters(case), self.ops)
        complex_ = formulas.least_budget(ev.complex, self.ops)
        if level == 2:
            return complex_
        return self.ops.minimum(formulas.least_budget(ev.simple, self.ops), complex_)

    def budget_ceiling(self, case: str) -> float:
        """The top of the case's calibrated budget range."""
        found = self.cases[case]
        if not isinstance(found, Case):
            raise TypeError(f"{case!r} is a bare Dyad: the budget range needs its calibrated Case")
        return found.parameters["side_payment_budget"].range[1]

    def name(self, case: str) -> str:
        """The ally's name."""
        return self.dyads[case].ally


class DrawWorld(PointWorld):
    """Monte Carlo draws of the cases' parameters, evaluated as arrays (``formulas.ARRAY``)."""

    ops = formulas.ARRAY

    def __init__(
        self, cases: Mapping[str, Case | Dyad], samples: Mapping[str, Mapping[str, Any]]
    ) -> None:
        self.cases = dict(cases)
        self.dyads = {k: c if isinstance(c, Dyad) else c.dyad for k, c in self.cases.items()}
        self.samples = {k: dict(v) for k, v in samples.items()}

    def _parameters(self, case: str, **changes: Any) -> SimpleNamespace:
        """The draws, with counterfactual changes; for a calibrated case the parameters derived
        from a changed one are recomputed from the drawn factors (MODEL.md §7)."""
        drawn = self.samples[case]
        found = self.cases[case]
        if changes and isinstance(found, Case):
            free = {name: drawn[name] for name in found.free}
            return SimpleNamespace(**found.derive(free, **changes))
        values = {name: drawn[name] for name in PARAMETER_NAMES}
        values.update(changes)
        return SimpleNamespace(**values)

    def outcome(self, case: str, **changes: Any) -> Outcome:
        """Evaluate MODEL.md §2 over the draws (with counterfactual changes)."""
        p = self._parameters(case, **changes)
        ev = formulas.evaluate(p, formulas.ARRAY)
        return Outcome(
            ev.tier,
            ev.credible,
            ev.conflict,
            formulas.voluntary_margin(p, 2, formulas.ARRAY),
            ev.complex.lower,
        )

    def param(self, case: str, name: str) -> Any:
        """A parameter's draws."""
        return self.samples[case][name]
