"""The code passes ruff with pyproject.toml's [tool.ruff] settings (issue 18), C901 included: no function above
the complexity ceiling in the package, the benches or the data builds. ruff is in the test extra, pinned, so CI
runs this."""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(importlib.util.find_spec("ruff") is None, reason="ruff is not installed (pip install -e '.[test]')")
def test_ruff_finds_nothing():
    run = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "analyzer", "tests", "bench", "data",
                          "models"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_complexity_ceiling_is_on():
    """A ceiling that no one can raise quietly: C901 is selected and the ceiling is 15 (the split functions'
    largest is below it)."""
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    lint = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf8"))["tool"]["ruff"]["lint"]
    assert "C901" in lint["select"]
    assert lint["mccabe"]["max-complexity"] == 15
