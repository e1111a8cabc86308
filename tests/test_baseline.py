"""Refactorings and options leave the baseline's answers bit for bit unchanged."""

import json

import pytest

from tests import baseline_answers


@pytest.fixture(scope="module")
def today():
    return baseline_answers.answers()


@pytest.mark.parametrize("route", ["nash", "spe", "rubinstein", "sweep", "claims"])
def test_baseline_answers_are_unchanged(today, route):
    stored = json.loads(baseline_answers.FILE.read_text())
    assert today[route] == stored[route]
