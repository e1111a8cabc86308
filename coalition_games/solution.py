"""The result every solver returns: tier, payments, payoffs, mechanism, margins, and their story."""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from . import formulas
from .formulas import Evaluation, TierTerms
from .model import Dyad
from .results import Result, display, html_fields

__all__ = [
    "CONSTRAINTS",
    "DepthOutcome",
    "Mechanism",
    "Solution",
    "Tier",
    "TierOutcome",
    "demand_tier",
    "depth_outcome",
    "jsonable",
    "mechanism_of",
    "tier_outcome",
    "tier_outcomes",
]


class Tier(StrEnum):
    """The coalition a dyad sustains, ordered INFEASIBLE < SIMPLE < COMPLEX.

    The values are the strings ``"infeasible"``, ``"simple"``, ``"complex"``; ``code`` is the
    integer used by the vectorised sweep (0, 1, 2). Comparison with a plain string converts it
    to a ``Tier`` first (``Tier.SIMPLE < "complex"`` is True).
    """

    INFEASIBLE = "infeasible"
    SIMPLE = "simple"
    COMPLEX = "complex"

    @property
    def code(self) -> int:
        """0 for infeasible, 1 for simple, 2 for complex (the model's k, with 0 for no
        coalition)."""
        return _CODES[self]

    @classmethod
    def from_code(cls, code: int) -> Tier:
        """The tier with integer code 0, 1 or 2 (an integer, numpy's included; a float such as
        2.9 or a boolean is refused, not truncated)."""
        if isinstance(code, bool) or not isinstance(code, numbers.Integral):
            raise TypeError(
                f"tier code must be an integer 0, 1 or 2, got {code!r} of type "
                f"{type(code).__name__}"
            )
        try:
            return _TIERS[int(code)]
        except KeyError:
            raise ValueError(f"tier code must be 0, 1 or 2, got {code!r}") from None

    def _rank(self, other: object) -> tuple[int, int] | None:
        if isinstance(other, str) and not isinstance(other, Tier):
            other = Tier(other)
        if not isinstance(other, Tier):
            return None
        return self.code, other.code

    def __lt__(self, other: object) -> bool:
        pair = self._rank(other)
        return NotImplemented if pair is None else pair[0] < pair[1]

    def __le__(self, other: object) -> bool:
        pair = self._rank(other)
        return NotImplemented if pair is None else pair[0] <= pair[1]

    def __gt__(self, other: object) -> bool:
        pair = self._rank(other)
        return NotImplemented if pair is None else pair[0] > pair[1]

    def __ge__(self, other: object) -> bool:
        pair = self._rank(other)
        return NotImplemented if pair is None else pair[0] >= pair[1]

    __hash__ = str.__hash__


_TIERS = dict(enumerate(Tier))
_CODES = {tier: code for code, tier in _TIERS.items()}


class Mechanism(StrEnum):
    """How a coalition is obtained (the model §2); compensated and coerced combine.

    * ``COERCED``: the credible threat is pivotal — without it tier 2 would not be sustainable.
    * ``COMPENSATED``: the side-payment is positive.
    * ``VOLUNTARY``: a coalition that is neither.
    """

    VOLUNTARY = "voluntary"
    COMPENSATED = "compensated"
    COERCED = "coerced"


#: The constraints whose slack makes a tier's margins; a tier is sustainable iff all are ≥ 0.
CONSTRAINTS: Mapping[str, str] = {
    "joint_surplus": "hi − lo: the leader's reservation price covers the ally's",
    "budget": "B − max(0, lo): the budget covers the ally's reservation price",
    "leader_gain": "hi: the leader gains from agreement even at a zero payment",
}


@dataclass(frozen=True)
class TierOutcome(Result):
    """One tier's bargaining problem and its solution.

    ``lo = c_k + d_A`` is the ally's reservation price, ``hi = v_k − d_L`` the leader's; the
    agreement interval is ``[max(0, lo), min(B, hi)]``. ``margins`` holds each constraint's slack
    (see ``CONSTRAINTS``); ``margin = min(B, hi) − max(0, lo)`` is their minimum and ``binding``
    names the constraint that attains it (the first in ``CONSTRAINTS`` order on ties).
    ``voluntary_margin = sσ − w − c_k`` is what the ally gains by joining at a zero payment rather
    than refusing without coercion.
    """

    tier: Tier
    ally_disagreement: float
    leader_disagreement: float
    lo: float
    hi: float
    interval: tuple[float, float]
    sustainable: bool
    payment: float | None
    margins: Mapping[str, float]
    voluntary_margin: float

    @property
    def margin(self) -> float:
        """min(B, hi) − max(0, lo): the sustainability margin, ≥ 0 iff sustainable (a tie within
        ``TOL`` is sustainable and its margin reported as 0: :func:`formulas.signed`)."""
        return float(formulas.signed(self.sustainable, self.interval[1] - self.interval[0]))

    @property
    def binding(self) -> str:
        """The constraint with the least slack."""
        return min(self.margins, key=self.margins.__getitem__)

    def to_dict(self) -> dict[str, Any]:
        """A strict-JSON dict (see :func:`jsonable`)."""
        return jsonable(
            {
                "tier": self.tier.value,
                "ally_disagreement": self.ally_disagreement,
                "leader_disagreement": self.leader_disagreement,
                "lo": self.lo,
                "hi": self.hi,
                "interval": list(self.interval),
                "sustainable": self.sustainable,
                "payment": self.payment,
                "margin": self.margin,
                "margins": dict(self.margins),
                "binding": self.binding,
                "voluntary_margin": self.voluntary_margin,
            }
        )

    def explain(self) -> str:
        """One line: the interval, whether it is sustainable, its margin and tightest constraint."""
        status = "sustainable" if self.sustainable else "not sustainable"
        return (
            f"{self.tier.value.capitalize()} tier: interval [{self.interval[0]:.3g}, "
            f"{self.interval[1]:.3g}], {status}, margin {self.margin:.3g} (tightest: "
            f"{self.binding}); voluntary margin {self.voluntary_margin:.3g}."
        )

    def _repr_html_(self) -> str:
        low, high = (display(x) for x in self.interval)
        return html_fields(
            f"{self.tier.value} tier",
            [
                ("agreement interval", f"[{low}, {high}]"),
                ("sustainable", self.sustainable),
                ("Nash payment", self.payment),
                ("margin", self.margin),
                *((f"slack: {name}", value) for name, value in self.margins.items()),
                ("binding constraint", self.binding),
                ("reservation prices (ally lo, leader hi)", [self.lo, self.hi]),
                ("voluntary margin", self.voluntary_margin),
            ],
        )


@dataclass(frozen=True)
class DepthOutcome(Result):
    """The attainable depth of a dyad under the depth option (the model §8).

    Attributes
    ----------
    depth : d*, the deepest sustainable depth of the complex demand (the share of the ally's
        target-exposed sales the demanded measures cover), or None where no depth is sustainable.
    complex : d* exists and d* > TOL (the dyad is complex under the option).
    mechanism : at d* — coerced (without the credible threat the deepest sustainable depth would
        be smaller), compensated (p > 0), or voluntary; empty when not complex.
    binding : str or None
        What stops a deeper demand: "budget", "participation", "credibility threshold" or
        "full depth" (d* = 1); None without a sustainable depth.
    side_payment, leader_payoff, ally_payoff : the bargain at d* (the method's payment).
    credible : the threat backs the demand at d* (d*·e − κ(s) ≥ 0).
    threshold : d_c = κ(s)/e, the least depth a credible threat backs (+inf: none).
    unthreatened : the deepest depth sustainable without the threat (None: none).
    preferred : the leader's preferred sustainable depth at α = 0 (the sequential game's offer,
        ties toward the deeper demand); it equals d* where v₂ ≥ m.
    """

    depth: float | None
    complex: bool
    mechanism: tuple[Mechanism, ...]
    binding: str | None
    side_payment: float
    leader_payoff: float
    ally_payoff: float
    credible: bool
    threshold: float
    unthreatened: float | None
    preferred: float | None

    def to_dict(self) -> dict[str, Any]:
        """Strict JSON (see :func:`jsonable`)."""
        return jsonable(
            {
                "depth": self.depth,
                "complex": self.complex,
                "mechanism": [m.value for m in self.mechanism],
                "binding": self.binding,
                "side_payment": self.side_payment,
                "leader_payoff": self.leader_payoff,
                "ally_payoff": self.ally_payoff,
                "credible": self.credible,
                "threshold": self.threshold,
                "unthreatened": self.unthreatened,
                "preferred": self.preferred,
            }
        )

    def explain(self) -> str:
        """The depth in words: d*, its mechanism, what binds it, the leader's preference."""
        if self.depth is None:
            return "Depth (the model §8): no depth of the complex demand is sustainable."
        how = " + ".join(m.value for m in self.mechanism) or "none (not complex)"
        threshold = "never" if math.isinf(self.threshold) else f"{self.threshold:.3g}"
        lines = [
            f"Depth (the model §8): d* = {self.depth:.4g} — the deepest sustainable demand "
            f"covers {self.depth:.1%} of the ally's target-exposed sales.",
            f"  Mechanism at d*: {how}; bound by: {self.binding}. Side-payment "
            f"{self.side_payment:.3g}; payoffs leader {self.leader_payoff:.3g}, ally "
            f"{self.ally_payoff:.3g}.",
            f"  Threat {'backs' if self.credible else 'does not back'} the demand at d* "
            f"(credible from depth d_c = {threshold}); without the threat the deepest "
            "sustainable depth is "
            + ("none" if self.unthreatened is None else f"{self.unthreatened:.4g}")
            + ".",
        ]
        if self.preferred is not None and abs(self.preferred - self.depth) > formulas.TOL:
            lines.append(
                f"  The leader would rather ask for depth {self.preferred:.4g} (v₂ < m: a unit "
                "of depth is worth less to it than it must pay for it); d* stays the depth."
            )
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return html_fields("Depth (the model §8)", self._rows())

    def _rows(self) -> list[tuple[str, Any]]:
        return [
            ("depth d*", self.depth),
            ("mechanism at d*", " + ".join(m.value for m in self.mechanism) or "—"),
            ("bound by", self.binding),
            ("side-payment at d*", self.side_payment),
            ("threat backs d*", self.credible),
            ("credibility threshold d_c", self.threshold),
            ("depth without the threat", self.unthreatened),
            ("leader-preferred depth", self.preferred),
        ]


def depth_outcome(
    found: formulas.Depth, side_payment: float, leader_payoff: float, ally_payoff: float
) -> DepthOutcome:
    """The :class:`DepthOutcome` of a scalar :func:`formulas.attainable_depth` and the bargain
    the method found at d*."""
    exists = bool(found.exists)
    is_complex = bool(found.complex)
    coerced = (
        is_complex and bool(found.credible) and not found.unthreatened >= found.depth - formulas.TOL
    )
    compensated = is_complex and not formulas.SCALAR.ge(0.0, side_payment)
    return DepthOutcome(
        depth=float(found.depth) if exists else None,
        complex=is_complex,
        mechanism=mechanism_of(
            Tier.COMPLEX if is_complex else Tier.INFEASIBLE, coerced, compensated
        ),
        binding=formulas.DEPTH_BINDINGS[int(found.binding)] if exists else None,
        side_payment=side_payment,
        leader_payoff=leader_payoff,
        ally_payoff=ally_payoff,
        credible=bool(found.credible),
        threshold=float(found.threshold),
        unthreatened=float(found.unthreatened) if found.unthreatened >= 0 else None,
        preferred=float(found.preferred) if exists else None,
    )


@dataclass(frozen=True)
class Solution(Result):
    """A dyad's equilibrium outcome under one solution concept.

    Attributes
    ----------
    dyad : the parameters solved.
    method : the solution concept (``"nash"``, …).
    tier : the coalition sustained.
    side_payment, leader_payoff, ally_payoff : the agreement (p, v_k − p, p − c_k); with no
        coalition, the status quo (0, 0, −ℓ(s) + w), ℓ(s) = min(sσ, X̄).
    threat_credible : e − κ(s) ≥ 0.
    threat_used : complex and the threat credible (it shapes the bargain).
    mechanism : ``(COERCED, COMPENSATED)``, ``(COERCED,)``, ``(COMPENSATED,)``, ``(VOLUNTARY,)``;
        empty when no coalition forms.
    conflict : the model's flag — complex out of reach, the stranglehold alone would bring it within
        reach, but the threat is not credible ("stranglehold without dependency leads to conflict").
    tiers : each tier's ``TierOutcome`` (simple and complex).
    details : method-specific results (strategy profiles, equilibria, …).
    depth : the attainable depth under the depth option (the model §8; ``DepthOutcome``), None
        when the option is off.
    """

    dyad: Dyad
    method: str
    tier: Tier
    side_payment: float
    leader_payoff: float
    ally_payoff: float
    threat_credible: bool
    threat_used: bool
    mechanism: tuple[Mechanism, ...]
    conflict: bool
    tiers: Mapping[Tier, TierOutcome]
    details: Mapping[str, Any] = field(default_factory=dict)
    depth: DepthOutcome | None = None

    @property
    def binding(self) -> str:
        """The constraint that decides the classification at the margin.

        For a complex dyad, the complex tier's tightest constraint (what would break it first);
        for a simple dyad, the complex tier's most violated one (what keeps it out of reach); for an
        infeasible dyad, the simple tier's most violated one.
        """
        tier = Tier.SIMPLE if self.tier is Tier.INFEASIBLE else Tier.COMPLEX
        return self.tiers[tier].binding

    @property
    def security_loss(self) -> float:
        """ℓ(s) = min(sσ, X̄): the security loss a refusal costs the ally (the model §6)."""
        return float(formulas.security_loss(self.dyad, formulas.SCALAR))

    @property
    def linkage_capped(self) -> bool:
        """True when the linkage cap binds: X̄ < sσ, so a refusal costs the ally X̄, not sσ."""
        d = self.dyad
        return d.linkage_cap < d.security_dependency * d.security_stake

    def to_dict(self) -> dict[str, Any]:
        """A strict-JSON dict of the parameters and the outcome (see :func:`jsonable`)."""
        return jsonable(
            {
                "leader": self.dyad.leader,
                "ally": self.dyad.ally,
                "parameters": self.dyad.parameters(),
                "method": self.method,
                "tier": self.tier.value,
                "side_payment": self.side_payment,
                "leader_payoff": self.leader_payoff,
                "ally_payoff": self.ally_payoff,
                "threat_credible": self.threat_credible,
                "threat_used": self.threat_used,
                "mechanism": [m.value for m in self.mechanism],
                "conflict": self.conflict,
                "binding": self.binding,
                "security_loss": {
                    "value": self.security_loss,
                    "applied": "linkage cap X̄" if self.linkage_capped else "sσ",
                    "cap_slack": self.dyad.linkage_cap
                    - self.dyad.security_dependency * self.dyad.security_stake,
                },
                "tiers": {tier.value: out.to_dict() for tier, out in self.tiers.items()},
                "details": {k: v for k, v in self.details.items() if _is_plain(v)},
                "options": {"depth": self.dyad.depth},
                "depth": None if self.depth is None else self.depth.to_dict(),
            }
        )

    def explain(self) -> str:
        """A plain-language account of the outcome and why."""
        d = self.dyad
        complex_ = self.tiers[Tier.COMPLEX]
        simple = self.tiers[Tier.SIMPLE]
        threat = (
            f"credible: e − κ(s) = {d.sanction_gain:.3g} ≥ 0, so after a refusal the leader would "
            "deny the technology"
            if self.threat_credible
            else f"not credible: e − κ(s) = {d.sanction_gain:.3g} < 0, so the leader would not "
            "carry it out and the ally ignores it"
        )
        lines = [
            f"{d.name}: {self.tier.value.upper()} coalition ({self.method})",
            f"  Threat (stranglehold t = {d.stranglehold:g}): {threat}.",
        ]
        abandonment = d.security_dependency * d.security_stake
        if self.linkage_capped:
            lines.append(
                f"  Security loss on refusal: capped at the linkage cap X̄ = {d.linkage_cap:.3g} "
                f"(sσ = {abandonment:.3g} exceeds what the leader would carry out)."
            )
        elif d.linkage_cap < math.inf:
            lines.append(
                f"  Security loss on refusal: sσ = {abandonment:.3g}, within the linkage cap "
                f"X̄ = {d.linkage_cap:.3g}."
            )
        if self.tier is Tier.INFEASIBLE:
            lines.append(
                "  No coalition: even a simple one fails — the ally's price "
                f"{simple.lo:.3g} exceeds what the leader can give, "
                f"{min(d.side_payment_budget, simple.hi):.3g} ({simple.binding} binds)."
            )
        else:
            how = " + ".join(m.value for m in self.mechanism)
            lines.append(
                f"  Agreement: side-payment {self.side_payment:.3g} (budget "
                f"{d.side_payment_budget:g}); payoffs leader {self.leader_payoff:.3g}, ally "
                f"{self.ally_payoff:.3g}. Mechanism: {how}."
            )
        for out in (complex_, simple):
            lines.append(f"  {out.explain()}")
        if self.conflict:
            lines.append(
                "  Conflict: the stranglehold alone would make the complex tier reachable, but "
                "the threat is not credible — stranglehold without dependency leads to conflict."
            )
        if self.depth is not None:
            lines.append("  " + self.depth.explain().replace("\n", "\n  "))
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        d = self.dyad
        rows: list[tuple[str, Any]] = [
            ("tier", self.tier),
            ("side-payment", f"{self.side_payment:.4g} (budget {d.side_payment_budget:.4g})"),
            ("payoffs (leader, ally)", [self.leader_payoff, self.ally_payoff]),
            (
                "threat",
                ("credible" if self.threat_credible else "not credible")
                + (", used" if self.threat_used else ""),
            ),
            ("mechanism", " + ".join(m.value for m in self.mechanism) or "—"),
            ("conflict", self.conflict),
            ("binding constraint", self.binding),
            ("security loss on refusal", self.security_loss),
        ]
        for out in self.tiers.values():
            rows.append(
                (
                    f"{out.tier.value} tier",
                    f"[{out.interval[0]:.4g}, {out.interval[1]:.4g}], margin {out.margin:.4g}"
                    f" ({'sustainable' if out.sustainable else 'not sustainable'})",
                )
            )
        if self.depth is not None:
            rows += self.depth._rows()
        return html_fields(f"{d.name}: {self.tier.value} coalition ({self.method})", rows)


def tier_outcome(
    dyad: Any, tier: Tier, terms: TierTerms, payment: float, leader_disagreement: float
) -> TierOutcome:
    """One tier's ``TierOutcome`` from its bargaining terms (the model §2) and its payment.

    Margins: joint surplus hi − lo, budget B − max(0, lo), leader gain hi; the voluntary margin is
    sσ − w − c_k. In a sustainable tier every constraint holds within ``TOL``, and its slack is
    reported as ≥ 0 (:func:`formulas.signed`: a slack in [−TOL, 0) reads 0), so that the tier is
    sustainable iff all its margins are ≥ 0.
    """
    cost, _ = formulas.cost_and_value(dyad, tier.code)
    margins = formulas.margins(dyad, terms)
    if terms.sustainable:
        margins = {name: float(formulas.signed(True, slack)) for name, slack in margins.items()}
    return TierOutcome(
        tier=tier,
        ally_disagreement=terms.lo - cost,
        leader_disagreement=leader_disagreement,
        lo=terms.lo,
        hi=terms.hi,
        interval=(terms.lower, terms.upper),
        sustainable=bool(terms.sustainable),
        payment=payment if terms.sustainable else None,
        margins=margins,
        voluntary_margin=formulas.voluntary_margin(dyad, tier.code, formulas.SCALAR),
    )


def tier_outcomes(dyad: Any, ev: Evaluation) -> dict[Tier, TierOutcome]:
    """Each tier's bargaining problem and Nash payment, from an evaluation of the model §2.

    ``dyad`` is a ``Dyad`` or the parameters of a complex demand at depth d
    (:func:`formulas.at_depth`, the model §8)."""
    return {
        Tier.SIMPLE: tier_outcome(dyad, Tier.SIMPLE, ev.simple, ev.simple_payment, 0.0),
        Tier.COMPLEX: tier_outcome(
            dyad,
            Tier.COMPLEX,
            ev.complex,
            ev.complex_payment,
            formulas.sanction_gain(dyad) if ev.credible else 0.0,
        ),
    }


def mechanism_of(tier: Tier, coerced: bool, compensated: bool) -> tuple[Mechanism, ...]:
    """The mechanism: empty without a coalition, else coerced and/or compensated, or voluntary."""
    if tier is Tier.INFEASIBLE:
        return ()
    found = tuple(
        m
        for m, flag in ((Mechanism.COERCED, coerced), (Mechanism.COMPENSATED, compensated))
        if flag
    )
    return found or (Mechanism.VOLUNTARY,)


def demand_tier(tier: Tier | str) -> Tier:
    """A tier the leader can demand: ``Tier.SIMPLE`` or ``Tier.COMPLEX`` (or their names)."""
    try:
        found = Tier(tier)
    except ValueError:
        found = None
    if found not in (Tier.SIMPLE, Tier.COMPLEX):
        raise ValueError(f"tier={tier!r} is not allowed; use 'simple' or 'complex'")
    return found


def _is_plain(value: Any) -> bool:
    """True for JSON data all the way down (numbers, strings, lists and string-keyed mappings of
    them): what ``Solution.to_dict`` keeps of ``details`` (game trees and equilibria are left
    out; ``explain()`` and the objects themselves carry them)."""
    if value is None or isinstance(value, (str, numbers.Real)):
        return True
    if isinstance(value, Mapping):
        return all(isinstance(k, str) and _is_plain(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return all(_is_plain(v) for v in value)
    return False


def jsonable(value: Any) -> Any:
    """``value`` in strict JSON (``json.dumps(..., allow_nan=False)`` accepts it): ±∞ becomes the
    string ``"inf"`` / ``"-inf"`` (``float("inf")`` reads it back), tuples become lists, mappings
    dicts with string keys, numpy scalars plain numbers; NaN is an error, never written."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        if math.isnan(number):
            raise ValueError("NaN reached a result: refused (every JSON written is strict)")
        if math.isinf(number):
            return "inf" if number > 0 else "-inf"
        return number
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    raise TypeError(f"{type(value).__name__} is not JSON data")
