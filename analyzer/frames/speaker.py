"""``speaker``, ``speaker_cue`` and ``modality`` of a figure, resolved (FRAMES.md).

The clause-level reader is `analyzer.attribution.rules.attribute`: the nearest reporting verb or source noun
on the figure's path up the parse ('Putin said', 'the IMF's forecast of'), 'according to', a quotation that
runs over sentences, pronouns resolved to the last compatible speaker ('it said' -> the organisation). What
the figure's own clause does not say is resolved here, the first that applies:

1. a headline attribution, for a figure of the headline ('..., Ministry Says', '...: IMF', '..., says IMF');
2. the clause-level reader;
3. a relative clause on the figure's noun ('$4 billion, a figure the newspaper reported');
4. a participle ('with the IMF estimating growth at 3.2%');
5. a reporting clause the parse hung below the content ('..., officials said'; 'The budget had forecast
   demand would contribute 0.75 points'), or one it did not read as a verb, by word forms ('..., the
   filing shows.');
6. attribution inside the sentence, shared: another figure's reporting verb the figure hangs from too
   ('the survey found X, up Y from ...');
7. a continuing quotation ('"Trade grew 5%," Putin said. "It will double."'), also a quoted paragraph with no
   reporting clause after one that ended with a quotation;
8. the signature of an embedded post.

The modality is the clause-level one, made consistent with the speaker: an attributed figure is never
``asserted`` (``reported`` instead) and the author's never ``reported``.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from spacy.tokens import Token

from .._resources import word_lists
from ..attribution.rules import AUTHOR, Attribution, Cues, attribute, cue_lemma, quotations, speaker_name, speaker_of
from ..quantities.model import Quantity
from ..tree import VERBAL, index_of, up, up_ids
from .context import FrameContext

WORDS = word_lists("analyzer.frames")
OWN_SOURCE_PREPS = WORDS.ordered("own_source_preps")
HEADLINE_SOURCE_FILLERS = WORDS.ordered("headline_source_fillers")
ARTICLES = WORDS.ordered("articles")

BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")  # a blank line (not a wire story's indented line: its tables run on)
# a finished sentence that ends its line before an indented one ('... not."\n    ICI ...'), not before an item
# of a list ('... as follows.\n    - 8 pct bonds ...\n    - 8-1/4 pct bonds')
PARAGRAPH_END = re.compile(r"(?<=[.!?])[\"”’']?[^\S\n]*\n[^\S\n]{2,}(?=[^\s\-–—*•])")
# an embedded post: "... — Name (@handle) October 9, 2014"
SIGNATURE = re.compile(r"[—–-]{1,2}\s*([^\n()—–?!]{2,60}?)\s*\(@\w+\)\s*[A-Z][a-z]+\.? \d{1,2}, \d{4}")
SIGNATURE_REACH = 400  # characters from a figure to the signature of the post it is in
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
NOUN_POS = frozenset({"NOUN", "PROPN", "NUM", "SYM"})
APPOSED = frozenset({"appos", "npadvmod", "attr"})  # "$4 billion, a figure ...", "rose to 40, a number ..."
RELATIVE = frozenset({"relcl", "acl"})
NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP"})
HEAD_SEPARATORS = frozenset({",", ":", "-", "--", "—", "–", "|"})
HEAD_SOURCE_MAX = 5  # words of a headline's source ('Alliance', 'Russian economy ministry')
LEAD_INS = WORDS.words("lead_ins")  # '... as follows.' leads into the table after it
IRREGULAR = {"said": "say", "told": "tell", "found": "find", "wrote": "write"}
PARTICIPLE_REACH = 8  # words from 'with' to its participle ('with the International Monetary Fund estimating')


def assign(ctx: FrameContext, q: Quantity, cues: Cues, keep_in_entities: bool = False) -> None:
    """Set ``q.speaker``, ``q.speaker_cue`` and ``q.modality``; unless ``keep_in_entities``, the speaker leaves
    ``q.entities`` ('..., Putin said': the figure is not about Putin)."""
    a = _clause(ctx, q, cues)
    speaker, cue = a.speaker, a.cue
    found = _headline(ctx, q, cues) if q.start < ctx.headline_end else None
    if found is None and speaker == AUTHOR:
        found = _relative(ctx, q, cues) or _participle(ctx, q, cues) or _trailing(ctx, q, cues) \
            or _leading(ctx, q, cues) or _tail(ctx, q, cues) or _shared(ctx, q, cues) or _quotation(ctx, q, cues) \
            or _signature(ctx, q, cues) or _source_named_before(ctx, q)
    if found is not None:
        speaker, cue = found
    q.speaker, q.speaker_cue, q.modality = speaker, cue, consistent(a.modality, speaker)
    if not keep_in_entities:
        q.entities = [e for e in q.entities if e != speaker]


SOURCE_BACK = WORDS.words("source_back")  # "In that survey, ...": a source named before
SOURCE_BACK_NOUNS = WORDS.words("source_back_nouns")
SOURCE_BACK_REACH = 3  # figures back the source referred to may be


def _source_named_before(ctx: FrameContext, q: Quantity) -> tuple[str, str] | None:
    """'In that survey, the Conservatives had 39 pct': the figure comes from a source the text named before
    ("a poll by Harris for The Observer showed ..."): the speaker of the figure before it in its paragraph that
    has one, when the figure's clause opens with "in/from that (the, this) survey/poll/report"."""
    doc = ctx.doc
    start, _ = index_of(doc).sent_bounds(q.start)
    words = [t for t in doc[start:min(q.start, start + 6)] if not t.is_space]
    if len(words) < 3 or words[0].lower_ not in ("in", "from") or words[1].lower_ not in SOURCE_BACK:
        return None
    noun = next((t for t in words[1:4] if t.lemma_.lower() in SOURCE_BACK_NOUNS or t.lower_ in SOURCE_BACK_NOUNS),
                None)
    if noun is None or any(c.dep_ == "prep" and c.lower_ in OWN_SOURCE_PREPS for c in noun.children):
        return None  # "in a survey by Gallup": its own source, read elsewhere
    cue = f"{words[0].lower_} {words[1].lower_} {noun.lower_}"
    paragraph = ctx.paragraph_of(q.start)
    for other in ctx.figures_before(q, SOURCE_BACK_REACH):
        if other.start < paragraph[0]:
            break
        if other.speaker and other.speaker != AUTHOR:
            return other.speaker, cue
    if start > paragraph[0]:  # "A Harris poll published last Sunday gave ... In that survey, ...": that poll
        prev_start, _ = index_of(doc).sent_bounds(start - 1)
        for t in doc[prev_start:start]:
            if t.dep_ in SUBJECT_DEPS and (t.lemma_.lower() in SOURCE_BACK_NOUNS or t.lower_ in SOURCE_BACK_NOUNS):
                name = " ".join(c.text for c in t.lefts if c.dep_ in ("compound", "nmod") and not c.is_punct)
                return (f"{name} {t.text}".strip() if name else t.text), cue
    return None


def consistent(modality: str, speaker: str) -> str:
    """``modality`` as the speaker allows it: an attributed, unhedged figure is reported, the author's asserted."""
    if modality == "asserted" and speaker != AUTHOR:
        return "reported"
    if modality == "reported" and speaker == AUTHOR:
        return "asserted"
    return modality


# ---------------------------------------------------------------------------- the clause, once per figure
def _anchor(ctx: FrameContext, q: Quantity) -> Token:
    doc = ctx.doc
    return doc[q.anchor] if 0 <= q.anchor < len(doc) else doc[q.start]


def _clause(ctx: FrameContext, q: Quantity, cues: Cues) -> Attribution:
    """The clause-level attribution of ``q`` (kept: the other figures of its sentence read it too). A cue in
    another paragraph is none: a headline the parse ran into the first sentence of the body ('..., Ministry
    Says\n\nExports reached $5 billion') speaks for the headline's figures only."""
    key = ("speaker.clause", q.start, q.end)
    found = ctx.memo.get(key)
    if found is None:
        found = ctx.memo[key] = attribute(_anchor(ctx, q), cues, extent=(q.start, q.end),
                                          cue_ok=lambda at: _same_paragraph(ctx, at, q.start, cues))
    return found


def _same_paragraph(ctx: FrameContext, cue: int, figure: int, cues: Cues) -> bool:
    """Can a cue at token ``cue`` speak for a figure at token ``figure`` (one the parse ran into another
    paragraph)? Both in the headline or both out of it, and in the same block (between blank lines, or
    line breaks after a finished sentence before an indented line: wire text breaks its lines inside a
    paragraph and runs its tables on), unless the cue's block leads into the figure's with a colon or 'as
    follows.' ('The report stated:\n\nThe 45-year-old ...') or the figure's own block reports it with a verb
    whose subject the parse lost ('Henderson also said that ICI has about nine billion')."""
    if (cue < ctx.headline_end) != (figure < ctx.headline_end):
        return False
    blocks = _blocks(ctx)
    here, there = bisect_right(blocks, figure), bisect_right(blocks, cue)
    if here == there:
        return True
    if cue < figure and here == there + 1:
        words = [t for t in ctx.doc[cue:blocks[there]] if not t.is_space][-2:]
        if words and (words[-1].text == ":" or len(words) == 2 and words[0].lower_ in LEAD_INS
                      and words[1].text == "."):
            return True  # 'The report stated:', '... will be priced as follows.'
    start, end = blocks[here - 1] if here else 0, blocks[here] if here < len(blocks) else len(ctx.doc)
    idx = index_of(ctx.doc)
    return any(start <= t.i < end and t.pos_ in ("VERB", "AUX") and cue_lemma(t, cues) in cues.reporting
               and not idx.has_child(t, "nsubj") for t in up(ctx.doc[figure]))


def _blocks(ctx: FrameContext) -> list[int]:
    """The first token after each blank line of the Doc, or after a finished sentence that ends its line
    before an indented one ('... does not."\n    ICI's division ...'), ascending (read once per Doc)."""
    found = ctx.memo.get("speaker.blocks")
    if found is None:
        found = []
        if "\n" in ctx.text:
            starts = ctx.doc.to_array("IDX").tolist()  # each token's first character
            found = sorted({bisect_left(starts, m.end()) for pattern in (BLANK_LINE, PARAGRAPH_END)
                            for m in pattern.finditer(ctx.text)})
        ctx.memo["speaker.blocks"] = found
    return found


def _sentence_figures(ctx: FrameContext, q: Quantity) -> list[Quantity]:
    """The figures of the sentence of ``q`` (the Doc's figures grouped by sentence once)."""
    idx = index_of(ctx.doc)
    groups = ctx.memo.get("speaker.sentences")
    if groups is None:
        groups = ctx.memo["speaker.sentences"] = {}
        for other in ctx.doc._.quantities or ():
            groups.setdefault(idx.sent_bounds(other.start)[0], []).append(other)
    return groups.get(idx.sent_bounds(q.start)[0], [])


# ---------------------------------------------------------------------------- 1. headline
def _headline(ctx: FrameContext, q: Quantity, cues: Cues) -> tuple[str, str] | None:
    """The source a headline names for its figures: '..., Ministry Says', '..., says IMF', '...: IMF',
    'IMF: ...' (read once per Doc)."""
    found = ctx.memo.get("speaker.headline", False)
    if found is False:
        found = ctx.memo["speaker.headline"] = _read_headline(ctx, cues)
    if found is None:
        return None
    speaker, cue, lo, hi = found
    return (speaker, cue) if lo <= q.start < hi else None


def _read_headline(ctx: FrameContext, cues: Cues) -> tuple[str, str, int, int] | None:
    doc = ctx.doc
    words = [t for t in doc[:ctx.headline_end] if not t.is_space]
    seps = [k for k, t in enumerate(words) if t.text in HEAD_SEPARATORS and (
        t.text in (",", ":") or t.whitespace_ and k and words[k - 1].whitespace_)]  # not '41-year-old'
    if not seps:
        return None
    tail = words[seps[-1] + 1:]  # '..., Ministry Says', '..., says IMF', '...: IMF'
    if tail and len(tail) <= HEAD_SOURCE_MAX + 1:
        said = [k for k in (len(tail) - 1, 0) if _reports(tail[k], cues)]
        if said:
            k = said[0]
            source = tail[:k] if k else tail[1:]
            name = _headline_name(source, cues)
            if name:
                return name, tail[k].lower_, 0, words[seps[-1]].i
        elif words[seps[-1]].text != "," and _only_source(tail, cues):
            name = _headline_name(tail, cues)
            if name:
                return name, words[seps[-1]].text, 0, words[seps[-1]].i
    head = words[:seps[0]]  # 'IMF: growth to slow to 3%'
    if head and len(head) <= HEAD_SOURCE_MAX and words[seps[0]].text == ":" and _only_source(head, cues) \
            and _named(head):
        name = _headline_name(head, cues)
        if name:
            return name, ":", words[seps[0]].i, ctx.headline_end
    return None


def _reports(tok: Token, cues: Cues) -> bool:
    """Is ``tok`` a reporting verb as a headline writes it ('Says', 'ESTIMATES', 'warns', 'said')? Read by
    its form: a headline's parse and tags are unreliable."""
    low = IRREGULAR.get(tok.lower_, tok.lower_)
    stems = (low, low[:-1], low[:-2], low[:-1] + "e" if low.endswith("d") else "", low[:-3] + "y")
    return any(s in cues.reporting for s in stems if s) or \
        (tok.pos_ == "VERB" and cue_lemma(tok, cues) in cues.reporting)


def _named(words: list[Token]) -> bool:
    return any(t.ent_type_ in NAMED for t in words)


def _only_source(words: list[Token], cues: Cues) -> bool:
    """Are ``words`` a source and nothing else: names ('IMF', 'U.S. Agriculture Department') or source words
    ('...: poll', '... -- officials')?"""
    return any(t.ent_type_ in NAMED or t.lower_ in cues.colon_sources or _acronym(t) for t in words) and all(
        t.ent_type_ in NAMED or t.lower_ in cues.colon_sources and t.lower_ not in cues.text_hedges
        or t.lower_ in HEADLINE_SOURCE_FILLERS or t.is_title and t.pos_ in ("PROPN", "NOUN") or _acronym(t)
        for t in words)


def _acronym(tok: Token) -> bool:
    """'USDA', 'IMF' in a headline not written in capitals."""
    return tok.is_alpha and tok.is_upper and len(tok) > 1 and not all(
        t.is_upper for t in tok.sent if t.is_alpha and t.i < tok.i)


def _headline_name(words: list[Token], cues: Cues) -> str | None:
    """How a headline's source reads as a speaker: a linked or named entity's name ('IMF' -> 'International
    Monetary Fund'), else its words without 'the', in lower case unless written as an acronym."""
    words = [t for t in words if not t.is_punct and t.lower_ not in ARTICLES]
    if not words:
        return None
    named = [t for t in words if t.ent_type_ in NAMED and (t.ent_type_ != "NORP" or t is words[-1])]
    if named and words[0].ent_iob_ != "I":  # not an entity the model ran over the separator
        name = speaker_name(named[0], cues)
        if name:
            return name
    if any(t.lemma_.lower() in cues.not_speakers or t.lower_ in cues.not_speakers for t in words):
        return None
    return " ".join(t.text if t.ent_type_ or _acronym(t) else t.lower_ for t in words)


# ---------------------------------------------------------------------------- 3. relative clause
def _relative(ctx: FrameContext, q: Quantity, cues: Cues) -> tuple[str, str] | None:
    """A reporting relative clause or participle on the figure's noun or a noun set beside it: '$4 billion,
    a figure the newspaper reported', 'the 40 deaths confirmed by officials', 'rose to 40, a number that the
    ministry confirmed'. The clause's verb takes the noun as its object: it has no object or clause of its
    own besides a relative pronoun."""
    doc = ctx.doc
    idx = index_of(doc)
    pos = idx.column("POS")
    for node in up_ids(doc, _anchor(ctx, q).i, 6):
        # the figure's path, the nouns set beside it and the verbs of their relative clauses are read on the token
        # columns, in text order: a Token is built only for a verb (the path of a figure in a degenerate parse
        # is all numbers, each with a noun set beside it)
        nouns = [node] if pos[node] in NOUN_POS else []
        beside = idx.deps_at(node)
        nouns += sorted(j for d in APPOSED for j in beside.get(d, ()) if pos[j] in NOUN_POS and j >= q.end)
        for noun in nouns:
            clauses = idx.deps_at(noun)
            for j in sorted(j for d in RELATIVE for j in clauses.get(d, ()) if pos[j] in VERBAL):
                verb = doc[j]
                if cue_lemma(verb, cues) not in _relative_verbs(cues):
                    continue
                if any(c.dep_ in ("ccomp", "xcomp", "mark") or c.dep_ == "dobj" and c.tag_ not in ("WDT", "WP")
                       or c.tag_ == "WRB" for c in idx.children(verb)):
                    continue  # "... a year before Pierson testifies": no relative clause
                name = speaker_of(verb, cues, (q.start, q.end))
                if name:
                    return name, verb.lower_
        if pos[node] in VERBAL:
            break  # the figure's own clause ends here
    return None


def _relative_verbs(cues: Cues) -> frozenset[str]:
    """Reporting verbs that take the figure's noun as what they report, with 'relative_clause' of the cue
    lexicon: 'verbs' added ('publish': 'figures the ministry published'), 'not' removed (verbs whose object
    is a person: 'two fighters quoted by Israel Radio')."""
    more = cues.raw.get("relative_clause", {})
    return (cues.reporting | cues.reporting_needs_clause | frozenset(more.get("verbs", ()))) \
        - frozenset(more.get("not", ()))


# ---------------------------------------------------------------------------- 4. participle
def _participle(ctx: FrameContext, q: Quantity, cues: Cues) -> tuple[str, str] | None:
    """'with X estimating/saying/putting ...': X speaks for the figures after the participle, up to the end
    of the sentence (read by word forms once per sentence: the small model parses 'estimating' as a noun
    as often as a verb)."""
    idx = index_of(ctx.doc)
    start, end = idx.sent_bounds(q.start)
    key = ("speaker.participles", start)
    found = ctx.memo.get(key)
    if found is None:
        found = ctx.memo[key] = _read_participles(ctx, cues, start, end)
    for at, stop, name, cue in found:
        if at < q.start < stop:
            return name, cue
    return None


def _read_participles(ctx: FrameContext, cues: Cues, start: int, end: int) -> list[tuple[int, int, str, str]]:
    doc = ctx.doc
    verbs = cues.reporting | frozenset(cues.reporting_with_object)
    sources = cues.source_nouns | cues.person_nouns | cues.coreferent
    found = []
    for w in range(start, end):
        if doc[w].lower_ != "with":
            continue
        for v in range(w + 2, min(end, w + 2 + PARTICIPLE_REACH)):
            tok = doc[v]
            if tok.is_punct or tok.pos_ in ("VERB", "AUX") and not tok.lower_.endswith("ing"):
                break
            low = tok.lower_
            if not (low.endswith("ing") and (low[:-3] in verbs or low[:-3] + "e" in verbs)):
                continue
            stem = low[:-3] if low[:-3] in verbs else low[:-3] + "e"
            speaker = _participle_speaker(doc[w + 1:v], cues, sources, stem in cues.reporting_needs_clause)
            if speaker:
                stop = next((j for j in range(v + 1, end) if doc[j].text in (";", "—") or doc[j].lower_ == "with"),
                            end)
                found.append((v, stop, speaker, low))
            break
    return found


def _participle_speaker(words, cues: Cues, sources: frozenset[str], needs_source: bool) -> str | None:
    """The speaker of 'with <words> estimating': its named entity, else its last noun if that names a source,
    a person or an organisation ('with analysts expecting', 'with the survey showing'; not 'with the mole
    near her elbow showing'). A verb that reports only a clause ('show', 'find') needs a source noun."""
    nouns = [t for t in words if t.pos_ in ("NOUN", "PROPN")]
    if not nouns:
        return None
    head = nouns[-1]
    lemma = head.lemma_.lower()
    if needs_source and lemma not in cues.source_nouns and head.lower_ not in cues.source_nouns:
        return None
    named = [t for t in words if t.ent_type_ in NAMED]
    if named and not needs_source:
        head = named[-1]
    elif lemma not in sources and head.lower_ not in sources:
        return None
    return speaker_name(head, cues)


# ---------------------------------------------------------------------------- trailing reporting clause
def _trailing(ctx: FrameContext, q: Quantity, cues: Cues) -> tuple[str, str] | None:
    """A reporting clause after the figure that the parse hung from the figure's clause instead of above it:
    '..., 9to5Mac reported, adding ...' as a conjunct, '..., officials said' as parataxis. The verb has a
    subject right after a comma and no content of its own."""
    return _below_top(ctx, q, cues, _read_trailing, after=True)


def _below_top(ctx: FrameContext, q: Quantity, cues: Cues, read, after: bool) -> tuple[str, str] | None:
    """(speaker, cue) of the reporting verb ``read`` finds below the top of the figure's clause (read once
    per top and reader), when the verb lies after the figure (``after``) or before it, off the figure's path."""
    anchor = _anchor(ctx, q).i
    path = ctx.memo.get(("speaker.path", anchor))  # read once per anchor (the trailing and leading readers both
    if path is None:  # ask; a path in a degenerate parse is MAX_HOPS steps long)
        path = ctx.memo[("speaker.path", anchor)] = up_ids(ctx.doc, anchor)
    top = path[-1]
    key = ("speaker." + read.__name__, top)
    found = ctx.memo.get(key, False)
    if found is False:
        found = ctx.memo[key] = read(ctx, ctx.doc[top], cues)
    if found is None or (found[0] < q.end if after else found[0] > q.start) or found[0] in path:
        return None
    return found[1], ctx.doc[found[0]].lower_


def _read_trailing(ctx: FrameContext, top: Token, cues: Cues) -> tuple[int, str] | None:
    idx = index_of(ctx.doc)
    verbs = cues.reporting | cues.reporting_needs_clause
    for verb in idx.children(top, "conj", "parataxis", "ccomp", "advcl"):
        if verb.pos_ not in ("VERB", "AUX") or cue_lemma(verb, cues) not in verbs \
                or idx.has_child(verb, "ccomp", "dobj", "xcomp", "mark"):
            continue
        subj = idx.first_child(verb, "nsubj")
        if subj is None or subj.i > verb.i or subj.left_edge.i == 0 or ctx.doc[subj.left_edge.i - 1].text != ",":
            continue
        name = speaker_name(subj, cues)  # also '9to5Mac', tagged as a number
        if name:
            return verb.i, name
    return None


# ---------------------------------------------------------------------------- leading reporting clause
def _leading(ctx: FrameContext, q: Quantity, cues: Cues) -> tuple[str, str] | None:
    """A reporting clause before the figure that the parse hung below the content, taking the content's
    subject as its object: 'The August budget had forecast domestic demand would contribute 0.75 points'
    (ROOT 'contribute' with no subject of its own, 'forecast' its complement). The verb has a subject before
    it and no clause of its own, and the figure is not inside it (read once per clause top)."""
    return _below_top(ctx, q, cues, _read_leading, after=False)


def _read_leading(ctx: FrameContext, top: Token, cues: Cues) -> tuple[int, str] | None:
    idx = index_of(ctx.doc)
    if top.pos_ not in ("VERB", "AUX") or idx.has_child(top, *SUBJECT_DEPS, "expl"):
        return None
    for verb in idx.children(top, "ccomp"):
        if verb.i > top.i or verb.pos_ not in ("VERB", "AUX") or cue_lemma(verb, cues) not in cues.reporting \
                or cue_lemma(verb, cues) in cues.reporting_needs_clause \
                or idx.has_child(verb, "ccomp", "xcomp", "mark"):
            continue
        obj = idx.first_child(verb, "dobj")  # the content's subject, right before the content's verb
        between = ctx.doc[obj.right_edge.i + 1:top.i] if obj is not None else ()
        if obj is None or obj.i < verb.i or not all(t.dep_ in ("aux", "auxpass", "neg", "advmod") or t.is_space
                                                    for t in between):
            continue
        subj = idx.first_child(verb, "nsubj")
        name = speaker_name(subj, cues) if subj is not None and subj.i < verb.i else None
        if name:
            return verb.i, name
    return None


# ---------------------------------------------------------------------------- a sentence's tail, by word forms
TAIL_WORDS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "PART", "NUM"})


def _tail(ctx: FrameContext, q: Quantity, cues: Cues) -> tuple[str, str] | None:
    """'..., the filing shows.', '..., officials said.' read by word forms when the parse did not make the last
    word a verb (it tags 'shows' a plural noun set beside the figure): after the sentence's last comma, a
    short noun phrase (HEAD_SOURCE_MAX words at most) and a reporting verb form, then only the full stop.
    It speaks for the figures before that comma (read once per sentence)."""
    idx = index_of(ctx.doc)
    start, end = idx.sent_bounds(q.start)
    key = ("speaker.tail", start)
    found = ctx.memo.get(key, False)
    if found is False:
        found = ctx.memo[key] = _read_tail(ctx, cues, start, end)
    if found is None or q.end > found[0]:
        return None
    return found[1], found[2]


def _read_tail(ctx: FrameContext, cues: Cues, start: int, end: int) -> tuple[int, str, str] | None:
    doc = ctx.doc
    words = [t for t in doc[start:end] if not t.is_space]
    while words and words[-1].is_punct and words[-1].text not in (",", "'", '"', "”", "’"):
        words.pop()
    if len(words) < 4 or not _reports(words[-1], cues) or words[-1].pos_ in ("VERB", "AUX"):
        return None  # a verb the parse has: the clause-level reader's
    comma = next((k for k in range(len(words) - 2, -1, -1) if words[k].text == ","), None)
    if comma is None or not 1 <= len(words) - 2 - comma <= HEAD_SOURCE_MAX:
        return None
    source = words[comma + 1:-1]
    if not all(t.pos_ in TAIL_WORDS for t in source):
        return None
    named = [t for t in source if t.ent_type_ in NAMED]
    head = named[0] if named else next((t for t in reversed(source) if t.pos_ in ("NOUN", "PROPN")), None)
    name = speaker_name(head, cues) if head is not None else None
    return (words[comma].i, name, words[-1].lower_) if name else None


# ---------------------------------------------------------------------------- embedded posts
def _signature(ctx: FrameContext, q: Quantity, cues: Cues) -> tuple[str, str] | None:
    """The author of an embedded post the figure is in: '... $2 Million Bugatti ...\n\n— Stef Stivala
    (@stefstivala) October 9, 2014' (the first signature after the figure, in its block or set apart from it
    by one blank line, within reach)."""
    found = ctx.memo.get("speaker.signatures")
    if found is None:
        found = ctx.memo["speaker.signatures"] = [(m.start(), m.group(1).strip()) for m in SIGNATURE.finditer(ctx.text)]
    if not found:
        return None
    k = bisect_left(found, (q.end_char, ""))
    if k == len(found) or found[k][0] - q.end_char > SIGNATURE_REACH:
        return None
    at, name = found[k]
    blank = BLANK_LINE.search(ctx.text, q.end_char, at)  # none, or the one that sets the signature apart
    if blank and (blank.end() != at or BLANK_LINE.search(ctx.text, q.end_char, blank.start())) \
            or k and found[k - 1][0] > q.start_char:
        return None
    name = name.strip(" .")
    return (name, "—") if name else None


# ---------------------------------------------------------------------------- 5. shared in the sentence
def _shared(ctx: FrameContext, q: Quantity, cues: Cues) -> tuple[str, str] | None:
    """The speaker of another figure of the sentence whose reporting verb this figure hangs from as well,
    other than as its subject or through a clause with a subject of its own: 'The survey found 40% of voters
    back the plan, up 5 points from March' (the 5 points hang from 'found'), not '..., while turnout
    reached 60%'."""
    idx = index_of(ctx.doc)
    start = idx.sent_bounds(q.start)[0]
    key = ("speaker.cues", start)
    said = ctx.memo.get(key)
    if said is None:  # the cues of the sentence's attributed figures, read once per sentence
        said = ctx.memo[key] = {}
        for other in _sentence_figures(ctx, q):
            a = _clause(ctx, other, cues)
            if a.speaker != AUTHOR and a.at >= 0:
                said.setdefault(a.at, a)
    if not said:
        return None
    path = up(_anchor(ctx, q))
    for k in range(1, len(path)):
        said_here = said.get(path[k].i)
        if said_here is None:
            continue
        a = said_here
        came = path[k - 1]
        if came.dep_ in SUBJECT_DEPS or came.dep_ != "ccomp" and idx.has_child(came, *SUBJECT_DEPS) \
                or not _same_paragraph(ctx, a.at, q.start, cues):
            return None  # "..., while turnout reached 60%": a clause of its own
        return a.speaker, a.cue
    return None


# ---------------------------------------------------------------------------- 6. continuing quotation
def _quotation(ctx: FrameContext, q: Quantity, cues: Cues) -> tuple[str, str] | None:
    """The speaker of the quotation a quoted figure continues: the one just before it in its paragraph
    ('"Trade grew 5%," Putin said. "It will double."'), or the one left open at the end of the paragraph
    before ('... "Trade grew 5%.\\n\\n"It will double."')."""
    found = quotations(ctx.doc)
    k = bisect_right(found, q.start, key=lambda row: row[0]) - 1
    if k < 1 or q.start > found[k][2] or not _continues(ctx, found[k - 1], found[k]):
        return None  # its own speaker, if any, is the clause-level reader's
    return _quotation_speaker(ctx, cues, found, k - 1)


def _quotation_speaker(ctx: FrameContext, cues: Cues, found: list, k: int) -> tuple[str, str] | None:
    """The speaker of quotation ``k``: its own, else that of the one it continues, back along the chain
    (each quotation read once per Doc)."""
    chain, got = [], None
    for j in range(k, -1, -1):
        if ("speaker.quotation", j) in ctx.memo:
            got = ctx.memo["speaker.quotation", j]
            break
        chain.append(j)
        got = _own_speaker(ctx, cues, found[j])
        if got is not None or j == 0 or not _continues(ctx, found[j - 1], found[j]):
            break
    for j in chain:
        ctx.memo["speaker.quotation", j] = got
    return got


def _own_speaker(ctx: FrameContext, cues: Cues, quote: tuple[int, int | None, int]) -> tuple[str, str] | None:
    """Who a quotation's own sentence says spoke it, read from its first and last word."""
    doc = ctx.doc
    opening, closing, last = quote
    extent = (opening, (closing if closing is not None else last) + 1)
    words = [j for j in range(opening + 1, last + 1) if not doc[j].is_punct and not doc[j].is_space]
    for j in (words[0], last) if words else (last,):
        a = attribute(doc[j], cues, extent=extent)
        if a.speaker != AUTHOR:
            return a.speaker, a.cue
    return None


def _continues(ctx: FrameContext, before: tuple[int, int | None, int], quote: tuple[int, int | None, int]) -> bool:
    """Does quotation ``quote`` continue ``before``: left open at the end of the paragraph before and opened
    again at the start of its own, or closed in the same paragraph, in the sentence before or its own?"""
    opening = quote[0]
    start, _ = ctx.paragraph_of(opening)
    if before[1] is None:
        return opening == start and ctx.paragraph_of(before[2])[1] == start
    idx = index_of(ctx.doc)
    if ctx.paragraph_of(before[1])[0] == start:
        return idx.sent_bounds(before[1])[1] >= idx.sent_bounds(opening)[0]
    return opening == start and start > 0 and ctx.paragraph_of(start - 1)[0] <= before[1] \
        and _whole_paragraph(ctx, quote)


def _whole_paragraph(ctx: FrameContext, quote: tuple[int, int | None, int]) -> bool:
    """Is ``quote`` its paragraph, with nothing after it but punctuation: a quoted paragraph with no
    reporting clause, which goes on with the speaker of the quotation that ended the paragraph before
    ('... ," said the mayor.\n\n"We lost four buses."')."""
    end = ctx.paragraph_of(quote[0])[1]
    after = quote[1] + 1 if quote[1] is not None else quote[2] + 1
    return all(t.is_punct or t.is_space for t in ctx.doc[after:end])
