"""Shared fixtures. Tests use the real base spaCy model: it is a dependency of the package."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import analyzer

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLE = ROOT / "data" / "examples" / "putin_baku.txt"
SHARED = ROOT.parent / "shared"  # datasets live beside the project, never inside it


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
