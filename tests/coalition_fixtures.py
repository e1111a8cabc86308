"""Calibrated dyads for the coalition tests: the shipped cases of Chip 4 and the TTC."""

from __future__ import annotations

from coalition_games import Dyad, cases

CASE_IDS = ("us_japan", "us_south_korea", "us_taiwan", "us_eu")


def calibrated_dyads() -> dict[str, Dyad]:
    """The four dyads of Chip 4 and the TTC, by case id."""
    return {case: cases.load(case) for case in CASE_IDS}
