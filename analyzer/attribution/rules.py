"""Who asserts a claim and how firmly, read from the dependency parse with the cues of
``data/attribution.json``."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span, Token

from .._resources import data_file, read_json, require
from ..text import entity_name, noun_phrase

AUTHOR = "author"
MODALITIES = ("asserted", "hedged", "projected", "reported", "denied")
SPEAKER_PREPS = frozenset({"of", "in", "at", "from", "for"})  # "officials in Kyiv"
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})


@dataclass(frozen=True)
class Cues:
    """attribution.json in the shapes the rules look things up in."""

    raw: dict[str, Any]
    reporting: frozenset[str]
    reporting_with_object: dict[str, frozenset[str]]
    reporting_needs_clause: frozenset[str]
    according_to: tuple[tuple[str, ...], ...]
    coreferent: frozenset[str]
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

    @classmethod
    def from_file(cls, path: str | Path | None = None) -> Cues:
        path = Path(path) if path is not None else data_file("analyzer.attribution", "attribution.json")
        raw = read_json(path)
        where = str(path)
        mod = require(raw, "modality", dict, where)
        den = require(mod, "denied", dict, f"{where}: modality")
        hed = require(mod, "hedged", dict, f"{where}: modality")
        pro = require(mod, "projected", dict, f"{where}: modality")
        fs = frozenset
        return cls(
            raw=raw,
            reporting=fs(require(raw, "reporting_verbs", list, where)),
            reporting_with_object={k: fs(v) for k, v in require(raw, "reporting_with_object", dict, where).items()},
            reporting_needs_clause=fs(require(raw, "reporting_needs_clause", list, where)),
            according_to=tuple(tuple(p.lower().split()) for p in require(raw, "according_to", list, where)),
            coreferent=fs(require(raw, "coreferent_nouns", list, where)),
            person_pronouns=fs(require(raw, "person_pronouns", list, where)),
            not_speakers=fs(require(raw, "not_speakers", list, where)),
            negations=fs(den["negations"]), denial_verbs=fs(den["verbs"]), denial_words=fs(den["words"]),
            hedge_aux=fs(hed["auxiliaries"]), hedge_adverbs=fs(hed["adverbs"]), hedge_verbs=fs(hed["verbs"]),
            hedge_passive=fs(hed["passive_reporting"]),
            project_aux=fs(pro["auxiliaries"]), project_verbs=fs(pro["verbs"]), project_nouns=fs(pro["nouns"]),
            project_phrases=tuple(tuple(p.lower().split()) for p in pro["set_phrases"]),
        )


@dataclass(frozen=True)
class Attribution:
    """Who asserts a claim (``speaker``, and the word that says so) and how firmly (``modality``)."""

    speaker: str
    cue: str
    modality: str


def attribute(anchor: Token, cues: Cues, extent: tuple[int, int] | None = None) -> Attribution:
    """Attribution of the claim that hangs from ``anchor`` (a quantity's anchor token, or a sentence
    root). ``extent``: the claim's own tokens, which can never be its speaker."""
    path = [anchor, *anchor.ancestors]
    speaker, cue, stop = AUTHOR, "", len(path)
    for k, node in enumerate(path):
        came_from = path[k - 1] if k else None
        if _is_reporting(node, came_from, cues):
            name = _speaker_of(node, cues, extent, not_this=came_from)
            if name:
                speaker, cue, stop = name, node.lower_, k + 1
                break
    if speaker == AUTHOR:
        found = _according_to(anchor.sent, cues, extent)
        if found:
            speaker, cue = found
    modality = _modality(path[:stop], cues, speaker)
    return Attribution(speaker=speaker, cue=cue, modality=modality)


# ---------------------------------------------------------------------------- speaker
def _is_reporting(tok: Token, came_from: Token | None, cues: Cues) -> bool:
    """Is ``tok`` a reporting verb for a claim reached through its child ``came_from``?"""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    lemma = tok.lemma_.lower()
    if lemma in cues.reporting_needs_clause:
        return came_from is not None and came_from.dep_ == "ccomp"
    if lemma in cues.reporting:
        return True
    objects = cues.reporting_with_object.get(lemma)
    return bool(objects) and any(c.dep_ == "dobj" and c.lemma_.lower() in objects for c in tok.children)


def _speaker_of(verb: Token, cues: Cues, extent: tuple[int, int] | None, not_this: Token | None = None) -> str | None:
    """The speaker named by a reporting verb: its subject, the agent of a passive ('was announced by X'),
    or the subject of the verb it depends on ('..., putting the figure at 7,000'). ``not_this``: the
    child the claim came through, which is the claim, not its speaker ('exports rose, analysts said'
    misparsed with two subjects)."""
    node: Token | None = verb
    for _ in range(4):
        if node is None:
            return None
        subj = next((c for c in node.children if c.dep_ == "nsubj" and (not_this is None or c.i != not_this.i)), None)
        if subj is None and not_this is not None and not_this.dep_ in ("nsubj", "nsubjpass") and node is verb:
            return None  # the claim is the reporting verb's only subject: it reports, it is not reported
        if subj is None:
            agent = next((c for c in node.children if c.dep_ == "agent"), None)
            subj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        if subj is not None:
            if extent is not None and extent[0] <= subj.i < extent[1]:
                return None
            return speaker_name(subj, cues)
        if any(c.dep_ == "nsubjpass" for c in node.children):
            return None  # "is projected to reach ...": a passive without its agent names no one
        node = node.head if node.dep_ in ("advcl", "xcomp", "conj", "pcomp") and node.head.i != node.i else None
    return None


def _according_to(sent: Span, cues: Cues, extent: tuple[int, int] | None) -> tuple[str, str] | None:
    words = [t.lower_ for t in sent]
    for phrase in cues.according_to:
        n = len(phrase)
        for k in range(len(words) - n + 1):
            if tuple(words[k:k + n]) == phrase:
                last = sent[k + n - 1]
                obj = next((c for c in last.children if c.dep_ == "pobj"), None)
                if obj is None and k + n < len(sent):
                    obj = sent[k + n]
                    while obj.head.i != obj.i and obj.head.i > obj.i and obj.head.i < sent.end and \
                            obj.dep_ in ("det", "compound", "amod", "poss", "case"):
                        obj = obj.head
                if obj is not None and not (extent and extent[0] <= obj.i < extent[1]):
                    name = speaker_name(obj, cues)
                    if name:
                        return name, " ".join(phrase)
    return None


def speaker_name(tok: Token, cues: Cues) -> str | None:
    """How a speaker is named in the table: its linked entity, its named entity, a resolved 'he'/'she',
    an earlier organisation for 'the lender', else its noun phrase -- or None for things that do not speak."""
    doc = tok.doc
    ent = _entity_of(tok)
    if ent is not None:
        return ent._.canonical or entity_name(ent)
    low = tok.lower_
    if tok.pos_ == "PRON":
        if low in cues.person_pronouns:
            before = [e for e in doc.ents if e.label_ == "PERSON" and e.end <= tok.i]
            if before:
                return before[-1]._.canonical or entity_name(before[-1])
        return None
    if tok.lemma_.lower() in cues.not_speakers or low in cues.not_speakers:
        return None
    if tok.lemma_.lower() in cues.coreferent and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        before = [e for e in doc.ents if e.label_ == "ORG" and e.end <= tok.i and tok.sent.start - e.start < 80]
        if before:
            return before[-1]._.canonical or entity_name(before[-1])
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    return noun_phrase(tok, preps=SPEAKER_PREPS) or None


def _entity_of(tok: Token) -> Span | None:
    """The named-entity span the token belongs to, or one of its compounds does ('Finance Minister
    Samir Sharifov': the head is inside the PERSON span)."""
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end and ent.label_ in NAME_LABELS:
            if ent.label_ == "NORP" and ent.root.i != tok.i:
                return None  # "Iranian state media": the adjective is not the speaker
            return ent
    return None


# ---------------------------------------------------------------------------- modality
def _modality(path: list[Token], cues: Cues, speaker: str, whole: bool = False) -> str:
    """The strongest modality cued on the claim's path up to (and including) its reporting verb; with
    ``whole``, cued anywhere in ``path`` (all tokens of a sentence that is itself the claim)."""
    found = set()
    for k, node in enumerate(path):
        came_from = path[k - 1] if k and not whole else None
        lemma = node.lemma_.lower()
        for child in node.children:
            low, dep = child.lower_, child.dep_
            if dep == "neg" or (dep in ("advmod", "det") and low in cues.negations and low in ("never", "no")):
                found.add("denied")
            elif dep in ("aux", "auxpass") and low in cues.hedge_aux:
                found.add("hedged")
            elif dep == "advmod" and low in cues.hedge_adverbs:
                found.add("hedged")
            elif dep == "aux" and low in cues.project_aux:
                found.add("projected")
            elif dep in ("acomp", "attr") and low in cues.denial_words:
                found.add("denied")
        if node.pos_ in ("VERB", "AUX"):
            into_complement = came_from is not None and came_from.dep_ in ("ccomp", "dobj", "xcomp")
            if lemma in cues.denial_verbs and (whole or into_complement):
                found.add("denied")
            if lemma in cues.hedge_verbs and (whole or came_from is not None and came_from.dep_ in ("xcomp", "ccomp")):
                found.add("hedged")
            if lemma in cues.hedge_passive and any(c.dep_ == "auxpass" for c in node.children) \
                    and (whole and any(c.dep_ == "xcomp" for c in node.children)
                         or came_from is not None and came_from.dep_ == "xcomp"):
                found.add("hedged")  # "is said to", "is believed to"
            if lemma in cues.project_verbs and (came_from is None or came_from.dep_ in ("xcomp", "ccomp", "dobj")
                                                or any(c.dep_ == "auxpass" for c in node.children)):
                found.add("projected")  # "plans to ship", "expects a deficit", "are projected at"
            if _set_phrase(node, cues) and (whole or came_from is not None and came_from.dep_ == "xcomp"):
                found.add("projected")  # "is set to", "is expected to"
        elif lemma in cues.project_nouns and not whole and came_from is not None and came_from.dep_ == "prep":
            found.add("projected")  # "the government's target of 47,000"
    for modality in ("denied", "hedged", "projected"):
        if modality in found:
            return modality
    return "reported" if speaker != AUTHOR else "asserted"


def _set_phrase(verb: Token, cues: Cues) -> bool:
    doc = verb.doc
    for phrase in cues.project_phrases:
        n = len(phrase)
        if verb.i + n <= len(doc) and tuple(t.lower_ for t in doc[verb.i:verb.i + n]) == phrase:
            return True
    return False


def attribute_sentence(sent: Span, cues: Cues) -> Attribution:
    """Attribution of a sentence that is itself the claim: the speaker from its root, the modality
    from cues anywhere in it ('The claim that ... is false' is denied however it is parsed)."""
    a = attribute(sent.root, cues)
    return Attribution(speaker=a.speaker, cue=a.cue, modality=_modality(list(sent), cues, a.speaker, whole=True))


def attribute_text(doc: Doc, cues: Cues) -> Attribution:
    """One attribution for a whole text, unsplit: the speaker of the first sentence that names one, and
    the strongest modality over its sentences."""
    speaker, cue = AUTHOR, ""
    modalities = []
    for sent in doc.sents:
        a = attribute_sentence(sent, cues)
        modalities.append(a.modality)
        if speaker == AUTHOR and a.speaker != AUTHOR:
            speaker, cue = a.speaker, a.cue
    order = ("denied", "hedged", "projected", "reported", "asserted")
    modality = next((m for m in order if m in modalities), "asserted")
    if modality == "asserted" and speaker != AUTHOR:
        modality = "reported"
    return Attribution(speaker=speaker, cue=cue, modality=modality)
