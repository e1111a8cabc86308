"""The command line and the README's promises."""

import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from coalition_games.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_solve_prints_the_explanation(capsys):
    assert (
        main(
            [
                "solve",
                "--ally",
                "South Korea",
                "--security-dependency",
                "0.9",
                "--stranglehold",
                "0.5",
                "--market-loss",
                "0.6",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "USA–South Korea: COMPLEX coalition (nash)" in out
    assert "Mechanism: coerced + compensated" in out


def test_solve_json(capsys):
    main(["solve", "--stranglehold", "0", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert data["parameters"]["stranglehold"] == 0.0
    assert data["tier"] in {"infeasible", "simple", "complex"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--stranglehold", "1.5"], "stranglehold = 1.5 is out of range; allowed: [0, 1]"),
        (["--market-loss", "nan"], "market_loss must be finite, got nan"),
        (["--ally-power", "abc"], "argument --ally-power: expected a number, got 'abc'"),
    ],
)
def test_bad_options_exit_2_with_a_named_error(capsys, args, message):
    with pytest.raises(SystemExit) as exit_info:
        main(["solve", *args])
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err


def test_installed_entry_point_runs_outside_the_source_tree(tmp_path):
    """The installed package (not this checkout) answers `python -m coalition_games`."""
    done = subprocess.run(
        [sys.executable, "-m", "coalition_games", "solve", "--stranglehold", "0.5"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "coalition (nash)" in done.stdout


def _readme_command(marker: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(marker + r"\s*```bash\n(.+?)\n```", text, re.S)
    assert block, f"README has no command after {marker}"
    return block.group(1)


def test_readme_has_the_two_commands_and_ci_runs_the_test_one():
    main_command = _readme_command("<!-- main-command -->")
    test_command = _readme_command("<!-- test-command -->")
    assert main_command.startswith("python3 -m venv .venv && ")
    assert test_command.startswith("python3 -m venv .venv && ") and "pytest" in test_command
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "<!-- test-command -->" in ci  # .ci/run extracts and runs that very block


def test_readme_main_command_runs_in_this_environment(capsys, tmp_path, monkeypatch):
    """The main command's coalition-games invocation works (install steps are CI's to prove)."""
    monkeypatch.chdir(tmp_path)  # it writes its output folder into the working directory
    invocation = _readme_command("<!-- main-command -->").split("coalition-games ", 1)[1]
    import shlex

    assert main(shlex.split(invocation)) == 0
    assert "coalition" in capsys.readouterr().out


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=["lint", "format"])
def test_code_passes_ruff(command):
    pytest.importorskip("ruff", reason="ruff comes with the test extra")
    done = subprocess.run(
        [sys.executable, "-m", "ruff", *command, "coalition_games", "tests", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_package_type_checks():
    """The package ships py.typed, so mypy (configured in pyproject.toml) must find it clean."""
    pytest.importorskip("mypy", reason="mypy comes with the test extra")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "coalition_games"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_unwritable_output_folder_is_a_clear_error(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["reproduce", "--draws", "0", "--out", str(blocker / "out")])
    assert exit_info.value.code == 1
    assert "cannot write the output" in capsys.readouterr().err


def test_solve_starts_from_a_calibrated_case_and_options_override_it(capsys):
    from coalition_games import Dyad, cases, solve

    main(["solve", "--case", "us_south_korea", "--json"])
    data = json.loads(capsys.readouterr().out)
    read_back = Dyad.from_dict(data["parameters"]).parameters()
    assert read_back == cases.load("us_south_korea").parameters()
    assert data["tier"] == solve(cases.load("us_south_korea")).tier.value
    main(["solve", "--case", "us_south_korea", "--stranglehold", "0", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert data["parameters"]["stranglehold"] == 0.0
    assert data["ally"] == "South Korea"


def test_solve_unknown_case_is_a_named_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["solve", "--case", "us_atlantis"])
    assert exit_info.value.code == 2
    assert "unknown case 'us_atlantis'" in capsys.readouterr().err


def test_version_is_the_package_version(capsys):
    import coalition_games

    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"coalition-games {coalition_games.__version__}"


def test_cases_lists_every_case_with_its_tier_and_mechanism(capsys, monkeypatch):
    from coalition_games import cases, solve

    monkeypatch.setenv("COLUMNS", "80")
    assert main(["cases"]) == 0
    out = capsys.readouterr().out
    assert all(len(line) <= 80 for line in out.splitlines()), "the table must fit 80 columns"
    for name in cases.names():
        row = next(line for line in out.splitlines() if line.startswith(name + " "))
        dyad = cases.load(name)
        assert f" {dyad.security_dependency:.4g} " in row
        assert f" {solve(dyad).tier.value} " in row
    assert main(["cases", "us_japan"]) == 0
    assert "us_eu" not in capsys.readouterr().out


def test_output_fits_the_terminal_width(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "72")
    main(["solve", "--case", "us_south_korea"])
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) > 5 and max(map(len, lines)) <= 72


def test_rubinstein_options_reach_the_solver(capsys):
    from coalition_games import cases, solve

    main(["solve", "--case", "us_south_korea", "--method", "rubinstein", "--period", "2", "--json"])
    slow = json.loads(capsys.readouterr().out)
    korea = cases.load("us_south_korea")
    assert slow["side_payment"] == solve(korea, "rubinstein", period=2.0).side_payment
    main(["solve", "--case", "us_south_korea", "--method", "rubinstein", "--outside-option"])
    assert "simple" in capsys.readouterr().out.lower()  # the threat was pivotal for Korea
    options = ["--leader-rate", "1", "--ally-rate", "3", "--json", "--method", "rubinstein"]
    main(["solve", "--case", "us_south_korea", *options])
    rates = json.loads(capsys.readouterr().out)
    expected = solve(korea, "rubinstein", leader_rate=1.0, ally_rate=3.0)
    assert rates["side_payment"] == expected.side_payment


def test_rubinstein_options_without_the_method_are_a_named_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["solve", "--period", "0.5"])
    assert exit_info.value.code == 2
    assert "--period needs --method rubinstein" in capsys.readouterr().err


def test_sweep_writes_the_tidy_csv_and_the_phase_diagram(tmp_path, capsys):
    pd = pytest.importorskip("pandas", reason="the CSV needs the tables extra")
    pytest.importorskip("matplotlib", reason="the figure needs the figures extra")
    from coalition_games import sweep

    out = tmp_path / "grid"
    args = ["sweep", "--case", "us_south_korea", "--x", "security_dependency", "0", "1", "5"]
    args += ["--y", "stranglehold", "0", "1", "3", "--market-loss", "0.5", "--out", str(out)]
    assert main(args) == 0
    printed = capsys.readouterr().out
    assert "enforcement_value" in printed and "Written to" in printed
    table = pd.read_csv(out / "sweep.csv")
    assert list(table.columns[:3]) == ["security_dependency", "stranglehold", "enforcement_value"]
    assert len(table) == 15
    expected = sweep(
        case="us_south_korea",
        market_loss=0.5,
        security_dependency=np.linspace(0, 1, 5)[:, None],
        stranglehold=np.linspace(0, 1, 3)[None, :],
    ).to_frame()
    assert table["tier"].tolist() == expected["tier"].astype(str).tolist()
    np.testing.assert_allclose(table["enforcement_value"], 1.0 * table["stranglehold"] * 0.5)
    for ext in ("png", "svg"):
        assert (out / f"phase_diagram.{ext}").stat().st_size > 1000


def test_sweep_from_the_defaults_and_bad_ranges(tmp_path, capsys):
    pytest.importorskip("pandas", reason="the CSV needs the tables extra")
    out = tmp_path / "defaults"
    args = ["sweep", "--x", "ally_power", "0", "1", "2", "--y", "target_offer", "0", "0.2", "2"]
    assert main([*args, "--out", str(out)]) == 0
    assert "Dyad's defaults" in capsys.readouterr().out
    assert (out / "sweep.csv").read_text(encoding="utf-8").count("\n") == 5
    for bad, message in [
        (["--x", "stranglehold", "0", "1", "x"], "--x needs NAME START STOP N"),
        (["--x", "stranglehold", "1", "0", "3"], "START < STOP"),
        (["--x", "target_offer", "0", "1", "3"], "two different parameters"),
        (["--x", "nonsense", "0", "1", "3"], "unknown parameter(s) 'nonsense'"),
    ]:
        with pytest.raises(SystemExit) as exit_info:
            main(["sweep", *bad, "--y", "target_offer", "0", "0.2", "2", "--out", str(out)])
        assert exit_info.value.code == 2
        assert message in capsys.readouterr().err
