"""The ``geo_entities`` pipeline component: links entity mentions to the gazetteer and corrects the
base model's entity labels where the gazetteer is sure."""
from __future__ import annotations

from pathlib import Path
from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .._component import Stage
from .._resources import data_file, read_json, require, write_json
from ..errors import DataFileError
from ..parse_text import use_parse_text
from ..text import LEGAL_SUFFIXES, is_headline, name_without_suffix
from ..tree import indexed
from .gazetteer import Gazetteer

GAZETTEER = "gazetteer.jsonl"
RULES = "linking.json"


@Language.factory(
    "geo_entities",
    assigns=["doc.ents", "span._.canonical", "span._.entity_id", "span._.kind", "span._.country"],
    requires=["doc.ents", "token.dep"],
    default_config={"overwrite_ents": True},
)
def make_geo_entities(nlp: Language, name: str, overwrite_ents: bool) -> GeoEntities:
    """Gazetteer linking on top of the base model's named entities. ``overwrite_ents``: gazetteer names
    replace the base model's overlapping entities (False: they only fill gaps, and the base model's
    entities are linked when their text is a gazetteer name)."""
    use_parse_text(nlp)  # the tokenizer reads Unicode spaces as spaces (analyzer.parse_text)
    return GeoEntities(nlp, name, overwrite_ents=overwrite_ents)


class GeoEntities(Stage):
    """Finds gazetteer names and adjectives, replaces the base model's overlapping entities with them,
    and ties every mention to a canonical entity (``Span._.canonical``, ``._.entity_id``, ``._.kind``)."""

    def __init__(self, nlp: Language, name: str = "geo_entities", *, overwrite_ents: bool = True) -> None:
        super().__init__(name)
        self.nlp = nlp
        self.overwrite_ents = overwrite_ents
        self.gazetteer: Gazetteer | None = None
        self.rules: dict[str, Any] = {}
        self._matcher = None

    def initialize(self, get_examples: Any = None, *, nlp: Language | None = None,
                   data_dir: str | Path | None = None) -> None:
        """Load the gazetteer and linking rules from ``data_dir`` (default: the package's own)."""
        gaz = Path(data_dir) / GAZETTEER if data_dir else data_file("analyzer.entities", GAZETTEER)
        rules = Path(data_dir) / RULES if data_dir else data_file("analyzer.entities", RULES)
        self._set(Gazetteer.from_file(gaz), read_json(rules))

    def _set(self, gazetteer: Gazetteer, rules: dict[str, Any]) -> None:
        for field in ("organization_heads", "keep_labels", "kind_of_label", "compound_sensitive_kinds", "fuzzy",
                      "not_when_near", "named_after_places"):
            require(rules, field, (list, dict), RULES)
        fuzzy = rules["fuzzy"]
        for field in ("threshold", "min_length", "groups"):
            require(fuzzy, field, (int, float, dict), f"{RULES}: fuzzy")
        self.gazetteer = gazetteer
        self.rules = rules
        self._org_heads = frozenset(rules["organization_heads"])
        self._keep = frozenset(rules["keep_labels"])
        self._compound_sensitive = frozenset(rules["compound_sensitive_kinds"])
        self._kind_of_label = dict(rules["kind_of_label"])
        self._not_when_near = {}
        for eid, rule in rules["not_when_near"].items():
            if eid == "about":
                continue
            where = f"{RULES}: not_when_near.{eid}"
            cues = require(rule, "cues", list, where)
            instead = require(rule, "instead", str, where)
            if instead and instead not in gazetteer.entities:
                raise DataFileError(f"{where}: 'instead' is {instead!r}, which is not a gazetteer id")
            self._not_when_near[eid] = (frozenset(w.lower() for w in cues), instead)
        self._fuzzy_threshold = float(fuzzy["threshold"])
        self._fuzzy_groups = dict(fuzzy["groups"])
        self._matcher = gazetteer.build_matcher(self.nlp)
        gazetteer.build_fuzzy(self._fuzzy_groups, int(fuzzy["min_length"]))
        self._named_after = PhraseMatcher(self.nlp.vocab, attr="ORTH")  # "Russia Today" is a broadcaster
        names = require(rules["named_after_places"], "names", list, f"{RULES}: named_after_places")
        compounds = require(rules["named_after_places"], "compounds", list, f"{RULES}: named_after_places")
        self._named_after.add("ORG", [self.nlp.make_doc(n) for n in names])
        self._named_after.add("NOT_A_NAME", [self.nlp.make_doc(n) for n in compounds])

    def extend(self, paths: Iterable[str | Path]) -> None:
        """Add the entities of the user's gazetteer files (same JSONL format as the package's; a record
        whose id is already known replaces it). A bad file raises DataFileError naming the file and line."""
        self.ensure_ready()
        gazetteer = self.gazetteer
        for path in paths:
            gazetteer = gazetteer.merged(Gazetteer.from_file(path))
        self._set(gazetteer, self.rules)

    def is_ready(self) -> bool:
        return self.gazetteer is not None

    def __call__(self, doc: Doc) -> Doc:
        self.ensure_ready()
        self._split_name_pairs(doc)  # the tokens change here: the parse is read after
        with indexed(doc):  # token columns (`is_headline`) read once per Doc, and kept for the next stages
            return self._link(doc)

    def _link(self, doc: Doc) -> Doc:
        found = self._gazetteer_spans(doc)
        body_country: dict[tuple[int, int], str] = {}
        if not self.overwrite_ents:  # keep every base-model entity; gazetteer names fill the gaps
            base = [_first_line(e) or e for e in doc.ents]
            taken = {i for e in base for i in range(e.start, e.end)}
            same = {(s.start, s.end): s.kb_id_ for s in found}
            base = [Span(doc, e.start, e.end, label=e.label_, kb_id=same.get((e.start, e.end), e.kb_id_)) for e in base]
            found = [s for s in found if not any(i in taken for i in range(s.start, s.end))]
            ents = found + base
        else:
            ents = found + self._base_entities(doc, found, body_country)
        doc.ents = self._link_variants(sorted(filter_spans(ents), key=lambda s: s.start))
        for span in doc.ents:
            eid = span.kb_id_ or None
            if eid and eid in self.gazetteer.entities:
                e = self.gazetteer.entities[eid]
                ext = span._  # one extension view per span (each ``span._`` builds one)
                ext.canonical, ext.entity_id, ext.kind = e.canonical, e.id, e.kind
                ext.country = e.country or None
            elif span.label_ in self._kind_of_label:
                ext = span._
                ext.kind = self._kind_of_label[span.label_]  # an unlinked name: its kind from its label
                # a named body keeps the country it names: "Canadian Parliament", "U.S. Supreme Court" -> CA, US
                ext.country = body_country.get((span.start, span.end))
        self._resolve_surnames(doc)
        self._resolve_acronyms(doc)
        mentions: dict[str, int] = {}
        for span in doc.ents:
            name = span._.canonical
            if name:
                mentions[name] = mentions.get(name, 0) + 1
        doc._.entity_mentions = mentions
        return doc

    # ------------------------------------------------------------------ steps
    def _in_context(self, span: Span, eid: str):
        """The entity ``span`` names given its sentence: the gazetteer's ``eid`` unless a 'not_when_near' cue
        is there, then the rule's other entity, or None for no entity."""
        rule = self._not_when_near.get(eid)
        if rule and any(t.lower_ in rule[0] for t in span.sent if not span.start <= t.i < span.end):
            return self.gazetteer.entities[rule[1]] if rule[1] else None
        return self.gazetteer.entities[eid]

    def _split_name_pairs(self, doc: Doc) -> None:
        """'U.S.-Mexico', 'EU-China': a token the tokenizer left whole that joins two gazetteer names with a
        hyphen becomes three tokens, so each name can be found ('Russian-Azerbaijani' is split already)."""
        if not len(doc):
            return
        strings = doc.vocab.strings
        orths = doc.to_array("ORTH").tolist()  # each distinct word looked at once, not each token
        joined = set()
        for orth in set(orths):
            parts = strings[orth].split("-")
            if len(parts) == 2 and all(p[:1].isupper() and self.gazetteer.is_name(p) for p in parts):
                joined.add(orth)
        if not joined:
            return
        pairs = [doc[i] for i, orth in enumerate(orths) if orth in joined]
        with doc.retokenize() as retokenizer:
            for tok in pairs:
                first, second = tok.text.split("-")
                last_head = tok.head if tok.head.i != tok.i else (tok, 2)
                retokenizer.split(tok, [first, "-", second], heads=[(tok, 2), (tok, 2), last_head],
                                  attrs={"DEP": ["compound", "punct", tok.dep_], "POS": ["PROPN", "PUNCT", "PROPN"],
                                         "TAG": ["NNP", "HYPH", "NNP"]})

    def _link_variants(self, ents: list[Span]) -> list[Span]:
        """Link a name the gazetteer does not list as written: a possessive that lost its apostrophe ('Syrias
        President', 'Britains vote'), or a spelling like one of its aliases, to an entity of a kind the base
        model's label allows ('Zelenskiy', 'Aliev')."""
        out = []
        for span in ents:
            text = span.text
            determined = span.start > 0 and span.doc[span.start - 1].lower_ in ("the", "two", "both")
            if not span.kb_id_ and span.label_ in self._keep and text.endswith("s") and text[:1].isupper() \
                    and not determined and not self.gazetteer.is_name(text) and self.gazetteer.alias_id(text[:-1]):
                entity = self.gazetteer.entities[self.gazetteer.alias_id(text[:-1])]  # "Syrias President Assad"
                entity = self._in_context(span, entity.id)
                if entity is not None:
                    span = Span(span.doc, span.start, span.end, label=entity.label, kb_id=entity.id)
                out.append(span)
                continue
            if not span.kb_id_ and span.label_ in self._fuzzy_groups and self._fuzzy_groups[span.label_]:
                name = span[:-1] if len(span) > 1 and span[-1].lower_ in ("'s", "’s", "'") else span
                eid = self.gazetteer.fuzzy(name.text, span.label_, self._fuzzy_threshold)
                entity = self._in_context(span, eid) if eid is not None else None
                if entity is not None:
                    span = Span(span.doc, span.start, span.end, label=entity.label, kb_id=entity.id)
            out.append(span)
        return out

    def _gazetteer_spans(self, doc: Doc) -> list[Span]:
        spans = []
        strings = doc.vocab.strings
        for match_id, start, end in self._matcher(doc):
            key, _, eid = strings[match_id].partition("|")
            span = doc[start:end]
            if not self.gazetteer.accepts(span):
                continue
            entity = self.gazetteer.entities[eid]
            if entity.kind in self._compound_sensitive and len(span) == 1 and self._modifies_a_name(span):
                continue
            entity = self._in_context(span, eid)
            if entity is None:
                continue  # "the Thanksgiving Turkey": no entity of the gazetteer
            eid = entity.id  # "Atlanta, Georgia": the US state
            label = "NORP" if key == "J" else entity.label
            spans.append(Span(doc, start, end, label=label, kb_id=eid))
        # names of newspapers, companies and teams that hold a place name: an unlinked ORG; compounds such as
        # "Swiss cheese": nothing. The longest match wins.
        spans.extend(Span(doc, start, end, label=match_id) for match_id, start, end in self._named_after(doc))
        return [s for s in filter_spans(spans) if s.label_ != "NOT_A_NAME"]

    @staticmethod
    def _modifies_a_name(span: Span) -> bool:
        """'West' in 'West Virginia': the match only modifies a proper noun right after it."""
        last = span[-1]
        nxt = span.doc[span.end] if span.end < len(span.doc) else None
        return nxt is not None and nxt.pos_ == "PROPN" and last.dep_ == "compound" and last.head.i >= span.end

    def _base_entities(self, doc: Doc, found: list[Span], body_country: dict[tuple[int, int], str]) -> list[Span]:
        """The base model's name entities, trimmed at line breaks; those overlapping a gazetteer match
        give way, unless they are a named body that contains it ('Central Bank of Egypt'): then the one
        country its names point to goes into ``body_country`` under the body's (start, end)."""
        for ent in doc.ents:  # "speaks Russian": a language the base model recognised is no link to a country
            if ent.label_ == "LANGUAGE":
                for s in [s for s in found if (s.start, s.end) == (ent.start, ent.end) and s.label_ == "NORP"]:
                    found.remove(s)
        covering: dict[int, list[int]] = {}  # token -> the gazetteer matches (their positions in found) over it
        for k, s in enumerate(found):
            for i in range(s.start, s.end):
                covering.setdefault(i, []).append(k)
        gone: set[int] = set()
        out = []
        for ent in doc.ents:
            if ent.label_ not in self._keep:
                out.append(ent)  # numbers and dates stay as the base model found them
                continue
            ent = _first_line(ent)
            if ent is None:
                continue
            overlapping = sorted({k for i in range(ent.start, ent.end) for k in covering.get(i, ()) if k not in gone})
            inside = [found[k] for k in overlapping if found[k].start >= ent.start and found[k].end <= ent.end]
            if not any(i in covering for i in range(ent.start, ent.end)):
                out.append(ent)
            elif inside and len(inside) == len(overlapping) and self._is_named_body(ent, inside):
                out.append(ent)
                countries = {e.id if e.kind in ("country", "territory") else e.country
                             for e in (self.gazetteer.entities[s.kb_id_] for s in inside if s.kb_id_)} - {""}
                if len(countries) == 1 and ent.label_ in ("ORG", "FAC"):
                    body_country[(ent.start, ent.end)] = countries.pop()
                gone.update(overlapping)
        found[:] = [s for k, s in enumerate(found) if k not in gone]
        return out

    def _is_named_body(self, ent: Span, inside: list[Span]) -> bool:
        """Is the base model's entity a longer name that merely contains gazetteer names: a named body
        ('Central Bank of Egypt') or a place written as one run of capitalised words ('New Jersey')?"""
        covered = {i for s in inside for i in range(s.start, s.end)}
        rest = [t for t in ent if t.i not in covered]
        if ent.label_ in ("ORG", "FAC"):
            return any(t.lower_ in self._org_heads and not t.is_lower for t in rest if t.is_alpha)
        if ent.label_ == "PERSON" and not is_headline(ent.sent):  # a headline's capitals make no name
            # "Michael Jordan" (a person's name holding a place name), "Michelle Obama" (another person of a
            # listed surname): the other words are no part of the listed person's name
            rest = [t for t in rest if t.lower_ not in ("'s", "’s", "'")]
            if not rest or not all(t.is_alpha and t.is_title for t in rest):
                return False
            names = {w.lower() for s in inside if self.gazetteer.entities[s.kb_id_].kind == "person"
                     for w in self.gazetteer.entities[s.kb_id_].canonical.split()}
            return not {t.lower_ for t in rest} <= names
        if ent.label_ in ("GPE", "LOC"):
            return bool(rest) and all(t.is_alpha and t.is_title for t in rest) and not any(t.is_punct for t in ent)
        return False

    @staticmethod
    def _resolve_surnames(doc: Doc) -> None:
        """A one-word person mention that is not in the gazetteer but ends an earlier full name is that
        person ('Ashwini Vaishnaw ... Vaishnaw said')."""
        full: dict[str, str] = {}  # a word of an earlier full name -> that name
        ents = list(doc.ents)
        relabel = False
        for k, span in enumerate(ents):
            words = [t for t in span if t.is_alpha]
            canonical = span._.canonical  # read once
            if canonical is None and len(words) == 1 and words[0].text in full \
                    and span.label_ in ("PERSON", "ORG", "GPE", "NORP"):
                if span.label_ != "PERSON":  # the base model often mislabels a lone surname
                    ents[k] = span = Span(doc, span.start, span.end, label="PERSON")
                    relabel = True
                ext = span._
                ext.canonical, ext.kind = full[words[0].text], "person"
                continue
            if span.label_ != "PERSON":
                continue
            name = canonical or (span.text if len(words) >= 2 else None)
            if name:
                for t in words:
                    if t.is_title:
                        full.setdefault(t.text, name)
        if relabel:
            doc.ents = ents

    @staticmethod
    def _resolve_acronyms(doc: Doc) -> None:
        """An unlinked acronym ("ICI", "NAPM") is the organisation written out in the same text whose words'
        initials it spells ("Imperial Chemical Industries PLC", "National Association of Purchasing
        Management"): both get that name (without a legal suffix), or the long form's canonical name when it
        is linked. A lone acronym, or one that spells no name of the text, is left as it is."""
        ents = list(doc.ents)
        acronyms = [e for e in ents if _acronym(e.text) and e._.canonical is None]  # the cheap test first
        if not acronyms:
            return
        long_forms: dict[str, Span] = {}
        for e in ents:
            if e.label_ in ("ORG", "FAC", "PRODUCT", "EVENT", "GPE", "NORP", "LAW") and len(e) >= 2:
                initials = _initials(e)
                if len(initials) >= 2:
                    long_forms.setdefault(initials, e)
        for e in acronyms:
            full = long_forms.get(_acronym(e.text))
            if full is None:
                continue
            name = full._.canonical or name_without_suffix(full)
            for span in (e, full):
                if span._.canonical is None:
                    span._.canonical = name
                    span._.kind = full._.kind or span._.kind or "organization"
            if full._.entity_id and e._.entity_id is None:
                e._.entity_id, e._.country = full._.entity_id, full._.country

    def write_data(self, path: Path) -> None:
        self.gazetteer.to_file(path / GAZETTEER)
        write_json(path / RULES, self.rules)


ACRONYM_SKIP = frozenset({"of", "and", "the", "for", "&", "de", "du", "des", "la", "le", "in", "on", "to"})


def _acronym(text: str) -> str:
    """The letters of an acronym ("ICI", "U.N.", "AT&T" -> "ici", "un", "att"), or "" when ``text`` is none."""
    letters = "".join(c for c in text if c.isalpha())
    if not 2 <= len(letters) <= 6 or not letters.isupper() or " " in text.strip():
        return ""
    return letters.lower()


def _initials(span: Span) -> str:
    """The initials of a name's capitalised words, legal suffixes and small words left out."""
    words = [t.text for t in span if t.is_alpha and t.lower_ not in ACRONYM_SKIP]
    while words and words[-1].lower() in LEGAL_SUFFIXES:
        words.pop()
    if not words or not all(w[0].isupper() for w in words):
        return ""
    return "".join(w[0] for w in words).lower()


def _first_line(ent: Span) -> Span | None:
    """The entity cut at its first line break, without surrounding white space; None if nothing is left."""
    tokens = list(ent)
    cut = next((k for k, t in enumerate(tokens) if "\n" in t.text or "\n" in t.whitespace_), None)
    if cut is not None:
        tokens = tokens[:cut + (0 if tokens[cut].is_space else 1)]
    while tokens and (tokens[-1].is_space or tokens[-1].is_punct or tokens[-1].lower_ in ("'s", "’s")):
        tokens.pop()  # "Michelle Obama's" -> "Michelle Obama"
    while tokens and (tokens[0].is_space or tokens[0].is_punct or tokens[0].lower_ == "the"):
        tokens.pop(0)  # "The Central Bank of Egypt" -> "Central Bank of Egypt", as the base model mostly does
    if not tokens:
        return None
    return Span(ent.doc, tokens[0].i, tokens[-1].i + 1, label=ent.label_, kb_id=ent.kb_id_)
