"""``quantity_of``: what a figure counts or measures (FRAMES.md).

The quantity stage reads it from the figure's own phrase (the counted noun, "30 million tons of cargo", "a
budget of $40 billion", the subject of "rose"/"reached"). Where that phrase names nothing, the figure's clause
does: the subject of a copula or level verb ("this year's MSRP is $33,790"), the changing quantity of a
participle clause ("Tesla shares, up 57% after plummeting 65%"), the object a verb moves ("pulled the healthcare
sector 0.68 percent lower", "had the most flash count in 2018 at 2,483,805"), or, for a verb that carries the
figure itself, its nominalisation ("Russia spent $5 billion" -> spending; "output rose by 400,000 bpd" keeps
"output"). Never a pronoun or a word from another clause.
"""
from __future__ import annotations

from spacy.tokens import Token

from .._resources import word_lists
from ..quantities.context import change_noun, is_thing
from ..quantities.model import Quantity
from ..text import noun_phrase
from ..tree import MAX_HOPS, index_of, kids
from .clause import clause_subject, compares, figure_clause, figure_top
from .context import FrameContext

WORDS = word_lists("analyzer.frames")
SPENDING_PREPS = WORDS.ordered("spending_preps")
VALUE_PREPS = WORDS.ordered("value_preps")
LEVEL_PREPS = WORDS.ordered("level_preps")
DURATION_PREPS = WORDS.ordered("duration_preps")
TIME_ANCHORS = WORDS.ordered("time_anchors")

OBJECTS = ("dobj", "obj")
COMPARING = WORDS.words("comparing")


def assign(ctx: FrameContext, q: Quantity) -> None:
    """Set ``q.quantity_of`` and ``q.measured``: what the verb or adjective that carries the figure says it
    is (a price, a length, spending), else the quantity stage's reading from the figure's phrase, else what
    its clause says it measures."""
    if q.anchor < 0:
        return
    _other_figures_measure(ctx, q)
    _phrase_reading_checked(ctx, q)
    previous = ctx.memo.get("previous")
    ctx.memo["previous"] = q
    if _carried(ctx, q, previous):
        return
    if q.quantity_of and q.measured >= 0:
        _phrase_reading_refined(ctx, q)
        return
    _clause_measure(ctx, q, previous)


def _other_figures_measure(ctx: FrameContext, q: Quantity) -> None:
    """For a measured noun that is a word of another figure, what that figure measures, else nothing."""
    doc = ctx.doc
    if q.measured >= 0 and q.measured in ctx.figure_tokens and not doc[q.measured].like_num \
            and not q.start <= q.measured < q.end:
        # "more than half of its 1.3 million square feet of office space": what that figure measures
        other = ctx.figure_at(q.measured)
        q.quantity_of = other.quantity_of if other is not None and other.measured != q.measured else ""
        q.measured = other.measured if q.quantity_of and other is not None else -1


def _phrase_reading_checked(ctx: FrameContext, q: Quantity) -> None:
    """The quantity stage's reading from the figure's phrase, less what measures nothing: the figure's own
    words, a word that is no noun, a date, and the words of another figure near it."""
    doc = ctx.doc
    if q.measured >= 0 and (q.start <= q.measured < q.end or doc[q.measured].pos_ not in ("NOUN", "PROPN")
                            and not _gerund_subject(doc[q.measured])
                            or doc[q.measured].ent_type_ in ("DATE", "TIME") or names_year(ctx, doc[q.measured])):
        # "a rise in January", "13.6 billion dlrs in calendar 1986": no measure
        q.quantity_of, q.measured = "", -1
    elif q.measured >= 0 and any(t in ctx.figure_tokens and not q.start <= t < q.end
                                 for t in range(q.measured - 8, q.measured + 8)):
        near = doc[q.measured].left_edge.i, doc[q.measured].right_edge.i + 1
        words = {t for t in range(*near) if t in ctx.figure_tokens and not doc[t].like_num}
        q.quantity_of = noun_phrase(doc[q.measured], {*words, *range(q.start, q.end)}) or q.quantity_of
        # ... without another figure's words ("15 billion dlrs outstanding", not "pct to ...")
    if q.measured < 0 and q.quantity_of and q.quantity_of.lower() in q.text.lower():
        q.quantity_of = ""  # "27.8 billion dlrs" -> "dlrs": the figure's own words measure nothing


def _carried(ctx: FrameContext, q: Quantity, previous: Quantity | None) -> bool:
    """Set what the verb or adjective that carries the figure says it is (a price, a length, spending), else
    what the figure before it measures when this one converts it; True when either says it."""
    doc = ctx.doc
    found = amount_verb(ctx, q) or dimension_word(ctx, q) or distance(ctx, q) or spending(ctx, q)
    if not found and previous is not None and previous.quantity_of and is_conversion(ctx, q, previous):
        found = previous.quantity_of, doc[previous.measured] if previous.measured >= 0 else None
    if not found:
        return False
    q.quantity_of, head = found
    q.measured = head.i if head is not None else -1
    return True


def _phrase_reading_refined(ctx: FrameContext, q: Quantity) -> None:
    """The quantity stage's reading, made more precise: the dimension of the thing a size or weight describes,
    what changes against a source noun's figure, and the price of a thing a sum stands before."""
    doc = ctx.doc
    thing = described_thing(ctx, q)
    if thing is not None:
        name = ctx.lex.table("dimension_names").get(q.dimension, q.dimension)
        if q.dimension == "length" and thing.lemma_.lower() not in ctx.lex.words("linear_nouns"):
            name = "size"  # "a 12-inch laptop", but "a 272-kilometre rail line": length
        q.quantity_of = f"{name} of {q.quantity_of}"  # "a 300-pound robot": the weight of the robot
        return
    noun = doc[q.measured]
    if noun.lemma_.lower() in ctx.lex.words("source_nouns"):
        text, head = what_changes(ctx, noun, range(q.start, q.end))  # "will exceed the forecast of 8 pct"
        if text and head is not None:
            q.quantity_of, q.measured = text, head.i
            return
    if q.dimension == "currency" and doc[q.anchor].head.i == q.measured and q.measured >= q.end \
            and doc[q.anchor].dep_ in ("compound", "nummod", "amod", "nmod") \
            and noun.lemma_.lower() not in ctx.lex.words("money_nouns"):
        # "a $2 million Bugatti Veyron", "a £1.5 million supercar": the thing's price ("a $5 billion loan"
        # is an amount itself)
        q.quantity_of = "price" if noun.i in ctx.ent_of else f"price of {q.quantity_of}"


def _clause_measure(ctx: FrameContext, q: Quantity, previous: Quantity | None) -> None:
    """For a figure whose phrase names nothing it measures, what its clause says it measures (FRAMES.md)."""
    text, head = converted(ctx, q, previous) or compared(ctx, q) or time_offset(ctx, q) or from_clause(ctx, q)
    if not text:
        text, head = measure_noun(ctx, q)
    if not text:
        text, head = same_series(ctx, q, previous)
    if not text and q.dimension == "time":
        text, head = duration(ctx, q)
    if text:
        q.quantity_of, q.measured = text, head.i if head is not None else -1


def spending(ctx: FrameContext, q: Quantity) -> tuple[str, Token | None] | None:
    """A verb that carries the amount and names what it is ("spent $5 billion on its army": spending on
    army; "the car weighs 1,200 kg": weight), with what the figure's phrase says it went to."""
    if q.anchor < 0 or q.dimension in ("time", "ratio"):
        return None  # "spent three weeks"; "the index lost 1.1%" is a change of the index, not losses
    _, verb, arc = figure_clause(ctx, q)
    if verb is None or arc is None:  # both or neither
        return None
    lemma = verb.lemma_.lower()
    word = ctx.lex.table("carrying_verbs").get(lemma)
    if not word or arc.dep_ not in (*OBJECTS, "npadvmod", "attr"):
        return None
    seed = ctx.doc[q.measured] if q.measured >= 0 else None
    if seed is not None and q.dimension == "count" and not q.unit:
        return None  # "lost 20 fighters": fighters, not losses ("lost $5 million": losses)
    if seed is not None and seed.dep_ == "pobj" and seed.head.dep_ == "prep" \
            and seed.head.lower_ in SPENDING_PREPS:
        return f"{word} {seed.head.lower_} {q.quantity_of}", verb  # "spending on army"
    if seed is not None and seed.i > verb.i and seed.head.i != verb.i:
        return None  # "spent $2 billion of reserves": the phrase names it
    return word, verb


def amount_verb(ctx: FrameContext, q: Quantity) -> tuple[str, Token | None] | None:
    """A sum a pricing verb gives ("priced at $500 for the steel model", "will cost consumers $349", "valued
    at 3.1 mln dlrs", "sold for $1,000"): the price, cost or value, whatever else the sentence names."""
    if q.dimension != "currency" or q.anchor < 0:
        return None
    _, verb, arc = figure_clause(ctx, q)
    if verb is None or arc is None:  # both or neither
        return None
    word = ctx.lex.table("amount_verbs").get(verb.lemma_.lower())
    if word and (arc.dep_ in (*OBJECTS, "npadvmod", "attr", "oprd")
                 or arc.dep_ == "prep" and arc.lower_ in VALUE_PREPS):
        return word, verb
    if deal_verb(ctx, q) is not None:
        obj = next((c for c in kids(verb, *OBJECTS) if is_thing(c) and not q.start <= c.i < q.end), None)
        if obj is not None:  # "agreed to buy Saudi crude at 17.52 dlrs a barrel": the price of Saudi crude
            return f"price of {noun_phrase(obj, ctx.figure_tokens)}", obj
    return None


def deal_verb(ctx: FrameContext, q: Quantity) -> Token | None:
    """The verb of exchange whose price the figure is ("bought Glidden Paints for 580 mln dlrs", "agreed to buy
    Saudi crude at 17.52 dlrs"), if any: the figure says what the deal cost, and what was traded."""
    _, verb, arc = figure_clause(ctx, q)
    if verb is None or arc is None or verb.lemma_.lower() not in ctx.lex.words("exchange_verbs"):
        return None
    return verb if arc.dep_ == "prep" and arc.lower_ in ("at", "for") else None


def converted(ctx: FrameContext, q: Quantity, previous: Quantity | None) -> tuple[str, Token | None] | None:
    """A conversion in brackets right after another figure ("39 feet (12 meters)") measures what it does."""
    if previous is None or not previous.quantity_of or q.start < 1:
        return None
    doc = ctx.doc
    same = doc[q.start - 1].text == "(" and previous.end in (q.start - 1, q.start - 2) or \
        doc[q.start - 1].text in ("/", "or") and previous.end == q.start - 1 and previous.unit != q.unit
    if not same and previous.dimension == q.dimension and 0 < q.start - previous.end <= 6:
        # "MSRP is $33,790 versus last year's $32,280", "rose to 51.9 pct from 55.8 pct in January": the
        # second figure is the yardstick of the first, of the same thing
        between = doc[previous.end:q.start]
        same = any(t.lower_ in COMPARING for t in between) and all(
            t.lower_ in COMPARING or t.is_punct or t.pos_ in ("DET", "CCONJ", "PART", "ADP") or t.ent_type_ == "DATE"
            for t in between)
    if same:
        return previous.quantity_of, doc[previous.measured] if previous.measured >= 0 else None
    return None


MAX_BACK_FIGURES = 12  # figures a yardstick looks back over (a sentence of a thousand figures stays linear)


def compared(ctx: FrameContext, q: Quantity) -> tuple[str, Token | None] | None:
    """A figure given as the yardstick of another in its sentence through the parse ("showed growth of 17.8
    pct in the year ended December compared with 13.1 pct", "put exports at 100,000 bpd last month, compared
    to zero in January", "output of 1.45 mln tonnes, against 1.35 mln"): what that other figure measures. The
    other figure is the nearest earlier one of the sentence whose measure is named, of the same dimension (or a
    bare number), under the word the comparison hangs from."""
    cur = figure_top(ctx, q)
    if cur.dep_ != "pobj" or cur.head.i == cur.i:
        return None
    prep = cur.head
    if not compares(prep) or prep.lower_ in ("from", "than"):  # "from" and "than": `converted`, the quantity stage
        return None
    hub = prep.head.head if prep.lower_ in ("with", "to") else prep.head  # "compared with": what is compared
    if hub.i == prep.i or hub.i in range(q.start, q.end):
        return None
    scope = range(hub.left_edge.i, hub.right_edge.i + 1)
    idx = index_of(ctx.doc)
    bounds = idx.sent_bounds(q.start)
    for other in ctx.figures_before(q, MAX_BACK_FIGURES):
        if idx.sent_bounds(other.start) != bounds:
            break
        if other.start not in scope or not other.quantity_of or other.measured < 0:
            continue
        if other.dimension == q.dimension or not q.unit and q.dimension == "count":
            return other.quantity_of, ctx.doc[other.measured]
        return None
    return None


def is_conversion(ctx: FrameContext, q: Quantity, previous: Quantity) -> bool:
    """Is ``q`` the previous figure in other units ("39 feet (12 meters)", "5 km/3 miles")?"""
    doc = ctx.doc
    if q.start < 1:
        return False
    return doc[q.start - 1].text == "(" and previous.end in (q.start - 1, q.start - 2) \
        and previous.dimension == q.dimension or doc[q.start - 1].text in ("/", "or") \
        and previous.end == q.start - 1 and previous.unit != q.unit and previous.dimension == q.dimension


def dimension_word(ctx: FrameContext, q: Quantity) -> tuple[str, Token | None] | None:
    """A size given by an adjective ("60 feet long", "a crater 39 feet across", "a 60-foot-wide meteor"):
    the dimension it names, of the noun it describes when there is one."""
    doc = ctx.doc
    dims = ctx.lex.table("dimension_adjectives")
    after = after_figure(ctx, q)  # "39 feet (12 meters) across": past the conversion
    for i in (after, after + 1):
        if i < len(doc) and doc[i].lower_ in dims and (i == after or doc[after].text == "-"):
            adj = doc[i]
            noun = adj.head if adj.head.pos_ in ("NOUN", "PROPN") and adj.head.i > adj.i else None
            if noun is None and adj.dep_ in ("advmod", "amod", "npadvmod") and adj.head.pos_ in ("NOUN", "PROPN"):
                noun = adj.head
            return dims[adj.lower_], noun
    return None


def names_year(ctx: FrameContext, tok: Token) -> bool:
    """Is ``tok`` the word of a time phrase before a year ("calendar 1986", "fiscal 1987"; a year as the quantity
    stage defines one: four digits in its ``year_range``)?"""
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is None or len(nxt.text) != 4 or not nxt.text.isdigit():
        return False
    lo, hi = ctx.qlex.exclusions.year_range
    return lo <= int(nxt.text) <= hi


def after_figure(ctx: FrameContext, q: Quantity) -> int:
    """The index of the first token after the figure and a bracketed conversion of it ("39 feet (12 m) from")."""
    doc = ctx.doc
    after = q.end
    if after < len(doc) and doc[after].text == "(":
        close = next((t.i for t in doc[after + 1:min(after + 8, len(doc))] if t.text == ")"), -1)
        after = close + 1 if close > 0 else after
    return after


def distance(ctx: FrameContext, q: Quantity) -> tuple[str, Token | None] | None:
    """A length followed by a direction or "from"/"away" ("250 miles north of Baghdad", "about 1,000 feet (300
    meters) from the airport", "30 yards out"): a distance."""
    if q.dimension != "length":
        return None
    after = after_figure(ctx, q)
    if after < len(ctx.doc) and ctx.doc[after].lower_ in ctx.lex.words("distance_words"):
        return "distance", None
    return None


def time_offset(ctx: FrameContext, q: Quantity) -> tuple[str, Token | None] | None:
    """A duration that places an event before or after another ("less than 24 hours before his death", "two
    days after the attack"): the time before or after that event."""
    if q.dimension != "time":
        return None
    doc = ctx.doc
    after = after_figure(ctx, q)
    if after >= len(doc) or doc[after].lower_ not in ("before", "after"):
        return None
    _, verb, _ = figure_clause(ctx, q)
    if verb is not None and verb.lemma_.lower() in ctx.lex.words("duration_verbs"):
        return None  # "the flights lasted ten minutes before landing": how long they lasted
    event = next(iter(kids(doc[after], "pobj")), None)
    if event is None or not is_thing(event):
        return None
    return f"time {doc[after].lower_} {noun_phrase(event, ctx.figure_tokens)}", event


def from_clause(ctx: FrameContext, q: Quantity) -> tuple[str, Token | None]:
    """What the figure's clause says it measures, or ("", None)."""
    skip = set(range(q.start, q.end))
    _, verb, arc = figure_clause(ctx, q)
    if verb is None or arc is None:  # both or neither
        return "", None
    lemma = verb.lemma_.lower()
    nominal = ctx.lex.table("nominalised")
    if arc.dep_ in ("nsubj", "nsubjpass") and (q.start <= arc.i < q.end or arc.i in ctx.figure_tokens):
        # "seven were killed", "1,300 operate there": the figure counts who does what the verb says (also as a
        # conjunct of another figure: "one quarter or 17.8 mln dlrs will be paid")
        if q.dimension == "count" and verb.tag_ == "VBN" or lemma in ctx.lex.words("count_verbs"):
            return nominal.get(lemma, verb.lower_), verb
        if arc.dep_ == "nsubjpass" and lemma in nominal and q.dimension not in ("time", "ratio"):
            return nominal[lemma], verb  # "17.8 mln dlrs will be paid on signature": payments
        return "", None
    obj = next((c for c in kids(verb, *OBJECTS) if c.i not in skip and is_thing(c)), None)
    if obj is not None and (arc.dep_ in ("npadvmod", "advmod", "oprd", "acomp")
                            or arc.dep_ == "prep" and arc.lower_ in LEVEL_PREPS):
        return noun_phrase(obj, skip), obj  # "pulled the sector 0.68 percent lower", "the count ... at 2,483,805"
    subj, _ = clause_subject(verb)
    if subj is not None and subj.i not in skip and is_thing(subj) and not ctx.ent_of.get(subj.i) \
            and (lemma in ctx.qlex.level_verbs or lemma in ctx.qlex.change_by_verbs or lemma in ctx.qlex.change_verbs
                 or verb.dep_ in ("advcl", "pcomp")
                 or any(c.dep_ == "prt" and c.lower_ in ("up", "down") for c in verb.children)  # "trending up 0.2%"
                 or subj.head.i != verb.i and arc.dep_ not in OBJECTS  # "an insurgency that has driven 5,000
                 # from their homes": the agent of a relative clause, not what its object counts
                 or arc.dep_ == "prep" and arc.lower_ == "at" and q.dimension != "time" and not subj.ent_type_):
        # ... "pricing would start at $350", "the rate stood at 5%"
        return noun_phrase(subj, skip), subj  # "this year's MSRP is $33,790", "Tesla shares ... plummeting 65%"
    if arc.dep_ == "prep" and arc.lower_ == "for" and lemma in ctx.lex.words("exchange_verbs"):
        return "price", verb  # "sold for more than $1,000", "bought Glidden for 580 mln dlrs"
    if lemma in nominal and arc.dep_ in (*OBJECTS, "npadvmod", "attr", "prep", "advmod") \
            and q.dimension not in ("time", "ratio"):
        return nominal[lemma], verb  # "Russia spent $5 billion": spending
    named = ctx.lex.table("dimension_names").get(q.dimension)
    if named:
        return named, None  # "the Veyron boasts 1200hp": power
    return "", None


PHYSICAL = frozenset({"length", "mass", "power", "area", "volume", "speed", "energy", "temperature"})
MEASURE_PREPS = WORDS.words("measure_preps")


def described_thing(ctx: FrameContext, q: Quantity) -> Token | None:
    """The thing a physical figure describes as its modifier ("the 300-pound robot", "a 272-kilometre rail
    line", "1200hp supercars"): the figure is then that thing's weight, length or power, and it is what the
    figure is about (`analyzer.frames.subject`)."""
    if q.dimension not in PHYSICAL or q.measured < 0:
        return None
    noun = ctx.doc[q.measured]
    cur = figure_top(ctx, q)  # then its arc to the noun
    if cur.head.i != noun.i or cur.dep_ not in ("compound", "nummod", "amod", "nmod", "quantmod") \
            or noun.i < q.end or noun.pos_ not in ("NOUN", "PROPN"):
        return None
    return noun


def measure_noun(ctx: FrameContext, q: Quantity) -> tuple[str, Token | None]:
    """The noun a figure completes through a preposition when nothing else names the measure ("showed growth
    of 17.8 pct", "a reading above 50 pct", "by a ratio of nine to one"): that noun, or ("", None)."""
    skip = set(range(q.start, q.end))
    cur = figure_top(ctx, q)
    if cur.dep_ in ("compound", "nummod", "amod", "nmod", "quantmod", "appos") and cur.head.i != cur.i:
        noun = cur.head
        for _ in range(MAX_HOPS):
            if not (noun.dep_ in ("compound", "nummod") and noun.head.i > noun.i
                    and noun.head.pos_ in ("NOUN", "PROPN")):
                break
            noun = noun.head  # "a 352 μm pixel pitch": up the compound to "pitch"; "six CF-18 fighters"
        if noun.i not in skip and noun.pos_ in ("NOUN", "PROPN") and is_thing(noun) \
                and (cur.dep_ == "appos" or noun.i >= q.end):  # "floor area ≈ 32m2": the noun it stands beside
            changing = what_changes(ctx, noun, skip)  # "after a 72 mln dlrs rise in January": what rose
            if changing[0]:
                return changing
            text = noun_phrase(noun, skip | ctx.figure_tokens)
            return (text, noun) if text else ("", None)
        return "", None
    prep = cur if cur.dep_ == "prep" and q.start <= cur.i < q.end else cur.head  # "above 50 pct": in the figure
    if prep is cur.head and cur.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in MEASURE_PREPS:
        return "", None
    noun = prep.head
    if noun.i in skip or noun.pos_ != "NOUN" or not is_thing(noun) or noun.lemma_.lower() in ctx.qlex.quantifier_nouns:
        return "", None
    changing = what_changes(ctx, noun, skip)
    if changing[0]:
        return changing
    text = noun_phrase(noun, ctx.figure_tokens)  # "raised its offer to $42 from $40.50": "offer"
    return (text, noun) if text else ("", None)


def what_changes(ctx: FrameContext, noun: Token, skip) -> tuple[str, Token | None]:
    """For a change or source noun, the thing its clause says changed or was forecast ("reserves showed a
    rise of 287 mln dlrs", "after a 72 mln dlrs rise": reserves; "inflation will exceed the forecast of 8
    pct": inflation), or ("", None)."""
    if not (change_noun(noun, ctx.qlex) or noun.lemma_.lower() in ctx.lex.words("source_nouns")):
        return "", None
    head = noun.head
    for _ in range(MAX_HOPS):
        if head.dep_ != "prep" or head.head.i == head.i:
            break
        head = head.head  # "after a rise" -> the verb the preposition hangs from
    holder = clause_subject(head)[0] if head.pos_ in ("VERB", "AUX") else None
    if holder is None or holder.i == noun.i or not is_thing(holder) or holder.ent_type_ \
            or holder.lemma_.lower() in ctx.lex.words("source_nouns") or change_noun(holder, ctx.qlex):
        return "", None
    return noun_phrase(holder, set(skip) | ctx.figure_tokens), holder


def same_series(ctx: FrameContext, q: Quantity, previous: Quantity | None) -> tuple[str, Token | None]:
    """A change that names nothing continues the series of the change before it in its sentence ("shares
    are up 57% after plummeting 65%", "rose 3% in May and 2% in June"), and a share in a list continues the
    share before it ("the Conservatives with 41 pct of the vote, Labour with 35 pct and the Alliance 21 pct"):
    what that one measures."""
    if previous is None or not previous.quantity_of or previous.dimension != q.dimension:
        return "", None
    idx = index_of(ctx.doc)
    if idx.sent_bounds(previous.start) != idx.sent_bounds(q.start):
        return "", None
    if q.direction and previous.direction and q.start - previous.end <= 8:
        return previous.quantity_of, ctx.doc[previous.measured] if previous.measured >= 0 else None
    between = ctx.doc[previous.end:q.start]
    if not q.direction and not previous.direction and q.unit and q.unit == previous.unit and len(between) <= 8 \
            and any(t.lower_ in ("and", ",", ";") for t in between) \
            and not any(t.pos_ in ("VERB", "AUX") for t in between):
        return previous.quantity_of, ctx.doc[previous.measured] if previous.measured >= 0 else None
    return "", None


def _gerund_subject(tok: Token) -> bool:
    """A gerund that is its clause's subject ("Borrowing in the December quarter rose to 3.92 billion"): a
    noun of the thing measured, whatever its part of speech."""
    return tok.tag_ == "VBG" and tok.dep_ in ("nsubj", "nsubjpass", "csubj")


def duration(ctx: FrameContext, q: Quantity) -> tuple[str, Token | None]:
    """A duration that names no measure is the time its clause's verb took ("spent three weeks in the same
    cell": time spent; "had been serving her for three days": time serving), or ("", None)."""
    _, verb, arc = figure_clause(ctx, q)
    if verb is None or arc is None or verb.pos_ != "VERB" or arc.dep_ not in ("dobj", "npadvmod", "prep", "advmod"):
        return "", None
    if arc.dep_ == "prep" and arc.lower_ not in DURATION_PREPS:
        return "", None
    doc = ctx.doc
    if q.end < len(doc) and doc[q.end].lower_ in TIME_ANCHORS:
        return "", None  # "three days ago", "a week later": a time anchor, not a duration of something
    lemma = verb.lemma_.lower()
    word = verb.text.lower() if verb.tag_ in ("VBG", "VBN") else ctx.lex.table("participles").get(lemma, lemma)
    return f"time {word}", verb
