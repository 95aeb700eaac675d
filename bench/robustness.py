"""Robustness at scale: one article far longer than spaCy's max_length (default 5 MB), analysed by the
command line as users run it, against the same text as separate articles (the baseline, same run).

    python bench/robustness.py [--shared ../shared] [--megabytes 5]
    python bench/robustness.py --hostile [--kilobytes 10 100 1000] [--patterns ...] [--timeout 300]

Reports wall time and peak memory (ru_maxrss of the geoclaims process) of:
  long      the whole text as one .txt article (parsed in 100,000-character pieces, analysed as one Doc);
  separate  the same bodies as one JSONL record each (the ordinary path);
  small     the first 100,000 characters as one article (the memory of one piece);
and checks the long run's output: every claim's start_char:end_char slices to its text in the file, claim
ids are unique, and the quantity claims match the separate run's.

--hostile: hostile input instead, one `geoclaims analyze case.txt --out case.jsonl` process per case
(`HOSTILE`: figures in one sentence, a chain of figures, currency signs everywhere, one long sentence of
words and figures, runs of '(' and of '"'), each at every size; wall time, peak memory (ru_maxrss),
claims and output bytes per case, and the growth per 10x of the size. A case that exceeds --timeout is
stopped and recorded as such. Files go to bench/out/hostile/, each case's result also to its
results.json, from which the section "hostile input" is written with every size measured so far (so
that the 1,000 KB cases can run on their own, one at a time, after the others).

Data (read from ../shared, never copied into the repo): fnc1_test/competition_test_bodies.csv, the FNC-1
test bodies, joined with blank lines (repeated until the size is reached). Files go to bench/out/robustness/.
"""
from __future__ import annotations

import argparse
import csv
import json
import math
import os
import signal
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


HOSTILE = {  # name -> (description, the unit repeated until the size is reached)
    "figures": ("figures in one sentence", "$1 "),
    "chain": ("a chain of figures (parsed thousands of arcs deep)", "5% "),
    "currency": ("currency everywhere", "$1 €2 £3 ¥4 "),
    "measured": ("figures each with a measured noun, joined by 'and'", "4 tonnes of cargo and "),
    "pronouns": ("figures each owned by a pronoun, joined by 'and'", "its exports rose 5% and "),
    "sentence": ("one long sentence, words and figures, no full stop",
                 "the ministry said exports rose 12 percent to 4 billion dollars in 2023 while imports fell "),
    "compared": ("figures each compared with a year-earlier one, joined by 'and'",
                 "exports rose 3 pct from 2 pct a year earlier and "),
    "paragraphs": ("one-word paragraphs: a blank line after every word", "Exports\n\n"),
    "names": ("names in one sentence: homonyms, surnames, names holding places, context cues",
              "Georgia near Atlanta and the Houston Texans of Texas met Putin, Obamas aides and Nato "),
    "parens": ("a run of '('", "("),
    "quotes": ("a run of '\"'", '"'),
}


def hostile_text(pattern: str, kilobytes: float) -> str:
    unit = HOSTILE[pattern][1]
    size = int(kilobytes * 1000)
    return (unit * (size // len(unit) + 1))[:size].rstrip()


def hostile(args: argparse.Namespace) -> None:
    out = ROOT / "bench" / "out" / "hostile"
    out.mkdir(parents=True, exist_ok=True)
    load = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else ["?"] * 3
    saved = out / "results.json"
    stored = json.loads(saved.read_text(encoding="utf8")) if saved.exists() else {}
    results: dict[tuple[str, float], str | tuple[float, float, int, int]] = {}
    for key, value in stored.get("cases", {}).items():
        pattern, kb = key.rsplit("/", 1)
        results[pattern, float(kb)] = value if isinstance(value, str) else tuple(value)
    if args.kilobytes:
        startup = out / "startup.txt"
        startup.write_text("Hello.", encoding="utf8")
        base = stored["startup"] = analyse([str(startup), "--out", str(out / "startup.jsonl")])
        print(f"startup (a one-word text): {base[0]:.1f} s, {base[1]:.0f} MiB", flush=True)
    base = stored.get("startup", (math.nan, math.nan))
    for kb in args.kilobytes:  # all patterns at one size, then the next size
        for pattern in args.patterns:
            smaller = [k for k in sorted({k for p, k in results if p == pattern}) if k < kb
                       and isinstance(results.get((pattern, k)), str) and not results[pattern, k].startswith("not")]
            if smaller:  # it grows at least linearly: a larger case would only take longer
                results[pattern, kb] = f"not run ({smaller[-1]:g} KB: {results[pattern, smaller[-1]]})"
                continue
            case = out / f"{pattern}-{kb:g}kb.txt"
            case.write_text(hostile_text(pattern, kb), encoding="utf8")
            claims = case.with_suffix(".jsonl")
            claims.unlink(missing_ok=True)
            start = time.perf_counter()
            # a session of its own: a case that runs too long is stopped with its geoclaims process (killing
            # the wrapper alone would leave geoclaims running beside the next case)
            proc = subprocess.Popen([sys.executable, "-c", WRAPPER, *GEOCLAIMS, "analyze", str(case), "--out",
                                     str(claims), "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    text=True, cwd=ROOT, start_new_session=True)
            try:
                _, stderr = proc.communicate(timeout=args.timeout)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.communicate()
                results[pattern, kb] = f"stopped after {args.timeout:.0f} s"
                print(f"{pattern} {kb:g} KB: stopped after {args.timeout:.0f} s", flush=True)
                continue
            seconds = time.perf_counter() - start
            if proc.returncode != 0:
                results[pattern, kb] = f"exit {proc.returncode}"
                print(f"{pattern} {kb:g} KB: exit {proc.returncode}: {stderr[-500:]}", flush=True)
                continue
            mib = int(stderr.rsplit("ru_maxrss_kib", 1)[1].split()[0]) / 1024
            rows = sum(1 for _ in claims.open(encoding="utf8")) if claims.exists() else 0
            size = claims.stat().st_size if claims.exists() else 0
            results[pattern, kb] = (seconds, mib, rows, size)
            print(f"{pattern} {kb:g} KB: {seconds:.1f} s, {mib:.0f} MiB, {rows} claims, {size:,} bytes", flush=True)
            stored.setdefault("cases", {}).update({f"{p}/{k:g}": v for (p, k), v in results.items()})
            stored.setdefault("load", {})[f"{kb:g}"] = Path("/proc/loadavg").read_text().split()[:3] \
                if Path("/proc/loadavg").exists() else ["?"] * 3
            saved.write_text(json.dumps(stored, indent=1), encoding="utf8")
    load_after = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else ["?"] * 3

    def cell(pattern: str, kb: float, k: int, fmt: str, sep: str) -> str:
        r = results.get((pattern, kb))
        if not isinstance(r, tuple):
            return r or ""
        return f"{fmt[0].format(r[k])}{sep}{fmt[1].format(r[k + 1])}"

    sizes = sorted({k for p, k in results if p in args.patterns})
    head = " | ".join(f"{kb:g} KB" for kb in sizes)
    lines = [f"| pattern | {head} | time per 10x | output bytes per input byte |",
             "|---|" + "---:|" * len(sizes) + "---|---:|"]
    for pattern in args.patterns:
        times = " | ".join(cell(pattern, kb, 0, ("{:.1f} s", "{:,.0f} MiB"), " / ") for kb in sizes)
        ratios = []
        for a, b in zip(sizes, sizes[1:], strict=False):
            ra, rb = results.get((pattern, a)), results.get((pattern, b))
            if isinstance(ra, tuple) and isinstance(rb, tuple) and b == 10 * a:
                ratios.append(f"{rb[0] / ra[0]:.1f}x")
        last = results.get((pattern, sizes[-1]))
        per_byte = f"{last[3] / (sizes[-1] * 1000):.0f}" if isinstance(last, tuple) else ""
        lines.append(f"| {HOSTILE[pattern][0]} (`{HOSTILE[pattern][1].strip() or ' '}`) | {times} | "
                     f"{', '.join(ratios)} | {per_byte} |")
    body = (f"`geoclaims analyze case.txt --out case.jsonl`, one process per case (wall time / peak memory, "
            f"ru_maxrss); each text is its pattern repeated to the size. Startup (a one-word text): "
            f"{base[0]:.1f} s / {base[1]:.0f} MiB, included in every time. Load average (1, 5, 15 min) "
            f"after the cases of each size: "
            + "; ".join(f"{k} KB: {' '.join(v)}" for k, v in stored.get("load", {}).items())
            + (f" (this run: {' '.join(load)} before, {' '.join(load_after)} after)" if args.kilobytes else "")
            + "; 2 cores shared with other jobs: times are upper bounds. Target: linear growth (10x per 10x), 100 KB of any pattern under 20 s and 1 GB.\n\n"
            + "\n".join(lines) + "\n")
    claims_lines = ["| pattern | " + " | ".join(f"{kb:g} KB: claims, output" for kb in sizes) + " |",
                    "|---|" + "---:|" * len(sizes)]
    for pattern in args.patterns:
        claims_lines.append(f"| {pattern} | " + " | ".join(
            cell(pattern, kb, 2, ("{:,}", "{:,} B"), ", ") for kb in sizes) + " |")
    body += "\n" + "\n".join(claims_lines) + "\n"
    print(body)
    if args.write:
        command = ("python bench/robustness.py --hostile --kilobytes " + " ".join(f"{kb:g}" for kb in sizes)
                   + " (the 1,000 KB cases as a run of their own, after the others)")
        write_section("hostile input", command, body)


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
    parser.add_argument("--hostile", action="store_true", help="time hostile inputs instead (see above)")
    parser.add_argument("--kilobytes", type=float, nargs="*", default=[10, 100, 1000],
                        help="sizes to run (none: write the section from results.json only)")
    parser.add_argument("--patterns", nargs="+", choices=list(HOSTILE), default=list(HOSTILE))
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds before a hostile case is stopped")
    parser.add_argument("--no-write", dest="write", action="store_false", help="print the section only")
    args = parser.parse_args()
    if args.hostile:
        hostile(args)
        return
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
