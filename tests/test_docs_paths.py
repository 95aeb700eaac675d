"""Every repository path the README, docs/ and the model cards name exists (issue 17: the README and the model card
named builders that were never committed)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), *sorted((ROOT / "models").glob("*.md"))]
GENERATED = ("bench/out",)  # written by the benches, ignored by git: absent from a fresh checkout
TOP = ("analyzer/", "bench/", "data/", "docs/", "models/", "tests/", ".ci/", "notebooks/", "examples/")
# a path in backticks or a markdown link: starts with a top-level folder of the repository, ends at a space,
# backtick, quote, bracket or a closing parenthesis
PATH = re.compile(r"(?<![\w./-])((?:" + "|".join(re.escape(t) for t in TOP) + r")[\w./*-]*)")


def _paths(text: str) -> set[str]:
    out = set()
    for m in PATH.finditer(text):
        p = m.group(1).rstrip(".,:;")
        if "*" in p or "<" in p or p.endswith("/...") or p.startswith(GENERATED):
            continue
        out.add(p)
    return out


@pytest.mark.parametrize("doc", DOCS, ids=[str(d.relative_to(ROOT)) for d in DOCS])
def test_named_paths_exist(doc):
    missing = sorted(p for p in _paths(doc.read_text(encoding="utf8")) if not (ROOT / p).exists())
    assert not missing, f"{doc.relative_to(ROOT)} names paths that do not exist: {missing}"


def test_the_path_reader_finds_paths():
    text = "Run `python models/build/train_checkworthiness.py`; see [the card](models/checkworthiness.md), bench/out/x."
    assert _paths(text) == {"models/build/train_checkworthiness.py", "models/checkworthiness.md"}
