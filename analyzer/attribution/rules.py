"""Who asserts a claim and how firmly, read from the dependency parse with the cues of
``data/attribution.json``."""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span, Token

from .._resources import data_file, read_json, schema_file, word_lists
from ..text import (DROP_DEPS, LEGAL_SUFFIXES, MODIFIER_DEPS, entity_name, is_dateline, join_tokens, original_text,
                    whole_name)
from ..tree import VERBAL, ParseIndex, index_of, indexed, up, up_ids

WORDS = word_lists("analyzer.attribution")
NO_ONE = WORDS.ordered("no_one")
DEFINITE_DETERMINERS = WORDS.ordered("definite_determiners")
COMPARING_AMOUNTS = WORDS.ordered("comparing_amounts")

AUTHOR = "author"
BLANK_LINE = re.compile(r"\n\s*\n\s*")
SPEAKER_PREPS = WORDS.words("speaker_preps")  # "officials in Kyiv"
# labels of names that refer to a person, a body or a place (who may speak, whom a figure may be about)
REFERENT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
SUBORDINATORS = WORDS.words("subordinators")  # when it was said, not what ('after'/'before' are often
# prepositions the parse made marks: 'after seasonal adjustment rose 0.6 pct')
TIME_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
SOURCE_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
EARLIER_SOURCE = 400  # tokens back that 'the report' looks for the report it names again
SOURCE_PREPS = frozenset({"from", "by"})  # "a statement from the ministry", "a report by Reuters"
CONTENT_DEPS = frozenset({"acl", "prep"})  # "Putin's statement that ...", "the IMF's forecast of 3.2%"
# a noun on a claim's path cues a speaker only when the claim comes to it through one of these (`_is_source_noun`,
# or a source noun whose complement the claim is)
CUE_NOUN_DEPS = CONTENT_DEPS | {"ccomp"}
NOUNS = frozenset({"NOUN", "PROPN"})  # the parts of speech of a source noun (`_is_source`)
COMPARATIVE_TAGS = frozenset({"JJR", "RBR"})  # "no more than 200", "not later than May": a bound, no denial
# quotation marks: opening, closing, and those that do both (straight quotes, told apart by their count)
QUOTE_OPEN = frozenset({"“", "«", "``", "„"})
QUOTE_CLOSE = frozenset({"”", "»", "''"})
QUOTE_EITHER = frozenset({'"'})
QUOTATIONS = "geo_attribution.quotations"  # Doc.user_data key of the quotations found in a Doc
# inflections the small model's lemmatiser misses ('hopes' -> 'hop'): suffix, and what replaces it
INFLECTIONS = (("ies", "y"), ("s", ""), ("es", ""), ("ied", "y"), ("ed", "e"), ("ed", ""), ("d", ""),
               ("ing", "e"), ("ing", ""))


@dataclass(frozen=True)
class Cues:
    """attribution.json in the shapes the rules look things up in."""

    raw: dict[str, Any]
    reporting: frozenset[str]
    reporting_with_object: dict[str, frozenset[str]]
    reporting_needs_clause: frozenset[str]
    according_to: tuple[tuple[str, ...], ...]
    coreferent: frozenset[str]
    source_nouns: frozenset[str]
    person_pronouns: frozenset[str]
    not_speakers: frozenset[str]
    negations: frozenset[str]
    denial_verbs: frozenset[str]
    denial_words: frozenset[str]
    hedge_aux: frozenset[str]
    hedge_adverbs: frozenset[str]
    hedge_verbs: frozenset[str]
    hedge_passive: frozenset[str]
    project_aux: frozenset[str]
    project_verbs: frozenset[str]
    project_nouns: frozenset[str]
    project_phrases: tuple[tuple[str, ...], ...]
    project_not_past: frozenset[str]
    project_reported_aux: frozenset[str]
    verbs: frozenset[str]  # every verb cue, to recover lemmas the lemmatiser gets wrong
    text_hedges: frozenset[str] = frozenset()  # text_cues: words that hedge a whole text anywhere
    text_denials: frozenset[str] = frozenset()
    colon_sources: frozenset[str] = frozenset()
    colon_source_max: int = 5
    pronouns: dict[str, tuple[str, ...]] | None = None  # speaker pronoun -> its antecedents' kinds, preferred first
    person_nouns: frozenset[str] = frozenset()  # 'minister', 'spokesman': a speaker 'he'/'she' can refer to
    organisation_nouns: frozenset[str] = frozenset()  # 'ministry', 'government': a speaker 'it' can refer to
    group_nouns: frozenset[str] = frozenset()  # 'police', 'staff': singular in form, a 'they'

    @classmethod
    def from_file(cls, path: str | Path | None = None) -> Cues:
        path = Path(path) if path is not None else data_file("analyzer.attribution", "attribution.json")
        raw = read_json(path, schema_file("analyzer.attribution", "attribution.json"))
        den, hed, pro = (raw["modality"][k] for k in ("denied", "hedged", "projected"))
        fs = frozenset
        reporting = raw["reporting_verbs"]
        reporting_with_object = {k: fs(v) for k, v in raw["reporting_with_object"].items()}
        needs_clause = raw["reporting_needs_clause"]
        verb_lists = [reporting, reporting_with_object, needs_clause, den["verbs"], hed["verbs"],
                      hed["passive_reporting"], pro["verbs"]]
        return cls(
            raw=raw,
            reporting=fs(reporting),
            reporting_with_object=reporting_with_object,
            reporting_needs_clause=fs(needs_clause),
            according_to=tuple(tuple(p.lower().split()) for p in raw["according_to"]),
            coreferent=fs(raw["coreferent_nouns"]),
            source_nouns=fs(raw.get("source_nouns", ())),
            person_pronouns=fs(raw["person_pronouns"]),
            not_speakers=fs(raw["not_speakers"]),
            negations=fs(den["negations"]), denial_verbs=fs(den["verbs"]), denial_words=fs(den["words"]),
            hedge_aux=fs(hed["auxiliaries"]), hedge_adverbs=fs(hed["adverbs"]), hedge_verbs=fs(hed["verbs"]),
            hedge_passive=fs(hed["passive_reporting"]),
            project_aux=fs(pro["auxiliaries"]), project_verbs=fs(pro["verbs"]), project_nouns=fs(pro["nouns"]),
            project_phrases=tuple(tuple(p.lower().split()) for p in pro["set_phrases"]),
            project_not_past=fs(pro.get("verbs_not_past", ())),
            project_reported_aux=fs(pro.get("reported_auxiliaries", ())),
            verbs=fs(v for words in verb_lists for v in words),
            text_hedges=fs(raw.get("text_cues", {}).get("hedge_words", ())),
            text_denials=fs(raw.get("text_cues", {}).get("denial_words", ())),
            colon_sources=fs(raw.get("text_cues", {}).get("colon_sources", ())),
            colon_source_max=int(raw.get("text_cues", {}).get("colon_source_max", 5)),
            pronouns={p.lower(): tuple(kinds) for p, kinds in raw.get("pronouns", {}).items() if p != "about"}
            or {p: ("person",) for p in raw["person_pronouns"]},
            person_nouns=fs(raw.get("person_nouns", ())),
            organisation_nouns=fs(raw.get("organisation_nouns", ())),
            group_nouns=fs(raw.get("group_nouns", ())),
        )


@dataclass(frozen=True)
class Attribution:
    """Who asserts a claim (``speaker``, and the word that says so) and how firmly (``modality``)."""

    speaker: str
    cue: str
    modality: str
    at: int = -1  # the token of the cue on the claim's path (a reporting verb, a source noun); -1 for none


_Held = tuple[str, str, int, int]  # a speaker held back: (speaker, cue, stop, at), as in `_Attributed`


@dataclass(slots=True)
class _Attributed:
    """A claim's speaker while `attribute` reads it: who, the cue word, where on the claim's path the cue
    stands (``stop``: one past it, the path's length for none; ``at``: its token, -1 for none), and the
    speakers held back in case no one named above reports the claim: a document's source (``document``)
    and unnamed reports (``unnamed``)."""

    speaker: str
    cue: str
    stop: int
    at: int
    document: _Held | None = None
    unnamed: _Held | None = None


def attribute(anchor: Token, cues: Cues, extent: tuple[int, int] | None = None, quotes: bool = True,
              cue_ok: Callable[[int], bool] | None = None) -> Attribution:
    """Attribution of the claim that hangs from ``anchor`` (a quantity's anchor token, or a sentence
    root). ``extent``: the claim's own tokens, which can never be its speaker. ``quotes``: a claim with
    no speaker in its own sentence takes the speaker of the quotation it is part of, when that runs on
    over other sentences ('"Trade grew 5%. It will double," Putin said.'). ``cue_ok``: which tokens may
    cue a speaker at all (a reporting verb, a source noun, the source of 'according to'); the others are
    passed over (a headline or a paragraph the parse ran into the claim's sentence)."""
    doc = anchor.doc
    path = up_ids(doc, anchor.i)
    a = _Attributed(AUTHOR, "", len(path), -1)
    _speaker_on_path(a, doc, path, cues, extent, cue_ok)
    _speaker_elsewhere(a, anchor, cues, extent, quotes, cue_ok)
    modality = _modality(doc, path[:a.stop], cues, a.speaker)
    if modality != "denied" and _denied_above(doc, path, a.stop, cues):
        modality = "denied"  # "Ukraine disputed Russia's claim that ...": the speaker's claim, denied by another
    if modality == "denied" and a.unnamed is not None and a.at == a.unnamed[3]:
        a.speaker, a.cue, a.at = AUTHOR, "", -1  # "Reports that ... are a hoax": the author denies them
    return Attribution(speaker=a.speaker, cue=a.cue, modality=modality, at=a.at)


def _speaker_on_path(a: _Attributed, doc: Doc, path: list[int], cues: Cues, extent: tuple[int, int] | None,
                     cue_ok: Callable[[int], bool] | None) -> None:
    """The first speaker a cue on the claim's path (token indices, the anchor first) names; the source of a
    document or an unnamed report below it is held back in ``a``."""
    # a speaker is never thousands of arcs away: a degenerate parse is cut off at MAX_HOPS, and there a figure's
    # path is MAX_HOPS numbers long; only a verb, or a noun the claim hangs from as its content, can cue a speaker
    # (the tests below ask that first), so any other node is passed over on the token columns, and a Token is
    # built only for the others
    idx = index_of(doc)
    pos, deps = idx.column("POS"), idx.column("DEP")
    for k, i in enumerate(path):
        tag = pos[i]
        if tag not in VERBAL and not (tag in NOUNS and k and deps[path[k - 1]] in CUE_NOUN_DEPS):
            continue
        node, came_from = doc[i], doc[path[k - 1]] if k else None
        kind = _cue_kind(node, came_from, cues)
        if kind is None or cue_ok is not None and not cue_ok(node.i):
            continue  # (cue_ok is asked only of a cue: most of the path cues nothing)
        if kind == "document":
            if a.document is None:
                a.document = _document_source(node, k, cues, extent, idx)
            continue
        name = _cue_speaker(kind, node, came_from, cues, extent)
        if not name and a.unnamed is None and _unnamed_report(node, came_from, cues):
            a.unnamed = (_sentence_phrase(node), node.lower_, k + 1, node.i)  # "Reports that 11 jetliners are
            # missing are raising fears": theirs, unless someone named above reports them
        if name:
            a.speaker, a.cue, a.stop, a.at = name, node.lower_, k + 1, node.i
            return


def _cue_kind(node: Token, came_from: Token | None, cues: Cues) -> str | None:
    """What ``node`` on a claim's path, reached through its child ``came_from``, is as a cue of a speaker: a
    reporting verb, a source noun, a source with the claim as its complement, a document's verb, or None."""
    if _is_reporting(node, came_from, cues):
        return "reporting"
    if _is_source_noun(node, came_from, cues):
        return "source noun"
    if came_from is not None and came_from.dep_ == "ccomp" and _is_source(node, cues):
        return "source"
    if _document_verb(node, came_from, cues):
        return "document"
    return None


def _cue_speaker(kind: str, node: Token, came_from: Token | None, cues: Cues,
                 extent: tuple[int, int] | None) -> str | None:
    """The speaker a cue of ``kind`` (`_cue_kind`, not a document's) names."""
    if kind == "reporting":
        return speaker_of(node, cues, extent, not_this=came_from)
    if kind == "source noun":
        return _source_speaker(node, cues, extent)  # "Putin's statement that trade reached $4 billion"
    return None  # "Reports that ... are raising fears", its clause parsed as a complement


def _document_source(node: Token, k: int, cues: Cues, extent: tuple[int, int] | None,
                     idx: ParseIndex) -> _Held | None:
    """The source of a document whose verb ``node`` (the ``k``-th step of the path) says the claim: "A 2009 FBI
    statement names her ..., among 11 people arrested"; it speaks unless someone above reports the document
    ('Kasper told BuzzFeed the congressman's assertion ...')."""
    subj = idx.first_child(node, "nsubj")
    name = _source_speaker(subj, cues, extent) if subj is not None else None
    return (name, node.lower_, k + 1, node.i) if name else None


def _speaker_elsewhere(a: _Attributed, anchor: Token, cues: Cues, extent: tuple[int, int] | None, quotes: bool,
                       cue_ok: Callable[[int], bool] | None) -> None:
    """For a claim no cue on its path names a speaker of: the source of 'according to', else the source held
    back (a document's, then an unnamed report's), else the speaker of the quotation it is part of."""
    if a.speaker == AUTHOR:
        found = _according_to(anchor, cues, extent, cue_ok)
        if found:
            a.speaker, a.cue = found
    for fallback in (a.document, a.unnamed):
        if a.speaker == AUTHOR and fallback is not None and fallback[0]:
            a.speaker, a.cue, a.stop, a.at = fallback
    if a.speaker == AUTHOR and quotes:
        found = _quotation_speaker(anchor, cues)
        if found:
            a.speaker, a.cue = found


# ---------------------------------------------------------------------------- speaker
def _is_reporting(tok: Token, came_from: Token | None, cues: Cues) -> bool:
    """Is ``tok`` a reporting verb for a claim reached through its child ``came_from``?"""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    idx = index_of(tok.doc)
    if came_from is not None and came_from.dep_ == "advcl" and any(
            tok.doc[j].lower_ in SUBORDINATORS for j in idx.deps(came_from).get("mark", ())):
        return False  # '"Oh no," he says as Josh pulls five $20 bills': when, not what, he says
    if came_from is not None and came_from.dep_ == "conj" and idx.has_child(came_from, "nsubj", "nsubjpass") \
            and not (_quotation_around(came_from) and not _quotation_around(tok)):
        return False  # "Officials warned of fake news, but turnout reached 67%": a statement of its own;
        # but a quotation goes on after its reporting clause ('"Trade grew," Putin said, "and investment ..."')
    if came_from is not None and came_from.dep_ == "conj" and came_from.pos_ in ("VERB", "AUX") \
            and not _quotation_around(came_from):
        return False  # "Officials confirmed the deal and paid $5 million": a predicate of its own, not what is said
    lemma = cue_lemma(tok, cues)
    if came_from is not None and came_from.dep_ in ("dobj", "dative") \
            and lemma in cues.raw.get("addressee_verbs", ()):
        return False  # "telling representatives of 19 associations ...": whom it was told, not what
    if lemma in cues.denial_verbs and came_from is not None and came_from.dep_ != "ccomp" \
            and not _is_source(came_from, cues):
        return False  # "the court dismissed 849 cases": what is rejected is no statement (but "denied claims")
    if lemma in cues.reporting_needs_clause:
        if came_from is None:  # the sentence itself: "Rosstat's figures show that inflation reached 7.4%"
            return idx.has_child(tok, "ccomp")
        if came_from.dep_ == "dobj":  # "the survey found a 40% rise", not "the EU added a dozen firms"
            subj = idx.first_child(tok, "nsubj")
            return subj is not None and _is_source(subj, cues)
        return came_from.dep_ == "ccomp"
    if lemma in cues.reporting:
        return True
    objects = cues.reporting_with_object.get(lemma)
    if not objects:
        return False
    if any(tok.doc[j].lemma_.lower() in objects for j in idx.deps(tok).get("dobj", ())):
        return True
    subj = idx.first_child(tok, "nsubj")  # "A U.S. Embassy assessment puts 1987 output at 1.45 mln tonnes"
    if came_from is not None and came_from.dep_ == "prep" and came_from.lower_ == "at" \
            and idx.first_child(tok, "dobj") is not None \
            and not (subj is not None and _is_source(subj, cues) and _named_source(subj) is None):
        return True  # "They put crude oil exports through Yanbu at 100,000 bpd": the figure they put it at (an
        # unnamed "estimates put it at" leaves the figure to whoever reports the estimates)
    return subj is not None and _is_source(subj, cues) and _named_source(subj) is not None


def speaker_of(verb: Token, cues: Cues, extent: tuple[int, int] | None, not_this: Token | None = None) -> str | None:
    """The speaker named by a reporting verb: its subject, the agent of a passive ('was announced by X'),
    or the subject of the verb it depends on ('..., putting the figure at 7,000'). ``not_this``: the
    child the claim came through, which is the claim, not its speaker ('exports rose, analysts said'
    misparsed with two subjects)."""
    idx = index_of(verb.doc)
    node: Token | None = verb
    for _ in range(4):
        if node is None:
            return None
        subj = _reporting_subject(node, not_this, idx)
        if subj is None:
            subj = _passive_agent(node, idx)
            if node is verb and _claim_is_subject(not_this, subj):
                return None  # the claim is the reporting verb's only subject: it reports, it is not reported
            # (but "the report that ... was rejected by Kyiv": the agent speaks of the claim)
            if subj is None and node.dep_ == "acl" and node.tag_ == "VBG" and node.head.i < node.i:
                subj = node.head  # "with the IMF estimating growth at 3.2%": the participle's noun speaks
        if subj is not None and _relative_antecedent_speaks(node, subj, cues, extent):
            subj = node.head  # "Redstone, who estimated the cost at 2.95 billion dlrs"
        if subj is not None and _bare_participle_patient(node, verb, subj, idx):
            return None  # "with the guest list estimated at 12": the subject of a bare participle is its patient
        if subj is not None:
            if extent is not None and extent[0] <= subj.i < extent[1] or _no_one(subj):
                return None
            return speaker_name(_named_subject(node, subj, not_this), cues)
        if idx.has_child(node, "nsubjpass") or node is verb and idx.has_child(node, "auxpass"):
            return None  # "is projected to reach ...": a passive without its agent names no one, nor does the
            # subject it shares with a verb before it ("exports rose 19% and are expected to expand 15%")
        name = _object_led(node, cues, extent, idx)
        if name:  # (an object that names no one, 'urging them to post', leaves the subject above)
            return name
        node = _speaking_verb_above(node, cues)
    return None


def _reporting_subject(node: Token, not_this: Token | None, idx: ParseIndex) -> Token | None:
    """The subject of ``node`` other than the claim ``not_this``, passing over a dateline and a headline."""
    subj = idx.first_child(node, "nsubj", not_this.i if not_this is not None else None)
    if subj is not None and is_dateline(subj):  # "MAIDUGURI, Nigeria — The leader ... said": the leader
        subj = next((c for c in idx.children(node, "nsubj") if c.i > subj.i
                     and (not_this is None or c.i != not_this.i)), None)
    elif subj is not None and _across_blank_line(subj, node):
        subj = next((c for c in idx.children(node, "nsubj") if c.i > subj.i and not _across_blank_line(c, node)
                     and (not_this is None or c.i != not_this.i)), subj)  # a headline the parse made a
        # subject of the body's verb beside the body's own: the body's
    return subj


def _passive_agent(node: Token, idx: ParseIndex) -> Token | None:
    """The agent of a passive ``node``: X of 'was announced by X'; else None."""
    agent = idx.first_child(node, "agent")
    return idx.first_child(agent, "pobj") if agent is not None else None


def _claim_is_subject(not_this: Token | None, agent: Token | None) -> bool:
    """Is the claim, ``not_this``, the subject of the reporting verb: its active subject, or its passive subject
    when the verb has no ``agent``?"""
    return not_this is not None and (not_this.dep_ == "nsubj" or not_this.dep_ == "nsubjpass" and agent is None)


def _relative_antecedent_speaks(node: Token, subj: Token, cues: Cues, extent: tuple[int, int] | None) -> bool:
    """Is ``subj`` a relative pronoun standing for the noun its clause ``node`` hangs from, a noun that can speak
    and does not hold the claim? "Redstone, who estimated the cost at 2.95 billion dlrs"; not "only one price was
    stated, which pointed to ...", nor "any tips that could confirm ..."."""
    return subj.tag_ in ("WP", "WDT") and node.dep_ == "relcl" and node.head.i < node.i \
        and _can_speak(node.head, cues) and not (extent and node.head.left_edge.i <= extent[0] < node.head.i)


def _bare_participle_patient(node: Token, verb: Token, subj: Token, idx: ParseIndex) -> bool:
    """Is ``subj`` the subject of the reporting ``verb`` itself (``node``) as a participle with no 'have': the
    thing estimated, not who estimates ("with the guest list estimated at 12")?"""
    return subj.dep_ == "nsubj" and node is verb and verb.tag_ == "VBN" and not any(
        c.lemma_ == "have" for c in idx.children(verb, "aux"))


def _object_led(node: Token, cues: Cues, extent: tuple[int, int] | None, idx: ParseIndex) -> str | None:
    """The speaker an infinitive ``node`` takes from the object of the verb above it: "leading the bank to
    forecast ...": the bank forecasts; else None."""
    if node.dep_ in ("xcomp", "advcl") and node.tag_ == "VB" and node.head.i < node.i \
            and any(c.lower_ == "to" for c in idx.children(node, "aux")):
        obj = idx.first_child(node.head, "dobj")
        return speaker_name(obj, cues) if obj is not None and obj.i < node.i \
            and not (extent and extent[0] <= obj.i < extent[1]) else None
    return None


def _speaking_verb_above(node: Token, cues: Cues) -> Token | None:
    """The verb whose subject speaks for ``node`` when ``node`` names no speaker itself; None at the top."""
    if node.dep_ == "pcomp" and node.head.dep_ == "prep" and node.head.head.i != node.head.i:
        return node.head.head  # "Hunter stunned the audience by saying that ...": who did the saying
    if node.dep_ == "conj" and node.head.dep_ == "ccomp" and node.head.head.i < node.head.i \
            and node.head.head.pos_ in ("VERB", "AUX") and cue_lemma(node.head.head, cues) in cues.reporting:
        return node.head.head  # "X said that children engage in ... and added that ...": the parse hung
        # 'added' from what X said; X adds it
    return node.head if node.dep_ in ("advcl", "xcomp", "conj", "pcomp") and node.head.i != node.i else None


def _no_one(subj: Token) -> bool:
    """Does ``subj`` say that no one speaks ('No government agency confirms ...', 'nobody said')?"""
    return subj.lower_ in NO_ONE or any(c.dep_ == "det" and c.lower_ == "no" for c in subj.children)


TITLE_PREPS = WORDS.words("title_preps")  # "Coordinator for Reproductive Health of the Republika ..."


def _titled_person(subj: Token) -> Token | None:
    """The person a title names when the name ends the title's phrase and the parse hung it inside ('National
    Coordinator for Reproductive Health of the Republika Srpska Nenad Babici'): the last token of ``subj``'s
    phrase when that is a PERSON entity and ``subj`` is a title (a capitalised or a person's noun) that is
    no entity itself; else None."""
    last = subj.right_edge
    while last.i > subj.i and (last.is_punct or last.is_space):
        last = last.doc[last.i - 1]
    if last.i == subj.i or last.ent_type_ != "PERSON" or last.dep_ not in ("pobj", "appos") \
            or not (subj.pos_ == "PROPN" or subj.is_title) or subj.ent_type_ == "PERSON":
        return None
    node = last  # hung from the title through 'of'/'for'/'at'/'in' phrases and appositions only (not 'Vice
    while node.i != subj.i:  # Media, backed by billionaire Rupert Murdoch, said')
        if node.dep_ not in ("pobj", "appos", "prep") or node.dep_ == "prep" and node.lower_ not in TITLE_PREPS:
            return None
        node = node.head
    return last


def _across_blank_line(a: Token, b: Token) -> bool:
    """Is there a blank line between tokens ``a`` and ``b``?"""
    lo, hi = sorted((a.i, b.i))
    return any(t.is_space and t.text.count("\n") >= 2 or t.whitespace_ and t.text_with_ws.count("\n") >= 2
               for t in a.doc[lo:hi])


def _named_subject(verb: Token, subj: Token, not_this: Token | None) -> Token:
    """The subject of ``verb`` that names its speaker: a named entity set beside a description, as its
    apposition or as a second subject the parse gave the verb ('the news site Daily Courier said', 'French
    website Le Point reports'); else ``subj``."""
    titled = _titled_person(subj)
    if titled is not None:
        return titled
    if _entity_of(subj) is not None:
        return subj
    idx = index_of(verb.doc)
    for other in (*idx.children(subj, "appos"), *idx.children(verb, "nsubj")):
        if other.i != subj.i and (not_this is None or other.i != not_this.i) and other.i > subj.i \
                and other.i - subj.right_edge.i <= 3 and _entity_of(other) is not None \
                and other.ent_type_ in SOURCE_LABELS:
            return other
    return subj


def _according_to(tok: Token, cues: Cues, extent: tuple[int, int] | None,
                  cue_ok: Callable[[int], bool] | None = None) -> tuple[str, str] | None:
    """The source an 'according to' phrase in the sentence of ``tok`` names, outside ``extent`` (and where
    ``cue_ok`` allows a cue)."""
    doc = tok.doc
    for obj, name, cue in _according_to_phrases(tok, cues):
        if name and (cue_ok is None or cue_ok(obj)) \
                and not (extent and doc[obj].left_edge.i <= extent[0] and extent[1] <= doc[obj].right_edge.i + 1):
            return name, cue  # not 'according to David Mallie, who manages the two surviving members'
    return None


def _according_to_phrases(tok: Token, cues: Cues) -> list[tuple[int, str | None, str]]:
    """(source token, its speaker name, cue) of every 'according to' phrase of the sentence of ``tok``, in
    the order of the cue list, then of the text: read once per sentence, however many figures it has."""
    idx = index_of(tok.doc)
    start, end = idx.sent_bounds(tok.i)
    key = ("according_to", id(cues), start)
    found = idx.memo.get(key)
    if found is not None:
        return found
    sent = tok.doc[start:end]
    words = idx.column("LOWER")[start:end]
    firsts = _first_words(cues)
    at: dict[str, list[int]] = {}
    for k, w in enumerate(words):
        if w in firsts:
            at.setdefault(w, []).append(k)
    found = []
    for phrase in cues.according_to:
        n = len(phrase)
        for k in at.get(phrase[0], ()):
            if tuple(words[k:k + n]) == phrase:
                last = sent[k + n - 1]
                obj = idx.first_child(last, "pobj")
                if obj is None and k + n < len(sent):
                    obj = sent[k + n]
                    while obj.head.i != obj.i and obj.head.i > obj.i and obj.head.i < sent.end and \
                            obj.dep_ in ("det", "compound", "amod", "poss", "case"):
                        obj = obj.head
                if obj is not None:
                    found.append((obj.i, speaker_name(obj, cues), " ".join(phrase)))
    idx.memo[key] = found
    return found


_FIRSTS: dict[int, tuple[Cues, frozenset[str]]] = {}


def _first_words(cues: Cues) -> frozenset[str]:
    """The first words of the 'according to' phrases (kept per Cues)."""
    kept = _FIRSTS.get(id(cues))
    if kept is None or kept[0] is not cues:
        kept = _FIRSTS[id(cues)] = (cues, frozenset(p[0] for p in cues.according_to))
    return kept[1]


def _is_source_noun(tok: Token, came_from: Token | None, cues: Cues) -> bool:
    """Is ``tok`` something said or published whose content the claim, reached through ``came_from``, is?
    'Putin's statement that trade reached ...' (acl), 'the IMF's forecast of 3.2% growth' (prep)."""
    return came_from is not None and came_from.dep_ in CONTENT_DEPS and _is_source(tok, cues)


DOCUMENT_DEPS = frozenset({"dobj", "prep", "attr", "oprd", "dative"})  # what a document's verb says (not 'advcl')


def _document_verb(tok: Token, came_from: Token | None, cues: Cues) -> bool:
    """Is ``tok`` a verb whose subject is a document with a named source ('A 2009 FBI statement names her as
    ...', 'a UN report lists 40 sites') and the claim in its object or a preposition of it?"""
    if came_from is None or came_from.dep_ not in DOCUMENT_DEPS or tok.pos_ != "VERB":
        return False
    subj = index_of(tok.doc).first_child(tok, "nsubj")
    return subj is not None and subj.i < tok.i and _is_source(subj, cues) and _named_source(subj) is not None


def _unnamed_report(tok: Token, came_from: Token | None, cues: Cues) -> bool:
    """Is ``tok`` a source noun no one is named for, whose 'that' clause the claim is in: 'Reports that 11
    jetliners are missing ...', 'a claim that ...' (not 'the report that ...': the one named before, if any)?"""
    if came_from is None or came_from.dep_ not in ("acl", "ccomp") or not _is_source(tok, cues) \
            or _named_source(tok) is not None or _definite(tok) or tok.lemma_.lower() in cues.not_speakers:
        return False
    idx = index_of(tok.doc)
    return any(tok.doc[j].lower_ == "that" for j in idx.deps(came_from).get("mark", ())) \
        and not any(tok.doc[j].dep_ == "poss" for j in idx.deps(tok).get("poss", ()))


def _is_source(tok: Token, cues: Cues) -> bool:
    """Is ``tok`` a noun for something said or published ('statement', 'figures'; 'data', which the
    lemmatiser makes 'datum', by its own form)?"""
    return tok.pos_ in ("NOUN", "PROPN") and (tok.lemma_.lower() in cues.source_nouns
                                              or tok.lower_ in cues.source_nouns)


def _source_speaker(noun: Token, cues: Cues, extent: tuple[int, int] | None) -> str | None:
    """Who said or published ``noun`` (a source noun): its possessor ('Putin's statement', 'his remarks')
    or the object of its 'from'/'by' ('data from Rosstat', 'a report by Reuters'); None if not named."""
    source = _named_source(noun)
    if source is None and _definite(noun):
        return _earlier_source(noun, cues)  # "according to the report": the report named before
    if source is None or extent is not None and extent[0] <= source.i < extent[1]:
        return None
    return speaker_name(source, cues)


def _can_speak(tok: Token, cues: Cues) -> bool:
    """Can ``tok`` be a speaker by what it is: a name, a person ('expert'), an organisation ('ministry') or a
    source ('study', 'report')?"""
    lemma = tok.lemma_.lower()
    return tok.ent_type_ in SOURCE_LABELS or any(lemma in words or tok.lower_ in words for words in (
        cues.person_nouns, cues.organisation_nouns, cues.group_nouns, cues.coreferent, cues.source_nouns))


def _named_source(noun: Token) -> Token | None:
    """The token naming who said or published ``noun``: its possessor, the object of its 'from'/'by' (not a
    date: 'Bundesbank data from September'), the agent of its participle ('data released by the ministry'),
    or a name compounded with it ('a New York Times report', 'Bundesbank data')."""
    idx = index_of(noun.doc)
    source = idx.first_child(noun, "poss")
    if source is None:
        prep = next((noun.doc[j] for j in idx.deps(noun).get("prep", ()) if noun.doc[j].lower_ in SOURCE_PREPS), None)
        if prep is None:  # "data released by the ministry", "figures compiled by Reuters"
            acl = next((noun.doc[j] for j in idx.deps(noun).get("acl", ()) if noun.doc[j].tag_ == "VBN"), None)
            prep = idx.first_child(acl, "agent") if acl is not None else None
        source = idx.first_child(prep, "pobj") if prep is not None else None
        if source is not None and source.ent_type_ in TIME_LABELS:
            source = None
    if source is None:
        source = next((t for t in idx.children(noun, "compound", "nmod", "amod") if t.ent_type_ in SOURCE_LABELS), None)
    return source


def _definite(noun: Token) -> bool:
    return any(noun.doc[j].lower_ in DEFINITE_DETERMINERS
               for j in index_of(noun.doc).deps(noun).get("det", ()))


def _phrase(tok: Token) -> str:
    """The noun phrase of a speaker, on one line and without a headline the parse ran into it."""
    return " ".join(BLANK_LINE.split(join_tokens(tok.doc, sorted(_speaker_words(tok)), keep_breaks=True))[-1].split())


SPEAKER_POSSESSORS = frozenset({"GPE", "ORG", "NORP"})  # "Nigeria's government" (not "Putin's spokesman": whose)
POSTMODIFIER_MAX = 6  # words of an adjective or participle phrase after a speaker's noun


def _speaker_words(head: Token, top: bool = True) -> set[int]:
    """The tokens of a speaker's noun phrase headed by ``head``: its descriptive modifiers, a named possessor
    ('Nigeria's government'), one prepositional phrase of SPEAKER_PREPS unless it says when ('media reports
    at the time'), a short adjective or participle phrase after it ('people familiar with Apple's plans', 'a
    group monitoring the war') and, for the whole phrase, a noun coordinated with it ('bankers and
    economists'); no determiners or numbers."""
    keep = {head.i}
    for child in head.lefts:
        if child.dep_ in MODIFIER_DEPS:
            keep.update(t.i for t in child.subtree if t.dep_ not in DROP_DEPS or t.i == child.i)
        elif child.dep_ == "poss" and (child.pos_ == "NOUN" and not child.ent_type_
                                       or child.ent_type_ in SPEAKER_POSSESSORS and child.pos_ == "PROPN"):
            keep.update(t.i for t in child.subtree if t.dep_ not in DROP_DEPS or t.i == child.i or t.dep_ == "case")
    prep_done = False
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in SPEAKER_PREPS and not prep_done:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is None or obj.ent_type_ in ("DATE", "TIME") or obj.lower_ in ("time", "moment"):
                continue
            keep.add(child.i)
            keep.update(_speaker_words(obj, top=False))
            prep_done = True
        elif (child.dep_ == "amod" and any(c.dep_ == "prep" for c in child.children)
              or child.dep_ == "acl" and child.tag_ == "VBG") and child.i == child.left_edge.i \
                and child.i - 1 == max(keep) and child.right_edge.i - child.i < POSTMODIFIER_MAX \
                and not any(t.is_punct for t in child.subtree):
            keep.update(t.i for t in child.subtree)
        elif top and child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN") and not child.ent_type_:
            cc = [c.i for c in head.children if c.dep_ == "cc" and head.i < c.i < child.i]
            if cc:
                keep.update(cc)
                keep.update(_speaker_words(child, top=False))
    return keep


def _earlier_source(noun: Token, cues: Cues, named: bool = True) -> str | None:
    """The source of the last source noun of the same lemma before ``noun`` whose source is named ('a New
    York Times report' ... 'the report'); unless ``named``, else that noun as written ('official figures
    show' ... 'the same figures show')."""
    doc = noun.doc
    idx = index_of(doc)
    key = ("sources", id(cues))
    table = idx.memo.get(key)
    if table is None:
        table = idx.memo[key] = {}
        pos, lemmas, lower = idx.column("POS"), idx.column("LEMMA"), idx.column("LOWER")
        for i, p in enumerate(pos):  # `_is_source` of each token, read from the columns
            if p in ("NOUN", "PROPN"):
                lemma = lemmas[i].lower()
                if lemma in cues.source_nouns or lower[i] in cues.source_nouns:
                    table.setdefault(lemma, []).append(i)
    found = table.get(noun.lemma_.lower(), [])
    k = bisect_right(found, noun.i - 1) - 1
    while k >= 0 and noun.i - found[k] <= EARLIER_SOURCE:
        before = doc[found[k]]
        source = _named_source(before)
        name = speaker_name(source, cues) if source is not None else None
        if name:
            return name
        if not named and not _definite(before):
            return _phrase(before) or None
        k -= 1
    return None


def _quotation_speaker(tok: Token, cues: Cues) -> tuple[str, str] | None:
    """The speaker of the quotation ``tok`` is in, when the quotation reaches beyond ``tok``'s sentence:
    named after it ('"Trade grew. It will double," Putin said.') or before it ('Putin said: "Trade grew.
    It will double."'). None outside quotations, and for one inside its sentence (the parse has it)."""
    marks = _quotation_around(tok)
    if marks is None:
        return None
    opening, closing = marks
    sent_start, sent_end = index_of(tok.doc).sent_bounds(tok.i)
    ends = []
    if closing is not None and closing.i >= sent_end:
        ends.append(closing.doc[closing.i - 1])  # the last word of the quotation: the speaker follows it
    if opening.i < sent_start:
        ends.append(opening.doc[opening.i + 1])  # its first word: the speaker led into it
    for end in ends:
        a = attribute(end, cues, extent=(opening.i, (closing.i if closing is not None else len(tok.doc)) + 1),
                      quotes=False)
        if a.speaker != AUTHOR:
            return a.speaker, a.cue
    return None


def _quotation_around(tok: Token) -> tuple[Token, Token | None] | None:
    """The quotation marks around ``tok`` (the closing one may be missing: a quotation that goes on in
    the next paragraph), or None when ``tok`` is not quoted."""
    doc = tok.doc
    found = quotations(doc)  # in order and apart: only the last one opened before tok can hold it
    k = bisect_right(found, tok.i, key=lambda q: q[0]) - 1
    if k >= 0 and tok.i <= found[k][2]:
        opening, closing, _ = found[k]
        return doc[opening], doc[closing] if closing is not None else None
    return None


def quotations(doc: Doc) -> list[tuple[int, int | None, int]]:
    """Every quotation in ``doc`` as (opening mark, closing mark or None, last token inside), found once
    per Doc and kept in its ``user_data``. Straight quotes open and close by turns; a quotation still
    open at the end of its paragraph ends there (the next paragraph opens it again)."""
    found = doc.user_data.get(QUOTATIONS)
    if found is not None:
        return found
    found, opening = [], None
    for i, text in enumerate(index_of(doc).column("ORTH")):  # a token's white space is " " or none: no line break
        if opening is not None and (text in QUOTE_CLOSE or text in QUOTE_EITHER):
            found.append((opening, i, i - 1))
            opening = None
        elif text in QUOTE_OPEN or text in QUOTE_EITHER:
            if opening is not None:
                found.append((opening, None, i - 1))  # “... “...: the first is never closed
            opening = i
        if opening is not None and "\n" in text:
            found.append((opening, None, i))
            opening = None
    if opening is not None:
        found.append((opening, None, len(doc) - 1))
    doc.user_data[QUOTATIONS] = found
    return found


def speaker_name(tok: Token, cues: Cues) -> str | None:
    """How a speaker is named in the table: its linked entity, its named entity, a resolved 'he'/'she',
    an earlier organisation for 'the lender', else its noun phrase -- or None for things that do not speak.
    (Read once per token and Doc: every figure of a sentence may ask for the same speaker.)"""
    idx = index_of(tok.doc)
    key = ("speaker_name", id(cues), tok.i)
    if key not in idx.memo:
        idx.memo[key] = _speaker_name(tok, cues)
    return idx.memo[key]


def _speaker_name(tok: Token, cues: Cues) -> str | None:
    doc = tok.doc
    idx = index_of(doc)
    ent = _entity_of(tok)
    if ent is not None:
        ent = whole_name(ent, REFERENT_LABELS)
        return ent._.canonical or ent._.name or entity_name(ent)
    partitive = _partitive_of(tok)
    if partitive is not None:
        return speaker_name(partitive, cues)  # "a number of residents said", "one of the guests estimated"
    if is_coined_name(tok):
        return tok.text  # "9to5Mac reported", tagged as a number
    if _is_figure(tok):
        return None  # "25 percent said", "as many members reported": a share of those asked, not a source
    low = tok.lower_
    if _is_source(tok, cues):
        name = _source_speaker(tok, cues, None)  # "according to the ministry's statement" -> the ministry
        if name:
            return name
        if tok.dep_ == "nsubj" and cue_lemma(tok.head, cues) in cues.reporting_needs_clause:
            if _definite(tok):  # "the same figures show": the figures named before
                return _earlier_source(tok, cues, named=False) or _phrase(tok) or None
            return _phrase(tok) or None  # "official figures show"
    if tok.pos_ == "PRON":
        ahead = _cataphora(tok, cues)
        return speaker_name(ahead, cues) if ahead is not None else _antecedent(tok, cues)
    if tok.lemma_.lower() in cues.not_speakers or low in cues.not_speakers:
        return None
    if tok.lemma_.lower() in cues.coreferent and any(doc[j].lower_ == "the" for j in idx.deps(tok).get("det", ())):
        before = _last_entity(doc, "ORG", tok.i)
        while before is not None and _product(before):
            before = _last_entity(doc, "ORG", before.start)
        if before is not None and idx.sent_bounds(tok.i)[0] - before.start < 80:
            return before._.canonical or before._.name or entity_name(before)
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    return _sentence_phrase(tok) or None


def _sentence_phrase(tok: Token) -> str:
    """`_phrase` of ``tok``, its first word in lower case when it is a common noun that opens the sentence
    ("Officials in Kyiv said": as in "..., officials in Kyiv said")."""
    phrase = _phrase(tok)
    first = _first_word(tok)
    if first is not None and first.pos_ == "NOUN" and first.is_title and not first.ent_type_ \
            and tok.left_edge.i <= first.i <= tok.right_edge.i and phrase.startswith(first.text):
        phrase = phrase[0].lower() + phrase[1:]
    return phrase


PARTITIVES = WORDS.words("partitives")
FIGURE_LABELS = frozenset({"PERCENT", "MONEY", "QUANTITY", "CARDINAL"})


def _partitive_of(tok: Token) -> Token | None:
    """The group a partitive subject takes its speakers from: 'residents' in 'a number of residents', 'guests'
    in 'one of the guests'; None for other tokens."""
    if tok.lower_ not in PARTITIVES or tok.ent_type_ in REFERENT_LABELS:
        return None
    idx = index_of(tok.doc)
    prep = next((p for p in idx.children(tok, "prep") if p.lower_ == "of"), None)
    obj = idx.first_child(prep, "pobj") if prep is not None else None
    return obj if obj is not None and obj.pos_ in ("NOUN", "PROPN") else None


def is_coined_name(tok: Token) -> bool:
    """Is ``tok`` a name coined with digits that the tagger read as a number ('9to5Mac'): a number token
    with a capital letter and at least three letters?"""
    letters = [c for c in tok.text if c.isalpha()]
    return tok.pos_ == "NUM" and len(letters) >= 3 and any(c.isupper() for c in letters) \
        and any(c.isdigit() for c in tok.text)


def _is_figure(tok: Token) -> bool:
    """Is ``tok`` a figure or a compared count rather than someone who speaks: '25 percent', 'as many members',
    'more purchasers' (a partitive 'one of the guests' is read by `_partitive_of`)?"""
    idx = index_of(tok.doc)
    if tok.pos_ == "NUM" and not idx.has_child(tok, "prep") or tok.lemma_.lower() in ("percent", "%") \
            or tok.ent_type_ in FIGURE_LABELS and tok.pos_ in ("NOUN", "NUM", "SYM"):
        return True
    return any(c.lower_ in COMPARING_AMOUNTS and (c.tag_ in COMPARATIVE_TAGS or any(
        g.lower_ == "as" for g in idx.children(c))) for c in idx.children(tok, "amod"))


def _cataphora(pronoun: Token, cues: Cues) -> Token | None:
    """The subject a possessive stands for when it comes before it in its clause: 'In its latest poll, the
    bank found ...', 'In his speech, Putin said ...' (the first verb above the possessive, whose subject
    follows it and is a name or a speaker's noun); None otherwise."""
    if pronoun.tag_ != "PRP$" or pronoun.lower_ not in (cues.pronouns or {}):
        return None
    idx = index_of(pronoun.doc)
    verb = next((t for t in up(pronoun)[1:] if t.pos_ in ("VERB", "AUX")), None)
    subj = idx.first_child(verb, "nsubj") if verb is not None else None
    if subj is None or subj.left_edge.i <= pronoun.i or subj.pos_ == "PRON" or not _can_speak(subj, cues):
        return None
    return subj


def _product(ent: Span) -> bool:
    """Is an ORG entity a product named after its maker ('Apple Watch', 'Samsung Gear'): its first word is
    another ORG entity of the Doc on its own?"""
    if len(ent) < 2:
        return False
    first = ent[0].text
    return any(e.label_ == "ORG" and len(e) == 1 and e[0].text == first for e in _org_singletons(ent.doc))


def _org_singletons(doc: Doc) -> list[Span]:
    """The one-word ORG entities of ``doc`` (read once per Doc)."""
    idx = index_of(doc)
    found = idx.memo.get("org_singletons")
    if found is None:
        found = idx.memo["org_singletons"] = [e for e in doc.ents if e.label_ == "ORG" and len(e) == 1]
    return found


def _shouted(tok: Token, text: str) -> bool:
    """Is ``tok`` on a line written in capitals ('COMALCO SAYS LOWER COSTS HELP RETURN TO PROFITS')?"""
    if not tok.is_upper:
        return False
    line = text[text.rfind("\n", 0, tok.idx) + 1:text.find("\n", tok.idx) % (len(text) + 1)]
    letters = [c for c in line if c.isalpha()]
    return len(letters) > 12 and all(c.isupper() for c in letters)


NEAR = 80  # tokens back within which a pronoun's preferred kind of antecedent wins ('they': a group)
ENTITY_KINDS = {"PERSON": "person", "ORG": "organisation", "GPE": "organisation", "FAC": "organisation",
                "NORP": "group"}


def _antecedent(pronoun: Token, cues: Cues) -> str | None:
    """The speaker a pronoun ('he', 'it', 'they') stands for: the last compatible speaker named before it
    (a person for 'he'/'she', an organisation or country for 'it', anyone for 'they'): the last subject
    that is a named entity or a speaker's noun phrase ('the ministry said'); for 'he'/'she' failing that
    the last person named anywhere. None for other pronouns, or when nothing fits."""
    kinds = (cues.pronouns or {}).get(pronoun.lower_)
    if not kinds:
        return None
    table = _antecedents(pronoun.doc, cues)
    last = []  # (token, name) of the last antecedent of each kind, in the pronoun's order of preference
    for kind in kinds:
        rows = table.get(kind, [])
        k = bisect_right(rows, pronoun.i, key=lambda row: row[0]) - 1
        if k >= 0:
            last.append(rows[k])
    near = [row for row in last if pronoun.i - row[0] <= NEAR]
    if near or last:
        return (near or sorted(last))[0 if near else -1][1]  # the preferred kind nearby, else the latest
    if "person" in kinds:
        before = _last_entity(pronoun.doc, "PERSON", pronoun.i)
        if before is not None:
            return before._.canonical or before._.name or entity_name(before)
    if kinds[0] == "organisation":  # 'it' failing that: the last organisation named anywhere, or a name the text
        # gives a company suffix ('COMALCO SAYS ...\n\nComalco Ltd <CMAC.S> said ...\n    It said ...')
        before = _last_entity(pronoun.doc, "ORG", pronoun.i)
        while before is not None and _product(before):
            before = _last_entity(pronoun.doc, "ORG", before.start)
        company = _last_company(pronoun.doc, cues, pronoun.i)
        if company is not None and (before is None or company[0] >= before.end):
            return company[1]
        if before is not None:
            return before._.canonical or before._.name or entity_name(before)
    return None


def _last_company(doc: Doc, cues: Cues, before: int) -> tuple[int, str] | None:
    """(token, name) of the last company named with its suffix before token ``before`` ('Comalco Ltd')."""
    found = _company_suffixes(doc)
    k = bisect_right(found, before - 1) - 1
    if k < 0:
        return None
    i = found[k]
    start = i - 1
    while start > 0 and doc[start - 1].is_title and doc[start - 1].pos_ == "PROPN" \
            and "\n" not in doc[start - 1].text_with_ws:
        start -= 1
    return i, doc[start:i + 1].text


def _antecedents(doc: Doc, cues: Cues) -> dict[str, list[tuple[int, str]]]:
    """Kind -> (token, speaker name) of every subject a later pronoun may stand for, in text order: named
    entities that are subjects (or agents), and the noun phrases that are subjects of reporting verbs or
    name people ('officials said': kind 'group'; 'the minister spoke': 'person'). Read once per Doc."""
    idx = index_of(doc)
    key = ("antecedents", id(cues))
    found = idx.memo.get(key)
    if found is not None:
        return found
    found = idx.memo[key] = {}  # filled in text order: a possessive read on the way ('its report said')
    # sees the subjects before it
    reporting = cues.reporting | cues.reporting_needs_clause
    organisations = cues.organisation_nouns | cues.coreferent | cues.source_nouns
    text = original_text(doc)
    companies = _company_names(doc, cues)
    pos, dep, head = idx.column("POS"), idx.column("DEP"), idx.column("HEAD")
    for i, d in enumerate(dep):
        if pos[i] == "PRON" or not (d in ("nsubj", "nsubjpass") or d == "pobj" and dep[head[i]] == "agent"
                                    or d == "ROOT" and pos[i] == "NOUN" and _is_source(doc[i], cues)):
            continue
        tok = doc[i]
        if _shouted(tok, text):
            continue  # a headline in capitals: its tags and entities are guesses
        titled = _titled_person(tok) if d == "nsubj" else None
        ent = _entity_of(titled if titled is not None else tok)
        if ent is not None and ent.label_ in ENTITY_KINDS:
            name = ent._.canonical or ent._.name or entity_name(ent)
            kind = "organisation" if ent.label_ == "PERSON" and ent[-1].text in companies else ENTITY_KINDS[ent.label_]
            found.setdefault(kind, []).append((tok.i, name))
        elif tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("nsubj", "ROOT") and (
                tok.lemma_.lower() in cues.person_nouns
                or tok.head.pos_ in ("VERB", "AUX") and cue_lemma(tok.head, cues) in reporting
                or _is_source(tok, cues) and _named_source(tok) is not None):  # "a 2013 Fed report called ..."
            name = speaker_name(tok, cues)
            lemma = tok.lemma_.lower()
            kind = "group" if tok.tag_ in ("NNS", "NNPS") or lemma in cues.group_nouns \
                else "person" if lemma in cues.person_nouns \
                else "organisation" if lemma in organisations or tok.lower_ in organisations \
                else "name" if tok.tag_ == "NNP" and tok.is_title and tok.left_edge.i == tok.i == tok.right_edge.i \
                else "thing"  # 'name': a bare name the tagger did not recognise ('Babic said')
            if name:
                found.setdefault(kind, []).append((tok.i, name))
    idx.memo[key] = found
    return found


def _company_names(doc: Doc, cues: Cues) -> frozenset[str]:
    """The names the tagger took for people that the text shows to be companies: a PERSON entity followed
    by a company suffix ('Comalco Ltd said ... It said'): every mention of the name is an 'it'."""
    return frozenset(doc[i - 1].text for i in _company_suffixes(doc))


def _company_suffixes(doc: Doc) -> list[int]:
    """The tokens of ``doc`` that are a company suffix after a capitalised proper noun ('Comalco Ltd'), read
    once per Doc from the token columns."""
    idx = index_of(doc)
    key = "company_suffixes"
    found = idx.memo.get(key)
    if found is None:
        lower, title, pos = idx.column("LOWER"), idx.column("IS_TITLE"), idx.column("POS")
        found = idx.memo[key] = [i for i in range(1, len(lower)) if lower[i].rstrip(".") in LEGAL_SUFFIXES and title[i]
                                 and title[i - 1] and pos[i - 1] == "PROPN"]
    return found


def _first_word(tok: Token) -> Token | None:
    """The first token of the sentence of ``tok`` that is not punctuation (found once per sentence)."""
    idx = index_of(tok.doc)
    start, end = idx.sent_bounds(tok.i)
    key = ("first_word", start)
    if key not in idx.memo:
        idx.memo[key] = next((k for k in range(start, end) if not tok.doc[k].is_punct), None)
    k = idx.memo[key]
    return tok.doc[k] if k is not None else None


_ENTITY_ENDS = "geoclaims.entity_ends"  # user_data: label -> [(end, start)] of the Doc's entities, sorted


def _last_entity(doc: Doc, label: str, before: int) -> Span | None:
    """The last entity of ``label`` that ends at or before token ``before`` (the entity table is read once
    per Doc, kept as token offsets)."""
    table = doc.user_data.get(_ENTITY_ENDS)
    if table is None:
        table = {}
        for e in doc.ents:
            table.setdefault(e.label_, []).append([e.end, e.start])  # lists: user_data may go through msgpack
        doc.user_data[_ENTITY_ENDS] = table
    ends = table.get(label, [])
    k = bisect_right(ends, [before, len(doc)]) - 1
    if k < 0:
        return None
    end, start = ends[k]
    return Span(doc, start, end, label=label, kb_id=doc[start].ent_kb_id_)


def _entity_of(tok: Token) -> Span | None:
    """The named-entity span the token belongs to, or one of its compounds does ('Finance Minister
    Samir Sharifov': the head is inside the PERSON span); never across a blank line (a capitalised
    headline the model ran into the first name of the body)."""
    if tok.ent_type_ not in REFERENT_LABELS:
        return None
    doc, start, end = tok.doc, tok.i, tok.i + 1  # the span read off the IOB tags: doc.ents would build them all
    while start > 0 and doc[start].ent_iob_ == "I" and doc[start - 1].text_with_ws.count("\n") < 2:
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I" and doc[end - 1].text_with_ws.count("\n") < 2:
        end += 1
    ent = Span(doc, start, end, label=tok.ent_type_, kb_id=tok.ent_kb_id_)
    if ent.label_ == "NORP" and ent.root.i != tok.i:
        return None  # "Iranian state media": the adjective is not the speaker
    return ent


# ---------------------------------------------------------------------------- modality
def _modality(doc: Doc, path: list[int], cues: Cues, speaker: str) -> str:
    """The strongest modality cued on the claim's path (token indices) up to (and including) its reporting
    verb."""
    found: set[str] = set()
    if not path:
        return _strongest(found, speaker)
    idx = index_of(doc)
    # what one step of the path cues depends on the step alone: the paths of a sentence's figures meet below its
    # root, and each step is read once, kept by (token, token it came from) in a table per Cues (a path in a
    # degenerate parse is MAX_HOPS steps long, for every figure)
    key = ("modality_steps", id(cues))
    steps = idx.memo.get(key)
    if steps is None:
        steps = idx.memo[key] = {}
    came = -1
    for i in path:
        step = steps.get((i, came))
        if step is None:
            step = steps[(i, came)] = _modality_step(doc[i], doc[came] if came >= 0 else None, cues, idx)
        if step:
            found.update(step)
        came = i
    return _strongest(found, speaker)


def _modality_step(node: Token, came_from: Token | None, cues: Cues, idx: ParseIndex) -> frozenset[str]:
    """The modalities that ``node`` cues for a claim reached through its child ``came_from``."""
    found: set[str] = set()
    lemma = cue_lemma(node, cues)  # the lemma matters for verbs, and for nouns on the path ('target of')
    negated, denial, cued = _child_cues(node, cues)
    found.update(cued)
    if node.pos_ in ("VERB", "AUX"):
        into_complement = came_from is not None and came_from.dep_ in ("ccomp", "dobj", "xcomp", "nsubjpass")
        if lemma in cues.denial_verbs and into_complement:
            denial = True  # "denied that ...", "the claim ... has been debunked"
        if lemma in cues.hedge_verbs and came_from is not None and came_from.dep_ in ("xcomp", "ccomp"):
            found.add("hedged")
        if lemma in cues.hedge_passive and idx.has_child(node, "auxpass") \
                and came_from is not None and came_from.dep_ == "xcomp":
            found.add("hedged")  # "is said to", "is believed to"
        if lemma in cues.project_verbs and (came_from is None or came_from.dep_ in ("xcomp", "ccomp", "dobj")
                                            or idx.has_child(node, "auxpass")) \
                and not (lemma in cues.project_not_past and node.tag_ in ("VBD", "VBN")):
            found.add("projected")  # "plans to ship", "expects a deficit", "are projected at"; not
            # "drones targeted three refineries"
        if _set_phrase(node, cues) and came_from is not None and came_from.dep_ == "xcomp":
            found.add("projected")  # "is set to", "is expected to"
    elif lemma in cues.project_nouns and came_from is not None and came_from.dep_ == "prep":
        found.add("projected")  # "the government's target of 47,000"
    if negated != denial:
        found.add("denied")  # "did not reach", "denied that"; but "did not deny" is no denial
    return frozenset(found)


def _strongest(found: set[str], speaker: str) -> str:
    for modality in ("denied", "hedged", "projected"):
        if modality in found:
            return modality
    return "reported" if speaker != AUTHOR else "asserted"


def _sentence_modality(doc: Doc, start: int, end: int, cues: Cues, speaker: str) -> str:
    """The strongest modality cued anywhere in tokens ``start:end`` (a sentence that is itself the claim):
    `_modality` over all its tokens, read from the token columns; a Token is built only for its verbs."""
    idx = index_of(doc)
    negated, denials, cued = _fill_child_cues(doc, start, end, cues)
    pos, tags, lemmas, lower = idx.column("POS"), idx.column("TAG"), idx.column("LEMMA"), idx.column("LOWER")
    found: set[str] = set()
    for i in range(start, end):
        if i in cued:
            found.update(cued[i])
        denial = i in denials
        if pos[i] in ("VERB", "AUX"):
            lemma = _cue_lemma(lemmas[i], lower[i], pos[i], cues)
            if lemma in cues.denial_verbs:
                denial = True  # "denied that ...", "the claim ... has been debunked"
            if lemma in cues.hedge_verbs:
                found.add("hedged")
            if lemma in cues.hedge_passive and idx.has_child(doc[i], "auxpass") and idx.has_child(doc[i], "xcomp"):
                found.add("hedged")  # "is said to", "is believed to"
            if lemma in cues.project_verbs and not (lemma in cues.project_not_past and tags[i] in ("VBD", "VBN")):
                found.add("projected")  # "plans to ship", "expects a deficit"; not "drones targeted three refineries"
            if _starts_set_phrase(lower, i, cues):
                found.add("projected")  # "is set to", "is expected to"
        if (i in negated) != denial:
            found.add("denied")  # "did not reach", "denied that"; but "did not deny" is no denial
    return _strongest(found, speaker)


def _child_cues(node: Token, cues: Cues) -> tuple[bool, bool, frozenset[str]]:
    """What the children of ``node`` cue: (negated, denial word, modalities among hedged/projected), read from
    its sentence's table (`_fill_child_cues`, one pass over the sentence's token columns, kept per Doc): the
    root of a long sentence is on the path of every figure in it."""
    doc, i = node.doc, node.i
    sentence = _fill_child_cues(doc, *index_of(doc).sent_bounds(i), cues)
    return (i in sentence[0], i in sentence[1], frozenset(sentence[2].get(i, ()))) \
        if i in sentence[0] or i in sentence[1] or i in sentence[2] else NO_CUES


NO_CUES: tuple[bool, bool, frozenset[str]] = (False, False, frozenset())


# the dependency labels of the children `_child_cues` reads anything from
_CUE_DEPS = frozenset({"neg", "advmod", "det", "aux", "auxpass", "acomp", "attr", "oprd"})


def _fill_child_cues(doc: Doc, start: int, end: int, cues: Cues) -> tuple[set[int], set[int], dict[int, set[str]]]:
    """`_child_cues` of every token of ``doc[start:end]`` (a whole sentence) in one pass over the token
    columns: each token adds what it cues to its head's entry (a Token is built only for the rare child
    that needs a look at the parse). The same result as asking each token for its children, without a list
    of children per token. Returns the tokens negated, the tokens with a denial word, and the modalities
    cued per token; kept for `_child_cues`."""
    idx = index_of(doc)
    key = ("sentence_cues", id(cues), start)
    got = idx.memo.get(key)
    if got is not None:
        return got
    negated: set[int] = set()
    denial: set[int] = set()
    found: dict[int, set[str]] = {}
    deps, lower, heads, tags = idx.column("DEP"), idx.column("LOWER"), idx.column("HEAD"), idx.column("TAG")
    n = len(deps)
    for i in range(start, end):
        dep = deps[i]
        if dep not in _CUE_DEPS:
            continue  # no cue: not a negation, an auxiliary, an adverb or a predicate
        head = heads[i]
        if head == i:
            continue
        low = lower[i]
        # a negation: 'not', "n't", 'never', 'no' -- but not as part of a bound ('no more than 200 troops', 'not
        # later than May'), which the quantity's qualifier already reads
        if (dep == "neg" or dep in ("advmod", "det") and low in cues.negations and low in ("never", "no")) \
                and (i + 1 >= n or tags[i + 1] not in COMPARATIVE_TAGS):
            negated.add(head)
        elif dep in ("aux", "auxpass") and low in cues.hedge_aux or dep == "advmod" and low in cues.hedge_adverbs:
            found.setdefault(head, set()).add("hedged")
        elif dep == "aux" and low in cues.project_aux:
            found.setdefault(head, set()).add("projected")
        elif dep == "aux" and low in cues.project_reported_aux and _reported_future(doc[head], doc[i], cues):
            found.setdefault(head, set()).add("projected")
        elif dep in ("acomp", "attr", "oprd") and _is_denial_word(doc[i], cues):
            denial.add(head)
    got = idx.memo[key] = (negated, denial, found)
    return got


def _is_denial_word(tok: Token, cues: Cues) -> bool:
    """Is ``tok`` a predicate that calls its subject untrue? 'is false', 'are a hoax', 'has been called
    fake news' (a denial word, or an attribute described by one)."""
    if tok.dep_ not in ("acomp", "attr", "oprd"):
        return False
    deps = index_of(tok.doc).deps(tok)
    return tok.lower_ in cues.denial_words or tok.dep_ != "acomp" and any(
        tok.doc[j].lower_ in cues.denial_words for d in ("amod", "compound") for j in deps.get(d, ()))


def _reported_future(verb: Token, aux: Token, cues: Cues) -> bool:
    """Is ``aux`` ('would') on ``verb`` the reported form of 'will': in a clause a reporting verb governs,
    not before 'have' ('would have reached' is counterfactual)?"""
    if any(j > aux.i and verb.doc[j].lemma_.lower() == "have" for j in index_of(verb.doc).deps(verb).get("aux", ())):
        return False
    return verb.dep_ == "ccomp" and verb.head.i != verb.i and _is_reporting(verb.head, verb, cues)


def _denied_above(doc: Doc, path: list[int], stop: int, cues: Cues) -> bool:
    """Is the claim denied right above its speaker's cue ``path[stop - 1]`` (a path of token indices): by a
    denial verb whose object
    or passive subject that cue heads ('Ukraine disputed Russia's claim that ...', 'the ministry denied
    that the general said ...') or a denial word whose subject it heads ('Russia's claim that ... is
    false')? Not further up ('Officials rejected the plan, which the minister said would cost ...': the
    plan is rejected, not what it costs), and a negated denial is none."""
    if not 0 < stop < len(path):
        return False
    node, came_from = doc[path[stop]], doc[path[stop - 1]]
    negated, denial, _ = _child_cues(node, cues)
    if negated:
        return False
    if node.pos_ in ("VERB", "AUX") and cue_lemma(node, cues) in cues.denial_verbs \
            and came_from.dep_ in ("ccomp", "dobj", "nsubjpass"):
        return True
    return came_from.dep_ in ("nsubj", "nsubjpass") and denial


def cue_lemma(tok: Token, cues: Cues) -> str:
    """The token's lemma in lower case; for a verb the small model lemmatised wrongly ('hopes' -> 'hop'),
    the cue verb its inflected form comes from ('hopes', 'hoped', 'hoping' -> 'hope')."""
    return _cue_lemma(tok.lemma_, tok.lower_, tok.pos_, cues)


def _cue_lemma(lemma: str, low: str, pos: str, cues: Cues) -> str:
    """`cue_lemma` of a token given its lemma, lower-case form and part of speech."""
    lemma = lemma.lower()
    if lemma in cues.verbs or pos not in ("VERB", "AUX"):
        return lemma
    return _inflected_cue(low, cues.verbs) or lemma


@lru_cache(maxsize=2**16)
def _inflected_cue(low: str, verbs: frozenset[str]) -> str | None:
    """The cue verb of ``verbs`` the inflected form ``low`` comes from, or None (kept: verbs repeat)."""
    for suffix, replacement in INFLECTIONS:
        if low.endswith(suffix) and low[:-len(suffix)] + replacement in verbs:
            return low[:-len(suffix)] + replacement
    return None


def _set_phrase(verb: Token, cues: Cues) -> bool:
    """Does a set phrase ('set to', 'expected to') start at ``verb``? (Checked word by word: this runs on
    every verb of every sentence.)"""
    return _starts_set_phrase(index_of(verb.doc).column("LOWER"), verb.i, cues)


def _starts_set_phrase(lower: list[str], i: int, cues: Cues) -> bool:
    """`_set_phrase` at token ``i`` given the lower-case forms of the Doc's tokens."""
    low = lower[i]
    for phrase in cues.project_phrases:
        if phrase[0] != low or i + len(phrase) > len(lower):
            continue
        if all(lower[i + k] == word for k, word in enumerate(phrase[1:], 1)):
            return True
    return False


def attribute_sentence(sent: Span, cues: Cues) -> Attribution:
    """Attribution of a sentence that is itself the claim: the speaker from its root, the modality
    from cues anywhere in it ('The claim that ... is false' is denied however it is parsed)."""
    a = attribute(sent.root, cues)
    return Attribution(speaker=a.speaker, cue=a.cue,
                       modality=_sentence_modality(sent.doc, sent.start, sent.end, cues, a.speaker))


def attribute_text(doc: Doc, cues: Cues) -> Attribution:
    """One attribution for a whole text, unsplit: the speaker of the first sentence that names one, and
    the strongest modality over its sentences."""
    speaker, cue = AUTHOR, ""
    modalities = []
    with indexed(doc):
        for sent in doc.sents:
            a = attribute_sentence(sent, cues)
            modalities.append(a.modality)
            if speaker == AUTHOR and a.speaker != AUTHOR:
                speaker, cue = a.speaker, a.cue
    modalities.append(_text_modality(doc, cues))
    order = ("denied", "hedged", "projected", "reported", "asserted")
    modality = next((m for m in order if m in modalities), "asserted")
    if modality == "asserted" and speaker != AUTHOR:
        modality = "reported"
    return Attribution(speaker=speaker, cue=cue, modality=modality)


def _text_modality(doc: Doc, cues: Cues) -> str:
    """What words anywhere in a whole text say of it (``text_cues``): 'Hugh Hefner Dead?' asks, 'Death
    Hoax Circulates' denies, 'Alleged New Audio' hedges, 'Rumor: Apple Watch ...' and '...: CNN' report."""
    words = {t.lemma_.lower() for t in doc} | {t.lower_ for t in doc}
    if words & cues.text_denials:
        return "denied"
    if any(t.text == "?" or t.text.endswith("?") for t in doc) or words & cues.text_hedges:
        return "hedged"
    colons = [t.i for t in doc if t.text in (":", "--", "—")]
    if colons:
        head, tail = doc[:colons[0]], doc[colons[-1] + 1:]
        short = cues.colon_source_max
        for part in (head, tail):
            named = any(t.lower_ in cues.colon_sources for t in part) or any(
                e.label_ in ("PERSON", "ORG") and part.start <= e.start and e.end <= part.end for e in doc.ents)
            if 0 < len(part) <= short and named and len(doc) > len(part) + 3:
                return "reported"
    return "asserted"
