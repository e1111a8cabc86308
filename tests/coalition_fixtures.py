"""Calibrated dyads for the coalition tests: the shipped cases if present, else point values."""

from __future__ import annotations

from coalition_games import Dyad

# Point values of the five calibrated cases (CALIBRATION.md, "Values"); common defaults below.
_COMMON = dict(
    tech_gain=0.05,
    autonomy_cost=0.05,
    simple_cost=0.01,
    security_stake=0.5,
    leader_value_simple=0.05,
    coercion_cost_base=0.05,
    coercion_cost_slope=0.5,
    target_offer=0.0,
    ally_power=0.5,
)
_POINTS = {
    "us_japan": ("Japan", 0.985, 0.348, 0.228, 0.228, 0.079, 0.0),
    "us_south_korea": ("South Korea", 0.86, 0.47, 0.6, 0.6, 0.282, 0.008),
    "us_taiwan": ("Taiwan", 0.73, 0.42, 0.584, 0.584, 0.245, 0.0119),
    "us_eu": ("European Union", 0.623, 0.39, 0.249, 0.249, 0.097, 0.0005),
}


def calibrated_dyads() -> dict[str, Dyad]:
    """The four dyads of Chip 4 and the TTC, by case id."""
    try:
        from coalition_games import cases
    except ImportError:
        cases = None
    if cases is not None:
        return {case: cases.load(case) for case in _POINTS}
    return {
        case: Dyad(
            leader="United States",
            ally=ally,
            security_dependency=s,
            stranglehold=t,
            market_loss=m,
            leader_value_complex=v2,
            enforcement_value=e,
            side_payment_budget=b,
            **_COMMON,
        )
        for case, (ally, s, t, m, v2, e, b) in _POINTS.items()
    }
