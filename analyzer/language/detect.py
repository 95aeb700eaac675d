"""Which language a text is written in, cheaply enough to run before the pipeline on every document.

The detector reads a sample of the raw string: all of it, or ``WINDOWS`` windows of its beginning, middle and
end, ``SAMPLE_CHARS`` characters in all. It first estimates how many of the letters belong to each Unicode
script. Text whose letters are mostly of a non-Latin script is named by that script and by the letters or
words that tell its languages apart (Ukrainian і/ї/є/ґ against Russian ы/э/ё, Persian پ/چ/ژ/گ against Arabic,
kana for Japanese...). Latin-script text is judged by its function words (``data/function_words.json``):
English news is about 40% function words; text in another language has few English ones and many of its own.
Words that two lists share ("a", "in", "de") count for neither side when English is weighed against the other
language, so that they never decide alone.

The rules are built never to call English text foreign: short texts, tables, lists of names and anything
else without clear evidence come out ``"und"`` (undetermined), which counts as English.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from .._resources import data_file, located, read_json, schema_file
from ..errors import DataFileError

ENGLISH = "en"
UNDETERMINED = "und"  # ISO 639-2 "undetermined": too little text, or no clear evidence
SAMPLE_CHARS = 3000  # longer texts are read in WINDOWS windows of SAMPLE_CHARS // WINDOWS characters
WINDOWS = 3
PROBE_CHARS = 500  # characters (evenly spaced over the sample) from which letters by script are estimated
JUNK_SHARE = 0.02  # control, replacement, private-use or lone surrogate characters: binary or garbled data
MIN_LETTERS = 20  # letters of a non-Latin alphabet needed to name its language
MIN_IDEOGRAPHS = 8  # Chinese characters, kana or Hangul needed to name the language
MIN_DISTINCT = 5  # different letters of a non-Latin alphabet below which the text is taken for garbage
COMMON_SHARE = {"Han": 0.03, "Kana": 0.3, "Hangul": 0.1}  # share of frequent characters running text has at least
CJK_WEIGHT = 3  # a Chinese character, kana or Hangul syllable weighs as much as this many letters of an alphabet
OTHER_SHARE = 0.15  # letters of scripts not recognised (or unassigned characters): random or garbled text
MAJORITY = 0.8  # the main script has less than this share of the (weighed) letters: the reason says "mixed"
MARK_SHARE = 0.003  # distinguishing letters count from this share of the script's letters (and at least 2)
RUSSIAN_SHARE = 0.005  # fewer ы/э/ё than this share of the Cyrillic letters: perhaps not Russian...
NOT_RUSSIAN = 250  # ...and surely not, from this many letters on
CAPITALS_SHARE = 0.15  # capitals from this share of the letters on: text in capitals or title case
MIN_WORDS = 15  # fewer Latin-script words than this: "und" unless the evidence is overwhelming
MIN_SHARE = 0.08  # a language's own function words must be at least this share of the words...
MIN_TYPES = 3  # ...and at least this many different ones
MIN_ONLY = 2  # English also needs this many different words that no other list has ("the", "and", "which")
SHORT_SHARE = 0.3  # in a short text, the share of one side's own function words that counts as overwhelming...
SHORT_MIN = 5  # ...if there are at least this many (of more than MIN_TYPES kinds), and none of the other side
MIXED_SHARE = 0.2  # the other side has at least this ratio of the main side's own function words: "mixed text"
CLOSE = 0.7  # the runner-up language within this ratio of the best: the words only one of them has decide

# A word is a run of letters that does not follow a letter, digit, apostrophe or the marks of options, paths,
# abbreviations and compounds: not the clitic of "Israel's", the "o" of "-o", the "S" of "U.S.".
_WORD = re.compile(r"(?<![\w'’/\\.@#=-])[^\W\d_]+")
_ASCII_WORD = re.compile(r"(?<![\w'’/\\.@#=-])[A-Za-z]+")  # the same, faster, for ASCII text
_NON_ASCII = re.compile("[^\x00-\x7f]")
_NOT_LETTERS = bytes(c for c in range(128) if not chr(c).isalpha())  # deleted from ASCII bytes: letters remain
_UPPER = bytes(range(65, 91))  # deleted from ASCII bytes: all but capitals remain
_COMBINING = re.compile("[\u0300-\u036f]")  # accents written apart from their letter: normalise to NFC first
_JUNK = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff\ud800-\udfff]")
_CEDILLA = str.maketrans("şţŞŢ", "șțȘȚ")  # Romanian is written with either

# Code point ranges (inclusive, ascending) of the letters of each script; "" marks characters that are not
# letters (digits, punctuation, symbols, combining marks). Letters in no range count as "other".
_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0000, 0x0040, ""), (0x0041, 0x005A, "Latin"), (0x005B, 0x0060, ""), (0x0061, 0x007A, "Latin"),
    (0x007B, 0x00BF, ""), (0x00C0, 0x00D6, "Latin"), (0x00D7, 0x00D7, ""), (0x00D8, 0x00F6, "Latin"),
    (0x00F7, 0x00F7, ""), (0x00F8, 0x02AF, "Latin"), (0x02B0, 0x036F, ""), (0x0370, 0x03FF, "Greek"),
    (0x0400, 0x052F, "Cyrillic"), (0x0530, 0x058F, "Armenian"), (0x0590, 0x05FF, "Hebrew"), (0x0600, 0x06FF, "Arabic"),
    (0x0750, 0x077F, "Arabic"), (0x0780, 0x07BF, "Thaana"), (0x08A0, 0x08FF, "Arabic"), (0x0900, 0x097F, "Devanagari"),
    (0x0980, 0x09FF, "Bengali"), (0x0A00, 0x0A7F, "Gurmukhi"), (0x0A80, 0x0AFF, "Gujarati"), (0x0B00, 0x0B7F, "Odia"),
    (0x0B80, 0x0BFF, "Tamil"), (0x0C00, 0x0C7F, "Telugu"), (0x0C80, 0x0CFF, "Kannada"), (0x0D00, 0x0D7F, "Malayalam"),
    (0x0D80, 0x0DFF, "Sinhala"), (0x0E00, 0x0E7F, "Thai"), (0x0E80, 0x0EFF, "Lao"), (0x0F00, 0x0FFF, "Tibetan"),
    (0x1000, 0x109F, "Myanmar"), (0x10A0, 0x10FF, "Georgian"), (0x1100, 0x11FF, "Hangul"), (0x1200, 0x139F, "Ethiopic"),
    (0x1780, 0x17FF, "Khmer"), (0x1AB0, 0x1AFF, ""), (0x1C80, 0x1C8F, "Cyrillic"), (0x1C90, 0x1CBF, "Georgian"),
    (0x1DC0, 0x1DFF, ""), (0x1E00, 0x1EFF, "Latin"), (0x1F00, 0x1FFF, "Greek"), (0x2000, 0x2BFF, ""),
    (0x2C60, 0x2C7F, "Latin"), (0x2DE0, 0x2DFF, "Cyrillic"), (0x2E00, 0x2E7F, ""), (0x2E80, 0x2FDF, "Han"),
    (0x2FF0, 0x3004, ""), (0x3005, 0x3007, "Han"), (0x3008, 0x303F, ""), (0x3040, 0x30FF, "Kana"),
    (0x3100, 0x312F, "Han"), (0x3130, 0x318F, "Hangul"), (0x3190, 0x319F, ""), (0x31A0, 0x31BF, "Han"),
    (0x31C0, 0x31EF, ""), (0x31F0, 0x31FF, "Kana"), (0x3200, 0x33FF, ""), (0x3400, 0x4DBF, "Han"),
    (0x4DC0, 0x4DFF, ""), (0x4E00, 0x9FFF, "Han"), (0xA640, 0xA69F, "Cyrillic"), (0xA700, 0xA71F, ""),
    (0xA720, 0xA7FF, "Latin"), (0xA960, 0xA97F, "Hangul"), (0xAC00, 0xD7FF, "Hangul"), (0xF900, 0xFAFF, "Han"),
    (0xFB00, 0xFB06, "Latin"), (0xFB1D, 0xFB4F, "Hebrew"), (0xFB50, 0xFDFF, "Arabic"), (0xFE00, 0xFE6F, ""),
    (0xFE70, 0xFEFC, "Arabic"), (0xFEFD, 0xFF20, ""), (0xFF21, 0xFF3A, "Latin"), (0xFF3B, 0xFF40, ""),
    (0xFF41, 0xFF5A, "Latin"), (0xFF5B, 0xFF65, ""), (0xFF66, 0xFF9F, "Kana"), (0xFFA0, 0xFFDC, "Hangul"),
    (0xFFDD, 0xFFFF, ""), (0x1F000, 0x1FAFF, ""), (0x20000, 0x3134F, "Han"),
)
_STARTS = tuple(chr(lo) for lo, _, _ in _RANGES)
_ENDS = tuple(chr(hi + 1) for _, hi, _ in _RANGES)  # exclusive
_SCRIPTS = tuple(script for _, _, script in _RANGES)
_CJK = ("Han", "Kana", "Hangul")  # weighed together against other scripts, as "CJK"
# frequent characters of Chinese (simplified and traditional), of Japanese kana, of Korean
_COMMON = {
    "Han": frozenset(
        "的一是不了在人有我他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学"
        "对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头"
        "面公同三已老从动两长进部分新法现实政府展问题工业合关系全度二月元美市這個們國來說為時會對過"
        "與發經現實關係義還沒開後見從動兩長進問題業無當於頭體點"),
    "Kana": frozenset("のにはをたがでてとしいるなかれらもっうまするこンーストルイクラリトシアドテコ"),
    "Hangul": frozenset(
        "이의다는에을하고가지한로서기도으리사자를수대정인나해시어일부국적상전보있것들게거과요내제구"
        "라만원"),
}
# scripts that (nearly) always mean one language
_SCRIPT_LANGUAGE = {
    "Greek": "el", "Armenian": "hy", "Thaana": "dv", "Bengali": "bn", "Gurmukhi": "pa", "Gujarati": "gu",
    "Odia": "or", "Tamil": "ta", "Telugu": "te", "Kannada": "kn", "Malayalam": "ml", "Sinhala": "si", "Thai": "th",
    "Lao": "lo", "Tibetan": "bo", "Myanmar": "my", "Georgian": "ka", "Ethiopic": "am", "Khmer": "km",
}
# Cyrillic letters Russian lacks, tried in this order: (language, letters it has, of which one must come too)
_CYRILLIC = (
    ("tg", "ӣӯҷ", "", "Tajik ӣ/ӯ/ҷ"), ("tt", "җ", "", "Tatar җ"), ("ba", "ҙҡҫ", "", "Bashkir ҙ/ҡ/ҫ"),
    ("uz", "ў", "қғҳ", "Uzbek ў with қ/ғ/ҳ"), ("tg", "ҳ", "", "Tajik ҳ"), ("be", "ў", "", "Belarusian ў"),
    ("kk", "ұәқғһ", "", "Kazakh ұ/ә/қ/ғ/һ"), ("be", "і", "ы", "Belarusian і with ы"),
)
# languages told apart by letters and frequent words: (language, letters, words, note)
_OE = (("ky", "ң", frozenset("жана бул менен үчүн деп же болуп анын".split()), "Kyrgyz ң/жана/менен"),
       ("mn", "", frozenset("нь бол юм байна энэ тэр болон ба гэж байгаа".split()), "Mongolian нь/бол/байна"))
# (the words are ones Russian lacks; "се" is in all three)
_SOUTH_SLAVIC = (("bg", "ъ", frozenset("това ще който която които като чрез са е се".split()), "Bulgarian ъ/това/ще"),
                 ("mk", "ѓќѕ", frozenset("во што ќе со беше ги кои е се".split()), "Macedonian ѓ/ќ/ѕ/во/што"),
                 ("sr", "ђћ", frozenset("у је шта ће био су из који се".split()), "Serbian ђ/ћ/у/је"))
_ARABIC = (("ur", "ٹڈڑںے", "Urdu ٹ/ڈ/ڑ/ں/ے"), ("ps", "ټځڅډړږښګڼ", "Pashto ټ/ځ/څ/ډ/ړ/ږ/ښ"),
           ("ku", "ڵڕێ", "Kurdish ڵ/ڕ/ێ"), ("ug", "ۇۈۋ", "Uyghur ۇ/ۈ/ۋ"))
_DEVANAGARI = (("mr", "ळ", frozenset("आहे आहेत आणि नाही होते केले च्या व".split()), "Marathi ळ/आहे/आणि"),
               ("ne", "", frozenset("छ छन् र गर्न भएको हो थियो पनि गरेको".split()), "Nepali छ/र/भएको"),
               ("hi", "", frozenset("है हैं के की में नहीं और से को था".split()), "Hindi है/के/में"))


@dataclass(frozen=True)
class Detection:
    """The language of a text: ``code`` is ``"en"``, another ISO 639-1 code, or ``"und"`` (undetermined: too
    little text or no clear evidence); ``reason`` says in one short phrase what the decision rests on."""

    code: str
    reason: str

    @property
    def is_english(self) -> bool:
        """True for English and for undetermined text: only text shown to be in another language is skipped."""
        return self.code in (ENGLISH, UNDETERMINED)


class _Lists(NamedTuple):
    """function_words.json in the shapes the detector looks things up in."""

    names: dict[str, str]  # code -> English name of the language
    languages: tuple[str, ...]  # codes with a function-word list, English first, then in the file's order
    positions: dict[str, tuple[int, ...]]  # word -> positions in ``languages`` of the lists that hold it, ascending


@lru_cache(maxsize=1)
def _lists() -> _Lists:
    """Load the function-word lists, once per process."""
    path = data_file("analyzer.language", "function_words.json")
    raw = read_json(path, schema_file("analyzer.language", "function_words.json"))
    names = raw["names"]
    lists = raw["function_words"]
    languages = (ENGLISH, *(code for code in lists if code != ENGLISH))
    index: dict[str, list[int]] = {}
    for k, code in enumerate(languages):
        if code not in names:
            raise DataFileError(f"{located(path, ['function_words', code])}: language {code!r} has no entry in names")
        for word in {unicodedata.normalize("NFC", w).lower().translate(_CEDILLA) for w in lists[code]}:
            index.setdefault(word, []).append(k)
    return _Lists(names=dict(names), languages=languages, positions={w: tuple(ks) for w, ks in index.items()})


def _name(code: str) -> str:
    return _lists().names.get(code, code)


def _pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "0%"


def _sample(text: str) -> str:
    """At most SAMPLE_CHARS characters of ``text``: all of it, or windows from its beginning, middle and end,
    each cut at white space so that no word is cut in two."""
    if len(text) <= SAMPLE_CHARS:
        return text
    width = SAMPLE_CHARS // WINDOWS
    parts = []
    for k in range(WINDOWS):
        start = round(k * (len(text) - width) / (WINDOWS - 1))
        window = text[start:start + width]
        if start > 0 and not text[start - 1].isspace():
            window = window[window.find(" ") + 1:] if " " in window else ""
        if start + width < len(text) and not text[start + width].isspace():
            window = window[:window.rfind(" ")] if " " in window else ""
        parts.append(window)
    return "\n".join(parts)


class _Probe(NamedTuple):
    """Letters by script, estimated from evenly spaced characters of a sample."""

    counts: Counter[str]  # estimated letters in the whole sample, by script
    seen: dict[str, list[str]]  # the letters outside ASCII looked at, by script


def _scripts(sample: str) -> _Probe:
    """Letters of ``sample`` by script, estimated from at most PROBE_CHARS evenly spaced characters."""
    step = max(1, len(sample) // PROBE_CHARS)
    probe = sample[::step]
    counts: Counter[str] = Counter()
    seen: dict[str, list[str]] = {}
    latin = len(probe.encode("ascii", "ignore").translate(None, _NOT_LETTERS)) * step
    if latin:
        counts["Latin"] = latin
    if probe.isascii():
        return _Probe(counts, seen)
    chars = sorted(_NON_ASCII.findall(probe))
    i, n = 0, len(chars)
    while i < n:  # one pass of bisections over the sorted characters, one range (or gap) at a time
        k = bisect_right(_STARTS, chars[i]) - 1
        if chars[i] < _ENDS[k]:
            j, script = bisect_left(chars, _ENDS[k], i), _SCRIPTS[k]
        else:  # between two ranges
            j, script = (bisect_left(chars, _STARTS[k + 1], i) if k + 1 < len(_STARTS) else n), "other"
        if script:
            counts[script] += (j - i) * step
            seen.setdefault(script, []).extend(chars[i:j])
        i = j
    return _Probe(counts, seen)


def _unlike_text(script: str, probe: _Probe) -> str:
    """Why the letters of ``script`` do not look like running text (random or repeated characters), or ""."""
    if script == "CJK":
        main = max(_CJK, key=lambda s: probe.counts[s])
        chars = probe.seen.get(main, [])
        common = sum(c in _COMMON[main] for c in chars)
        if common < COMMON_SHARE[main] * len(chars):
            return f"only {_pct(common, len(chars))} of the {main} characters are common ones"
        return ""
    distinct = len(set(probe.seen.get(script, ())))
    return f"only {distinct} different {script} letters" if distinct < MIN_DISTINCT else ""


class _Letters:
    """Counts of given letters in a text whose letters are mostly of one script."""

    def __init__(self, text: str, total: int) -> None:
        self.text = text
        self.total = total  # letters of that script

    def count(self, chars: str) -> int:
        return sum(self.text.count(c) for c in chars)

    def marked(self, chars: str) -> int:
        """How many of ``chars`` the text holds, or 0 when too few to count (a quoted name is no language)."""
        n = self.count(chars)
        return n if n >= max(2, MARK_SHARE * self.total) else 0

    def best(self, words: Counter[str], candidates: tuple[tuple[str, str, frozenset[str], str], ...],
             ) -> tuple[int, str, str]:
        """(score, language, note) of the candidate whose letters and ``words`` the text holds most of."""
        return max((self.count(marks) + sum(words[w] for w in cues), code, note)
                   for code, marks, cues, note in candidates)


def _cyrillic(sample: str, letters: _Letters, head: str) -> Detection:
    for code, marks, also, note in _CYRILLIC:
        if letters.marked(marks) and (not also or letters.marked(also)):
            return Detection(code, f"{head}, with {note}")
    words = Counter(sample.lower().split())  # enough to find a few frequent words
    if letters.marked("өү"):
        _, code, note = letters.best(words, _OE)
        return Detection(code, f"{head}, with ө/ү and {note}")
    ukrainian, russian = letters.count("іїєґ"), letters.count("ыэё")
    if ukrainian > russian:
        return Detection("uk", f"{head}; Ukrainian і/ї/є/ґ outnumber Russian ы/э/ё ({ukrainian} to {russian})")
    if russian < RUSSIAN_SHARE * letters.total:  # Russian has ы/э/ё in about one letter in 45
        serbian = letters.marked("јљњџ")  # Serbian and Macedonian letters
        n, code, note = letters.best(words, _SOUTH_SLAVIC[1:] if serbian else _SOUTH_SLAVIC)
        if n >= MIN_TYPES or (n and (serbian or letters.total >= NOT_RUSSIAN)):
            return Detection(code, f"{head}, with no Russian ы/э/ё but {note}")
        if serbian:
            return Detection("sr", f"{head}, with ј/љ/њ/џ (Serbian or Macedonian)")
    return Detection("ru", f"{head}; Russian ы/э/ё {russian}, Ukrainian і/ї/є/ґ {ukrainian}")


def _by_script(script: str, sample: str, scripts: Counter[str], share: str) -> Detection:
    """Name the language of ``sample``, whose letters are mostly of the non-Latin ``script``; ``scripts`` holds
    the letters by script, ``share`` the script's share of the letters (for the reason)."""
    head = f"{share} of letters {script}"
    total = scripts[script]
    letters = _Letters(sample, total)
    if script == "CJK":
        kana, hangul = scripts["Kana"], scripts["Hangul"]
        if hangul >= total / 2:
            return Detection("ko", f"{share} of letters Hangul or Chinese characters, mostly Hangul")
        if kana >= 0.1 * total:
            return Detection("ja", f"{share} of letters Chinese characters or kana, {_pct(kana, total)} kana")
        return Detection("zh", f"{share} of letters Chinese characters, with no kana or Hangul")
    if script == "Cyrillic":
        return _cyrillic(sample, letters, head)
    if script == "Arabic":
        found = [(n, code, note) for code, marks, note in _ARABIC if (n := letters.marked(marks))]
        if found:
            _, code, note = max(found)
            return Detection(code, f"{head}, with {note}")
        persian, arabic = letters.count("پچژگیک"), letters.count("يكةى")
        if persian > arabic:
            return Detection("fa", f"{head}; Persian پ/چ/ژ/گ/ی/ک outnumber Arabic ي/ك/ة/ى ({persian} to {arabic})")
        return Detection("ar", f"{head}; Arabic ي/ك/ة/ى {arabic}, Persian پ/چ/ژ/گ/ی/ک {persian}")
    if script == "Hebrew":
        if letters.marked("װױײ"):
            return Detection("yi", f"{head}, with Yiddish װ/ױ/ײ")
        return Detection("he", head)
    if script == "Devanagari":
        n, code, note = letters.best(Counter(sample.split()), _DEVANAGARI)
        return Detection(code, f"{head}, with {note}") if n else Detection("hi", f"{head} (read as Hindi)")
    mapped = _SCRIPT_LANGUAGE.get(script)
    if mapped is None:
        return Detection(UNDETERMINED, f"{head}, a script not mapped to a language")
    return Detection(mapped, head)


def _by_function_words(words: list[str], capitals: bool) -> Detection:
    """Judge Latin-script ``words`` by the shares of each language's function words. Function words are lower
    case in running text, names ("De Gaulle", "Van Rompuy") are not: only lower-case words are looked up,
    unless the text is in ``capitals`` or title case, when all are lowered (but for single letters: initials)."""
    n = len(words)
    if n == 0:
        return Detection(UNDETERMINED, "no words")
    counted = Counter(w.lower() for w in words if len(w) > 1) if capitals else Counter(words)
    lists = _lists()
    size = len(lists.languages)
    index = lists.positions
    matched = [(index[word], counted[word]) for word in counted.keys() & index.keys()]  # (its lists, count)
    hits = [0] * size  # tokens of each language's list
    with_english = [0] * size  # ...that are English function words too
    types = [0] * size  # different words of each list that are not English ones
    shared_types = [0] * size  # different English function words in each list
    english_only = 0  # different words no other list has ("the", "and", "which")
    for ks, c in matched:
        english = ks[0] == 0
        english_only += ks == (0,)
        for k in ks:
            hits[k] += c
            if english:
                with_english[k] += c
                shared_types[k] += 1
            else:
                types[k] += 1
    own = [hits[k] - with_english[k] for k in range(size)]  # tokens of each list's words English lacks
    ranked = sorted(range(1, size), key=lambda k: (own[k], hits[k], -k), reverse=True)
    best, second = ranked[0], ranked[1]
    if own[second] and own[second] >= CLOSE * own[best]:  # close relatives: the words only one of them has
        only_best = sum(c for ks, c in matched if best in ks and second not in ks)
        only_second = sum(c for ks, c in matched if second in ks and best not in ks)
        if only_second > only_best:
            best = second
    en_own = hits[0] - with_english[best]  # tokens of English words the other language lacks
    en_types = shared_types[0] - shared_types[best]
    code, other = lists.languages[best], _name(lists.languages[best])
    figures = f"{_pct(hits[0], n)} English function words in {n} words; {other} ones {_pct(hits[best], n)}"
    english = en_types >= MIN_TYPES and english_only >= MIN_ONLY  # "a", "in", "am" alone are no evidence
    if n < MIN_WORDS:  # overwhelming: many function words of one side, of several kinds, none of the other
        if own[best] >= max(SHORT_SHARE * n, SHORT_MIN) and types[best] > MIN_TYPES and en_own == 0:
            return Detection(code, f"{figures} (a short text, but no English ones)")
        if en_own >= max(SHORT_SHARE * n, SHORT_MIN) and english and en_types > MIN_TYPES and own[best] == 0:
            return Detection(ENGLISH, figures)
        return Detection(UNDETERMINED, f"too little text to tell: {n} words")
    if own[best] > en_own and own[best] >= MIN_SHARE * n and types[best] >= MIN_TYPES:
        if en_own >= MIXED_SHARE * own[best]:
            return Detection(code, f"mixed text, mostly {other}: {figures}")
        return Detection(code, figures)
    if en_own >= MIN_SHARE * n and english:
        if own[best] >= MIXED_SHARE * en_own and own[best] >= MIN_SHARE / 2 * n:
            return Detection(ENGLISH, f"mixed text, mostly English: {figures}")
        return Detection(ENGLISH, figures)
    return Detection(UNDETERMINED, f"few function words of any language: {figures}")


def _latin_words(sample: str, only_latin: bool) -> list[str]:
    """The words of ``sample`` written in Latin letters (all its words, if it has ``only_latin`` letters)."""
    if sample.isascii():
        return _ASCII_WORD.findall(sample)
    if _COMBINING.search(sample):
        sample = unicodedata.normalize("NFC", sample)
    if "ş" in sample or "ţ" in sample:
        sample = sample.translate(_CEDILLA)
    words = _WORD.findall(sample)
    return words if only_latin else [w for w in words if w.isascii() or _latin(w)]


def _capitals(sample: str) -> bool:
    """Whether ``sample`` is in capitals or title case, judged by its ASCII letters."""
    letters = sample.encode("ascii", "ignore").translate(None, _NOT_LETTERS)
    return len(letters) - len(letters.translate(None, _UPPER)) >= CAPITALS_SHARE * len(letters)


def _latin(word: str) -> bool:
    """Whether ``word`` is written in Latin letters, judged by its first letter outside ASCII."""
    for ch in word:
        if not ch.isascii():
            return ch <= "\u02af" or "\u1e00" <= ch <= "\u1eff"
    return True


def detect(text: str) -> Detection:
    """The language of ``text`` (the module's docstring gives the rules). Never raises on a ``str``."""
    if not isinstance(text, str):
        raise TypeError(f"detect() takes a str, not {type(text).__name__}")
    sample = _sample(text)
    junk = len(_JUNK.findall(sample))
    if junk >= 2:
        visible = len(sample) - sample.count(" ") - sample.count("\n")
        if junk >= JUNK_SHARE * visible:
            return Detection(UNDETERMINED, f"looks like binary or garbled data: {_pct(junk, visible)} control, "
                                           "replacement or private-use characters")
    probe = _scripts(sample)
    scripts = probe.counts
    letters = sum(scripts.values())
    if not letters:
        return Detection(UNDETERMINED, "no letters")
    scripts["CJK"] = sum(scripts[s] for s in _CJK)
    weights = Counter({name: n for name, n in scripts.items() if name not in _CJK})
    weights["CJK"] *= CJK_WEIGHT
    script, weight = max(weights.items(), key=lambda item: item[1])
    share = _pct(scripts[script], letters)  # of the letters, unweighed
    if script == "other" or scripts["other"] >= OTHER_SHARE * letters:
        return Detection(UNDETERMINED, f"{_pct(scripts['other'], letters)} of letters in scripts not recognised")
    mixed = weight < MAJORITY * sum(weights.values())
    if script == "Latin":
        found = _by_function_words(_latin_words(sample, len(scripts) == 1), _capitals(sample))
        return Detection(found.code, f"mixed scripts, {share} of letters Latin: {found.reason}") if mixed else found
    if scripts[script] < (MIN_IDEOGRAPHS if script == "CJK" else MIN_LETTERS):
        return Detection(UNDETERMINED, f"too little text to tell: {scripts[script]} {script} letters")
    garbled = _unlike_text(script, probe)
    if garbled:
        return Detection(UNDETERMINED, f"{share} of letters {script}, but {garbled}: random or garbled data?")
    found = _by_script(script, sample, scripts, share)
    if not mixed or found.code == UNDETERMINED:
        return found
    weighed = f" (a character weighs as {CJK_WEIGHT} letters)" if script == "CJK" else ""
    latin = f"; {_pct(scripts['Latin'], letters)} Latin" if scripts["Latin"] else ""
    return Detection(found.code, f"mixed scripts, mostly {script}{weighed}: {found.reason}{latin}")
