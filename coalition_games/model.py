"""``Dyad``: one leader–ally bargaining game's parameters (the model §2), validated and
immutable."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from . import formulas
from .parameters import PARAMETER_NAMES, PARAMETERS, check_value
from .results import Result, display, html_table

__all__ = ["Dyad"]

_DEFAULTS = {p.name: p.default for p in PARAMETERS}


@dataclass(frozen=True, kw_only=True)
class Dyad(Result):
    """The parameters of one leader–ally dyad game (the model §2; doi:10.1093/cjip/poae022).

    Every payoff is a fraction of the ally's stake in the contested industry. Keyword-only; each
    value is checked on construction (a ``TypeError`` or ``ValueError`` names the parameter, its
    value and the allowed range; nothing is clipped). The defaults are an illustrative, uncalibrated
    ally — see ``coalition_games.parameters.PARAMETERS`` for each default's reason — and calibrated
    dyads come from ``coalition_games.cases``.

    Examples
    --------
    >>> from coalition_games import Dyad
    >>> korea = Dyad(security_dependency=0.9, stranglehold=0.5, leader="USA", ally="South Korea")
    >>> round(korea.complex_cost, 6)            # c₂ = m + a − g
    0.3
    >>> korea.replace(stranglehold=0.0).stranglehold
    0.0
    """

    security_dependency: float = _DEFAULTS["security_dependency"]
    stranglehold: float = _DEFAULTS["stranglehold"]
    market_loss: float = _DEFAULTS["market_loss"]
    tech_gain: float = _DEFAULTS["tech_gain"]
    autonomy_cost: float = _DEFAULTS["autonomy_cost"]
    simple_cost: float = _DEFAULTS["simple_cost"]
    security_stake: float = _DEFAULTS["security_stake"]
    leader_value_simple: float = _DEFAULTS["leader_value_simple"]
    leader_value_complex: float = _DEFAULTS["leader_value_complex"]
    enforcement_value: float = _DEFAULTS["enforcement_value"]
    coercion_cost_base: float = _DEFAULTS["coercion_cost_base"]
    coercion_cost_slope: float = _DEFAULTS["coercion_cost_slope"]
    side_payment_budget: float = _DEFAULTS["side_payment_budget"]
    target_offer: float = _DEFAULTS["target_offer"]
    ally_power: float = _DEFAULTS["ally_power"]
    linkage_cap: float = _DEFAULTS["linkage_cap"]
    #: The depth option (the model §8): the complex demand has a depth d ∈ [0, 1], and the dyad
    #: is complex at the deepest sustainable one, d*. Off (the default): §2/§6 unchanged.
    depth: bool = False
    leader: str = "leader"
    ally: str = "ally"

    def __post_init__(self) -> None:
        for name in PARAMETER_NAMES:
            object.__setattr__(self, name, check_value(name, getattr(self, name)))
        for name in ("leader", "ally"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                raise TypeError(f"{name} must be a non-empty string, got {value!r}")
        if not isinstance(self.depth, bool):
            raise TypeError(
                f"depth must be True or False (the depth option, the model §8), got "
                f"{self.depth!r} of type {type(self.depth).__name__}"
            )

    def replace(self, **changes: Any) -> Dyad:
        """A copy with some parameters changed (validated like the constructor).

        >>> Dyad().replace(security_dependency=0.9).security_dependency
        0.9
        """
        unknown = sorted(set(changes) - set(PARAMETER_NAMES) - {"leader", "ally", "depth"})
        if unknown:
            raise TypeError(
                f"unknown parameter(s) {', '.join(map(repr, unknown))}; allowed: "
                f"{', '.join(PARAMETER_NAMES)}, leader, ally, depth"
            )
        return dataclasses.replace(self, **changes)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Dyad:
        """The dyad of a ``Solution.to_dict()`` (or of its ``"parameters"`` mapping).

        The strict-JSON strings ``"inf"``/``"-inf"`` are read back as floats, then validated as
        in the constructor; ``"options"`` (``{"depth": …}``) sets the model options.

        >>> d = Dyad(linkage_cap=float("inf"))
        >>> from coalition_games import solve
        >>> Dyad.from_dict(solve(d).to_dict()) == d
        True
        """
        if not isinstance(data, Mapping):
            raise TypeError(
                f"data must be a mapping (a Solution.to_dict() or its 'parameters'), got "
                f"{type(data).__name__}"
            )
        params = data.get("parameters", data)
        if not isinstance(params, Mapping):
            raise TypeError(f"data['parameters'] must be a mapping, got {type(params).__name__}")
        values: dict[str, Any] = {
            k: float(v) if isinstance(v, str) and v in ("inf", "-inf") else v
            for k, v in params.items()
        }
        values.update({k: data[k] for k in ("leader", "ally") if k in data})
        options = data.get("options", {})
        if not isinstance(options, Mapping) or set(options) - {"depth"}:
            raise ValueError(f"options must be a mapping with at most 'depth', got {options!r}")
        if "depth" in options:
            values["depth"] = options["depth"]
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        """Strict JSON: ``leader``, ``ally``, ``parameters`` (±∞ as ``"inf"``/``"-inf"``) and
        ``options`` (``{"depth": bool}``); :meth:`from_dict` reads it back."""
        from .solution import jsonable  # solution imports this module

        return jsonable(
            {
                "leader": self.leader,
                "ally": self.ally,
                "parameters": self.parameters(),
                "options": {"depth": self.depth},
            }
        )

    def explain(self) -> str:
        """The parameters in words: each one's symbol, value and meaning."""
        lines = [f"{self.name}: a dyad game (payoffs in fractions of the ally's stake)"]
        for spec in PARAMETERS:
            value = display(getattr(self, spec.name))
            lines.append(f"  {spec.symbol:<3} = {value:<8} {spec.name}: {spec.meaning}")
        if self.depth:
            lines.append(
                "  depth option on (the model §8): the complex demand has a depth d ∈ [0, 1] "
                "(c₂ = d·m + a − g, v₂(d) = d·v₂, e(d) = d·e) and the dyad is complex at the "
                "deepest sustainable d*"
            )
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return html_table(
            ("parameter", "symbol", "value", "meaning"),
            [(s.name, s.symbol, getattr(self, s.name), s.meaning) for s in PARAMETERS],
            title=f"{self.name}: dyad",
        )

    def parameters(self) -> dict[str, float]:
        """The numeric parameters as a dict (names as in ``PARAMETER_NAMES``)."""
        return {name: getattr(self, name) for name in PARAMETER_NAMES}

    @property
    def name(self) -> str:
        """``"leader–ally"``, e.g. ``"USA–South Korea"``."""
        return f"{self.leader}–{self.ally}"

    @property
    def complex_cost(self) -> float:
        """c₂ = m + a − g: the ally's net cost of complex membership (may be negative)."""
        return formulas.complex_cost(self)

    @property
    def coercion_cost(self) -> float:
        """κ(s) = κ₀ + κ₁(1 − s): the leader's cost of carrying out the threat."""
        return formulas.coercion_cost(self)

    @property
    def sanction_gain(self) -> float:
        """e − κ(s): the leader's net gain from coercing a refusing ally."""
        return formulas.sanction_gain(self)

    @property
    def threat_credible(self) -> bool:
        """True iff e − κ(s) ≥ 0 (within ``formulas.TOL``): the leader would coerce a refusal."""
        return bool(formulas.SCALAR.ge(self.sanction_gain, 0.0))

    @property
    def credibility_threshold(self) -> float:
        """s* = 1 − (e − κ₀)/κ₁: the threat is credible iff s ≥ s*.

        It may lie outside [0, 1] (never or always credible). With κ₁ = 0 credibility does not
        depend on s: −inf if e ≥ κ₀ (always credible), +inf otherwise (never).
        """
        return float(formulas.credibility_threshold(self, formulas.SCALAR))
