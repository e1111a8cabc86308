"""The ``coalition-games`` command line: ``solve`` one dyad, list the ``cases``, ``sweep`` two
parameters, ``reproduce`` the article's comparison; ``--version``.

``coalition-games estimate --model baseline|linkage --out DIR`` fits the no-evidence parameters to
the observed alignment events (:mod:`coalition_games.reproduction.estimation`).

``coalition-games solve --security-dependency 0.9 --stranglehold 0.5`` prints the solution; every
parameter of ``Dyad`` is an option (``--json`` prints ``Solution.to_dict()`` instead), and
``--case us_south_korea`` (a shipped case id or a case file) starts from a calibrated dyad whose
parameters the other options then override; ``--method rubinstein`` takes the alternating-offers
options ``--leader-rate``, ``--ally-rate``, ``--period`` and ``--outside-option``.
``coalition-games cases`` lists each calibrated case's key parameters, tier and mechanism.
``coalition-games sweep --x security_dependency 0 1 101 --y stranglehold 0 1 101`` classifies the
grid (from ``--case`` or the defaults, other parameters overridable as for ``solve``) and writes
``sweep.csv`` (:meth:`SweepResult.to_frame`) and the phase diagram into ``--out``. Text output fits
the terminal's width.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import signal
import sys
import textwrap
import time
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import __version__, cases
from .model import Dyad
from .outputs import output_folder, signals_raise, write_output
from .parameters import PARAMETER_NAMES, PARAMETERS, check_integer
from .reproduction import DEFAULT_SEED, MODEL_NAMES, MODELS, reproduce
from .reproduction.report import AUDIT_DRAWS
from .reproduction.report import COMMAND as REPRODUCE
from .results import text_table
from .solvers import METHODS, solve
from .sweeps import MAX_POINTS
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
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    solve_cmd = commands.add_parser(
        "solve",
        help="solve one dyad and explain the result",
        description="Solve one leader–ally dyad. Unset parameters take the --case's calibrated "
        "values, or Dyad's defaults without --case.",
    )
    _add_case_and_parameters(solve_cmd)
    solve_cmd.add_argument("--leader", help="leader's name (default USA)")
    solve_cmd.add_argument("--ally", help="ally's name (default ally)")
    solve_cmd.add_argument(
        "--method", default="nash", choices=sorted(METHODS), help="solution concept"
    )
    _add_rubinstein(solve_cmd)
    _add_depth(solve_cmd)
    solve_cmd.add_argument("--json", action="store_true", help="print the result as JSON")
    solve_cmd.set_defaults(run=_run_solve)
    _add_cases(commands)
    _add_sweep(commands)
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
        "--model",
        choices=MODEL_NAMES,
        default="baseline",
        help="the model (default baseline; 'depth', 'linkage+depth': under the depth option)",
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
    from .reproduction.audit import COMMAND, audit

    def progress(message: str) -> None:
        print(f"[{time.perf_counter() - start:5.1f}s] {message}", file=sys.stderr, flush=True)

    start = time.perf_counter()
    if args.out is not None:
        output_folder(args.out, COMMAND)  # before any work
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
    if args.out is not None:
        written = result.write(args.out, progress)
        print(f"\nWritten to {args.out}/: " + ", ".join(Path(p).name for p in written))
    return 0


def _add_case_and_parameters(cmd: argparse.ArgumentParser) -> None:
    """``--case`` and one option per parameter of ``Dyad`` (solve, sweep)."""
    cmd.add_argument(
        "--case",
        metavar="CASE",
        help="start from a calibrated case: a shipped id (coalition_games.cases.names()) or a "
        "case file's path",
    )
    for spec in PARAMETERS:
        cmd.add_argument(
            "--" + spec.name.replace("_", "-"),
            type=_number,
            metavar=spec.symbol,
            help=f"{spec.meaning}; allowed {spec.allowed} (default {spec.default:g})",
        )


def _add_depth(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument(
        "--depth",
        action="store_true",
        help="the depth option (the model §8): the complex demand has a depth d in [0, 1] and "
        "the dyad is complex at the deepest sustainable d*; explains d*, its mechanism and what "
        "binds it",
    )


#: The Rubinstein options of ``solve``, as (option, keyword of ``solve_rubinstein``).
_RUBINSTEIN = ("leader_rate", "ally_rate", "period", "outside_option")


def _add_rubinstein(cmd: argparse.ArgumentParser) -> None:
    group = cmd.add_argument_group(
        "alternating offers (--method rubinstein; coalition_games.solvers.rubinstein)"
    )
    group.add_argument(
        "--leader-rate", type=_number, metavar="r_L", help="leader's discount rate (default α)"
    )
    group.add_argument(
        "--ally-rate", type=_number, metavar="r_A", help="ally's discount rate (default 1 − α)"
    )
    group.add_argument(
        "--period", type=_number, metavar="Δ", help="time between proposals (default 0.01)"
    )
    group.add_argument(
        "--outside-option",
        action="store_true",
        default=None,
        help="coercion as the leader's outside option instead of the impasse point",
    )


def _add_cases(commands: argparse._SubParsersAction) -> None:
    cmd = commands.add_parser(
        "cases",
        help="list the calibrated cases: key parameters, tier and mechanism",
        description="For each calibrated case (the shipped ones, or the case files given): the "
        "ally, the coalition, the key parameters s, t, m, B at their point estimates, and the "
        "tier and mechanism its equilibrium gives.",
    )
    cmd.add_argument(
        "names", nargs="*", metavar="CASE", help="case ids or case files (default: all shipped)"
    )
    cmd.set_defaults(run=_run_cases)


def _add_sweep(commands: argparse._SubParsersAction) -> None:
    cmd = commands.add_parser(
        "sweep",
        help="classify a grid of two parameters; write the CSV and the phase diagram",
        description="Classify every dyad of a grid of two parameters (numpy.linspace(START, "
        "STOP, N) each), starting from --case or the defaults; the other options fix parameters "
        "as for solve, and a case's derived parameters follow their factors. Writes sweep.csv "
        "(one row per point: both parameters, tier, payments, flags) and phase_diagram.png/.svg "
        "into --out. Needs the tables extra (pandas) for the CSV and the figures extra "
        "(matplotlib) for the diagram.",
    )
    for axis in ("x", "y"):
        cmd.add_argument(
            f"--{axis}",
            nargs=4,
            required=True,
            metavar=("NAME", "START", "STOP", "N"),
            help=f"the {axis} parameter (a Dyad parameter, or a case's hyper-parameter) and its "
            "range",
        )
    _add_case_and_parameters(cmd)
    _add_depth(cmd)
    cmd.add_argument("--out", default="sweep", help="output folder (default sweep/)")
    cmd.set_defaults(run=_run_sweep)


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
    cmd.add_argument(
        "--model",
        choices=MODEL_NAMES,
        help="one model only: 'baseline' (no linkage cap), 'linkage' (the calibrated cap X̄), "
        "'depth' or 'linkage+depth' (either under the depth option, the model §8: the claims "
        "read the attainable depths); default: baseline and linkage, side by side",
    )
    cmd.add_argument(
        "--audit-draws",
        type=_count,
        default=AUDIT_DRAWS,
        help=f"draws of the audit per model (default {AUDIT_DRAWS}; 0: none): what one must "
        "believe about the parameters without evidence, in the closing note and audit-<model>/",
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
    folder = output_folder(args.out, REPRODUCE)  # before any work
    check_integer("draws", args.draws, 0, MAX_DRAWS)
    print(
        f"Reproducing Chip 4 versus TTC (Liu 2024); Monte Carlo {args.draws:,} draws, audit "
        f"{args.audit_draws:,} draws per model, seed {args.seed}",
        flush=True,
    )
    model = args.model or MODELS
    result = reproduce(
        draws=args.draws,
        audit_draws=args.audit_draws,
        seed=args.seed,
        model=model,
        progress=progress,
    )
    written = result.write(args.out, progress)
    width = _width()
    print()
    print(result.table(width or 118))
    print()
    print(result.dyad_table(width or 118))
    print()
    print(textwrap.fill(result.note(), min(width or 100, 100)))
    print(f"\nWritten to {folder}/: " + ", ".join(os.path.relpath(p, folder) for p in written))
    return 0


def _width() -> int | None:
    """The terminal's width (at least 60): ``COLUMNS`` if set, else the terminal's when standard
    output is one; None when it is not (a file or a pipe: lines are not wrapped to a screen)."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return max(60, int(columns))
    if sys.stdout.isatty():
        return max(60, shutil.get_terminal_size().columns)
    return None


def _fit(text: str, width: int | None) -> str:
    """``text`` with each line wrapped to ``width``, continuations indented under the line."""
    if width is None:
        return text
    out = []
    for line in text.splitlines():
        indent = " " * (len(line) - len(line.lstrip()))
        out.append(textwrap.fill(line, width, subsequent_indent=indent + "  ") or line)
    return "\n".join(out)


def _run_solve(args: argparse.Namespace) -> int:
    base = cases.load(args.case) if args.case else Dyad(leader="USA")
    given = {
        name: getattr(args, name)
        for name in (*(spec.name for spec in PARAMETERS), "leader", "ally")
        if getattr(args, name) is not None
    }
    dyad = base.replace(**given, depth=args.depth)
    options = {k: getattr(args, k) for k in _RUBINSTEIN if getattr(args, k) is not None}
    if options and args.method != "rubinstein":
        flags = ", ".join("--" + k.replace("_", "-") for k in options)
        verb = "needs" if len(options) == 1 else "need"
        raise ValueError(f"{flags} {verb} --method rubinstein (got --method {args.method})")
    solution = solve(dyad, method=args.method, **options)
    if args.json:
        print(json.dumps(solution.to_dict(), indent=2, ensure_ascii=False, allow_nan=False))
    else:
        print(_fit(solution.explain(), _width()))
    return 0


def _run_cases(args: argparse.Namespace) -> int:
    rows = []
    for name in args.names or cases.names():
        case = cases.read(name)
        d = case.dyad
        sol = solve(d)
        mechanism = " + ".join(m.value for m in sol.mechanism) or "—"
        rows.append(
            (
                case.id,
                case.coalition,
                d.security_dependency,
                d.stranglehold,
                d.market_loss,
                d.side_payment_budget,
                sol.tier.value,
                mechanism + (", conflict" if sol.conflict else ""),
            )
        )
    columns = ("case", "coalition", "s", "t", "m", "B", "tier", "mechanism")
    width = _width() or 100
    print(text_table(columns, rows, width, wrap=("coalition", "mechanism")))
    legend = (
        "s security dependency, t stranglehold, m market loss, B side-payment budget (point "
        "estimates); `coalition-games solve --case CASE` explains one."
    )
    print("\n" + textwrap.fill(legend, width))
    return 0


def _axis(option: str, values: list[str]) -> tuple[str, float, float, int]:
    """``--x``/``--y`` NAME START STOP N, checked: the name and the range (no grid built yet)."""
    name, start, stop, count = values
    try:
        lo, hi, n = float(start), float(stop), int(count)
    except ValueError:
        raise ValueError(
            f"--{option} needs NAME START STOP N (numbers, N an integer), got {' '.join(values)}"
        ) from None
    if n < 2 or not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        raise ValueError(
            f"--{option}: START < STOP (finite) and N ≥ 2 are needed, got {' '.join(values)}"
        )
    return name, lo, hi, n


def _run_sweep(args: argparse.Namespace) -> int:
    import numpy as np

    from .sweeps import COMMAND, sweep

    (x, x0, x1, nx), (y, y0, y1, ny) = _axis("x", args.x), _axis("y", args.y)
    check_integer(f"the grid's points (--x N × --y N = {nx:,} × {ny:,})", nx * ny, 4, MAX_POINTS)
    folder = output_folder(args.out, COMMAND)  # before any work
    xs, ys = np.linspace(x0, x1, nx), np.linspace(y0, y1, ny)
    if x == y:
        raise ValueError(f"--x and --y must be two different parameters, got {x} twice")
    fixed = {n: getattr(args, n) for n in PARAMETER_NAMES if getattr(args, n) is not None}
    both = sorted({x, y} & set(fixed))
    if both:
        raise ValueError(f"{', '.join(both)} is swept and also given as an option")
    case = cases.read(args.case) if args.case else None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # the result says it: printed below
        result = sweep(case=case, depth=args.depth, **fixed, **{x: xs[:, None], y: ys[None, :]})
    try:
        table = result.to_frame()
    except ImportError as error:
        print(f"coalition-games: error: {error}", file=sys.stderr)
        return 1
    width = _width()
    notes = []
    drawn = x in PARAMETER_NAMES and y in PARAMETER_NAMES
    dyad = None
    if drawn:
        dyad = (
            Dyad(**case.change(fixed), leader=case.leader, ally=case.ally)
            if case
            else Dyad(leader="USA").replace(**fixed)
        )

    def write(staging: Path) -> list[str]:
        table.to_csv(staging / "sweep.csv", index=False)
        names = ["sweep.csv"]
        if dyad is not None:
            try:
                names += _phase_diagram(dyad, x, xs, y, ys, staging, marked=case is not None)
            except ImportError as error:
                notes.append(f"phase diagram skipped: {error}")
        return names

    settings = {
        "x": [x, x0, x1, nx],
        "y": [y, y0, y1, ny],
        "case": case.id if case else None,
        "fixed": fixed,
    }
    manifest = write_output(folder, COMMAND, write, settings)
    written = list(manifest["files"])
    if drawn:
        moved = [n for n in result.recomputed if n not in fixed]
        if moved:
            notes.append(
                f"The phase diagram holds {', '.join(moved)} at the dyad's values (it varies {x} "
                f"and {y} only); sweep.csv recomputes {'it' if len(moved) == 1 else 'them'} from "
                "the factors at every point."
            )
    else:
        notes.append("phase diagram skipped: it draws two parameters of Dyad, not hyper-parameters")
    print(_fit(result.explain(), width))
    for note in notes:
        print(textwrap.fill(note, width or 100))
    print(f"\nWritten to {folder}/: " + ", ".join(written))
    return 0


def _phase_diagram(
    dyad: Dyad, x: str, xs: Any, y: str, ys: Any, folder: Path, marked: bool
) -> list[str]:
    """Draw ``plotting.phase_diagram`` over the swept ranges and save it as PNG and SVG."""
    from .reproduction.figures import require_matplotlib, save

    require_matplotlib()
    from matplotlib.figure import Figure

    from .plotting import phase_diagram

    fig = Figure(figsize=(6.4, 5.2), layout="constrained")
    phase_diagram(
        dyad,
        x,
        y,
        x_range=(float(xs.min()), float(xs.max())),
        y_range=(float(ys.min()), float(ys.max())),
        dyads=(dyad,) if marked else (),
        ax=fig.subplots(),
    )
    return [Path(p).name for p in save(fig, "phase_diagram", str(folder))]


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
    from .reproduction.estimation import COMMAND, estimate

    output_folder(args.out, COMMAND)  # before any work
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


#: The options that take one number (``_number``): each parameter's, and the Rubinstein ones.
_NUMBER_OPTIONS = frozenset(
    "--" + name.replace("_", "-")
    for name in (*PARAMETER_NAMES, "leader_rate", "ally_rate", "period")
)


def _joined(argv: Sequence[str]) -> list[str]:
    """``argv`` with each number option's value that starts with ``-`` joined to it
    (``--linkage-cap -inf`` → ``--linkage-cap=-inf``): argparse takes ``-inf`` or ``-1e5`` for an
    option, not a value, and would answer "expected one argument" instead of naming the value."""
    numeric = _NUMBER_OPTIONS
    out: list[str] = []
    for token in argv:
        if out and out[-1] in numeric and token.startswith("-") and _is_number(token):
            out[-1] = f"{out[-1]}={token}"
        else:
            out.append(token)
    return out


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``coalition-games``; bad input exits with status 2 and one line naming it, an
    unwritable ``--out`` with 1; an interrupt (Ctrl-C, SIGTERM, SIGHUP) with 128 + the signal's
    number and one line (outputs are replaced only when complete, so a previous output is left as
    it was: :mod:`coalition_games.outputs`)."""
    parser = build_parser()
    args = parser.parse_args(_joined(sys.argv[1:] if argv is None else argv))
    try:
        with signals_raise():
            return args.run(args)
    except KeyboardInterrupt as error:
        signum = getattr(error, "signum", signal.SIGINT)
        written = getattr(error, "written", None)
        what = (
            f"after the output was written to {written}"
            if written
            else "nothing was written (a previous output is unchanged)"
        )
        print(f"coalition-games: interrupted; {what}", file=sys.stderr)
        return 128 + signum
    except (TypeError, ValueError) as error:
        parser.exit(2, f"coalition-games: error: {error}\n")
    except OSError as error:
        parser.exit(1, f"coalition-games: error: cannot write the output: {error}\n")


if __name__ == "__main__":
    sys.exit(main())
