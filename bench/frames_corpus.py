"""The articles of the development frame set (bench/data/frames/), read from ../shared, never copied.

A document id names its source: ``fnc1:<Body ID>`` (FNC-1 train bodies, development text; no publication date
is given, the annotator records one only where the text fixes it) or ``reuters:<newid>`` (Reuters-21578 part 1,
research use only; its headline, a blank line, then its body; published = the wire date).

The split is fixed by the id alone, before any rule is written from the set: ``test`` when the first byte of
sha1(id) is below 102 (40%), else ``dev`` (`split_of`).

    python bench/frames_corpus.py --select 60    # the article ids to annotate (prints them)
    python bench/frames_corpus.py --show fnc1:123  # one article as the bench reads it, with its split
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FNC1 = Path("datasets") / "fnc1_train_bodies" / "train_bodies.csv"
REUTERS = Path("datasets") / "reuters21578_part" / "reut2-000.csv"


@dataclass(frozen=True)
class Article:
    doc: str
    text: str
    published: str | None  # ISO date or None


def split_of(doc: str) -> str:
    """'test' or 'dev', from the id alone (about 40% test)."""
    return "test" if hashlib.sha1(doc.encode("utf8")).digest()[0] < 102 else "dev"


@cache
def _rows(shared: Path) -> dict[str, Article]:
    csv.field_size_limit(1 << 30)
    out: dict[str, Article] = {}
    with open(shared / FNC1, encoding="utf8", newline="") as fh:
        for row in csv.DictReader(fh):
            doc = f"fnc1:{row['Body ID']}"
            out[doc] = Article(doc, row["articleBody"], None)
    with open(shared / REUTERS, encoding="utf8", newline="") as fh:
        for row in csv.DictReader(fh):
            doc = f"reuters:{row['newid']}"
            day = dt.datetime.strptime(row["date"].split()[0], "%d-%b-%Y").date().isoformat()
            title = " ".join(row["title"].split())
            out[doc] = Article(doc, f"{title}\n\n{row['text']}" if title else row["text"], day)
    return out


def article(doc: str, shared: Path = SHARED) -> Article:
    """The article ``doc`` (KeyError naming it when unknown)."""
    try:
        return _rows(shared.resolve())[doc]
    except KeyError:
        raise KeyError(f"no article {doc!r} in {shared}") from None


def select(n: int, shared: Path = SHARED) -> list[str]:
    """``n`` articles rich in figures and of readable length, in a fixed pseudo-random order: three FNC-1
    bodies for each Reuters story."""
    rows = _rows(shared.resolve())
    digits = re.compile(r"\d[\d,.]*")

    def ok(a: Article) -> bool:
        words = len(a.text.split())
        return 120 <= words <= 900 and len(digits.findall(a.text)) >= 6

    def order(doc: str) -> str:
        return hashlib.sha1(f"frames:{doc}".encode()).hexdigest()

    fnc = sorted((d for d, a in rows.items() if d.startswith("fnc1:") and ok(a)), key=order)
    reu = sorted((d for d, a in rows.items() if d.startswith("reuters:") and ok(a)), key=order)
    k = n // 4
    return fnc[:n - k] + reu[:k]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--select", type=int)
    ap.add_argument("--show")
    ap.add_argument("--shared", type=Path, default=SHARED)
    a = ap.parse_args()
    if a.select:
        for doc in select(a.select, a.shared):
            print(doc, split_of(doc))
    if a.show:
        art = article(a.show, a.shared)
        print(f"# {art.doc} split={split_of(art.doc)} published={art.published}\n{art.text}")


if __name__ == "__main__":
    main()
