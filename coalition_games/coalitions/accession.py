"""Sequential accession: whom the leader asks first and what each ally is paid (the model §5).

The game (an extension of the model §3.2's sequential game to n allies). At each stage the leader
either stops or makes one outsider j a take-it-or-leave-it offer p to join the tier-k coalition
formed so far, M. The invitee compares joining now with staying a holdout of M: its reservation
price is ``lo_j(M) = c_k + d_A`` of its bilateral game inside M ∪ {j} (``coalitions.member_dyad``:
its holdout loss ℓ_j(M) grows with M, so an ally asked later is cheaper). The leader is
farsighted: it plans the whole sequence. Its payoff is V_k(F) − Σ payments + Σ_{h∉F} W_h θ_h
(e_h − κ_h) (it coerces, when credible, every ally left out), and all payments together must fit
the pooled budget.

Subgame-perfect play. The invitee accepts iff p ≥ lo_j(M) (ties: accept), so the leader offers
``p_j(M) = max(0, lo_j(M))`` — the model §3.2's offer, the Nash payment at α = 0. The cheapest way
to reach a member set F, C(F) = min over last entrants j of C(F ∖ j) + W_j p_j(F ∖ j), is computed
over all 2ⁿ sets (dynamic programming); the leader picks the F that maximises its payoff among
those with C(F) ≤ B, and reaches it along a cheapest path (on that path every continuation is
optimal too). With one ally this is the dyad: the ally joins at tier k iff tier k is sustainable,
and it is paid the α = 0 Nash payment.

Ties. Payments are often 0 for several allies (a coerced ally needs no money), so many orders can
be optimal. Ties are broken explicitly, in this order: larger F; then, at each step of the path,
the invitee with the lowest reservation price (the most willing, ``-lo`` largest) first; then
member order. Each step reports whether its choice was *strict* (the only cheapest) or decided by
the tie-break, so that an order the payments do not determine is never presented as a prediction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import numpy as np

from ..results import Table, display, frame, html_table
from ..solution import Tier, demand_tier, jsonable
from .game import Coalition, analyse_draws

__all__ = ["Accession", "AccessionStep", "accession", "first_entrant_costs"]


@dataclass(frozen=True)
class AccessionStep:
    """One accession: who joins, the offer (own stake and US$ bn), and how the choice was made.

    ``reservation`` is the invitee's lo_j(M) (own stake); ``strict`` is False when another
    invitee would have been equally cheap and the tie-break chose.
    """

    ally: str
    before: tuple[str, ...]
    reservation: float
    payment: float
    payment_bn: float
    strict: bool


@dataclass(frozen=True)
class Accession(Table):
    """The subgame-perfect accession path of one tier.

    ``members`` the final coalition F (in order of accession), ``holdouts`` the rest,
    ``leader_payoff`` (US$ bn), ``cost`` Σ payments (US$ bn), ``alone`` each ally's reservation
    price if asked first (its reluctance; own stake).

    ``to_frame()``: one row per step — step (1, 2, …), ally, before (the members it joins,
    comma-separated), reservation (own stake), payment (own stake), payment_bn (US$ bn), strict
    (False: the tie-break chose), alone (its reservation price if asked first).
    """

    tier: Tier
    steps: tuple[AccessionStep, ...]
    holdouts: tuple[str, ...]
    leader_payoff: float
    cost: float
    alone: dict[str, float]

    @property
    def members(self) -> tuple[str, ...]:
        """The allies in order of accession."""
        return tuple(step.ally for step in self.steps)

    @property
    def determined(self) -> bool:
        """True iff every step was chosen strictly (the order is not an artefact of ties)."""
        return all(step.strict for step in self.steps)

    def to_dict(self) -> dict[str, Any]:
        """Strict JSON: the tier, the order, each step, holdouts, payoff, cost, reluctance."""
        return jsonable(
            {
                "tier": self.tier.value,
                "order": list(self.members),
                "steps": [
                    {
                        "ally": s.ally,
                        "before": list(s.before),
                        "reservation": s.reservation,
                        "payment": s.payment,
                        "payment_bn": s.payment_bn,
                        "strict": s.strict,
                    }
                    for s in self.steps
                ],
                "holdouts": list(self.holdouts),
                "leader_payoff": self.leader_payoff,
                "cost": self.cost,
                "alone": dict(self.alone),
            }
        )

    _COLUMNS = (
        "step",
        "ally",
        "before",
        "reservation",
        "payment",
        "payment_bn",
        "strict",
        "alone",
    )

    def _rows(self) -> list[tuple[Any, ...]]:
        return [
            (
                k,
                s.ally,
                ", ".join(s.before),
                s.reservation,
                s.payment,
                s.payment_bn,
                s.strict,
                self.alone[s.ally],
            )
            for k, s in enumerate(self.steps, 1)
        ]

    def to_frame(self) -> Any:
        """The accession steps as a ``pandas.DataFrame`` (columns in the class docstring)."""
        return frame(
            [dict(zip(self._COLUMNS, row, strict=True)) for row in self._rows()], self._COLUMNS
        )

    def _how(self) -> str:
        return (
            "every step decided by the payments"
            if self.determined
            else "some steps decided by the stated tie-break (equal payments), not by payments"
        )

    def explain(self) -> str:
        """The order of accession in words, each offer, and whether payments decide it."""
        lines = [
            f"Accession to the {self.tier.value} coalition: "
            f"{' → '.join(self.members) or 'nobody joins'} ({self._how()})."
        ]
        for k, s in enumerate(self.steps, 1):
            lines.append(
                f"  {k}. {s.ally} joins {{{', '.join(s.before)}}} at reservation price "
                f"{display(s.reservation)} (own stake), paid {display(s.payment_bn)} bn"
                + ("" if s.strict else " (tie-break)")
                + "."
            )
        lines.append(
            f"  Holdouts: {', '.join(self.holdouts) or 'none'}; cost {display(self.cost)} bn; "
            f"leader's payoff {display(self.leader_payoff)} bn."
        )
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return html_table(
            (
                "step",
                "ally",
                "joins",
                "reservation (own stake)",
                "payment (own stake)",
                "payment (US$ bn)",
                "decided by",
                "reservation if asked first",
            ),
            [
                (k, a, b or "—", r, p, pb, "payments" if strict else "tie-break", alone)
                for k, a, b, r, p, pb, strict, alone in self._rows()
            ],
            title=f"Accession to the {self.tier.value} coalition ({self._how()})",
            note=f"Holdouts: {', '.join(self.holdouts) or 'none'}; cost {display(self.cost)} bn; "
            f"leader's payoff {display(self.leader_payoff)} bn.",
        )


def accession(coalition: Coalition, tier: Tier | str = Tier.COMPLEX) -> Accession:
    """The subgame-perfect sequential accession to the tier-k coalition (module docstring).

    Examples
    --------
    >>> from coalition_games import Dyad
    >>> from coalition_games.coalitions import Coalition, CoalitionMember
    >>> eager = CoalitionMember(Dyad(ally="A", security_dependency=1.0, market_loss=0.2), 10.0)
    >>> wary = Dyad(ally="B", security_dependency=0.9, stranglehold=0.6, market_loss=0.6)
    >>> wary = CoalitionMember(wary, 10.0)
    >>> path = accession(Coalition("c", (eager, wary), leader_supply=5.0))
    >>> path.members
    ('A', 'B')
    """
    tier = demand_tier(tier)
    t, solved = coalition.analysis.tables, coalition.analysis.solved[tier]
    grid = coalition.analysis.grid
    n, size = t.n, len(t.masks)
    # price[M, j]: the offer that makes j join M (own stake); W·price in US$ bn.
    price = solved.lower
    cost_bn = t.stake[None, :] * price
    cheapest = np.full(size, np.inf)
    cheapest[0] = 0.0
    for mask in range(1, size):
        members = np.flatnonzero(t.bits[mask])
        before = mask & ~(1 << members)
        cheapest[mask] = np.min(cheapest[before] + cost_bn[before, members])
    value = t.value2 if tier is Tier.COMPLEX else t.value1
    coercion = np.zeros(n)
    if tier is Tier.COMPLEX:
        gain, credible = grid.sanction_gain[0], grid.credible[0]
        coercion = np.where(credible, t.stake * gain, 0.0)
    left_out = (~t.bits) @ coercion
    payoff = np.where(cheapest <= coalition.pool + t.tol, value - cheapest + left_out, -np.inf)
    best = np.max(payoff)
    ties = np.flatnonzero(payoff >= best - t.tol)
    final = int(max(ties, key=lambda m: (int(t.bits[m].sum()), -m)))
    steps = _path(coalition, final, solved.lo, cost_bn)
    return Accession(
        tier=tier,
        steps=steps,
        holdouts=tuple(name for i, name in enumerate(coalition.names) if not final >> i & 1),
        leader_payoff=float(payoff[final]),
        cost=float(cheapest[final]),
        alone={name: float(solved.lo[0, i]) for i, name in enumerate(coalition.names)},
    )


def first_entrant_costs(
    coalition: Coalition,
    tier: Tier | str = Tier.COMPLEX,
    samples: Mapping[str, Mapping[str, Any]] | None = None,
    analysis: SimpleNamespace | None = None,
) -> dict[str, np.ndarray]:
    """Per ally j, the cheapest cost (US$ bn) of building the whole coalition by accessions
    (the offers max(0, lo_j(M)) of :func:`accession`) when j is asked first, for each of D draws
    (see :func:`coalition_games.coalitions.game.analyse_draws`). The ally with the strictly
    smallest cost is the one the leader asks first; equal costs leave the order to the tie-break.
    ``analysis`` is :func:`analyse_draws`' result when it is already at hand.
    """
    tier = demand_tier(tier)
    found = analysis if analysis is not None else analyse_draws(coalition, samples)
    t = found.tables
    cost_bn = t.stake[None, :, None] * found.solved[tier].lower  # (2ⁿ, n, D)
    grand = (1 << t.n) - 1
    to_go = {grand: np.zeros(cost_bn.shape[2])}
    for mask in sorted(range(grand), key=lambda m: -int(t.bits[m].sum())):
        outs = np.flatnonzero(~t.bits[mask])
        to_go[mask] = np.min([cost_bn[mask, j] + to_go[mask | 1 << j] for j in outs], axis=0)
    return {name: cost_bn[0, j] + to_go[1 << j] for j, name in enumerate(coalition.names)}


def _path(
    coalition: Coalition, final: int, lo: np.ndarray, cost_bn: np.ndarray
) -> tuple[AccessionStep, ...]:
    """A cheapest path ∅ → final, invitees ordered by the stated tie-break."""
    t = coalition.analysis.tables
    # to_go[M]: the cheapest cost from M (⊆ final) to final.
    subsets = [m for m in range(final + 1) if m & final == m]
    to_go = {final: 0.0}
    for mask in sorted(subsets, key=lambda m: -int(t.bits[m].sum()))[1:]:
        outs = np.flatnonzero(t.bits[final] & ~t.bits[mask]).tolist()
        to_go[mask] = min(cost_bn[mask, j] + to_go[mask | 1 << j] for j in outs)
    steps, mask = [], 0
    while mask != final:
        outs = np.flatnonzero(t.bits[final] & ~t.bits[mask]).tolist()
        totals = {j: cost_bn[mask, j] + to_go[mask | 1 << j] for j in outs}
        low = min(totals.values())
        best = [j for j, v in totals.items() if v <= low + t.tol]
        j = min(best, key=lambda k: (lo[mask, k], k))
        steps.append(
            AccessionStep(
                ally=coalition.names[j],
                before=coalition.members_of(mask),
                reservation=float(lo[mask, j]),
                payment=float(cost_bn[mask, j] / t.stake[j]),
                payment_bn=float(cost_bn[mask, j]),
                strict=len(best) == 1,
            )
        )
        mask |= 1 << j
    return tuple(steps)
