"""Language detection (`analyzer.language.detect`): how often English text is wrongly called foreign (and so
would be skipped), how well real non-English text is recognised, and what detection costs next to the pipeline.

    python bench/language.py [--shared ../shared] [--per-language 40] [--pipeline-docs 40] [--show 5]

English data (read from ../shared, never copied): FNC-1 test bodies (fnc1_test, all 904), CLEF-2024 task 1
train + dev sentences (clef2024_task1_checkworthy_en; dev-test and test_gold not read), NewsQuant sentences at
even 0-based positions (newsquant_cqe; the odd half not read), LIAR train statements (liar; valid and test not
read), ClaimBuster 3xNCS.json (claimbuster; the largest of its nested files). These are development sets: the
rules were adjusted on their errors.

Non-English data: real text found offline on this machine, nothing downloaded and nothing copied into the repo.
  - Debian's translation catalogues, /usr/share/locale/<lang>/LC_MESSAGES/*.mo (translated user-interface
    messages of 4 words or more; entries equal to their English msgid dropped, format codes removed; the
    iso-codes catalogues iso_*.mo, lists of names, left out),
  - Debian's translated manual pages, /usr/share/man/<lang>/man*/*.gz (roff requests removed, escapes
    resolved; lines found in the English original of the page, i.e. left untranslated, dropped),
  - spaCy's example sentences, spacy/lang/<lang>/examples.py (short news-like sentences, joined per language).
Strings are grouped, in catalogue/page order, into pseudo-documents of 50 to 200 words (Chinese, Japanese,
Korean, Thai: 100 to 400 characters), at most --per-language per language and source. Documents at even
positions are the development half (errors read while writing the rules), odd positions the held-out half;
spaCy's sentences make one document per language, all seen during development. The same sources in English
(en_* catalogues, English manual pages, spaCy's English sentences) are a further false-skip check.

Speed: detect() over all FNC-1 bodies and on a 5,000-word article; then the pipeline (analyzer.load(), once) and
detect() on the same --pipeline-docs bodies, interleaved, for the ratio of their times.

``--detector py3langid`` (or ``py3langid-restricted``: limited to the languages geoclaims' detector names) runs the
same measurements with the py3langid library (BSD-3-Clause; `pip install py3langid`, not a geoclaims dependency)
in place of `analyzer.language.detect`, for issue 18's question whether a library does as well: its section of
RESULTS.md is "language (py3langid)". A text without letters is "und" for both.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import importlib
import json
import re
import statistics
import struct
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _results import write_section  # noqa: E402

from analyzer.language import detect  # noqa: E402

LOCALE = Path("/usr/share/locale")
MAN = Path("/usr/share/man")
DOC_WORDS = (50, 200)  # words in a pseudo-document
DOC_CHARS = (100, 400)  # characters, for languages written without spaces
MESSAGE_WORDS = 4  # catalogue messages shorter than this (menu items, labels) are left out
UNSPACED = {"zh", "ja", "ko", "th", "lo", "km", "my", "bo"}
# locale directory -> the code the detector should give (it names Serbian, Croatian and Bosnian in Latin script
# "hr", and Norwegian Nynorsk as Bokmål); a code with a script suffix names a language in a script the detector
# has no rule for (only "not English" is asked of it); directories not listed use the part before "_" or "@"
EXPECTED = {"sr@latin": "hr", "sr@Latn": "hr", "sr@ije": "sr", "bs": "hr", "nn": "nb", "no": "nb", "ckb": "ku",
            "ku": "ku-Latn", "tt": "tt-Latn", "tt@iqtelif": "tt-Latn", "uz": "uz-Latn", "uz@cyrillic": "uz",
            "pa_PK": "pa-Arab", "az_IR": "az-Arab", "be@latin": "be-Latn", "ca@valencia": "ca"}
ENGLISH_LOCALES = {"en", "en_GB", "en_AU", "en_CA", "en_NZ", "en_US"}  # en@quot and the like are left out
# printf and strftime conversions, {placeholders}, markup, entities, mnemonic markers (_File, &Open), \n and \t
FORMAT = re.compile(r"%[-+ #0-9.*$hlLqjzt]*[a-zA-Z%]|\{[^{}]*\}|<[^<>]+>|&\w+;|_(?=\w)|&(?=\w)|\\[nt]")
ROFF_GLYPH = re.compile(r"\\(?:\((..)|\[([^\]]*)\])")  # \('e, \[:o], \[u00E9]: a named or numbered character
ROFF_ESCAPE = re.compile(r"\\(?:f(?:\[[^\]]*\]|\(..|.)|\*(?:\(..|\[[^\]]*\]|.)|s[-+]?\d+|[hvwoDlLNZXbxR]'[^']*'|"
                         r"[&ec|^0~ /,])")
ACCENTS = {"'": "\u0301", "`": "\u0300", "^": "\u0302", ":": "\u0308", "~": "\u0303", ",": "\u0327", "o": "\u030a",
           "v": "\u030c", '"': "\u030b"}
GLYPHS = {"ss": "ß", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "/o": "ø", "/O": "Ø", "lq": "“", "rq": "”", "Fo": "«",
          "Fc": "»", "aq": "'", "dq": '"', "em": "—", "en": "–", "hy": "-", "mi": "-", "bu": "•"}


# ---- English development sets ---------------------------------------------------------------------------
def english_sets(shared: Path) -> dict[str, list[str]]:
    data = shared / "datasets"
    csv.field_size_limit(sys.maxsize)
    sets: dict[str, list[str]] = {}
    with (data / "fnc1_test" / "competition_test_bodies.csv").open(encoding="utf8", newline="") as fh:
        sets["FNC-1 test bodies (articles)"] = [row["articleBody"] for row in csv.DictReader(fh)]
    clef = []
    for split in ("train", "dev"):
        path = data / "clef2024_task1_checkworthy_en" / f"CT24_checkworthy_english_{split}.tsv"
        with path.open(encoding="utf8", newline="") as fh:
            clef += [row["Text"] for row in csv.DictReader(fh, delimiter="\t") if (row.get("Text") or "").strip()]
    sets["CLEF-2024 train + dev sentences"] = clef
    newsquant = json.loads((data / "newsquant_cqe" / "test_sets" / "NewsQuant.json").read_text(encoding="utf8"))
    sets["NewsQuant sentences, even positions"] = [d["text"] for d in newsquant[::2]]
    with (data / "liar" / "train.tsv").open(encoding="utf8", newline="") as fh:
        sets["LIAR train statements"] = [row[2] for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
                                         if len(row) > 2]
    claimbuster = json.loads((data / "claimbuster" / "3xNCS.json").read_text(encoding="utf8"))
    sets["ClaimBuster 3xNCS sentences"] = [d["text"] for d in claimbuster]
    return sets


# ---- non-English text found on this machine ---------------------------------------------------------------
def mo_strings(path: Path) -> Iterator[str]:
    """The translated strings of a GNU gettext .mo catalogue (entries equal to their msgid dropped)."""
    data = path.read_bytes()
    if len(data) < 28:
        return
    magic = struct.unpack("<I", data[:4])[0]
    endian = "<" if magic == 0x950412DE else ">" if magic == 0xDE120495 else None
    if endian is None:
        return
    n, originals, translations = struct.unpack(endian + "3I", data[8:20])
    charset = "utf8"
    for k in range(n):
        olen, ooff = struct.unpack(endian + "2I", data[originals + 8 * k:originals + 8 * k + 8])
        tlen, toff = struct.unpack(endian + "2I", data[translations + 8 * k:translations + 8 * k + 8])
        msgid, msgstr = data[ooff:ooff + olen], data[toff:toff + tlen]
        if not msgid:  # the catalogue's header names its encoding
            found = re.search(rb"charset=([-\w]+)", msgstr)
            charset = found[1].decode("ascii") if found else "utf8"
            continue
        for text in msgstr.split(b"\0"):
            if text and text not in msgid.split(b"\0"):
                try:
                    yield text.decode(charset, "replace")
                except LookupError:
                    yield text.decode("utf8", "replace")


def clean_message(text: str) -> str:
    return " ".join(FORMAT.sub(" ", text).split())


def man_text(path: Path) -> Iterator[str]:
    """Lines of running text of a roff manual page (requests, comments and tables dropped, escapes removed)."""
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    try:
        text = raw.decode("utf8")
    except UnicodeDecodeError:
        return  # a page in a legacy encoding: not worth guessing it
    in_table = False
    for line in text.splitlines():
        if line.startswith((".TS", ".EX", ".nf")):
            in_table = True
        elif line.startswith((".TE", ".EE", ".fi")):
            in_table = False
        if in_table or line.startswith((".", "'", '\\"')):
            continue
        line = ROFF_ESCAPE.sub("", ROFF_GLYPH.sub(glyph, line.replace("\\-", "-"))).replace("\\", "")
        if line.strip():
            yield line.strip()


def untranslated_dropped(lines: Iterable[str], original: Iterable[str]) -> Iterator[str]:
    """``lines`` of a translated page without those whose word trigrams are mostly in the English ``original``."""
    words = " ".join(original).lower().split()
    english = {tuple(words[k:k + 3]) for k in range(len(words) - 2)}
    vocabulary = set(words)
    for line in lines:
        w = line.lower().split()
        trigrams = [tuple(w[k:k + 3]) for k in range(len(w) - 2)]
        if trigrams and sum(t in english for t in trigrams) <= len(trigrams) / 2:
            yield line
        elif not trigrams and not all(x in vocabulary for x in w):
            yield line


def glyph(match: re.Match) -> str:
    """The character a roff glyph escape names (accented letters composed), or nothing."""
    name = match[1] or match[2]
    if name.startswith("u") and len(name) == 5:
        try:
            return chr(int(name[1:], 16))
        except ValueError:
            return ""
    if len(name) == 2 and name[0] in ACCENTS and name[1].isalpha():
        return unicodedata.normalize("NFC", name[1] + ACCENTS[name[0]])
    return GLYPHS.get(name, "")


def documents(strings: Iterable[str], code: str, limit: int) -> list[str]:
    """Consecutive strings grouped into pseudo-documents of DOC_WORDS words (DOC_CHARS characters)."""
    unspaced = code in UNSPACED
    low, high = DOC_CHARS if unspaced else DOC_WORDS
    docs: list[str] = []
    part: list[str] = []
    size = 0
    for s in strings:
        s = s.strip()
        if not s:
            continue
        part.append(s)
        size += len(s) if unspaced else len(s.split())
        if size >= low:
            doc = " ".join(part)
            if unspaced:
                doc = doc[:high]
            else:
                doc = " ".join(doc.split()[:high])
            docs.append(doc)
            part, size = [], 0
            if len(docs) >= limit:
                break
    return docs


def expected_code(directory: str) -> str:
    """The code the detector should give to text from a locale or manual directory."""
    return EXPECTED.get(directory) or re.split(r"[_@]", directory)[0]


def spread(items: list, limit: int) -> list:
    """At most ``limit`` items, evenly spaced over ``items`` (so that one catalogue does not fill a language)."""
    if len(items) <= limit:
        return items
    return [items[round(k * (len(items) - 1) / (limit - 1))] for k in range(limit)] if limit > 1 else items[:1]


def locale_documents(limit: int) -> dict[str, list[str]]:
    """Pseudo-documents of catalogue messages, at most ``limit`` per locale directory, by expected code."""
    out: dict[str, list[str]] = {}
    for directory in sorted(p.name for p in LOCALE.iterdir() if p.is_dir()):
        code = "en" if directory in ENGLISH_LOCALES else expected_code(directory)
        if directory.startswith("en@"):
            continue
        # iso_*.mo (the iso-codes package) are lists of country, language and currency names, not text
        files = sorted(f for f in (LOCALE / directory / "LC_MESSAGES").glob("*.mo") if not f.name.startswith("iso_"))
        messages = (clean_message(s) for f in files for s in mo_strings(f))
        strings = (m for m in messages if (len(m) >= 6 if code in UNSPACED else len(m.split()) >= MESSAGE_WORDS))
        docs = documents(strings, code, limit * 20)
        out.setdefault(code, []).extend(spread(docs, limit))
    return out


def man_documents(limit: int) -> dict[str, list[str]]:
    """Pseudo-documents of manual pages, at most ``limit`` per language directory, by expected code."""
    out: dict[str, list[str]] = {}
    for directory in sorted(p.name for p in MAN.iterdir() if p.is_dir()):
        code = "en" if directory.startswith("man") else expected_code(directory)
        if code == "en" and directory != "man1":  # English: sections 1 and 8, once
            continue
        if code == "en":
            pages = sorted(MAN.glob("man[18]/*"))[:400]
        else:
            pages = sorted((MAN / directory).glob("man*/*"))
        docs = []
        for page in pages:
            lines = man_text(page)
            original = MAN / page.parent.name / page.name
            if code != "en" and original.exists():  # paragraphs left untranslated are the original's text
                lines = untranslated_dropped(lines, man_text(original))
            docs += documents(lines, code, 3)  # a few per page, so that many pages are seen
        out.setdefault(code, []).extend(spread(docs, limit))
    return out


def spacy_documents() -> dict[str, list[str]]:
    """spaCy's example sentences, joined into one document per language."""
    import spacy.lang

    out: dict[str, list[str]] = {}
    for folder in sorted(Path(spacy.lang.__file__).parent.iterdir()):
        if not (folder / "examples.py").exists():
            continue
        if folder.name != "xx":  # "xx": several languages
            out[folder.name] = [" ".join(importlib.import_module(f"spacy.lang.{folder.name}.examples").sentences)]
    return out


# ---- scoring ---------------------------------------------------------------------------------------------
def false_skips(texts: list[str]) -> tuple[Counter, list[tuple[str, str, str]]]:
    """Codes given to English ``texts``, and the texts called foreign (code, reason, text)."""
    codes: Counter = Counter()
    wrong = []
    for text in texts:
        d = detect(text)
        codes[d.code] += 1
        if not d.is_english:
            wrong.append((d.code, d.reason, text))
    return codes, wrong


class Tally:
    """Documents, right codes and skips, by (source, half, language)."""

    def __init__(self) -> None:
        self.cells: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
        self.confusions: dict[str, Counter] = defaultdict(Counter)
        self.errors: list[tuple[str, str, str, str]] = []  # development half only: (expected, got, reason, doc)

    def add(self, source: str, code: str, docs: list[str], split: bool = True) -> None:
        """Score ``docs`` in language ``code``: even positions are the development half, odd ones held out (or all
        of them together, as "all", when not ``split``)."""
        halves = (("dev", docs[::2]), ("held-out", docs[1::2])) if split else (("all", docs),)
        for half, part in halves:
            for doc in part:
                d = detect(doc)
                cell = self.cells[(source, half, code)]
                cell[0] += 1
                cell[1] += d.code == code
                cell[2] += not d.is_english
                if d.code != code:
                    self.confusions[half][(code, d.code)] += 1
                    if half != "held-out":
                        self.errors.append((code, d.code, d.reason, doc))

    def total(self, half: str, codes: set[str], source: str | None = None) -> tuple[int, int, int]:
        sums = [0, 0, 0]
        for (src, h, code), cell in self.cells.items():
            if h == half and code in codes and (source is None or src == source):
                sums = [a + b for a, b in zip(sums, cell, strict=True)]
        return sums[0], sums[1], sums[2]


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f}%" if b else "–"


def english_section(english: dict[str, list[str]], show: int) -> list[str]:
    lines = ["### English text called foreign (development sets)", "",
             "| set | texts | `en` | `und` | not English: would be skipped |", "|---|---:|---:|---:|---:|"]
    examples = []
    for name, texts in english.items():
        codes, wrong = false_skips(texts)
        lines.append(f"| {name} | {len(texts)} | {codes['en']} | {codes['und']} | **{len(wrong)}** |")
        examples += [f"- {name}: `{code}` ({reason}): {text[:150]!r}" for code, reason, text in wrong[:show]]
        print(name, len(texts), dict(codes.most_common(6)), flush=True)
    if examples:
        lines += ["", "Called foreign:", "", *examples]
    return lines


def foreign_section(tally: Tally, sources: dict[str, dict[str, list[str]]], names: dict[str, str]) -> list[str]:
    ruled = set(names) - {"en"}
    everything = {code for by_language in sources.values() for code in by_language} - {"en"}
    others = everything - ruled
    lines = ["", "### Non-English text (real text found on this machine)", "",
             "Pseudo-documents of 50-200 words (100-400 characters in Chinese, Japanese, Korean, Thai). \"Right\": the "
             "expected ISO 639-1 code; \"skipped\": anything but `en`/`und`. Languages without a rule of their own "
             "(Scottish Gaelic, Breton, Xhosa, Kurmanji, Uzbek, Latin...) can only be skipped or not.", "",
             "| source | half | documents, languages with a rule | right code | skipped | documents, other languages | skipped |",
             "|---|---|---:|---:|---:|---:|---:|"]
    for source in sources:
        for half in ("dev", "held-out", "all"):
            n, right, skipped = tally.total(half, ruled, source)
            if not n:
                continue
            m, _, skipped_other = tally.total(half, others, source)
            lines.append(f"| {source} | {half} | {n} | {pct(right, n)} | {pct(skipped, n)} | {m} | {pct(skipped_other, m)} |")
    per_language = []
    for code in sorted(ruled & everything):
        n, right, _ = tally.total("held-out", {code})
        if n:
            per_language.append(f"{code} {right}/{n}")
    confusions = Counter({pair: k for pair, k in tally.confusions["held-out"].items() if pair[0] in ruled})
    worst = ", ".join(f"{a}→{b} {k}" for (a, b), k in confusions.most_common(12))
    lines += ["", "Held-out half, right code per language (catalogues and manual pages): " + ", ".join(per_language)
              + ".", "", f"Most frequent held-out errors of languages with a rule (expected→given): {worst}."]
    return lines


def speed_section(bodies: list[str], pipeline_docs: int) -> list[str]:
    for text in bodies[:50]:
        detect(text)
    passes = []
    for _ in range(5):
        t0 = time.perf_counter()
        for text in bodies:
            detect(text)
        passes.append((time.perf_counter() - t0) / len(bodies))
    long_text = " ".join(" ".join(bodies).split()[:5000])
    calls = []
    for _ in range(200):
        t0 = time.perf_counter()
        detect(long_text)
        calls.append(time.perf_counter() - t0)

    import analyzer

    nlp = analyzer.load()
    docs = bodies[:pipeline_docs]
    nlp(docs[0])
    pipe_times, det_times = [], []
    for text in docs:  # interleaved, so that a change in the machine's load hits both alike
        t0 = time.perf_counter()
        nlp(text)
        pipe_times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        detect(text)
        det_times.append(time.perf_counter() - t0)
    pipe, det = sum(pipe_times) / len(docs), sum(det_times) / len(docs)
    words = statistics.median(len(t.split()) for t in bodies)
    return ["", "### Speed", "", "| what | time |", "|---|---:|",
            f"| `detect()` per FNC-1 body (median of 5 passes over all {len(bodies)}; median body {words:.0f} words) "
            f"| {statistics.median(passes) * 1e6:.0f} µs |",
            f"| `detect()` on a 5,000-word article (FNC-1 bodies joined; median of 200 calls) "
            f"| {statistics.median(calls) * 1e6:.0f} µs |",
            f"| pipeline `nlp(text)` (`analyzer.load()`) per FNC-1 body, first {len(docs)} bodies | {pipe * 1000:.0f} ms |",
            f"| `detect()` on the same bodies, interleaved with the pipeline | {det * 1e6:.0f} µs |",
            f"| **ratio detect / pipeline** | **{100 * det / pipe:.3f}%** |"]


def library_detector(restrict_to: list[str] | None):
    """`detect` with py3langid's classifier: its ISO 639-1 code, 'und' for a text without letters."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    from analyzer.language.detect import Detection

    identifier = LanguageIdentifier.from_modelpath(Path(MODEL_DIR) / MODEL_FILE, norm_probs=True)
    if restrict_to:
        identifier.set_languages([c for c in restrict_to if c in identifier.nb_classes])

    def detect_with_library(text: str) -> Detection:
        if not any(ch.isalpha() for ch in text):
            return Detection("und", "no letters")
        code, p = identifier.classify(text)
        return Detection(code, f"py3langid p={p:.2f}")
    return detect_with_library


def main() -> None:
    global detect
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--detector", choices=("geoclaims", "py3langid", "py3langid-restricted"), default="geoclaims")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--per-language", type=int, default=40, help="pseudo-documents per language and source")
    ap.add_argument("--pipeline-docs", type=int, default=40, help="FNC-1 bodies run through the pipeline")
    ap.add_argument("--show", type=int, default=5, help="English texts called foreign listed per set")
    ap.add_argument("--no-write", action="store_true", help="print the section, do not write RESULTS.md")
    args = ap.parse_args()
    shared = Path(args.shared)
    from analyzer.language.detect import _lists

    names = _lists().names
    if args.detector != "geoclaims":
        detect = library_detector(list(names) if args.detector.endswith("restricted") else None)
    english = english_sets(shared)
    sources = {"Debian catalogues (.mo)": locale_documents(args.per_language),
               "Debian manual pages": man_documents(args.per_language),
               "spaCy example sentences": spacy_documents()}
    english["Debian en_* catalogue messages (UI text)"] = sources["Debian catalogues (.mo)"].pop("en", [])
    english["English manual pages (technical prose)"] = sources["Debian manual pages"].pop("en", [])
    english["spaCy's English example sentences"] = sources["spaCy example sentences"].pop("en", [])

    lines = english_section(english, args.show)
    tally = Tally()
    for source, by_language in sources.items():
        for code, docs in by_language.items():
            tally.add(source, code, docs, split=source != "spaCy example sentences")
    lines += foreign_section(tally, sources, names)
    shown: Counter = Counter()
    for code, got, reason, doc in tally.errors:  # development errors, a few per language
        shown[code] += 1
        if shown[code] <= 2 and code in names:
            print(f"  dev {code} -> {got}: {reason} | {doc[:150]!r}")
    lines += speed_section(english["FNC-1 test bodies (articles)"], args.pipeline_docs)
    body = "\n".join(lines)
    print(body)
    if not args.no_write and args.detector == "geoclaims":
        write_section("language", "python bench/language.py", body)
    elif not args.no_write:
        write_section(f"language ({args.detector})", f"python bench/language.py --detector {args.detector}", body)


if __name__ == "__main__":
    main()
