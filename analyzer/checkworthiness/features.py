"""What the check-worthiness model reads of a sentence: its words and characters (hashed, so the model
needs no vocabulary file), and the pipeline's own signals, which a bag of words lacks: the numbers the
quantity stage found, the entities it linked, who speaks and how firmly."""
from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from murmurhash.mrmr import hash as _murmur
from spacy.tokens import Doc, Span

from .._resources import word_lists
from ..attribution.model import MODALITIES
from ..tree import index_of

WORDS = word_lists("analyzer.checkworthiness")

if TYPE_CHECKING:
    from scipy import sparse
    from sklearn.feature_extraction.text import HashingVectorizer

N_WORD = 2**18  # hashed word uni- and bigrams
N_CHAR = 2**18  # hashed character 2..5-grams inside word bounds
# the pipeline's signals, in the order of the model's last coefficients
SIGNALS = (
    "quantities", "money", "percent", "measure", "change", "bounded", "has_period",
    "linked_entities", "country", "person", "organization", "unlinked_names",
    *(f"modality_{m}" for m in MODALITIES), "named_speaker",
    "date", "cardinal", "first_person", "second_person", "question", "superlative", "comparative",
    "log_length",
    "figure_frame", "figure_attributed",
)
FIRST_PERSON = WORDS.words("first_person")
SECOND_PERSON = WORDS.words("second_person")


def vectorizers() -> tuple[HashingVectorizer, HashingVectorizer]:
    """The stateless text vectorizers (word 1-2-grams, character 2-5-grams), raw counts. (scikit-learn is
    imported here, on first use, so that ``import analyzer`` stays quick.)"""
    from sklearn.feature_extraction.text import HashingVectorizer

    words = HashingVectorizer(n_features=N_WORD, ngram_range=(1, 2), alternate_sign=False, norm=None,
                              lowercase=True, token_pattern=r"(?u)\b\w+\b")
    chars = HashingVectorizer(n_features=N_CHAR, analyzer="char_wb", ngram_range=(2, 5), alternate_sign=False,
                              norm=None, lowercase=True)
    return words, chars


def signals(doc: Doc, sent: Span, speaker: str, modality: str, ents: Sequence[Span] | None = None,
            quantities: Sequence | None = None) -> np.ndarray:
    """The pipeline signals of sentence ``sent`` of ``doc`` (after geo_entities, geo_quantities and the
    attribution of the sentence), as a vector in the order of `SIGNALS`. ``ents`` and ``quantities``: the
    sentence's entity spans and quantities, when the caller has them (a long document's callers must: a
    scan of the whole document per sentence is quadratic)."""
    if quantities is None:
        quantities = [q for q in doc._.quantities or () if sent.start <= q.start < sent.end]
    qs = [q for q in quantities if q.is_claim]
    if ents is None:
        ents = [e for e in doc.ents if sent.start <= e.start < sent.end]
    n_linked, kinds, unlinked_names, labels = 0, set(), False, set()
    for e in ents:  # one pass, each extension read once (a Span's ._ reads are slow)
        label = e.label_
        labels.add(label)
        ext = e._
        if ext.entity_id:
            n_linked += 1
            kinds.add(ext.kind)
        elif label in ("PERSON", "ORG", "GPE", "NORP"):
            unlinked_names = True
    idx = index_of(doc)  # the token columns, read once per Doc (in a stage's `indexed` scope)
    start, end = sent.start, sent.end
    tags = set(idx.column("TAG")[start:end])
    # the sentence's words in lower case; the person words are all letters, so a token with one of them as its
    # lower-case form is a word of letters (no filter on IS_ALPHA needed)
    words = set(idx.column("LOWER")[start:end])
    space, text = idx.column("IS_SPACE"), idx.column("ORTH")
    last = next((text[i] for i in range(end - 1, start - 1, -1) if not space[i]), "")
    values = {
        "quantities": min(len(qs), 4) / 4,
        "money": any(q.dimension == "currency" for q in qs),
        "percent": any(q.dimension == "ratio" for q in qs),
        "measure": any(q.dimension not in ("currency", "ratio", "count") for q in qs),
        "change": any(q.qualifier in ("increase", "decrease") or q.direction for q in qs),
        "bounded": any(q.qualifier in ("more_than", "at_least", "less_than", "at_most", "approximately") for q in qs),
        "has_period": any(q.period for q in qs),
        "linked_entities": min(n_linked, 4) / 4,
        "country": bool(kinds & {"country", "territory", "city", "region"}),
        "person": "person" in kinds,
        "organization": bool(kinds & {"organization", "project"}),
        "unlinked_names": unlinked_names,
        **{key: modality == m for key, m in zip(_MODALITY_SIGNALS, MODALITIES, strict=True)},
        "named_speaker": speaker != "author",
        "date": "DATE" in labels,
        "cardinal": not labels.isdisjoint(("CARDINAL", "MONEY", "PERCENT", "QUANTITY")),
        "first_person": not words.isdisjoint(FIRST_PERSON),
        "second_person": not words.isdisjoint(SECOND_PERSON),
        "question": last.endswith("?"),
        "superlative": bool(tags & {"JJS", "RBS"}),
        "comparative": bool(tags & {"JJR", "RBR"}),
        "log_length": math.log1p(len(sent)) / 5,
        # how complete the frame of the sentence's best-framed figure is (geo_frames: what it is about, what it
        # measures, when), and whether a figure is attributed to a named speaker
        "figure_frame": max(((bool(q.subject) + bool(q.quantity_of) + bool(q.period)) / 3 for q in qs), default=0.0),
        "figure_attributed": any(q.speaker != "author" for q in qs),
    }
    return np.fromiter((values[name] for name in SIGNALS), dtype=np.float32, count=len(SIGNALS))


_MODALITY_SIGNALS = tuple(f"modality_{m}" for m in MODALITIES)


def _bucket(gram: str, n_features: int) -> int:
    """scikit-learn's hashing of one feature: MurmurHash3 (x86, 32 bits, seed 0, signed) of its UTF-8 bytes,
    bucket abs(h) % n_features, with abs(-2**31) taken as 2**31 - 1. The hash is the murmurhash package's (a
    dependency of spaCy, loaded with it), the same function as scikit-learn's murmurhash3_32 (the tests compare
    the matrices), which would cost an import of scikit-learn (most of a second) in every process."""
    h = _murmur(gram)
    return (2**31 - 1 - (n_features - 1)) % n_features if h == -2**31 else abs(h) % n_features


def _counts(indices: list[int] | np.ndarray, indptr: list[int], n_rows: int, n_features: int) -> sparse.csr_matrix:
    """Raw counts of bucket ``indices`` (all rows' in one run, each row's ending at ``indptr``), as a CSR matrix
    with its duplicates summed and its indices sorted (as scikit-learn's hasher leaves it)."""
    from scipy import sparse

    x = sparse.csr_matrix((np.ones(len(indices)), np.asarray(indices, dtype=np.int32), np.asarray(indptr)),
                          shape=(n_rows, n_features))
    x.sum_duplicates()
    return x


def _entries(indices: list[int] | np.ndarray, indptr: list[int], n_features: int
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The stored entries of `_counts`'s matrix, without building it (scipy's checks cost more than the
    arithmetic on a few sentences): the row, the bucket and the count of each, in the same order (by row, then
    by bucket)."""
    rows = np.repeat(np.arange(len(indptr) - 1, dtype=np.int64), np.diff(indptr))
    keys = rows * n_features + np.asarray(indices, dtype=np.int64)
    keys.sort(kind="stable")  # rows come in order: the stable sort (timsort) merges the runs
    first = np.flatnonzero(np.diff(keys, prepend=-1))  # where each distinct (row, bucket) starts
    counts = np.diff(first, append=len(keys))
    keys = keys[first]
    return keys // n_features, keys % n_features, counts


class CharHasher:
    """The character block of `vectorizers` (char_wb 2..5-grams, hashed, raw counts), the same matrix as
    scikit-learn's HashingVectorizer gives, several times faster: a word's n-grams do not depend on its
    neighbours, so each distinct word is hashed once and its bucket indices kept (news repeats words)."""

    def __init__(self, n_features: int = N_CHAR, ngram_range: tuple[int, int] = (2, 5),
                 max_words: int = 200_000) -> None:
        self.n_features = n_features
        self.ngram_range = ngram_range
        self.max_words = max_words
        self._words: dict[str, np.ndarray] = {}

    def _indices(self, word: str) -> np.ndarray:
        padded = f" {word} "
        grams = []
        for n in range(self.ngram_range[0], self.ngram_range[1] + 1):
            offset = 0
            grams.append(padded[offset:offset + n])
            while offset + n < len(padded):
                offset += 1
                grams.append(padded[offset:offset + n])
            if offset == 0:  # a word shorter than n counts once, as scikit-learn does
                break
        return np.array([_bucket(g, self.n_features) for g in grams], dtype=np.int32)

    def transform(self, texts: list[str]) -> sparse.csr_matrix:
        return _counts(*self.buckets(texts), len(texts), self.n_features)

    def buckets(self, texts: list[str]) -> tuple[np.ndarray, list[int]]:
        """The bucket of each n-gram of ``texts`` (all texts' in one run) and where each text's run of them
        ends."""
        if len(self._words) > self.max_words:
            self._words.clear()
        words, parts, indptr = self._words, [], [0]
        for text in texts:
            size = indptr[-1]
            for word in _WHITE_SPACES.sub(" ", text.lower()).split():
                idx = words.get(word)
                if idx is None:
                    idx = words[word] = self._indices(word)
                parts.append(idx)
                size += len(idx)
            indptr.append(size)
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int32), indptr


class WordHasher:
    """The word block of `vectorizers` (lower-case word 1- and 2-grams, hashed, raw counts), the same matrix
    as scikit-learn's HashingVectorizer gives, faster: each distinct word and word pair is hashed once and its
    bucket kept (news repeats them)."""

    def __init__(self, n_features: int = N_WORD, max_grams: int = 400_000) -> None:
        self.n_features = n_features
        self.max_grams = max_grams
        self._buckets: dict[str, int] = {}

    def transform(self, texts: list[str]) -> sparse.csr_matrix:
        if not texts:
            return vectorizers()[0].transform(texts)  # scikit-learn's error for no texts
        return _counts(*self.buckets(texts), len(texts), self.n_features)

    def buckets(self, texts: list[str]) -> tuple[list[int], list[int]]:
        """The bucket of each word and word pair of ``texts`` (all texts' in one run) and where each text's run
        of them ends."""
        if len(self._buckets) > self.max_grams:
            self._buckets.clear()
        buckets, n, indices, indptr = self._buckets, self.n_features, [], [0]
        for text in texts:
            words = _WORD.findall(text.lower())  # scikit-learn's analyzer: lower case, then the token pattern
            for gram in (*words, *(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))):
                k = buckets.get(gram)
                if k is None:
                    k = buckets[gram] = _bucket(gram, n)
                indices.append(k)
            indptr.append(len(indices))
        return indices, indptr


_WHITE_SPACES = re.compile(r"\s\s+")  # as scikit-learn's char_wb analyzer normalises spaces
_WORD = re.compile(r"(?u)\b\w+\b")  # the word vectorizer's token_pattern
_CHARS = CharHasher()
_WORDS = WordHasher()


def hashed_counts(texts: list[str]) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """The raw hashed counts of the word and character blocks of ``texts`` (as `vectorizers` gives)."""
    return _WORDS.transform(texts), _CHARS.transform(texts)


def _tfidf(texts: list[str], idf: tuple[np.ndarray, np.ndarray]):
    """Per text block (words, characters): the stored entries of the texts' hashed counts (`_entries`: row,
    bucket) and each one's sublinear tf-idf divided by its row's L2 norm. The one place this arithmetic lives."""
    if not texts:
        hashed_counts(texts)  # scikit-learn's error for no texts
    hashers: tuple[WordHasher | CharHasher, ...] = (_WORDS, _CHARS)
    for hasher, idf_block in zip(hashers, idf, strict=True):
        indices, indptr = hasher.buckets(texts)
        rows, buckets, counts = _entries(indices, indptr, hasher.n_features)
        tfidf = np.log1p(counts.astype(np.float64)) * idf_block[buckets]
        norm = np.sqrt(np.bincount(rows, weights=tfidf * tfidf, minlength=len(texts)))
        norm[norm == 0] = 1.0
        yield rows, buckets, tfidf / norm[rows]


def matrix(texts: list[str], signal_rows: np.ndarray, idf_word: np.ndarray, idf_char: np.ndarray,
           signal_weight: float) -> sparse.csr_matrix:
    """The model's input for training (models/build/train_checkworthiness.py): sublinear tf-idf of words and
    characters (each row L2-normalised per block) beside the signals scaled by ``signal_weight``. Computed in
    float32 with the idf as the model stores it (float32), as the shipped model was trained: the trainer
    reproduces its bytes only with this arithmetic (`margins`, in float64, differs by float32 rounding)."""
    from scipy import sparse

    blocks = []
    for x, idf_block in zip(hashed_counts(texts), (idf_word, idf_char), strict=True):
        x = x.astype(np.float32)
        x.data = np.log1p(x.data)
        x = x.multiply(idf_block.astype(np.float32)).tocsr()
        norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        blocks.append(sparse.diags(1.0 / norms) @ x)
    blocks.append(sparse.csr_matrix(signal_rows * signal_weight))
    return sparse.hstack(blocks, format="csr")


def margins(texts: list[str], signal_rows: np.ndarray, idf: tuple[np.ndarray, np.ndarray],
            coef: tuple[np.ndarray, np.ndarray, np.ndarray], signal_weight: float, intercept: float) -> np.ndarray:
    """``matrix(...) @ coef + intercept`` without building the matrix (the same numbers up to float32
    rounding, in a fraction of the time, as a pipeline component needs)."""
    out = signal_rows.astype(np.float64) @ (coef[2].astype(np.float64) * signal_weight) + intercept
    for (rows, buckets, values), coef_block in zip(_tfidf(texts, idf), coef[:2], strict=True):
        out += np.bincount(rows, weights=values * coef_block[buckets], minlength=len(texts))
    return out
