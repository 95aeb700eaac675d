"""Reading one figure's row out of a text, for the table-driven frame tests."""
from __future__ import annotations

import analyzer


def row_of(nlp, text: str, figure: str, published: str | None = None) -> dict:
    """The quantity row (claim or not) whose text is ``figure``; fails naming what was found instead."""
    df = analyzer.quantities(text, published=published, nlp=nlp)
    rows = df[df["text"] == figure].to_dict("records")
    assert rows, f"no quantity {figure!r} in {text!r}: found {df['text'].tolist()}"
    return rows[0]
