"""The ``coalition-games`` command line: ``solve`` one dyad and explain the result.

``coalition-games solve --security-dependency 0.9 --stranglehold 0.5`` prints the solution; every
parameter of ``Dyad`` is an option (``--json`` prints ``Solution.to_dict()`` instead).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from .model import Dyad
from .parameters import PARAMETERS
from .solvers import METHODS, solve

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
        description="Solve one leader–ally dyad. Unset parameters take Dyad's defaults.",
    )
    for spec in PARAMETERS:
        solve_cmd.add_argument(
            "--" + spec.name.replace("_", "-"),
            type=_number,
            default=spec.default,
            metavar=spec.symbol,
            help=f"{spec.meaning}; allowed {spec.allowed} (default {spec.default:g})",
        )
    solve_cmd.add_argument("--leader", default="USA", help="leader's name (default USA)")
    solve_cmd.add_argument("--ally", default="ally", help="ally's name")
    solve_cmd.add_argument(
        "--method", default="nash", choices=sorted(METHODS), help="solution concept"
    )
    solve_cmd.add_argument("--json", action="store_true", help="print the result as JSON")
    solve_cmd.set_defaults(run=_run_solve)
    return parser


def _run_solve(args: argparse.Namespace) -> int:
    params = {spec.name: getattr(args, spec.name) for spec in PARAMETERS}
    dyad = Dyad(**params, leader=args.leader, ally=args.ally)
    solution = solve(dyad, method=args.method)
    if args.json:
        print(json.dumps(solution.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(solution.explain())
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``coalition-games``; bad parameter values exit with status 2 and a named error."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except (TypeError, ValueError) as error:
        parser.exit(2, f"coalition-games: error: {error}\n")


if __name__ == "__main__":
    sys.exit(main())
