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

from .._resources import data_file, read_json, schema_file, write_json

FILES = ("numbers.json", "qualifiers.json", "units.json", "currencies.json", "rates.json", "not_quantities.json")


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
        """Read the tables from ``path`` (default: the package's own data folder), each checked against its
        schema (``data/<name>.schema.json``)."""
        raw = {}
        for name in FILES:
            file = Path(path) / name if path is not None else data_file("analyzer.quantities", name)
            raw[name] = read_json(file, schema_file("analyzer.quantities", name))
        return cls.from_raw(raw)

    def to_dir(self, path: str | Path) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for name, obj in self.raw.items():
            write_json(path / name, obj)

    @classmethod
    def from_raw(cls, raw: dict[str, Any]) -> Lexicon:
        """The lexicon of tables already checked against their schemas (`from_dir`)."""
        lex = cls(raw=raw)
        num = raw["numbers.json"]
        lex.words = {k: float(v) for k, v in num["words"].items()}
        lex.multipliers = {k: float(v) for k, v in num["multipliers"].items()}
        lex.suffixes = {k: float(v) for k, v in num["suffixes"].items()}
        lex.case_suffixes = {k: float(v) for k, v in num["case_sensitive_suffixes"].items()}
        lex.fractions = {k: float(v) for k, v in num["fractions"].items()}
        lex.articles = frozenset(num["articles"])
        lex.negators = frozenset(num["negators"])
        lex.vague = {k: float(v) for k, v in num["vague"].items()}
        lex.fraction_words = {k: int(v) for k, v in num["fraction_words"].items()}
        lex.token_prefixes = dict(num["token_prefixes"])
        lex.approximate_marks = tuple(num["approximate_marks"])
        lex.multiplier_verbs = {k: float(v) for k, v in num["multiplier_verbs"].items()}
        lex.halving_phrases = frozenset(num["halving_phrases"])

        qual = raw["qualifiers.json"]
        lex.bounded_below_value = frozenset(qual["bounded_below_value"])
        lex.range_openers = frozenset(qual["range_openers"])
        lex.range_joiners = {k: frozenset(v) for k, v in qual["range_joiners"].items()}
        lex.direction_adverbs = dict(qual["direction_adverbs"])
        lex.level_verbs = frozenset(qual["level_verbs"])
        lex.phrasal_change_verbs = frozenset(qual["phrasal_change_verbs"])
        lex.quantifier_nouns = frozenset(qual["quantifier_nouns"])
        lex.temporal_cues = frozenset(qual["temporal_cues"])
        lex.comparatives = dict(qual["comparatives"])
        lex.count_change_verbs = frozenset(qual["count_change_verbs"])
        lex.money_verbs = frozenset(qual["money_verbs"])
        lex.comparison_phrases = frozenset(tuple(p.replace("-", " - ").split()) for p in
                                           qual["comparison_phrases"])
        for phrase in lex.comparison_phrases:
            lex.comparison_by_first.setdefault(phrase[0], []).append(phrase)
        for q, lemmas in qual["verbs"].items():
            lex.qualifier_verbs.update(dict.fromkeys(lemmas, q))
        for direction, table in qual["change"].items():
            lex.change_verbs.update(dict.fromkeys(table["verbs"], direction))
            lex.change_by_verbs.update(dict.fromkeys(table["verbs"] + table.get("transitive_verbs", []), direction))
            lex.change_nouns.update(dict.fromkeys(table.get("nouns", []), direction))
            lex.change_adverbs.update(dict.fromkeys(table.get("adverbs", []), direction))

        lex.age_cues = frozenset(raw["units.json"]["age_cues"])
        lex.age_after_people = frozenset(raw["units.json"]["age_after_people"])
        lex.length_nouns = frozenset(raw["units.json"]["length_nouns"])
        lex.index_words = frozenset(raw["units.json"]["index_words"])
        lex.percentage_subjects = frozenset(raw["units.json"]["percentage_subjects"])
        lex.temperature_words = frozenset(raw["units.json"]["temperature_words"])
        lex.explosive_words = frozenset(raw["units.json"]["explosive_words"])
        lex.age_nouns = frozenset(raw["units.json"]["age_nouns"])
        lex.scales = {k: (v[0], v[1]) for k, v in raw["units.json"].get("scales", {}).items() if k != "about"}
        lex.nanometre_words = frozenset(raw["units.json"]["nanometre_words"])
        lex.ratio_after_times = frozenset(raw["units.json"]["ratio_after_times"])
        for i, u in enumerate(raw["units.json"]["units"]):
            lex.units.append(Unit(name=u["name"], dimension=u["dimension"], factor=float(u.get("factor", 1)),
                                  per=u.get("per", "")))
            for mark in (*u["suffixes"], *u["symbols"]):
                lex.suffix_units.setdefault(mark, i)
            for surface in u["surfaces"]:
                if " " not in surface:
                    lex.unit_word_index.setdefault(surface, i)

        cur = raw["currencies.json"]
        glued: dict[str, str] = {}
        for c in cur["currencies"]:
            code = c["code"]
            for symbol in (*c["symbols"], code, f"{code}$"):  # "MXN$15": the code and a sign
                glued.setdefault(symbol.replace(" ", ""), code)
        lex.need_multiplier = frozenset(cur.get("need_multiplier", []))
        lex.dollar_prefixes = dict(sorted(cur["dollar_prefixes"].items(), key=lambda kv: -len(kv[0])))
        glued.update(cur["ascii_artifacts"])
        lex.ambiguous_currency = {k: v for k, v in cur["ambiguous_names"].items() if k != "about"}
        local = cur.get("local_dollars", {})
        lex.local_dollar_names = frozenset(local.get("names", ()))
        lex.local_dollars = dict(local.get("countries", {}))
        lex.series_money_nouns = frozenset(cur.get("series_money_nouns", {}).get("nouns", ()))
        lex.weak_currency_prefixes = dict(cur["glued_need_scale"])
        lex.glued_currency_prefixes = dict(sorted(glued.items(), key=lambda kv: -len(kv[0])))
        lex.glued_currency_suffixes = {s: code for s, code in glued.items() if len(s) == 3 and s.isupper()
                                       or not s[:1].isalnum()}  # "115USD", "100€"

        from .exclude import Exclusions

        lex.exclusions = Exclusions.from_raw(raw["not_quantities.json"])
        rates = raw["rates.json"]
        lex.rate_adjectives = dict(rates["adjectives"])
        lex.not_periods = frozenset(rates["not_periods"])
        lex.not_rate_after = frozenset(rates["not_rate_after"])
        lex.item_cues = tuple(sorted((tuple(c.lower().split()) for c in rates["item_cues"]), key=len, reverse=True))
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
