"""Look-ups over a Doc's parse that stay cheap in a sentence of thousands of tokens.

spaCy answers ``token.sent`` by walking to the sentence's ends and ``token.children`` by scanning the
token's whole subtree, and a figure's path to the root is as long as the tree is deep: each is one pass
over the sentence. A stage that asks them once per figure is quadratic in the figures of a sentence
('$1 $1 $1 ...' parses as one root with thousands of children, '5% 5% 5% ...' as a chain thousands
deep). `ParseIndex` reads the sentence starts and every token's children once per Doc, answers by
bisection and table look-up, and keeps per-token results a stage computes (`ParseIndex.memo`).

A stage enters `indexed` for the Doc it works on; its helpers call `index_of`. Outside that scope
`index_of` builds a fresh index (correct, but a pass over the Doc: fine for one call, not per figure).
The next stage's scope reuses the sentence starts and children the last one read, when the Doc's heads and
sentence starts are unchanged (its ``memo`` is its own); the last stage (geo_claims) calls `forget`.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import islice
from typing import Any
from weakref import WeakKeyDictionary

import numpy as np
from spacy.tokens import Doc, Span, Token

# How far up the parse a stage looks from a figure for its verb, speaker, clause or qualifier. The
# deepest token of 1,500 FNC-1 test bodies (405,390 tokens) has 28 ancestors; only a degenerate parse of
# a giant 'sentence' goes deeper ('5% 5% 5% ...' parses as a chain).
MAX_HOPS = 40

# Doc id -> the index of the Doc's active scope. Keyed by id rather than by a weak reference to the Doc
# (`index_of` runs once per figure and token look-up, and a WeakKeyDictionary makes a weak reference on each
# look-up): the index holds its Doc, so the id names no other Doc while the entry lives, and the scope removes
# the entry when it ends.
_ACTIVE: dict[int, ParseIndex] = {}
# what the last scope of a Doc read of its parse (sentence starts, children), kept for the next stage's scope
# with the parse it was read from: reused only while the Doc's heads and sentence starts are the same (the
# token columns too: only a retokenisation, which changes the heads, changes a token's text, tags or lemma)
_KEPT: WeakKeyDictionary[Doc, tuple[bytes, Any, Any, Any, Any, Any]] = WeakKeyDictionary()


class ParseIndex:
    """Sentence bounds and children of one Doc's tokens, read once (and only when first asked for)."""

    def __init__(self, doc: Doc) -> None:
        self._n = len(doc)
        self._doc_ref = doc  # a Doc holds its tokens' data; the index is dropped with the scope or the Doc
        self._starts: list[int] | None = None
        self._kids: tuple[list[int], list[int]] | None = None  # children by head, each head's offset
        self._deps: dict[int, dict[str, list[int]]] = {}
        self._cols: dict[str, Any] = {}
        self.memo: dict[Any, Any] = {}  # per-Doc results of a stage's helpers, keyed by (name, token index)
        # per-Doc results that depend on the tokens and the sentence bounds alone (`text.sentence_headlines`), kept
        # for the next stage's scope with the columns
        self.shared: dict[str, Any] = {}

    # ------------------------------------------------------------------ sentences
    def sent_starts(self) -> list[int]:
        if self._starts is None:
            self._starts = [s.start for s in self._doc_ref.sents] if self._n else []
        return self._starts

    def sent_bounds(self, i: int) -> tuple[int, int]:
        """(start, end) token offsets of the sentence of token ``i``."""
        starts = self.sent_starts()
        k = bisect_right(starts, i) - 1
        end = starts[k + 1] if k + 1 < len(starts) else self._n
        return starts[k], end

    def sent(self, i: int) -> Span:
        """The sentence of token ``i`` (as ``doc[i].sent``)."""
        start, end = self.sent_bounds(i)
        return self._doc_ref[start:end]

    # ------------------------------------------------------------------ columns
    def column(self, name: str) -> Any:  # a list, or the str of "TEXT"
        """One attribute of every token, read with ``doc.to_array`` once per Doc (a loop over Token objects
        builds one object per token and attribute read): the strings of ``LOWER``, ``ORTH``, ``DEP``,
        ``POS``, ``TAG`` or ``LEMMA`` (as ``token.lower_``, ``.text``, ``.dep_``...), the flags ``IS_ALPHA``,
        ``IS_SPACE``, ``IS_PUNCT``, ``IS_TITLE``, ``IS_UPPER``, ``LIKE_NUM`` and ``SPACY`` (a space follows; as
        ``bool(token.whitespace_)``) as bools, ``HEAD`` (the head's index, as ``token.head.i``), or ``TEXT`` (the
        Doc's text, as ``doc.text``, a str rather than a list)."""
        found = self._cols.get(name)
        if found is None:
            doc = self._doc_ref
            if name == "TEXT":  # a token's text and its white space (one space or none), as spaCy joins them
                found = "".join([w + " " if sp else w for w, sp in zip(self.column("ORTH"), self.column("SPACY"),
                                                                           strict=True)])
            elif not self._n:
                found = []
            elif name == "HEAD":
                found = (doc.to_array("HEAD").astype(np.int64) + np.arange(self._n, dtype=np.int64)).tolist()
            elif name in _FLAGS:
                found = doc.to_array(name).astype(bool).tolist()
            elif name in _STRINGS:
                found = _names(doc, doc.to_array(name).tolist())
            else:
                raise ValueError(f"no column {name!r}")
            self._cols[name] = found
        return found

    # ------------------------------------------------------------------ children
    def kids(self, i: int) -> list[int]:
        """Indices of the children of token ``i``, in text order (as ``doc[i].children``)."""
        if self._kids is None:
            # every token's children at once, as one array sorted by head (a stable sort keeps text order) and
            # each head's offset into it: no list per token
            heads = np.asarray(self.column("HEAD"), dtype=np.int64)
            tokens = np.flatnonzero(heads != np.arange(self._n, dtype=np.int64))
            order = np.argsort(heads[tokens], kind="stable")
            starts = np.searchsorted(heads[tokens][order], np.arange(self._n + 1, dtype=np.int64))
            self._kids = (tokens[order].tolist(), starts.tolist())
        children, offsets = self._kids
        return children[offsets[i]:offsets[i + 1]]

    def children(self, tok: Token, *deps: str) -> list[Token]:
        """The children of ``tok`` in text order (as ``tok.children``); with ``deps``, only those with one of
        these labels (found without looking at the others: the root of a giant sentence has thousands)."""
        doc = self._doc_ref
        if not deps:
            return [doc[j] for j in self.kids(tok.i)]
        found = self.deps(tok)
        picked = [j for d in deps for j in found.get(d, ())]
        if len(deps) > 1:
            picked.sort()
        return [doc[j] for j in picked]

    def deps(self, tok: Token) -> dict[str, list[int]]:
        """Dependency label -> indices of the children of ``tok`` with that label, in text order."""
        return self.deps_at(tok.i)

    def deps_at(self, i: int) -> dict[str, list[int]]:
        """`deps` of token ``i``."""
        found = self._deps.get(i)
        if found is None:
            labels = self.column("DEP")
            found = {}
            for j in self.kids(i):
                found.setdefault(labels[j], []).append(j)
            self._deps[i] = found
        return found

    def first_child(self, tok: Token, dep: str, not_this: int | None = None) -> Token | None:
        """The first child of ``tok`` with label ``dep`` (other than token ``not_this``)."""
        for j in self.deps(tok).get(dep, ()):
            if j != not_this:
                return self._doc_ref[j]
        return None

    def has_child(self, tok: Token, *deps: str) -> bool:
        found = self.deps(tok)
        return any(d in found for d in deps)


_FLAGS = frozenset({"IS_ALPHA", "IS_SPACE", "IS_PUNCT", "IS_TITLE", "IS_UPPER", "LIKE_NUM", "SPACY"})
_STRINGS = frozenset({"LOWER", "ORTH", "DEP", "POS", "TAG", "LEMMA"})


# hash (or symbol id) -> string, shared by all Docs: a string's hash is the same in every StringStore, and the
# StringStore's own look-up costs more than a dict's
_NAMES: dict[int, str] = {}
NAMES_MAX = 1_000_000  # strings kept at most (then the table starts afresh)


def _names(doc: Doc, values: list[int]) -> list[str]:
    """The strings of hashes ``values`` (POS: symbol ids, which the StringStore names too)."""
    names = _NAMES
    try:
        return [names[h] for h in values]
    except KeyError:
        pass
    if len(names) > NAMES_MAX:
        names.clear()
    strings = doc.vocab.strings
    here = {}  # this Doc's strings, whatever another thread does to the shared table meanwhile
    for h in set(values):
        name = names.get(h)
        if name is None:
            name = names[h] = strings[h]
        here[h] = name
    return [here[h] for h in values]


def index_of(doc: Doc) -> ParseIndex:
    """The index of the `indexed` scope ``doc`` is in, else a fresh one."""
    found = _ACTIVE.get(id(doc))
    return found if found is not None else ParseIndex(doc)


@contextmanager
def indexed(doc: Doc) -> Iterator[ParseIndex]:
    """Make one `ParseIndex` of ``doc`` the one `index_of` returns while the block runs (a stage's
    ``__call__``). Nested scopes of the same Doc share it."""
    found = _ACTIVE.get(id(doc))
    if found is not None:
        yield found
        return
    idx = _ACTIVE[id(doc)] = ParseIndex(doc)
    signature = doc.to_array(["HEAD", "SENT_START"]).tobytes() if len(doc) else b""
    kept = _KEPT.get(doc)
    if kept is not None and kept[0] == signature:
        idx._starts, idx._kids, idx._deps, idx._cols, idx.shared = kept[1:]  # the previous stage's reading
    try:
        yield idx
    finally:
        _ACTIVE.pop(id(doc), None)
        _KEPT[doc] = (signature, idx._starts, idx._kids, idx._deps, idx._cols, idx.shared)


def forget(doc: Doc) -> None:
    """Drop what the scopes of ``doc`` kept of its parse (the last stage calls it: the Doc may live on)."""
    _KEPT.pop(doc, None)


def kids(tok: Token, *deps: str) -> list[Token]:
    """``ParseIndex.children`` of the Doc of ``tok``."""
    return index_of(tok.doc).children(tok, *deps)


def up(tok: Token, limit: int = MAX_HOPS) -> list[Token]:
    """``tok`` and at most ``limit`` of its ancestors, nearest first."""
    return [tok, *islice(tok.ancestors, limit)]


def up_ids(doc: Doc, i: int, limit: int = MAX_HOPS) -> list[int]:
    """``up`` as token indices: token ``i`` and at most ``limit`` of its ancestors, nearest first. Inside an
    `indexed` scope it reads the HEAD column and builds no Token."""
    if _ACTIVE.get(id(doc)) is None:
        return [t.i for t in up(doc[i], limit)]
    heads = index_of(doc).column("HEAD")
    out = [i]
    for _ in range(limit):
        h = heads[out[-1]]
        if h == out[-1]:
            break
        out.append(h)
    return out


def depth_of(doc: Doc, i: int) -> int:
    """The arcs from token ``i`` up to the root, counted up to `MAX_HOPS` (``len(up_ids(doc, i)) - 1``). Inside an
    `indexed` scope each token's count is kept: it is its head's plus one (at most `MAX_HOPS`), so a walk stops at
    the first token counted before (in a chain 'sentence' each figure hangs one arc below the one before)."""
    idx = _ACTIVE.get(id(doc))
    if idx is None:
        return len(up_ids(doc, i)) - 1
    known = idx.memo.get("tree.depth")
    if known is None:
        known = idx.memo["tree.depth"] = {}
    heads = idx.column("HEAD")
    walked: list[int] = []  # the tokens from i up whose count is not known yet, nearest to i first
    cur = i
    while cur not in known:
        if heads[cur] == cur:
            known[cur] = 0
            break
        walked.append(cur)
        if len(walked) > MAX_HOPS:  # more than MAX_HOPS arcs up, none counted before: i is at the limit (the
            known[i] = MAX_HOPS  # tokens between are not counted: their counts are not known exactly)
            return MAX_HOPS
        cur = heads[cur]
    count = known[cur]
    for t in reversed(walked):
        count = min(count + 1, MAX_HOPS)
        known[t] = count
    return known[i]


VERBAL = frozenset({"VERB", "AUX"})


def first_up(doc: Doc, i: int, pos: frozenset[str] = VERBAL, start: int = -1, end: int = -1,
             limit: int = MAX_HOPS) -> int:
    """The index of the first token from ``i`` upwards (``i`` itself included) whose part of speech is in
    ``pos`` and that is not inside ``start:end``, at most ``limit`` arcs up; -1 when the root (or the limit)
    comes first. Inside an `indexed` scope it reads the token columns and builds no Token (outside one, as
    `up_ids`, it walks the Tokens: a fresh index would read the whole Doc's columns for one walk)."""
    idx = _ACTIVE.get(id(doc))
    if idx is None:
        return next((t.i for t in up(doc[i], limit - 1) if t.pos_ in pos and not start <= t.i < end), -1)
    heads, tags = idx.column("HEAD"), idx.column("POS")
    cur = i
    for _ in range(limit):
        if tags[cur] in pos and not start <= cur < end:
            return cur
        h = heads[cur]
        if h == cur:
            return -1
        cur = h
    return -1


def span_root(doc: Doc, start: int, end: int) -> Token:
    """``doc[start:end].root`` (the token of the span nearest the root of the parse; a bare space or
    punctuation mark only when nothing else leaves the span; the first of equals) without spaCy's walk of
    each candidate to the root, which a degenerate parse makes thousands of arcs long: a span of one exit
    needs no depth, and depths are counted up to `MAX_HOPS`."""
    for i in range(start, end):
        if doc[i].head.i == i:
            return doc[i]
    exits = [i for i in range(start, end) if not start <= doc[i].head.i < end]
    if len(exits) == 1:  # the one token that leaves the span is its root, whatever its depth
        return doc[exits[0]]
    best, best_depth = None, len(doc)
    for i in exits:
        tok = doc[i]
        if (tok.is_space or tok.is_punct) and tok.n_lefts == 0 and tok.n_rights == 0:
            depth = len(doc) - 1
        else:
            depth = depth_of(doc, i)
        if depth < best_depth:
            best, best_depth = tok, depth
    return best if best is not None else doc[start]
