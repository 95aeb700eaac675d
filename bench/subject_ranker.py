"""Would a learned ranker over candidate names beat the subject rules? (issue 16; the issue's design allows "a small
learned ranker over candidate nouns and entities, trained on your development frames").

    python bench/subject_ranker.py            # 5-fold cross-validation by article on the frame set's DEV part
    python bench/subject_ranker.py --write    # ... and writes its section of bench/RESULTS.md

For each figure the bench lists the names it could be about: the rules' answer (`subject.sourced_subject`, with
the rule that gave it), the entities of its sentence and of the sentence before, the paragraph's, and the
document's most named entity; each with features read from the parse (how the name's root hangs from the figure's
measured noun and clause, by which arc and preposition, how far away it is, its kind, how often the text and its
headline name it). Two models (logistic regression and gradient-boosted trees, scikit-learn) are trained on four
folds and score the fifth; a figure's subject is either every candidate at or above 0.5 ("set") or the rules'
answer overridden by the best candidate when the model trusts it and distrusts the rules' names ("override").

Data: bench/data/frames/ (claims of FNC-1 train bodies and Reuters-21578 stories, research use only), DEV part
only; the test part is never read. Nothing here ships: the result decides whether a ranker should.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
from bisect import bisect_left
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from spacy.tokens import Span, Token  # noqa: E402

from _results import write_section  # noqa: E402
from frames import Names, _values_match, load_gold  # noqa: E402
from frames_corpus import article, split_of  # noqa: E402

from analyzer.frames.clause import clause_subject, figure_clause  # noqa: E402
from analyzer.frames.context import FrameContext  # noqa: E402
from analyzer.quantities.model import Quantity  # noqa: E402
from analyzer.text import name_without_suffix, whole_name  # noqa: E402

FOLDS = 5

NAMED_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG", "NORP", "PERSON", "PRODUCT", "EVENT"})


def mention_name(ctx: FrameContext, ent: Span) -> str:
    """The name a mention gives a subject: its canonical name when linked, else as written without a
    company suffix (the rules' `subject.name_of`)."""
    name = ctx.ent_of.get(ent.start)
    if name:
        return name
    return name_without_suffix(whole_name(ent)).strip()


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return f">{edges[-1]}"


def _relation(tok: Token, measured: Token | None, verb: Token | None, holder: Token | None, anchor: Token) -> list[str]:
    """How a mention's root hangs from the figure: as the measured noun's dependent (and by which arc or
    preposition), as the clause's subject, inside the clause, or elsewhere in the sentence."""
    out = [f"dep={tok.dep_}"]
    if tok.dep_ == "pobj" and tok.head.i != tok.i:
        out.append(f"prep={tok.head.lower_}")
    seen = set()
    cur = tok
    hops = 0
    while cur.head.i != cur.i and hops < 8:
        seen.add(cur.head.i)
        cur = cur.head
        hops += 1
    if measured is not None and measured.i in seen:
        out.append("under_measured")
        if tok.head.i == measured.i:
            out.append(f"on_measured={tok.dep_}")
    if anchor.i in seen:
        out.append("under_figure")
    if holder is not None and (tok.i == holder.i or holder.i in seen and tok.dep_ in ("compound", "poss", "amod")):
        out.append("is_holder")
    if verb is not None and verb.i in seen:
        out.append("in_clause")
    return out


def candidates(ctx: FrameContext, q: Quantity, rule: list[str], source: str) -> list[tuple[str, dict[str, float]]]:
    """(name, features) of every name the figure could be about; ``rule`` is the rules' answer and ``source``
    the rule that gave it (`subject.sourced_subject`)."""
    doc = ctx.doc
    if q.anchor < 0:
        return []
    anchor, verb, _ = figure_clause(ctx, q)
    measured = doc[q.measured] if q.measured >= 0 else None
    holder = clause_subject(verb)[0] if verb is not None else None
    p_start, p_end = ctx.paragraph_of(q.start)
    counts, in_head, first = _doc_counts(ctx)
    feats: dict[str, dict[str, float]] = {}

    def add(name: str, f: str, v: float = 1.0) -> None:
        if name:
            feats.setdefault(name, {})[f] = max(v, feats.get(name, {}).get(f, 0.0))

    for k, name in enumerate(rule):
        add(name, "rule")
        add(name, f"rule&source={source}")
        add(name, f"rule_rank={min(k, 2)}")
        add(name, f"rule_n={min(len(rule), 3)}")
        if name not in counts:
            add(name, "rule_unnamed")  # an unlinked holder as written ("the company")
    _entity_features(ctx, q, add, anchor, verb, measured, holder, (p_start, p_end))
    salient = _salient(ctx)
    if salient:
        add(salient, "doc_topic")
    _document_features(feats, rule, source, counts, in_head, first)
    return list(feats.items())


def _entity_features(ctx: FrameContext, q: Quantity, add, anchor, verb, measured, holder,
                     paragraph: tuple[int, int]) -> None:
    """Features of the entities named in the figure's sentence, the sentence before and its paragraph: where
    they stand, how far from the figure, how they hang from its clause, their kind."""
    doc, sent = ctx.doc, anchor.sent
    p_start, p_end = paragraph
    prev_start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    starts = ctx.memo.get("rank_ent_starts")
    if starts is None:
        starts = ctx.memo["rank_ent_starts"] = [e.start for e in ctx.named]
    lo = bisect_left(starts, min(prev_start, p_start))
    hi = bisect_left(starts, max(sent.end, p_end))
    for ent in ctx.named[lo:hi]:
        name = mention_name(ctx, ent) if ent.label_ in NAMED_LABELS else ""
        if not name:
            continue
        if ent.start >= sent.start and ent.end <= sent.end:
            _sentence_features(ctx, q, add, name, ent, anchor, verb, measured, holder)
        elif ent.start >= prev_start and ent.end <= sent.start:
            add(name, "prev_sentence")
        if p_start <= ent.start < p_end:
            add(name, "in_paragraph")


def _sentence_features(ctx: FrameContext, q: Quantity, add, name: str, ent, anchor, verb, measured, holder) -> None:
    """Features of an entity of the figure's own sentence."""
    kind = ctx.kind_of.get(ent.start) or ent.label_
    add(name, "in_sentence")
    dist = ent.start - q.end if ent.start >= q.end else q.start - ent.end
    add(name, "after" if ent.start >= q.end else "before")
    add(name, f"dist<={_bucket(max(dist, 0), (1, 3, 6, 12, 25))}")
    for r in _relation(ent.root, measured, verb, holder, anchor):
        add(name, r)
        add(name, f"{r}&kind={kind}")
    add(name, f"sent_kind={kind}")


def _document_features(feats: dict[str, dict[str, float]], rule: list[str], source: str, counts: Counter[str],
                       in_head: dict[str, bool], first: dict[str, int]) -> None:
    """Features every candidate gets from the whole document: how often it is named, in the headline, first."""
    for name, f in feats.items():
        n = counts.get(name, 0)
        f[f"doc_count<={_bucket(n, (0, 1, 2, 4, 8))}"] = 1.0
        if in_head.get(name):
            f["in_headline"] = 1.0
        if first.get(name) is not None and first[name] == 0:
            f["first_named"] = 1.0
        if name in rule and "in_sentence" not in f:
            f["rule_outside_sentence"] = 1.0
    for f in feats.values():
        f[f"source={source}"] = 1.0


def _doc_counts(ctx: FrameContext) -> tuple[Counter[str], dict[str, bool], dict[str, int]]:
    found = ctx.memo.get("rank_counts")
    if found is None:
        counts: Counter[str] = Counter()
        head: dict[str, bool] = {}
        order: dict[str, int] = {}
        for ent in ctx.named:
            if ent.label_ not in NAMED_LABELS:
                continue
            name = mention_name(ctx, ent)
            if not name:
                continue
            counts[name] += 1
            if ent.start < ctx.headline_end:
                head[name] = True
            order.setdefault(name, len(order))
        found = ctx.memo["rank_counts"] = (counts, head, order)
    return found


def _salient(ctx: FrameContext) -> str | None:
    counts, head, order = _doc_counts(ctx)
    if not counts:
        return None
    return min(counts, key=lambda n: (-(counts[n] + counts[n] * head.get(n, False)), order[n]))


def collect(claims: list[dict], published: dict) -> list[dict]:
    """Per found dev claim: its gold subject, the rules' names and their source, and the candidates."""
    import analyzer
    from analyzer.api import _with_meta
    from analyzer.frames import subject

    seen: dict[int, tuple] = {}
    original = subject.assign

    def assign(ctx, q):
        rule, source = subject.sourced_subject(ctx, q)
        q.subject = rule
        seen[id(q)] = (list(rule), candidates(ctx, q, list(rule), source), source)

    subject.assign = assign
    try:
        nlp = analyzer.load()
        ids = sorted({c["doc"] for c in claims})
        made = [_with_meta(nlp.make_doc(article(d).text), article(d).text, published.get(d), d, None, None, None)
                for d in ids]
        by_doc = {}
        for d, doc in zip(ids, nlp.pipe(made, batch_size=16), strict=True):
            by_doc[d] = [(q.start_char, q.end_char, {"value": q.value, "value_to": q.value_to}, seen.get(id(q)))
                         for q in doc._.quantities]
    finally:
        subject.assign = original
    out = []
    for g in claims:
        rows = [r for r in by_doc.get(g["doc"], []) if r[0] < g["char_end"] and r[1] > g["char_start"]
                and _values_match(g, r[2]) and r[3] is not None]
        if rows:
            r = min(rows, key=lambda r: abs(r[0] - g["char_start"]))
            out.append({"doc": g["doc"], "gold": g.get("subject") or [], "rule": r[3][0], "cands": r[3][1],
                        "source": r[3][2]})
    return out


def cross_validate(items: list[dict], names: Names) -> dict[tuple[str, str], float]:
    """Exact-set subject accuracy of each (model, decision) over the five held-out folds; ("rules", "") too."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    def fold(doc: str) -> int:
        return hashlib.md5(doc.encode()).digest()[0] % FOLDS

    right: Counter[tuple[str, str]] = Counter()
    for k in range(FOLDS):
        train = [it for it in items if fold(it["doc"]) != k]
        X, y = [], []
        for it in train:
            gold = {names(s) for s in it["gold"]}
            for name, f in it["cands"]:
                X.append(f)
                y.append(int(names(name) in gold))
        vec = DictVectorizer(sparse=False)
        matrix = vec.fit_transform(X)
        models = {"logistic regression": LogisticRegression(C=0.3, max_iter=3000),
                  "gradient-boosted trees": HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05,
                                                                           random_state=0)}
        for m in models.values():
            m.fit(matrix, y)
        for it in (it for it in items if fold(it["doc"]) == k):
            gold = {names(s) for s in it["gold"]}
            rule = {names(s) for s in it["rule"]}
            right[("rules", "")] += rule == gold
            cand = [names(n) for n, _ in it["cands"]]
            for label, m in models.items():
                p = m.predict_proba(vec.transform([f for _, f in it["cands"]]))[:, 1] if cand else []
                chosen = {n for n, s in zip(cand, p, strict=True) if s >= 0.5} or rule
                right[(label, "set")] += chosen == gold
                best = max(range(len(cand)), key=lambda i: p[i], default=None)
                trust = max((s for n, s in zip(cand, p, strict=True) if n in rule), default=0.0)
                override = {cand[best]} if best is not None and p[best] > 0.5 and trust < 0.3 else rule
                right[(label, "override")] += override == gold
    return {key: n / len(items) for key, n in right.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--write", action="store_true", help="write the section of bench/RESULTS.md")
    a = ap.parse_args()
    t0 = time.perf_counter()
    claims, published = load_gold()
    items = collect([c for c in claims if split_of(c["doc"]) == "dev"], published)
    names = Names()
    reach = sum({names(s) for s in it["gold"]} <= {names(n) for n, _ in it["cands"]} for it in items)
    by_source: dict[str, Counter] = defaultdict(Counter)
    for it in items:
        gold = {names(s) for s in it["gold"]}
        c = by_source[it["source"]]
        c["n"] += 1
        c["right"] += {names(s) for s in it["rule"]} == gold
        c["reachable"] += {names(s) for s in it["rule"]} != gold and gold <= {names(n) for n, _ in it["cands"]}
    scores = cross_validate(items, names)
    text = (f"{len(items)} claims of the frame set's dev part found; the gold subject is among the candidates for "
            f"{reach / len(items):.3f} of them.\n\n| subject from | accuracy (5-fold by article, dev) |\n|---|---|\n"
            + "\n".join(f"| {m}{', ' + d if d else ''} | {s:.3f} |" for (m, d), s in scores.items())
            + "\n\nThe rules' answer by the rule that gave it (`subject.sourced_subject`):\n\n"
            "| rule | figures | right | wrong, but the gold is among the candidates |\n|---|---|---|---|\n"
            + "\n".join(f"| {s} | {c['n']} | {c['right'] / c['n']:.3f} | {c['reachable']} |"
                         for s, c in sorted(by_source.items(), key=lambda kv: -kv[1]["n"])) + "\n")
    print(text + f"\n({time.perf_counter() - t0:.0f} s)")
    if a.write:
        write_section("Subject: a learned ranker against the rules (issue 16)", "python bench/subject_ranker.py --write",
                      text)


if __name__ == "__main__":
    main()
