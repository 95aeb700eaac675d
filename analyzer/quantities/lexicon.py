"""The quantities stage's tables (numbers, units, currencies, cues, rates), validated, plus the phrase
matchers built from them.

The tables are plain JSON in ``analyzer/quantities/data``; `Lexicon.from_dir` reads them (at
``initialize()``/``from_disk()``), `Lexicon.to_dir` writes them back (``to_disk()``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from .._resources import data_file, read_json, require, write_json
from ..errors import DataFileError

FILES = ("numbers.json", "qualifiers.json", "units.json", "currencies.json", "rates.json", "not_quantities.json")
QUALIFIERS = ("exact", "approximately", "more_than", "at_least", "less_than", "at_most", "range",
              "increase", "decrease")


@dataclass(frozen=True)
class Unit:
    """One row of units.json: a canonical unit and what a surface of it implies."""

    name: str
    dimension: str
    factor: float = 1.0
    per: str = ""


@dataclass
class Lexicon:
    """Everything the quantities stage looks up, in the shapes it looks them up in."""

    raw: dict[str, Any]  # file name -> parsed JSON, kept verbatim for to_dir
    words: dict[str, float] = field(default_factory=dict)
    multipliers: dict[str, float] = field(default_factory=dict)
    suffixes: dict[str, float] = field(default_factory=dict)
    case_suffixes: dict[str, float] = field(default_factory=dict)
    fractions: dict[str, float] = field(default_factory=dict)
    articles: frozenset[str] = frozenset()
    negators: frozenset[str] = frozenset()
    vague: dict[str, float] = field(default_factory=dict)
    fraction_words: dict[str, int] = field(default_factory=dict)
    token_prefixes: dict[str, str] = field(default_factory=dict)
    approximate_marks: tuple[str, ...] = ()
    multiplier_verbs: dict[str, float] = field(default_factory=dict)  # lemma -> factor ("double" -> 2)
    halving_phrases: frozenset[str] = frozenset()  # "in half", "by half" after a verb that cuts
    glued_currency_prefixes: dict[str, str] = field(default_factory=dict)  # longest first
    glued_currency_suffixes: dict[str, str] = field(default_factory=dict)
    suffix_units: dict[str, int] = field(default_factory=dict)  # glued unit symbol -> index into units
    unit_word_index: dict[str, int] = field(default_factory=dict)  # one-word surface -> index into units
    units: list[Unit] = field(default_factory=list)
    bounded_below_value: frozenset[str] = frozenset()
    range_openers: frozenset[str] = frozenset()
    range_joiners: dict[str, frozenset[str]] = field(default_factory=dict)
    qualifier_verbs: dict[str, str] = field(default_factory=dict)  # lemma -> qualifier
    change_verbs: dict[str, str] = field(default_factory=dict)  # lemma -> increase|decrease ("grew 5%")
    change_by_verbs: dict[str, str] = field(default_factory=dict)  # also transitive ones ("raised it by 5%")
    change_nouns: dict[str, str] = field(default_factory=dict)
    change_adverbs: dict[str, str] = field(default_factory=dict)
    direction_adverbs: dict[str, str] = field(default_factory=dict)
    level_verbs: frozenset[str] = frozenset()
    phrasal_change_verbs: frozenset[str] = frozenset()
    quantifier_nouns: frozenset[str] = frozenset()
    temporal_cues: frozenset[str] = frozenset()
    comparatives: dict[str, str] = field(default_factory=dict)
    comparison_phrases: frozenset[tuple[str, ...]] = frozenset()
    comparison_by_first: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    age_cues: frozenset[str] = frozenset()
    age_after_people: frozenset[str] = frozenset()
    length_nouns: frozenset[str] = frozenset()
    index_words: frozenset[str] = frozenset()
    percentage_subjects: frozenset[str] = frozenset()
    count_change_verbs: frozenset[str] = frozenset()
    money_verbs: frozenset[str] = frozenset()
    not_rate_after: frozenset[str] = frozenset()
    temperature_words: frozenset[str] = frozenset()
    explosive_words: frozenset[str] = frozenset()
    age_nouns: frozenset[str] = frozenset()
    scales: dict[str, tuple[str, str]] = field(default_factory=dict)  # scale name -> (unit, dimension)
    nanometre_words: frozenset[str] = frozenset()
    ratio_after_times: frozenset[str] = frozenset()
    item_cues: tuple[tuple[str, ...], ...] = ()
    rate_adjectives: dict[str, str] = field(default_factory=dict)
    not_periods: frozenset[str] = frozenset()
    need_multiplier: frozenset[str] = frozenset()
    dollar_prefixes: dict[str, str] = field(default_factory=dict)
    ambiguous_currency: dict[str, dict[str, str]] = field(default_factory=dict)  # name -> country -> code
    local_dollar_names: frozenset[str] = frozenset()  # 'dlrs', 'dollars': a local dollar where the text is set
    local_dollars: dict[str, str] = field(default_factory=dict)  # country -> its dollar's code
    series_money_nouns: frozenset[str] = frozenset()  # 'imports', 'deficit': a bare scaled amount of them is money
    weak_currency_prefixes: dict[str, str] = field(default_factory=dict)  # glued, only before a scaled amount
    exclusions: Any = None  # analyzer.quantities.exclude.Exclusions
    # readings of single tokens (`numbers.parse_token`), kept per lexicon: not part of what the lexicon says
    token_numbers: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    # ------------------------------------------------------------------ reading and writing
    @classmethod
    def from_dir(cls, path: str | Path | None = None) -> Lexicon:
        """Read the five tables from ``path`` (default: the package's own data folder)."""
        raw = {}
        for name in FILES:
            file = Path(path) / name if path is not None else data_file("analyzer.quantities", name)
            raw[name] = read_json(file)
            if not isinstance(raw[name], dict):
                raise DataFileError(f"{file}: expected a JSON object at the top level")
        return cls.from_raw(raw)

    def to_dir(self, path: str | Path) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for name, obj in self.raw.items():
            write_json(path / name, obj)

    @classmethod
    def from_raw(cls, raw: dict[str, Any]) -> Lexicon:
        lex = cls(raw=raw)
        num = raw["numbers.json"]
        where = "numbers.json"
        lex.words = {k: float(v) for k, v in require(num, "words", dict, where).items()}
        lex.multipliers = {k: float(v) for k, v in require(num, "multipliers", dict, where).items()}
        lex.suffixes = {k: float(v) for k, v in require(num, "suffixes", dict, where).items()}
        lex.case_suffixes = {k: float(v) for k, v in require(num, "case_sensitive_suffixes", dict, where).items()}
        lex.fractions = {k: float(v) for k, v in require(num, "fractions", dict, where).items()}
        lex.articles = frozenset(require(num, "articles", list, where))
        lex.negators = frozenset(require(num, "negators", list, where))
        lex.vague = {k: float(v) for k, v in require(num, "vague", dict, where).items()}
        lex.fraction_words = {k: int(v) for k, v in require(num, "fraction_words", dict, where).items()}
        lex.token_prefixes = dict(require(num, "token_prefixes", dict, where))
        for word, effect in lex.token_prefixes.items():
            if effect not in ("", "negative", "range") and effect not in QUALIFIERS:
                raise DataFileError(f"{where}: token_prefixes[{word!r}]: unknown effect {effect!r}")
        lex.approximate_marks = tuple(require(num, "approximate_marks", list, where))
        lex.multiplier_verbs = {k: float(v) for k, v in require(num, "multiplier_verbs", dict, where).items()}
        lex.halving_phrases = frozenset(require(num, "halving_phrases", list, where))

        qual = raw["qualifiers.json"]
        where = "qualifiers.json"
        for section in ("before", "after"):
            for cue, q in require(qual, section, dict, where).items():
                if q not in QUALIFIERS:
                    raise DataFileError(f"{where}: {section}[{cue!r}]: unknown qualifier {q!r}; "
                                        f"allowed: {', '.join(QUALIFIERS)}")
        lex.bounded_below_value = frozenset(require(qual, "bounded_below_value", list, where))
        lex.range_openers = frozenset(require(qual, "range_openers", list, where))
        lex.range_joiners = {k: frozenset(v) for k, v in require(qual, "range_joiners", dict, where).items()}
        lex.direction_adverbs = dict(require(qual, "direction_adverbs", dict, where))
        lex.level_verbs = frozenset(require(qual, "level_verbs", list, where))
        lex.phrasal_change_verbs = frozenset(require(qual, "phrasal_change_verbs", list, where))
        lex.quantifier_nouns = frozenset(require(qual, "quantifier_nouns", list, where))
        lex.temporal_cues = frozenset(require(qual, "temporal_cues", list, where))
        lex.comparatives = dict(require(qual, "comparatives", dict, where))
        lex.count_change_verbs = frozenset(require(qual, "count_change_verbs", list, where))
        lex.money_verbs = frozenset(require(qual, "money_verbs", list, where))
        lex.comparison_phrases = frozenset(tuple(p.replace("-", " - ").split()) for p in
                                           require(qual, "comparison_phrases", list, where))
        for phrase in lex.comparison_phrases:
            lex.comparison_by_first.setdefault(phrase[0], []).append(phrase)
        for q, lemmas in require(qual, "verbs", dict, where).items():
            if q not in QUALIFIERS:
                raise DataFileError(f"{where}: verbs: unknown qualifier {q!r}")
            lex.qualifier_verbs.update(dict.fromkeys(lemmas, q))
        for direction, table in require(qual, "change", dict, where).items():
            if direction not in ("increase", "decrease"):
                raise DataFileError(f"{where}: change: expected 'increase' or 'decrease', got {direction!r}")
            lex.change_verbs.update(dict.fromkeys(require(table, "verbs", list, f"{where} change.{direction}"),
                                                  direction))
            lex.change_by_verbs.update(dict.fromkeys(table["verbs"] + table.get("transitive_verbs", []), direction))
            lex.change_nouns.update(dict.fromkeys(table.get("nouns", []), direction))
            lex.change_adverbs.update(dict.fromkeys(table.get("adverbs", []), direction))

        lex.age_cues = frozenset(require(raw["units.json"], "age_cues", list, "units.json"))
        lex.age_after_people = frozenset(require(raw["units.json"], "age_after_people", list, "units.json"))
        lex.length_nouns = frozenset(require(raw["units.json"], "length_nouns", list, "units.json"))
        lex.index_words = frozenset(require(raw["units.json"], "index_words", list, "units.json"))
        lex.percentage_subjects = frozenset(require(raw["units.json"], "percentage_subjects", list, "units.json"))
        lex.temperature_words = frozenset(require(raw["units.json"], "temperature_words", list, "units.json"))
        lex.explosive_words = frozenset(require(raw["units.json"], "explosive_words", list, "units.json"))
        lex.age_nouns = frozenset(require(raw["units.json"], "age_nouns", list, "units.json"))
        lex.scales = {k: (v[0], v[1]) for k, v in raw["units.json"].get("scales", {}).items() if k != "about"}
        lex.nanometre_words = frozenset(require(raw["units.json"], "nanometre_words", list, "units.json"))
        lex.ratio_after_times = frozenset(require(raw["units.json"], "ratio_after_times", list, "units.json"))
        for i, u in enumerate(require(raw["units.json"], "units", list, "units.json")):
            where = f"units.json: units[{i}]"
            lex.units.append(Unit(name=require(u, "name", str, where), dimension=require(u, "dimension", str, where),
                                  factor=float(u.get("factor", 1)), per=u.get("per", "")))
            require(u, "surfaces", list, where)
            for mark in (*require(u, "suffixes", list, where), *require(u, "symbols", list, where)):
                lex.suffix_units.setdefault(mark, i)
            for surface in u["surfaces"]:
                if " " not in surface:
                    lex.unit_word_index.setdefault(surface, i)

        cur = raw["currencies.json"]
        glued: dict[str, str] = {}
        for i, c in enumerate(require(cur, "currencies", list, "currencies.json")):
            where = f"currencies.json: currencies[{i}]"
            code = require(c, "code", str, where)
            if len(code) != 3 or not code.isupper() or (code == "XXX" and c["symbols"]):
                raise DataFileError(f"{where}: code {code!r} is not an ISO 4217 code")
            for symbol in (*require(c, "symbols", list, where), code, f"{code}$"):  # "MXN$15": the code and a sign
                glued.setdefault(symbol.replace(" ", ""), code)
            require(c, "names", list, where)
        lex.need_multiplier = frozenset(cur.get("need_multiplier", []))
        lex.dollar_prefixes = dict(sorted(require(cur, "dollar_prefixes", dict, "currencies.json").items(),
                                          key=lambda kv: -len(kv[0])))
        glued.update(require(cur, "ascii_artifacts", dict, "currencies.json"))
        lex.ambiguous_currency = {k: v for k, v in require(cur, "ambiguous_names", dict, "currencies.json").items()
                                  if k != "about"}
        local = cur.get("local_dollars", {})
        lex.local_dollar_names = frozenset(local.get("names", ()))
        lex.local_dollars = dict(local.get("countries", {}))
        lex.series_money_nouns = frozenset(cur.get("series_money_nouns", {}).get("nouns", ()))
        lex.weak_currency_prefixes = dict(require(cur, "glued_need_scale", dict, "currencies.json"))
        lex.glued_currency_prefixes = dict(sorted(glued.items(), key=lambda kv: -len(kv[0])))
        lex.glued_currency_suffixes = {s: code for s, code in glued.items() if len(s) == 3 and s.isupper()
                                       or not s[:1].isalnum()}  # "115USD", "100€"

        from .exclude import Exclusions

        lex.exclusions = Exclusions.from_raw(raw["not_quantities.json"])
        rates = raw["rates.json"]
        require(rates, "phrases", dict, "rates.json")
        lex.rate_adjectives = dict(require(rates, "adjectives", dict, "rates.json"))
        lex.not_periods = frozenset(require(rates, "not_periods", list, "rates.json"))
        lex.not_rate_after = frozenset(require(rates, "not_rate_after", list, "rates.json"))
        cues = require(rates, "item_cues", list, "rates.json")
        lex.item_cues = tuple(sorted((tuple(c.lower().split()) for c in cues), key=len, reverse=True))
        return lex

    # ------------------------------------------------------------------ matchers
    def build_matchers(self, nlp: Language) -> tuple[PhraseMatcher, PhraseMatcher]:
        """Two phrase matchers (case-insensitive, exact-case) whose match keys say what was found:
        ``QB|<qualifier>`` cue before a number, ``QA|<qualifier>`` cue after one, ``U|<index>`` a unit of
        `self.units`, ``CS|<code>`` a currency symbol or code, ``CN|<code>`` a currency name, ``R|<per>`` a
        rate phrase."""
        lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        exact = PhraseMatcher(nlp.vocab, attr="ORTH")

        def add(matcher: PhraseMatcher, key: str, phrases: list[str]) -> None:
            phrases = [p for p in phrases if p.strip()]
            if matcher is lower:
                # the tokenizer splits some words by case ("U.S." is one token, "u.s." two): match how news writes
                # them too; and a multi-word phrase hard-wrapped over two lines ("percentage\npoint", "a\nshare")
                phrases += [v for p in phrases for v in (p.title(), p.upper()) if v != p]
                phrases += [p[:k] + "\n" + p[k + 1:] for p in phrases for k, c in enumerate(p) if c == " "]
            docs, seen = [], set()
            for p in phrases:
                d = nlp.make_doc(p)
                shape = tuple(t.lower_ for t in d) if matcher is lower else tuple(t.text for t in d)
                if shape not in seen:
                    seen.add(shape)
                    docs.append(d)
            # a symbol the tokenizer splits alone ("km/h" -> km / h) but keeps whole after a number ("80km/h"
            # -> 80 km/h): match the one-token form too
            docs += [Doc(nlp.vocab, words=[d.text]) for d in docs if len(d) > 1 and " " not in d.text]
            if docs:
                matcher.add(key, docs)

        qual = self.raw["qualifiers.json"]
        by_q: dict[str, list[str]] = {}
        for cue, q in qual["before"].items():
            by_q.setdefault(q, []).append(cue)
        for q, cues in by_q.items():
            add(lower, f"QB|{q}", cues)
        by_q = {}
        for cue, q in qual["after"].items():
            by_q.setdefault(q, []).append(cue)
        for q, cues in by_q.items():
            add(lower, f"QA|{q}", cues)
        for i, u in enumerate(self.raw["units.json"]["units"]):
            # "km/h" is one token alone but three in "185 km/h": match both
            spaced = [s.replace("/", " / ") for s in u["surfaces"] + u["symbols"] if "/" in s]
            # a multi-word unit hyphenated before a noun: "a 1,500-square-foot home", "a 50-basis-point cut"
            hyphened = [s.replace(" ", "-") for s in u["surfaces"] if " " in s and s.replace(" ", "").isalpha()]
            add(lower, f"U|{i}", u["surfaces"] + hyphened + [s for s in spaced if s.lower() == s])
            add(exact, f"U|{i}", u["symbols"] + [s for s in spaced if s.lower() != s])
            # where the tokenizer keeps a sentence-final period on the symbol ("13 TeV.", "320 km/h."), match that too
            dotted = [f"{s}." for s in u["symbols"] + spaced if len(nlp.make_doc(f"{s}.")) == len(nlp.make_doc(s))]
            add(exact, f"U|{i}", dotted)
            # the same for abbreviated surfaces ("$80 per sq m."): only where the tokenizer keeps the full stop
            add(lower, f"U|{i}", [f"{s}." for s in u["surfaces"] if " " in s and s[-1:].isalpha()
                                  and len(s.split()[-1]) <= 3 and len(nlp.make_doc(f"{s}.")) == len(nlp.make_doc(s))])
        for c in self.raw["currencies.json"]["currencies"]:
            add(lower, f"CN|{c['code']}", c["names"])
            spaced = [f"{s[:-1]} $" for s in c["symbols"] if len(s) > 1 and s.endswith("$")]  # "HK $216,925"
            # "108.79 JPY=": a news wire's quote code (Reuters RIC) for the currency's rate, written after it
            add(exact, f"CS|{c['code']}", [*c["symbols"], *spaced, c["code"], f"{c['code']}=", f"{c['code']}$"])
        for per, phrases in self.raw["rates.json"]["phrases"].items():
            add(lower, f"R|{per}", phrases)
        return lower, exact
