"""The worlds in which a claim is checked: the point estimates, or Monte Carlo draws as arrays.

A claim's ``check(world)`` asks a world for equilibrium quantities of the calibrated dyads or of
counterfactual copies of them. The same check runs in both worlds, through the same definitions
(:func:`coalition_games.formulas.evaluate`; the coalition game's :func:`grand_margins` and
:func:`first_entrant_costs`):

* :class:`PointWorld` — the point estimates, one dyad at a time with Python floats (the verdict,
  margin and evidence text of the claims table);
* :class:`DrawWorld` — draws of the parameters as arrays (the share of draws in which a claim
  holds, and the margins per draw).

Margins (the reading of the claims, stated once). Every condition a claim needs is reported as
a *margin*: a signed number, ≥ 0 exactly when the condition holds under the package's tolerance
policy (``formulas.TOL``, so a tie — an interval of one point — holds), its size the condition's
slack in its own units (payoff units of the ally's stake; s; t; B). A conjunction's margin is
the smallest of its parts (:func:`all_of`), a disjunction's the largest (:func:`any_of`), a
negation's ``−margin − DENORM`` (:func:`not_`), so the sign of every claim's margin is its
verdict, to the last bit.

Models. :func:`apply_model` turns the calibrated cases into those of a model: ``"linkage"`` (the
case files as calibrated, with their linkage cap X̄, the model §6), ``"baseline"`` (X̄ = +∞,
the model §2), or a mapping of parameters fixed at stated values. ``"depth"`` and
``"linkage+depth"`` are the baseline's and the linkage model's cases under the depth option (the
model §8): a world built with ``depth=True`` (:func:`uses_depth`) solves every dyad at its
attainable depth d*, and the claims read depths where the article speaks of how demanding a
coalition is (:mod:`.claims`).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from functools import cached_property
from types import SimpleNamespace
from typing import Any, TypeVar

import numpy as np

from .. import formulas
from ..cases import Case, Estimate, scenarios
from ..coalitions.accession import first_entrant_costs
from ..coalitions.game import Coalition, analyse_draws, grand_margins, member_depths
from ..formulas import DENORM, TOL, signed
from ..model import Dyad
from ..parameters import PARAMETER_NAMES, PARAMETERS_BY_NAME
from ..solution import Tier

__all__ = [
    "CHIP4",
    "DEFAULT_CASES",
    "MODELS",
    "MODEL_NAMES",
    "TTC",
    "DrawWorld",
    "Outcome",
    "PointWorld",
    "all_of",
    "any_of",
    "apply_model",
    "not_",
    "uses_depth",
]

JAPAN, KOREA, TAIWAN, EU, NETHERLANDS = (
    "us_japan",
    "us_south_korea",
    "us_taiwan",
    "us_eu",
    "us_netherlands",
)
CHIP4 = (JAPAN, KOREA, TAIWAN)
TTC = (EU,)
#: The five dyads of the comparison, in table order.
DEFAULT_CASES = (JAPAN, KOREA, TAIWAN, EU, NETHERLANDS)

_C = TypeVar("_C", Case, Dyad)

#: The named models a reproduction runs by default: the calibrated cases with their linkage cap,
#: and the baseline (no cap).
MODELS = ("baseline", "linkage")
#: Every named model: :data:`MODELS` and each of them under the depth option (the model §8).
MODEL_NAMES = (*MODELS, "depth", "linkage+depth")
_UNDER_DEPTH = {"depth": "baseline", "linkage+depth": "linkage"}


def uses_depth(model: str | Mapping[str, float]) -> bool:
    """True for the models under the depth option (``"depth"``, ``"linkage+depth"``)."""
    return isinstance(model, str) and model in _UNDER_DEPTH


def all_of(*margins: Any) -> Any:
    """A conjunction's margin: the smallest (elementwise)."""
    return np.minimum.reduce(np.broadcast_arrays(*margins)) if len(margins) > 1 else margins[0]


def any_of(*margins: Any) -> Any:
    """A disjunction's margin: the largest (elementwise)."""
    return np.maximum.reduce(np.broadcast_arrays(*margins)) if len(margins) > 1 else margins[0]


def not_(margin: Any) -> Any:
    """A negation's margin: ≥ 0 exactly where ``margin`` < 0."""
    return -np.asarray(margin, dtype=float) - DENORM


def apply_model(
    cases: Mapping[str, _C], model: str | Mapping[str, float] = "linkage"
) -> dict[str, _C]:
    """The cases of a model (module docstring): ``"linkage"`` leaves them as calibrated,
    ``"baseline"`` fixes X̄ = +∞, a mapping fixes each named parameter at its value (its range
    becomes that point; parameters derived from it follow, the model §7).

    >>> from coalition_games import cases
    >>> apply_model({"us_japan": cases.read("us_japan")}, "baseline")["us_japan"].dyad.linkage_cap
    inf
    """
    if isinstance(model, str):
        if model not in MODEL_NAMES:
            raise ValueError(
                f"model={model!r}; allowed: {', '.join(map(repr, MODEL_NAMES))} or a mapping"
            )
        model = _UNDER_DEPTH.get(model, model)  # the option itself is the world's (uses_depth)
        fixed = {} if model == "linkage" else {"linkage_cap": math.inf}
    elif isinstance(model, Mapping):
        fixed = dict(model)
    else:
        raise TypeError(f"model must be a name or a mapping of parameters, got {model!r}")
    for name, value in fixed.items():
        if name in PARAMETERS_BY_NAME:
            Dyad().replace(**{name: value})  # validated like every parameter
        elif not all(isinstance(c, Case) and name in c.hyperparameters for c in cases.values()):
            raise ValueError(f"model fixes an unknown parameter {name!r}")

    def fix(case: _C) -> _C:
        if isinstance(case, Dyad):
            return case.replace(**fixed)
        point = {
            n: e.value for n, e in (dict(case.parameters) | dict(case.hyperparameters)).items()
        }
        values = case.derive(point, **fixed)
        params = dict(case.parameters)
        for name, est in case.parameters.items():
            if name in fixed:
                params[name] = _fixed(est, float(fixed[name]))
            elif values[name] != est.value:  # derived from a fixed factor (the model §7)
                params[name] = dataclasses.replace(est, value=values[name])
        hyper = {
            name: _fixed(est, float(fixed[name])) if name in fixed else est
            for name, est in case.hyperparameters.items()
        }
        return dataclasses.replace(case, parameters=params, hyperparameters=hyper)

    return {key: fix(case) for key, case in cases.items()}


def _fixed(estimate: Estimate, value: float) -> Estimate:
    return dataclasses.replace(
        estimate,
        value=value,
        range=(value, value),
        rule=f"fixed at {value:g} by the model; as calibrated: {estimate.rule}",
        factors=(),
    )


class Outcome:
    """The equilibrium quantities claims use (floats, or arrays over draws) of one dyad, each
    computed when a claim first reads it (a claim over draws pays only for what it reads). The
    last six are margins (≥ 0 exactly where the quoted condition holds)."""

    def __init__(self, p: Any, ops: formulas.Ops, depth: bool = False) -> None:
        self._p, self._ops, self._depth_option = p, ops, depth

    @cached_property
    def _bargains(self) -> formulas.Bargains:
        return formulas.bargains(self._p, self._ops)

    @cached_property
    def _under_depth(self) -> tuple[formulas.Evaluation, formulas.Depth]:
        return formulas.evaluate_depth(self._p, self._ops)

    @cached_property
    def _evaluation(self) -> formulas.Evaluation:
        if self._depth_option:
            return self._under_depth[0]
        return formulas.evaluate(self._p, self._ops)

    @property
    def found(self) -> formulas.Depth:
        """The attainable depth (the model §8; read under the depth option only)."""
        return self._under_depth[1]

    @cached_property
    def depth(self) -> Any:
        """d* where the dyad is complex under the depth option, else 0 (depth units)."""
        return np.where(self.found.complex, self.found.depth, 0.0)

    @cached_property
    def deep(self) -> Any:
        """ "Complex under the depth option": d* exists and d* > TOL (depth units)."""
        return signed(self.found.complex, self.found.depth - TOL)

    @cached_property
    def coerced_at_depth(self) -> Any:
        """ "The threat is pivotal at d*": credible at d* (d*·e − κ(s) + TOL, payoff units) and
        without it the deepest sustainable depth is smaller (d* − d*₀ − TOL, depth units)."""
        f = self.found
        gain = f.depth * self._p.enforcement_value - formulas.coercion_cost(self._p)
        return all_of(
            self.deep,
            signed(f.credible, gain + TOL),
            signed(f.depth - f.unthreatened > TOL, f.depth - f.unthreatened - TOL),
        )

    @property
    def tier(self) -> Any:
        """0 infeasible, 1 simple, 2 complex."""
        return self._evaluation.tier

    @property
    def conflict(self) -> Any:
        """The model §2's conflict flag."""
        return self._evaluation.conflict

    @property
    def credible(self) -> Any:
        """e − κ(s) ≥ 0."""
        return self._bargains.credible

    @cached_property
    def voluntary_margin(self) -> Any:
        """ℓ(s) − w − c₂ (complex tier, at a zero payment)."""
        return formulas.voluntary_margin(self._p, 2, self._ops)

    @property
    def complex_price(self) -> Any:
        """max(0, lo₂): the least payment the complex tier needs."""
        return self._bargains.complex.lower

    @cached_property
    def complex(self) -> Any:
        """ "Tier 2 is sustainable": min(B, hi₂) − max(0, lo₂) + TOL."""
        return _margin(self._bargains.complex)

    @cached_property
    def simple(self) -> Any:
        """ "Tier 1 is sustainable"."""
        return _margin(self._bargains.simple)

    @cached_property
    def unthreatened(self) -> Any:
        """ "Tier 2 is sustainable without the threat" (θ = 0)."""
        return _margin(formulas.complex_without_threat(self._p, self._bargains, self._ops))

    @cached_property
    def stranglehold_alone(self) -> Any:
        """ "The stranglehold alone brings tier 2 within reach"."""
        return _margin(formulas.complex_stranglehold_alone(self._p, self._bargains, self._ops))

    @cached_property
    def gain(self) -> Any:
        """ "The threat is credible": e − κ(s) + TOL."""
        return signed(self._bargains.credible, self._bargains.gain + TOL)


def _margin(terms: formulas.TierTerms) -> Any:
    return signed(terms.sustainable, terms.upper - terms.lower + TOL)


class PointWorld:
    """The calibrated point estimates (or bare dyads), evaluated with Python floats."""

    #: The backend the world evaluates :mod:`coalition_games.formulas` with.
    ops = formulas.SCALAR

    def __init__(self, cases: Mapping[str, Case | Dyad], depth: bool = False) -> None:
        self.cases = dict(cases)
        #: Under the depth option (the model §8): dyads are solved at their attainable depth.
        self.depth = depth
        self.dyads = {
            k: (c if isinstance(c, Dyad) else c.dyad).replace(depth=depth)
            for k, c in self.cases.items()
        }
        self._memo: dict[Any, Any] = {}  # the quantities several claims read, computed once

    def with_depth(self) -> PointWorld:
        """The same world under the depth option (the model §8)."""
        return PointWorld(self.cases, depth=True)

    def dyad(self, case: str, **changes: Any) -> Dyad:
        """The case's point-estimate dyad with counterfactual changes; for a calibrated case the
        parameters derived from a changed one are recomputed (the model §7, :meth:`Case.derive`)."""
        found = self.cases[case]
        changes = {k: float(v) for k, v in changes.items()}
        if isinstance(found, Case):
            return found.counterfactual(**changes).replace(depth=self.depth)
        return self.dyads[case].replace(**changes)

    def _parameters(self, case: str, **changes: Any) -> Any:
        return self.dyad(case, **changes) if changes else self.dyads[case]

    def outcome(self, case: str, **changes: Any) -> Outcome:
        """The (counterfactual) dyad's equilibrium quantities and margins."""
        if changes:
            return Outcome(self._parameters(case, **changes), self.ops, self.depth)
        if ("outcome", case) not in self._memo:
            self._memo["outcome", case] = Outcome(self._parameters(case), self.ops, self.depth)
        return self._memo["outcome", case]

    def param(self, case: str, name: str) -> Any:
        """A parameter's point estimate."""
        return getattr(self._parameters(case), name)

    def credibility_threshold(self, case: str) -> Any:
        """s* of the case (``formulas.credibility_threshold``)."""
        return formulas.credibility_threshold(self._parameters(case), self.ops)

    def budget_threshold(self, case: str, level: int) -> Any:
        """The least budget at which the case reaches tier ``level`` (1 or 2), +inf if none:
        tier k's :func:`coalition_games.formulas.least_budget`, the smaller of the two for
        level 1 (a complex coalition is also at least simple)."""
        ev = formulas.bargains(self._parameters(case), self.ops)
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

    def coalition(self, key: str) -> Coalition:
        """The documented coalition ``key`` (``"chip4"``, ``"ttc"``) of the world's dyads."""
        if ("coalition", key) not in self._memo:
            self._memo["coalition", key] = scenarios.coalition(key, self.dyads)
        return self._memo["coalition", key]

    def _members(self, coalition: Coalition) -> Mapping[str, Mapping[str, Any]] | None:
        return None

    def _analysis(self, key: str) -> Any:
        if ("analysis", key) not in self._memo:
            coalition = self.coalition(key)
            self._memo["analysis", key] = analyse_draws(coalition, self._members(coalition))
        return self._memo["analysis", key]

    def _squeeze(self, values: Any) -> Any:
        return values[0]

    def coalition_margins(self, key: str) -> dict[Tier, Any]:
        """Per tier, the coalition's sustainability margin (:func:`grand_margins`)."""
        margins = grand_margins(self.coalition(key), analysis=self._analysis(key))
        return {t: self._squeeze(m) for t, m in margins.items()}

    def coalition_depths(self, key: str) -> SimpleNamespace:
        """The members' depths and the coalition's stake-weighted depth (the model §8;
        :func:`member_depths`)."""
        found = member_depths(
            self.coalition(key), self._members(self.coalition(key)), self._analysis(key)
        )
        return SimpleNamespace(
            depth=self._squeeze(found.coalition),
            members={
                m.name: self._squeeze(found.depth[k])
                for k, m in enumerate(self.coalition(key).members)
            },
        )

    def first_entrant_costs(self, key: str) -> dict[str, Any]:
        """Per ally, the cheapest cost of building the coalition with it asked first."""
        costs = first_entrant_costs(self.coalition(key), analysis=self._analysis(key))
        return {name: self._squeeze(c) for name, c in costs.items()}

    def stake(self, key: str, ally: str) -> float:
        """A member's stake in the documented coalition (US$ bn)."""
        return next(m.stake for m in self.coalition(key).members if m.name == ally)

    def path_changes(self, case: str, year: int) -> dict[str, Any]:
        """The case's parameters moved along the documented erosion paths (value reading) to
        ``year``: each path's factor times the parameter, derived ones following."""
        factors = scenarios.erosion_scenario().factors(case, year, "value")
        return {name: self.param(case, name) * f for name, f in factors.items()}


class DrawWorld(PointWorld):
    """Monte Carlo draws of the cases' parameters, evaluated as arrays (``formulas.ARRAY``)."""

    ops = formulas.ARRAY

    def __init__(
        self,
        cases: Mapping[str, Case | Dyad],
        samples: Mapping[str, Mapping[str, Any]],
        depth: bool = False,
    ) -> None:
        super().__init__(cases, depth)
        self.samples = {k: dict(v) for k, v in samples.items()}

    def _parameters(self, case: str, **changes: Any) -> SimpleNamespace:
        """The draws, with counterfactual changes; for a calibrated case the parameters derived
        from a changed one are recomputed from the drawn factors (the model §7)."""
        drawn = self.samples[case]
        found = self.cases[case]
        if changes and isinstance(found, Case):
            return SimpleNamespace(**found.derive(drawn, **changes))
        values = {name: drawn[name] for name in PARAMETER_NAMES}
        values.update(changes)
        return SimpleNamespace(**values)

    def with_depth(self) -> DrawWorld:
        """The same draws under the depth option (the model §8)."""
        return DrawWorld(self.cases, self.samples, depth=True)

    def _members(self, coalition: Coalition) -> Mapping[str, Mapping[str, Any]]:
        by_ally = {self.dyads[c].ally: c for c in self.samples}
        return {m.name: self.samples[by_ally[m.name]] for m in coalition.members}

    def _squeeze(self, values: Any) -> Any:
        return values
