"""The reproduction: the claims table is computed, written and printed."""

import csv
import json
import re
from importlib import resources

import pytest

from coalition_games import audit, reproduce
from coalition_games.cli import main
from coalition_games.reproduction import DEFAULT_CASES


def _case_with(tmp_path, case, parameter, value, **more):
    """The case file with ``parameter`` (and each of ``more``) at ``value``, its range's low end."""
    text = (resources.files("coalition_games.cases") / f"{case}.toml").read_text(encoding="utf-8")
    for name, new in {parameter: value, **more}.items():
        block = re.search(rf"\[parameters\.{name}\]\n(.*?)(?=\n\[|\Z)", text, re.S)
        body = re.sub(r"^value = .*$", f"value = {new}", block.group(1), flags=re.M)
        body = re.sub(r"^range = \[[^,]*,", f"range = [{new},", body, flags=re.M)
        text = text[: block.start(1)] + body + text[block.end(1) :]
    path = tmp_path / f"{case}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_table_is_computed_not_hard_coded(tmp_path):
    """A user's case file flips verdicts: Japan without a China market (m = 0) is complex even
    without a stranglehold, so C7 fails; a near-total stranglehold over the Chip 4 members makes
    C1 hold, and South Korea's file at t = 0 makes it fail again.

    v₂ = λ·m and e = λ·t·m are derived, so the files state them at 0 too (the loader checks it).
    """
    base = {c.id: c.verdict for c in reproduce(draws=0, audit_draws=0).claims}
    japan = _case_with(
        tmp_path, "us_japan", "market_loss", 0.0, leader_value_complex=0.0, enforcement_value=0.0
    )
    changed = reproduce(
        [japan if c == "us_japan" else c for c in DEFAULT_CASES], draws=0, audit_draws=0
    )
    verdicts = {c.id: c.verdict for c in changed.claims}
    assert base["C7"] == "PASS" and verdicts["C7"] == "FAIL"
    assert "Japan complex" in changed.claims[6].evidence
    strong = reproduce(draws=0, audit_draws=0, model={"stranglehold": 0.95})
    assert strong.claims[0].verdict == "PASS"
    korea = _case_with(tmp_path, "us_south_korea", "stranglehold", 0.0, enforcement_value=0.0)
    weak = reproduce(
        [korea if c == "us_south_korea" else c for c in DEFAULT_CASES],
        draws=0,
        audit_draws=0,
        model="baseline",
    )
    assert weak.claims[0].verdict == "FAIL" and "South Korea: simple" in weak.claims[0].evidence


def test_result_carries_solutions_shares_and_a_note():
    result = reproduce(draws=500, audit_draws=3000, seed=3)
    assert set(result.solutions) == set(DEFAULT_CASES)
    assert all(c.share is not None for c in result.claims)
    failed = [c.id for c in result.claims if not c.holds]
    note = result.note()
    assert ("FAIL: " + ", ".join(failed)) in note if failed else "FAIL" not in note
    assert "seed 3" in note
    assert "<table>" in result._repr_html_()
    # The note closes with each model's audit, computed: the same audit run on its own gives the
    # shares, the claims that hold in every draw or in none, and the search's smallest margin.
    for model in ("baseline", "linkage"):
        found = audit(model=model, draws=3000, seed=3)
        assert result.runs[model].audit.counts == found.counts
        said = re.search(rf"Audit \({model} model; 3,000 uniform draws.*?box — (.*?); all", note)
        shares = dict(part.split(" ") for part in said.group(1).split(", "))
        for c in found.claims:
            share, text = found.share(c), shares[c]
            if text in ("0%", "<1%"):
                assert (share == 0) if text == "0%" else 0 < share < 0.01
            else:
                assert abs(float(text.rstrip("%")) - 100 * share) <= 0.5
        never = [c for c in found.claims if found.counts[c] == 0]
        if never:
            assert f"{', '.join(never)} hold{'s' if len(never) == 1 else ''} in no draw" in note
        assert f"smallest margin of {found.search['smallest_margin']:+.3g}" in note
    data = result.to_dict()
    assert data["models"]["linkage"]["audit"]["draws"] == 3000


def test_cli_prints_the_table_and_writes_csv_json_and_figures(tmp_path, capsys):
    pytest.importorskip("matplotlib")
    out = tmp_path / "out"
    assert (
        main(
            [
                "reproduce",
                "--out",
                str(out),
                "--draws",
                "400",
                "--seed",
                "9",
                "--audit-draws",
                "500",
            ]
        )
        == 0
    )
    captured = capsys.readouterr()
    for claim in ("C1", "C8", "C10"):
        assert re.search(rf"^{claim}\s", captured.out, re.M)
    assert "seed 9" in captured.out and "Written to" in captured.out
    assert "Monte Carlo: 400 of 400 draws" in captured.err
    rows = list(csv.DictReader(open(out / "claims.csv", encoding="utf-8")))
    for model in ("baseline", "linkage"):  # both models, side by side
        assert [r["id"] for r in rows if r["model"] == model] == [f"C{i}" for i in range(1, 11)]
    assert {r["verdict"] for r in rows} <= {"PASS", "FAIL"}
    assert all((float(r["margin"]) >= 0) == (r["verdict"] == "PASS") for r in rows)
    data = json.loads((out / "claims.json").read_text(encoding="utf-8"))
    mc = data["models"]["baseline"]["monte_carlo"]
    assert mc["seed"] == 9 and mc["draws"] == 400
    assert [c["verdict"] for c in data["claims"]] == [r["verdict"] for r in rows]
    for ext in ("png", "svg"):
        assert (out / f"tornado.{ext}").stat().st_size > 1000
    for model in ("baseline", "linkage"):  # each model's audit, in its folder
        assert json.loads((out / f"audit-{model}" / "audit.json").read_text())["draws"] == 500
        assert (out / f"audit-{model}" / "co_holding.png").stat().st_size > 1000
    assert "Audit (baseline model; 500 uniform draws" in " ".join(captured.out.split())


def test_phase_diagram_figure_is_written(tmp_path):
    pytest.importorskip("matplotlib")
    result = reproduce(draws=200, audit_draws=0)
    written = result.write(tmp_path)
    assert str(tmp_path / "phase_diagram.png") in written
    assert (tmp_path / "phase_diagram.svg").stat().st_size > 1000


def test_cli_refuses_bad_counts(capsys):
    with pytest.raises(SystemExit):
        main(["reproduce", "--draws", "-5"])
    assert "expected a non-negative integer" in capsys.readouterr().err


def test_missing_cases_are_named():
    with pytest.raises(ValueError, match="the claims need the case"):
        reproduce(["us_japan"], draws=0, audit_draws=0)
    assert reproduce(["us_japan"], claims=(), draws=0, audit_draws=0).claims == []
