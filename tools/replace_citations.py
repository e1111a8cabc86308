"""Replace citations of the design files that the repository does not ship (MODEL.md, CLAIMS.md,
REFERENCES.md, CALIBRATION.md, ARCHITECTURE.md) by what the docs say in their place.

The mapping is docs/citations.txt (citation | plain replacement | .rst replacement). Applied to
coalition_games/, tools/, tests/, benchmarks/, docs/, notebooks/, README.md and CHANGELOG.md:

* longest citation first, so "MODEL.md §3.2" is never read as "MODEL.md §3" followed by ".2";
* in .rst files the third column (a :ref: or :doc:) outside literal blocks and doctests; inside
  them, and everywhere else, the plain text — the same in the code and in the examples that print
  it, so doctests and generated files (the case TOMLs written by tools/derive_calibration.py, the
  notebook written by tools/make_notebook.py) stay equal to their sources;
* in Python files a comment or docstring line that grows past the line length (100) is wrapped
  at a space, its continuation indented alike; any other line that is too long is reported.

Run from the repository root: ``python tools/replace_citations.py`` (``--check``: change nothing,
list what would change and exit 1 if anything would). Afterwards
``grep -r "MODEL.md\\|CLAIMS.md\\|REFERENCES.md" coalition_games docs README.md`` finds nothing
(docs/citations.txt and this script excepted, which name the files on purpose), and
``ruff format`` should be run on the changed Python files.
"""

from __future__ import annotations

import argparse
import bisect
import io
import re
import sys
import tokenize
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MAPPING = ROOT / "docs" / "citations.txt"
TARGETS = ("coalition_games", "tools", "tests", "benchmarks", "docs", "notebooks")
FILES = ("README.md", "CHANGELOG.md")
SUFFIXES = {".py", ".rst", ".md", ".toml", ".txt", ".ipynb", ".cfg", ".efg", ".nfg", ".csv"}
SKIP_DIRS = {"_build", "api", "_generated", "__pycache__", ".ipynb_checkpoints"}
LINE_LENGTH = 100
STEM = re.compile(r"\{(MODEL|CLAIMS|REFERENCES|CALIBRATION|ARCHITECTURE)\}")
#: Inline text after which a citation starts a sentence (its replacement is then capitalised).
SENTENCE_END = re.compile(r'([.!?]|"""|\'\'\')[ \t]*$')
#: Markers that may open a line of a comment or a list.
LINE_MARKER = re.compile(r"^[ \t]*(#:?|[-*])?[ \t]*$")
LITERAL_DIRECTIVE = re.compile(r"\.\. (code-block|code|literalinclude|sourcecode)::")
CITED = re.compile(r"(MODEL|CLAIMS|REFERENCES|CALIBRATION|ARCHITECTURE)\.md")


def read_mapping(path: Path = MAPPING) -> list[tuple[str, str, str]]:
    """(citation, plain, rst) triples, longest citation first."""
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [part.strip() for part in line.split(" | ")]
        if len(parts) not in (2, 3) or not parts[0] or not parts[1]:
            raise ValueError(f"{path}:{number}: expected 'citation | plain | rst', got {line!r}")
        citation = STEM.sub(lambda m: f"{m.group(1)}.md", parts[0])
        plain = parts[1]
        rst = parts[2] if len(parts) == 3 and parts[2] else plain
        entries.append((citation, plain, rst))
    return sorted(entries, key=lambda e: -len(e[0]))


def _replace(text: str, entries: list[tuple[str, str, str]], column: Any) -> str:
    """Replace every citation in ``text`` by the entry's ``column`` (1 plain, 2 rst), or by the
    column ``column(offset)`` returns for the citation at that offset."""
    pattern = re.compile("|".join(re.escape(e[0]) for e in entries))
    table = {e[0]: e for e in entries}

    def substitute(match: re.Match[str]) -> str:
        which = column(match.start()) if callable(column) else column
        replacement = table[match.group(0)][which]
        if replacement[:1].islower() and _starts_sentence(text, match.start()):
            return replacement[0].upper() + replacement[1:]
        return replacement

    return pattern.sub(substitute, text)


def _starts_sentence(text: str, start: int) -> bool:
    """Whether a citation at ``start`` begins a sentence: after a full stop or an opening triple
    quote on its line, or first on its line when the line before is blank, ends a sentence, or is
    of another kind (code before a comment)."""
    line_start = text.rfind("\n", 0, start) + 1
    inline = text[line_start:start]
    if not LINE_MARKER.match(inline):
        return bool(SENTENCE_END.search(inline))
    if line_start == 0:
        return True
    previous = text[text.rfind("\n", 0, line_start - 1) + 1 : line_start - 1]
    comment = inline.lstrip().startswith("#")
    if comment and not previous.lstrip().startswith("#"):
        return True
    body = previous.strip().lstrip("#:").strip()
    return not body or bool(SENTENCE_END.search(body)) or body.endswith(('"""', "'''"))


def replace_rst(text: str, entries: list[tuple[str, str, str]]) -> str:
    """Prose gets the :ref: form; literal blocks and doctests get the plain form."""
    plain_lines, offsets = [], []
    literal_indent, in_doctest, offset = None, False, 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        if literal_indent is not None and stripped and indent <= literal_indent:
            literal_indent = None
        if stripped.startswith(">>>"):
            in_doctest = True
        elif not stripped:
            in_doctest = False
        offsets.append(offset)
        plain_lines.append(in_doctest or (literal_indent is not None and stripped != ""))
        offset += len(line)
        if literal_indent is None and stripped.endswith("::") and not stripped.startswith(".."):
            literal_indent = indent
        elif literal_indent is None and LITERAL_DIRECTIVE.match(stripped):
            literal_indent = indent

    def column(at: int) -> int:
        return 1 if plain_lines[bisect.bisect_right(offsets, at) - 1] else 2

    return _replace(text, entries, column)


def _text_lines(source: str) -> tuple[set[int], set[int]]:
    """Line numbers (1-based) of comment lines and of lines inside triple-quoted strings."""
    comments: set[int] = set()
    strings: set[int] = set()
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError):
        return comments, strings
    lines = source.splitlines()
    for tok in tokens:
        if tok.type == tokenize.COMMENT and lines[tok.start[0] - 1].lstrip().startswith("#"):
            comments.add(tok.start[0])
        elif tok.type == tokenize.STRING and tok.string.lstrip("rRbBuUfF")[:3] in ('"""', "'''"):
            strings.update(range(tok.start[0], tok.end[0] + 1))
    return comments, strings


def _wrap(line: str, prefix: str) -> list[str]:
    """Split ``line`` at the last space before the limit; the rest continues after ``prefix``."""
    pieces = []
    while len(line) > LINE_LENGTH:
        cut = line.rfind(" ", len(prefix) + 1, LINE_LENGTH + 1)
        if cut <= len(prefix):
            break
        pieces.append(line[:cut].rstrip())
        line = prefix + line[cut + 1 :].lstrip()
    return [*pieces, line]


def replace_python(text: str, entries: list[tuple[str, str, str]]) -> tuple[str, list[int]]:
    """Replace, wrap grown comment and docstring lines; return the text and lines still long.

    What a wrap cuts off a line is carried onto the next line of the same paragraph (same
    indentation, same kind of text, not blank, not a list item or an example) and that line is
    wrapped in turn, so a paragraph stays a paragraph.
    """
    old_lines = text.splitlines()
    new_text = _replace(text, entries, 1)
    comments, strings = _text_lines(new_text)
    lines = new_text.splitlines()
    out: list[str] = []
    long_lines: list[int] = []
    carry = ""
    for number, line in enumerate(lines, 1):
        indent = line[: len(line) - len(line.lstrip())]
        kind = "comment" if number in comments else "string" if number in strings else None
        marker = ""
        if kind == "comment":
            marker = "#: " if line.lstrip().startswith("#:") else "# "
        if carry:
            body = line[len(indent) + len(marker) :]
            line = f"{indent}{marker}{carry} {body}".rstrip()
            carry = ""
        grew = len(line) > max(
            LINE_LENGTH, len(old_lines[number - 1]) if number <= len(old_lines) else 0
        )
        if not grew or kind is None:
            out.append(line)
            if grew:
                long_lines.append(len(out))
            continue
        pieces = _wrap(line, indent + marker)
        following = lines[number] if number < len(lines) else ""
        if len(pieces) > 1 and _continues(
            following, indent, marker, number + 1, kind, comments, strings
        ):
            out.extend(pieces[:-1])
            carry = pieces[-1][len(indent) + len(marker) :]
        else:
            out.extend(pieces)
    result = "\n".join(out) + ("\n" if new_text.endswith("\n") else "")
    return result, long_lines


def _continues(
    line: str, indent: str, marker: str, number: int, kind: str, comments: set, strings: set
) -> bool:
    """Whether ``line`` (number ``number``) continues the paragraph of a wrapped line."""
    same_kind = number in (comments if kind == "comment" else strings)
    if not same_kind or not line.startswith(indent + marker):
        return False
    body = line[len(indent) + len(marker) :]
    if not body.strip() or body[:1].isspace():
        return False
    return not re.match(
        r'(>>>|\.\.\.|[-*] |\d+\. |"""|\'\'\'|[A-Za-z_ ]+ : |[A-Z][a-z]+\n)', body
    ) and not (set(body.strip()) <= set("-=~"))


def targets(root: Path = ROOT) -> list[Path]:
    """Every file the replacement looks at (the mapping and this script excepted)."""
    found = [root / name for name in FILES if (root / name).exists()]
    for folder in TARGETS:
        for path in sorted((root / folder).rglob("*")):
            if (
                path.is_file()
                and path.suffix in SUFFIXES
                and not SKIP_DIRS & set(path.relative_to(root).parts)
                and path.resolve() not in (MAPPING.resolve(), Path(__file__).resolve())
            ):
                found.append(path)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="repository root (default: ours)")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if needed")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    entries = read_mapping(root / "docs" / "citations.txt")
    changed, long_report = [], []
    for path in targets(root):
        text = path.read_text(encoding="utf-8")
        if not CITED.search(text):
            continue
        if path.suffix == ".py":
            new, long_lines = replace_python(text, entries)
            long_report += [f"{path.relative_to(root)}:{n}" for n in long_lines]
        elif path.suffix == ".rst":
            new = replace_rst(text, entries)
        else:
            new = _replace(text, entries, 1)
        if new != text:
            changed.append(path)
            if not args.check:
                path.write_text(new, encoding="utf-8")
    for path in changed:
        print(("would change " if args.check else "changed ") + str(path.relative_to(root)))
    for where in long_report:
        print(f"longer than {LINE_LENGTH} after the replacement (code, not wrapped): {where}")
    if args.check:
        return 1 if changed else 0
    left = [str(p.relative_to(root)) for p in targets(root) if CITED.search(p.read_text("utf-8"))]
    if left:
        print("citations left (add them to docs/citations.txt): " + ", ".join(left))
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main())
