"""``subject``: the entities a figure is about (FRAMES.md): whose trade, troops, budget, vote share, output.

Read from the parse around the measured noun (``q.measured``, set by `analyzer.frames.measure`) and the figure's
clause, in this order; the first source that names someone wins:

1. the thing a size, weight or price describes ("the 300-pound K5", "a crater 39 feet across");
2. the measured noun's owners: its possessor ("Russia's exports", "its workforce", "the company's income"),
   entity adjectives and compounds ("Russian gas", "Azerbaijani-Russian trade"), a counted demonym ("500
   Britons"), a name it stands beside ("Mubi, a town of 200,000 people"), entities attached by
   of/between/from/to/with ("exports of Iran", "trade between A and B"), with the places "in" attaches
   ("enterprises operating in Azerbaijan"; not for people: "US troops in Afghanistan"); else a name written
   right before the figure in a list ("Burlington by 2.6%");
3. the subject of the clause that carries the figure ("Estonia spends 3.4%", "Spain lags at 1.3"; a relative
   clause takes its noun: "Ford, which has 13,000 workers"), with its coordinated names, a resolved pronoun,
   "the company" as the organisation the text names most, a capital that acts as its country ("Manila hopes
   to ..."), and the other side of a transfer ("paid Ukraine", "bought from Iran"); never a reporting verb's
   subject or a source of figures ("an assessment puts output at");
4. weaker owners (an unlinked organisation compounded with the measure, a common noun's possession as
   written) and the place the clause is in or a group's verb takes ("In Syria, 3,000 died"; "fled Libya");
5. for a relation ("trade", "the relationship") the two countries the paragraph, else the document, names
   most; else the entity the document names most (the headline counts twice, a tie goes to the one named
   first, quoted officials do not count); else the clause's unlinked holder as written ("the club").

Linked entities are given by canonical name; an unlinked holder by its noun phrase as written ("the company",
"Chris Wood"). A figure about the world or nobody in particular has none.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from spacy.tokens import Token

from .._resources import word_lists
from ..entities.gazetteer import fold
from ..quantities.context import change_noun, unique
from ..quantities.model import Quantity
from ..text import join_tokens, name_without_suffix, whole_name
from ..tree import MAX_HOPS, index_of, kids
from .clause import RELATIVE, clause_subject, figure_clause, own_subject
from .context import FrameContext
from .measure import deal_verb, described_thing

WORDS = word_lists("analyzer.frames")
DEMONSTRATIVES = WORDS.ordered("demonstratives")
ANTECEDENT_PRONOUNS = WORDS.ordered("antecedent_pronouns")
HOLDER_DETERMINERS = WORDS.ordered("holder_determiners")
PLACE_PREPS = WORDS.ordered("place_preps")

ATTACHING = WORDS.words("attaching")
WEAK = WORDS.words("weak")  # attachments that name a place or party, not an owner
RELATION = "@relation"
MAX_BACK = 200  # tokens a pronoun looks back for its antecedent at most
POSSESSIVE_PRONOUNS = {"its": "it", "their": "they", "his": "he", "her": "she", "our": "we",
                       "him": "he", "them": "they", "us": "we"}  # and object pronouns
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
KIND_LABEL = {"organization": "ORG", "country": "GPE", "person": "PERSON"}
HOLDER_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG", "NORP", "PERSON", "PRODUCT", "EVENT", "WORK_OF_ART"})
PRONOUNS = WORDS.words("pronouns")


def assign(ctx: FrameContext, q: Quantity) -> None:
    """Set ``q.subject``."""
    q.subject = read_subject(ctx, q)


def read_subject(ctx: FrameContext, q: Quantity) -> list[str]:
    """The rules' subject of ``q`` (the module's order of sources)."""
    return sourced_subject(ctx, q)[0]


def sourced_subject(ctx: FrameContext, q: Quantity) -> tuple[list[str], str]:
    """The rules' subject of ``q`` and the source that gave it: thing, owners, people_owners, holder,
    weak_places, relation, salient, agent or none."""
    if q.anchor < 0:
        return [], "none"
    doc = ctx.doc
    measured = doc[q.measured] if q.measured >= 0 and doc[q.measured].pos_ not in ("VERB", "AUX") else None
    s = _Sourcing(ctx, q, range(q.start, q.end), measured)
    for source in _SOURCES:
        found = source(s)
        if found is not None:
            return found
    return s.agent, "agent" if s.agent else "none"


@dataclass(slots=True)
class _Sourcing:
    """A figure's subject while the sources of `_SOURCES` are asked in turn (the module's order): each reads
    what the ones before it settled (the clause's verb, the places and relation the measured noun names, the
    clause's unlinked holder as written)."""

    ctx: FrameContext
    q: Quantity
    skip: range  # the figure's own tokens
    measured: Token | None  # the measured noun (not a verb)
    verb: Token | None = None
    places: list[str] = field(default_factory=list)
    relational: bool = False
    agent: list[str] = field(default_factory=list)


def _thing_source(s: _Sourcing) -> tuple[list[str], str] | None:
    """The thing a size, weight or price describes: "the 300-pound K5", "a crater 39 feet across", "the
    meteorite was 3 feet wide"."""
    thing, sized = described_thing(s.ctx, s.q), False
    if thing is None:
        thing = sized_thing(s.ctx, s.q, s.measured)
        sized = thing is not None
    if thing is not None:
        names = thing_names(s.ctx, thing, s.skip, as_written=sized)
        if names:
            return names, "thing"
    return None


def _owners_source(s: _Sourcing) -> tuple[list[str], str] | None:
    """The measured noun's owners, else a name written right before the figure; with the other side of a
    stake and the place the clause puts the measured noun in."""
    ctx, q, measured = s.ctx, s.q, s.measured
    owners: list[str] = []
    if measured is not None:
        owners, s.places = on_noun(ctx, measured, s.skip)
        s.relational = is_relation(ctx, measured)
    _, s.verb, _ = figure_clause(ctx, q)
    if not owners:
        owners = adjacent_name(ctx, q)
    if not owners:
        return None
    if measured is not None and measured.lemma_.lower() in ctx.lex.words("people_nouns"):
        # "10,000 US troops remain in Afghanistan": where people are is not whose
        return unique(owners), "people_owners"
    owners = [*owners, *stake_holder(ctx, q, s.verb, s.skip, frozenset(owners))]
    if not s.places and s.verb is not None and measured is not None and measured.head.i == s.verb.i \
            and measured.dep_ in ("nsubj", "nsubjpass", "dobj"):
        s.places = clause_place(ctx, s.verb, s.skip)  # "1,100 Russian companies are registered in Azerbaijan"
    return unique([*owners, *s.places]), "owners"


def _holder_source(s: _Sourcing) -> tuple[list[str], str] | None:
    """The subject of the clause that carries the figure, with the other side of a transfer and what is traded
    or wanted; never a reporting verb's subject or a source of figures. Where it names no one, the clause's
    unlinked holder is kept as ``s.agent`` and the place the clause is in as ``s.places``."""
    ctx, verb, measured, skip = s.ctx, s.verb, s.measured, s.skip
    if verb is None:
        return None
    holder, holder_verb = clause_subject(verb)
    inside = measured is not None and holder is not None and holder.i in subtree_range(measured)
    if holder is not None and holder.i not in skip and holder.i not in ctx.figure_tokens and not inside \
            and not is_reporting(ctx, holder_verb, holder) and not is_source(ctx, holder):
        names = holder_names(ctx, holder, skip, possessive=is_possessive(ctx, holder_verb))
        names = as_government(ctx, holder, holder_verb, names)
        if names == [RELATION]:
            s.relational, names = True, []
        if names:
            return unique([*names, *recipients(ctx, verb, skip, frozenset(names)), *traded(ctx, s.q, skip),
                           *wanted(ctx, measured, skip, frozenset(names)), *s.places]), "holder"
        if _unlinked_holder(ctx, holder):
            s.agent = [holder_phrase(holder, skip)]  # an unlinked holder as written ("the club")
    if not s.places:
        s.places = clause_place(ctx, holder_verb, skip)
    if not s.places and holder is not None and (holder.i in skip or inside):
        s.places = place_object(ctx, verb, skip)  # "About 150,000 people have fled Libya"
    return None


def _unlinked_holder(ctx: FrameContext, holder: Token) -> bool:
    """Can a holder that names no entity stand as written for the figure's subject ("the club"), when nothing
    names anyone (FRAMES.md)? Not a pronoun, a relation, a change or a word like "Cuts", "the year", "attacks"."""
    return holder.lower_ not in PRONOUNS and holder.pos_ == "NOUN" and not is_relation(ctx, holder) \
        and not change_noun(holder, ctx.qlex) and not holder.ent_type_ \
        and holder.lemma_.lower() not in ctx.lex.words("not_holders")


def _weak_places_source(s: _Sourcing) -> tuple[list[str], str] | None:
    """The measured noun's weaker owners (`weak_owners`) and the place the clause is in or a group's verb takes
    ("In Syria, 3,000 died"; "fled Libya")."""
    weak = weak_owners(s.ctx, s.measured, s.skip) if s.measured is not None else []
    if weak or s.places:
        return unique([*weak, *s.places]), "weak_places"
    return None


def _relation_source(s: _Sourcing) -> tuple[list[str], str] | None:
    """For a relation ("trade", "the relationship"), the two countries the text names most (`topic`)."""
    return (topic(s.ctx, s.q.start), "relation") if s.relational else None


def _salient_source(s: _Sourcing) -> tuple[list[str], str] | None:
    """The entity the document names most (`salient`)."""
    topical = salient(s.ctx, s.q.start)
    return (topical, "salient") if topical else None


# the sources of a figure's subject, in the module's order: the first that names someone wins
_SOURCES: tuple[Callable[[_Sourcing], tuple[list[str], str] | None], ...] = (
    _thing_source, _owners_source, _holder_source, _weak_places_source, _relation_source, _salient_source)


def apposed(ctx: FrameContext, noun: Token, skip: range) -> list[str]:
    """The name a description stands beside ("Mubi, a town of more than 200,000 people": Mubi): the measured
    noun's, or the noun it hangs from by "of", apposition to a name; or the name in apposition to a common
    noun ("the man, Omar Gonzalez")."""
    holder = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else noun
    for tok in (noun, holder):
        if tok.dep_ == "appos" and tok.head.i not in skip:
            names = names_of(ctx, [tok.head], skip)
            if names:
                return names
    if noun.pos_ == "NOUN":  # "The man, 42-year-old Omar J. Gonzalez, ran ...": the name set beside the noun
        names = names_of(ctx, [a for a in kids(noun, "appos") if a.ent_type_ in HOLDER_LABELS], skip)
        if names:
            return names
    return []


def weak_owners(ctx: FrameContext, noun: Token, skip: range) -> list[str]:
    """Owners the measured noun names less surely than its clause would: an unlinked organisation or an
    international body compounded with it ("Apple Watch battery life", "the Opec quota"; but "Saudi Arabia has
    an Opec quota" is Saudi Arabia's) and a common noun's possession as written ("the island's import tariffs",
    when the text names no one else)."""
    found: list[str] = []
    for m in noun.lefts:
        if m.dep_ == "compound" and m.i not in skip and (m.i not in ctx.ent_of and m.ent_type_ == "ORG"
                                                          or m.i in ctx.stateless):
            name = name_of(ctx, m)
            if name and name not in found:
                found.append(name)
    if not found:
        for poss in kids(noun, "poss"):
            if poss.pos_ == "NOUN" and poss.i not in skip and not is_relation(ctx, poss):
                found.append(holder_phrase(poss, skip))
    return found


def adjacent_name(ctx: FrameContext, q: Quantity) -> list[str]:
    """A name written right before the figure, in a list or a market report: "Unite Group, down 68p",
    "S&P 500 +0.3%", "Burlington by 2.6%", "RHP John Gant (0.5 WAR)". Only list words may stand between."""
    doc = ctx.doc
    t = q.start - 1
    steps = 0
    while t >= 0 and steps < 3 and (doc[t].lower_ in ctx.lex.words("list_words") or doc[t].is_punct
                                    and doc[t].text in ("(", ",", ":", "-", "–", "=")):
        t, steps = t - 1, steps + 1
    if t < 0 or t == q.start - 1 and doc[t].whitespace_ == "":
        return []
    tok = doc[t]
    if tok.pos_ != "PROPN" and not ctx.ent_of.get(t) or tok.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT",
                                                                            "CARDINAL", "QUANTITY"):
        return []
    if t == q.start - 1 and tok.dep_ in ("dative", "dobj") and tok.head.pos_ == "VERB":
        return []  # "Russia paid Ukraine $2 billion": the verb's object, not a list's name
    if t == q.measured and tok.dep_ in ("nsubj", "nsubjpass") and not ctx.ent_of.get(t):
        return []  # "Total M2 rose 3.3 pct": the clause's subject is what is measured, not whose
    name = name_of(ctx, tok)
    return [name] if name else [proper_name(tok)]


def thing_names(ctx: FrameContext, thing: Token, skip: range, as_written: bool) -> list[str]:
    """What a size or weight is of: the thing's name; else, for a common noun with no owner named, the
    noun as written ("crater", "rail line") when ``as_written`` (a size adjective measures it: "the crater is
    39 feet across"); nothing for "the 11-inch version" (whose version the clause or the text says)."""
    if thing.lower_ in PRONOUNS:
        return resolve_pronoun(ctx, thing, skip)  # "It was estimated to be 60 feet long"
    names = names_of(ctx, [thing], skip)
    if names:
        return names
    if thing.pos_ == "PROPN":
        return [proper_name(thing)]
    owners, _ = on_noun(ctx, thing, skip)
    if owners:
        return owners
    if as_written:
        words = [c for c in thing.lefts if c.dep_ == "compound" and c.is_alpha and c.i not in skip]
        return [" ".join([*(w.text for w in words), thing.text])]
    return []


def sized_thing(ctx: FrameContext, q: Quantity, measured: Token | None) -> Token | None:
    """What a size adjective measures ("a crater 39 feet across": the crater; "the meteorite was about 3
    feet wide": the clause's subject), when `analyzer.frames.measure` read the figure as a dimension."""
    if q.quantity_of not in ctx.lex.table("dimension_adjectives").values():
        return None
    if measured is not None and measured.pos_ in ("NOUN", "PROPN") and measured.i not in ctx.figure_tokens:
        return measured
    _, verb, _ = figure_clause(ctx, q)
    holder = clause_subject(verb)[0] if verb is not None else None
    return holder if holder is not None and holder.i not in range(q.start, q.end) else None


def is_source(ctx: FrameContext, tok: Token) -> bool:
    """Is ``tok`` a noun of where figures come from ("an assessment puts output at", "figures showed",
    "estimates put battery life at")? It says who gives the figure, not whom it is about."""
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in ctx.lex.words("source_nouns")


def recipients(ctx: FrameContext, verb: Token, skip: range, giver: frozenset[str]) -> list[str]:
    """The other side of a transfer ("Russia paid Ukraine $2 billion", "gave him another $100", "sold 25
    jets to Iran", "bought 25 jets from Iran"): the indirect or "to" object of a transfer verb, the "from"
    object of an acquiring one; names or resolved pronouns."""
    lemma = verb.lemma_.lower()
    if lemma in ctx.lex.words("transfer_verbs"):
        objs = [c for c in verb.children if c.dep_ == "dative" and c.lower_ != "to"]
        objs += [o for p in verb.children if p.dep_ in ("dative", "prep") and p.lower_ == "to" for o in kids(p, "pobj")]
    elif lemma in ctx.lex.words("acquire_verbs"):  # "bought 25 jets from Iran"
        objs = [o for p in verb.children if p.dep_ == "prep" and p.lower_ == "from" for o in kids(p, "pobj")]
    else:
        return []
    found: list[str] = []
    for obj in objs:
        if obj.i in skip:
            continue
        if obj.lower_ in POSSESSIVE_PRONOUNS:
            found.extend(resolve_pronoun(ctx, obj, skip, exclude=giver))
        else:
            found.extend(names_of(ctx, [obj], skip))
    return found


def stake_holder(ctx: FrameContext, q: Quantity, verb: Token | None, skip: range,
                 owners: frozenset[str]) -> list[str]:
    """Who holds, buys or sells a share of what its owners own ("U.S. banks, holding 35 pct of Brazilian debt",
    "Russia holds 20 pct of Gazprom's shares"): a share has both sides, the holder with the owners."""
    if verb is None or verb.lemma_.lower() not in ctx.lex.words("stake_verbs"):
        return []
    _, _, arc = figure_clause(ctx, q)
    if arc is None or arc.dep_ not in ("dobj", "obj") or not q.start <= arc.i < q.end:
        return []
    holder, holder_verb = clause_subject(verb)
    if holder is None or holder.i in skip or holder.i in ctx.figure_tokens or is_reporting(ctx, holder_verb, holder):
        return []
    return [n for n in holder_names(ctx, holder, skip, possessive=False) if n not in owners and n != RELATION]


def wanted(ctx: FrameContext, noun: Token | None, skip: range, giver: frozenset[str]) -> list[str]:
    """Whom a reward is for ("offered a $7 million reward for his arrest", "a bounty for the capture of
    al-Baghdadi"): the person or group its "for" phrase names, a pronoun resolved."""
    if noun is None or noun.lemma_.lower() not in ctx.lex.words("reward_nouns"):
        return []
    for prep in kids(noun, "prep"):
        if prep.lower_ != "for":
            continue
        for tok in prep.subtree:
            if tok.i in skip:
                continue
            if tok.lower_ in POSSESSIVE_PRONOUNS:
                return resolve_pronoun(ctx, tok, skip, exclude=giver)
            name = name_of(ctx, tok)
            if name and name not in giver and ctx.kind_of.get(tok.i, "person") in ("person", "organization"):
                return [name]
    return []


def traded(ctx: FrameContext, q: Quantity, skip: range) -> list[str]:
    """What a price is paid for, when it is named ("ICI bought Glidden Paints for 580 mln dlrs", "Glidden Paints,
    which ICI bought for 580 mln dlrs"): a deal's price is about the buyer and what is bought."""
    verb = deal_verb(ctx, q)
    if verb is None:
        return []
    objs = []
    for obj in kids(verb, "dobj"):
        if obj.lower_ in RELATIVE and verb.dep_ == "relcl":
            obj = verb.head  # "Glidden Paints, which ICI bought": the noun the clause is on
        objs.append(obj)
    return names_of(ctx, objs, skip)


def as_government(ctx: FrameContext, holder: Token, verb: Token, names: list[str]) -> list[str]:
    """A national capital that acts stands for its country's government ("Manila hopes to add $5.8
    billion", "Moscow cut exports by 5%"); one that has, houses or measures something is the city ("Manila
    has 1.8 million residents")."""
    if not ctx.capital_of or verb.lemma_.lower() in ctx.lex.words("place_verbs"):
        return names
    out: list = []
    for tok in with_conjuncts(holder):
        city, country = ctx.ent_of.get(tok.i), ctx.capital_of.get(tok.i)
        if city and country:
            out = [country if n == city else n for n in (out or names)]
    return unique(out) if out else names


def is_reporting(ctx: FrameContext, verb: Token, holder: Token | None = None) -> bool:
    """A reporting verb's subject is the figure's speaker, not what it is about ("..., NASA said, at a
    distance of 25,000 miles"). A verb of evidence (show, indicate, reveal) reports only for a source or a
    name ("the survey showed", "NASA found"): "Britain's reserves showed a rise of 287 mln dlrs" measures."""
    lemma = verb.lemma_.lower()
    if lemma not in ctx.lex.words("reporting_verbs"):
        return False
    if holder is not None and lemma in ctx.lex.words("evidence_verbs") and holder.pos_ == "NOUN" \
            and not holder.ent_type_ and not is_source(ctx, holder):
        return False
    return True


def is_possessive(ctx: FrameContext, verb: Token) -> bool:
    """Does the verb say its subject has, holds or measures the figure ("the company has 1,000 customers",
    "the crater is 39 feet across"), rather than acts on it ("the panic got millions of people talking")?"""
    lemma = verb.lemma_.lower()
    return lemma in ctx.lex.words("possession_verbs") or lemma in ctx.qlex.level_verbs


def salient(ctx: FrameContext, i: int | None = None) -> list[str]:
    """The entity the document names most (a mention in the headline counts twice; a tie goes to the one named
    first): what a figure whose sentence names no holder is about, as in a story about one country, company or
    person. FRAMES.md leaves a subject empty only for world-level or generic figures. With ``i``, the paragraph
    of token ``i`` comes first: when it names another entity more often than the document's topic, at least
    twice ("More than 40 homes were flooded" in a paragraph about Gaza of a story about Israel), that one."""
    found = ctx.memo.get("salient")
    if found is None:
        counts: Counter[str] = Counter()
        first: dict[str, int] = {}
        for ent, name in _topic_mentions(ctx):
            counts[name] += 2 if ent.start < ctx.headline_end else 1  # the headline names the topic
            first.setdefault(name, ent.start)
        found = ctx.memo["salient"] = [min(counts, key=lambda n: (-counts[n], first[n]))] if counts else []
        # ... a tie: the one the text names first
    if i is not None and found:  # a paragraph that names another entity more, at least twice, is about that one
        start, end = ctx.paragraph_of(i)
        key = ("paragraph_topic", start)
        local = ctx.memo.get(key)
        if local is None:  # once per paragraph; its mentions found by bisection (a text may have thousands)
            mentions = _topic_mentions(ctx)
            starts = [e.start for e, _ in mentions]
            here = Counter(n for _, n in mentions[bisect_left(starts, start):bisect_left(starts, end)])
            top = max(here.values(), default=0)
            local = ctx.memo[key] = (top, [n for n in here if here[n] == top], here.get(found[0], 0))
        top, names, of_topic = local
        if top >= 2 and of_topic < top:
            return names[:1]  # a tie: the one the paragraph names first
    return list(found)


def _topic_mentions(ctx: FrameContext) -> list:
    """(entity, name) of each mention that can be what a text is about (read once per Doc)."""
    key = "topic_mentions"
    found = ctx.memo.get(key)
    if found is None:
        found = ctx.memo[key] = []
        quiet: set[str] = set()  # organisations named at least once other than as a source
        for ent in ctx.named:
            speaking = is_speaking(ctx, ent.root)
            ext = ent._  # each read of ._ builds an object
            given = ext.canonical or ext.name
            if (ent.label_ == "PERSON" and (given or len(ent) > 1) or ent.label_ == "ORG"
                    and ent[-1].lemma_.lower() in ctx.lex.words("government_nouns")) and speaking:
                continue  # "..., Russell said", "the Treasury said": a quoted official or office is not what the
                # text is about (a lone unlinked "Comalco said" may be a company the tagger took for a person)
            name = given or institution_country(ctx, ent) or (
                name_without_suffix(ent) if ent.label_ in ("ORG", "PERSON", "PRODUCT", "FAC") else "")
            kind = ext.kind
            if name and (kind or ent.label_) not in ("city", "GPE") or kind == "country":
                found.append((ent, name))
                if ent.label_ != "ORG" or not speaking:
                    quiet.add(name)
        # an organisation the text names only as a source ("..., reports the Western Australian Herald") is
        # who tells the story, not what it is about
        found[:] = [(e, n) for e, n in found if n in quiet]
    return found


def is_speaking(ctx: FrameContext, tok: Token) -> bool:
    """Is ``tok`` the subject of a reporting verb ("..., Russell said") or the source of "according to"?"""
    for _ in range(3):  # "a Treasury spokesman said": the noun the name is part of
        if tok.dep_ in ("compound", "poss") and tok.head.i != tok.i and tok.head.pos_ == "NOUN":
            tok = tok.head
        else:
            break
    head = tok.head
    if tok.dep_ == "nsubj" and head.i != tok.i:
        return head.lemma_.lower() in ctx.lex.words("reporting_verbs")
    return tok.dep_ == "pobj" and head.lower_ == "to" and head.i > 0 and ctx.doc[head.i - 1].lower_ == "according"


def subtree_range(tok: Token) -> range:
    return range(tok.left_edge.i, tok.right_edge.i + 1)


def name_of(ctx: FrameContext, tok: Token) -> str | None:
    """The canonical name of the linked entity ``tok`` belongs to, else the text of its unlinked named entity."""
    name = ctx.ent_of.get(tok.i)
    if name:
        return name
    if tok.ent_type_ in HOLDER_LABELS and tok.ent_iob_ in ("B", "I"):
        ent = ctx.entity_at(tok.i)
        if ent is not None:
            country = institution_country(ctx, ent)
            if country:
                return country
            return name_without_suffix(whole_name(ent)).strip() or None  # "Google Inc." -> "Google"; "Bank of America"
    return None


def institution_country(ctx: FrameContext, ent) -> str | None:
    """The country an unlinked name of its government stands for ("the US Government", "Nigerian
    military", "Britain's Treasury" is not one name): a country's name or adjective followed only by
    government nouns ("government", "administration", "military", "army", ...)."""
    if ent._.canonical or not ctx.countries:
        return None
    words = [t for t in ent if not t.is_punct and t.lower_ not in ("the", "'s")]
    k = len(words)
    while k > 0 and words[k - 1].lemma_.lower() in ctx.lex.words("government_nouns"):
        k -= 1
    if k == len(words) or k == 0:
        return None
    return ctx.countries.get(fold(" ".join(t.text for t in words[:k])))


def with_conjuncts(tok: Token) -> list[Token]:
    """``tok`` and the tokens coordinated with it ("Estonia and Latvia")."""
    out = [tok]
    cur = tok
    for _ in range(MAX_HOPS):
        nxt = next(iter(kids(cur, "conj")), None)
        if nxt is None:
            break
        out.append(nxt)
        cur = nxt
    return out


def names_of(ctx: FrameContext, tokens: Iterable[Token], skip: range) -> list[str]:
    out: list[str] = []
    for tok in tokens:
        if tok.i in skip:
            continue
        for t in with_conjuncts(tok):
            name = name_of(ctx, t)
            if name and name not in out:
                out.append(name)
    return out


def on_noun(ctx: FrameContext, noun: Token, skip: range) -> tuple[list[str], list[str]]:
    """Entities the measured noun itself names: its owners (possessor, entity adjectives and compounds, "of",
    "between", "from", "to", "with" attachments) and the places "in"/"among" attach to it, also through a
    participle or relative clause on the noun ("enterprises operating in Azerbaijan")."""
    owners = _named_owners(ctx, noun, skip)
    # "Russian gas", "Azerbaijani-Russian trade", "U.S. crude exports": every linked modifier on the left
    for m in noun.lefts:
        if m.dep_ in ("amod", "compound", "nmod", "npadvmod") and m.i not in skip:
            for t in m.subtree:
                name = ctx.ent_of.get(t.i)
                if name and name not in owners and t.i not in skip and t.i not in ctx.stateless:
                    owners.append(name)  # an international body is a weak owner (`weak_owners`)
    places = _attached(ctx, noun, skip, owners)
    return owners, [p for p in places if p not in owners]


def _named_owners(ctx: FrameContext, noun: Token, skip: range) -> list[str]:
    """The owner the measured noun's possessor names ("Russia's exports"), else the country of a counted demonym,
    else a name the noun stands beside (`apposed`), else the owner an unlinked possessor stands for."""
    owners = names_of(ctx, kids(noun, "poss"), skip)
    if not owners and noun.i not in skip and ctx.kind_of.get(noun.i) == "country" and noun.ent_type_ == "NORP":
        owners = [ctx.ent_of[noun.i]]  # "some 500 Britons", "three Americans": the people of a country
    if not owners:
        owners = apposed(ctx, noun, skip)
    for poss in kids(noun, "poss"):
        if not owners and poss.i not in skip:
            owners = _possessor_owners(ctx, poss, skip, owners)
    return owners


def _possessor_owners(ctx: FrameContext, poss: Token, skip: range, owners: list[str]) -> list[str]:
    """The owners a possessor that is no linked name stands for: a pronoun's antecedent, an unlinked proper
    name, a plural noun as written or the entity of its kind the text names; else ``owners``, unchanged."""
    if poss.lower_ in POSSESSIVE_PRONOUNS:
        return resolve_pronoun(ctx, poss, skip)  # "about 5% of its workforce"
    if poss.pos_ == "PROPN":
        return [proper_name(poss)]  # "Keytruda's 2018 sales": an unlinked name
    if poss.pos_ == "NOUN" and not is_relation(ctx, poss):
        kind = ctx.lex.table("kind_nouns").get(poss.lemma_.lower())
        if poss.tag_ == "NNS":  # "U.S. electronic companies' sales": many, not the one the text names
            return [holder_phrase(poss, skip)]
        named = most_named(ctx, kind) if kind else None
        return [named] if named else []  # "the company's revenue": the company the text names
    return owners


def _attached(ctx: FrameContext, noun: Token, skip: range, owners: list[str]) -> list[str]:
    """The entities attached to the measured noun, or to a participle or relative clause on it, by a
    preposition: owners ("exports of Iran", "trade between A and B") added to ``owners``, and places and
    parties (by `WEAK` prepositions: "enterprises operating in Azerbaijan") returned."""
    places: list[str] = []
    for holder in (noun, *[c for c in kids(noun, "acl", "relcl") if c.i > noun.i]):
        for prep in kids(holder, "prep"):
            if prep.lower_ not in ATTACHING or prep.i in skip:
                continue
            weak = prep.lower_ in WEAK
            for obj in kids(prep, "pobj"):
                found = _attached_names(ctx, obj, weak, skip)
                into = places if weak else owners
                into.extend(n for n in found if n not in into)
    return places


def _attached_names(ctx: FrameContext, obj: Token, weak: bool, skip: range) -> list[str]:
    """The entities the object of an attaching preposition names (``weak``: a preposition of `WEAK`, "in",
    "among", "for", whose object names a place or party, and only a place, a body, a people or a described
    name)."""
    described = described_name(ctx, obj, skip)  # "his bid for the company": the company it names
    if weak and obj.ent_type_ not in PLACE_LABELS | {"ORG", "NORP"} and not described:
        return []
    found = names_of(ctx, [obj], skip) or described
    if not found and not weak:  # "exports of Iranian crude": a linked word inside the object's phrase
        found = [ctx.ent_of[t.i] for t in obj.subtree if t.i in ctx.ent_of and t.i not in skip]
    return found


def described_name(ctx: FrameContext, noun: Token, skip: range) -> list[str]:
    """The entity a definite kind noun stands for ("the company", "the country"): the one of that kind the
    document names most; [] for any other noun."""
    if noun.pos_ != "NOUN" or noun.i in skip or noun.i in ctx.ent_of:
        return []
    kind = ctx.lex.table("kind_nouns").get(noun.lemma_.lower())
    if not kind or not any(c.lower_ in DEMONSTRATIVES and c.dep_ == "det" for c in noun.lefts):
        return []
    named = most_named(ctx, kind)
    return [named] if named else []


def resolve_pronoun(ctx: FrameContext, pron: Token, skip: range, exclude: frozenset[str] = frozenset()) -> list[str]:
    """The names a subject pronoun stands for: the subject of the reporting clause above it ("Ford said it
    has 13,000 workers"), else the nearest named entity of a compatible kind earlier in its sentence or the
    one before (a person for he/she; an organisation or country for it; any for they), a subject first;
    never a name in ``exclude`` (an object pronoun is not its own clause's subject: "He gave him $100")."""
    word = POSSESSIVE_PRONOUNS.get(pron.lower_, pron.lower_)
    if word not in ANTECEDENT_PRONOUNS:
        return []
    cur = pron.head
    for _ in range(6):
        if cur.dep_ not in ("ccomp", "conj", "xcomp", "advcl") or cur.head.i == cur.i:
            break
        cur = cur.head
        subj = own_subject(cur)
        if subj is not None and subj.lower_ not in PRONOUNS:
            return holder_names(ctx, subj, skip)
    want = {"he": ("person",), "she": ("person",), "it": ("organization", "country", "city", "project",
                                                          "territory", "region"),
            "they": ("organization", "country", "person"), "we": ("organization", "country")}[word]
    idx = index_of(ctx.doc)
    sent_start, _ = idx.sent_bounds(pron.i)
    lo = idx.sent_bounds(sent_start - 1)[0] if sent_start > 0 else 0
    lo = max(lo, pron.i - MAX_BACK)  # a text of one endless sentence: a pronoun's antecedent is near it
    labels = {"person": "PERSON", "organization": "ORG", "country": "GPE"}
    # a subject before any other mention ("ICI announced a unit, which with its Stuart unit, it said will double
    # its sales": ICI), then the nearest
    allowed = {labels[k] for k in want if k in labels}

    def candidate(tok: Token, any_token: bool) -> str | None:
        """The compatible name ``tok`` belongs to: linked and of a wanted kind, else an unlinked name of a
        wanted label (at its first token unless ``any_token``); never one in ``exclude``."""
        name = ctx.ent_of.get(tok.i)
        if name:
            return name if ctx.kind_of.get(tok.i) in want and name not in exclude else None
        if tok.ent_type_ in allowed and (any_token or tok.ent_iob_ == "B"):
            named = name_of(ctx, tok)
            return named if named and named not in exclude else None
        return None

    for t in range(pron.i - 1, lo - 1, -1):
        tok = ctx.doc[t]
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.lower_ not in PRONOUNS:
            found = candidate(tok, any_token=True)  # "Josh Paler Lin met Thomas. He ...": the subject
            if found:
                return [found]
    for t in range(pron.i - 1, lo - 1, -1):
        tok = ctx.doc[t]
        found = candidate(tok, any_token=False)
        if found:
            return [found]
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ == "PROPN" and t not in ctx.ent_of \
                and proper_name(tok) not in exclude and name_of(ctx, tok) not in exclude and "person" in want:
            return [proper_name(tok)]  # a name the tagger missed: "Musk uses ..., where he has 80 million"
    return []


def proper_name(tok: Token) -> str:
    """The run of proper nouns ``tok`` ends or heads ("Alex Reyes")."""
    doc = tok.doc
    left = tok.i
    while left > 0 and doc[left - 1].pos_ == "PROPN" and doc[left - 1].whitespace_:
        left -= 1
    return doc[left:tok.i + 1].text


def holder_names(ctx: FrameContext, holder: Token, skip: range, possessive: bool = True) -> list[str]:
    """The names of a clause subject: its linked entities (with conjuncts, possessor and entity modifiers); a
    pronoun resolved; a definite noun of a kind ("the company", "the country") as the document's most named
    entity of that kind; another unlinked noun phrase as written ("the crater") when ``possessive`` (the verb
    says the holder has or measures the figure); ``[RELATION]`` for a relation noun."""
    if holder.lower_ in PRONOUNS:
        return resolve_pronoun(ctx, holder, skip)
    names = names_of(ctx, [holder], skip)
    if names:
        return names
    owners, _ = on_noun(ctx, holder, skip)
    if owners:
        return owners
    if is_relation(ctx, holder):
        return [RELATION]
    if holder.pos_ not in ("NOUN", "PROPN"):
        return []
    kind = ctx.lex.table("kind_nouns").get(holder.lemma_.lower())
    if kind and any(c.lower_ in HOLDER_DETERMINERS for c in holder.lefts):
        named = most_named(ctx, kind)
        if named:
            return [named]
    return [holder_phrase(holder, skip)] if possessive or holder.pos_ == "PROPN" else []


def most_named(ctx: FrameContext, kind: str) -> str | None:
    """The entity of gazetteer ``kind`` the document names most, if any."""
    key = ("most_named", kind)
    if key not in ctx.memo:
        counts = Counter(name for t, name in ctx.ent_of.items() if ctx.kind_of.get(t) == kind
                         and (t == 0 or ctx.ent_of.get(t - 1) != name))
        label = KIND_LABEL.get(kind)
        for ent in ctx.named:  # an unlinked name of that kind: "Imperial Chemical Industries PLC ... the company"
            if label and ent.label_ == label and not (ent._.canonical or ent._.name):
                counts[name_without_suffix(ent)] += 1
        top = counts.most_common(1)
        ctx.memo[key] = top[0][0] if top else None
    return ctx.memo[key]


def holder_phrase(holder: Token, skip: range) -> str:
    """The holder as written: determiners, modifiers and the head ("the company", "a Louisville defense")."""
    left = holder.i
    for c in holder.lefts:
        if c.dep_ in ("det", "amod", "compound", "nmod", "poss", "nummod") and c.i not in skip:
            left = min(left, c.left_edge.i)
    end = holder.i + 1
    doc = holder.doc
    # one space between words wherever the text has a gap ("the 'unboxing' video trend", "The\nvictory list")
    return join_tokens(doc, [t.i for t in doc[left:end] if t.i not in skip and (not t.is_punct or t.text in
                                                                                ("-", "&", "."))])


def place_object(ctx: FrameContext, verb: Token, skip: range) -> list[str]:
    """The country or place a counted group's verb takes as its object ("150,000 people have fled Libya",
    "500 migrants reached Italy"): what the count is about when nothing owns it."""
    objs = [c for c in kids(verb, "dobj") if c.ent_type_ in PLACE_LABELS and c.i not in skip]
    return names_of(ctx, objs, skip)


def clause_place(ctx: FrameContext, verb: Token, skip: range) -> list[str]:
    """A place the clause is set in: "in X" on its verb, or the noun of a "where" clause."""
    for prep in kids(verb, "prep"):
        if prep.lower_ in PLACE_PREPS and prep.i not in skip:
            objs = [o for o in kids(prep, "pobj") if o.ent_type_ in PLACE_LABELS]
            names = names_of(ctx, objs, skip)
            if names:
                return names
    if verb.dep_ == "relcl" and any(c.lower_ in RELATIVE and c.dep_ == "advmod" for c in verb.children):
        return names_of(ctx, [verb.head], skip)  # "in Azerbaijan, where over 800,000 students study"
    return []


def is_relation(ctx: FrameContext, tok: Token) -> bool:
    """Is ``tok`` a noun of a relation between parties ("trade", "turnover", "relationship", "the two
    countries") or modified by 'bilateral'?"""
    words = ctx.lex.words("relation_nouns")
    if tok.lemma_.lower() in words or tok.lower_ in words:
        return True
    return any(c.lower_ in ctx.lex.words("relation_modifiers") for c in tok.lefts)


def topic(ctx: FrameContext, i: int) -> list[str]:
    """The two countries most named in the paragraph of token ``i`` (at least twice between them), else in
    the whole document: the parties of a relation the text is about."""
    start, end = ctx.paragraph_of(i)
    for lo, hi in ((start, end), (0, len(ctx.doc))):
        key = ("topic", lo, hi)
        found = ctx.memo.get(key)
        if found is None:
            counts = Counter(name for t, name in ctx.ent_of.items() if lo <= t < hi
                             and ctx.kind_of.get(t) in ("country", "territory")
                             and (t == lo or ctx.ent_of.get(t - 1) != name))
            top = counts.most_common(2)
            found = ctx.memo[key] = [n for n, _ in top] if len(top) == 2 else []
        if found:
            return list(found)
    return []
