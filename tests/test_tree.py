"""The parse index's token columns and children agree with spaCy's Token attributes, one text per row."""
from __future__ import annotations

import pytest

from analyzer.tree import index_of, indexed

TEXTS = [
    "Exports rose 5%, the ministry said.",
    "Putin said trade reached $4 billion.\n\nThe ministry denied that 2,000 soldiers had died.",
    "Growth  is expected to hit 4%\u00a0this year ",  # two spaces, a no-break space, a trailing space
    "“Trade grew,” Putin said. “It will double.”",
    "EU-China trade fell.",
    "U.S. EXPORTS ROSE FIVE-FOLD to 1,200 tonnes in 1987",  # capitals, numbers written and in digits  # geo_entities splits the token: the columns are read after the split
    "Hi",
    "",
]
COLUMNS = {"LOWER": "lower_", "ORTH": "text", "DEP": "dep_", "POS": "pos_", "TAG": "tag_", "LEMMA": "lemma_",
           "IS_ALPHA": "is_alpha", "IS_SPACE": "is_space", "IS_PUNCT": "is_punct", "IS_TITLE": "is_title",
           "IS_UPPER": "is_upper", "LIKE_NUM": "like_num"}


@pytest.mark.parametrize("text", TEXTS)
def test_columns_are_the_token_attributes(nlp, text):
    doc = nlp(text)
    with indexed(doc) as idx:
        for column, attribute in COLUMNS.items():
            assert idx.column(column) == [getattr(t, attribute) for t in doc], column
        assert idx.column("HEAD") == [t.head.i for t in doc]
        assert idx.column("SPACY") == [bool(t.whitespace_) for t in doc]
        assert idx.column("TEXT") == doc.text


@pytest.mark.parametrize("text", TEXTS)
def test_kids_are_the_children(nlp, text):
    doc = nlp(text)
    with indexed(doc) as idx:
        for t in doc:
            assert idx.kids(t.i) == [c.i for c in t.children]
            assert [c.i for c in idx.children(t)] == [c.i for c in t.children]
            by_label: dict[str, list[int]] = {}
            for c in t.children:
                by_label.setdefault(c.dep_, []).append(c.i)
            assert idx.deps(t) == by_label


@pytest.mark.parametrize("column", ["ENT_TYPE", "text", "HEADS"])
def test_unknown_column(nlp, column):
    with pytest.raises(ValueError, match="no column"):
        index_of(nlp("Trade rose.")).column(column)


@pytest.mark.parametrize("split, kept", [(False, True), (True, False)])
def test_columns_kept_only_for_the_same_parse(nlp, split, kept):
    """The next scope reuses the columns the last one read, unless the tokens changed (a retokenisation)."""
    doc = nlp.make_doc("Trade between the EU and China rose 5% in 2024.")
    for _, proc in nlp.pipeline:
        if not proc.__class__.__module__.startswith("analyzer"):
            doc = proc(doc)
    with indexed(doc) as idx:
        first = idx.column("LOWER")
    if split:
        with doc.retokenize() as retokenizer:
            retokenizer.split(doc[0], ["Tra", "de"], heads=[(doc[0], 1), doc[0].head])
    with indexed(doc) as idx:
        assert (idx.column("LOWER") is first) == kept
        assert idx.column("LOWER") == [t.lower_ for t in doc]


@pytest.mark.parametrize("text", [*TEXTS, "$1 " * 120, "5% " * 90])  # the last two: parses deeper than MAX_HOPS
@pytest.mark.parametrize("order", ["forward", "backward"])
def test_depth_of_counts_the_arcs_up_to_the_limit(nlp, text, order):
    """`depth_of` in a scope (kept per token, each from its head's) is the walk's count, in whatever order
    the tokens are asked; outside a scope too."""
    from analyzer.tree import MAX_HOPS, depth_of, up_ids

    doc = nlp(text)
    expected = [len(up_ids(doc, i)) - 1 for i in range(len(doc))]
    assert all(0 <= d <= MAX_HOPS for d in expected)
    tokens = list(range(len(doc))) if order == "forward" else list(reversed(range(len(doc))))
    with indexed(doc):
        got = {i: depth_of(doc, i) for i in tokens}
    assert [got[i] for i in range(len(doc))] == expected
    assert [depth_of(doc, i) for i in range(len(doc))] == expected


@pytest.mark.parametrize("text, start, end", [("Exports rose 5%, the ministry said.", 2, 4),
                                              ("Trade reached $4 billion last year.", 2, 5),
                                              ("$1 $1 $1 $1 $1", 2, 5), ("Hi there", 0, 2)])
def test_span_root_is_spacys(nlp, text, start, end):
    from analyzer.tree import span_root

    doc = nlp(text)
    with indexed(doc):
        assert span_root(doc, start, end).i == doc[start:end].root.i
    assert span_root(doc, start, end).i == doc[start:end].root.i
