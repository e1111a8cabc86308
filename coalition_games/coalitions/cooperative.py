"""The cooperative game a coalition induces: Shapley values and the core (the model §5).

Players: the leader (player 0) and the allies. The worth of a set T is the surplus it can realise
over the no-coalition status quo of the model §2 (leader 0, ally −sσ + w), in US$ bn:

* v(T) = 0 if the leader is not in T (allies cannot build the leader's coalition alone);
* v({L} ∪ S) = max(0, max over the tiers k that S sustains of
  V_k(S) + Σ_{i∈S} W_i (s_i σ_i − w_i − c_{k,i})),

with c₁ the simple cost and c₂ = m + a − g the complex cost of each ally's own dyad, and
sustainability, V_k and W as in :mod:`coalition_games.coalitions` (the shared budget and the
bilateral bargains decide which tiers a set can reach; threats and holdout losses shape how the
surplus is divided, not how large it is). Sets that sustain nothing are worth 0.

The leader is a veto player, so the core is non-empty whenever v is monotone (give the leader
everything); it is empty when a smaller coalition is worth more than the grand coalition — e.g.
when adding a reluctant ally drops the tier. The least core's ε (Maschler, Peleg & Shapley 1979)
says by how much: the core is empty iff ε > 0 (within ``formulas.TOL``).

Shapley values (Shapley 1953) are exact: the weighted sum of marginal contributions over all
2ⁿ⁺¹ sets, vectorised. The core is solved as a linear programme over all 2ⁿ⁺¹ − 2 coalition
constraints with scipy's HiGHS.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from .. import formulas
from ..formulas import TOL
from ..results import Result, Table, display, frame, html_fields, html_table
from ..solution import Tier, jsonable
from .game import Coalition

__all__ = ["Core", "ShapleyValues", "core", "shapley_values", "worths"]


def worths(coalition: Coalition) -> np.ndarray:
    """v(T) for every bitmask T over (leader, ally₁, …, allyₙ); bit 0 is the leader."""
    t = coalition.analysis.tables
    members = [m.dyad for m in coalition.members]
    refusal = np.array([formulas.refusal_loss(d, formulas.SCALAR) for d in members])
    best = np.zeros(len(t.masks))
    for tier, value in ((Tier.SIMPLE, t.value1), (Tier.COMPLEX, t.value2)):
        cost = np.array([formulas.cost_and_value(d, tier.code)[0] for d in members])
        surplus = value + t.bits @ (t.stake * (refusal - cost))
        reach = coalition.analysis.solved[tier].sustainable
        best = np.where(reach, np.maximum(best, surplus), best)
    out = np.zeros(2 * len(t.masks))
    out[1::2] = best  # masks with bit 0 (the leader) set: T = 2·S + 1
    return out


def _players(coalition: Coalition) -> tuple[str, ...]:
    return (coalition.leader, *coalition.names)


@dataclass(frozen=True)
class ShapleyValues(Table, Mapping[str, float]):
    """Each player's Shapley value (US$ bn), leader first; reads like a dict (``phi["Japan"]``).

    ``phi`` the values by player, ``grand`` v(N) (their sum), ``leader`` the leader's name.
    ``to_frame()``: one row per player — player, role (leader or ally), shapley (US$ bn), share
    (of v(N); NaN when v(N) = 0).
    """

    coalition: str
    phi: Mapping[str, float]
    grand: float
    leader: str

    def __getitem__(self, player: str) -> float:
        return self.phi[player]

    def __iter__(self) -> Iterator[str]:
        return iter(self.phi)

    def __len__(self) -> int:
        return len(self.phi)

    def _rows(self) -> list[tuple[str, str, float, float]]:
        return [
            (
                p,
                "leader" if p == self.leader else "ally",
                v,
                v / self.grand if self.grand else math.nan,
            )
            for p, v in self.phi.items()
        ]

    def to_frame(self) -> Any:
        """The values as a ``pandas.DataFrame``: player, role, shapley (US$ bn), share."""
        columns = ("player", "role", "shapley", "share")
        return frame([dict(zip(columns, r, strict=True)) for r in self._rows()], columns)

    def to_dict(self) -> dict[str, Any]:
        """Strict JSON: the coalition, v(N) and each player's value (US$ bn)."""
        return jsonable(
            {
                "coalition": self.coalition,
                "grand": self.grand,
                "leader": self.leader,
                "shapley": dict(self.phi),
            }
        )

    def explain(self) -> str:
        """The values in words, with each player's share of v(N)."""
        parts = ", ".join(
            f"{p} {display(v)}" + ("" if share != share else f" ({share:.0%})")
            for p, _, v, share in self._rows()
        )
        return (
            f"Shapley values of {self.coalition} (US$ bn; v(N) = {display(self.grand)}): {parts}."
        )

    def _repr_html_(self) -> str:
        return html_table(
            ("player", "role", "Shapley value (US$ bn)", "share of v(N)"),
            [(p, r, v, "—" if s != s else f"{s:.1%}") for p, r, v, s in self._rows()],
            title=f"Shapley values: {self.coalition}",
            note=f"v(N) = {display(self.grand)} bn, the surplus of the grand coalition.",
        )


def shapley_values(coalition: Coalition) -> ShapleyValues:
    """φ_i = Σ_{T ∌ i} t! (N − t − 1)! / N! · (v(T ∪ i) − v(T)) with t = #T, leader first.

    Examples
    --------
    >>> from coalition_games import Dyad
    >>> from coalition_games.coalitions import Coalition, CoalitionMember
    >>> c = Coalition("c", (CoalitionMember(Dyad(ally="A"), 10.0),), leader_supply=1.0)
    >>> phi = shapley_values(c)
    >>> phi["leader"] == phi["A"]        # two players who need each other split evenly
    True
    """
    v = worths(coalition)
    players = _players(coalition)
    total = len(players)
    masks = np.arange(len(v))
    size = np.array([bin(m).count("1") for m in masks])
    weight = np.array(
        [
            math.factorial(s) * math.factorial(total - s - 1) / math.factorial(total)
            for s in range(total)
        ]
    )
    phi = {}
    for i, name in enumerate(players):
        without = masks[(masks >> i & 1) == 0]
        phi[name] = float(np.sum(weight[size[without]] * (v[without | 1 << i] - v[without])))
    return ShapleyValues(coalition.name, phi, float(v[-1]), coalition.leader)


@dataclass(frozen=True)
class Core(Result):
    """The core of the induced game: ``empty`` iff the least-core ``epsilon`` > TOL.

    ``allocation`` is a least-core point (a core point when the core is non-empty), leader first;
    ``grand`` is v(N).
    """

    empty: bool
    epsilon: float
    allocation: dict[str, float]
    grand: float

    def contains(self, allocation: dict[str, float], coalition: Coalition) -> bool:
        """Whether ``allocation`` (by player name) is in the core (within TOL)."""
        v = worths(coalition)
        x = np.array([allocation[p] for p in _players(coalition)])
        if abs(x.sum() - v[-1]) > TOL * max(1.0, abs(v[-1])):
            return False
        bits = (np.arange(len(v))[:, None] >> np.arange(len(x))[None, :]) & 1
        return bool(np.all(bits @ x >= v - TOL * max(1.0, float(np.max(np.abs(v))))))

    def explain(self) -> str:
        """Whether the core is empty, by how much (least-core ε), and a least-core allocation."""
        split = ", ".join(f"{p} {display(x)}" for p, x in self.allocation.items())
        return (
            f"The core is {'empty' if self.empty else 'non-empty'} (least-core ε = "
            f"{display(self.epsilon)}; empty iff ε > 0); v(N) = {display(self.grand)} bn; "
            f"a least-core allocation (US$ bn): {split}."
        )

    def to_dict(self) -> dict[str, Any]:
        """Strict JSON: empty, epsilon, the allocation (US$ bn), v(N)."""
        return jsonable(
            {
                "empty": self.empty,
                "epsilon": self.epsilon,
                "allocation": dict(self.allocation),
                "grand": self.grand,
            }
        )

    def _repr_html_(self) -> str:
        return html_fields(
            f"The core is {'empty' if self.empty else 'non-empty'}",
            [
                ("least-core ε (empty iff > 0)", self.epsilon),
                ("v(N) (US$ bn)", self.grand),
                *((f"allocation: {p} (US$ bn)", x) for p, x in self.allocation.items()),
            ],
        )


def core(coalition: Coalition) -> Core:
    """The least core: min ε s.t. x(T) ≥ v(T) − ε for every proper T ≠ ∅, x(N) = v(N).

    Examples
    --------
    >>> from coalition_games import Dyad
    >>> from coalition_games.coalitions import Coalition, CoalitionMember
    >>> c = Coalition("c", (CoalitionMember(Dyad(ally="A"), 10.0),), leader_supply=1.0)
    >>> core(c).empty
    False
    """
    from scipy.optimize import linprog  # imported here: scipy.optimize is most of the start-up time

    v = worths(coalition)
    players = _players(coalition)
    n = len(players)
    masks = np.arange(1, len(v) - 1)
    bits = ((masks[:, None] >> np.arange(n)[None, :]) & 1).astype(float)
    a_ub = np.hstack([-bits, -np.ones((len(masks), 1))])
    result = linprog(
        c=np.r_[np.zeros(n), 1.0],
        A_ub=a_ub,
        b_ub=-v[masks],
        A_eq=np.r_[np.ones(n), 0.0][None, :],
        b_eq=[v[-1]],
        bounds=[(None, None)] * (n + 1),
        method="highs",
    )
    if not result.success:  # pragma: no cover - the programme is always feasible and bounded
        raise RuntimeError(f"least-core programme failed: {result.message}")
    epsilon = float(result.x[-1])
    scale = max(1.0, float(np.max(np.abs(v))))
    return Core(
        empty=epsilon > TOL * scale,
        epsilon=epsilon,
        allocation={p: float(x) for p, x in zip(players, result.x[:n], strict=True)},
        grand=float(v[-1]),
    )
