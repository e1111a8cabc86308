"""tools/replace_citations.py and its mapping docs/citations.txt: every :ref: target exists, the
replacements read as prose, code and examples get the same plain text, and nothing is left."""

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def tool():
    spec = importlib.util.spec_from_file_location(
        "replace_citations", ROOT / "tools" / "replace_citations.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_label_the_mapping_links_to_is_defined_in_the_docs(tool):
    labels = {
        m.group(1)
        for page in (ROOT / "docs").rglob("*.rst")
        for m in re.finditer(r"^\.\. _([\w-]+):", page.read_text(encoding="utf-8"), re.M)
    }
    targets = {
        m.group(1)
        for _, _, rst in tool.read_mapping()
        for m in re.finditer(r":ref:`(?:[^`<]*<)?([\w-]+)>?`", rst)
    }
    assert targets and targets <= labels, sorted(targets - labels)


def test_code_gets_plain_text_capitalised_at_a_sentence_start(tool):
    entries = tool.read_mapping()
    cite = "MODEL" + ".md"
    text = f'"""{cite} §2 and §6.\n\nA dyad ({cite} §3.2) is {cite}\'s tree.\n"""\n# {cite} §5: x\n'
    new, long_lines = tool.replace_python(text, entries)
    assert new == (
        '"""The model §2 and §6.\n\nA dyad (the model §3.2) is the model\'s tree.\n"""\n'
        "# The model §5: x\n"
    )
    assert not long_lines


def test_rst_prose_gets_a_reference_and_examples_the_plain_text(tool):
    cite = "MODEL" + ".md"
    text = f"See {cite} §6.\n\n>>> print('{cite} §6')\n{cite} §6\n"
    assert tool.replace_rst(text, tool.read_mapping()) == (
        "See :ref:`the model §6 <model-linkage>`.\n\n>>> print('the model §6')\nthe model §6\n"
    )


def test_a_grown_docstring_line_is_wrapped_and_its_paragraph_carried_on(tool):
    cite = "CLAIMS" + ".md"
    line = "    " + "word " * 17 + f"({cite}) and"
    text = f'def f():\n    """Summary.\n\n{line}\n    the end.\n    """\n'
    new, _ = tool.replace_python(text, tool.read_mapping())
    assert all(len(row) <= 100 for row in new.splitlines())
    assert " ".join(new.split()).endswith('(docs/explanation/claims.rst) and the end. """')


def test_the_mapping_does_not_itself_contain_the_citations_it_removes():
    assert not re.search(
        r"(MODEL|CLAIMS|REFERENCES)\.md", (ROOT / "docs" / "citations.txt").read_text("utf-8")
    )
