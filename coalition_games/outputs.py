"""Every command's output folder: one refusal policy and one atomic writer.

``reproduce``, ``audit``, ``sweep`` and ``estimate`` (and any later command with an ``--out``)
write through :func:`write_output`:

* **Refusal, before any work** (:func:`output_folder`). Allowed: a folder that does not exist yet,
  an empty folder, or a previous output *of the same command* — a folder whose ``manifest.json``
  names the command and which holds only the files that manifest lists. Refused with one
  ``ValueError`` naming the path: an empty path, the current folder or one of its parents, a
  file, a folder holding anything else (another command's output included).
* **Staging and swap.** The files are written into a hidden staging folder next to the target
  (``.<name>.<random>.partial``); the manifest (the command, the run's settings, every file with
  its size and SHA-256) is written last; then the staging folder replaces the target whole. An
  error or an interrupt before the swap removes the staging folder and leaves a previous output
  byte for byte as it was; a new output never sits beside stale files of another run.
* **Concurrent writers.** The swap holds an exclusive lock on ``.<name>.lock`` next to the target
  (``fcntl.flock``; the lock file is removed by its holder, and a waiter that finds it removed
  takes the new one), so two runs writing the same folder swap one after the other: the folder
  ends as one complete run's output, never a mix, and no ``.old`` folder is left behind.
* **Signals.** SIGINT raises ``KeyboardInterrupt``; while :func:`write_output` runs, SIGTERM and
  SIGHUP (where their handler is the default, which would end the process without cleaning up)
  raise :class:`Terminated`, a ``KeyboardInterrupt``, so the same cleanup runs. The swap itself
  runs with these signals blocked (POSIX): a signal that arrives during it is delivered once the
  swap is complete, and the exception then carries ``written`` (the folder), so that a caller
  can say the output was written.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from .solution import jsonable

__all__ = [
    "MANIFEST",
    "TERMINATING",
    "Terminated",
    "output_folder",
    "signals_raise",
    "write_output",
]

#: The manifest every output folder holds: the command, its run's settings and every file.
MANIFEST = "manifest.json"

#: The signals that end a run: each raises an exception (never a silent exit) while
#: :func:`signals_raise` is active, and is held back during the swap.
TERMINATING: tuple[signal.Signals, ...] = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


class Terminated(KeyboardInterrupt):
    """A terminating signal (SIGTERM, SIGHUP) received: raised like Ctrl-C's
    ``KeyboardInterrupt``, with the signal's number as :attr:`signum`."""

    def __init__(self, signum: int) -> None:
        super().__init__(f"terminated by {signal.Signals(signum).name}")
        self.signum = signum


def _raise(signum: int, frame: Any) -> None:
    raise Terminated(signum)


@contextlib.contextmanager
def signals_raise() -> Iterator[None]:
    """Inside the block, each of :data:`TERMINATING` whose handler is the default (ending the
    process at once) raises :class:`Terminated` instead; handlers a program set itself (Python's
    own SIGINT handler, ``SIG_IGN`` under ``nohup``) are left alone. Main thread only (elsewhere
    signals cannot be handled; the block then changes nothing)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}
    for signum in TERMINATING:
        if signal.getsignal(signum) == signal.SIG_DFL:
            previous[signum] = signal.signal(signum, _raise)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextlib.contextmanager
def _held_back() -> Iterator[None]:
    """Block :data:`TERMINATING` inside the block (POSIX); pending ones arrive at its end."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, TERMINATING)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _listed(folder: Path) -> list[str] | None:
    """The files the manifest of ``folder`` lists, with the command it names, or None when
    ``folder`` has no readable manifest."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
        return None
    return [str(manifest.get("command")), *manifest["files"]]


def _foreign(folder: Path, command: str) -> list[str]:
    """What in ``folder`` is not part of a previous ``command`` output (relative paths)."""
    entries = sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))
    if not entries:
        return []
    listed = _listed(folder)
    if listed is None or listed[0] != command:
        return [e for e in entries if "/" not in e and os.sep not in e]
    files = {Path(name) for name in listed[1:]} | {Path(MANIFEST)}
    parents = {parent for f in files for parent in f.parents}
    found = []
    for entry in entries:
        path = Path(entry)
        expected = files if (folder / path).is_file() else parents
        if path not in expected:
            found.append(entry)
    return found


def output_folder(out: str | os.PathLike[str], command: str) -> Path:
    """``out`` as the folder a ``command`` output may be written into, checked before any work
    (the refusal policy in the module docstring).

    Raises
    ------
    TypeError
        ``out`` is not a path.
    ValueError
        ``out`` is empty, the current folder or a parent of it, a file, or a folder holding
        files that are not a previous ``command`` output.
    OSError
        ``out`` cannot be created or written (a parent is a file, or not writable).
    """
    if not isinstance(out, (str, os.PathLike)):
        raise TypeError(f"out must be a folder path (str or os.PathLike), got {out!r}")
    text = os.fspath(out)
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"out = {text!r} is not a folder; give a folder path, e.g. '{command}'")
    folder = Path(text).expanduser().absolute()
    resolved, here = folder.resolve(), Path.cwd().resolve()
    if resolved == here or resolved in here.parents:
        raise ValueError(
            f"out = {text!r} is the current folder or one of its parents; give a subfolder"
        )
    if folder.is_dir():
        others = _foreign(folder, command)
        if others:
            shown = ", ".join(others[:5]) + (", …" if len(others) > 5 else "")
            raise ValueError(
                f"out = {text!r} holds files that are not a previous {command} output ({shown}); "
                f"give a new or empty folder, or one a previous {command} wrote (its "
                f"{MANIFEST} names the command)"
            )
        existing = folder
    elif folder.exists() or folder.is_symlink():
        raise ValueError(f"out = {text!r} is a file, not a folder")
    else:
        existing = next(p for p in folder.parents if p.exists())
        if not existing.is_dir():
            raise NotADirectoryError(f"cannot create {str(folder)!r}: {str(existing)!r} is a file")
    if not os.access(existing if existing != folder else folder.parent, os.W_OK | os.X_OK):
        raise PermissionError(f"cannot write into {str(existing)!r}")
    return folder


if sys.platform == "win32":  # pragma: no cover - the lock where fcntl does not exist
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_LOCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold the exclusive lock of ``folder`` (the file ``.<name>.lock`` beside it), removing the
    lock file when done; a waiter whose lock file was removed meanwhile opens the new one."""
    path = folder.parent / f".{folder.name}.lock"
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            _lock(fd)
            if os.path.samestat(os.fstat(fd), os.stat(path)):
                break
        except FileNotFoundError:  # removed by the holder we waited for: take the new one
            pass
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)
        os.close(fd)


def _swap(staging: Path, folder: Path, command: str) -> None:
    """Move the complete ``staging`` folder to ``folder``, replacing a previous output whole
    (called with the folder's lock held and terminating signals held back)."""
    if not (folder.exists() or folder.is_symlink()):
        os.rename(staging, folder)
        return
    output_folder(folder, command)  # still a previous output of this command
    old = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".old", dir=folder.parent))
    os.rename(folder, old / folder.name)
    try:
        os.rename(staging, folder)
    except BaseException:
        os.rename(old / folder.name, folder)
        raise
    finally:
        shutil.rmtree(old, ignore_errors=True)


def write_output(
    out: str | os.PathLike[str],
    command: str,
    write: Callable[[Path], Iterable[str]],
    settings: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Write a ``command`` output into ``out`` atomically (module docstring); return its
    manifest.

    Parameters
    ----------
    out : the output folder, checked first (:func:`output_folder`).
    command : the command's name (``"reproduce"``, ``"audit"``, …), written to the manifest; a
        previous output is replaced only if its manifest names the same command.
    write : called with the staging folder; writes the files into it (subfolders allowed) and
        returns their paths relative to it (or absolute, inside it).
    settings : the run's settings for the manifest (JSON data: seed, draws, …).

    Returns
    -------
    dict
        The manifest: ``command``, the ``settings``' keys, and ``files`` (each file's ``bytes``
        and ``sha256``, by its path relative to ``out``).
    """
    folder = output_folder(out, command)
    folder.parent.mkdir(parents=True, exist_ok=True)
    committed = False
    with signals_raise():
        staging = Path(
            tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".partial", dir=folder.parent)
        )
        try:
            umask = os.umask(0)
            os.umask(umask)
            staging.chmod(0o777 & ~umask)  # a folder as mkdir makes it (mkdtemp's is private)
            names = [os.path.relpath(staging / name, staging) for name in write(staging)]
            files = {
                Path(name).as_posix(): {
                    "bytes": (staging / name).stat().st_size,
                    "sha256": hashlib.sha256((staging / name).read_bytes()).hexdigest(),
                }
                for name in names
            }
            manifest = jsonable({"command": command, **dict(settings or {}), "files": files})
            (staging / MANIFEST).write_text(
                json.dumps(manifest, indent=2, allow_nan=False) + "\n", encoding="utf-8"
            )
            with _locked(folder), _held_back():
                _swap(staging, folder, command)
                committed = True  # before a held-back signal is delivered
        except BaseException as error:
            with _held_back():
                shutil.rmtree(staging, ignore_errors=True)
            if committed:  # a signal held back during the swap: the output is complete
                error.written = str(folder)  # type: ignore[attr-defined]
            raise
    return manifest
