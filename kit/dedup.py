"""Near-duplicate articles: the same story republished, re-edited or exported twice.

Wire copy is republished by many outlets (with their own bylines, datelines and
furniture, often cut short), and database exports hold the same story several
times. :func:`near_duplicates` finds groups of near-identical articles by the
Jaccard similarity of their word shingles (runs of ``shingle`` words):

1. **Shingles.** Each text is lower-cased and split into words (letters and digits);
   each run of ``shingle`` consecutive words is hashed to 64 bits (an article shorter
   than that is one shingle).
2. **Signatures.** Each article's shingle set gets a MinHash signature of
   ``num_perm`` values by one-permutation hashing with densification (Li, Owen and
   Zhang 2012; Shrivastava 2017): every shingle is hashed once and falls into one of
   ``num_perm`` bins, each bin keeps its smallest hash, and an empty bin borrows from
   the next non-empty one. The probability that two signatures agree in a bin is the
   Jaccard similarity of the sets, as for classic MinHash, but the work is one hash
   per shingle rather than ``num_perm``, done for many articles at once in NumPy.
3. **Candidates.** The signatures go into datasketch's :class:`~datasketch.MinHashLSH`
   index (banding tuned to ``threshold``), which returns, for each article, the
   articles likely to be similar.
4. **Verification.** For each candidate pair the exact Jaccard similarity of the two
   shingle sets is computed; pairs at or above ``threshold`` are near-duplicates.
   Groups are the connected components of those pairs, so a story republished by
   five outlets is one group even when the shortest and the longest version differ
   more than each differs from the wire original.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

__all__ = ["near_duplicates", "shingle_sets", "jaccard"]

_MASK32 = np.uint64(0xFFFFFFFF)
_EMPTY = np.uint64(1 << 63)  # larger than any bin value, smaller than overflow


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: a good 64-bit mixing of a uint64 array."""
    x = x.copy()
    x ^= x >> np.uint64(30)
    x *= np.uint64(0xBF58476D1CE4E5B9)
    x ^= x >> np.uint64(27)
    x *= np.uint64(0x94D049BB133111EB)
    x ^= x >> np.uint64(31)
    return x


# Bytes that belong to words: ASCII letters and digits, and every byte of a non-ASCII
# character (accented letters, other scripts); punctuation in the U+2000 block (curly
# quotes, dashes, ellipsis) and Latin-1 symbols (no-break space, guillemets) are
# separators, found below by their lead bytes.
_WORD_BYTE = np.zeros(256, dtype=bool)
for _lo, _hi in ((48, 57), (65, 90), (97, 122), (128, 255)):
    _WORD_BYTE[_lo:_hi + 1] = True
_LOWER = np.arange(256, dtype=np.uint8)
_LOWER[65:91] += 32
# Masks for the low n bytes of a word (n = 0..8), and shifts that drop the 8 - n bytes
# before a short word.
_KEEP_LOW = np.array([(1 << (8 * n)) - 1 for n in range(8)] + [(1 << 64) - 1], dtype=np.uint64)
_DROP_LOW = np.array([0] + [8 * (8 - n) for n in range(1, 9)], dtype=np.uint64)
_CHUNK_BYTES = 1_000_000  # text hashed at once: small arrays, which the allocator reuses


def _word_hashes(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The words of each text, hashed: (text index, 64-bit hash) per word, in order.

    Words are runs of letters and digits, ASCII letters lower-cased; all is done on
    the UTF-8 bytes with NumPy, so a word's hash does not depend on the rest of the
    corpus.
    """
    joined = "\x00".join(texts).encode("utf-8")
    b = np.frombuffer(joined, dtype=np.uint8)
    if b.size == 0:
        return np.empty(0, np.int64), np.empty(0, np.uint64)
    word = _WORD_BYTE[b]
    # Three-byte punctuation U+2000-U+206F (E2 80 xx, E2 81 xx) and two-byte
    # Latin-1 symbols U+00A0-U+00BF (C2 A0-BF) separate words.
    lead = np.flatnonzero((b[:-2] == 0xE2) & ((b[1:-1] == 0x80) | (b[1:-1] == 0x81)))
    for k in range(3):
        word[lead + k] = False
    lead = np.flatnonzero((b[:-1] == 0xC2) & (b[1:] >= 0xA0) & (b[1:] <= 0xBF))
    word[lead] = False
    word[lead + 1] = False
    edges = np.diff(word.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1)
    lengths = np.minimum(ends - starts, 8)
    # A word is known by its first 8 bytes, its last 8 bytes and its length: exact
    # for words of up to 16 bytes, and nearly so beyond. The 8 bytes at any offset
    # are read as one little-endian integer through a view whose items overlap
    # (a stride of one byte), without copying the text.
    buf = np.zeros(len(b) + 16, np.uint8)
    buf[8:8 + len(b)] = _LOWER[b]
    eight = np.ndarray(shape=(len(buf) - 7,), dtype="<u8", buffer=buf, strides=(1,))
    first = eight[starts + 8] & _KEEP_LOW[lengths]
    last = eight[ends] >> _DROP_LOW[lengths]
    full = (ends - starts).astype(np.uint64)
    hashes = _mix(first ^ (full << np.uint64(56))) ^ _mix(last + np.uint64(0x9E3779B97F4A7C15))
    doc_starts = np.concatenate([[0], np.cumsum([len(t.encode("utf-8")) + 1 for t in texts])[:-1]])
    docs = np.searchsorted(doc_starts, starts, side="right") - 1
    return docs.astype(np.int64), hashes


def _chunks(texts: list[str]) -> list[tuple[int, int]]:
    """(start, stop) ranges of texts of about _CHUNK_BYTES characters each."""
    out, start, size = [], 0, 0
    for i, t in enumerate(texts):
        size += len(t)
        if size >= _CHUNK_BYTES:
            out.append((start, i + 1))
            start, size = i + 1, 0
    if start < len(texts) or not out:
        out.append((start, len(texts)))
    return out


def _shingles(texts: list[str], k: int) -> tuple[np.ndarray, np.ndarray]:
    """Shingle hashes of a chunk of texts: (text index in the chunk, hash) arrays,
    one entry per shingle occurrence (repeats are harmless: sets come later)."""
    parents, word_hash = _word_hashes(texts)
    n = len(word_hash)
    if n == 0:
        return np.empty(0, np.int64), np.empty(0, np.uint64)
    counts = np.bincount(parents, minlength=len(texts))
    if n >= k:
        m = n - k + 1
        h = word_hash[:m].copy()
        for j in range(1, k):
            h = h * np.uint64(0x100000001B3) + word_hash[j:j + m]
        valid = parents[:m] == parents[k - 1:]
        docs, hashes = parents[:m][valid], _mix(h[valid])
    else:
        docs, hashes = np.empty(0, np.int64), np.empty(0, np.uint64)
    # Texts shorter than k words: one shingle of all their words.
    short = np.flatnonzero((counts > 0) & (counts < k))
    if len(short):
        starts = np.concatenate([[0], np.cumsum(counts)])[:-1]
        extra = []
        for d in short:
            h = 0
            for w in word_hash[starts[d]:starts[d] + counts[d]].tolist():
                h = (h * 0x100000001B3 + w) & 0xFFFFFFFFFFFFFFFF  # as the uint64 arrays above wrap
            extra.append(h)
        docs = np.concatenate([docs, short])
        hashes = np.concatenate([hashes, _mix(np.array(extra, dtype=np.uint64))])
    return docs, hashes


def _signatures(docs: np.ndarray, hashes: np.ndarray, n_docs: int, num_perm: int) -> np.ndarray:
    """One-permutation MinHash signatures (n_docs x num_perm, uint64), densified.

    A document without shingles keeps an all-empty row.
    """
    bins = ((hashes >> np.uint64(32)) % np.uint64(num_perm)).astype(np.int64)
    values = hashes & _MASK32
    sig = np.full(n_docs * num_perm, _EMPTY, dtype=np.uint64)
    np.minimum.at(sig, docs * num_perm + bins, values)
    sig = sig.reshape(n_docs, num_perm)
    # Densify: an empty bin takes the value of the next non-empty bin to its right
    # (circularly), offset by the distance so that borrowed values stay distinct.
    rows = np.flatnonzero((sig == _EMPTY).any(axis=1) & (sig != _EMPTY).any(axis=1))
    if len(rows):
        part = sig[rows]
        filled = part.copy()
        for t in range(1, num_perm):
            empty = filled == _EMPTY
            if not empty.any():
                break
            src = np.roll(part, -t, axis=1)
            take = empty & (src != _EMPTY)
            filled[take] = src[take] + np.uint64(t) * (np.uint64(1) << np.uint64(32))
        sig[rows] = filled
    return sig


def shingle_sets(texts: list[str], *, shingle: int = 5) -> list[np.ndarray]:
    """The set of word-shingle hashes of each text, as sorted unique uint64 arrays.

    Parameters
    ----------
    texts : list of str
    shingle : int, default 5
        Words per shingle.

    Returns
    -------
    list of ndarray
    """
    out: list[np.ndarray] = []
    for start, stop in _chunks(texts):
        chunk = texts[start:stop]
        docs, hashes = _shingles(chunk, shingle)
        order = np.lexsort((hashes, docs))
        docs, hashes = docs[order], hashes[order]
        bounds = np.searchsorted(docs, np.arange(len(chunk) + 1))
        out.extend(np.unique(hashes[bounds[i]:bounds[i + 1]]) for i in range(len(chunk)))
    return out


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard similarity of two sorted unique arrays (0.0 when both are empty)."""
    if len(a) == 0 and len(b) == 0:
        return 0.0
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter)


def near_duplicates(
    articles: pd.DataFrame,
    *,
    threshold: float = 0.5,
    keep: str | None = None,
    shingle: int = 5,
    num_perm: int = 128,
) -> pd.DataFrame:
    """Find groups of near-identical articles (MinHash / LSH over word shingles).

    Parameters
    ----------
    articles : DataFrame
        Needs ``article_id`` and ``text``; the frame's order decides which article
        of a group is its first.
    threshold : float, default 0.5
        The Jaccard similarity of the articles' sets of ``shingle``-word runs from
        which two articles count as near-duplicates. A story whose lead was
        reworded stays near 0.8; wire copy cut to two thirds of its length is near
        0.65; different stories on the same event are usually under 0.1.
    keep : {None, "first"}, default None
        None: return the groups. ``"first"``: return ``articles`` with only the
        first article of each group kept (the groups are in ``attrs["near_duplicates"]``).
    shingle : int, default 5
        Words per shingle.
    num_perm : int, default 128
        Signature length: more values give the index sharper bands, at more time
        and memory (the similarities reported are exact whatever it is).

    Returns
    -------
    DataFrame
        With ``keep=None``, one row per article that has a near-duplicate:
        ``group`` (numbered from 1 in the frame's order), ``article_id``,
        ``similarity`` (Jaccard similarity with the group's first article, 1.0 for
        that article itself), ``first`` (True for the group's first article),
        ``n_in_group``. With ``keep="first"``, the articles frame without the other
        members of each group.

    Raises
    ------
    KeyError
        When ``articles`` lacks ``article_id`` or ``text``.
    ValueError
        For a threshold outside (0, 1] or an unknown ``keep``.
    """
    from datasketch import LeanMinHash, MinHashLSH
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    missing = [c for c in ("article_id", "text") if c not in articles.columns]
    if missing:
        raise KeyError(f"near_duplicates needs the columns {missing} (the frame kit.load_articles returns)")
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], not {threshold}")
    if keep not in (None, "first"):
        raise ValueError(f"keep must be None or 'first', not {keep!r}")

    texts = ["" if not isinstance(t, str) else t for t in articles["text"].tolist()]
    n = len(texts)
    sigs = []
    for start, stop in _chunks(texts):
        chunk = texts[start:stop]
        docs, hashes = _shingles(chunk, shingle)
        sigs.append(_signatures(docs, hashes, len(chunk), num_perm))
    sig = np.vstack(sigs) if sigs else np.empty((0, num_perm), np.uint64)
    has = (sig != _EMPTY).any(axis=1)

    # Candidates from datasketch's LSH index, its bands weighted towards recall (a
    # missed pair is worse than a candidate the exact check then rejects).
    # Articles with identical signatures (exact copies, mostly) go into the index
    # once, each paired with its first: a story exported fifty times would otherwise
    # fill its buckets with 1,225 pairs.
    indexed = np.flatnonzero(has)
    if len(indexed):
        _, first_of, inverse = np.unique(sig[indexed], axis=0, return_index=True, return_inverse=True)
        reps = indexed[first_of]
        rep_of = reps[np.asarray(inverse).ravel()]
    else:
        reps = rep_of = indexed
    pairs = {(int(r), int(i)) for i, r in zip(indexed, rep_of) if r != i}
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, weights=(0.1, 0.9))
    with lsh.insertion_session() as session:
        for i in np.sort(reps):
            # The seed names datasketch's permutations, unused here: the values are ours.
            session.insert(int(i), LeanMinHash(seed=1, hashvalues=sig[i], scheme="affine64"),
                           check_duplication=False)
    # The candidates are the articles that share a bucket in some band: read from
    # the index's tables, which gives what querying each article gives, at a tenth
    # of the cost.
    for table in lsh.hashtables:
        for key in table.keys():
            bucket = table.get(key)
            if len(bucket) > 1:
                members = sorted(bucket)
                pairs.update((a, b) for x, a in enumerate(members) for b in members[x + 1:])
    del lsh

    # Exact similarity of each candidate pair.
    involved = sorted({x for p in pairs for x in p})
    sets = dict(zip(involved, shingle_sets([texts[i] for i in involved], shingle=shingle)))
    edges = [(i, j) for i, j in sorted(pairs) if jaccard(sets[i], sets[j]) >= threshold]

    columns = ["group", "article_id", "similarity", "first", "n_in_group"]
    if edges:
        e = np.array(edges)
        graph = coo_matrix((np.ones(len(e)), (e[:, 0], e[:, 1])), shape=(n, n))
        _, label = connected_components(graph, directed=False)
        members = np.unique(e)
        frame = pd.DataFrame({"pos": members, "label": label[members]})
        frame = frame.sort_values("pos", kind="stable")
        first_pos = frame.groupby("label")["pos"].transform("min")
        order = {lab: g for g, lab in enumerate(pd.unique(frame.sort_values("pos")["label"]), 1)}
        ids = articles["article_id"].to_numpy()
        groups = pd.DataFrame({
            "group": frame["label"].map(order).astype("int64").to_numpy(),
            "article_id": ids[frame["pos"].to_numpy()],
            "similarity": [1.0 if p == f else jaccard(sets[p], sets[f])
                           for p, f in zip(frame["pos"], first_pos)],
            "first": (frame["pos"] == first_pos).to_numpy(),
        })
        groups["n_in_group"] = groups.groupby("group")["article_id"].transform("size").astype("int64")
        groups = groups.sort_values(["group", "first", "similarity"], ascending=[True, False, False],
                                    kind="stable").reset_index(drop=True)
        groups["_pos"] = None
        groups = groups[columns]
        drop_positions = frame["pos"][frame["pos"] != first_pos].to_numpy()
    else:
        groups = pd.DataFrame({"group": pd.Series([], dtype="int64"), "article_id": pd.Series([], dtype=object),
                               "similarity": pd.Series([], dtype="float64"), "first": pd.Series([], dtype=bool),
                               "n_in_group": pd.Series([], dtype="int64")})
        drop_positions = np.empty(0, np.int64)
    if keep is None:
        return groups
    mask = np.ones(n, dtype=bool)
    mask[drop_positions] = False
    kept = articles.loc[mask].copy()
    kept.attrs = dict(articles.attrs)
    kept.attrs["near_duplicates"] = groups
    return kept
