"""The period a figure refers to: ``period``, ``period_start``, ``period_end`` (FRAMES.md).

Read, in this order, from
1. the figure's own clause: a date phrase right after it ('1.35 mln in 1986', '$4 billion last year'), else
   the nearest one hanging from the figure or its modifiers ('2,000 units sold last year'), from anything on
   its path up to its verb, from that verb (or the verb above an xcomp), or from inside the verb's subject or
   object ('1987 output', 'growth of credit in calendar 1986'); a figure coordinated with a dated figure
   takes its period ('888 mln dlrs or 5.45 dlrs per ADR');
2. its sentence: a date phrase hanging from a verb of the clauses above the figure's (through conj, advcl,
   xcomp, and from a participle to the verb of its noun), or from their conjuncts, or one that opens the
   sentence ('Last week, the group submitted an offer valued at $3.1m'); not the verb of a reported clause
   ('..., police said on Sunday' dates the saying), not across a change of tense;
3. 'now', 'currently' on a present-tense level: the publication date ('the country now has debt totalling');
4. its paragraph: the period of the previous dated figure of the paragraph, in an earlier sentence, when no
   new date is written in between, both clauses are in the same tense, and the sentence does not open with
   'Separately', 'Meanwhile', 'Elsewhere' ('In August, output rose 3% ... The survey also found 40%'); in the
   lead paragraph, the headline's period; a body figure that repeats a headline figure (same value and unit)
   gives its period to the headline figure and takes the headline's.
A point of comparison is never the period: 'from November', 'than in 1994', 'compared with 2018', 'the same
period last year', 'up 4 percent over last year' ('over the past five years' is a period), and a date on
the far side of a comparison with another figure belongs to that figure ('fell to 51.9 pct in February from
55.8 pct in January'). Counts of periods are not periods ('for a sixth month').
Phrases are resolved by `analyzer.quantities.periods.resolve_period` against the publication date; a fiscal
year by the convention of the country the figure's sentence names, a marketing season by the crop it names.
"""
from __future__ import annotations

import calendar
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from .._resources import word_lists
from ..quantities.model import Quantity
from ..quantities.periods import MONTHS, resolve_period, shift_months
from ..tree import MAX_HOPS, index_of, kids, span_root, up_ids
from .clause import BASELINE_PREPS, compares
from .context import FrameContext

WORDS = word_lists("analyzer.frames")
EDGE_VERBS = WORDS.ordered("edge_verbs")
YEAR_KINDS = WORDS.ordered("year_kinds")
SAME_PERIOD_NOUNS = WORDS.ordered("same_period_nouns")
TIME_UNITS = WORDS.ordered("time_units")
RANGE_ENDS = WORDS.ordered("range_ends")
DATE_RANGE_BREAKS = WORDS.ordered("date_range_breaks")
DURING_PREPS = WORDS.ordered("during_preps")
SENTENCE_LEADS = WORDS.ordered("sentence_leads")
PREVIOUS_WORDS = WORDS.words("previous_words")
BASELINE_WORDS = WORDS.ordered("baseline_words")
PERIOD_LEADS = WORDS.ordered("period_leads")

CLAUSE_LINKS = frozenset({"conj", "advcl", "xcomp"})  # not ccomp: "..., police said on Sunday" dates the saying
TOPIC_CHANGES = WORDS.words("topic_changes")  # a sentence so opened starts a new series
FUTURE_AUX = WORDS.words("future_aux")
FUTURE_HEADS = WORDS.words("future_heads")
DURATION_WORDS = WORDS.words("duration_words")
HOLDING_DEPS = frozenset({"npadvmod", "advmod", "nmod", "compound", "appos", "tmod", "obl", "nsubj", "dobj", "attr",
                          "nummod", "acl"})  # "last year", "1986 income", "the year ended September"
WINDOW = 40  # tokens either side of a figure where its date phrases are looked for
KEPT_PREPS = WORDS.ordered("kept_preps")  # kept in the period's text
_YEAR_LIKE = re.compile(r"(1[89]|2[01])\d\d")
_EXTRA = re.compile(r"(?i)^(?:fy\s*'?\d{2,4}(?:/\d{2})?|fy|q[1-4]|h[12]|(?:19|20)\d\d(?:/|-)\d\d(?:\d\d)?)$")
_COUNTED_TIME = re.compile(r"\b(?:straight|consecutive|successive|running)\b|^(?:for )?an? \w+(?:th|nd|rd|st) "
                           r"(?:day|week|month|year)$")
_EVERY = re.compile(r"^(?:each|every|per|a|an)\s+(?:day|week|month|quarter|year|season)$")
SPAN_STARTS = WORDS.words("span_starts")  # "a year from March 1"
_SPAN_LENGTH = re.compile(r"^(?:the\s+)?(?:a|an|\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
                          r"\s+(?:year|month|week|day)s?$")
RELATIVE_WORDS = WORDS.words("relative_words")
RELATIVE_UNITS = WORDS.words("relative_units")
CHANGE_WORDS = WORDS.words("change_words")
REVISION_WORDS = WORDS.words("revision_words")
SAME_UNITS = WORDS.words("same_units")
PART_NOUNS = WORDS.words("part_nouns")
ANAPHORIC_PERIODS = WORDS.words("anaphoric_periods")
_AFTER_WORDS = WORDS.words("after_words")


@dataclass(frozen=True)
class Dated:
    """A date phrase of a sentence: its tokens, the token it hangs from, and whether it is a point of
    comparison (never a period)."""
    start: int
    end: int
    holder: int  # -1 when it hangs from nothing a figure can hold
    baseline: bool


def assign(ctx: FrameContext, q: Quantity) -> None:
    """Set the period fields of ``q`` from its clause, else its sentence, else its paragraph or headline."""
    doc = ctx.doc
    anchor = doc[q.anchor] if 0 <= q.anchor < len(doc) else doc[q.start]
    verb = _verb(anchor)
    span = _change_span(ctx, q, anchor, verb)
    if span is not None:  # "views rose 57% from 2013 to 2014": the change took that span
        q.period, q.period_start, q.period_end = span
        _remember(ctx, q, verb, q.end)
        return
    found = _adjacent(ctx, q)
    near = found is not None
    found = found or _in_clause(ctx, q, anchor, verb)
    shared = _conjunct(ctx, anchor) if found is None else None
    if shared is not None:  # "888 mln dlrs or 5.45 dlrs per ADR": the figure it is coordinated with
        _copy(shared, q)
        _remember(ctx, q, verb, q.end)
        return
    if found is None and q.dimension in ("time", "age"):  # "in the past 24 hours", "the 68-year-old": a time
        q.period, q.period_start, q.period_end = "", "", ""  # or an age is itself no figure of a dated series
        return
    found = found or _when_clause(ctx, q, verb) or _in_sentence(ctx, q, verb)
    compared = _compared_with(ctx, q)
    if compared is not None and not near:
        own = [d for d in _near(ctx, q) if (d.start in compared or d.start == _after(doc, q.end)) and d.start >= q.end
               and (not d.baseline or "same" in doc[d.start:d.end].text.lower())]
        if own:  # "rose 1.1 pct in January after a 0.2 pct rise in December": its own phrase's date
            found = own[0]
        elif found is not None and found.holder not in compared and doc[found.holder].pos_ in ("VERB", "AUX") \
                and not _revision(doc, compared, verb):
            found = None  # "repayments were 16 mln dlrs last month after the previous 151 mln": the verb's date
            # is the figure's, not that of the one it is compared with (unless an earlier estimate: 'revised from')
    if found is None and _earlier(ctx, q, lambda: _phrase_words(anchor)):
        _remember(ctx, q, verb, -1)
        return
    if found is not None and _same_period(ctx, q, found):  # "against 7.1 mln in the same period of 1985": the
        _remember(ctx, q, verb, found.end)  # period of the figure it is compared with, in that year
        return
    respective = _respective(ctx, q, found) if found is not None else None
    if respective is not None:  # "the 1986 and 1985 deficits at 2.09 billion and 1.722 billion dlrs"
        q.period = respective
        q.period_start, q.period_end = _resolve(ctx, q, q.period)
        _remember(ctx, q, verb, max(q.end, found.end if found is not None else q.end))
    elif found is not None:
        q.period = period_text(doc, found)
        q.period_start, q.period_end = _resolve(ctx, q, q.period)
        if not (q.period_start or q.period_end):  # "up from 4.6 billion dlrs a year earlier": a year before
            said = {t.lower_ for t in doc[found.start:found.end]}
            if not _earlier(ctx, q, lambda: said) and said <= ANAPHORIC_PERIODS \
                    and (after := _after_baseline(ctx, q, verb, compared)) is not None:
                q.period, q.period_start, q.period_end = after  # "5.5 billion for the year, up from 3.1 billion
                # in 1985": the year after the one compared with
        _remember(ctx, q, verb, max(q.end, found.end))
    elif (after := _after_baseline(ctx, q, verb, compared)) is not None:  # "rose to 720,000 tonnes against
        q.period, q.period_start, q.period_end = after  # 695,000 tonnes in 1986": 1987
        _remember(ctx, q, verb, q.end)
    elif ctx.published is not None and not q.direction and _now(verb):  # "the country now has debt totalling"
        q.period, q.period_start, q.period_end = "now", ctx.published.isoformat(), ctx.published.isoformat()
        _remember(ctx, q, verb, q.end)
    else:
        q.period, q.period_start, q.period_end = "", "", ""
        _remember(ctx, q, verb, _inherit(ctx, q, verb))


# ---------------------------------------------------------------------------- the date phrases of a sentence


def sentence_dates(ctx: FrameContext, i: int) -> list[Dated]:
    """The date phrases of the sentence of token ``i`` (the parser's DATE entities, widened to 'fiscal 2019',
    'the 2018/19 season', 'the second half of this year' and '12 months from March 1', and 'Q3', 'FY2020',
    '2019/20', 'this year' it leaves out), read once per sentence."""
    doc = ctx.doc
    sent_start, sent_end = index_of(doc).sent_bounds(i)
    key = ("period_dates", sent_start)
    found = ctx.memo.get(key)
    if found is not None:
        return found
    spans = _entity_dates(ctx, sent_start, sent_end)
    _unparsed_dates(ctx, spans, sent_start, sent_end)
    found = ctx.memo[key] = [_dated(doc, s, e) for s, e in sorted(spans)]
    return found


def _entity_dates(ctx: FrameContext, sent_start: int, sent_end: int) -> list[tuple[int, int]]:
    """The spans of the parser's DATE entities in tokens ``sent_start:sent_end`` that can name a period, widened
    (`_widen`) and run on into the next where one phrase is parsed as two."""
    doc = ctx.doc
    spans: list[tuple[int, int]] = []
    ents = _date_ents(ctx)
    first, last = (bisect_left(ents, b, key=lambda e: e.start) for b in (sent_start, sent_end))
    in_sentence = ents[first:last]
    joined = -1
    for ent in in_sentence:
        if ent.start < joined:
            continue  # "December 1992" of "between January 1987 and December 1992"
        if not _may_name_period(ent):
            continue
        end = _paragraph_end(ctx, ent)
        joined_end = _joined_end(doc, ent, end, in_sentence, sent_start, sent_end)
        if joined_end is not None:
            end = joined = joined_end
        start = _span_length(doc, ent.start, sent_start)  # "for 12 months from March 1": one span
        if start < ent.start:
            spans = [sp for sp in spans if sp[1] <= start]  # not "12 months" again
        spans.append(_widen(doc, start, end, sent_start, sent_end))
    return spans


def _may_name_period(ent: Span) -> bool:
    """Can the DATE entity ``ent`` name one period: not a length of time, a count of periods, a period that
    repeats, or a clause the parser took for a date?"""
    if ent[0].like_num and not _YEAR_LIKE.fullmatch(ent[0].text) and not _EXTRA.match(ent[0].text):
        return False  # "eight years", "10 days": a duration, itself a quantity, not the period
    if _COUNTED_TIME.search(ent.text.lower()) or _EVERY.match(ent.text.lower()):
        return False  # "a sixth month", "the seventh consecutive month", "each month": no one period
    # "The months became years and now": the parser's DATE over a clause
    return not any(t.pos_ in ("VERB", "AUX") and t.lemma_.lower() not in EDGE_VERBS for t in ent)


def _paragraph_end(ctx: FrameContext, ent: Span) -> int:
    """Where the DATE entity ``ent`` ends within its paragraph, spaces left off: a date ends with its paragraph."""
    doc = ctx.doc
    end = min(ent.end, ctx.paragraph_of(ent.start)[1])
    while end > ent.start + 1 and doc[end - 1].is_space:
        end -= 1
    return end


def _joined_end(doc: Doc, ent: Span, end: int, in_sentence: list[Span], sent_start: int,
                sent_end: int) -> int | None:
    """Where a date phrase the parser split into two DATE entities ends (``ent`` ends at ``end``; the
    sentence's DATE entities ``in_sentence``): the end of the second, or ``end`` when there is none; None
    for a phrase that does not run on."""
    if "between" in (ent[0].lower_, doc[max(ent.start - 1, sent_start)].lower_) and end + 1 < sent_end \
            and doc[end].lower_ == "and":  # "between January 1987 and December 1992": one span
        return next((e.end for e in in_sentence if e.start == end + 1), end)
    if ent[-1].lower_ == "of":  # the parser's "the same period of" + "1985"
        return next((e.end for e in in_sentence if e.start == end), end)
    return None


def _unparsed_dates(ctx: FrameContext, spans: list[tuple[int, int]], sent_start: int, sent_end: int) -> None:
    """Add to ``spans`` the date phrases of tokens ``sent_start:sent_end`` the parser left out of its DATE
    entities and that overlap none of them: 'Q3', 'FY2020', '2019/20', 'this year'."""
    doc = ctx.doc
    taken = {t for s, e in spans for t in range(s, e)}
    idx = index_of(doc)  # every word of the sentence is looked at: read from the token columns, no Token built
    text, lower, like_num = idx.column("ORTH"), idx.column("LOWER"), idx.column("LIKE_NUM")
    for k in range(sent_start, sent_end):
        if k in taken:
            continue
        if _EXTRA.match(text[k]) and not (lower[k] == "fy" and (k + 1 >= sent_end or not like_num[k + 1])):
            s, e = _widen(doc, k, k + 1, sent_start, sent_end)
        elif lower[k] in RELATIVE_WORDS and k + 1 < sent_end and lower[k + 1] in RELATIVE_UNITS:
            s, e = _widen(doc, k, k + 2, sent_start, sent_end)  # "this year" the parser left out
        else:
            continue
        if not taken.intersection(range(s, e)):
            spans.append((s, e))
            taken.update(range(s, e))


def _near(ctx: FrameContext, q: Quantity) -> list[Dated]:
    """The date phrases of the figure's sentence at most `WINDOW` tokens from it (a giant 'sentence' of
    thousands of figures and dates is not read whole for each)."""
    dates = sentence_dates(ctx, q.start)
    if len(dates) <= 8:
        return dates
    lo = bisect_left(dates, q.start - WINDOW, key=lambda d: d.start)
    hi = bisect_left(dates, q.end + WINDOW, key=lambda d: d.start)
    return dates[lo:hi]


def _date_ents(ctx: FrameContext) -> list[Span]:
    """The DATE entities of the Doc that can name a time (not 'annually', 'year-on-year'), in text order."""
    found = ctx.memo.get("period_date_ents")
    if found is None:
        found = ctx.memo["period_date_ents"] = [e for e in ctx.ents if e.label_ == "DATE"
                                                and e.text.lower() not in ctx.qlex.not_periods]
    return found


def _span_length(doc: Doc, start: int, sent_start: int) -> int:
    """Where a date phrase begins when a length of time and 'from', 'starting' stand before it ('12 months from
    March 1', 'a year starting July 1'): that length's first token; else ``start``."""
    if start - 3 < sent_start or doc[start - 1].lower_ not in SPAN_STARTS:
        return start
    for n in (2, 3):
        if start - 1 - n >= sent_start and _SPAN_LENGTH.match(doc[start - 1 - n:start - 1].text.lower()):
            return start - 1 - n
    return start


def _widen(doc: Doc, start: int, end: int, sent_start: int, sent_end: int) -> tuple[int, int]:
    """'2019' of 'fiscal 2019', 'FY 2020', 'Q3 2019', 'the 2018/19 fiscal year', 'the 2019/20 season'."""
    while start > sent_start and doc[start - 1].lower_ in YEAR_KINDS:
        start -= 1
    same = start
    if start - 3 >= sent_start and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in SAME_UNITS \
            and doc[start - 3].lower_ == "same":
        same = start - 3  # "the same period of 1985"
    elif start - 1 >= sent_start and doc[start - 1].lower_ == "same":
        same = start - 1  # "the same 1985/86 period"
        if end < sent_end and doc[end].lower_ in SAME_UNITS:
            end += 1
    if same < start:
        start = same - 1 if same - 1 >= sent_start and doc[same - 1].lower_ == "the" else same
    elif start - 2 >= sent_start and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in PART_NOUNS:
        part = doc[start - 2]  # "the second half of this year", "the first nine months of 1986": the parser's
        if doc[start - 1].head.i == part.i:  # DATE is often only the year after a line break
            start = max(part.left_edge.i, start - 7, sent_start)
    while end < sent_end and end - start < 8 and (
            doc[end].lower_ in _AFTER_WORDS and doc[end - 1].lower_ != "year"
            or doc[end].like_num and _YEAR_LIKE.fullmatch(doc[end].text) and _EXTRA.match(doc[end - 1].text)):
        end += 1
    return start, end


def _dated(doc: Doc, start: int, end: int) -> Dated:
    """What the date phrase ``doc[start:end]`` hangs from, through its preposition ('in 2023' under 'rose'),
    directly ('last year', '1986 income') or as a participle ('13.1 pct in the year ended September')."""
    text = doc[start:end].text.lower()
    exits = [t for t in doc[start:end] if not start <= t.head.i < end or t.head.i == t.i]
    exits.sort(key=lambda t: (t.dep_ not in ("pobj", "pcomp"), t.dep_ not in HOLDING_DEPS, t.i))
    node = exits[0] if exits else span_root(doc, start, end)
    if node.dep_ == "pobj" and node.head.dep_ in ("prep", "agent", "pcomp") or node.dep_ == "pcomp" \
            or node.dep_ == "prep" and node.i == start:  # the parser's DATE with its preposition: "between ..."
        prep = node if node.dep_ == "prep" else node.head
        baseline = compares(prep) or prep.lower_ == "over" and not _duration(text) \
            or "same" in text and any(w in text for w in SAME_PERIOD_NOUNS)
        holder = prep.head
        if holder.lower_ == "as" and prep.lower_ == "of" and holder.head.i != holder.i:
            holder = holder.head  # "as of June 30"
        elif holder.dep_ == "advmod" and holder.pos_ == "ADV" and holder.head.pos_ in ("VERB", "AUX"):
            holder = holder.head  # "cut tariffs sometime in the second half", "later in 2019": the verb's
        if prep.lower_ == "to" and any(c.lower_ == "from" for c in kids(holder, "prep")):
            baseline = True  # "from 2018 to 2019": the span of a change, its end not the figure's period alone
        return Dated(start, end, holder.i, baseline)
    if node.dep_ in HOLDING_DEPS:
        baseline = "same" in text and "period" in text
        return Dated(start, end, node.head.i, baseline)
    return Dated(start, end, -1, False)


def _across_comparison(ctx: FrameContext, start: int, end: int) -> bool:
    """Does a comparison with a figure ('from 55.8 pct', 'against 1.35 mln', 'compared with 13.1 pct') lie
    between tokens ``start`` and ``end``? A date on its far side belongs to the other figure. (The comparison
    words of a sentence are listed once.)"""
    if end <= start:
        return False
    doc = ctx.doc
    sent_start, sent_end = index_of(doc).sent_bounds(start)
    key = ("period_comparisons", sent_start)
    at = ctx.memo.get(key)
    if at is None:
        lower = index_of(doc).column("LOWER")  # every word of the sentence: no Token built for it
        at = ctx.memo[key] = [
            k for k in range(sent_start, sent_end) if (lower[k] in BASELINE_PREPS or lower[k] == "compared")
            and any(t.like_num and t.ent_type_ != "DATE" for t in doc[k + 1:min(k + 5, len(doc))])]
    k = bisect_left(at, start)
    return k < len(at) and at[k] < end


def _duration(text: str) -> bool:
    """'the past five years', 'the next decade', 'two quarters': a stretch of time, not a point compared with."""
    words = set(re.findall(r"[a-z]+", text))
    return bool(words & DURATION_WORDS) or any(w.endswith("s") and w[:-1] in TIME_UNITS for w in words)


# ---------------------------------------------------------------------------- clause and sentence


def _verb(anchor: Token) -> Token | None:
    """The verb whose clause the figure belongs to; None for a figure in a noun phrase coordinated by "or" (the
    same figure in other words: "888 mln dlrs or 5.45 dlrs per ADR"), where the first conjunct's reading is
    copied instead, or in a noun phrase the parse coordinated with a verb (a clause of its own)."""
    doc = anchor.doc
    idx = index_of(doc)  # read from the token columns: the walk builds no Token
    heads, tags, deps, lower = idx.column("HEAD"), idx.column("POS"), idx.column("DEP"), idx.column("LOWER")
    cur = anchor.i
    for _ in range(MAX_HOPS):  # the verb is a few arcs up, not thousands
        if heads[cur] == cur:
            return doc[cur] if tags[cur] in ("VERB", "AUX") else None
        if deps[cur] == "conj" and tags[cur] in ("NOUN", "PROPN") and (
                tags[heads[cur]] not in ("NOUN", "PROPN")
                or any(lower[j] == "or" for j in idx.deps(doc[heads[cur]]).get("cc", ()))):
            return None  # ("a 2.75 pct rise in exports and a 3.5 pct rise in imports this year": the verb's; but
            # "with turnover surpassing $4 billion last year and 1,300 enterprises operating": a clause apart)
        cur = heads[cur]
        if tags[cur] in ("VERB", "AUX"):
            return doc[cur]
    return None


def _change_span(ctx: FrameContext, q: Quantity, anchor: Token, verb: Token | None) -> tuple[str, str, str] | None:
    """(text, start, end) of the span a change took, written "from <date> to <date>" after the change figure
    on its own clause ("rose 57% from 2013 to 2014", "a 57% increase in views from 2013 to 2014"): from the
    first date's start to the second's end. None for anything else (a level: "rose from 4% in 2013")."""
    if not q.direction:
        return None
    doc = ctx.doc
    idx = index_of(doc)
    _, sent_end = idx.sent_bounds(q.start)
    on_path = set(up_ids(doc, anchor.i, 4))  # the figure, its head noun, its verb
    for k in range(q.end, min(q.end + 8, sent_end - 3)):
        tok = doc[k]
        if tok.lower_ != "from" or ctx.figure_at(k) is not None:
            continue
        holder = tok.head
        for _ in range(2):  # "an increase in views from 2013": 'from' on the noun the change is in, at most
            if holder.i in on_path or holder.dep_ != "pobj":
                break
            holder = holder.head.head
        if holder.i not in on_path:
            return None
        first, j = _date_word_run(doc, k + 1, sent_end)
        if not first or j >= sent_end or doc[j].lower_ not in RANGE_ENDS:
            return None
        second, _ = _date_word_run(doc, j + 1, sent_end)
        if not second:
            return None
        start, _ = _resolve(ctx, q, first)
        _, end = _resolve(ctx, q, second)
        if start and end and start <= end:
            return f"from {first} {doc[j].lower_} {second}", start, end
        return None
    return None


def _respective(ctx: FrameContext, q: Quantity, found: Dated) -> str | None:
    """The year a figure takes from coordinated years ("the 1986 and 1985 deficits at 2.09 billion and 1.722
    billion dlrs", "exports in 1986 and 1985 were 5 and 4 billion"): the one of the same rank, when as many
    figures as years follow the years in the sentence; None otherwise."""
    doc = ctx.doc
    first = next((t for t in doc[found.start:found.end] if _YEAR_LIKE.fullmatch(t.text)), None)
    if first is None:
        return None
    while first.dep_ == "conj" and _YEAR_LIKE.fullmatch(first.head.text):
        first = first.head
    years = [first]
    while True:
        nxt = next((c for c in kids(years[-1], "conj") if _YEAR_LIKE.fullmatch(c.text)), None)
        if nxt is None:
            break
        years.append(nxt)
    if len(years) < 2:
        return None
    _, sent_end = index_of(doc).sent_bounds(q.start)
    figures = doc._.quantities or ()
    starts = ctx.memo.get("figure_starts")
    if starts is None:
        starts = ctx.memo["figure_starts"] = [f.start for f in figures]
    after = figures[bisect_right(starts, years[-1].i):bisect_left(starts, sent_end)]  # (in text order)
    rank = next((k for k, f in enumerate(after) if f is q), None)
    return years[rank].text if rank is not None and len(after) == len(years) else None


def _when_clause(ctx: FrameContext, q: Quantity, verb: Token | None) -> Dated | None:
    """The date a "when" clause hangs on ("M2 rose 3.3 pct from December, when it rose 3.5 pct": December): the
    date phrase that ends right before the clause's "when"."""
    if verb is None:
        return None
    when = next((c for c in kids(verb, "advmod") if c.lower_ == "when" and c.i < verb.i), None)
    if when is None:
        return None
    k = when.i - 1
    while k >= 0 and ctx.doc[k].text in (",", "-", "—"):
        k -= 1
    return next((d for d in _near(ctx, q) if d.end == k + 1 and not d.start <= q.start < d.end), None) \
        if k >= 0 else None


def _date_word_run(doc: Doc, i: int, end: int) -> tuple[str, int]:
    """The words of a bare date at token ``i`` ("2013", "January", "March 2014", "the third quarter"): a year,
    a month name, a DATE entity's tokens; ("", i) when none starts there."""
    j = i
    while j < end and j - i < 4 and (doc[j].ent_type_ == "DATE" and doc[j].lower_ not in DATE_RANGE_BREAKS
                                      or _YEAR_LIKE.fullmatch(doc[j].text) or doc[j].lower_ in MONTHS):
        j += 1
    return doc[i:j].text, j



def _in_clause(ctx: FrameContext, q: Quantity, anchor: Token, verb: Token | None) -> Dated | None:
    """The date phrase nearest the figure that hangs from the figure or its modifiers ('2,000 units sold last
    year'), its path up to its verb, the verb (or the verb above an xcomp), or the verb's subject or object
    or a word inside them ('1987 output', 'growth of private credit in calendar 1986'); not inside the figure,
    not across a comparison with another figure, not in another paragraph."""
    doc = ctx.doc
    dates = [d for d in _near(ctx, q) if not d.baseline and d.holder >= 0
             and not (d.start < q.end and d.end > q.start)]
    if not dates:
        return None
    holders = {anchor.i}
    holders.update(c.i for c in kids(anchor, "acl", "amod", "relcl"))  # "the nine months he was held ... in 2004"
    around: set[int] = set()  # the verb's subject and object: a date anywhere in them
    if verb is not None:
        node = anchor
        while node.head.i != node.i and node.i != verb.i and node.dep_ != "conj" and len(holders) <= MAX_HOPS:
            node = node.head
            holders.add(node.i)
        holders.add(verb.i)
        if verb.dep_ == "xcomp":  # "is projected to reach $45tn by 2034"
            holders.add(verb.head.i)
        holders.update(c.i for c in kids(verb, "xcomp"))
        subject_of = verb.head if verb.dep_ == "xcomp" and not kids(verb, "nsubj", "nsubjpass", "csubj") else verb
        around.update(c.i for c in kids(subject_of, "nsubj", "nsubjpass", "csubj")[:1])  # ... the xcomp's, above it
        # ("In 1987 private consumption was expected to slow to a 2.25 pct growth rate")
        around.update(c.i for c in kids(verb, "dobj")[:1] if not c.i <= q.start < c.right_edge.i + 1)
        holders.update(around)
    paragraph = ctx.paragraph_of(q.start)
    best = None
    for d in dates:
        near = d.holder in holders or around and _below(doc[d.holder], around)
        if not near or d.holder != anchor.i and _across_comparison(ctx, *_gap(d, q)) \
                or ctx.paragraph_of(d.start) != paragraph:
            continue
        key = (d.holder in around, max(d.start - q.end, q.start - d.end), d.start)  # the subject's, last
        if best is None or key < best[0]:
            best = (key, d)
    return best[1] if best else None


def _adjacent(ctx: FrameContext, q: Quantity) -> Dated | None:
    """A date phrase right after the figure ('1.35 mln in 1986', '$4 billion last year'), whatever the parse
    makes of a list of figures and years."""
    k = _after(ctx.doc, q.end)
    return next((d for d in _near(ctx, q) if d.start == k and not d.baseline), None)


def _after(doc: Doc, k: int) -> int:
    """Where a date phrase right after token ``k - 1`` begins (past a line break and 'in', 'during', 'for')."""
    while k < len(doc) and doc[k].is_space:
        k += 1  # a wrapped line
    if k < len(doc) and doc[k].lower_ in DURING_PREPS:
        k += 1
    while k < len(doc) and doc[k].is_space:
        k += 1
    return k


def _conjunct(ctx: FrameContext, anchor: Token) -> Quantity | None:
    """The dated figure a figure is coordinated with ('888 mln dlrs or 5.45 dlrs per ADR')."""
    if anchor.dep_ != "conj":
        return None
    other = ctx.memo.get("period_by_anchor", {}).get(anchor.head.i)
    return other if other is not None and other.period else None


def _now(verb: Token | None) -> bool:
    """Is the clause in the present, stated as of now ('now has', 'is currently hovering')?"""
    for _ in range(3):
        if verb is None:
            return False
        tense = _tense(verb)
        if tense and tense != "present":
            return False
        if tense and any(c.lower_ in ("now", "currently") for c in kids(verb, "advmod")):
            return True
        verb = verb.head if verb.dep_ in ("ccomp", "acl", "xcomp", "conj") and verb.head.pos_ in ("VERB", "AUX") \
            else None
    return False


def _gap(d: Dated, q: Quantity) -> tuple[int, int]:
    """The tokens between a date phrase and a figure."""
    return (d.end, q.start) if d.end <= q.start else (q.end, d.start)


def _below(tok: Token, tops: set[int], hops: int = 3) -> bool:
    """Is ``tok`` at most ``hops`` arcs below one of ``tops``, inside its noun phrase (not in a clause of its
    own: 'rumors that the device could enter production in 2015')?"""
    for _ in range(hops):
        if tok.head.i == tok.i or tok.pos_ in ("VERB", "AUX"):
            return False
        tok = tok.head
        if tok.i in tops:
            return True
    return False


def _in_sentence(ctx: FrameContext, q: Quantity, verb: Token | None) -> Dated | None:
    """A date phrase hanging from a verb of the clauses above the figure's (through conj, advcl, xcomp, and from
    a participle to the verb of its noun: 'an offer valued at $3.1m'), or their conjuncts, in the same tense
    (the nearest clause first); else a date that opens the sentence ('Last year, U.S. drug sales were ...')."""
    doc = ctx.doc
    dates = [d for d in _near(ctx, q) if not d.baseline and d.holder >= 0 and not (d.start < q.end and d.end > q.start)]
    if not dates:
        return None
    rank: dict[int, float] = {}
    if verb is not None:
        chain = [verb]
        cur = verb
        while len(chain) < 8:
            if cur.dep_ == "advcl" and cur.tag_ == "VB" and any(a.lower_ == "to" for a in kids(cur, "aux")) \
                    and cur.lemma_.lower() not in ctx.qlex.level_verbs \
                    and cur.head.lemma_.lower() not in ctx.qlex.change_verbs:
                break  # "signed an agreement last month to buy crude for 17.52 dlrs": a purpose, not dated by it
                # (but "slipped 3/8 today to close at 34-3/4" is the result of the change)
            if cur.dep_ in CLAUSE_LINKS and cur.head.i != cur.i:
                cur = cur.head
            elif cur.dep_ == "acl" and cur.tag_ in ("VBN", "VBG") \
                    or cur.dep_ == "relcl" and _about_figure(ctx, cur.head):
                verb_of = _verb(cur.head)  # "an offer valued at $3.1m", "sales of $1.5bn, which brought in 27 pct"
                if verb_of is None:
                    break
                cur = verb_of
            else:
                break
            chain.append(cur)
        rank = {v.i: float(n) for n, v in enumerate(chain)}
        for n, v in enumerate(chain):
            for c in kids(v, "conj"):
                rank.setdefault(c.i, n + 0.5)
    sent_start = index_of(doc).sent_bounds(q.start)[0]
    best: tuple[tuple[float, int], Dated] | None = None
    for d in dates:
        holder = doc[d.holder]
        k: float | None = rank.get(d.holder) if holder.pos_ in ("VERB", "AUX") else None
        if k is None and d.end <= q.start and _opens(doc, d, sent_start):
            k = 99  # "Last week, the management group submitted ..."
        if k is None or not _same_tense(verb, holder if holder.pos_ in ("VERB", "AUX") else _verb(holder),
                                        strict=False):
            continue
        if ctx.paragraph_of(d.start) != ctx.paragraph_of(q.start) or _across_comparison(ctx, *_gap(d, q)):
            continue
        key = (k, abs(d.start - q.start))
        if best is None or key < best[0]:
            best = (key, d)
    return best[1] if best else None


def _about_figure(ctx: FrameContext, noun: Token) -> bool:
    """Is ``noun`` a figure or the noun a figure measures ('sales of 1.5 billion dlrs, which ...')? A relative
    clause on it continues that figure's statement; one on any other noun describes a thing at its own time
    ('al-Baghdadi, who has a $10 million price on his head, delivers a sermon in July')."""
    return ctx.figure_at(noun.i) is not None or any(
        ctx.figure_at(c.i) is not None for c in noun.children if c.dep_ in ("nummod", "prep", "quantmod")) or any(
        ctx.figure_at(g.i) is not None for c in kids(noun, "prep") for g in kids(c, "pobj"))


def _opens(doc: Doc, d: Dated, sent_start: int) -> bool:
    """Does the date phrase open its sentence ('In 1986, ...', 'Last year U.S. sales ...')?"""
    k = sent_start
    while k < d.start and (doc[k].is_space or doc[k].is_punct or doc[k].lower_ in SENTENCE_LEADS):
        k += 1
    return k == d.start


def _tense(verb: Token | None) -> str:
    """'future', 'perfect' (present perfect), 'past' (simple past, past perfect, past passive), 'present', or ''
    when the clause does not show it (a participle or infinitive: the verb it is coordinated with or the
    complement of shows it)."""
    cur = verb
    for _ in range(4):
        if cur is None:
            return ""
        if _future(cur):
            return "future"
        auxes = kids(cur, "aux", "auxpass")
        if any(a.lemma_ == "have" and a.tag_ in ("VBZ", "VBP") for a in auxes):
            return "perfect"  # "has boosted": up to now, never dated by "last year" or "in 1986"
        if any(a.tag_ == "VBD" or a.lemma_ == "have" for a in auxes) or cur.tag_ == "VBD" and not auxes:
            return "past"
        if any(a.tag_ in ("VBZ", "VBP", "MD") for a in auxes) or cur.tag_ in ("VBZ", "VBP") and not auxes:
            return "present"
        cur = cur.head if cur.dep_ in ("conj", "xcomp") and cur.head.i != cur.i else None
    return ""


def _same_tense(a: Token | None, b: Token | None, strict: bool) -> bool:
    """Do the clauses of ``a`` and ``b`` share their tense? Never across a change to or from the future;
    ``strict`` (across sentences): both tenses must show, and a present perfect is not a simple past."""
    ta, tb = _tense(a), _tense(b)
    if (ta == "future") != (tb == "future"):
        return False
    if not strict:  # "has risen 14 pct since 1985 while the won climbed only four pct": one sentence, one span
        ta, tb = ("past" if t == "perfect" else t for t in (ta, tb))
    return ta == tb and ta != "" if strict else not (ta and tb and ta != tb)


def _future(verb: Token | None) -> bool:
    """Is the clause of ``verb`` about the future ('will rise', 'is expected to reach', 'is set to')?"""
    cur = verb
    for _ in range(4):
        if cur is None:
            return False
        if any(c.lower_ in FUTURE_AUX for c in kids(cur, "aux")):
            return True
        if cur.dep_ == "xcomp" and cur.head.lemma_.lower() in FUTURE_HEADS:
            return True
        cur = cur.head if cur.dep_ in ("xcomp", "conj") and cur.head.i != cur.i else None
    return False


# ---------------------------------------------------------------------------- paragraph and headline


def _inherit(ctx: FrameContext, q: Quantity, verb: Token | None) -> int:
    """The period of the series the paragraph (or the headline) has already dated; returns where the date
    phrase it comes from ends (a later date is new), -1 when nothing is inherited."""
    last = ctx.memo.get("period_last")
    sent_start = index_of(ctx.doc).sent_bounds(q.start)[0]
    if _new_topic(ctx, sent_start):
        return -1
    if last is not None:
        prev, prev_verb, seen = last
        if ctx.paragraph_of(prev.start) == ctx.paragraph_of(q.start) and prev.end <= sent_start \
                and not _date_between(ctx, seen, q.start) and _same_tense(prev_verb, verb, strict=True):
            _copy(prev, q)
            return seen
    head = ctx.headline_end
    if not head or q.start < head:
        return -1
    dated = [h for h in ctx.memo.get("period_headline", ()) if h.period]
    same = next((h for h in dated if _same_figure(h, q)), None)
    if same is not None:
        _copy(same, q)
        return q.end
    if dated and ctx.paragraph_of(q.start)[0] == _lead_start(ctx) and not _date_between(ctx, head, q.start):
        _copy(dated[-1], q)
        return q.end
    return -1


def _remember(ctx: FrameContext, q: Quantity, verb: Token | None, seen: int) -> None:
    """Keep the headline's figures, each figure by its anchor, and the last dated figure with the end of the
    date phrase it was dated by."""
    ctx.memo.setdefault("period_by_anchor", {})[q.anchor] = q
    if ctx.headline_end and q.start < ctx.headline_end:
        ctx.memo.setdefault("period_headline", []).append(q)
    elif ctx.headline_end:
        settled = ctx.memo.setdefault("period_headline_settled", set())
        for h in ctx.memo.get("period_headline", ()):
            if id(h) not in settled and _same_figure(h, q):
                settled.add(id(h))  # its first repeat in the body only: a later one may be another loan of that size
                if q.period and not h.period:
                    _copy(q, h)  # "Exports up 5.1 pct" over "Exports rose 5.1 pct in August"
    if not (q.period and q.is_claim and seen >= 0):
        return
    last = ctx.memo.get("period_last")
    if _compared_with(ctx, q) is None:
        ctx.memo["period_last"] = (q, verb, seen)
    elif last is not None and ctx.paragraph_of(last[0].start) == ctx.paragraph_of(q.start):
        ctx.memo["period_last"] = (*last[:2], max(last[2], seen))  # "from 194,400 tons in November": the series
        # stays the one of the figure compared with, and that date is no new one


PHRASE_WINDOW = 12  # tokens on each side of a figure's anchor its phrase is read in ("a year earlier")


def _phrase_words(anchor: Token) -> set[str]:
    """The words of the anchor's phrase and of its head's phrase after it, within PHRASE_WINDOW tokens (a
    sentence of thousands of figures is one phrase: reading it whole for each figure would be quadratic)."""
    doc = anchor.doc
    lo, hi = max(anchor.i - PHRASE_WINDOW, 0), min(anchor.i + PHRASE_WINDOW + 1, len(doc))
    own = range(max(anchor.left_edge.i, lo), min(anchor.right_edge.i + 1, hi))
    after = range(anchor.i + 1, min(anchor.head.right_edge.i + 1, hi))  # the head's subtree is contiguous
    return {doc[i].lower_ for i in own} | {doc[i].lower_ for i in after}


def _earlier(ctx: FrameContext, q: Quantity, words: Callable[[], set[str]]) -> bool:
    """A figure compared with that says it is of the period before ('after the previous 151 mln', 'from 21.95
    billion a year earlier'; ``words``: those of its phrase or date, read only when needed): the period before
    that of the figure of its sentence it is compared with. Sets the period fields."""
    last = ctx.memo.get("period_last")
    if last is None or _compared_with(ctx, q) is None or not last[0].period_start:
        return False
    prev = last[0]
    if index_of(ctx.doc).sent_bounds(prev.start) != index_of(ctx.doc).sent_bounds(q.start):
        return False
    said = words()
    if said & PREVIOUS_WORDS:
        months = _months_long(prev.period_start, prev.period_end)
    elif "earlier" in said and "year" in said or "year-ago" in said or "ago" in said and "year" in said:
        months = 12
    else:
        return False
    if not months:
        return False
    q.period = q.period or "previous " + ("year" if months == 12 else "quarter" if months == 3 else "month"
                                         if months == 1 else f"{months} months")
    q.period_start, q.period_end = _shift(prev.period_start, -months), _shift_end(prev.period_end, -months)
    return True


def _same_period(ctx: FrameContext, q: Quantity, d: Dated) -> bool:
    """'the same period of 1985', 'the same 1985/86 period', 'the same quarter last year' for a figure compared
    with its sentence's dated figure: that figure's period moved to the year it names. Sets the period fields."""
    text = period_text(ctx.doc, d)
    last = ctx.memo.get("period_last")
    if "same" not in text.lower() or last is None or not last[0].period_start:
        return False
    prev = last[0]
    if index_of(ctx.doc).sent_bounds(prev.start) != index_of(ctx.doc).sent_bounds(q.start):
        return False
    bare = re.sub(r"(?i)\b(?:the\s+)?same\b|\b(?:period|month|quarter|time|months|weeks|week)\b|\bof\b", " ", text)
    start, _ = _resolve(ctx, q, " ".join(bare.split()))
    if not start:
        return False
    years = date.fromisoformat(prev.period_start).year - date.fromisoformat(start).year
    if not 1 <= years <= 10:
        return False
    q.period = text
    q.period_start, q.period_end = _shift(prev.period_start, -12 * years), _shift_end(prev.period_end, -12 * years)
    return True


def _after_baseline(ctx: FrameContext, q: Quantity, verb: Token | None,
                    compared: set[int] | None) -> tuple[str, str, str] | None:
    """An undated figure compared with a dated one of its clause ('is forecast to rise to 720,000 tonnes against
    695,000 tonnes in 1986', 'contributed 316 mln, up from 200 mln in 1985'): the period after that one, of the
    same length (a year, quarter or month), when that is the latest such period by the publication date."""
    if ctx.published is None or verb is None or compared is not None or _tense(verb) == "present":
        return None  # "has 316 members, up from 200 in 2013": a level now, not over the year after
    doc = ctx.doc
    sent_end = index_of(doc).sent_bounds(q.start)[1]
    for k in range(q.end, min(q.end + 12, sent_end)):
        word = doc[k]
        if word.lower_ not in BASELINE_WORDS and not (
                word.lower_ in ("with", "to") and word.head.lemma_.lower() == "compare"):
            continue
        head = word.head.head if word.lower_ in ("with", "to") else word.head
        if head.pos_ in ("ADV", "ADJ") and head.dep_ == "advmod":
            head = head.head  # "up from"
        other = next((f for t in word.subtree if (f := ctx.figure_at(t.i)) is not None and f is not q), None)
        if head.i != verb.i or other is None:
            return None
        dated = _adjacent(ctx, other)
        if dated is None or dated.baseline:
            return None
        start, end = _resolve(ctx, other, period_text(doc, dated))
        months = _months_long(start, end) if start and end else 0
        if months not in (1, 3, 12):
            return None
        start, end = _shift(start, months), _shift_end(end, months)
        pub = ctx.published
        if date.fromisoformat(start) > pub or date.fromisoformat(end) < pub - timedelta(days=366):
            return None
        first = date.fromisoformat(start)
        text = str(first.year) if months == 12 else f"Q{(first.month - 1) // 3 + 1} {first.year}" if months == 3 \
            else f"{calendar.month_name[first.month]} {first.year}"
        return text, start, end
    return None


def _months_long(start: str, end: str) -> int:
    """How many whole calendar months ``start``..``end`` covers (0 when it is not whole months)."""
    a, b = date.fromisoformat(start), date.fromisoformat(end)
    if a.day != 1 or (b + timedelta(days=1)).day != 1:
        return 0
    return (b.year - a.year) * 12 + b.month - a.month + 1


def _shift(day: str, months: int) -> str:
    return shift_months(date.fromisoformat(day), months).isoformat()


def _shift_end(day: str, months: int) -> str:
    """The last day of the month ``months`` after that of ``day`` when ``day`` is a month's last, else the day."""
    d = date.fromisoformat(day)
    if (d + timedelta(days=1)).day != 1:
        return _shift(day, months)
    first = shift_months(d.replace(day=1), months)
    return first.replace(day=calendar.monthrange(first.year, first.month)[1]).isoformat()


def _compared_with(ctx: FrameContext, q: Quantity) -> set[int] | None:
    """When the figure is the point a change or level is compared with ('after 163 mln in January', 'from 55.8
    pct in January', 'against 1.35 mln in 1986', 'compared with $4 million'; not 'comes from six hackathons'),
    the tokens of that comparison phrase; else None. Such a figure dates no series."""
    doc = ctx.doc
    tok = doc[q.anchor] if 0 <= q.anchor < len(doc) else doc[q.start]
    for _ in range(4):
        if tok.head.i == tok.i or tok.pos_ in ("VERB", "AUX"):
            return None
        prep = tok.head
        if tok.dep_ == "pobj" and prep.lower_ != "of":  # the nearest preposition decides ('after last year's
            if prep.lower_ == "from" and _changes(ctx, prep.head) or prep.lower_ != "from" and compares(prep) \
                    or prep.lower_ == "after":  # fall to 0.75 pct': 'to'; 'with profits of 551.7 mln': 'with')
                return {t.i for t in prep.subtree}
            return None
        tok = prep
    return None


def _revision(doc: Doc, compared: set[int], verb: Token | None) -> bool:
    """Is the figure compared with an earlier estimate of the same period ('revised down from 742 mln', 'from an
    initial estimate of', 'from a previously reported 0.9 pct')?"""
    return verb is not None and verb.lemma_.lower() in REVISION_WORDS or any(
        doc[i].lemma_.lower() in REVISION_WORDS for i in compared)


def _changes(ctx: FrameContext, head: Token) -> bool:
    """Does ``head`` state a change or a new level ('rose ... from', 'up from', 'cut to 5.8 pct from', 'a rise
    from')? Then a figure after its 'from' is the old value."""
    lemma = head.lemma_.lower()
    return lemma in ctx.qlex.change_verbs or lemma in ctx.qlex.change_by_verbs or head.pos_ in ("ADV", "ADJ", "NUM") \
        or any(c.lower_ == "to" for c in kids(head, "prep")) or lemma in CHANGE_WORDS


def _new_topic(ctx: FrameContext, sent_start: int) -> bool:
    """Does the sentence open with 'Separately', 'Meanwhile', 'Elsewhere'?"""
    doc = ctx.doc
    k = sent_start
    while k < len(doc) and (doc[k].is_space or doc[k].is_punct):
        k += 1
    return k < len(doc) and doc[k].lower_ in TOPIC_CHANGES


def _copy(source: Quantity, q: Quantity) -> None:
    q.period, q.period_start, q.period_end = source.period, source.period_start, source.period_end


def _same_figure(a: Quantity, b: Quantity) -> bool:
    return a.value == b.value and a.unit == b.unit and a.is_claim and b.is_claim


def _lead_start(ctx: FrameContext) -> int:
    """The first token of the first paragraph after the headline that has words."""
    doc = ctx.doc
    k = ctx.headline_end
    while k < len(doc) and doc[k].is_space:
        k += 1
    return ctx.paragraph_of(min(k, len(doc) - 1))[0]


def _date_between(ctx: FrameContext, start: int, end: int) -> bool:
    """Is a date or time that is not a point of comparison written between tokens ``start`` and ``end``?"""
    times = ctx.memo.get("period_times")
    if times is None:
        times = ctx.memo["period_times"] = [e.start for e in ctx.ents if e.label_ == "TIME"]
    k = bisect_left(times, start)
    if k < len(times) and times[k] < end:
        return True  # "In the past 24 hours, ..."
    ents = _date_ents(ctx)
    k = bisect_left(ents, start, key=lambda e: e.start)
    while k < len(ents) and ents[k].start < end:
        at = ents[k].start
        if not any(d.baseline and d.start <= at < d.end for d in sentence_dates(ctx, at)):
            return True
        k += 1
    return False


# ---------------------------------------------------------------------------- text and dates


def period_text(doc: Doc, d: Dated) -> str:
    """The date phrase as a fact-checker reads it: 'the first half of 2024' -> 'first half of 2024';
    'by 2030', 'since 2016' and 'as of June 30' keep their preposition, 'in' is dropped."""
    tokens = list(doc[d.start:d.end])
    while tokens and tokens[0].lower_ in PERIOD_LEADS:
        tokens = tokens[1:]
    if not tokens:
        return doc[d.start:d.end].text.strip()
    last = tokens[-1].i
    root = span_root(doc, d.start, d.end)
    relcl = next((c for c in kids(root, "relcl") if c.i >= d.end), None)
    if relcl is not None:
        last = relcl.right_edge.i  # "the fiscal year that ended in June"
    text = " ".join(doc[tokens[0].i:last + 1].text.split())  # one line: "last\nSeptember" of wrapped text
    prev = doc[d.start - 1] if d.start > 0 else None
    if prev is not None and prev.lower_ in KEPT_PREPS and prev.dep_ == "prep":
        text = f"{prev.lower_} {text}"
    elif prev is not None and prev.lower_ == "of" and d.start > 1 and doc[d.start - 2].lower_ == "as":
        text = f"as of {text}"
    elif prev is not None and prev.lower_ in ("end", "end-") and not text.lower().startswith("end"):
        text = f"end {text}"  # "at end December": its last day, not the month
    return text.strip()


def _resolve(ctx: FrameContext, q: Quantity, text: str) -> tuple[str, str]:
    sent_start, sent_end = index_of(ctx.doc).sent_bounds(q.start)
    context = ""
    if "season" in text.lower() or "marketing" in text.lower() or "crop" in text.lower():
        context = ctx.doc[sent_start:sent_end].text
    country = _country(ctx, q.start) if re.search(r"(?i)fiscal|financial|budget|\bfy|\d{4}/\d{2}", text) else None
    return resolve_period(text, ctx.published, country=country, context=context)


def _country(ctx: FrameContext, i: int) -> str | None:
    """The country a fiscal year is that of: the last country-linked entity of the figure's sentence before
    it, else the first of its sentence, else the Doc's first."""
    located = ctx.memo.get("period_countries")
    if located is None:
        located = ctx.memo["period_countries"] = [(e.start, e._.country) for e in ctx.ents if e._.country]
    if not located:
        return None
    sent_start, sent_end = index_of(ctx.doc).sent_bounds(i)
    k = bisect_left(located, (sent_start, ""))
    in_sentence = [c for s, c in located[k:k + 50] if s < sent_end]
    before = [c for s, c in located[k:k + 50] if s < i]
    return (before or in_sentence or [located[0][1]])[-1 if before else 0]
