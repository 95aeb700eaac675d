"""Robustness at scale: one article far longer than spaCy's max_length (default 5 MB), analysed by the
command line as users run it, against the same text as separate articles (the baseline, same run).

    python bench/robustness.py [--shared ../shared] [--megabytes 5]

Reports wall time and peak memory (ru_maxrss of the geoclaims process) of:
  long      the whole text as one .txt article (parsed in 100,000-character pieces, analysed as one Doc);
  separate  the same bodies as one JSONL record each (the ordinary path);
  small     the first 100,000 characters as one article (the memory of one piece);
and checks the long run's output: every claim's start_char:end_char slices to its text in the file, claim
ids are unique, and the quantity claims match the separate run's.

Data (read from ../shared, never copied into the repo): fnc1_test/competition_test_bodies.csv, the FNC-1
test bodies, joined with blank lines (repeated until the size is reached). Files go to bench/out/robustness/.
"""
from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out" / "robustness"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _results import write_section  # noqa: E402

WRAPPER = ("import resource, subprocess, sys\n"
           "code = subprocess.run(sys.argv[1:]).returncode\n"
           "print('ru_maxrss_kib', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
           "sys.exit(code)\n")
GEOCLAIMS = [sys.executable, "-m", "analyzer"]


def bodies(shared: Path) -> list[str]:
    csv.field_size_limit(sys.maxsize)
    with (shared / "datasets" / "fnc1_test" / "competition_test_bodies.csv").open(encoding="utf8", newline="") as fh:
        return [row["articleBody"].strip() for row in csv.DictReader(fh) if row["articleBody"].strip()]


def analyse(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak MiB of ``geoclaims analyze ARGS``."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", WRAPPER, *GEOCLAIMS, "analyze", *args, "--quiet"],
                          capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"geoclaims failed ({proc.returncode}): {proc.stderr[-2000:]}")
    kib = int(proc.stderr.rsplit("ru_maxrss_kib", 1)[1].split()[0])
    return seconds, kib / 1024


def read_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf8") as fh:
        return [json.loads(line) for line in fh]


# item 19 of issue 15: runs of punctuation without spaces, quadratic in spaCy's tokenizer before
# analyzer/parse_text.py broke them (40 KB of parentheses took 67-136 s). Each pattern is this unit repeated.
PUNCTUATION_UNITS = {"open parentheses": "(", "close parentheses": ")", "straight quotes": '"',
                     "curly quotes": "\u201c", "exclamation marks": "!", "nested parentheses": "((((x))))",
                     "possessives": "'s"}


def punctuation_patterns(kilobytes: float) -> dict[str, str]:
    """About ``kilobytes`` KB (1,000 characters each) of each punctuation-run pattern, no space anywhere."""
    n = int(kilobytes * 1000)
    return {name: unit * (n // len(unit)) for name, unit in PUNCTUATION_UNITS.items()}


def time_punctuation(kilobytes: tuple[float, ...] = (10, 100, 1000), names: tuple[str, ...] | None = None) -> list[dict]:
    """Wall seconds and peak MiB of ``geoclaims analyze pattern.txt`` (the command line, as users run it) for
    each punctuation-run pattern (``names``: those of `PUNCTUATION_UNITS`, default all) at each size, and
    whether every claim's offsets slice its text out of the file. Rows: pattern, kilobytes, seconds, mib,
    claims, sliced. Linear means seconds / kilobytes about constant; the target is 100 KB in under 20 s."""
    OUT.mkdir(parents=True, exist_ok=True)
    rows = []
    for kb in kilobytes:
        for name, text in punctuation_patterns(kb).items():
            if names is not None and name not in names:
                continue
            source, out = OUT / "punctuation.txt", OUT / "punctuation.claims.jsonl"
            source.write_text(text, encoding="utf8")
            out.unlink(missing_ok=True)
            seconds, mib = analyse([str(source), "--out", str(out)])
            claims = read_rows(out) if out.exists() else []
            sliced = sum(text[r["start_char"]:r["end_char"]] == r["text"] for r in claims)
            rows.append({"pattern": name, "kilobytes": kb, "seconds": round(seconds, 2), "mib": round(mib),
                         "claims": len(claims), "sliced": sliced})
            print(rows[-1], flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--megabytes", type=float, default=5.0)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)

    texts = bodies(args.shared)
    target = int(args.megabytes * 1_000_000)
    chosen: list[str] = []
    size = 0
    while size < target:
        body = texts[len(chosen) % len(texts)]
        chosen.append(body)
        size += len(body) + 2
    text = "\n\n".join(chosen)
    long_txt = OUT / "long.txt"
    long_txt.write_text(text, encoding="utf8")
    separate = OUT / "separate.jsonl"
    with separate.open("w", encoding="utf8") as fh:
        for k, body in enumerate(chosen):
            fh.write(json.dumps({"id": f"b{k}", "text": body}) + "\n")
    small_txt = OUT / "small.txt"
    small_txt.write_text(text[:100_000], encoding="utf8")
    words = len(text.split())
    print(f"article: {len(text):,} characters, {words:,} words, {len(chosen)} bodies", flush=True)

    runs = {}
    for name, source in (("small", small_txt), ("long", long_txt), ("separate", separate)):
        out = OUT / f"{name}.claims.jsonl"
        runs[name] = (*analyse([str(source), "--out", str(out)]), out)
        print(f"{name}: {runs[name][0]:.1f} s, peak {runs[name][1]:.0f} MiB", flush=True)

    rows = read_rows(runs["long"][2])
    sliced = sum(text[r["start_char"]:r["end_char"]] == r["text"] for r in rows)
    unique = len({r["claim_id"] for r in rows})
    long_q = Counter((r["text"], r["value"]) for r in rows if r["kind"] == "quantity")
    sep_q = Counter((r["text"], r["value"]) for r in read_rows(runs["separate"][2]) if r["kind"] == "quantity")
    same = sum((long_q & sep_q).values())

    (t_small, m_small, _), (t_long, m_long, _), (t_sep, m_sep, _) = runs["small"], runs["long"], runs["separate"]
    body = f"""One article of {len(text):,} characters ({words:,} words; {len(chosen)} FNC-1 test bodies joined by blank
lines), {len(text) / 1_000_000:.1f}x spaCy's default max_length, analysed by `geoclaims analyze long.txt`.

| run | wall time | words/s | peak memory |
|---|---:|---:|---:|
| long: the article as one document (parsed in pieces) | {t_long:.1f} s | {words / t_long:,.0f} | {m_long:,.0f} MiB |
| separate: the same bodies, one JSONL record each | {t_sep:.1f} s | {words / t_sep:,.0f} | {m_sep:,.0f} MiB |
| small: its first 100,000 characters as one document | {t_small:.1f} s | | {m_small:,.0f} MiB |

- time, long / separate: **{t_long / t_sep:.2f}x**
- peak memory, long / small: **{m_long / m_small:.2f}x** ({m_long - m_small:+,.0f} MiB for {len(text) / 100_000:.0f}x the text)
- output of the long run: {len(rows):,} claims; {sliced:,} of {len(rows):,} slice exactly to their text in the file;
  {unique:,} unique claim ids; {same:,} of {sum(long_q.values()):,} quantity claims (text, value) also found by the
  separate run ({sum(sep_q.values()):,} there; the rest differ by context across body boundaries, e.g. a
  sentence continuing into the next body)
"""
    print(body)
    write_section("robustness", f"python bench/robustness.py --megabytes {args.megabytes:g}", body)


if __name__ == "__main__":
    main()
