"""The gazetteer builder (data/build/gazetteer/gen.py): the shipped gazetteer is its build, byte for byte, and a
build on a small fixture is deterministic and follows the merge rules."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GEN = ROOT / "data" / "build" / "gazetteer" / "gen.py"


@pytest.fixture(scope="module")
def gen():
    spec = importlib.util.spec_from_file_location("gazetteer_gen", GEN)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pinned_inputs_installed(gen) -> bool:
    import importlib.metadata
    try:
        return all(importlib.metadata.version(n) == v for n, v in gen.PACKAGES.items())
    except importlib.metadata.PackageNotFoundError:
        return False


def test_the_shipped_gazetteer_is_the_build(gen):
    """`gen.py --check` in full: the pinned inputs give the shipped files byte for byte."""
    if not _pinned_inputs_installed(gen):
        pytest.skip("the build's pinned packages are not installed (pip install -e '.[build]')")
    records = gen.build()
    data = ROOT / "analyzer" / "entities" / "data"
    assert gen.render(records) == (data / "gazetteer.jsonl").read_text(encoding="utf8")
    assert gen.forms_index(records) == (data / "gazetteer.forms.tsv").read_text(encoding="utf8")


FIXTURE_BASE = [
    {"id": "AZ", "canonical": "Azerbaijan", "kind": "country", "label": "GPE", "aliases": ["Azerbaijan"],
     "adjectives": ["Azerbaijani"], "country": "AZ", "role": "", "source": "base"},
    {"id": "region:crimea", "canonical": "Crimea", "kind": "region", "label": "LOC", "aliases": ["Crimea"],
     "adjectives": [], "country": "", "role": "", "source": "base"},
]
FIXTURE_HELPER = [
    # the same region with a country: merged into the base record, which keeps its own country
    {"canonical": "Crimea", "kind": "region", "org_type": "", "country": "UA", "aliases": ["Crimea", "Crimean Peninsula"],
     "surnames": [], "adjectives": [], "role": "", "wiki": "Crimea", "prominence": 3, "start": "", "end": ""},
    # a description is no alias; a company's legal suffix is dropped from its canonical name
    {"canonical": "SOCAR Inc.", "kind": "organization", "org_type": "company", "country": "AZ",
     "aliases": ["SOCAR Inc.", "SOCAR", "Azerbaijani oil company"], "surnames": [], "adjectives": [], "role": "",
     "wiki": "", "prominence": 2, "start": "", "end": ""},
]


def _build(gen, tmp_path: Path) -> tuple[str, str]:
    curated = tmp_path / "curated"
    curated.mkdir(exist_ok=True)
    (curated / "base.jsonl").write_text("".join(json.dumps(r) + "\n" for r in FIXTURE_BASE), encoding="utf8")
    (curated / "orgs.jsonl").write_text("".join(json.dumps(r) + "\n" for r in FIXTURE_HELPER), encoding="utf8")
    gen.CURATED = curated
    m = gen.Merger()
    layers = gen.curated()
    for r in layers[0]:
        r["prominence"] = gen.base_prominence(r)
        m.add(r)
    for layer in layers[1:]:
        for r in layer:
            m.add(r, merge="extend")
    records = sorted(m.by_id.values(), key=lambda r: (gen.KIND_ORDER[r["kind"]], r["id"]))
    return gen.render(records), gen.forms_index(records)


def test_a_build_on_a_fixture_is_deterministic_and_merges(gen, tmp_path, monkeypatch):
    monkeypatch.setattr(gen, "CURATED", gen.CURATED)  # restored after the test
    first = _build(gen, tmp_path)
    assert first == _build(gen, tmp_path)  # byte for byte
    records = {r["id"]: r for r in map(json.loads, first[0].splitlines())}
    assert set(records) == {"AZ", "region:crimea", "org:socar"}
    assert records["region:crimea"]["country"] == ""  # the curated base keeps its own country
    assert "Crimean Peninsula" in records["region:crimea"]["aliases"]  # ... and gains the helper's aliases
    assert records["org:socar"]["canonical"] == "SOCAR"
    assert "Azerbaijani oil company" not in records["org:socar"]["aliases"]
    assert list(records["AZ"]) == list(gen.FIELDS)
    forms = first[1].splitlines()
    assert forms[0].startswith("# spacy ")
    assert "azerbaijani\tAzerbaijani\tJ\tAZ\tazerbaijani" in forms
