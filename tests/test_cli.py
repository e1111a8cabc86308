"""The command line and the README's promises."""

import json
import re
import subprocess
import sys
from pathlib import Path

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
