"""The ``coalition-games`` command line: ``solve`` one dyad, ``reproduce`` the article's comparison.

``coalition-games solve --security-dependency 0.9 --stranglehold 0.5`` prints the solution; every
parameter of ``Dyad`` is an option (``--json`` prints ``Solution.to_dict()`` instead), and
``--case us_south_korea`` (a shipped case id or a case file) starts from a calibrated dyad whose
parameters the other options then override.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
import time
from collections.abc import Sequence
from pathlib import Path

from . import cases
from .model import Dyad
from .parameters import PARAMETERS, check_integer
from .reproduction import DEFAULT_SEED, reproduce
from .reproduction.report import output_folder
from .solvers import METHODS, solve
from .uncertainty import MAX_DRAWS

__all__ = ["build_parser", "main"]


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``coalition-games`` and its subcommands."""
    parser = argparse.ArgumentParser(
        prog="coalition-games",
        description="Game-theoretic analysis of coalition building (Liu 2024, CJIP 17(4)).",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    solve_cmd = commands.add_parser(
        "solve",
        help="solve one dyad and explain the result",
        description="Solve one leader–ally dyad. Unset parameters take the --case's calibrated "
        "values, or Dyad's defaults without --case.",
    )
    solve_cmd.add_argument(
        "--case",
        metavar="CASE",
        help="start from a calibrated case: a shipped id (coalition_games.cases.names()) or a "
        "case file's path",
    )
    for spec in PARAMETERS:
        solve_cmd.add_argument(
            "--" + spec.name.replace("_", "-"),
            type=_number,
            metavar=spec.symbol,
            help=f"{spec.meaning}; allowed {spec.allowed} (default {spec.default:g})",
        )
    solve_cmd.add_argument("--leader", help="leader's name (default USA)")
    solve_cmd.add_argument("--ally", help="ally's name (default ally)")
    solve_cmd.add_argument(
        "--method", default="nash", choices=sorted(METHODS), help="solution concept"
    )
    solve_cmd.add_argument("--json", action="store_true", help="print the result as JSON")
    solve_cmd.set_defaults(run=_run_solve)
    _add_reproduce(commands)
    return parser


def _add_reproduce(commands: argparse._SubParsersAction) -> None:
    cmd = commands.add_parser(
        "reproduce",
        help="reproduce Chip 4 versus TTC: the claims table, Monte Carlo and figures",
        description="Solve the five calibrated dyads, compute the article's claims C1–C10 from the "
        "solutions and counterfactuals, run the Monte Carlo over the calibrated ranges, print the "
        "claims table and write it (CSV, JSON) with the figures (PNG, SVG) into --out.",
    )
    cmd.add_argument(
        "--out",
        default="reproduction",
        help="output folder (default reproduction/), replaced as a whole when the run completes; "
        "it may be new, empty, or a previous reproduction's",
    )
    cmd.add_argument(
        "--draws",
        type=_count,
        default=10_000,
        help=f"Monte Carlo draws (default 10000; 0: none; at most {MAX_DRAWS:,})",
    )
    cmd.add_argument(
        "--seed",
        type=_count,
        default=DEFAULT_SEED,
        help=f"Monte Carlo seed (default {DEFAULT_SEED})",
    )
    cmd.set_defaults(run=_run_reproduce)


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a non-negative integer, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a non-negative integer, got {text!r}")
    return value


def _run_reproduce(args: argparse.Namespace) -> int:
    def progress(message: str) -> None:
        print(f"[{time.perf_counter() - start:5.1f}s] {message}", file=sys.stderr, flush=True)

    start = time.perf_counter()
    folder = output_folder(args.out)  # before any work
    check_integer("draws", args.draws, 0, MAX_DRAWS)
    print(
        f"Reproducing Chip 4 versus TTC (Liu 2024); Monte Carlo {args.draws:,} draws, seed "
        f"{args.seed}",
        flush=True,
    )
    result = reproduce(draws=args.draws, seed=args.seed, progress=progress)
    written = result.write(args.out, progress)
    print()
    print(result.table())
    print()
    print(result.dyad_table())
    print()
    print(textwrap.fill(result.note(), 100))
    print(f"\nWritten to {folder}/: " + ", ".join(Path(p).name for p in written))
    return 0


def _run_solve(args: argparse.Namespace) -> int:
    base = cases.load(args.case) if args.case else Dyad(leader="USA")
    given = {
        name: getattr(args, name)
        for name in (*(spec.name for spec in PARAMETERS), "leader", "ally")
        if getattr(args, name) is not None
    }
    dyad = base.replace(**given)
    solution = solve(dyad, method=args.method)
    if args.json:
        print(json.dumps(solution.to_dict(), indent=2, ensure_ascii=False, allow_nan=False))
    else:
        print(solution.explain())
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``coalition-games``; bad input exits with status 2, an unwritable ``--out`` with 1, an
    interrupt (Ctrl-C) with 130 and a one-line message (outputs are replaced only when complete,
    so a previous output is left as it was)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print(
            "coalition-games: interrupted; nothing was written (a previous output is unchanged)",
            file=sys.stderr,
        )
        return 130
    except (TypeError, ValueError) as error:
        parser.exit(2, f"coalition-games: error: {error}\n")
    except OSError as error:
        parser.exit(1, f"coalition-games: error: cannot write the output: {error}\n")


if __name__ == "__main__":
    sys.exit(main())
