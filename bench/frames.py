"""Claim frames (issue 16, FRAMES.md): how often each field of a figure's row is right.

    python bench/frames.py                       # the frame set, dev and test parts (prints)
    python bench/frames.py --write               # ... and NewsQuant's odd half, MeasEval eval: RESULTS.md section
    python bench/frames.py --dump out.jsonl      # per-claim gold vs. row, DEV part only (for tuning)
    python bench/frames.py --label "before any rule"  # names the run in the printed table

Data, read from ../shared and never copied:
- the development frame set, bench/data/frames/part-*.jsonl: claims of FNC-1 train bodies and Reuters-21578
  stories (research use only) labelled by the project (bench/data/frames/README.md); split dev/test by the article
  id alone (bench/frames_corpus.split_of). Rules are tuned on dev; test is reported, never dumped.
- NewsQuant (CQE, Almasian et al. 2023) through ../shared/tools/quant_eval.py: the odd half is the reporting part.
- MeasEval (SemEval-2021 task 8, CC BY-SA 4.0) eval: over quantities found with their value, is the measured
  entity's head word in the row's quantity_of or subject?

Field accuracy is over the gold claims found: a quantity row (every numeric mention, claim or not) overlapping
the figure whose value (or range end) equals the gold's. quantity_of: contains one of the gold's heads;
subject: the same set of names (case-insensitive; gazetteer aliases folded to one name, and a company's trailing
legal or group word dropped, "AMR Corp" = "AMR": FRAMES.md's common aliases; the column "names as written" scores
without that last folding); period: the same
start and end (both empty counts); speaker: the gold's or one of its alternatives; full frame: unit,
qualifier, quantity_of, subject, period and speaker all right. Optional claims count only when found.
"""
from __future__ import annotations

import argparse
import json
import math
import re
import subprocess
import sys
import time
from collections import Counter
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _results import write_section  # noqa: E402
from frames_corpus import SHARED, article, split_of  # noqa: E402

FRAMES = ROOT / "bench" / "data" / "frames"
FIELDS = ("unit", "qualifier", "quantity_of", "subject", "period", "speaker")
UNIT_SAME = {"percentage": "percent", "per cent": "percent", "percentage point": "percentage point",
             "metric ton": "tonne", "ton": "tonne", "tons": "tonne", "count": "", "-": ""}
_STRIP = re.compile(r"^(the|a|an)\s+")


def load_gold(folder: Path = FRAMES) -> tuple[list[dict], dict[str, str | None]]:
    """The labelled claims and each article's publication date."""
    claims, published = [], {}
    for path in sorted(folder.glob("part-*.jsonl")):
        if path.name.endswith(".articles.jsonl"):
            for line in path.read_text(encoding="utf8").splitlines():
                if line.strip():
                    rec = json.loads(line)
                    published[rec["doc"]] = rec.get("published")
            continue
        for n, line in enumerate(path.read_text(encoding="utf8").splitlines(), 1):
            if line.strip():
                rec = json.loads(line)
                rec["where"] = f"{path.name}:{n}"
                claims.append(rec)
    return claims, published


# a trailing word of a company's name that its short form drops ("AMR Corp" is AMR, "Viacom International Inc"
# is Viacom, "Airbus Industrie" is Airbus): FRAMES.md compares subjects allowing common aliases
NAME_TAILS = frozenset({"plc", "inc", "corp", "co", "ltd", "llc", "lp", "ag", "sa", "nv", "gmbh", "corporation",
                        "limited", "company", "group", "holdings", "international", "industries", "industrie"})


class Names:
    """Entity names folded to one spelling: gazetteer aliases to the canonical name; unless ``strict``, a
    company's name without its trailing legal or group word (NAME_TAILS)."""

    def __init__(self, strict: bool = False) -> None:
        self.strict = strict
        from analyzer.entities.gazetteer import Gazetteer, fold
        self.fold = fold
        self.alias = {}
        for e in Gazetteer.from_file().records:
            for a in (e.canonical, *e.aliases):
                self.alias.setdefault(fold(a), fold(e.canonical))

    def __call__(self, name: str) -> str:
        f = _STRIP.sub("", self.fold(name or "").strip(" .,'\"")) if name else ""
        found = self.alias.get(f, self.alias.get(self.fold(name or ""), f))
        if self.strict:
            return found
        words = found.replace(",", " ").replace(".", " ").split()
        while len(words) > 1 and words[-1] in NAME_TAILS:
            words.pop()
        short = " ".join(words)
        return self.alias.get(short, short)


@cache
def strict_names() -> Names:
    """Names without the NAME_TAILS folding: the subject column's score as it was before that folding."""
    return Names(strict=True)


def _singular(w: str) -> str:
    return w[:-3] + "y" if w.endswith("ies") and len(w) > 4 else w[:-1] if w.endswith("s") and not w.endswith("ss") \
        and len(w) > 3 else w


def field_checks(g: dict, row: dict, names: Names) -> dict[str, bool]:
    unit_g = UNIT_SAME.get((g.get("unit") or "").lower(), (g.get("unit") or "").lower())
    unit_p = UNIT_SAME.get((row.get("unit") or "").lower(), (row.get("unit") or "").lower())
    qual = row.get("qualifier") or "exact"
    words = {_singular(w) for w in re.findall(r"[\w'-]+", (row.get("quantity_of") or "").lower())}
    heads = [h.lower() for h in g.get("quantity_of_heads") or []]
    sub_g = {names(s) for s in g.get("subject") or []}
    sub_p = {names(s) for s in (row.get("subject") or [])}
    period = g.get("period") or {}
    spk = {names(s) for s in [g.get("speaker") or "author", *(g.get("speaker_alts") or [])]}
    strict = strict_names()
    return {
        "unit": unit_g == unit_p,
        "qualifier": qual == g.get("qualifier") or qual in (g.get("alt_qualifier") or []),
        "quantity_of": any(all(_singular(x) in words for x in h.split()) for h in heads) if heads
        else not words,
        "subject": sub_g == sub_p,
        "subject_strict": {strict(s) for s in g.get("subject") or []} == {strict(s) for s in row.get("subject") or []},
        "period": (period.get("start") or "", period.get("end") or "") == (row.get("period_start") or "",
                                                                          row.get("period_end") or ""),
        "speaker": names(row.get("speaker") or "author") in spk,
    }


def _values_match(g: dict, row: dict) -> bool:
    def close(a, b):
        return a is not None and b is not None and not (isinstance(b, float) and math.isnan(b)) \
            and math.isclose(float(a), float(b), rel_tol=1e-5, abs_tol=1e-8)
    return any(close(gv, pv) for gv in (g.get("value"), g.get("value_to"))
               for pv in (row.get("value"), row.get("value_to")))


def run_system(docs: dict[str, str | None], nlp) -> dict[str, list[dict]]:
    """Every quantity row of each article (claims or not), by article id, parsed in one nlp.pipe stream."""
    from analyzer.api import _with_meta  # the metadata the CLI and analyze() attach
    from analyzer.claims.model import Claim
    from analyzer.text import original_text
    from analyzer.tree import indexed
    ids = sorted(docs)
    texts = [article(d).text for d in ids]
    made = [_with_meta(nlp.make_doc(t), t, docs[d], d, None, None, None) for d, t in zip(ids, texts, strict=True)]
    out = {}
    for d, doc in zip(ids, nlp.pipe(made, batch_size=16), strict=True):
        whole = original_text(doc)
        with indexed(doc):
            out[d] = [vars(Claim.from_quantity(doc, q, whole)) for q in doc._.quantities]
    return out


def score(claims: list[dict], rows: dict[str, list[dict]], names: Names, dump=None) -> dict:
    found = Counter()
    right = Counter()
    n_gold = 0
    for g in claims:
        if not g.get("optional"):
            n_gold += 1
        cands = [r for r in rows.get(g["doc"], []) if r["start_char"] < g["char_end"] and r["end_char"] > g["char_start"]
                 and _values_match(g, r)]
        if not cands:
            if dump is not None and not g.get("optional"):
                dump.write(json.dumps({"where": g["where"], "doc": g["doc"], "gold": g, "row": None}) + "\n")
            continue
        row = min(cands, key=lambda r: abs(r["start_char"] - g["char_start"]))
        checks = field_checks(g, row, names)
        found["all"] += 1
        found["required"] += not g.get("optional")
        for f, ok in checks.items():
            right[f] += ok
        right["frame"] += all(ok for f, ok in checks.items() if f != "subject_strict")
        if dump is not None:
            keep = {k: row.get(k) for k in ("text", "value", "unit", "per", "qualifier", "quantity_of", "subject",
                                             "period", "period_start", "period_end", "speaker", "speaker_cue",
                                             "modality", "sentence")}
            dump.write(json.dumps({"where": g["where"], "doc": g["doc"], "wrong": [f for f, ok in checks.items()
                                                                                     if not ok], "gold": g,
                                   "row": keep}, default=str) + "\n")
    n = found["all"]
    return {"gold": n_gold, "found": n, "recall": found["required"] / max(n_gold, 1),
            **{f: right[f] / n if n else 0.0 for f in (*FIELDS, "subject_strict", "frame")}}


def newsquant(split: str = "odd") -> dict:
    gold = SHARED / "datasets" / "newsquant_cqe" / "test_sets" / "NewsQuant.json"
    cmd = [sys.executable, str(SHARED / "tools" / "quant_eval.py"), "--system", "analyzer", "--gold", str(gold),
           "--split", split, "--json"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT,
                         env={**__import__("os").environ, "PYTHONPATH": str(ROOT)})
    return json.loads(out.stdout)


# the frame set scored before any rule was written from it (commit 07f390e, the rules then written from NewsQuant's
# even half only), and by the code before issue 16 (abffd03)
FRESH = {"part-4.jsonl": "part 4", "part-5.jsonl": "part 5", "part-6.jsonl": "part 6",
         "part-7.jsonl": "part 7"}  # annotated after rules were written (first runs below)
FIRST_RUN = """First runs, before any rule was written from the frame set (parts 4 to 7 were annotated later, on new
articles, and first run with the rules written before them; 914ac56 is the code before the second round of rules):

| code | part | unit | qualifier | quantity_of | subject | period | speaker | full frame |
|---|---|---|---|---|---|---|---|---|
| before issue 16 (abffd03) | dev | 0.714 | 0.952 | 0.432 | 0.013 | 0.802 | 0.775 | 0.000 |
| before issue 16 (abffd03) | test | 0.825 | 0.903 | 0.539 | 0.029 | 0.743 | 0.791 | 0.010 |
| first run (07f390e) | dev | 0.714 | 0.952 | 0.471 | 0.141 | 0.802 | 0.775 | 0.040 |
| first run (07f390e) | test | 0.825 | 0.903 | 0.553 | 0.175 | 0.743 | 0.791 | 0.068 |
| part 4, 914ac56 | dev | 0.868 | 0.954 | 0.757 | 0.441 | 0.757 | 0.803 | 0.224 |
| part 4, 914ac56 | test | 0.902 | 0.971 | 0.706 | 0.392 | 0.745 | 0.931 | 0.147 |
| part 4, first run (b7f9071) | dev | 0.868 | 0.954 | 0.757 | 0.474 | 0.757 | 0.842 | 0.217 |
| part 4, first run (b7f9071) | test | 0.902 | 0.971 | 0.716 | 0.353 | 0.745 | 0.931 | 0.137 |
| part 5, 914ac56 | dev | 0.981 | 0.962 | 0.736 | 0.415 | 0.981 | 0.792 | 0.208 |
| part 5, 914ac56 | test | 0.893 | 0.971 | 0.800 | 0.443 | 0.736 | 0.871 | 0.157 |
| part 5, first run (127dcbd) | dev | 0.981 | 0.962 | 0.811 | 0.377 | 0.981 | 0.830 | 0.245 |
| part 5, first run (127dcbd) | test | 0.893 | 0.971 | 0.807 | 0.493 | 0.736 | 0.886 | 0.171 |
| part 6, first run (877eb62) | dev | 0.929 | 0.937 | 0.770 | 0.413 | 0.778 | 0.889 | 0.190 |
| part 6, first run (877eb62) | test | 0.889 | 0.933 | 0.689 | 0.511 | 0.644 | 0.833 | 0.133 |
| part 7, first run (e65de3c) | dev | 0.707 | 0.962 | 0.722 | 0.481 | 0.571 | 0.895 | 0.090 |
| part 7, first run (e65de3c) | test | 0.991 | 0.897 | 0.812 | 0.487 | 0.803 | 0.897 | 0.282 |
"""
MEASEVAL = SHARED / "datasets" / "measeval"
STOP = frozenset("a an the of in on at to for from by with and or its their his her this that these those per than as "
                 "into over under about each all".split())


def _words(text: str) -> set[str]:
    return {_singular(w) for w in re.findall(r"[a-z][a-z0-9'-]*", (text or "").lower())} - STOP


def measeval(split: str, nlp) -> dict:
    """MeasEval ``split`` (train, trial or eval): over its Quantity spans that a row overlaps, the share whose
    MeasuredEntity (or MeasuredProperty) shares a content word with the row's quantity_of and subject."""
    import csv

    from analyzer.api import parse
    found = right = n = 0
    folder = MEASEVAL / split
    texts = {p.stem: p for p in sorted((folder / "text").glob("*.txt"))}
    for tsv in sorted((folder / "tsv").glob("*.tsv")):
        if tsv.stem not in texts:
            continue
        with open(tsv, encoding="utf8", newline="") as fh:
            rows = list(csv.DictReader(fh, delimiter="\t"))
        quantities = {r["annotId"]: r for r in rows if r["annotType"] == "Quantity"}
        about: dict[str, set[str]] = {k: set() for k in quantities}
        entity_of = {}
        for r in rows:
            other = json.loads(r["other"] or "{}") if r["other"].startswith("{") else {}
            if r["annotType"] == "MeasuredEntity" and other.get("HasQuantity") in about:
                about[other["HasQuantity"]] |= _words(r["text"])
                entity_of[r["annotId"]] = other["HasQuantity"]
        for r in rows:
            other = json.loads(r["other"] or "{}") if r["other"].startswith("{") else {}
            target = other.get("HasQuantity") or entity_of.get(other.get("HasProperty", ""))
            if r["annotType"] == "MeasuredProperty" and target in about:
                about[target] |= _words(r["text"])
        doc = parse(nlp, texts[tsv.stem].read_text(encoding="utf8"))
        spans = [(q.start_char, q.end_char, q) for q in doc._.quantities]
        for k, qr in quantities.items():
            n += 1
            a, b = int(qr["startOffset"]), int(qr["endOffset"])
            hit = next((q for s, e, q in spans if s < b and e > a), None)
            if hit is None:
                continue
            found += 1
            right += bool(about[k] & _words(" ".join([hit.quantity_of, *hit.subject])))
    return {"quantities": n, "found": found, "measured": right / found if found else 0.0}


def table(results: dict[str, dict]) -> str:
    cols = (*FIELDS, "frame", "subject_strict")
    head = "| part | claims | found | " + " | ".join(FIELDS) + " | full frame | subject, names as written |\n" \
        "|---|---|---|" + "---|" * len(cols) + "\n"
    rows = []
    for part, r in results.items():
        rows.append(f"| {part} | {r['gold']} | {r['found']} ({r['recall']:.0%}) | "
                    + " | ".join(f"{r[f]:.3f}" for f in cols) + " |")
    return head + "\n".join(rows) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--write", action="store_true", help="also NewsQuant odd and MeasEval eval; write RESULTS.md")
    ap.add_argument("--dump", type=Path, help="per-claim comparison of the DEV part, as JSONL")
    ap.add_argument("--label", default="", help="a name for this run in the printed output")
    ap.add_argument("--part", choices=("dev", "test", "both"), default="both",
                    help="which part to score (tune with dev: the test part's numbers are for reporting)")
    ap.add_argument("--measeval", choices=("train", "trial", "eval"), help="score MeasEval's split only")
    ap.add_argument("--gold-dir", type=Path, default=FRAMES, help="folder of part-*.jsonl (default: %(default)s)")
    a = ap.parse_args()
    import analyzer
    if a.measeval:
        r = measeval(a.measeval, analyzer.load())
        print(f"MeasEval {a.measeval}: {r['found']} of {r['quantities']} quantities found; measured entity or "
              f"property named in quantity_of/subject for {r['measured']:.3f} of them")
        return
    claims, published = load_gold(a.gold_dir)
    if not claims:
        sys.exit(f"no labelled claims in {a.gold_dir}")
    t0 = time.perf_counter()
    nlp = analyzer.load()
    rows = run_system({c["doc"]: published.get(c["doc"]) for c in claims}, nlp)
    names = Names()
    results = {}
    dump = open(a.dump, "w", encoding="utf8") if a.dump else None
    for part in ("dev", "test") if a.part == "both" else (a.part,):
        part_claims = [c for c in claims if split_of(c["doc"]) == part]
        results[f"{part} ({len({c['doc'] for c in part_claims})} articles)"] = score(
            part_claims, rows, names, dump if part == "dev" else None)
    groups = {}  # parts annotated after rules were written, scored apart: text the rules before them never saw
    for c in claims:
        file = c["where"].split(":")[0]
        groups.setdefault("parts 0-3" if file not in FRESH else FRESH[file], []).append(c)
    if len(groups) > 1:
        for part in ("dev", "test") if a.part == "both" else (a.part,):
            for label, group in groups.items():
                group = [c for c in group if split_of(c["doc"]) == part]
                results[f"{part}, {label} ({len({c['doc'] for c in group})} articles)"] = score(group, rows, names)
    if dump:
        dump.close()
    text = table(results)
    print(f"frame set {a.label}".strip() + f" ({time.perf_counter() - t0:.0f} s)\n{text}")
    if a.write:
        from quant_scoring import NEWSQUANT, UNIT_ALONE, evaluate
        nq = {half: evaluate(NEWSQUANT, half, nlp) for half in ("odd", "even")}
        keys = ("value", "value+unit", UNIT_ALONE, "value+change", "value+concept", "value+concept_complete")
        lines = ["| NewsQuant half | " + " | ".join(keys) + " |", "|---|" + "---|" * len(keys)]
        for half, r in nq.items():
            lines.append(f"| {half} ({'reporting' if half == 'odd' else 'development'}) | "
                         + " | ".join(f"{r[k]:.1f}" for k in keys) + " |")
        me = {split: measeval(split, nlp) for split in ("train", "eval")}
        body = (f"Frame set (bench/data/frames: {len(claims)} labelled claims of "
                f"{len({c['doc'] for c in claims})} articles; field accuracy over the claims found):\n\n{text}\n"
                f"{FIRST_RUN}\n"
                "NewsQuant (F1, `../shared/tools/quant_eval.py` matching through bench/quant_scoring.py; CQE 2.0.3 "
                "run the same way on the odd half: value+unit 83.7, value+concept 78.1, value+concept_complete "
                f"64.0). `{UNIT_ALONE}` is the scorer's unit check reading quantity_of alone: its adapter appends "
                "the subject to the phrase whose head noun it compares with a count's unit, so `value+unit` "
                "counts a right unit wrong whenever the row names its subject.\n\n" + "\n".join(lines) + "\n\n"
                "MeasEval (quantities found; share whose measured entity or property shares a content word with "
                "quantity_of and subject): " + "; ".join(
                    f"{split} {r['found']}/{r['quantities']} found, {r['measured']:.3f}" for split, r in me.items())
                + " (eval is the reporting split).\n")
        write_section("frames", "python bench/frames.py --write", body)
        print(body)

if __name__ == "__main__":
    main()
