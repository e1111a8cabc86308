"""The article's claims (C1–C10), each computed from equilibria of the calibrated cases.

A claim is a :class:`Claim`: an id, the article's statement, and a ``check`` function that asks a
*world* (:mod:`coalition_games.reproduction.worlds`) for equilibrium quantities — of the
calibrated dyads or of counterfactual copies of them — and returns the claim's **margin** with a
function that writes the computed evidence. The margin is ≥ 0 exactly when the claim holds; it is
the smallest slack of the claim's conditions in their own units (payoff units of the ally's stake,
or s, t, B), so its size says how far the claim is from flipping (the margin conventions are in
:mod:`.worlds`). The same ``check`` runs at the point estimates and over Monte Carlo draws, so a
claim is written once and nothing in it is a lookup of the expected answer: change a case's
parameters and the verdicts change. More claims are added by appending to :data:`CLAIMS` or by
passing a list of claims to :func:`coalition_games.reproduce`.

How each claim is decided (revision 2 of the claims; where the article is silent, the choice is
written here). Counterfactuals recompute the parameters derived from a changed one (the model §7:
t = 0 sets e = λ·t·m = 0).

* C1 — Japan, South Korea and Taiwan are each complex (the evidence gives each mechanism).
* C2 — The EU is simple (not complex, not infeasible), its threat is not credible, and the payment
  a complex tier would need, max(0, lo₂), exceeds its budget B; the evidence sets the EU's t
  beside the Chip 4 members'.
* C3 — The Netherlands is complex *because of* the stranglehold — coerced: its threat is credible
  and without it the complex tier would not be sustainable — while the EU is not complex.
* C4 — South Korea has the smallest voluntary margin of the complex tier among the Chip 4 dyads,
  ℓ(s) − w − c₂ (what joining at zero payment gains over refusing), *and* Japan accedes first in
  the multilateral accession game: asking Japan first is strictly the cheapest way to build the
  Chip 4 coalition (:func:`coalition_games.coalitions.accession.first_entrant_costs`). An order
  that only the tie-break decides (equal costs, e.g. all zero) does not count: reported as such.
* C5 — s(Japan) > s(EU) and s(South Korea) > s(EU); the threat is credible for Japan and South
  Korea and not for the EU.
* C6 — Each Chip 4 dyad with s lowered just below its credibility threshold s* (to s* − 10⁻⁶, or
  to 0 if s* ≤ 0; unchanged if already incredible) is not complex and carries the conflict flag.
* C7 — Each Chip 4 dyad with t = 0 (e recomputed) is not complex, at its calibrated s and at s = 1.
* C8 — For at least one of the five dyads a side-payment within its calibrated budget range moves
  it across a boundary: the smallest budget B*ₖ at which tier k is reached (max(0, loₖ) where
  hiₖ ≥ max(0, loₖ), ``formulas.least_budget``) is positive and at most the top of the range.
* C9 — "Loss of US technological superiority collapses or transforms coalitions": at least one
  Chip 4 dyad is complex; every complex one has a stranglehold threshold 0 < t* < t (at t = 0 it
  leaves the complex tier); and along the documented erosion paths (value reading, to the paths'
  last year) at least one complex Chip 4 dyad leaves the complex tier. Evidence: each t* and the
  year each dyad and the Chip 4 coalition leave it on every reading of the paths.
* C10 — "Chip 4 is a complex coalition and the TTC a looser one": the Chip 4 coalition (the
  multilateral game) is complex and the TTC is simple. Evidence: both classes, the members'
  side-payments, the accession order (and whether payments or the tie-break decide it), Shapley
  values and whether the core is empty.

Under the depth option (the model §8; a world with ``depth=True``, the models ``"depth"`` and
``"linkage+depth"``) the claims that speak of how demanding a coalition is read the attainable
depth d* (0 where a dyad is not complex); margins comparing depths are in depth units, ≥ 0 iff the
claim holds (a strict comparison of depths needs more than TOL):

* C1 — each Chip 4 dyad has d* > TOL (complex); the evidence gives each depth, mechanism and what
  binds it.
* C2 — the EU's depth is strictly below every Chip 4 member's, and no credible threat backs a
  demand deeper than the EU's d* (the threat is not credible at full depth, e − κ(s) < 0 —
  credibility grows with the depth — or d* = 1 already).
* C3 — the Netherlands is complex with the threat pivotal at d* (credible there, and without it
  the deepest sustainable depth is smaller), and its depth exceeds the EU's.
* C7 — with t = 0 (e recomputed) each Chip 4 dyad's depth falls strictly, at its s and at s = 1
  (compared with its depth at s = 1 and the calibrated t).
* C9 — at least one Chip 4 dyad is complex; each complex one's depth falls at t = 0; along the
  erosion paths (value reading) at least one complex Chip 4 dyad's depth falls by the paths' last
  year. Evidence: per dyad the depth now and at t = 0, the year the depth halves and the year it
  reaches 0 on the paths.
* C10 — Chip 4's stake-weighted depth (:func:`coalition_games.coalitions.game.member_depths`)
  strictly exceeds the TTC's. Evidence: both coalitions' depths and their members'.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..cases import Case, scenarios
from ..coalitions.accession import accession
from ..coalitions.cooperative import core, shapley_values
from ..coalitions.dynamics import depth_trace, erosion_threshold, trace
from ..coalitions.game import solve_coalition
from ..formulas import TOL, signed
from ..model import Dyad
from ..solution import Tier
from ..solvers import solve
from ..uncertainty import Samples
from .worlds import (
    CHIP4,
    EU,
    JAPAN,
    KOREA,
    NETHERLANDS,
    TAIWAN,
    TTC,
    DrawWorld,
    PointWorld,
    all_of,
    any_of,
    not_,
)

__all__ = ["CLAIMS", "Check", "Claim", "in_draws", "under_depth"]

#: How far below the credibility threshold C6 sets s.
BELOW_THRESHOLD = 1e-6

World = PointWorld  # a DrawWorld is a PointWorld whose quantities are arrays
#: What a check returns: the margin (≥ 0 iff the claim holds) and the evidence's writer.
Check = tuple[Any, Callable[[], str]]


@dataclass(frozen=True)
class Claim:
    """One claim of the article: ``check(world)`` returns (margin, evidence-text function).

    The margin is a float in a :class:`PointWorld` and an array over draws in a
    :class:`DrawWorld`; the claim holds where it is ≥ 0. The evidence function is called only in
    the point world. ``needs`` lists the case ids it reads.
    """

    id: str
    text: str
    section: str
    check: Callable[[World], Check]
    needs: tuple[str, ...] = ()


def _tier(code: Any) -> str:
    return Tier.from_code(int(code)).value


def _mechanism(w: World, case: str) -> str:
    sol = solve(w.dyad(case))
    how = " + ".join(m.value for m in sol.mechanism) or "none"
    return f"{sol.tier.value} ({how})"


def _depth_text(w: World, case: str) -> str:
    sol = solve(w.dyad(case))
    found = sol.depth
    assert found is not None, "a world under the depth option solves dyads with depth=True"
    how = " + ".join(m.value for m in sol.mechanism) or "none"
    if found.depth is None:
        return f"{sol.tier.value}, no sustainable depth"
    return f"{sol.tier.value} at d* = {found.depth:.3g} ({how}; bound by {found.binding})"


def _c1(w: World) -> Check:
    if w.depth:
        return _c1_depth(w)
    margin = all_of(*(w.outcome(c).complex for c in CHIP4))

    def evidence() -> str:
        return "; ".join(f"{w.name(c)}: {_mechanism(w, c)}" for c in CHIP4)

    return margin, evidence


def _c1_depth(w: World) -> Check:
    margin = all_of(*(w.outcome(c).deep for c in CHIP4))

    def evidence() -> str:
        return "; ".join(f"{w.name(c)}: {_depth_text(w, c)}" for c in CHIP4)

    return margin, evidence


def _c2(w: World) -> Check:
    if w.depth:
        return _c2_depth(w)
    o = w.outcome(EU)
    budget = w.param(EU, "side_payment_budget")
    margin = all_of(not_(o.complex), o.simple, not_(o.gain), not_(budget - o.complex_price + TOL))

    def evidence() -> str:
        ts = ", ".join(f"{w.name(c)} {w.param(c, 'stranglehold'):.3g}" for c in CHIP4)
        return (
            f"{w.name(EU)}: {_tier(o.tier)}; threat {'credible' if o.credible else 'not credible'}"
            f" (s = {w.param(EU, 'security_dependency'):.3g} vs s* = "
            f"{w.credibility_threshold(EU):.3g}); complex tier needs a payment of "
            f"{o.complex_price:.3g} against a budget of {budget:.3g}; voluntary margin "
            f"ℓ − w − c₂ = {o.voluntary_margin:.3g}; stranglehold t = "
            f"{w.param(EU, 'stranglehold'):.3g} (Chip 4: {ts})"
        )

    return margin, evidence


def _c2_depth(w: World) -> Check:
    eu = w.outcome(EU)
    below = [w.outcome(c).depth - eu.depth - TOL for c in CHIP4]
    full = signed(eu.depth >= 1.0 - TOL, eu.depth - 1.0 + TOL)
    margin = all_of(*(signed(b >= 0, b) for b in below), any_of(not_(eu.gain), full))

    def evidence() -> str:
        ds = ", ".join(f"{w.name(c)} {float(w.outcome(c).depth):.3g}" for c in CHIP4)
        return (
            f"{w.name(EU)}: {_depth_text(w, EU)}; threat at full depth "
            f"{'credible' if eu.credible else 'not credible'} (e − κ(s) = "
            f"{float(eu.gain):.3g}); Chip 4 depths: {ds}"
        )

    return margin, evidence


def _c3(w: World) -> Check:
    if w.depth:
        return _c3_depth(w)
    nl, eu = w.outcome(NETHERLANDS), w.outcome(EU)
    margin = all_of(nl.complex, nl.gain, not_(nl.unthreatened), not_(eu.complex))

    def evidence() -> str:
        return (
            f"{w.name(NETHERLANDS)}: {_mechanism(w, NETHERLANDS)}, threat "
            f"{'credible' if nl.credible else 'not credible'}; {w.name(EU)}: {_tier(eu.tier)}"
        )

    return margin, evidence


def _c3_depth(w: World) -> Check:
    nl, eu = w.outcome(NETHERLANDS), w.outcome(EU)
    deeper = nl.depth - eu.depth - TOL
    margin = all_of(nl.coerced_at_depth, signed(deeper >= 0, deeper))

    def evidence() -> str:
        return f"{w.name(NETHERLANDS)}: {_depth_text(w, NETHERLANDS)}; {w.name(EU)}: " + (
            _depth_text(w, EU)
        )

    return margin, evidence


def _c4(w: World) -> Check:
    vm = {c: w.outcome(c).voluntary_margin for c in CHIP4}
    costs = w.first_entrant_costs("chip4")
    japan, others = w.name(JAPAN), [w.name(c) for c in (KOREA, TAIWAN)]
    tol = TOL * sum(w.stake("chip4", n) for n in [japan, *others])
    cheaper = np.minimum(costs[others[0]], costs[others[1]]) - costs[japan] - tol
    margin = all_of(
        not_(vm[KOREA] - vm[JAPAN]),
        not_(vm[KOREA] - vm[TAIWAN]),
        not_(-cheaper / w.stake("chip4", japan)),
    )

    def evidence() -> str:
        order = sorted(CHIP4, key=lambda c: vm[c], reverse=True)
        path = accession(w.coalition("chip4"))
        steps = ", ".join(
            f"{s.ally}{'' if s.strict else ' (tie-break)'} paid {s.payment_bn:.3g}"
            for s in path.steps
        )
        return (
            "voluntary margin ℓ − w − c₂, most to least willing: "
            + " > ".join(
                f"{w.name(c)} {vm[c]:.3g} (m = {w.param(c, 'market_loss'):.3g})" for c in order
            )
            + f"; accession (US$ bn): {steps or 'none'}; cost of building Chip 4 with each "
            "asked first: " + ", ".join(f"{n} {float(v):.3g}" for n, v in costs.items())
        )

    return margin, evidence


def _c5(w: World) -> Check:
    s = {c: w.param(c, "security_dependency") for c in (JAPAN, KOREA, EU)}
    o = {c: w.outcome(c) for c in (JAPAN, KOREA, EU)}
    margin = all_of(
        not_(s[EU] - s[JAPAN]),
        not_(s[EU] - s[KOREA]),
        o[JAPAN].gain,
        o[KOREA].gain,
        not_(o[EU].gain),
    )

    def evidence() -> str:
        return "; ".join(
            f"{w.name(c)}: s = {s[c]:.3g}, s* = {w.credibility_threshold(c):.3g}, "
            f"{'credible' if o[c].credible else 'not credible'}"
            for c in s
        )

    return margin, evidence


def _c6(w: World) -> Check:
    found = {}
    for c in CHIP4:
        s = w.param(c, "security_dependency")
        lowered = np.clip(w.credibility_threshold(c) - BELOW_THRESHOLD, 0.0, s)
        s_new = np.where(w.outcome(c).credible, lowered, s)
        found[c] = (s_new, w.outcome(c, security_dependency=s_new))
    margin = all_of(
        *(all_of(not_(o.gain), not_(o.complex), o.stranglehold_alone) for _, o in found.values())
    )

    def evidence() -> str:
        return "; ".join(
            f"{w.name(c)} at s = {float(s):.3g}: {_tier(o.tier)}, threat "
            f"{'credible' if o.credible else 'not credible'}, "
            f"conflict {'yes' if o.conflict else 'no'}"
            for c, (s, o) in found.items()
        )

    return margin, evidence


def _c7(w: World) -> Check:
    if w.depth:
        return _c7_depth(w)
    found = {
        c: (w.outcome(c, stranglehold=0.0), w.outcome(c, stranglehold=0.0, security_dependency=1.0))
        for c in CHIP4
    }
    margin = all_of(*(all_of(not_(a.complex), not_(b.complex)) for a, b in found.values()))

    def evidence() -> str:
        return "t = 0 (e = λ·t·m recomputed): " + "; ".join(
            f"{w.name(c)} {_tier(a.tier)} (at s = 1: {_tier(b.tier)})"
            for c, (a, b) in found.items()
        )

    return margin, evidence


def _falls(before: Any, after: Any) -> Any:
    """ "The depth falls strictly": before − after − TOL (depth units), signed."""
    slack = before - after - TOL
    return signed(slack >= 0, slack)


def _c7_depth(w: World) -> Check:
    found = {
        c: (
            (w.outcome(c), w.outcome(c, stranglehold=0.0)),
            (
                w.outcome(c, security_dependency=1.0),
                w.outcome(c, stranglehold=0.0, security_dependency=1.0),
            ),
        )
        for c in CHIP4
    }
    margin = all_of(
        *(
            all_of(_falls(a.depth, b.depth), _falls(c.depth, d.depth))
            for (a, b), (c, d) in found.values()
        )
    )

    def evidence() -> str:
        return "depth d* → at t = 0 (e = λ·t·m recomputed): " + "; ".join(
            f"{w.name(c)} {float(a.depth):.3g} → {float(b.depth):.3g} (at s = 1: "
            f"{float(x.depth):.3g} → {float(y.depth):.3g})"
            for c, ((a, b), (x, y)) in found.items()
        )

    return margin, evidence


def _c8(w: World) -> Check:
    found = {c: [w.budget_threshold(c, level) for level in (1, 2)] for c in w.cases}
    moves = {
        c: any_of(*(all_of(not_(TOL - b), w.budget_ceiling(c) - b + TOL) for b in bs))
        for c, bs in found.items()
    }
    margin = any_of(*moves.values())

    def evidence() -> str:
        def fmt(b: float) -> str:
            return "never" if b == np.inf else f"{b:.3g}"

        moved = [w.name(c) for c, m in moves.items() if m >= 0]
        return (
            "least budget for simple / complex: "
            + "; ".join(
                f"{w.name(c)} {fmt(b1)} / {fmt(b2)} (range up to {w.budget_ceiling(c):.3g})"
                for c, (b1, b2) in found.items()
            )
            + ". Moved across a boundary by a budget within range: "
            + (", ".join(moved) or "none")
        )

    return margin, evidence


def _c9(w: World) -> Check:
    if w.depth:
        return _c9_depth(w)
    base = {c: w.outcome(c) for c in CHIP4}
    lost = {c: w.outcome(c, stranglehold=0.0) for c in CHIP4}
    first, last = scenarios.erosion_scenario().years
    leaves = [
        all_of(base[c].complex, not_(w.outcome(c, **w.path_changes(c, year)).complex))
        for c in CHIP4
        for year in range(first + 1, last + 1)
    ]
    margin = all_of(
        any_of(*(o.complex for o in base.values())),
        *(any_of(not_(base[c].complex), not_(lost[c].complex)) for c in CHIP4),
        any_of(*leaves),
    )

    def evidence() -> str:
        dyads = {c: w.dyad(c) for c in CHIP4 + TTC}
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

            tier = departures[(unit, "value")].base.value
            return (
                f"leaves the {tier} tier on the erosion paths: value {one('value')}, "
                f"low {one('low')}, high {one('high')}"
            )

        parts = []
        for c in CHIP4:
            th = erosion_threshold(dyads[c], derived=scenario.derived)
            level = (
                f"stays {_tier(base[c].tier)} even at t = 0"
                if th is None
                else f"t* = {th.level:.3g} (now {th.value:.3g}) → {th.below.value}"
            )
            parts.append(f"{dyads[c].ally}: {level}; {when(c)}")
        parts.append(f"Chip 4 coalition {when(chip4.name)} (paths to {scenario.years[1]})")
        return "; ".join(parts)

    return margin, evidence


def _c9_depth(w: World) -> Check:
    base = {c: w.outcome(c) for c in CHIP4}
    lost = {c: w.outcome(c, stranglehold=0.0) for c in CHIP4}
    first, last = scenarios.erosion_scenario().years
    falls = [
        all_of(base[c].deep, _falls(base[c].depth, w.outcome(c, **w.path_changes(c, last)).depth))
        for c in CHIP4
    ]
    margin = all_of(
        any_of(*(o.deep for o in base.values())),
        *(any_of(not_(base[c].deep), _falls(base[c].depth, lost[c].depth)) for c in CHIP4),
        any_of(*falls),
    )

    def evidence() -> str:
        scenario = scenarios.erosion_scenario()
        dyads = {c: w.dyad(c) for c in CHIP4 + TTC}
        chip4 = scenarios.coalition("chip4", dyads)
        found = depth_trace(scenario, {c: dyads[c] for c in CHIP4}, [chip4])

        def when(unit: str) -> str:
            rows = found.depths[unit]
            halves, zero = found.halves(unit), found.reaches_zero(unit)
            return (
                f"on the erosion paths {rows[-1][1]:.3g} in {rows[-1][0]}, halves "
                f"{'never' if halves is None else halves}, reaches 0 "
                f"{'never' if zero is None else zero}"
            )

        parts = [
            f"{w.name(c)}: depth {float(base[c].depth):.3g}, at t = 0 "
            f"{float(lost[c].depth):.3g}; {when(c)}"
            for c in CHIP4
        ]
        parts.append(f"Chip 4 coalition (stake-weighted) {when(chip4.name)}")
        return "; ".join(parts) + f" (paths {first}–{last}, value reading)"

    return margin, evidence


def _c10(w: World) -> Check:
    if w.depth:
        return _c10_depth(w)
    chip4, ttc = w.coalition_margins("chip4"), w.coalition_margins("ttc")
    margin = all_of(chip4[Tier.COMPLEX], not_(ttc[Tier.COMPLEX]), ttc[Tier.SIMPLE])

    def evidence() -> str:
        parts = []
        for coalition in (w.coalition("chip4"), w.coalition("ttc")):
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

    return margin, evidence


def _c10_depth(w: World) -> Check:
    chip4, ttc = w.coalition_depths("chip4"), w.coalition_depths("ttc")
    margin = _falls(chip4.depth, ttc.depth)

    def evidence() -> str:
        def one(key: str, found: Any) -> str:
            members = ", ".join(f"{n} {float(d):.3g}" for n, d in found.members.items())
            return f"{w.coalition(key).name}: depth {float(found.depth):.3g} ({members})"

        return "stake-weighted depths: " + "; ".join((one("chip4", chip4), one("ttc", ttc)))

    return margin, evidence


#: The claims computed by this module, in table order.
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
        (*CHIP4, EU),
    ),
    Claim(
        "C3",
        "The Netherlands (ASML) complies because of the stranglehold (coerced); US–EU not complex",
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
    Claim(
        "C9",
        "Loss of US technological superiority collapses or transforms coalitions",
        "Conclusion",
        _c9,
        CHIP4,
    ),
    Claim(
        "C10",
        "Coalition level: Chip 4 is a complex coalition and the TTC a looser one",
        "Chip 4; TTC",
        _c10,
        (*CHIP4, EU),
    ),
)


def in_draws(
    claims: Sequence[Claim], cases: Mapping[str, Case | Dyad], depth: bool = False
) -> dict[str, Callable[[Samples], Any]]:
    """Per claim, a function of one Monte Carlo chunk: whether the claim holds in each draw (its
    margin ≥ 0; :func:`coalition_games.uncertainty.monte_carlo` counts those draws); ``depth``:
    under the depth option (the model §8)."""

    def holds(claim: Claim) -> Callable[[Samples], Any]:
        return lambda samples: np.asarray(claim.check(DrawWorld(cases, samples, depth))[0]) >= 0

    return {claim.id: holds(claim) for claim in claims}


def under_depth(claims: Sequence[Claim]) -> tuple[Claim, ...]:
    """The claims checked under the depth option (the model §8) in whatever world they are
    given: each check runs in the world's copy with ``depth=True`` (the audit's worlds)."""

    def deepened(check: Callable[[World], Check]) -> Callable[[World], Check]:
        return lambda w: check(w if w.depth else w.with_depth())

    return tuple(dataclasses.replace(c, check=deepened(c.check)) for c in claims)
