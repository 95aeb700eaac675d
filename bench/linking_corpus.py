"""The texts of the second linking set (bench/data/linking/), read from ../shared, never copied.

A text id names its source:
- ``fnc1:<Body ID>``: an FNC-1 train body (full news article, development text);
- ``liar:<id>``: a LIAR train statement (``2635.json`` is ``liar:2635``);
- ``emergent:<sha1[:12]>``: an Emergent headline of a development row (claim or article headline; rows with
  int(sha1(claimId), 16) % 5 == 0 are Emergent's reporting part and are never used), named by the first 12 hex
  digits of the sha1 of its text, as bench/data/linking_gold.annotations.jsonl names them.

The split is fixed by the id alone, before any rule is written from the set: ``test`` when the first byte of
sha1("linking:" + id) is below 102 (40%), else ``dev`` (`split_of`).

    python bench/linking_corpus.py --show fnc1:123          # one text as the bench reads it, with its split
    python bench/linking_corpus.py --select fnc1 20           # the first 20 ids of a source, in selection order
    python bench/linking_corpus.py --check bench/data/linking/part-a.jsonl   # offsets and fields of a part
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from functools import cache
from pathlib import Path

from quantities import dataset_texts

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
KINDS = frozenset({"country", "territory", "subdivision", "city", "region", "landmark", "organization", "person",
                   "project", "group", "event", "product", "language", "other"})
ORG_TYPES = frozenset({"", "government", "military", "intelligence", "central_bank", "party", "armed_group",
                       "international", "company", "media", "sports", "ngo", "education", "religious", "other"})
FIELDS = ("start", "end", "text", "name", "wiki", "kind", "org_type", "country", "trap")


def split_of(doc: str) -> str:
    """'test' or 'dev', from the id alone (about 40% test)."""
    return "test" if hashlib.sha1(f"linking:{doc}".encode()).digest()[0] < 102 else "dev"


@cache
def _texts(shared: Path) -> dict[str, str]:
    csv.field_size_limit(1 << 30)
    out: dict[str, str] = {}
    data = shared / "datasets"
    with open(data / "fnc1_train_bodies" / "train_bodies.csv", encoding="utf8", newline="") as fh:
        for row in csv.DictReader(fh):
            out[f"fnc1:{row['Body ID']}"] = row["articleBody"]
    # LIAR train and Emergent's development headlines, read as the quantity benches read them
    for key, text in dataset_texts(shared, "liar_quantities_dev").items():
        out[f"liar:{key.removesuffix('.json')}"] = text
    for key, text in dataset_texts(shared, "emergent_quantities_dev").items():
        out[f"emergent:{key}"] = text
    return out


def text_of(doc: str, shared: Path = SHARED) -> str:
    """The text ``doc`` (KeyError naming it when unknown)."""
    try:
        return _texts(shared.resolve())[doc]
    except KeyError:
        raise KeyError(f"no text {doc!r} in {shared} (or it is a held-out Emergent row)") from None


def all_ids(shared: Path = SHARED) -> list[str]:
    return list(_texts(shared.resolve()))


def select(source: str, shared: Path = SHARED) -> list[str]:
    """The ids of ``source`` (fnc1, liar or emergent) in the fixed pseudo-random order annotators take them:
    FNC-1 bodies of 150 to 700 words, LIAR statements and Emergent headlines that name something (a capital
    after the first word)."""
    import re

    def order(doc: str) -> str:
        return hashlib.sha1(f"linking-select:{doc}".encode()).hexdigest()

    def ok(doc: str) -> bool:
        text = text_of(doc, shared)
        if source == "fnc1":
            return 150 <= len(text.split()) <= 700
        return re.search(r"\s[A-Z]", text) is not None

    return [d for d in sorted((d for d in all_ids(shared) if d.startswith(source + ":")), key=order) if ok(d)]


def load(folder: Path, shared: Path = SHARED, pattern: str = "part-*.jsonl") -> list[dict]:
    """Every annotated text of ``folder``'s files matching ``pattern`` (the set's parts by default), with its
    text joined and its split."""
    items = []
    for path in sorted(folder.glob(pattern)):
        for n, line in enumerate(path.read_text(encoding="utf8").splitlines(), 1):
            if line.strip():
                item = json.loads(line)
                item["where"] = f"{path.name}:{n}"
                item["text"] = text_of(item["id"], shared)
                item["split"] = split_of(item["id"])
                items.append(item)
    return items


def problems(item: dict, text: str) -> list[str]:
    """What is wrong with one annotated text (offsets that do not give the mention's text, unknown kinds...)."""
    out = []
    spans = []
    for k, m in enumerate(item.get("mentions", [])):
        where = f"{item.get('id')} mention {k}"
        missing = [f for f in FIELDS if f not in m]
        if missing:
            out.append(f"{where}: missing {missing}")
            continue
        if text[m["start"]:m["end"]] != m["text"]:
            out.append(f"{where}: text[{m['start']}:{m['end']}] is {text[m['start']:m['end']]!r}, not {m['text']!r}")
        if m["kind"] not in KINDS:
            out.append(f"{where}: kind {m['kind']!r} not in {sorted(KINDS)}")
        if m["org_type"] not in ORG_TYPES:
            out.append(f"{where}: org_type {m['org_type']!r} not in {sorted(ORG_TYPES)}")
        if m["kind"] != "organization" and m["org_type"]:
            out.append(f"{where}: org_type is only for organizations")
        if m["country"] and (len(m["country"]) != 2 or not m["country"].isupper()):
            out.append(f"{where}: country {m['country']!r} is not an ISO alpha-2 code")
        spans.append((m["start"], m["end"], where))
    spans.sort()
    for (_, b, w), (c, _, w2) in zip(spans, spans[1:], strict=False):
        if c < b:
            out.append(f"{w} and {w2} overlap")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--show")
    ap.add_argument("--select", nargs=2, metavar=("SOURCE", "N"))
    ap.add_argument("--check", type=Path, nargs="*")
    ap.add_argument("--shared", type=Path, default=SHARED)
    a = ap.parse_args()
    if a.show:
        print(f"# {a.show} split={split_of(a.show)}\n{text_of(a.show, a.shared)}")
    if a.select:
        for doc in select(a.select[0], a.shared)[:int(a.select[1])]:
            print(doc, split_of(doc))
    bad = 0
    for path in a.check or ():
        n = 0
        for line in path.read_text(encoding="utf8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            try:
                text = text_of(item["id"], a.shared)
            except KeyError as e:
                print(f"{path}: {e}")
                bad += 1
                continue
            for p in problems(item, text):
                print(f"{path}: {p}")
                bad += 1
            n += len(item.get("mentions", []))
        print(f"{path}: {n} mentions checked")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
