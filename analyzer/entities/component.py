"""The ``geo_entities`` pipeline component: links entity mentions to the gazetteer and corrects the
base model's entity labels where the gazetteer is sure."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .._component import Stage
from .._resources import data_file, located, read_json, schema_file, word_lists, write_json
from ..errors import DataFileError
from ..parse_text import use_parse_text
from ..text import LEGAL_SUFFIXES, name_without_suffix, sentence_headlines
from ..tree import index_of, indexed
from .gazetteer import Entity, FormMatcher, Gazetteer

WORDS = word_lists("analyzer.entities")
PLURAL_NAME_LEADS = WORDS.ordered("plural_name_leads")

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

    # set by `initialize` (`_set`), never None: `is_ready` says whether they are
    gazetteer: Gazetteer
    _matcher: FormMatcher

    def __init__(self, nlp: Language, name: str = "geo_entities", *, overwrite_ents: bool = True) -> None:
        super().__init__(name)
        self.nlp = nlp
        self.overwrite_ents = overwrite_ents
        self.rules: dict[str, Any] = {}
        self._rules_path = data_file("analyzer.entities", RULES)  # where `rules` came from, for its errors
        # the current Doc's longer proper names that hold a gazetteer name -> the country that name is ("U.S.
        # Patent and Trademark Office" -> US), or ""
        self._blocked: dict[tuple[int, int], str] = {}
        self._base_ents: list[Span] = []  # the current Doc's base-model entities

    def initialize(self, get_examples: Any = None, *, nlp: Language | None = None,
                   data_dir: str | Path | None = None) -> None:
        """Load the gazetteer and linking rules from ``data_dir`` (default: the package's own)."""
        gaz = Path(data_dir) / GAZETTEER if data_dir else data_file("analyzer.entities", GAZETTEER)
        self._rules_path = Path(data_dir) / RULES if data_dir else data_file("analyzer.entities", RULES)
        self._set(Gazetteer.from_file(gaz), read_json(self._rules_path, schema_file("analyzer.entities", RULES)))

    def _set(self, gazetteer: Gazetteer, rules: dict[str, Any]) -> None:
        """Take a gazetteer and linking rules (checked against linking.schema.json) that name its ids."""
        fuzzy = rules["fuzzy"]
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
            for field in ("instead", "when_country_named"):
                ref = rule.get(field, "")
                if ref and ref not in gazetteer.entities:
                    where = located(self._rules_path, ["not_when_near", eid, field])
                    raise DataFileError(f"{where}: {ref!r} is not an id of the gazetteer")
            self._not_when_near[eid] = (frozenset(w.lower() for w in rule["cues"]), rule["instead"],
                                        rule.get("when_country_named", ""))
        nouns = rules["place_nouns"]
        self._place_nouns = {kind: frozenset(w.lower() for w in nouns[kind]) for kind in ("city", "region")}
        self._fuzzy_threshold = float(fuzzy["threshold"])
        self._fuzzy_groups = dict(fuzzy["groups"])
        self._matcher = gazetteer.build_matcher(self.nlp)
        gazetteer.build_fuzzy(self._fuzzy_groups, int(fuzzy["min_length"]))
        self._named_after = PhraseMatcher(self.nlp.vocab, attr="ORTH")  # "Russia Today" is a broadcaster
        names = rules["named_after_places"]["names"]
        compounds = rules["named_after_places"]["compounds"]
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
        return hasattr(self, "gazetteer")

    def __call__(self, doc: Doc) -> Doc:
        self.ensure_ready()
        self._split_name_pairs(doc)  # the tokens change here: the parse is read after
        with indexed(doc):  # token columns (`is_headline`) read once per Doc, and kept for the next stages
            return self._link(doc)

    def _link(self, doc: Doc) -> Doc:
        self._base_ents = list(doc.ents)  # the base model's, read once (each access builds every span anew)
        found = self._gazetteer_spans(doc)
        body_country: dict[tuple[int, int], str] = {}
        if not self.overwrite_ents:  # keep every base-model entity; gazetteer names fill the gaps
            base = [_first_line(e) or e for e in self._base_ents]
            taken = {i for e in base for i in range(e.start, e.end)}
            same = {(s.start, s.end): s.kb_id_ for s in found}
            base = [Span(doc, e.start, e.end, label=e.label_, kb_id=same.get((e.start, e.end), e.kb_id_)) for e in base]
            found = [s for s in found if not any(i in taken for i in range(s.start, s.end))]
            ents = found + base
        else:
            ents = found + self._base_entities(doc, found, body_country)
        ents = self._link_variants(sorted(filter_spans(ents), key=lambda s: s.start))
        doc.ents = self._consistent_bodies(doc, ents)
        for window, country in self._blocked.items():
            if country:
                body_country.setdefault(window, country)
        ents = list(doc.ents)  # read once: spaCy builds every span anew on each access
        for span in ents:
            eid = span.kb_id_ or None
            if eid and eid in self.gazetteer.entities:
                self._set_link(span, self.gazetteer.entities[eid])
            elif span.label_ in self._kind_of_label:
                ext = span._
                ext.kind = self._kind_of_label[span.label_]  # an unlinked name: its kind from its label
                # a named body keeps the country it names: "Canadian Parliament", "U.S. Supreme Court" -> CA, US
                ext.country = body_country.get((span.start, span.end))
        ents = self._resolve_surnames(doc, ents)
        ents = self._resolve_short_bodies(doc, ents)
        self._resolve_acronyms(doc, ents)
        mentions: dict[str, int] = {}
        for span in ents:
            name = span._.canonical
            if name:
                mentions[name] = mentions.get(name, 0) + 1
        doc._.entity_mentions = mentions
        return doc

    # ------------------------------------------------------------------ steps
    def _in_context(self, span: Span, eid: str, in_doc: set[str] | None = None):
        """The entity ``span`` names given its context: the gazetteer's ``eid`` unless a 'not_when_near' rule
        applies (one of its cues in the sentence, or the country it names in the document while ``eid`` is named
        nowhere else), then the rule's other entity, or None for no entity."""
        rule = self._not_when_near.get(eid)
        if rule:
            cues, instead, country = rule
            own = {t.lower_ for t in span}
            if any(c in cues and c not in own for c in self._sentence_words(span.doc, span.start)) \
                    or country and in_doc is not None and country in in_doc and eid not in in_doc:
                return self.gazetteer.entities[instead] if instead else None
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
        """Link a name the gazetteer does not list as written, spelled like one of its aliases, to an entity of
        a kind the base model's label allows ('Zelenskiy', 'Aliev'). (A possessive that lost its apostrophe,
        'Syrias President', is found by `_possessives`.)"""
        out = []
        for span in ents:
            if span.kb_id_ or not self._fuzzy_groups.get(span.label_):  # asked first: spaCy builds a span's text
                out.append(span)  # from its tokens on each access
                continue
            text = span.text
            if not (text.endswith("s") and self.gazetteer.is_name(text[:-1])):  # "Koreas": not a misspelling
                name = span[:-1] if len(span) > 1 and span[-1].lower_ in ("'s", "’s", "'") else span
                eid = self.gazetteer.fuzzy(name.text, span.label_, self._fuzzy_threshold)
                entity = self._in_context(span, eid) if eid is not None else None
                if entity is not None:
                    span = Span(span.doc, span.start, span.end, label=entity.label, kb_id=entity.id)
            out.append(span)
        return out

    def _gazetteer_spans(self, doc: Doc) -> list[Span]:
        spans = []
        matches = self._matcher(doc, index_of(doc).column("LOWER"))
        possessive = self._possessives(doc, matches)
        lost_apostrophe = {(start, end) for start, end, _ in possessive}
        matches += possessive
        taken = {i for start, end, hits in matches if any(h[0] != "J" for h in hits) for i in range(start, end)}
        # the case rules: "us" is no mention of the US, "turkey" none of Turkey
        matches = [(start, end, hits) for start, end, hits in matches
                   if (self._stem_accepted(doc[start:end]) if (start, end) in lost_apostrophe
                       else self.gazetteer.accepts(doc[start:end]))]
        base = self._base_labels(doc)
        named = self._countries_named(doc, [m for m in matches if (m[0], m[1]) not in lost_apostrophe])
        self._blocked = {}  # names a longer proper name holds (`_part_of_name`)
        for start, end, hits in matches:
            span = doc[start:end]
            key, entity = self._choose(span, hits, base, named, taken)
            if entity is None:
                continue  # "the Thanksgiving Turkey", a name of several entities none of which the text supports
            label = "NORP" if key == "J" else entity.label
            spans.append(Span(doc, start, end, label=label, kb_id=entity.id))
        spans = self._branches(spans)
        # names of newspapers, companies and teams that hold a place name: an unlinked ORG; compounds such as
        # "Swiss cheese": nothing. The longest match wins.
        linked_at = {(s.start, s.end) for s in spans}  # a listed name wins over the same words named after a place
        spans.extend(Span(doc, start, end, label=match_id) for match_id, start, end in self._named_after(doc)
                     if (start, end) not in linked_at)
        return [s for s in filter_spans(spans) if s.label_ != "NOT_A_NAME"]

    def _branches(self, spans: list[Span]) -> list[Span]:
        """"The Wisconsin Republican Party", "the Texas Democratic Party": a region or city of an organisation's
        own country, compounded to the organisation's name right after it, names a branch of it that is neither
        the place nor the national body: one unlinked ORG."""
        entities = self.gazetteer.entities
        out: list[Span] = []
        for span in spans:
            prev = out[-1] if out else None
            if prev is not None and prev.end == span.start and span.kb_id_ and prev.kb_id_:
                place, body = entities[prev.kb_id_], entities[span.kb_id_]
                if place.kind in ("region", "city") and body.kind == "organization" and place.country \
                        and place.country == body.country and prev[-1].dep_ == "compound" \
                        and span.start <= prev[-1].head.i < span.end:
                    out[-1] = Span(span.doc, prev.start, span.end, label="ORG")
                    continue
            out.append(span)
        return out

    @staticmethod
    def _sentence_words(doc: Doc, i: int) -> frozenset[str]:
        """The lower-cased words of the sentence of token ``i``, read once per sentence (a text of one endless
        sentence and a thousand names must not read that sentence a thousand times)."""
        idx = index_of(doc)
        start, end = idx.sent_bounds(i)
        key = ("entity_sentence_words", start)
        found = idx.memo.get(key)
        if found is None:
            found = idx.memo[key] = frozenset(idx.column("LOWER")[start:end])
        return found

    @staticmethod
    def _in_headline(doc: Doc, i: int) -> bool:
        """`is_headline` of the sentence of token ``i``, every sentence's read once per Doc."""
        return sentence_headlines(doc).get(index_of(doc).sent_bounds(i)[0], False)

    def _possessives(self, doc: Doc, matches) -> list:
        """Names that lost a possessive's apostrophe ("Obamas past", "Texas economy is larger than Australias",
        "Hillary Clintons position"): a capitalised word ending in "s" that is no name itself, no plural after
        "the", "two" or "both" ("the two Koreas"), and whose stem ends an alias of prominence 2 or more."""
        taken = {i for start, end, _ in matches for i in range(start, end)}
        table = self._matcher.table
        entities = self.gazetteer.entities
        idx = index_of(doc)
        lowers, titles = idx.column("LOWER"), idx.column("IS_TITLE")
        out = []
        for i, low in enumerate(lowers):
            if len(low) < 4 or low[-1] != "s" or low.endswith("ss") or not titles[i] or i in taken \
                    or (low,) in table or i > 0 and lowers[i - 1] in PLURAL_NAME_LEADS:
                continue
            for size in (3, 2, 1):
                start = i - size + 1
                if start < 0 or any(k in taken for k in range(start, i)):
                    continue
                key = (*lowers[start:i], low[:-1])
                hits = [h for h in table.get(key, ()) if h[0] == "A" and entities[h[1]].prominence >= 2]
                if hits:
                    out.append((start, i + 1, hits))
                    break
        return out

    def _stem_accepted(self, span: Span) -> bool:
        """The case rules for a possessive that lost its apostrophe ("Obamas"): its stem's form as written."""
        key = tuple(t.lower_ for t in span[:-1]) + (span[-1].lower_[:-1],)
        text = "".join(t.text for t in span)[:-1]
        return any(text == form for form in self.gazetteer.forms.get(key, ()))

    def _base_labels(self, doc: Doc) -> dict[int, tuple[str, int, int]]:
        """Token -> (label, start, end) of the base model's name entity over it."""
        out = {}
        for ent in self._base_ents:
            found = (ent.label_, ent.start, ent.end)
            for i in range(ent.start, ent.end):
                out[i] = found
        return out

    def _countries_named(self, doc: Doc, matches) -> dict[int, set[str]]:
        """Sentence start -> the countries its unambiguous names (matches the case rules accepted) point to: a
        country or territory, or the country of an entity of prominence 3 (a capital, a US state, a head of
        government); the whole document's under -2."""
        out: dict[int, set[str]] = {-2: set()}
        entities = self.gazetteer.entities
        for start, _end, hits in matches:
            ids = {h[1] for h in hits if h[0] != "S"}
            if len(ids) != 1 or next(iter(ids)) in self._not_when_near:
                continue  # several entities, or one a context rule may send elsewhere ("Georgia"): no evidence
            e = entities[next(iter(ids))]
            country = e.id if e.kind in ("country", "territory") else e.country if e.prominence >= 3 else ""
            if country:
                out.setdefault(index_of(doc).sent_bounds(start)[0], set()).add(country)
                out[-2].add(country)
        return out

    def _choose(self, span: Span, hits: list[tuple[str, str, str]], base: dict[int, tuple[str, int, int]],
                named: dict[int, set[str]], taken: set[int]) -> tuple[str, Any]:
        """(key, entity) that a matched name stands for, or (key, None). Every entity of that name is a candidate
        unless its kind is wrong for the base model's label ("Jordan" said PERSON is no country of little
        prominence), a context rule sends it elsewhere ("Atlanta, Georgia"), or it lacks the support its
        prominence needs. Support is the base model's label fitting the entity and the entity's country named in
        the sentence or the document. Prominence 3 (a country, a capital, a world figure) needs none; 2 (a large
        city, a senator, a main party) the label or its country named in the text; 1 (a town, a subdivision, a
        backbencher, a small party) its country named in the sentence, or the label and its country named in the
        text, or the label for a name of several words ("Susie Lee" said PERSON). A bare surname is a person only as
        a whole name (not "Franklin" of "Franklin D. Roosevelt"), after an office title ("Senator Warren") for
        prominence 3, or 2 with the person's country named, or with support for prominence 3. Among several
        candidates the better supported, then the more prominent wins; a tie between different entities links
        nothing."""
        first, last = base.get(span.start), base.get(span.end - 1)
        label = first[0] if first is not None and first == last else None
        window = self._part_of_name(span, taken)
        if window is not None:
            self._keep_country(window, hits)
        seen = _Mention(span, hits, label, first, part_of_name=window is not None,
                        in_sentence=named.get(index_of(span.doc).sent_bounds(span.start)[0], set()),
                        in_doc=named.get(-2, set()), said=self._place_kind_said(span))
        best: list[tuple[tuple[int, int, int], str, Any]] = []
        for key, eid, _form in hits:
            ranked = self._ranked(seen, key, eid)
            if ranked is not None:
                best.append(ranked)
        if not best:
            return "", None
        best.sort(key=lambda b: b[0], reverse=True)
        top = best[0]
        if any(b[0] == top[0] and b[2].id != top[2].id for b in best[1:]):
            return top[1], None  # two entities of this name, equally supported and known: no link
        return top[1], top[2]

    def _keep_country(self, window: tuple[int, int], hits: list[tuple[str, str, str]]) -> None:
        """Block the longer name ``window`` that a matched name is part of for any country but the name's own: a
        national body named with its country ("U.S. Fish and Wildlife Service") keeps it."""
        ids = {h[1] for h in hits}
        country = self.gazetteer.entities[next(iter(ids))] if len(ids) == 1 else None
        code = country.id if country is not None and country.kind in ("country", "territory") else ""
        self._blocked[window] = self._blocked.get(window) or code

    def _ranked(self, seen: _Mention, key: str, eid: str) -> tuple[tuple[int, int, int], str, Any] | None:
        """(rank, key, entity) of one entity a matched name may stand for, ranked by support, prominence and
        not being a bare surname (`_choose`); None when the entity is ruled out."""
        span = seen.span
        entity = self.gazetteer.entities[eid]
        if key != "J" and seen.part_of_name or entity.kind in self._compound_sensitive and not entity.country \
                and len(span) == 1 and self._modifies_a_name(span):
            return None  # "West" of "West Virginia", "Milwaukee" of "Milwaukee Public Schools"
        entity = self._in_context(span, eid, seen.in_doc)
        if entity is None:
            return None
        fits = _label_fits(seen.label, key, entity)
        if seen.said and key != "J" and entity.kind in self._place_nouns:
            if entity.kind != seen.said:
                return None  # "the provinces of Aleppo and Raqqa": not the cities
            fits = True  # "the town of Mubi", "Rajasthan state"
        if fits is False and seen.label == "PERSON" and entity.kind == "organization" and len(span) == 1 \
                and not any(h[0] == "S" for h in seen.hits):
            fits = None  # "followers on Twitter" said PERSON: a word no listed person bears is no proof of one
        if fits is False and entity.prominence < 3:
            return None
        own = entity.kind in ("country", "territory")
        sentence = not own and entity.country in seen.in_sentence
        document = not own and entity.country in seen.in_doc
        support = int(fits is True) + int(sentence or document)
        if not self._supported(seen, key, entity, fits, sentence, document, support):
            return None
        return (support, entity.prominence, int(key != "S")), key, entity

    def _supported(self, seen: _Mention, key: str, entity: Entity, fits: bool | None, sentence: bool, document: bool,
                   support: int) -> bool:
        """Has the entity the support its prominence needs (`_choose`): ``fits``, the base model's label fitting
        it; ``sentence``, ``document``, its country named there; ``support``, how many of the two it has?"""
        if key == "S":
            if not self._whole_name(seen.span, seen.first):
                return False
            titled = seen.span.start > 0 and seen.span.doc[seen.span.start - 1].lower_.rstrip(".") in TITLES
            return bool(titled and entity.prominence >= 2 and (sentence or document or entity.prominence >= 3)
                        or entity.prominence >= 3 and support)
        if entity.prominence == 1:
            # a town, or a backbencher's full name the base model calls a person
            return sentence or fits is True and (document or len(seen.span) > 1)
        return entity.prominence != 2 or bool(support)

    def _place_kind_said(self, span: Span) -> str | None:
        """The kind of place ("city" or "region") a noun beside the name says it is: "the town of Mubi", "the
        provinces of Aleppo and Raqqa" (not "the Shuja'iyya district of Gaza", whose noun has a name of its own),
        "Mubi, a town of 200,000 people", "Rajasthan state", "Dallas County"; else None."""
        token = span.root
        if token.pos_ == "ADJ":
            return None  # "Gazan villages": villages in Gaza
        while token.dep_ == "conj" and token.head.i < token.i:
            token = token.head  # "Raqqa" of "the provinces of Aleppo and Raqqa"
        head = token.head
        # "Aleppo province", "Mubi, a town": a singular noun ("Gaza villages" are villages in Gaza)
        nouns = [head] if token.dep_ in ("compound", "appos") and head.i != token.i and head.tag_ != "NNS" else []
        if token.dep_ == "pobj" and head.lower_ == "of" and head.head.i < head.i and not any(
                c.dep_ in ("compound", "poss") or c.pos_ == "PROPN" for c in head.head.children):
            nouns.append(head.head)
        nouns += [c for c in token.children if c.dep_ == "appos"]
        for noun in nouns:
            for kind, words in self._place_nouns.items():
                if noun.lower_ in words or noun.lemma_.lower() in words:
                    return kind
        return None

    @staticmethod
    def _whole_name(span: Span, base: tuple[str, int, int] | None) -> bool:
        """Is a surname match a whole name: not part of a longer base-model entity, and not between two
        capitalised words ("Franklin D. Roosevelt", "Scott Franklin"), other than role words ("the Obama
        Administration")?"""
        doc = span.doc
        if base is not None and (base[1], base[2]) != (span.start, span.end) and not all(
                t.lower_ in ROLE_WORDS for t in doc[base[1]:base[2]] if not span.start <= t.i < span.end):
            return False  # "the Obama Administration" said ORG is still Obama's
        before = doc[span.start - 1] if span.start > 0 else None
        after = doc[span.end] if span.end < len(doc) else None
        if before is not None and before.is_title and before.is_alpha and before.lower_ not in TITLES \
                and not before.is_sent_start:
            return False
        return not (after is not None and after.is_title and after.is_alpha and not after.is_sent_start
                    and after.lower_ not in ROLE_WORDS)

    def _part_of_name(self, span: Span, taken: set[int]) -> tuple[int, int] | None:
        """The (start, end) of the longer proper name the gazetteer does not list whose first words the match is
        ("Milwaukee Public Schools", "Trump University", "Georgia Tech", "Google Translate", "U.S. Patent and
        Trademark Office": compounded to a capitalised proper noun after it that is no title ("President"), no
        role word and no other gazetteer name), or whose "of" part it is (`_ends_a_name`); else None. Not in a
        headline, whose capitals make no name."""
        if self._in_headline(span.doc, span.start):
            return None
        window = self._ends_a_name(span)
        if window is not None:
            return window
        if not self._modifies_a_name(span):
            return None
        head = span[-1].head
        word = head.lower_.rstrip(".")
        found = head.is_title and word not in TITLES and word not in ROLE_WORDS and head.i not in taken \
            and head.ent_type_ != "PERSON"  # "Republika Srpska Nenad Babici": a person of that place
        return (span.start, head.i + 1) if found else None

    @staticmethod
    def _ends_a_name(span: Span) -> tuple[int, int] | None:
        """The (start, end) of the longer capitalised name whose "of" part the match is ("Roman Catholic
        Archdiocese of Boston", "the University of Texas", "the Port of Rotterdam"), else None. Not after a title
        or role word ("President of Russia", "the head of Hamas"), a person's name ("Sheila Jackson Lee of Texas")
        or a name of its own ("Bank of America" is listed whole)."""
        root = span.root
        prep = root.head
        if root.dep_ != "pobj" or prep.lower_ != "of" or prep.i != span.start - 1 or span.start < 2:
            return None
        noun = prep.head
        before = span.doc[span.start - 2]
        if noun.i != before.i or not before.is_title or not before.is_alpha or before.is_sent_start \
                or before.ent_type_ in ("PERSON", "NORP", "GPE"):
            return None  # "Sheila Jackson Lee of Texas": a person, and where she is from
        word = before.lower_.rstrip(".")
        if word in TITLES or word in ROLE_WORDS or word in _PEOPLE_WORDS:
            return None
        return before.i, span.end

    @staticmethod
    def _modifies_a_name(span: Span) -> bool:
        """'West' in 'West Virginia', 'U.S.' in 'U.S. Patent and Trademark Office': the match only modifies a proper
        noun right after it."""
        last = span[-1]
        nxt = span.doc[span.end] if span.end < len(span.doc) else None
        return nxt is not None and nxt.pos_ == "PROPN" and last.dep_ in ("compound", "nmod") and last.head.i >= span.end

    def _base_entities(self, doc: Doc, found: list[Span], body_country: dict[tuple[int, int], str]) -> list[Span]:
        """The base model's name entities, trimmed at line breaks; those overlapping a gazetteer match
        give way, unless they are a named body that contains it ('Central Bank of Egypt'): then the one
        country its names point to goes into ``body_country`` under the body's (start, end)."""
        for ent in self._base_ents:  # "speaks Russian": a language the base model recognised is no country
            if ent.label_ == "LANGUAGE":
                for s in [s for s in found if (s.start, s.end) == (ent.start, ent.end) and s.label_ == "NORP"]:
                    found.remove(s)
        covering: dict[int, list[int]] = {}  # token -> the gazetteer matches (their positions in found) over it
        for k, s in enumerate(found):
            for i in range(s.start, s.end):
                covering.setdefault(i, []).append(k)
        gone: set[int] = set()
        out = []
        for ent in self._base_ents:
            if ent.label_ not in self._keep:
                out.append(ent)  # numbers and dates stay as the base model found them
                continue
            first = _first_line(ent)
            if first is None:
                continue
            ent = first
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
        if ent.label_ in BODY_LABELS and self._in_headline(ent.doc, ent.start):
            # a headline's capitals make no name: only a named body's head word does ("Isis Syria News")
            return ent.label_ in ("ORG", "FAC") and any(t.lower_ in self._org_heads and not t.is_lower
                                                         for t in rest if t.is_alpha)
        if ent.label_ in BODY_LABELS:
            if all(t.lower_ in ROLE_WORDS for t in rest) and all(
                    s.kb_id_ and self.gazetteer.entities[s.kb_id_].kind == "person" for s in inside):
                return False  # "the Obama Administration": a person's, unlike "the Russian Government"
            # a name that holds a place or person but goes on with words of its own: "Houston Texans", "Trump
            # Tower", "Syrian Observatory for Human Rights", "Phoenix Open", "Chinese Exclusion Act"; not one
            # with only titles or punctuation besides ("Azerbaijan / Russia / Turkey", "NATO chief")
            return any(t.is_alpha and not t.is_lower and t.lower_ not in TITLES and t.lower_ not in ROLE_WORDS
                       for t in rest) or any(t.lower_ in self._org_heads and not t.is_lower for t in rest)
        if ent.label_ == "PERSON" and not self._in_headline(ent.doc, ent.start):  # a headline's capitals make no name
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

    def _resolve_surnames(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """A one-word mention that is a word of a person's full name elsewhere in the same text ("Ashwini
        Vaishnaw ... Vaishnaw said", "Vaishnaw said ... Ashwini Vaishnaw, the minister") is that person: the
        nearest such full name before it, else the nearest after it. It is linked to the same gazetteer entity
        when that full name is linked, else given the full name as its `name` only (a mention is linked, with
        canonical name and id, or not at all)."""
        full: dict[str, list[tuple[int, str, str | None]]] = {}  # title-case word -> (start, name, id) of names
        for span in ents:
            if span.label_ != "PERSON":
                continue
            words = [t for t in span if t.is_alpha]
            eid = span._.entity_id
            name = span._.canonical or (span.text if len(words) >= 2 else None)
            if name and len(words) >= 2:
                for t in words:
                    if t.is_title:
                        full.setdefault(t.text, []).append((span.start, name, eid))
        if not full:
            return ents
        ents = list(ents)
        relabel = False
        for k, span in enumerate(ents):
            words = [t for t in span if t.is_alpha]
            if len(words) != 1 or span.label_ not in ("PERSON", "ORG", "GPE", "NORP") or words[0].text not in full:
                continue
            name, eid = _nearest(full[words[0].text], span.start)
            if span._.entity_id == eid and eid:
                continue
            if span._.entity_id and span.label_ != "PERSON":
                continue  # a place or body the gazetteer linked ("Jordan" after "Michael Jordan" stays a country)
            if span.label_ != "PERSON" or span.kb_id_ != (eid or ""):  # the base model often mislabels a surname
                ents[k] = span = Span(doc, span.start, span.end, label="PERSON", kb_id=eid or "")
                relabel = True
            if eid:
                self._set_link(span, self.gazetteer.entities[eid])
            else:
                ext = span._
                ext.canonical = ext.entity_id = ext.country = None
                ext.name, ext.kind = name, "person"
        if relabel:  # the values set above stay: spaCy keys them by the span's offsets, label and id
            doc.ents = ents
        return ents

    def _resolve_short_bodies(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """"The Observatory" after "the Syrian Observatory for Human Rights", "the Fund" after "the International
        Monetary Fund": a capitalised word after "the", not compounded to a name after it, that is the head word of
        exactly one organisation the text names in full and the gazetteer links (its words up to "of", "for",
        "on" or "and"), is that organisation. Two such organisations of one head word ("the Party") link none."""
        heads: dict[str, set[str]] = {}
        for span in ents:
            if len(span) < 2:
                continue
            ext = span._  # each read of ._ builds an object
            eid = ext.entity_id
            if not eid or ext.kind != "organization":
                continue
            words = []
            for t in span:
                if t.lower_ in _NAME_BREAKS:
                    break
                words.append(t)
            if len(words) >= 2 and words[-1].is_title and words[-1].is_alpha:
                heads.setdefault(words[-1].lower_, set()).add(eid)
        if not heads:
            return ents
        lowers = index_of(doc).column("LOWER")
        heads = {w: ids for w, ids in heads.items() if len(ids) == 1}
        found = [i for i, w in enumerate(lowers) if w in heads and i and lowers[i - 1] == "the"]
        if not found:
            return ents
        starts = [e.start for e in ents]
        new = []
        for i in found:
            if not doc[i].is_title:
                continue
            nxt = doc[i + 1] if i + 1 < len(doc) else None
            if nxt is not None and nxt.is_title and not nxt.is_sent_start:
                continue  # "the Observatory Square": part of another name
            k = bisect_right(starts, i) - 1
            old = ents[k] if k >= 0 and ents[k].end > i else None
            if old is not None and (len(old) > 1 or old._.entity_id):
                continue
            new.append((old, Span(doc, i, i + 1, label="ORG", kb_id=next(iter(heads[lowers[i]])))))
        if not new:
            return ents
        gone = {id(o) for o, _ in new if o is not None}
        ents = sorted([e for e in ents if id(e) not in gone] + [n for _, n in new], key=lambda e: e.start)
        doc.ents = ents
        for _, span in new:  # after doc.ents: the values stay, keyed by the span's offsets, label and id
            self._set_link(span, self.gazetteer.entities[span.kb_id_])
        return ents

    @staticmethod
    def _set_link(span: Span, e) -> None:
        ext = span._
        ext.canonical, ext.entity_id, ext.kind, ext.name = e.canonical, e.id, e.kind, e.canonical
        ext.country = e.country or None

    def _resolve_acronyms(self, doc: Doc, ents: list[Span]) -> None:
        """An unlinked acronym ("ICI", "NAPM") is the organisation written out in the same text whose words'
        initials it spells ("Imperial Chemical Industries PLC", "National Association of Purchasing
        Management"): linked to it when the long form is linked, else both given the long form's name (without a
        legal suffix) as their `name`. A lone acronym, or one that spells no name of the text, is left as it is."""
        acronyms = [e for e in ents if _acronym(e.text) and e._.entity_id is None]  # the cheap test first
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
            if full._.entity_id:
                self._set_link(e, self.gazetteer.entities[full._.entity_id])
                continue
            name = name_without_suffix(full)
            for span in (e, full):
                ext = span._
                ext.name = ext.name or name
                ext.kind = full._.kind or ext.kind or "organization"

    def _consistent_bodies(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """A text names one thing one way: a name of several words kept whole somewhere (a named body holding a
        place or person, "Apple Watch", "Trump University") is kept whole wherever else the text writes it,
        instead of giving the place or person inside it a link there (a headline's capitals hide names). Where
        `_part_of_name` found such a name, the base model's pieces of it become one ("U.S. Fish and" + "Wildlife
        Service")."""
        lowers = index_of(doc).column("LOWER")
        bodies = {tuple(lowers[e.start:e.end]): e.label_ for e in ents
                  if len(e) > 1 and not e.kb_id_ and e.label_ in BODY_LABELS}
        for start, end in self._blocked:  # "The Apple Watch will cost ...": no base entity there
            bodies.setdefault(tuple(lowers[start:end]), "ORG")
        if not bodies:
            return ents
        longest = max(len(k) for k in bodies)
        firsts = {k[0] for k in bodies}
        extra = []
        ents = sorted(ents, key=lambda e: e.start)
        starts = [e.start for e in ents]  # the entities near a window found by bisection, not a scan of all
        free = 0  # the first token no new span covers yet: new spans never overlap each other
        for i in range(len(lowers)):
            if i < free or lowers[i] not in firsts:
                continue
            for size in range(min(longest, len(lowers) - i), 1, -1):
                label = bodies.get(tuple(lowers[i:i + size]))
                if label:
                    near = ents[max(bisect_left(starts, i) - 1, 0):bisect_left(starts, i + size)]
                    inside = [e for e in near if e.start >= i and e.end <= i + size]
                    linked = [bool(e.kb_id_) for e in inside]
                    # where a longer name was found, the base model's pieces of it become one
                    if inside and (all(linked) or (i, i + size) in self._blocked and not any(linked)) \
                            and all(len(e) < size for e in inside) and not any(
                            e.start < i < e.end or e.start < i + size < e.end for e in near):
                        extra.append((i, i + size, label, inside))
                        free = i + size
                    break
        if not extra:
            return ents
        drop = {id(e) for *_, inside in extra for e in inside}
        kept = [e for e in ents if id(e) not in drop]
        kept += [Span(doc, a, b, label=label) for a, b, label, _ in extra]
        return sorted(filter_spans(kept), key=lambda e: e.start)

    def write_data(self, path: Path) -> None:
        self.gazetteer.to_file(path / GAZETTEER)
        write_json(path / RULES, self.rules)


BODY_LABELS = frozenset({"ORG", "FAC", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT"})  # names of bodies and things
# the kinds of entity each base-model label can name (None: no base label over the span)
LABEL_KINDS = {"PERSON": {"person"}, "GPE": {"country", "territory", "city", "region"},
               "LOC": {"region", "country", "territory", "city", "project", "facility"},
               "ORG": {"organization"}, "FAC": {"project", "facility", "city"}, "NORP": {"organization"},
               "EVENT": set(), "PRODUCT": set(), "WORK_OF_ART": set(), "LAW": set(), "LANGUAGE": set()}
# words of a role, not of a name, beside a gazetteer name inside one base-model entity ("NATO Secretary General")
ROLE_WORDS = WORDS.words("role_words")
# capitalised words for a people or a post before "of": "the People of Iraq", "King of Jordan"
_PEOPLE_WORDS = WORDS.words("people_words")
# words before a bare surname that say a person is meant ("President Macron", "Sen. Warren")
TITLES = WORDS.words("titles")


# words that end the head of an organisation's name ("Syrian Observatory" of "... for Human Rights")
_NAME_BREAKS = WORDS.words("name_breaks")


@dataclass(frozen=True)
class _Mention:
    """A matched name and what the text says around it, the same for each entity it may stand for: the base
    model's label over the whole name and its entity at the name's first token, whether the name is part of a
    longer one, the countries its sentence and the document name, and the kind of place a noun beside it says."""

    span: Span
    hits: list[tuple[str, str, str]]
    label: str | None
    first: tuple[str, int, int] | None
    part_of_name: bool
    in_sentence: set[str]
    in_doc: set[str]
    said: str | None


def _label_fits(label: str | None, key: str, entity) -> bool | None:
    """Does the base model's label fit the entity: True, False (it contradicts it: a person's label on a place
    or body, a place's on a person), or None (no label, or one the small model often gives wrongly: an
    organisation called a place, "the Syrian Observatory for Human Rights" GPE; a country called an
    organisation, "Russia" for its government)?"""
    if label is None or label not in LABEL_KINDS:
        return None
    if key == "J":
        return label in ("NORP", "GPE", "LOC") or None
    if entity.kind in LABEL_KINDS[label]:
        return True
    if label == "PERSON" or entity.kind == "person" and label in ("GPE", "LOC", "FAC", "NORP"):
        return False
    return None


def _nearest(names: list[tuple[int, str, str | None]], start: int) -> tuple[str, str | None]:
    """(name, id) of the full name nearest before token ``start``, else the first after it."""
    before = [n for n in names if n[0] < start]
    _, name, eid = before[-1] if before else min(names, key=lambda n: n[0])
    return name, eid


ACRONYM_SKIP = WORDS.words("acronym_skip")


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
