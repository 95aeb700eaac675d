"""The analyst notebooks run top to bottom (nbclient, a real ipykernel), so they never rot."""
from __future__ import annotations

import time

import pytest

from tests.conftest import ROOT

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
QUICKSTART = ROOT / "notebooks" / "quickstart.ipynb"


def outputs(cell) -> str:
    """Everything a code cell showed: streams, text and HTML reprs, errors."""
    parts = []
    for out in cell.get("outputs", []):
        if out.output_type == "stream":
            parts.append(out.text)
        elif out.output_type == "error":
            parts.append(f"{out.ename}: {out.evalue}")
        else:
            parts += [str(v) for k, v in out.get("data", {}).items() if k in ("text/plain", "text/html")]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def executed():
    nb = nbformat.read(QUICKSTART, as_version=4)
    start = time.perf_counter()
    nbclient.NotebookClient(nb, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(QUICKSTART.parent)}}).execute()
    return nb, time.perf_counter() - start


def test_quickstart_runs_top_to_bottom_in_under_a_minute(executed):
    nb, seconds = executed
    assert seconds < 60, f"the quickstart took {seconds:.0f} s"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code)  # every cell ran
    assert not [outputs(c) for c in code if any(o.output_type == "error" for o in c.outputs)]


def test_quickstart_shows_what_it_says(executed):
    nb, _ = executed
    shown = "\n".join(outputs(c) for c in nb.cells if c.cell_type == "code")
    for figure in ("over 800,000", "$4 billion", "nearly 1,300", "up to 30 million tons"):
        assert figure in shown  # the claim table
    assert 'class="gc-quantity"' in shown and "<geoclaims.Display: " in shown  # the highlighted text
    assert any("image/png" in o.get("data", {}) for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "4 articles: 3 analysed, 1 error(s)" in shown and "row 'empty'" in shown  # the batch and its error
    assert "up to 15 million tons" in shown and "nearly 2 million tons" in shown
    assert "<geoclaims.Summary: " in shown and "claims per entity" in shown
    assert "parquet round trip: True True" in shown  # the export


def test_committed_notebook_is_the_built_one():
    """notebooks/build_quickstart.py writes the notebook; the committed file has its cells."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_quickstart", ROOT / "notebooks" / "build_quickstart.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    nb = nbformat.read(QUICKSTART, as_version=4)
    assert [(c.cell_type, c.source) for c in nb.cells] == [(c.cell_type, c.source) for c in module.CELLS]
    assert all(c.execution_count for c in nb.cells if c.cell_type == "code")  # committed with its outputs
