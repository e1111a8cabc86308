"""The ``coalition-games`` command line: ``solve`` one dyad, ``reproduce`` the article's comparison.

``coalition-games estimate --model baseline|linkage --out DIR`` fits the no-evidence parameters to
the observed alignment events (:mod:`coalition_games.reproduction.estimation`).

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
from .parameters import PARAMETERS
from .reproduction import DEFAULT_SEED, MODELS, reproduce
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
    _add_audit(commands)
    _add_estimate(commands)
    return parser


def _add_audit(commands: argparse._SubParsersAction) -> None:
    cmd = commands.add_parser(
        "audit",
        help="what must one believe for the article's claims to hold? (shares over the unknowns)",
        description="Vary the parameters without evidence over their box (uniform draws) and "
        "report each claim's share, the joint share, the claims that exclude each other, the "
        "one-at-a-time requirements and a search for a point where all hold.",
    )
    cmd.add_argument(
        "--model", choices=MODELS, default="baseline", help="the model (default baseline)"
    )
    cmd.add_argument(
        "--draws", type=_count, default=100_000, help="draws of the box (default 100000)"
    )
    cmd.add_argument(
        "--seed", type=_count, default=DEFAULT_SEED, help=f"seed (default {DEFAULT_SEED})"
    )
    cmd.add_argument("--per-case", action="store_true", help="one value per case for each unknown")
    evidence = cmd.add_mutually_exclusive_group()
    evidence.add_argument(
        "--hold-evidence",
        dest="hold",
        action="store_true",
        default=True,
        help="hold the evidence at its calibrated values (default)",
    )
    evidence.add_argument(
        "--draw-evidence",
        dest="hold",
        action="store_false",
        help="draw the evidence over its calibrated ranges",
    )
    cmd.add_argument("--unknowns", help="comma-separated parameters to vary (default: no evidence)")
    cmd.add_argument("--force", action="store_true", help="allow evidence-backed unknowns")
    cmd.add_argument(
        "--search-iterations",
        type=_count,
        default=40,
        help="iterations of the differential-evolution search (default 40; 0: no search)",
    )
    cmd.add_argument("--out", help="write JSON, CSV and the figures into this folder")
    cmd.set_defaults(run=_run_audit)


def _run_audit(args: argparse.Namespace) -> int:
    from .reproduction.audit import audit

    def progress(message: str) -> None:
        print(f"[{time.perf_counter() - start:5.1f}s] {message}", file=sys.stderr, flush=True)

    start = time.perf_counter()
    names = [n.strip() for n in args.unknowns.split(",")] if args.unknowns else None
    result = audit(
        model=args.model,
        unknowns=names,
        per_case=args.per_case,
        hold_evidence=args.hold,
        force=args.force,
        draws=args.draws,
        seed=args.seed,
        search=args.search_iterations > 0,
        search_iterations=max(1, args.search_iterations),
        progress=progress,
    )
    print(result.explain())
    if args.out:
        written = result.write(args.out, progress)
        print(f"\nWritten to {args.out}/: " + ", ".join(Path(p).name for p in written))
    return 0


def _add_reproduce(commands: argparse._SubParsersAction) -> None:
    cmd = commands.add_parser(
        "reproduce",
        help="reproduce Chip 4 versus TTC: the claims table, Monte Carlo and figures",
        description="Solve the five calibrated dyads, compute the article's claims C1–C10 from the "
        "solutions and counterfactuals, run the Monte Carlo over the calibrated ranges, print the "
        "claims table and write it (CSV, JSON) with the figures (PNG, SVG) into --out.",
    )
    cmd.add_argument("--out", default="reproduction", help="output folder (default reproduction/)")
    cmd.add_argument(
        "--draws", type=_count, default=10_000, help="Monte Carlo draws (default 10000; 0: none)"
    )
    cmd.add_argument(
        "--seed",
        type=_count,
        default=DEFAULT_SEED,
        help=f"Monte Carlo seed (default {DEFAULT_SEED})",
    )
    cmd.add_argument(
        "--model",
        choices=MODELS,
        help="one model only: 'baseline' (no linkage cap) or 'linkage' (the calibrated cap X̄); "
        "default: both, side by side",
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
    print(
        f"Reproducing Chip 4 versus TTC (Liu 2024); Monte Carlo {args.draws:,} draws, seed "
        f"{args.seed}",
        flush=True,
    )
    model = args.model or MODELS
    result = reproduce(draws=args.draws, seed=args.seed, model=model, progress=progress)
    written = result.write(args.out, progress)
    print()
    print(result.table())
    print()
    print(result.dyad_table())
    print()
    print(textwrap.fill(result.note(), 100))
    print(f"\nWritten to {args.out}/: " + ", ".join(Path(p).name for p in written))
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
        print(json.dumps(solution.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(solution.explain())
    return 0


def _add_estimate(commands: argparse._SubParsersAction) -> None:
    cmd = commands.add_parser(
        "estimate",
        help="learn the no-evidence parameters from the observed alignment events",
        description="Fit the structural likelihood (logit noise on the tiers' margins) to the "
        "shipped events: estimates with profile-likelihood intervals, flat directions, "
        "leave-one-out predictions, the claims at the estimate and over the confidence set, and "
        "the likelihood ratio of the linkage model against the baseline; writes estimate.json "
        "and the profile figure (PNG, SVG) into --out.",
    )
    cmd.add_argument(
        "--model", choices=("baseline", "linkage"), default="baseline", help="default baseline"
    )
    cmd.add_argument("--out", default="estimation", help="output folder (default estimation/)")
    cmd.add_argument("--seed", type=_count, default=0, help="seed of the random starts")
    cmd.set_defaults(run=_run_estimate)


def _run_estimate(args: argparse.Namespace) -> int:
    from .reproduction.estimation import estimate

    start = time.perf_counter()
    result = estimate(args.model, seed=args.seed)
    written = result.write(args.out)
    print(result.explain())
    print(
        f"\nWritten to {args.out}/: "
        + ", ".join(Path(p).name for p in written)
        + f" ({time.perf_counter() - start:.1f}s)"
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``coalition-games``; bad input exits with status 2, an unwritable ``--out`` with 1."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except (TypeError, ValueError) as error:
        parser.exit(2, f"coalition-games: error: {error}\n")
    except OSError as error:
        parser.exit(1, f"coalition-games: error: cannot write the output: {error}\n")


if __name__ == "__main__":
    sys.exit(main())
