"""The article's claims (CLAIMS.md C1–C10), each computed from equilibria of the calibrated cases.

A claim is a :class:`Claim`: an id, the article's statement, and a ``check`` function that asks a
*world* for equilibrium outcomes — of the calibrated dyads or of counterfactual copies of them — and
returns whether the claim holds together with a function that writes the computed evidence. The
same ``check`` runs in two worlds:

* :class:`PointWorld` — the point estimates, solved one dyad at a time with
  :func:`coalition_games.solve` (the verdict and the evidence text of the claims table);
* :class:`DrawWorld` — Monte Carlo draws, evaluated as arrays with
  :func:`coalition_games.formulas.evaluate` (the share of draws in which the claim holds).

So a claim is written once and nothing in it is a lookup of the expected answer: change a case's
parameters and the verdicts change. More claims are added by appending to :data:`CLAIMS` or by
passing a list of claims to :func:`coalition_games.reproduce`.

How each claim is decided (where CLAIMS.md is silent, the choice is written here):

* C1 — Japan, South Korea and Taiwan are each complex.
* C2 — The EU is simple (not complex, not infeasible), the threat is not credible, and the payment
  a complex tier would need, max(0, c₂ − sσ + w − θt), exceeds the budget B.
* C3 — The Netherlands is complex and the EU is not.
* C4 — Of the three Chip 4 dyads, South Korea has the smallest and Japan the largest voluntary
  margin of the complex tier, sσ − w − c₂ (what joining at zero payment gains over refusing).
* C5 — s(Japan) > s(EU) and s(South Korea) > s(EU); the threat is credible for Japan and South
  Korea and not for the EU.
* C6 — Each Chip 4 dyad with s lowered just below its credibility threshold s* (to s* − 10⁻⁶, or
  to 0 if s* ≤ 0; unchanged if already incredible) is not complex and carries the conflict flag.
* C7 — Each Chip 4 dyad with t = 0 is not complex, at its calibrated s and at s = 1.
* C8 — For at least one of the five dyads a side-payment within its calibrated budget range moves
  it across a boundary: the smallest budget B*ₖ at which tier k is reached (root search over B;
  sustainability is monotone in B) is positive and at most the top of the range.
* C9, C10 — decided in :mod:`coalition_games.coalition_claims` (stranglehold thresholds and the
  documented erosion paths; the Chip 4 and TTC coalitions of the multilateral game).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any, NamedTuple

import numpy as np

from . import formulas
from .cases import Case
from .coalition_claims import C9_SECTION, C9_TEXT, C10_SECTION, C10_TEXT, check_c9, check_c10
from .model import Dyad
from .parameters import PARAMETER_NAMES
from .solution import Solution, Tier
from .solvers import solve

__all__ = [
    "CLAIMS",
    "Claim",
    "DrawWorld",
    "Outcome",
    "PointWorld",
    "budget_threshold",
]

JAPAN, KOREA, TAIWAN, EU, NETHERLANDS = (
    "us_japan",
    "us_south_korea",
    "us_taiwan",
    "us_eu",
    "us_netherlands",
)
CHIP4 = (JAPAN, KOREA, TAIWAN)

#: How far below the credibility threshold C6 sets s.
BELOW_THRESHOLD = 1e-6
#: Bisection steps of the budget root search (precision: the bracket width / 2⁶⁰).
BISECTION_STEPS = 60


class Outcome(NamedTuple):
    """The equilibrium quantities claims use (floats/bools, or arrays of them)."""

    tier: Any  #: 0 infeasible, 1 simple, 2 complex
    credible: Any  #: e − κ(s) ≥ 0
    conflict: Any  #: MODEL.md §2's conflict flag
    voluntary_margin: Any  #: sσ − w − c₂ (complex tier)
    complex_price: Any  #: max(0, lo₂): the least payment the complex tier needs


def budget_threshold(tier_at: Callable[[Any], Any], level: int, ceiling: Any) -> Any:
    """The smallest budget B ∈ [0, ceiling] at which the tier is at least ``level``.

    Bisection on the tier code, which is monotone non-decreasing in B (each tier's interval
    [max(0, lo), min(B, hi)] only widens as B grows). Returns 0 when the level is reached without
    any payment and ``inf`` when it is not reached even at ``ceiling``. Works elementwise on arrays.
    ``ceiling`` = max(v₁, v₂) suffices: hi ≤ v_k, so beyond it B no longer binds.
    """
    ceiling = np.asarray(ceiling, dtype=float)
    at_zero = np.asarray(tier_at(np.zeros_like(ceiling)) >= level)
    reached = np.asarray(tier_at(ceiling) >= level)
    lo, hi = np.zeros_like(ceiling), ceiling.copy()
    for _ in range(BISECTION_STEPS):
        mid = (lo + hi) / 2
        ok = np.asarray(tier_at(mid) >= level)
        hi, lo = np.where(ok, mid, hi), np.where(ok, lo, mid)
    return np.where(at_zero, 0.0, np.where(reached, hi, np.inf))


class PointWorld:
    """The calibrated point estimates, each solved with :func:`coalition_games.solve`."""

    def __init__(self, cases: Mapping[str, Case]) -> None:
        self.cases = dict(cases)
        self.solutions: dict[str, Solution] = {k: solve(c.dyad) for k, c in self.cases.items()}

    def dyad(self, case: str, **changes: Any) -> Dyad:
        """The case's dyad, with counterfactual changes."""
        return self.cases[case].dyad.replace(**{k: float(v) for k, v in changes.items()})

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
        return getattr(self.cases[case].dyad, name)

    def credibility_threshold(self, case: str) -> float:
        """s* of the case (``Dyad.credibility_threshold``)."""
        return self.cases[case].dyad.credibility_threshold

    def budget_threshold(self, case: str, level: int) -> float:
        """The least budget at which the case reaches ``level`` (:func:`budget_threshold`)."""
        dyad = self.cases[case].dyad
        ceiling = max(dyad.leader_value_simple, dyad.leader_value_complex)
        return float(
            budget_threshold(
                lambda b: solve(dyad.replace(side_payment_budget=float(b))).tier.code,
                level,
                ceiling,
            )
        )

    def budget_ceiling(self, case: str) -> float:
        """The top of the case's calibrated budget range."""
        return self.cases[case].parameters["side_payment_budget"].range[1]

    def name(self, case: str) -> str:
        """The ally's name."""
        return self.cases[case].ally


class DrawWorld(PointWorld):
    """Monte Carlo draws of the cases' parameters, evaluated as arrays (``formulas.ARRAY``)."""

    def __init__(self, cases: Mapping[str, Case], samples: Mapping[str, Mapping[str, Any]]):
        self.cases = dict(cases)
        self.samples = {k: dict(v) for k, v in samples.items()}

    def _namespace(self, case: str, **changes: Any) -> SimpleNamespace:
        values = {name: self.samples[case][name] for name in PARAMETER_NAMES}
        values.update(changes)
        return SimpleNamespace(**values)

    def outcome(self, case: str, **changes: Any) -> Outcome:
        """Evaluate MODEL.md §2 over the draws (with counterfactual changes)."""
        p = self._namespace(case, **changes)
        ev = formulas.evaluate(p, formulas.ARRAY)
        return Outcome(
            ev.tier,
            ev.credible,
            ev.conflict,
            formulas.refusal_loss(p) - formulas.complex_cost(p),
            ev.complex.lower,
        )

    def param(self, case: str, name: str) -> Any:
        """A parameter's draws."""
        return self.samples[case][name]

    def credibility_threshold(self, case: str) -> Any:
        """s* per draw; with κ₁ = 0, −inf if always credible and +inf if never."""
        p = self._namespace(case)
        slope = p.coercion_cost_slope
        flat = np.where(
            formulas.ARRAY.ge(p.enforcement_value, p.coercion_cost_base), -np.inf, np.inf
        )
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(slope > 0, formulas.credibility_threshold(p), flat)

    def budget_threshold(self, case: str, level: int) -> Any:
        """Per draw, the smallest budget at which the case reaches ``level``."""
        p = self.samples[case]
        ceiling = np.maximum(p["leader_value_simple"], p["leader_value_complex"])
        return budget_threshold(
            lambda b: self.outcome(case, side_payment_budget=b).tier, level, ceiling
        )


World = PointWorld  # a DrawWorld is a PointWorld whose quantities are arrays
Check = tuple[Any, Callable[[], str]]


@dataclass(frozen=True)
class Claim:
    """One claim of the article: ``check(world)`` returns (holds, evidence-text function).

    ``holds`` is a bool in a :class:`PointWorld` and a boolean array in a :class:`DrawWorld`; the
    evidence function is called only in the point world. ``needs`` lists the case ids it reads.
    """

    id: str
    text: str
    section: str
    check: Callable[[World], Check]
    needs: tuple[str, ...] = ()


def _all(flags: list[Any]) -> Any:
    return np.logical_and.reduce(flags)


def _any(flags: list[Any]) -> Any:
    return np.logical_or.reduce(flags)


def _tier(code: Any) -> str:
    return Tier.from_code(int(code)).value


def _c1(w: World) -> Check:
    tiers = {c: w.outcome(c).tier for c in CHIP4}

    def evidence() -> str:
        return "; ".join(f"{w.name(c)}: {_tier(t)}" for c, t in tiers.items())

    return _all([t == 2 for t in tiers.values()]), evidence


def _c2(w: World) -> Check:
    o = w.outcome(EU)
    budget = w.param(EU, "side_payment_budget")
    out_of_budget = np.logical_not(formulas.ARRAY.ge(budget, o.complex_price))
    holds = _all([o.tier == 1, np.logical_not(o.credible), out_of_budget])

    def evidence() -> str:
        return (
            f"{w.name(EU)}: {_tier(o.tier)}; threat {'credible' if o.credible else 'not credible'}"
            f" (s = {w.param(EU, 'security_dependency'):.3g} vs s* = "
            f"{w.credibility_threshold(EU):.3g}); complex tier needs a payment of "
            f"{o.complex_price:.3g} against a budget of {budget:.3g}; voluntary margin "
            f"sσ − c₂ = {o.voluntary_margin:.3g}"
        )

    return holds, evidence


def _c3(w: World) -> Check:
    nl, eu = w.outcome(NETHERLANDS), w.outcome(EU)

    def evidence() -> str:
        return f"{w.name(NETHERLANDS)}: {_tier(nl.tier)}; {w.name(EU)}: {_tier(eu.tier)}"

    return np.logical_and(nl.tier == 2, eu.tier != 2), evidence


def _c4(w: World) -> Check:
    vm = {c: w.outcome(c).voluntary_margin for c in CHIP4}
    holds = _all([vm[KOREA] < vm[JAPAN], vm[KOREA] < vm[TAIWAN], vm[JAPAN] > vm[TAIWAN]])

    def evidence() -> str:
        order = sorted(CHIP4, key=lambda c: vm[c], reverse=True)
        return "voluntary margin sσ − c₂, most to least willing: " + " > ".join(
            f"{w.name(c)} {vm[c]:.3g} (m = {w.param(c, 'market_loss'):.3g})" for c in order
        )

    return holds, evidence


def _c5(w: World) -> Check:
    s = {c: w.param(c, "security_dependency") for c in (JAPAN, KOREA, EU)}
    cred = {c: w.outcome(c).credible for c in (JAPAN, KOREA, EU)}
    holds = _all(
        [s[JAPAN] > s[EU], s[KOREA] > s[EU], cred[JAPAN], cred[KOREA], np.logical_not(cred[EU])]
    )

    def evidence() -> str:
        return "; ".join(
            f"{w.name(c)}: s = {s[c]:.3g}, s* = {w.credibility_threshold(c):.3g}, "
            f"{'credible' if cred[c] else 'not credible'}"
            for c in s
        )

    return holds, evidence


def _c6(w: World) -> Check:
    found = {}
    for c in CHIP4:
        s = w.param(c, "security_dependency")
        lowered = np.clip(w.credibility_threshold(c) - BELOW_THRESHOLD, 0.0, s)
        s_new = np.where(w.outcome(c).credible, lowered, s)
        found[c] = (s_new, w.outcome(c, security_dependency=s_new))
    holds = _all(
        [_all([np.logical_not(o.credible), o.tier != 2, o.conflict]) for _, o in found.values()]
    )

    def evidence() -> str:
        return "; ".join(
            f"{w.name(c)} at s = {float(s):.3g}: {_tier(o.tier)}, threat "
            f"{'credible' if o.credible else 'not credible'}, "
            f"conflict {'yes' if o.conflict else 'no'}"
            for c, (s, o) in found.items()
        )

    return holds, evidence


def _c7(w: World) -> Check:
    found = {
        c: (w.outcome(c, stranglehold=0.0), w.outcome(c, stranglehold=0.0, security_dependency=1.0))
        for c in CHIP4
    }
    holds = _all([np.logical_and(a.tier != 2, b.tier != 2) for a, b in found.values()])

    def evidence() -> str:
        return "t = 0: " + "; ".join(
            f"{w.name(c)} {_tier(a.tier)} (at s = 1: {_tier(b.tier)})"
            for c, (a, b) in found.items()
        )

    return holds, evidence


def _c8(w: World) -> Check:
    found = {c: [w.budget_threshold(c, level) for level in (1, 2)] for c in w.cases}
    pivotal = [
        _any([np.logical_and(b > 0, b <= w.budget_ceiling(c)) for b in found[c]]) for c in found
    ]

    def evidence() -> str:
        def fmt(b: float) -> str:
            return "never" if b == np.inf else f"{b:.3g}"

        moved = [w.name(c) for c, flag in zip(found, pivotal, strict=True) if flag]
        return (
            "least budget for simple / complex: "
            + "; ".join(
                f"{w.name(c)} {fmt(b1)} / {fmt(b2)} (range up to {w.budget_ceiling(c):.3g})"
                for c, (b1, b2) in found.items()
            )
            + ". Moved across a boundary by a budget within range: "
            + (", ".join(moved) or "none")
        )

    return _any(pivotal), evidence


#: The claims of CLAIMS.md computed by this module, in table order.
CLAIMS: tuple[Claim, ...] = (
    Claim(
        "C1",
        "Chip 4's dyads (US–Japan, US–South Korea, US–Taiwan) sustain a complex coalition",
        "Chip 4: Intense Security Dependency and Dominant Technological Strangleholds",
        _c1,
        CHIP4,
    ),
    Claim(
        "C2",
        "US–EU sustains only a simple coalition: weak stranglehold, no credible threat",
        "TTC: Moderate Security Dependency and Technological Malposition",
        _c2,
        (EU,),
    ),
    Claim(
        "C3",
        "The Netherlands (ASML) complies bilaterally: US–Netherlands complex, US–EU not",
        "TTC: Moderate Security Dependency and Technological Malposition",
        _c3,
        (NETHERLANDS, EU),
    ),
    Claim(
        "C4",
        "South Korea is the most reluctant Chip 4 member and Japan accedes first",
        "Chip 4: Intense Security Dependency and Dominant Technological Strangleholds",
        _c4,
        CHIP4,
    ),
    Claim(
        "C5",
        "Japan's and South Korea's security dependency exceeds the EU's; only there is "
        "coercion credible",
        "Security Dependency, Technological Strangleholds, and Digital Coalition-Building",
        _c5,
        (JAPAN, KOREA, EU),
    ),
    Claim(
        "C6",
        "Stranglehold without security dependency leads to conflict, not coalition",
        "Security Dependency, Technological Strangleholds, and Digital Coalition-Building",
        _c6,
        CHIP4,
    ),
    Claim(
        "C7",
        "Security dependency alone is not enough for a demanding coalition",
        "Security Dependency, Technological Strangleholds, and Digital Coalition-Building",
        _c7,
        CHIP4,
    ),
    Claim(
        "C8",
        "Compensation (side-payments, concessions) moves dyads across the boundary",
        "Chip 4; TTC",
        _c8,
        (),
    ),
    # C9 and C10 come from the dynamics and the multilateral game (coalition_claims).
    Claim("C9", C9_TEXT, C9_SECTION, check_c9, CHIP4),
    Claim("C10", C10_TEXT, C10_SECTION, check_c10, (*CHIP4, EU)),
)
