"""The estimation notebook runs from top to bottom (nbclient, as a reader would)."""

from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "estimation.ipynb"


def test_estimation_notebook_executes_without_error():
    nbclient = pytest.importorskip("nbclient")
    nbformat = pytest.importorskip("nbformat")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3").execute(
        cwd=str(NOTEBOOK.parent)
    )
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "".join(o.get("text", "") for o in outputs)
    assert "leave-one-out" in text and "LR 2(l_linkage - l_baseline)" in text
