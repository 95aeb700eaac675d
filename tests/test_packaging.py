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
    # the core's and the stages', with the accurate mode's model folder
    folders = [*(ROOT / "analyzer").glob("data/**/*"), *(ROOT / "analyzer").glob("*/data/**/*")]
    data = [p.relative_to(ROOT).as_posix() for p in folders if p.is_file()]
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


def test_every_import_of_the_html_reader_resolves_as_installed():
    """Issue 15: with the pip that `python3 -m venv` ships, `lxml[html_clean]` (asked for by jusText) was not
    resolved, so trafilatura could not be imported on a fresh install. The package names lxml_html_clean
    itself; this imports the whole chain as the HTML reader does."""
    import importlib

    for module in ("lxml.html.clean", "justext", "trafilatura"):
        importlib.import_module(module)


def test_the_metadata_names_what_fresh_installs_need(wheel):
    meta = next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
    requires = [line.split(":", 1)[1].strip() for line in wheel.read(meta).decode().splitlines()
                if line.startswith("Requires-Dist:") and "extra ==" not in line]
    names = {r.split(">")[0].split("=")[0].split("<")[0].split("[")[0].strip().lower().replace("_", "-") for r in requires}
    assert {"trafilatura", "lxml-html-clean", "pyarrow"} <= names
    pyarrow = next(r for r in requires if r.lower().startswith("pyarrow"))
    assert ">=14.0.1" in pyarrow.replace(" ", "")  # CVE-2023-47248: untrusted Parquet is read by check/compare/--resume


def test_ci_runs_the_readme_commands_with_the_venv_pip():
    """The README's two commands, in a fresh venv with the pip it ships (not upgraded): what a newcomer runs."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf8")
    readme = (ROOT / "README.md").read_text(encoding="utf8")
    assert "python3 -m venv" in ci and "install --upgrade pip" not in ci and "-U pip" not in ci
    assert "pip install -e . && geoclaims analyze data/examples/putin_baku.txt" in readme
    assert 'pip install -e ".[test]" && python -m pytest' in readme
    assert "pip install --quiet -e .\ngeoclaims analyze data/examples/putin_baku.txt" in ci
    assert 'pip install --quiet -e ".[test]"' in ci and "python -m pytest" in ci
