"""Fuzzing: the quantity number parser, `analyzer.quantities` and the file readers on fuzzed input.

    python bench/fuzz.py [--seconds 300] [--targets parse_token,quantities,readers] [--engine auto]

Targets (the budget is shared among them: 20% parse_token, 40% each for the others):
  parse_token  `analyzer.quantities.numbers.parse_token(text, lex)` (and ``after_dollar=True``) on one fuzzed
               token; a number read must have a finite value and multiplier.
  quantities   `analyzer.quantities(text)` on fuzzed text, checked as tests/test_properties.py checks it:
               offsets slice to the row's text, value and value_to finite or NaN, low <= value <= high.
  readers      `analyzer.io.iter_records([path])` on fuzzed bytes written to a .txt, .jsonl, .csv or .html
               file (the first byte picks); a RecordError is the right answer to bad input, an InputError
               or other GeoclaimsError is allowed, any other exception is a crash; a Document must carry text
               that can be encoded (no lone surrogate: spaCy's tokenizer raises on one).

Engine: atheris (libFuzzer, coverage-guided over the analyzer package, mutating seed inputs with a dictionary
of number shapes) when it imports, else hypothesis (random inputs, no coverage guidance). Each target runs
in a child process, so a hang (libFuzzer's per-input timeout) or a hard crash is recorded and the target
restarted for what is left of its budget. Crashes are grouped by exception and the line of geoclaims code
that raised; for each, the shortest input seen is shrunk further (characters or bytes deleted while the
same crash reproduces) and printed. Nothing is written to RESULTS.md; libFuzzer's artifacts (inputs that
hung) go to bench/out/fuzz/.
"""
from __future__ import annotations

import argparse
import base64
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out" / "fuzz"
sys.path.insert(0, str(ROOT))

TARGETS = {"parse_token": 0.2, "quantities": 0.4, "readers": 0.4}
PER_INPUT_TIMEOUT = {"parse_token": 5, "quantities": 20, "readers": 20}
SUFFIXES = (".txt", ".jsonl", ".csv", ".html")
TOKENS = [
    "$4", "4bn", "1,300", "30", "million", "billion", "tons", "5", "10", "percent", "12.5%", "3/4", "two-thirds",
    "1.2bn", "€3,5", "-3.2", "−5", "2023", "1990s", "3rd", "10-15", "½", "1e308", "1e309", "10^999", "×10−30",
    "E+14", "9999999999", "$35bn-$40bn", "6.5%-7.0", "~25", "sub-7", "minus-5", "RM23.50", "10kW", "115USD",
    "$2.174T.", "HK $", "N70", "to-260,000", "0-60mph", "25-", "١٢٣", "१२३", "１２３", "+0.3%", "or more", "-plus",
    "between", "and", "up to", "nearly", "over", "about", "from", "to", "a dozen", "half a", "tens of thousands",
    "one in five", "doubled", "per", "a year", "last year", "km", "mph", "degrees", "\u00a0", "\u200b", "\n", "\t",
]
FORMAT_TOKENS = [  # the readers' dictionary: JSON, CSV and HTML syntax, on top of TOKENS
    '{"text": "', '"id": ', '"published": "2024-08-20"', '"title": ', '"url": ', "null", "true", "[]", "\\u",
    "\\ud83d", "\\u0000", '"}', "\r\n", '""', '","', "text,id,published\n", "\ufeff", b"\xff\xfe", "<p>", "</p>",
    "<html>", "<body>", "<article>", "<title>", "<meta name='date' content='", "&#", "&amp;", "<!--", "<![CDATA[",
    "<script>", "<br>", "<table><tr><td>",
]
SEED_TEXTS = [
    "Trade turnover surpassing $4 billion last year, the minister said.",
    "Nearly 1,300 Russian enterprises and up to 30 million tons of cargo annually.",
    "Inflation rose between 5 and 10 percent; exports fell 12.5% to €3,5 million.",
    "Two-thirds of 3/4 of 1.2bn is -3.2 or −5 in 2023 (the 1990s, 3rd), 10-15 people, ½.",
    "It costs 1e308 dollars, 1.99×10−30 kg, 10^999 and " + "9" * 60 + " tonnes.",
    "Over $35bn-$40bn, 6.5%-7.0, ~25, sub-7, minus-5, RM23.50, 10kW, 115USD and $2.174T.",
    "Between 200,000 to-260,000 troops, 0-60mph, 25- to 34-year-olds, ١٢٣ people, +0.3%.",
]
SEED_FILES = {
    ".txt": "Putin said trade grew 5% to €4 billion last year.\r\n\nNearly 1,300 firms in Bakı.\n".encode(),
    ".jsonl": b'{"id": "a", "text": "Exports rose 5% to $10 billion.", "published": "2024-08-20"}\n'
              b'{"id": 7, "text": "Up to 30 million tons.", "title": "T", "url": "https://example.org/a"}\n'
              b'not json\n{"text": 5}\n',
    ".csv": b'id,text,published\n1,"Trade hit $4 billion, he said.",2024-08-20\n2,"Nearly 1,300 firms",\n3\n',
    ".html": b"<html><head><title>Trade</title><meta name='date' content='2024-08-20'></head><body><nav>Menu</nav>"
             b"<article><h1>Trade</h1><p>Trade turnover surpassed $4 billion last year, the minister said in "
             b"Baku on Monday.</p><p>Nearly 1,300 Russian enterprises work in Azerbaijan.</p></article></body></html>",
}


# ---------------------------------------------------------------------------- the targets (in a child process)


class Target:
    """One fuzz target: ``decode`` turns fuzzer bytes into a case, ``run`` raises on a crash; ``shrink`` lists
    smaller cases to try when minimising."""

    name = ""

    def decode(self, data: bytes) -> Any:
        return data.decode("utf-8", "replace")

    def encode(self, case: Any) -> bytes:
        return case.encode("utf-8", "surrogatepass")

    def run(self, case: Any) -> None:
        raise NotImplementedError

    def shrink(self, case: Any) -> list[Any]:
        return _smaller_strings(case)

    def show(self, case: Any) -> str:
        return repr(case)


class ParseToken(Target):
    name = "parse_token"

    def __init__(self) -> None:
        from analyzer.quantities.lexicon import Lexicon
        from analyzer.quantities.numbers import parse_token

        self.lex, self.parse_token = Lexicon.from_dir(), parse_token

    def decode(self, data: bytes) -> str:
        return data.decode("utf-8", "replace")[:200]

    def run(self, case: str) -> None:
        for after_dollar in (False, True):
            token = self.parse_token(case, self.lex, after_dollar=after_dollar)
            if token is not None:
                assert math.isfinite(token.value * token.multiplier), ("not finite", token)


class Quantities(Target):
    name = "quantities"

    def __init__(self) -> None:
        import analyzer

        self.analyzer = analyzer
        self.nlp = analyzer.get_pipeline()

    def decode(self, data: bytes) -> str:
        return data.decode("utf-8", "replace")[:2000]

    def run(self, case: str) -> None:
        table = self.analyzer.quantities(case, nlp=self.nlp)
        for start, end, text, value, value_to, low, high in zip(
                table["start_char"], table["end_char"], table["text"], table["value"], table["value_to"],
                table["low"], table["high"], strict=True):
            assert case[start:end] == text, ("offsets", start, end, text)
            assert not math.isinf(value) and not math.isinf(value_to), ("infinite value", text, value, value_to)
            assert math.isnan(low) or math.isnan(high) or low <= high, ("low > high", text, low, high)
            assert math.isnan(low) or math.isnan(value) or low <= value, ("value < low", text, low, value)
            assert math.isnan(high) or math.isnan(value) or value <= high, ("value > high", text, value, high)


class Readers(Target):
    name = "readers"

    def __init__(self) -> None:
        from analyzer.errors import GeoclaimsError
        from analyzer.io import Document, RecordError, iter_records

        self.iter_records, self.document, self.record_error = iter_records, Document, RecordError
        self.allowed = GeoclaimsError
        self.folder = Path(tempfile.mkdtemp(prefix="geoclaims-fuzz-"))

    def decode(self, data: bytes) -> tuple[str, bytes]:
        if not data:
            return ".txt", b""
        return SUFFIXES[data[0] % len(SUFFIXES)], data[1:]

    def encode(self, case: tuple[str, bytes]) -> bytes:
        return bytes([SUFFIXES.index(case[0])]) + case[1]

    def run(self, case: tuple[str, bytes]) -> None:
        suffix, content = case
        path = self.folder / f"input{suffix}"
        path.write_bytes(content)
        try:
            items = list(self.iter_records([path]))
        except self.allowed:
            return
        for item in items:
            assert isinstance(item, (self.document, self.record_error)), ("yielded", type(item).__name__)
            if isinstance(item, self.document):
                assert isinstance(item.text, str), ("text not a str", type(item.text).__name__)
                for field in ("text", "id", "title", "url", "published"):
                    value = getattr(item, field)
                    if isinstance(value, str):
                        try:
                            value.encode("utf-8")
                        except UnicodeEncodeError:
                            raise AssertionError(("cannot be encoded", field)) from None

    def shrink(self, case: tuple[str, bytes]) -> list[tuple[str, bytes]]:
        suffix, content = case
        return [(suffix, smaller) for smaller in _smaller_strings(content)]

    def show(self, case: tuple[str, bytes]) -> str:
        return f"{case[0]} file {case[1]!r}"


def _smaller_strings(s: Any) -> list[Any]:
    """``s`` with one chunk deleted, big chunks first (halves, quarters, ... single characters)."""
    out = []
    size = len(s) // 2
    while size >= 1:
        out.extend(s[:k] + s[k + size:] for k in range(0, len(s) - size + 1, size))
        size //= 2
    return out


def make_target(name: str) -> Target:
    return {"parse_token": ParseToken, "quantities": Quantities, "readers": Readers}[name]()


def signature(e: BaseException) -> str:
    """What a crash is: the exception type and the innermost line of geoclaims code it went through."""
    frames = [f for f in traceback.extract_tb(e.__traceback__) if "/analyzer/" in f.filename]
    where = f"{Path(frames[-1].filename).relative_to(ROOT)}:{frames[-1].lineno}" if frames else "harness check"
    if isinstance(e, AssertionError) and e.args and isinstance(e.args[0], tuple):  # the harness's own checks
        what = e.args[0][0] + (f" ({e.args[0][1]})" if len(e.args[0]) > 1 and isinstance(e.args[0][1], str)
                               and e.args[0][0] == "cannot be encoded" else "")
        return f"property violated: {what} [{where}]"
    return f"{type(e).__name__} at {where}"


class Recorder:
    """Counts inputs and keeps, for each crash signature, the shortest input and its traceback; writes all of
    it to ``report`` at most once a second (libFuzzer ends the process without running Python's exit hooks)."""

    def __init__(self, target: Target, report: Path) -> None:
        self.target, self.report = target, report
        self.tried = 0
        self.crashes: dict[str, dict[str, Any]] = {}
        if report.exists():
            previous = json.loads(report.read_text())
            self.tried, self.crashes = previous["tried"], previous["crashes"]
        self.last_write = 0.0

    def one(self, data: bytes) -> None:
        self.tried += 1
        case = self.target.decode(data)
        try:
            self.target.run(case)
        except Exception as e:  # noqa: BLE001 - every exception is a finding
            key = signature(e)
            encoded = self.target.encode(case)
            known = self.crashes.get(key)
            if known is None or len(encoded) < known["size"]:
                self.crashes[key] = {"input": base64.b64encode(encoded).decode(), "size": len(encoded),
                                     "traceback": "".join(traceback.format_exception(e)[-6:]),
                                     "count": (known or {}).get("count", 0) + 1}
                self.write()
            else:
                known["count"] += 1
        if time.monotonic() - self.last_write > 1.0:
            self.write()  # also after a crash: libFuzzer may end the process at any input

    def write(self) -> None:
        self.report.write_text(json.dumps({"tried": self.tried, "crashes": self.crashes}))
        self.last_write = time.monotonic()


def child(name: str, seconds: float, report: Path, engine: str) -> None:
    """Fuzz one target for ``seconds`` in this process, recording into ``report``."""
    if engine == "atheris":
        import atheris

        with atheris.instrument_imports(include=["analyzer"]):
            import analyzer  # noqa: F401 - instrumented for coverage feedback
            target = make_target(name)
    else:
        target = make_target(name)
    recorder = Recorder(target, report)
    recorder.write()
    if engine == "atheris":
        _run_atheris(name, target, recorder, seconds)
    else:
        _run_hypothesis(target, recorder, seconds)
    recorder.write()


def _seeds(name: str, target: Target) -> list[bytes]:
    if name == "readers":
        return [target.encode((suffix, content)) for suffix, content in SEED_FILES.items()]
    return [t.encode() for t in (TOKENS if name == "parse_token" else SEED_TEXTS)]


def _run_atheris(name: str, target: Target, recorder: Recorder, seconds: float) -> None:
    import atheris

    OUT.mkdir(parents=True, exist_ok=True)
    corpus = Path(tempfile.mkdtemp(prefix=f"geoclaims-corpus-{name}-"))
    for k, seed in enumerate(_seeds(name, target)):
        (corpus / f"seed{k}").write_bytes(seed)
    dictionary = corpus.with_suffix(".dict")
    tokens = TOKENS + FORMAT_TOKENS if name == "readers" else TOKENS
    dictionary.write_text("".join(f'"{_libfuzzer_escape(t)}"\n' for t in tokens))
    max_len = {"parse_token": 256, "quantities": 4096, "readers": 8192}[name]
    argv = [sys.argv[0], f"-max_total_time={max(1, int(seconds))}", f"-timeout={PER_INPUT_TIMEOUT[name]}",
            f"-max_len={max_len}", f"-dict={dictionary}", f"-artifact_prefix={OUT}/{name}-", "-rss_limit_mb=6000",
            "-print_final_stats=1", str(corpus)]
    atheris.Setup(argv, recorder.one)
    atheris.Fuzz()


def _libfuzzer_escape(token: str | bytes) -> str:
    """A dictionary entry as libFuzzer reads it: printable ASCII as is, every other byte as \\xNN."""
    raw = token if isinstance(token, bytes) else token.encode()
    return "".join(chr(b) if 32 <= b < 127 and b not in b'"\\' else f"\\x{b:02X}" for b in raw)


def _run_hypothesis(target: Target, recorder: Recorder, seconds: float) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    deadline = time.monotonic() + seconds
    seeds = _seeds(target.name, target)
    data = st.one_of(st.binary(max_size=4096), st.sampled_from(seeds),
                     st.tuples(st.sampled_from(seeds), st.binary(max_size=64), st.integers(0, 4096)).map(
                         lambda t: t[0][:t[2]] + t[1] + t[0][t[2]:]))

    class Done(Exception):
        pass

    @settings(max_examples=10**9, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck))
    @given(data)
    def fuzz(blob: bytes) -> None:
        if time.monotonic() > deadline:
            raise Done
        recorder.one(blob)

    try:
        fuzz()
    except Done:
        pass


# ---------------------------------------------------------------------------- the parent


def minimise(target: Target, case: Any, key: str, budget: float) -> Any:
    """Delete chunks of ``case`` while the crash with signature ``key`` still reproduces (greedy, timed)."""
    stop = time.monotonic() + budget
    improved = True
    while improved and time.monotonic() < stop:
        improved = False
        for smaller in target.shrink(case):
            if time.monotonic() > stop:
                break
            try:
                target.run(smaller)
            except Exception as e:  # noqa: BLE001
                if signature(e) == key:
                    case, improved = smaller, True
                    break
    return case


def fuzz_target(name: str, seconds: float, engine: str) -> dict[str, Any]:
    """Run ``name`` in child processes until ``seconds`` are spent; hangs and hard crashes become findings."""
    OUT.mkdir(parents=True, exist_ok=True)
    report = OUT / f"{name}.report.json"
    report.unlink(missing_ok=True)
    hangs: dict[str, dict[str, Any]] = {}
    started = time.monotonic()
    restarts = 0
    while (left := seconds - (time.monotonic() - started)) > 3 and restarts < 20:
        command = [sys.executable, __file__, "--child", name, "--seconds", str(left), "--report", str(report),
                   "--engine", engine]
        try:
            proc = subprocess.run(command, capture_output=True, text=True, timeout=left + 120,
                                  env={**os.environ, "TMPDIR": tempfile.gettempdir()})  # the run's scratch folder
        except subprocess.TimeoutExpired as e:  # the hypothesis engine has no per-input timeout
            proc = subprocess.CompletedProcess(command, -9, "", f"{e.stderr or ''}\nchild timeout: killed")
        if proc.returncode == 0:
            break
        restarts += 1  # a hang or a crash that ended the process: libFuzzer wrote the input
        artifact = next((line.split("written to ", 1)[1].strip() for line in proc.stderr.splitlines()
                         if "Test unit written to" in line), "")
        kind = "hang (per-input timeout)" if "libFuzzer: timeout" in proc.stderr or "child timeout" in proc.stderr \
            else f"process died (exit {proc.returncode})"
        content = Path(artifact).read_bytes() if artifact and Path(artifact).exists() else b""
        known = hangs.get(kind)
        if known is None or len(content) < len(known["content"]):
            hangs[kind] = {"content": content, "artifact": artifact, "tail": "\n".join(proc.stderr.splitlines()[-12:]),
                           "count": (known or {}).get("count", 0) + 1}
        else:
            known["count"] += 1
    spent = time.monotonic() - started
    result = json.loads(report.read_text()) if report.exists() else {"tried": 0, "crashes": {}}
    return {"name": name, "seconds": spent, "tried": result["tried"], "crashes": result["crashes"], "hangs": hangs,
            "restarts": restarts}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=float, default=300.0, help="total time budget, shared by the targets")
    ap.add_argument("--targets", default=",".join(TARGETS), help="comma-separated: " + ", ".join(TARGETS))
    ap.add_argument("--engine", choices=["auto", "atheris", "hypothesis"], default="auto")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--report", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.seconds, args.report, args.engine)
        return
    engine = args.engine
    if engine == "auto":
        try:
            import atheris  # noqa: F401
            engine = "atheris"
        except ImportError:
            engine = "hypothesis"
    names = [n.strip() for n in args.targets.split(",") if n.strip()]
    unknown = [n for n in names if n not in TARGETS]
    if unknown:
        ap.error(f"unknown target {unknown[0]!r} (choose from {', '.join(TARGETS)})")
    share = sum(TARGETS[n] for n in names)
    print(f"fuzz: engine {engine}, budget {args.seconds:.0f} s, targets {', '.join(names)}", flush=True)
    scratch = tempfile.mkdtemp(prefix="geoclaims-fuzz-")  # corpora and fuzzed files, removed at the end
    tempfile.tempdir = scratch
    try:
        t0 = time.monotonic()
        results = []
        for name in names:
            result = fuzz_target(name, args.seconds * TARGETS[name] / share, engine)
            results.append(result)
            found = len(result["crashes"]) + len(result["hangs"])
            print(f"  {name:<12} {result['tried']:>10,} inputs  {found} crash(es)  {result['seconds']:.0f} s",
                  flush=True)
        total = time.monotonic() - t0
        _print_findings(results, shrink_seconds=60.0)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print("\n| target | inputs tried | crashes |\n|---|---|---|")
    for r in results:
        print(f"| {r['name']} | {r['tried']:,} | {len(r['crashes']) + len(r['hangs'])} |")
    print(f"\ntotal: {sum(r['tried'] for r in results):,} inputs, "
          f"{sum(len(r['crashes']) + len(r['hangs']) for r in results)} crash(es), {total:.0f} s fuzzing")


def _print_findings(results: list[dict[str, Any]], shrink_seconds: float) -> None:
    targets: dict[str, Target] = {}
    for r in results:
        for key, crash in r["crashes"].items():
            target = targets.get(r["name"]) or targets.setdefault(r["name"], make_target(r["name"]))
            case = target.decode(base64.b64decode(crash["input"]))
            small = minimise(target, case, key, shrink_seconds)
            print(f"\n[{r['name']}] {key}  (seen {crash['count']} times)\n  minimal input: {target.show(small)}")
            print("  " + crash["traceback"].strip().replace("\n", "\n  "))
        for kind, hang in r["hangs"].items():
            print(f"\n[{r['name']}] {kind}  (seen {hang['count']} times)\n  input ({len(hang['content'])} bytes, "
                  f"{hang['artifact']}): {hang['content'][:300]!r}")
            print("  " + hang["tail"].replace("\n", "\n  "))


if __name__ == "__main__":
    main()
