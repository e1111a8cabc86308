"""The reproduction of Chip 4 versus TTC (Liu 2024, CJIP 17(4)): the claims table and figures.

:func:`reproduce` loads the calibrated cases (:mod:`coalition_games.cases`), solves each with
:func:`coalition_games.solve`, computes every claim of
:data:`coalition_games.reproduction.claims.CLAIMS` from the solutions and their
counterfactuals, runs the Monte Carlo of :mod:`coalition_games.uncertainty` over the calibrated
ranges, and (given ``out``) writes the table
as CSV and JSON and the figures as PNG and SVG. A claim that fails under the calibration is
reported as FAIL with its computed evidence; nothing is tuned or hard-coded.

>>> from coalition_games import reproduce
>>> result = reproduce(draws=200)
>>> [c.id for c in result.claims]
['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'C9', 'C10']
>>> result.claims[0].verdict in {"PASS", "FAIL"}
True
"""

from __future__ import annotations

import csv
import hashlib
import html
import json
import os
import shutil
import tempfile
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..cases import Case, read
from ..parameters import check_integer
from ..solution import Solution, jsonable
from ..uncertainty import DEFAULT_SEED, DISTRIBUTIONS, MAX_DRAWS, MonteCarlo, monte_carlo
from .claims import CLAIMS, Claim, in_draws
from .worlds import PointWorld

__all__ = [
    "DEFAULT_CASES",
    "DEFAULT_SEED",
    "MANIFEST",
    "OUTPUTS",
    "ClaimResult",
    "Reproduction",
    "output_folder",
    "reproduce",
]

#: The five dyads of the comparison, in table order.
DEFAULT_CASES = ("us_japan", "us_south_korea", "us_taiwan", "us_eu", "us_netherlands")
#: The fixed default seed of the Monte Carlo (printed with every run).
#: The manifest of a written reproduction: its run's seed, draws, distribution, cases and files.
MANIFEST = "manifest.json"
#: Every file a reproduction can write; an existing output folder may hold only these.
OUTPUTS = (
    "claims.csv",
    "claims.json",
    "calibration.csv",
    *(f"{stem}.{ext}" for stem in ("phase_diagram", "tornado") for ext in ("png", "svg")),
    MANIFEST,
)


@dataclass(frozen=True)
class ClaimResult:
    """One row of the claims table."""

    id: str
    claim: str
    section: str
    evidence: str
    holds: bool
    share: float | None  #: share of Monte Carlo draws in which the claim holds

    @property
    def verdict(self) -> str:
        """``"PASS"`` or ``"FAIL"`` at the point estimates."""
        return "PASS" if self.holds else "FAIL"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "id": self.id,
            "claim": self.claim,
            "section": self.section,
            "evidence": self.evidence,
            "verdict": self.verdict,
            "monte_carlo_share": self.share,
        }


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width) or [""]


@dataclass
class Reproduction:
    """The computed claims table, the solutions it comes from, and the Monte Carlo."""

    cases: dict[str, Case]
    solutions: dict[str, Solution]
    claims: list[ClaimResult]
    monte_carlo: MonteCarlo | None
    #: The run's Monte Carlo settings (written to the manifest; draws 0: no Monte Carlo).
    draws: int = 0
    seed: int = DEFAULT_SEED
    distribution: str = "triangular"

    def table(self, width: int = 118) -> str:
        """The claims table as text: id, claim, computed evidence, PASS/FAIL, Monte Carlo share."""
        claim_w, verdict_w, share_w = 30, 7, 8
        evidence_w = max(30, width - claim_w - verdict_w - share_w - 4 - 4)
        head = f"{'id':<4}{'claim':<{claim_w + 1}}{'evidence':<{evidence_w + 1}}verdict  MC share"
        lines = [head, "-" * len(head)]
        for c in self.claims:
            share = "—" if c.share is None else f"{c.share:.1%}"
            left, right = _wrap(c.claim, claim_w), _wrap(c.evidence, evidence_w)
            for i in range(max(len(left), len(right))):
                line = (
                    f"{c.id if i == 0 else '':<4}"
                    f"{left[i] if i < len(left) else '':<{claim_w + 1}}"
                    f"{right[i] if i < len(right) else '':<{evidence_w + 1}}"
                    + (f"{c.verdict:<{verdict_w + 2}}{share:>{share_w}}" if i == 0 else "")
                )
                lines.append(line.rstrip())
            lines.append("")
        return "\n".join(lines).rstrip()

    def dyad_table(self) -> str:
        """Per dyad: tier and mechanism at the point estimate, P(tier), decisive parameters."""
        mc = self.monte_carlo
        name_w = 2 + max(len(sol.dyad.name) for sol in self.solutions.values())
        lines = [
            f"{'dyad':<{name_w}}{'tier':<9}{'mechanism':<23}"
            + ("P(infeasible/simple/complex)  decided by (η²)" if mc else "")
        ]
        for cid, sol in self.solutions.items():
            mech = " + ".join(m.value for m in sol.mechanism) or "—"
            if sol.conflict:
                mech += ", conflict"
            row = f"{sol.dyad.name:<{name_w}}{sol.tier.value:<9}{mech:<23}"
            if mc:
                p = mc.probabilities[cid]
                top = ", ".join(
                    f"{s.parameter} {s.index:.2f}" for s in mc.sensitivity[cid][:2] if s.index > 0
                )
                row += (
                    f"{p['infeasible']:.2f} / {p['simple']:.2f} / {p['complex']:.2f}"
                    f"{'':<10}{top or 'tier constant in all draws'}"
                )
            lines.append(row)
        return "\n".join(lines)

    def note(self) -> str:
        """The closing note: what passed, what failed, and why failures are reported as such."""
        failed = [c.id for c in self.claims if not c.holds]
        passed = len(self.claims) - len(failed)
        text = f"{passed} of {len(self.claims)} claims PASS at the calibrated point estimates."
        if failed:
            text += (
                f" FAIL: {', '.join(failed)}. These are findings, not errors: every value comes "
                "from the shipped calibration (each with its rule and sources; "
                "docs/explanation/calibration.rst) and was not tuned to the answer; the evidence "
                "column gives each reason."
            )
        if self.monte_carlo:
            mc = self.monte_carlo
            text += (
                f" Monte Carlo: {mc.draws:,} draws, seed {mc.seed}, {mc.distribution} "
                "distributions on each calibrated range, independent across free parameters and "
                "cases; derived parameters computed from their drawn factors."
            )
        return text

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: claims, solutions, calibration and Monte Carlo."""
        return {
            "claims": [c.to_dict() for c in self.claims],
            "solutions": {cid: sol.to_dict() for cid, sol in self.solutions.items()},
            "monte_carlo": self.monte_carlo.to_dict() if self.monte_carlo else None,
            "cases": {cid: case.rows() for cid, case in self.cases.items()},
            "note": self.note(),
        }

    def write(self, out: str | Path, progress: Callable[[str], None] | None = None) -> list[str]:
        """Write claims.csv, claims.json, calibration.csv, the figures and ``manifest.json`` into
        ``out``, atomically.

        ``out`` is checked first (:func:`output_folder`). Everything is written into a temporary
        folder next to ``out`` that replaces ``out`` only when complete, so an interrupted or
        failed write leaves a previous output as it was, and a new output never sits beside stale
        files of another run. The manifest names the run's seed, draws, distribution, cases and
        every file with its size and SHA-256. Returns the paths written. Figures need matplotlib
        (the ``figures`` extra); without it the reason is reported through ``progress`` and the
        tables are still written.
        """
        folder = output_folder(out)
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(
            tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".partial", dir=folder.parent)
        )
        umask = os.umask(0)
        os.umask(umask)
        staging.chmod(0o777 & ~umask)  # a folder as mkdir makes it (mkdtemp's is private)
        try:
            names = self._write_into(staging, progress or (lambda message: None))
            files = {
                name: {
                    "bytes": (staging / name).stat().st_size,
                    "sha256": hashlib.sha256((staging / name).read_bytes()).hexdigest(),
                }
                for name in names
            }
            manifest = {
                "seed": self.seed,
                "draws": self.draws,
                "distribution": self.distribution,
                "cases": list(self.cases),
                "files": files,
            }
            (staging / MANIFEST).write_text(
                json.dumps(manifest, indent=2, allow_nan=False) + "\n", encoding="utf-8"
            )
            _replace(staging, folder)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        return [str(folder / name) for name in (*names, MANIFEST)]

    def _write_into(self, folder: Path, progress: Callable[[str], None]) -> list[str]:
        """Write the tables and figures into ``folder``; return the file names."""
        with open(folder / "claims.csv", "w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, ["id", "claim", "evidence", "verdict", "monte_carlo_share"])
            writer.writeheader()
            for c in self.claims:
                row = c.to_dict()
                writer.writerow({k: row[k] for k in writer.fieldnames})
        (folder / "claims.json").write_text(
            json.dumps(jsonable(self.to_dict()), indent=2, ensure_ascii=False, allow_nan=False),
            encoding="utf-8",
        )
        rows = [row for case in self.cases.values() for row in case.rows()]
        with open(folder / "calibration.csv", "w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        figures = self._figures(folder, progress)
        return ["claims.csv", "claims.json", "calibration.csv", *(Path(p).name for p in figures)]

    def _figures(self, folder: Path, progress: Callable[[str], None]) -> list[str]:
        from . import figures

        written: list[str] = []
        makers = [("phase_diagram", lambda: figures.phase_panels(self.cases, self.monte_carlo))]
        mc = self.monte_carlo
        if mc:
            makers.append(("tornado", lambda: figures.tornado(mc, self.cases)))
        for stem, make in makers:
            try:
                fig = make()
            except ImportError as error:
                progress(f"figure {stem} skipped: {error}")
                continue
            written += figures.save(fig, stem, str(folder))
            progress(f"figure {stem} written")
        return written

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{c.id}</td><td>{html.escape(c.claim)}</td><td>{html.escape(c.evidence)}</td>"
            f"<td><b>{c.verdict}</b></td>"
            f"<td>{'—' if c.share is None else f'{c.share:.1%}'}</td></tr>"
            for c in self.claims
        )
        head = (
            "<tr><th>id</th><th>claim</th><th>evidence</th><th>verdict</th><th>MC share</th></tr>"
        )
        return f"<table>{head}{rows}</table><p>{html.escape(self.note())}</p>"


def output_folder(out: str | os.PathLike[str]) -> Path:
    """``out`` as the folder a reproduction may be written into, checked before any work.

    Allowed: a folder that does not exist yet (created with its parents), an empty folder, or one
    that holds only files a reproduction writes (:data:`OUTPUTS`: a previous run's output, which
    :meth:`Reproduction.write` replaces as a whole). Refused: an empty path (it is not the current
    folder), a file, a folder with other files, the current folder or one of its parents.

    Raises
    ------
    TypeError
        ``out`` is not a path.
    ValueError
        ``out`` is empty, a file, the current folder or a parent of it, or holds other files.
    OSError
        ``out`` cannot be created or written (e.g. a parent is a file, or not writable).
    """
    if not isinstance(out, (str, os.PathLike)):
        raise TypeError(f"out must be a folder path (str or os.PathLike), got {out!r}")
    text = os.fspath(out)
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"out = {text!r} is not a folder; give a folder path, e.g. 'reproduction'")
    folder = Path(text).expanduser().absolute()
    resolved, here = folder.resolve(), Path.cwd().resolve()
    if resolved == here or resolved in here.parents:
        raise ValueError(
            f"out = {text!r} is the current folder or one of its parents; give a subfolder"
        )
    if folder.is_dir():
        others = sorted(p.name for p in folder.iterdir() if p.name not in OUTPUTS)
        if others:
            shown = ", ".join(others[:5]) + (", …" if len(others) > 5 else "")
            raise ValueError(
                f"out = {text!r} holds files a reproduction does not write ({shown}); give a new "
                "or empty folder, or one a previous reproduction wrote"
            )
        existing = folder
    elif folder.exists():
        raise ValueError(f"out = {text!r} is a file, not a folder")
    else:
        existing = next(p for p in folder.parents if p.exists())
        if not existing.is_dir():
            raise NotADirectoryError(f"cannot create {str(folder)!r}: {str(existing)!r} is a file")
    if not os.access(existing if existing != folder else folder.parent, os.W_OK | os.X_OK):
        raise PermissionError(f"cannot write into {str(existing)!r}")
    return folder


def _replace(staging: Path, folder: Path) -> None:
    """Move the complete ``staging`` folder to ``folder``, replacing a previous output whole."""
    if not folder.exists():
        os.rename(staging, folder)
        return
    output_folder(folder)  # still only a reproduction's files
    old = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".old", dir=folder.parent))
    os.rename(folder, old / folder.name)
    try:
        os.rename(staging, folder)
    except BaseException:
        os.rename(old / folder.name, folder)
        raise
    finally:
        if folder.exists():
            shutil.rmtree(old, ignore_errors=True)


def reproduce(
    cases: Sequence[str | Case] = DEFAULT_CASES,
    *,
    claims: Sequence[Claim] = CLAIMS,
    draws: int = 10_000,
    seed: int = DEFAULT_SEED,
    distribution: str = "triangular",
    out: str | Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> Reproduction:
    """Reproduce the Chip 4 versus TTC comparison: solve, compute the claims, run the Monte Carlo.

    Parameters
    ----------
    cases : shipped case ids, paths to case files, or :class:`~coalition_games.cases.Case` objects;
        the claims refer to the five dyads by id (``us_japan``, ``us_south_korea``, ``us_taiwan``,
        ``us_eu``, ``us_netherlands``).
    claims : the claims to compute (default: C1–C10 of CLAIMS.md).
    draws : Monte Carlo draws, 0 (none: the table shows no share) to
        :data:`~coalition_games.uncertainty.MAX_DRAWS`.
    seed : the Monte Carlo seed (an integer ≥ 0; reproducible).
    distribution : ``"triangular"`` or ``"uniform"`` on each range (:mod:`.uncertainty`).
    out : if given, the folder to write tables and figures into (:meth:`Reproduction.write`),
        checked before any work (:func:`output_folder`).
    progress : called with short messages as the run advances (the CLI prints them).

    Every argument is checked before any work: a ``TypeError`` or ``ValueError`` names the
    argument, its value and what is allowed (a single case id must be given as a list; a case
    may appear once).
    """
    if isinstance(cases, (str, os.PathLike, Case)) or not isinstance(cases, Sequence):
        raise TypeError(
            f"cases must be a sequence of case ids, case-file paths or Case objects, got "
            f"{cases!r}" + (f"; for one case write [{cases!r}]" if isinstance(cases, str) else "")
        )
    if isinstance(claims, Claim) or not isinstance(claims, Sequence):
        raise TypeError(f"claims must be a sequence of Claim objects, got {claims!r}")
    for claim in claims:
        if not isinstance(claim, Claim):
            raise TypeError(f"claims must be Claim objects, got {claim!r}")
    draws = check_integer("draws", draws, 0, MAX_DRAWS)
    seed = check_integer("seed", seed, 0)
    if not isinstance(distribution, str) or distribution not in DISTRIBUTIONS:
        raise ValueError(
            f"distribution = {distribution!r} is not known; allowed: "
            + ", ".join(map(repr, DISTRIBUTIONS))
        )
    if progress is not None and not callable(progress):
        raise TypeError(f"progress must be a callable or None, got {progress!r}")
    if out is not None:
        output_folder(out)
    say = progress or (lambda message: None)
    loaded = [c if isinstance(c, Case) else read(c) for c in cases]
    ids = [c.id for c in loaded]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise ValueError(
            f"cases: {', '.join(map(repr, twice))} given more than once; give each once"
        )
    by_id = {c.id: c for c in loaded}
    missing = sorted({need for claim in claims for need in claim.needs} - set(by_id))
    if missing:
        raise ValueError(
            f"the claims need the case(s) {', '.join(missing)}; given: {', '.join(by_id)}"
        )
    say(f"solving {len(by_id)} calibrated dyads and their counterfactuals")
    world = PointWorld(by_id)
    checked = [(claim, *claim.check(world)) for claim in claims]
    mc = None
    if draws:
        mc = monte_carlo(
            loaded,
            draws=draws,
            seed=seed,
            distribution=distribution,
            evaluations=in_draws(claims, by_id),
            progress=say,
        )
    result = Reproduction(
        cases=by_id,
        solutions=world.solutions,
        claims=[
            ClaimResult(
                claim.id,
                claim.text,
                claim.section,
                evidence(),
                bool(holds),
                mc.shares[claim.id] if mc else None,
            )
            for claim, holds, evidence in checked
        ],
        monte_carlo=mc,
        draws=draws,
        seed=seed,
        distribution=distribution,
    )
    if out is not None:
        result.write(out, say)
    return result
