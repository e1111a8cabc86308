"""The article's claims (C1–C10), each computed from equilibria of the calibrated cases.

A claim is a :class:`Claim`: an id, the article's statement, and a ``check`` function that asks a
*world* (:mod:`coalition_games.reproduction.worlds`) for equilibrium outcomes — of the calibrated
dyads or of counterfactual copies of them — and returns whether the claim holds together with a
function that writes the computed evidence. The same ``check`` runs at the point estimates and
over Monte Carlo draws, so a claim is written once and nothing in it is a lookup of the expected
answer: change a case's parameters and the verdicts change. More claims are added by appending to
:data:`CLAIMS` or by passing a list of claims to :func:`coalition_games.reproduce`.

How each claim is decided (where the article is silent, the choice is written here):

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
  it across a boundary: the smallest budget B*ₖ at which tier k is reached (max(0, loₖ) where
  hiₖ ≥ max(0, loₖ), ``formulas.least_budget``) is positive and at most the top of the range
  (both within ``formulas.TOL``).
* C9 — "Loss of US technological superiority collapses or transforms coalitions". Holds iff at
  least one Chip 4 dyad is complex and every complex Chip 4 dyad leaves the complex tier when the
  stranglehold is lost (t → 0, with the enforcement value e = λtm following, as calibrated).
  Evidence: each dyad's stranglehold threshold t* and the year it leaves the complex tier along the
  documented erosion paths, or "stays"; the same for the Chip 4 coalition.
* C10 — "Chip 4 is a complex coalition and the TTC a looser one". Holds iff the Chip 4 coalition
  is complex and the TTC is simple. Evidence: both classes, the members' side-payments, the
  accession order (and whether payments or the tie-break decide it), Shapley values and whether
  the core is empty.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .. import formulas
from ..cases import Case, scenarios
from ..coalitions.accession import accession
from ..coalitions.cooperative import core, shapley_values
from ..coalitions.dynamics import erosion_threshold, trace
from ..coalitions.game import grand_tier_codes, solve_coalition
from ..model import Dyad
from ..solution import Tier
from ..uncertainty import Samples
from .worlds import CHIP4, EU, JAPAN, KOREA, NETHERLANDS, TAIWAN, TTC, DrawWorld, PointWorld

__all__ = ["CLAIMS", "Check", "Claim", "in_draws"]

#: How far below the credibility threshold C6 sets s.
BELOW_THRESHOLD = 1e-6

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
    ge = formulas.ARRAY.ge
    pivotal = [
        _any([np.logical_and(np.logical_not(ge(0.0, b)), ge(w.budget_ceiling(c), b)) for b in bs])
        for c, bs in found.items()
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


C9_TEXT = "Loss of US technological superiority collapses or transforms coalitions"
C9_SECTION = "Conclusion"
C10_TEXT = "Coalition level: Chip 4 is a complex coalition and the TTC a looser one"
C10_SECTION = "Chip 4; TTC"


def _dyads(world: Any, cases: tuple[str, ...]) -> dict[str, Dyad]:
    return {c: world.dyad(c) for c in cases}


def _c9(world: World) -> Check:
    """C9: every complex Chip 4 dyad leaves the complex tier when the stranglehold is lost."""
    base = {c: world.outcome(c).tier for c in CHIP4}
    lost = {c: world.outcome(c, stranglehold=0.0, enforcement_value=0.0).tier for c in CHIP4}
    some = np.logical_or.reduce([np.equal(b, 2) for b in base.values()])
    every = np.logical_and.reduce([np.not_equal(base[c], 2) | np.less(lost[c], 2) for c in CHIP4])
    holds = some & every

    def evidence() -> str:
        dyads = _dyads(world, CHIP4 + TTC)
        scenario = scenarios.erosion_scenario()
        chip4 = scenarios.coalition("chip4", dyads)
        departures = {
            (d.unit, d.bound): d
            for d in trace(scenario, {c: dyads[c] for c in CHIP4}, [chip4]).departures()
        }

        def when(unit: str) -> str:
            def one(bound: str) -> str:
                d = departures[(unit, bound)]
                return "never" if d.tier is None else f"{d.year} ({d.tier.value})"

            base = departures[(unit, "value")].base.value
            return (
                f"leaves the {base} tier on the erosion paths: value {one('value')}, "
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


def _c10(world: World) -> Check:
    """C10: the Chip 4 coalition is complex and the TTC coalition simple."""
    dyads = _dyads(world, CHIP4 + TTC)
    chip4 = scenarios.coalition("chip4", dyads)
    ttc = scenarios.coalition("ttc", dyads)
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
    Claim("C9", C9_TEXT, C9_SECTION, _c9, CHIP4),
    Claim("C10", C10_TEXT, C10_SECTION, _c10, (*CHIP4, EU)),
)


def in_draws(
    claims: Sequence[Claim], cases: Mapping[str, Case]
) -> dict[str, Callable[[Samples], Any]]:
    """Per claim, a function of one Monte Carlo chunk: whether the claim holds in each draw
    (the ``evaluations`` of :func:`coalition_games.uncertainty.monte_carlo`)."""

    def holds(claim: Claim) -> Callable[[Samples], Any]:
        return lambda samples: claim.check(DrawWorld(cases, samples))[0]

    return {claim.id: holds(claim) for claim in claims}
