"""Nash's variable-threat game (Nash 1953) over the dyad (the model §3.5).

Before bargaining, each side chooses a threat and commits to carry it out if bargaining breaks
down; the bargaining outcome given the threats is the constrained asymmetric Nash solution of
the model §2 with the threats in the disagreement point. The threat game is the bimatrix of those
outcomes:

* leader (rows): ``"no threat"`` (θ = 0) or ``"stranglehold"`` (θ = 1: deny the technology after a
  breakdown, committed — Nash's threats are binding, so it is carried out even when
  e − κ(s) < 0, unlike the credible-threat baseline);
* ally (columns): ``"no counter-threat"`` (w = 0) or ``"hedge with the target"`` (take the
  target's offer w after a breakdown).

Each cell's payoffs are the agreement payoffs of the tier the dyad then sustains (complex, else
simple) at the Nash side-payment, or, with no coalition, the complex tier's disagreement point
(the threats are executed). Bargaining terms come from :func:`coalition_games.formulas.tier_terms`
and :func:`~coalition_games.formulas.nash_payment`. The equilibria — pure and mixed — are all
extreme equilibria of the 2×2 game (:func:`coalition_games.games.strategic.equilibria`, verified by
regret); ``nashpy`` holds the game.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .. import formulas
from ..formulas import SCALAR
from ..model import Dyad
from ..results import Table, frame, html_table
from ..solution import Tier, jsonable
from .strategic import (
    EQUILIBRIUM_COLUMNS,
    Equilibrium,
    StrategicForm,
    equilibria,
    equilibria_html,
    equilibria_rows,
    is_degenerate,
)

__all__ = ["ALLY_THREATS", "LEADER_THREATS", "ThreatGame", "threat_game"]

LEADER_THREATS = ("no threat", "stranglehold")
ALLY_THREATS = ("no counter-threat", "hedge with the target")


@dataclass(frozen=True)
class ThreatGame(Table):
    """The threat bimatrix, each cell's tier, and all extreme equilibria (pure and mixed).

    ``to_frame()``: one row per extreme equilibrium (the columns of
    :data:`~coalition_games.games.strategic.EQUILIBRIUM_COLUMNS`).
    """

    form: StrategicForm
    tiers: tuple[tuple[Tier, Tier], tuple[Tier, Tier]]
    equilibria: tuple[Equilibrium, ...]
    degenerate: bool

    def explain(self) -> str:
        """The threat game in words: each cell's coalition, then every equilibrium."""
        lines = [f"{self.form.title}: each cell is the coalition the threats induce"]
        for i, leader in enumerate(LEADER_THREATS):
            for j, ally in enumerate(ALLY_THREATS):
                lines.append(
                    f"  leader {leader}, ally {ally}: {self.tiers[i][j].value} "
                    f"(payoffs {self.form.A[i, j]:.3g}, {self.form.B[i, j]:.3g})"
                )
        lines.append(f"{len(self.equilibria)} extreme equilibria (pure and mixed, verified):")
        if searched := getattr(self.equilibria, "searched", ""):
            lines.append(f"  Searched: {searched}")
        lines.extend(f"  {e.describe(self.form)}" for e in self.equilibria)
        return "\n".join(lines)

    def to_frame(self) -> Any:
        """The equilibria as a ``pandas.DataFrame`` (columns in the class docstring)."""
        return frame(equilibria_rows(self.form, self.equilibria), EQUILIBRIUM_COLUMNS)

    def to_dict(self) -> dict[str, Any]:
        """Strict JSON: the threats, each cell's tier and payoffs, every equilibrium."""
        return jsonable(
            {
                "title": self.form.title,
                "cells": [
                    {
                        "leader": leader,
                        "ally": ally,
                        "tier": self.tiers[i][j].value,
                        "payoffs": [self.form.A[i, j], self.form.B[i, j]],
                    }
                    for i, leader in enumerate(LEADER_THREATS)
                    for j, ally in enumerate(ALLY_THREATS)
                ],
                "degenerate": self.degenerate,
                "equilibria": [e.to_dict(self.form) for e in self.equilibria],
            }
        )

    def _repr_html_(self) -> str:
        cells = html_table(
            ("leader \\ ally", *ALLY_THREATS),
            [
                (
                    leader,
                    *(
                        f"{self.tiers[i][j].value} ({self.form.A[i, j]:.4g}, "
                        f"{self.form.B[i, j]:.4g})"
                        for j in range(len(ALLY_THREATS))
                    ),
                )
                for i, leader in enumerate(LEADER_THREATS)
            ],
            title=f"{self.form.title}: the coalition each pair of threats induces (payoffs)",
        )
        return cells + equilibria_html(
            self.form, self.equilibria, f"{len(self.equilibria)} extreme equilibria (verified)"
        )

    def pure(self) -> list[tuple[str, str]]:
        """The pure equilibria as (leader threat, ally threat) pairs."""
        return [
            (LEADER_THREATS[int(e.leader.argmax())], ALLY_THREATS[int(e.ally.argmax())])
            for e in self.equilibria
            if e.is_pure()
        ]


def _cell(dyad: Dyad, threat: bool, hedge: bool) -> tuple[Tier, float, float]:
    d = dyad if hedge else dyad.replace(target_offer=0.0)
    theta = 1.0 if threat else 0.0
    gain = theta * formulas.sanction_gain(d)
    simple = formulas.tier_terms(d, *formulas.cost_and_value(d, 1), 0.0, 0.0, SCALAR)
    complex_ = formulas.tier_terms(
        d, *formulas.cost_and_value(d, 2), theta * d.stranglehold, gain, SCALAR
    )
    for tier, terms in ((Tier.COMPLEX, complex_), (Tier.SIMPLE, simple)):
        if terms.sustainable:
            cost, value = formulas.cost_and_value(d, tier.code)
            p = formulas.nash_payment(d, terms, SCALAR)
            return tier, value - p, p - cost
    return Tier.INFEASIBLE, gain, complex_.lo - d.complex_cost


def threat_game(dyad: Dyad) -> ThreatGame:
    """Build and solve the variable-threat game of ``dyad``.

    Examples
    --------
    >>> from coalition_games import Dyad
    >>> game = threat_game(Dyad(security_dependency=0.9, stranglehold=0.5, market_loss=0.6,
    ...                         side_payment_budget=0.1, target_offer=0.2))
    >>> game.pure()
    [('stranglehold', 'hedge with the target')]
    """
    if not isinstance(dyad, Dyad):
        raise TypeError(f"dyad must be a coalition_games.Dyad, got {type(dyad).__name__}")
    cells = [[_cell(dyad, t, h) for h in (False, True)] for t in (False, True)]
    A = np.array([[c[1] for c in row] for row in cells])
    B = np.array([[c[2] for c in row] for row in cells])
    form = StrategicForm(
        f"{dyad.name}: variable threats (Nash 1953)", LEADER_THREATS, ALLY_THREATS, A, B
    )
    found = equilibria(form)
    (no_threat, no_threat_hedge), (threat, threat_hedge) = cells
    tiers = ((no_threat[0], no_threat_hedge[0]), (threat[0], threat_hedge[0]))
    return ThreatGame(form, tiers, found, is_degenerate(form, found))
