"""The wheel carries everything the package reads at run time: a non-editable install works too."""
from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT

pytest.importorskip("setuptools")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
                           "-w", str(out), str(ROOT)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return zipfile.ZipFile(next(out.glob("geoclaims-*.whl")))


def test_every_data_file_is_in_the_wheel(wheel):
    names = set(wheel.namelist())
    data = [p.relative_to(ROOT).as_posix() for p in (ROOT / "analyzer").glob("*/data/*") if p.is_file()]
    assert data, "no data files found"
    missing = [p for p in data if p not in names]
    assert not missing
    assert "analyzer/py.typed" in names


def test_entry_points_in_the_wheel(wheel):
    meta = next(n for n in wheel.namelist() if n.endswith(".dist-info/entry_points.txt"))
    text = wheel.read(meta).decode()
    assert "[spacy_factories]" in text and "geo_quantities" in text
    assert "[console_scripts]" in text and "geoclaims = analyzer.cli:main" in text


def test_no_tests_or_datasets_in_the_wheel(wheel):
    assert not [n for n in wheel.namelist() if n.startswith(("tests/", "data/", "bench/"))]
    assert Path(ROOT / "data" / "examples" / "putin_baku.txt").exists()
