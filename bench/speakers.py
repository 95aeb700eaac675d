"""Speaker accuracy on the fresh speaker development set (bench/data/frames/speaker-dev.jsonl), with the errors.

    python bench/speakers.py                    # accuracy over the figures found, and every wrong speaker
    python bench/speakers.py --frames-dev       # ... and the frame set's DEV part (never its test part)
    python bench/speakers.py --off relative     # the same with a speaker rule switched off (see --rules)
    python bench/speakers.py --ablate           # every rule off in turn: both scores per rule, no errors

speaker-dev.jsonl labels the speaker (and defensible alternatives) of every figure of 16 FNC-1 train bodies
that are not in the frame set; it is development data only. A figure counts when a quantity row overlaps it
with its value (bench/frames.py's matching), and its speaker is right when the row's speaker is the label or
one of its alternatives (names folded as bench/frames.py folds them).
"""
from __future__ import annotations

import argparse
import json
import sys
from contextlib import ExitStack, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from frames import FRAMES, Names, _values_match, load_gold, run_system  # noqa: E402
from frames_corpus import split_of  # noqa: E402

FRESH = FRAMES / "speaker-dev.jsonl"


def _none(*_args, **_kwargs):
    return None


def _false(*_args, **_kwargs):
    return False


def _true(*_args, **_kwargs):
    return True


def _same(*args, **_kwargs):
    return args[1] if len(args) > 1 else args[0]


SPEAKER, RULES_MODULE = "analyzer.frames.speaker", "analyzer.attribution.rules"
# rule -> (module, function, stand-in): the speaker rules of analyzer/frames/speaker.py and the attribution
# cues of analyzer/attribution/rules.py they read, each switched off by replacing the function that applies it
RULES = {name: (SPEAKER, f"_{name}", _none) for name in (
    "headline", "relative", "participle", "trailing", "leading", "tail", "shared", "quotation", "signature")}
RULES |= {"paragraph": (SPEAKER, "_same_paragraph", _true), "quote_paragraph": (SPEAKER, "_whole_paragraph", _false)}
RULES |= {name: (RULES_MODULE, function, off) for name, function, off in (
    ("according_to", "_according_to", _none), ("source_noun", "_is_source_noun", _false),
    ("earlier_source", "_earlier_source", _none), ("quote_sentences", "_quotation_speaker", _none),
    ("pronoun", "_antecedent", _none), ("named_subject", "_named_subject", _same),
    ("partitive", "_partitive_of", _none), ("figure_not_speaker", "_is_figure", _false),
    ("whole_name", "_whole_name", lambda ent: ent), ("cataphora", "_cataphora", _none),
    ("product", "_product", _false))}


@contextmanager
def switched_off(rule: str):
    """Rule ``rule`` (a key of RULES) off while inside."""
    import importlib
    module_name, attr, stand_in = RULES[rule]
    module = importlib.import_module(module_name)
    kept = getattr(module, attr)
    setattr(module, attr, stand_in)
    try:
        yield
    finally:
        setattr(module, attr, kept)


def load_fresh(path: Path = FRESH) -> list[dict]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf8").splitlines(), 1):
        if line.strip():
            rec = json.loads(line)
            rec["where"] = f"{path.name}:{n}"
            out.append(rec)
    return out


def score(claims: list[dict], rows: dict[str, list[dict]], names: Names) -> tuple[int, int, list[dict]]:
    """(figures found, speakers right, the wrong ones with the row's speaker and cue)."""
    found = right = 0
    wrong = []
    for g in claims:
        cands = [r for r in rows.get(g["doc"], []) if r["start_char"] < g["char_end"] and r["end_char"] > g["char_start"]
                 and _values_match(g, r)]
        if not cands:
            continue
        row = min(cands, key=lambda r: abs(r["start_char"] - g["char_start"]))
        found += 1
        gold = {names(s) for s in [g.get("speaker") or "author", *(g.get("speaker_alts") or [])]}
        if names(row.get("speaker") or "author") in gold:
            right += 1
        else:
            wrong.append({"where": g["where"], "doc": g["doc"], "text": g["text"], "gold": g.get("speaker"),
                          "alts": g.get("speaker_alts") or [], "got": row.get("speaker"),
                          "cue": row.get("speaker_cue"), "modality": row.get("modality"),
                          "sentence": " ".join((row.get("sentence") or "").split())[:240]})
    return found, right, wrong


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--frames-dev", action="store_true", help="also score the frame set's dev part")
    ap.add_argument("--off", default="", help=f"comma-separated rules to switch off ({', '.join(RULES)})")
    ap.add_argument("--ablate", action="store_true", help="each rule off in turn (implies --frames-dev)")
    ap.add_argument("--quiet", action="store_true", help="scores only, no per-claim errors")
    ap.add_argument("--fresh", type=Path, default=FRESH, help="the fresh set (default: %(default)s)")
    a = ap.parse_args()
    import analyzer
    nlp = analyzer.load()
    names = Names()
    sets = {"fresh": load_fresh(a.fresh)}
    published: dict[str, str | None] = {}
    if a.frames_dev or a.ablate:
        claims, published = load_gold()
        sets["frames dev"] = [c for c in claims if split_of(c["doc"]) == "dev"]
    docs = {c["doc"]: published.get(c["doc"]) for part in sets.values() for c in part}

    def run(off: list[str]) -> dict[str, tuple[int, int, list[dict]]]:
        with ExitStack() as stack:
            for rule in off:
                stack.enter_context(switched_off(rule))
            rows = run_system(docs, nlp)
        return {name: score(part, rows, names) for name, part in sets.items()}

    def line(label: str, got: dict) -> str:
        return f"{label:<16}" + "  ".join(f"{name} {r / max(f, 1):.3f} ({r}/{f})" for name, (f, r, _) in got.items())

    off = [r.strip() for r in a.off.split(",") if r.strip()]
    unknown = [r for r in off if r not in RULES]
    if unknown:
        sys.exit(f"unknown rules {unknown}; known: {', '.join(RULES)}")
    base = run(off)
    print(line("+".join(off) + " off" if off else "current", base))
    if a.ablate:
        for rule in RULES:
            print(line(f"-{rule}", run([*off, rule])), flush=True)
        return
    if not a.quiet:
        for name, (_, _, wrong) in base.items():
            print(f"\n{name}: {len(wrong)} wrong speakers")
            for w in wrong:
                print(f"  {w['where']} {w['doc']} {w['text']!r}: gold {w['gold']!r} {w['alts']} got {w['got']!r} "
                      f"(cue {w['cue']!r}, {w['modality']})\n      {w['sentence']}")


if __name__ == "__main__":
    main()
