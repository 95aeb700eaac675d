"""Shared fixtures. Tests use the real base spaCy model: it is a dependency of the package."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import settings

import analyzer

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLE = ROOT / "data" / "examples" / "putin_baku.txt"
SHARED = ROOT.parent / "shared"  # datasets live beside the project, never inside it

# property tests: the same examples on every run (CI), no example database written into the tree;
# HYPOTHESIS_PROFILE=dev draws new examples each run
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("dev", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def nlp():
    """The default geoclaims pipeline, loaded once for the whole run."""
    return analyzer.get_pipeline()


@pytest.fixture(scope="session")
def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf8")


@pytest.fixture(scope="session")
def expected() -> dict:
    return json.loads((FIXTURES / "putin_baku.expected.json").read_text(encoding="utf8"))


def load_cases(name: str) -> list[dict]:
    with (FIXTURES / name).open(encoding="utf8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
