"""The gazetteer: canonical entities with their aliases and adjectives, read from JSONL."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from rapidfuzz import fuzz, process
from spacy.matcher import PhraseMatcher

from .._resources import data_file, read_jsonl, require
from ..errors import DataFileError

KIND_LABELS = {"country": "GPE", "territory": "GPE", "city": "GPE", "region": "LOC", "organization": "ORG",
               "person": "PERSON", "project": "FAC"}
FIELDS = ("id", "canonical", "kind", "label", "aliases", "adjectives", "country", "role", "source")
FUZZY_KEPT = 100_000  # names whose `Gazetteer.fuzzy` result is kept at most (then the table starts afresh)


@dataclass(frozen=True)
class Entity:
    """One gazetteer record; ``origin`` is the file and line it was read from."""

    id: str
    canonical: str
    kind: str
    label: str
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    country: str = ""
    role: str = ""
    source: str = ""
    origin: str = ""


def fold(text: str) -> str:
    """A name compared loosely: accents removed, lower-cased, hyphens and runs of space as one space
    ('Erdoğan' -> 'erdogan', 'Nur-Sultan' -> 'nur sultan')."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().replace("-", " ").replace("–", " ").split())


class Gazetteer:
    """Entities by id, and the phrase matcher that finds their aliases (``A|<id>``) and adjectives
    (``J|<id>``) case-insensitively; `accepts` then applies the case rules; `fuzzy` finds a spelling
    variant of an alias."""

    def __init__(self, entities: list[Entity]) -> None:
        self.entities = {e.id: e for e in entities}
        self.records = entities
        # lower-cased tokens of a surface -> the surfaces as the gazetteer writes them (filled by build_matcher)
        self.forms: dict[tuple[str, ...], set[str]] = {}
        self._fuzzy: dict[str, tuple[list[str], list[str]]] = {}  # kind group -> (folded aliases, ids)
        self._exact: set[str] = set()  # every folded alias and adjective
        self._alias_id: dict[str, str] = {}  # folded alias -> id
        # (folded text, group, threshold) -> what `fuzzy` found: news repeats the names it cannot link
        self._fuzzy_found: dict[tuple[str, str, float], str | None] = {}

    @classmethod
    def from_file(cls, path: str | Path | None = None) -> Gazetteer:
        """Read a gazetteer file; a bad record raises DataFileError naming the file, line and field."""
        path = Path(path) if path is not None else data_file("analyzer.entities", "gazetteer.jsonl")
        entities = []
        seen: dict[str, int] = {}
        for n, rec in read_jsonl(path):
            where = f"{path}:{n}"
            eid = require(rec, "id", str, where).strip()
            if not eid:
                raise DataFileError(f"{where}: 'id' is empty")
            if eid in seen:
                raise DataFileError(f"{where}: duplicate id {eid!r} (first on line {seen[eid]})")
            seen[eid] = n
            kind = require(rec, "kind", str, where)
            if kind not in KIND_LABELS:
                raise DataFileError(f"{where}: 'kind' is {kind!r}; expected one of {', '.join(KIND_LABELS)}")
            canonical = require(rec, "canonical", str, where).strip()
            if not canonical:
                raise DataFileError(f"{where}: 'canonical' is empty")
            aliases = require(rec, "aliases", list, where)
            if not aliases or not all(isinstance(a, str) and a.strip() for a in aliases):
                raise DataFileError(f"{where}: 'aliases' must be a non-empty list of names")
            adjectives = rec.get("adjectives") or []
            if not isinstance(adjectives, list) or not all(isinstance(a, str) and a.strip() for a in adjectives):
                raise DataFileError(f"{where}: 'adjectives' must be a list of words")
            for field in ("country", "role", "source", "label"):
                if rec.get(field) is not None and not isinstance(rec[field], str):
                    raise DataFileError(f"{where}: {field!r} must be a string")
            entities.append(Entity(
                id=eid, canonical=canonical, kind=kind, label=rec.get("label") or KIND_LABELS[kind],
                aliases=tuple(aliases), adjectives=tuple(adjectives), country=rec.get("country") or "",
                role=rec.get("role") or "", source=rec.get("source") or "", origin=where,
            ))
        return cls(entities)

    def merged(self, other: Gazetteer) -> Gazetteer:
        """This gazetteer with ``other``'s records added; a record whose id is already here replaces it.
        Every 'country' must then be the id of a country or territory."""
        by_id = {e.id: e for e in self.records}
        by_id.update({e.id: e for e in other.records})
        out = Gazetteer(list(by_id.values()))
        places = {e.id for e in out.records if e.kind in ("country", "territory")}
        for e in other.records:
            if e.country and e.country not in places:
                raise DataFileError(f"{e.origin}: 'country' is {e.country!r}, which is not the id of a country or "
                                    f"territory in the gazetteer (use an ISO 3166-1 alpha-2 code such as 'AZ')")
        return out

    def to_file(self, path: str | Path) -> None:
        import json

        lines = [json.dumps({"id": e.id, "canonical": e.canonical, "kind": e.kind, "label": e.label,
                             "aliases": list(e.aliases), "adjectives": list(e.adjectives), "country": e.country,
                             "role": e.role, "source": e.source}, ensure_ascii=False) for e in self.records]
        Path(path).write_text("\n".join(lines) + "\n", encoding="utf8")

    def build_matcher(self, nlp: Language) -> PhraseMatcher:
        matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.forms = {}
        for e in self.records:
            for key, surfaces in (("A", e.aliases), ("J", e.adjectives)):
                # "the West" is matched as "West": like the base model, mentions leave the article out
                surfaces = dict.fromkeys(s[4:] if s.startswith("the ") and len(s) > 4 else s for s in surfaces)
                docs = [nlp.make_doc(s) for s in surfaces]
                for d in docs:
                    self.forms.setdefault(tuple(t.lower_ for t in d), set()).add("".join(t.text for t in d))
                if docs:
                    matcher.add(f"{key}|{e.id}", docs)
        return matcher

    def build_fuzzy(self, groups: dict[str, list[str]], min_length: int) -> None:
        """Index the folded aliases of each group of kinds ({'PERSON': ['person'], ...}) for `fuzzy`."""
        self._fuzzy = {}
        self._fuzzy_found = {}
        self._exact = {fold(a) for e in self.records for a in (*e.aliases, *e.adjectives)}
        self._alias_id = {fold(a): e.id for e in self.records for a in e.aliases}
        for group, kinds in groups.items():
            names, ids = [], []
            for e in self.records:
                if e.kind in kinds:
                    for a in e.aliases:
                        folded = fold(a)
                        if len(folded) >= min_length:
                            names.append(folded)
                            ids.append(e.id)
            self._fuzzy[group] = (names, ids)

    def capitals(self) -> dict[str, str]:
        """Entity id of each national capital -> the canonical name of its country ("city:manila" ->
        "Philippines"), from the records GeoNames marks as national capitals."""
        out = {}
        for e in self.records:
            country = self.entities.get(e.country or "")
            if e.kind == "city" and "national capital" in (e.source or "") and country is not None \
                    and country.kind == "country":
                out[e.id] = country.canonical
        return out

    def country_names(self) -> dict[str, str]:
        """Every folded alias and adjective of a country -> its canonical name ("us", "u.s.", "american" ->
        "United States")."""
        out: dict[str, str] = {}
        for e in self.records:
            if e.kind == "country":
                for form in (e.canonical, *e.aliases, *e.adjectives):
                    out.setdefault(fold(form), e.canonical)
        return out

    def is_name(self, text: str) -> bool:
        """Is ``text`` (compared loosely, see `fold`) an alias or adjective of some entity?"""
        return fold(text) in self._exact

    def alias_id(self, text: str) -> str | None:
        """The id of the entity one of whose aliases ``text`` is (compared loosely), else None."""
        return self._alias_id.get(fold(text))

    def fuzzy(self, text: str, group: str, threshold: float) -> str | None:
        """The id of the entity of ``group`` one of whose aliases is spelled like ``text`` (rapidfuzz ratio
        of the folded strings >= ``threshold``; an accent or hyphen difference alone always matches)."""
        names, ids = self._fuzzy.get(group, ([], []))
        folded = fold(text)
        if not names or folded in self._exact:
            return None  # an alias as written: the matcher, its case rules and context rules have decided
        key = (folded, group, threshold)
        found = self._fuzzy_found.get(key, "")  # "" for not asked yet (None: asked, nothing found)
        if found != "":  # a search of every alias of the group: once per name
            return found
        if len(self._fuzzy_found) >= FUZZY_KEPT:
            self._fuzzy_found.clear()
        hit = process.extractOne(folded, names, scorer=fuzz.ratio, score_cutoff=threshold)
        found = self._fuzzy_found[key] = ids[hit[2]] if hit else None
        return found

    def accepts(self, span) -> bool:
        """Case rules for a case-insensitive match: an all-capitals alias ('WHO', 'US') only as written, and
        one of two letters not between two words in capitals ('WHAT IS NEXT'); a capitalised one never from
        all-lowercase text ('turkey' is a bird)."""
        text = "".join(t.text for t in span)
        doc = span.doc
        shouting = all(0 <= k < len(doc) and doc[k].is_upper and doc[k].is_alpha and len(doc[k]) > 1
                       for k in (span.start - 1, span.end))
        for form in self.forms.get(tuple(t.lower_ for t in span), ()):
            if form.isupper() and len(form) <= 6:
                if text == form and not (len(form) <= 2 and shouting):
                    return True  # not "WHAT IS NEXT": a two-letter acronym inside a run of capitals
                continue
            if text.islower() and not form.islower():
                continue
            return True
        return False
