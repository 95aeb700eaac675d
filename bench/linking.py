"""Entity linking on the second linking set (issue 17): accuracy, false links, gazetteer coverage, agreement.

    python bench/linking.py                  # dev and test parts, with the shipped gazetteer
    python bench/linking.py --dump dev.jsonl # ... and every DEV mention's gold and system output (for tuning)
    python bench/linking.py --write          # ... and writes its section of bench/RESULTS.md
    python bench/linking.py --gazetteer old.jsonl  # coverage and scores with another gazetteer file

Data: bench/data/linking/part-*.jsonl (2,247 mentions of FNC-1 train bodies, LIAR train statements and Emergent
development headlines, read from ../shared by bench/linking_corpus.py; split dev/test by a hash of the text id
before any rule was written; only dev is dumped). Each mention names the entity it refers to (English Wikipedia
title, kind, country) or none, and whether it contains another entity's name it is not (a must-not-link "trap").

How a mention is scored. Its gold is resolved to a gazetteer id when the gazetteer holds the entity: a record of a
compatible kind (a city for a city, a region for a subdivision...) whose canonical name, an alias or Wikipedia
title is the gold's name or title, and whose country is the gold's (`gold_id`). A mention is **right** when some
entity of the pipeline over it carries that id and none carries another; for a gold the gazetteer lacks, a
non-entity, or a group, product, event or language, when no entity over it carries an id. Reported:
- linking accuracy over all mentions, over those the gazetteer holds, and over the rest (kept unlinked);
- false links: must-not-link mentions with an id other than the gold's over them, as a share of them;
- coverage: the share of geopolitical gold entities (places, organisations, people, projects) the gazetteer holds;
- agreement: a second annotator's labels of 190 mentions against the first's (same span; same entity; same trap).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _results import write_section  # noqa: E402
from linking_corpus import load  # noqa: E402

DATA = ROOT / "bench" / "data" / "linking"
KINDS = {"country": ("country", "territory"), "territory": ("territory", "country"), "subdivision": ("region",),
         "city": ("city",), "region": ("region", "territory", "country"),
         "landmark": ("facility", "project", "organization", "region"), "organization": ("organization",),
         "person": ("person",), "project": ("project", "facility")}
GEO_KINDS = frozenset(KINDS)


def _fold(text: str) -> str:
    from analyzer.entities.gazetteer import fold
    return fold(re.sub(r"\s*\([^)]*\)$", "", text or ""))


class GoldIndex:
    """Gold entity -> gazetteer id, by name or Wikipedia title, kind and country."""

    def __init__(self, records) -> None:
        self.by_name: dict[str, list] = defaultdict(list)
        for e in records:
            names = {_fold(e.canonical), *(_fold(a) for a in e.aliases)}
            wiki = getattr(e, "wiki", "")
            if wiki:
                names.add(_fold(wiki))
            for n in names:
                self.by_name[n].append(e)

    def gold_id(self, m: dict) -> str | None:
        if not m["name"] or m["kind"] not in KINDS:
            return None
        kinds = KINDS[m["kind"]]
        if m["kind"] in ("country", "territory") and m["country"]:
            for e in self.by_name.get(_fold(m["name"]), []) + self.by_name.get(_fold(m["wiki"]), []):
                if e.id == m["country"]:
                    return e.id
        named = []
        keys = [m["wiki"], m["name"]]
        if m["kind"] == "city":  # "Dayton, Ohio", "Paris, Texas": Wikipedia's title of a US or other town
            keys += [k.split(",")[0] for k in keys if "," in k]
        for key in keys:
            for e in self.by_name.get(_fold(key), []) if key else []:
                if e.kind in kinds and e not in named:
                    named.append(e)
        # the country decides between entities of one name; one of a name is that entity (an organisation's
        # country is its seat for one annotator, the country it is about for another)
        found = named if len(named) == 1 and m["kind"] == "organization" else [
            e for e in named if not m["country"] or not e.country or e.country == m["country"]
            or e.kind in ("country", "territory")]
        if not found:
            return None
        exact = [e for e in found if _fold(e.canonical) == _fold(m["name"])]
        best = max(exact or found, key=lambda e: (getattr(e, "prominence", 1), -len(e.id)))
        return best.id


def system_ids(doc, start: int, end: int) -> list[str]:
    return [e._.entity_id for e in doc.ents if e.start_char < end and e.end_char > start and e._.entity_id]


def score(items: list[dict], docs: list, index: GoldIndex, dump=None) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for it, doc in zip(items, docs, strict=True):
        s = out.setdefault(it["split"], Counter())
        for m in it["mentions"]:
            gold = index.gold_id(m)
            ids = system_ids(doc, m["start"], m["end"])
            right = (gold in ids and all(i == gold for i in ids)) if gold else not ids
            s["all"] += 1
            s["right"] += right
            if gold:
                s["held"] += 1
                s["held_right"] += right
            else:
                s["nil"] += 1
                s["nil_right"] += right
            if m["trap"]:
                s["traps"] += 1
                s["false_links"] += any(i != gold for i in ids)
            if m["kind"] in GEO_KINDS and m["name"]:
                s["geo"] += 1
                s["covered"] += gold is not None
            if dump is not None and it["split"] == "dev":
                dump.write(json.dumps({"id": it["id"], "where": it["where"], "mention": m, "gold_id": gold,
                                       "system": [(e.text, e.label_, e._.entity_id, e._.canonical) for e in doc.ents
                                                  if e.start_char < m["end"] and e.end_char > m["start"]],
                                       "right": right, "context": it["text"][max(0, m["start"] - 80):m["end"] + 80]},
                                      ensure_ascii=False) + "\n")
    return out


def agreement(items: list[dict], second: list[dict]) -> dict[str, float]:
    """The second annotator against the first on the texts both annotated."""
    first = {it["id"]: it for it in items}
    spans = same_span = same_entity = same_trap = n_first = n_second = 0
    for it in second:
        if it["id"] not in first:
            continue
        a = {(m["start"], m["end"]): m for m in first[it["id"]]["mentions"]}
        b = {(m["start"], m["end"]): m for m in it["mentions"]}
        n_first += len(a)
        n_second += len(b)
        for key in a.keys() & b.keys():
            same_span += 1
            ma, mb = a[key], b[key]
            same_entity += (_fold(ma["wiki"] or ma["name"]) == _fold(mb["wiki"] or mb["name"])
                            or _fold(ma["name"]) == _fold(mb["name"])) and (ma["name"] == "") == (mb["name"] == "")
            same_trap += bool(ma["trap"]) == bool(mb["trap"])
        spans += 1
    p = same_span / n_second if n_second else 0.0
    r = same_span / n_first if n_first else 0.0
    return {"texts": spans, "first": n_first, "second": n_second, "span_f1": 2 * p * r / (p + r) if p + r else 0.0,
            "entity": same_entity / same_span if same_span else 0.0, "trap": same_trap / same_span if same_span else 0.0,
            "same_span": same_span}


def table(scores: dict[str, dict], label: str) -> list[str]:
    rows = []
    for split in ("dev", "test"):
        s = scores.get(split)
        if not s:
            continue
        rows.append(f"| {label} | {split if split == 'dev' else '**test**'} | {s['all']} | **{s['right'] / s['all']:.3f}** | "
                    f"{s['held_right'] / max(s['held'], 1):.3f} ({s['held']}) | {s['nil_right'] / max(s['nil'], 1):.3f} "
                    f"({s['nil']}) | **{s['false_links'] / max(s['traps'], 1):.1%}** ({s['false_links']}/{s['traps']}) | "
                    f"{s['covered'] / max(s['geo'], 1):.3f} |")
    return rows


# the code and gazetteer before issue 17 (commit 7cc5bdf: 1,459 entities), scored by this bench (copy bench/linking.py,
# bench/linking_corpus.py and bench/data/linking/ into a worktree of 7cc5bdf and run it there)
BEFORE = [
    "| before (7cc5bdf): 1,459 entities, the old linking | dev | 1248 | 0.933 | 0.920 (414) | 0.939 (834) | 13.7% (25/182) "
    "| 0.407 |",
    "| before (7cc5bdf): 1,459 entities, the old linking | **test** | 999 | 0.902 | 0.871 (388) | 0.921 (611) | "
    "14.0% (20/143) | 0.442 |",
]
HEAD = ["| gazetteer and code | part | mentions | linking accuracy, all | held by the gazetteer: linked right | "
        "not held: left unlinked | false links on must-not-link mentions | coverage of geopolitical entities |",
        "|---|---|---:|---:|---:|---:|---:|---:|"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dump", type=Path, help="every DEV mention with gold and system output, as JSONL")
    ap.add_argument("--write", action="store_true", help="write the section of bench/RESULTS.md")
    ap.add_argument("--gazetteer", type=Path, help="a gazetteer file to use instead of the shipped one")
    ap.add_argument("--label", default="")
    a = ap.parse_args()
    import analyzer
    from analyzer.entities.gazetteer import Gazetteer

    items = load(DATA)
    second = load(DATA, pattern="second-annotator.jsonl")
    t0 = time.perf_counter()
    nlp = analyzer.load()
    stage = nlp.get_pipe("geo_entities")
    if a.gazetteer:
        stage._set(Gazetteer.from_file(a.gazetteer), stage.rules)
    gaz = stage.gazetteer
    names = nlp.pipe_names
    docs = list(nlp.pipe([it["text"] for it in items], disable=names[names.index("geo_entities") + 1:]))
    dump = open(a.dump, "w", encoding="utf8") if a.dump else None
    scores = score(items, docs, GoldIndex(gaz.records), dump)
    if dump:
        dump.close()
    label = a.label or f"{len(gaz.records):,} entities"
    ag = agreement(items, second)
    text = "\n".join([*HEAD, *BEFORE, *table(scores, label)])
    text += (f"\n\nAgreement (`second-annotator.jsonl`, {ag['texts']} texts annotated twice): mention spans F1 "
             f"{ag['span_f1']:.3f} ({ag['same_span']} of {ag['first']} and {ag['second']} mentions the same); on those, "
             f"the same entity {ag['entity']:.3f}, the same must-not-link call {ag['trap']:.3f}.\n")
    if a.write:  # the shipped gazetteer is the build of its pinned inputs
        import subprocess
        check = subprocess.run([sys.executable, str(ROOT / "data" / "build" / "gazetteer" / "gen.py"), "--check"],
                               capture_output=True, text=True)
        built = check.stdout.strip().splitlines()[0] if check.stdout.strip() else check.stderr.strip()
        text += (f"\nGazetteer build (`python data/build/gazetteer/gen.py --check`): {built}; the shipped files are "
                 f"the build {'byte for byte' if check.returncode == 0 else '**NOT** byte for byte'}.\n")
    print(text + f"\n({time.perf_counter() - t0:.0f} s)")
    if a.write:
        write_section("Linking: the second linking set (issue 17)", "python bench/linking.py --write", text)


if __name__ == "__main__":
    main()
