"""How far two careful annotators agree on the claim frame (FRAMES.md), and the system on the same claims.

    python bench/frames_agreement.py           # prints the table
    python bench/frames_agreement.py --write   # ... and writes it to bench/RESULTS.md

A second annotator labelled 182 claims of 24 DEV articles of the frame set (4 from each part), reading each
article in full without seeing the first annotator's labels or running geoclaims
(`bench/data/frames/second-annotator-dev.jsonl`: the claim's offsets, then quantity_of, subject, period, speaker).
Its labels are scored against the frame set's exactly as the system's rows are (`bench/frames.field_checks`),
so the second annotator's score is the ceiling a system can be expected to reach under the same scoring: a
target above it measures the first annotator's choices, not the frames. Only development articles are used.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _results import write_section  # noqa: E402
from frames import FRAMES, Names, _values_match, field_checks, load_gold, run_system  # noqa: E402

SECOND = FRAMES / "second-annotator-dev.jsonl"
COMPARED = ("quantity_of", "subject", "subject_strict", "period", "speaker")


def load_second(path: Path = SECOND) -> list[dict]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                sys.exit(f"{path}:{n}: not JSON ({exc})")
    return rows


def agreement(second: list[dict], gold: dict[tuple, dict], system: dict[str, list[dict]] | None,
              names: Names) -> dict[str, dict[str, float]]:
    """Per field: the share of the claims the second annotator got 'right' against the first, and the share
    the system got right over the same claims it found."""
    human, machine = Counter(), Counter()
    n_human = n_machine = 0
    for a in second:
        key = (a["doc"], a["char_start"], a["char_end"])
        g = gold.get(key)
        if g is None:
            sys.exit(f"{SECOND.name}: no claim of the frame set at {key}")
        row = {"quantity_of": a.get("quantity_of", ""), "subject": a.get("subject") or [],
               "period_start": a.get("period_start", ""), "period_end": a.get("period_end", ""),
               "speaker": a.get("speaker") or "author", "unit": g.get("unit"), "qualifier": g.get("qualifier")}
        checks = field_checks(g, row, names)
        n_human += 1
        for f in COMPARED:
            human[f] += checks[f]
        human["four"] += all(checks[f] for f in ("quantity_of", "subject", "period", "speaker"))
        if system is None:
            continue
        cands = [r for r in system.get(g["doc"], []) if r["start_char"] < g["char_end"]
                 and r["end_char"] > g["char_start"] and _values_match(g, r)]
        if not cands:
            continue
        got = field_checks(g, min(cands, key=lambda r: abs(r["start_char"] - g["char_start"])), names)
        n_machine += 1
        for f in COMPARED:
            machine[f] += got[f]
        machine["four"] += all(got[f] for f in ("quantity_of", "subject", "period", "speaker"))
    out = {"second annotator": {f: human[f] / max(n_human, 1) for f in (*COMPARED, "four")} | {"n": n_human}}
    if system is not None:
        out["geoclaims"] = {f: machine[f] / max(n_machine, 1) for f in (*COMPARED, "four")} | {"n": n_machine}
    return out


def table(result: dict[str, dict[str, float]]) -> str:
    head = ("| scored against the frame set's labels | claims | quantity_of | subject | subject, names as written "
            "| period | speaker | all four |\n|---|---|---|---|---|---|---|---|\n")
    return head + "\n".join(
        f"| {who} | {r['n']} | " + " | ".join(f"{r[f]:.3f}" for f in (*COMPARED, "four")) + " |"
        for who, r in result.items()) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--write", action="store_true", help="write the table to bench/RESULTS.md")
    ap.add_argument("--no-system", action="store_true", help="score the second annotator only (no spaCy run)")
    a = ap.parse_args()
    claims, published = load_gold()
    gold = {(c["doc"], c["char_start"], c["char_end"]): c for c in claims}
    second = load_second()
    system = None
    if not a.no_system:
        import analyzer
        system = run_system({d: published.get(d) for d in {s["doc"] for s in second}}, analyzer.load())
    text = table(agreement(second, gold, system, Names()))
    docs = len({s["doc"] for s in second})
    body = (f"A second annotator labelled {len(second)} claims of {docs} development articles of the frame set "
            "without seeing the first annotator's labels (`bench/data/frames/second-annotator-dev.jsonl`). Both "
            "are scored against the frame set's labels with the same checks as `bench/frames.py` (unit and "
            "qualifier are not compared; 'all four' is quantity_of, subject, period and speaker right at "
            "once):\n\n" + text)
    print(body)
    if a.write:
        write_section("frames-agreement", "python bench/frames_agreement.py --write", body)


if __name__ == "__main__":
    main()
