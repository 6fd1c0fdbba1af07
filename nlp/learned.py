"""What the analyzer learns from labelled calls, beside the rules.

risk.yaml and facts.yaml hear the words they list; borrowers put the same things in words no list
has (猪场闹病，死了一百多头; 每个月就那些，稳稳的). The labelled calls in the lexicon folder's
`calls/` (the JSONL format of `huifang eval`; a bank adds its own) train, on character n-grams:

- a clause model: one logistic regression per risk category over the calls' clauses. risk.py
  flags a clause the model is sure of like a rule hit, after the same scope tests (negation,
  if-clauses, exclusions, the speaker a category counts for), and never a clause holding a
  negation word: the model weighs words, not their scope;
- a field model per fact (repayment_intent, income_change, ...) over what the customer said in
  the call. analyze.py asks it only when the rules found nothing (unknown), and takes its answer
  when sure; the evidence is the customer's clause the model rates highest for that answer.

`learned.yaml` sets how sure is sure. Training takes about 40 seconds when the lexicon loads; with a
cache folder (the service passes one) the trained models are kept under a hash of everything they
were trained from, so later processes load them at once.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

import numpy as np
import sklearn
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from nlp.models import Turn
from nlp.qa import asked as asked_of
from nlp.text import Block, build_blocks

if TYPE_CHECKING:
    from nlp.lexicon import Lexicon

MIN_EXAMPLES = 3  # labelled clauses (or calls) of a value needed before it is learnt
MIN_SAID = 6  # characters the customer must say on a field's topic for its model to answer
LONGEST = 12  # a flag's phrase at most, as records.md's examples
CORE = (2, 4)  # the characters that carry a clause's signal
# The facts a field model learns, each with the facts.yaml cue that says a clause is about it:
# the model reads only the customer's clauses holding the cue or answering an agent who used it.
FIELD_TOPICS = {
    "repayment_intent": "promise.ask",
    "income_change": "income.topic",
    "project_status": "project.topic",
    "fund_usage": "usage.question",
}
FIELDS = tuple(FIELD_TOPICS)


@dataclass(frozen=True)
class LabelledCall:
    id: str
    product: str | None
    turns: tuple[Turn, ...]
    flags: tuple[tuple[str, str, str], ...]  # (category, phrase, speaker) as labelled
    facts: Mapping[str, str]  # the labelled value of each of FIELDS
    contact: str  # the labelled contact_result


@dataclass(frozen=True)
class ClauseModel:
    """Per-category probabilities that a clause carries a risk signal."""

    vectorizer: TfidfVectorizer
    categories: tuple[str, ...]
    weights: Any  # features × categories
    bias: np.ndarray
    threshold: float

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """A (texts × categories) array of probabilities; texts from clause_text()."""
        if not texts:
            return np.zeros((0, len(self.categories)))
        scores = tfidf(self.vectorizer, texts) @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-np.asarray(scores)))

    def core(self, role: str, text: str, column: int) -> tuple[int, int]:
        """The (start, end) of the 2–4 characters of a flagged clause the model rates highest:
        where the signal sits, for the scope tests (房子没被查封: 查封, negated)."""
        if len(text) <= CORE[0]:
            return 0, len(text)
        spans = [
            (start, start + size)
            for size in range(CORE[0], min(CORE[1], len(text)) + 1)
            for start in range(len(text) - size + 1)
        ]
        scores = self.probabilities([clause_text(role, text[s:e]) for s, e in spans])[:, column]
        return spans[int(np.argmax(scores))]


def tfidf(vectorizer: TfidfVectorizer, texts: Sequence[str]) -> csr_matrix:
    """vectorizer.transform(texts) for a fitted sublinear, l2-normed character TF-IDF of n-grams up
    to four characters, without scikit-learn's per-text Python loops and input checks (most of the
    analyzer's time on 20-turn calls): each n-gram of the Basic Multilingual Plane is a 64-bit key
    (16 bits a character), looked up in the sorted keys of the vocabulary at once."""
    grams = _grams_of(vectorizer)
    prepared = [_WHITESPACE.sub(" ", text.lower()) for text in texts]
    joined = "\0".join(prepared)  # \0 ends each text: no n-gram spans it
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if grams is None or (codes.size and int(codes.max()) > 0xFFFF) or any("\0" in t for t in texts):
        return _tfidf_per_text(vectorizer, texts)  # characters beyond 16 bits: the plain way
    lengths = np.array([len(text) + 1 for text in prepared], dtype=np.int64)
    row_of = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)[: codes.size]
    key = np.zeros(codes.size, dtype=np.uint64)
    inside = np.ones(codes.size, dtype=bool)
    keys, rows = [], []
    for size in range(1, grams.longest + 1):
        count = codes.size - size + 1
        if count <= 0:
            break
        last = codes[size - 1 : size - 1 + count]
        key = key[:count] | (last << np.uint64(16 * (4 - size)))
        inside = inside[:count] & (last != 0)
        if size >= grams.shortest:
            keys.append(key[inside])
            rows.append(row_of[:count][inside])
    found = np.concatenate(keys) if keys else np.zeros(0, dtype=np.uint64)
    at = np.minimum(np.searchsorted(grams.keys, found), max(grams.keys.size - 1, 0))
    known = grams.keys[at] == found if grams.keys.size else np.zeros(found.size, dtype=bool)
    columns = grams.columns[at[known]]
    pairs, counts = np.unique(
        np.concatenate(rows)[known] * grams.width + columns if rows else columns,
        return_counts=True,
    )
    row, column = pairs // grams.width, pairs % grams.width
    data = (1.0 + np.log(counts.astype(np.float64))) * vectorizer.idf_[column]
    norms = np.sqrt(np.bincount(row, weights=data * data, minlength=len(texts)))
    data /= np.where(norms[row] > 0, norms[row], 1.0)
    indptr = np.searchsorted(row, np.arange(len(texts) + 1))
    return csr_matrix((data, column, indptr), shape=(len(texts), grams.width))


@dataclass(frozen=True)
class _Grams:
    keys: np.ndarray  # sorted 64-bit keys of the vocabulary's n-grams
    columns: np.ndarray  # the column of each key
    width: int  # the vocabulary's size
    shortest: int
    longest: int


_WHITESPACE = re.compile(r"\s\s+")  # scikit-learn's char analyzer collapses these to one space
# Per fitted vectorizer, dropped with it (bench and tests train many).
_GRAMS: WeakKeyDictionary[TfidfVectorizer, _Grams | None] = WeakKeyDictionary()


def _grams_of(vectorizer: TfidfVectorizer) -> _Grams | None:
    """The vectorizer's vocabulary as sorted keys (once per vectorizer); None when its settings or
    vocabulary (a character beyond 16 bits) are not the ones tfidf() keys."""
    if vectorizer in _GRAMS:
        return _GRAMS[vectorizer]
    shortest, longest = vectorizer.ngram_range
    simple = (
        vectorizer.analyzer == "char"
        and vectorizer.lowercase
        and vectorizer.preprocessor is None
        and vectorizer.strip_accents is None
        and vectorizer.sublinear_tf
        and vectorizer.norm == "l2"
        and longest <= 4
    )
    grams = None
    vocabulary = vectorizer.vocabulary_
    padded = "".join(gram.ljust(4, "\0") for gram in vocabulary)
    codes = np.frombuffer(padded.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if simple and codes.size == 4 * len(vocabulary) and (not codes.size or codes.max() <= 0xFFFF):
        shifts = np.array([48, 32, 16, 0], dtype=np.uint64)
        keys = np.bitwise_or.reduce(codes.reshape(-1, 4) << shifts, axis=1)
        columns = np.fromiter(vocabulary.values(), dtype=np.int64, count=len(vocabulary))
        order = np.argsort(keys)
        grams = _Grams(keys[order], columns[order], len(vocabulary), shortest, longest)
    _GRAMS[vectorizer] = grams
    return grams


def _tfidf_per_text(vectorizer: TfidfVectorizer, texts: Sequence[str]) -> csr_matrix:
    """tfidf() one text at a time, through the vectorizer's own analyzer."""
    analyze, vocabulary = vectorizer.build_analyzer(), vectorizer.vocabulary_
    rows: list[int] = []
    columns: list[int] = []
    counts: list[int] = []
    for row, text in enumerate(texts):
        seen: dict[int, int] = {}
        for gram in analyze(text):
            column = vocabulary.get(gram)
            if column is not None:
                seen[column] = seen.get(column, 0) + 1
        rows.extend([row] * len(seen))
        columns.extend(seen)
        counts.extend(seen.values())
    row_of, column_of = np.array(rows, dtype=np.int64), np.array(columns, dtype=np.int64)
    data = (1.0 + np.log(np.array(counts, dtype=np.float64))) * vectorizer.idf_[column_of]
    norms = np.sqrt(np.bincount(row_of, weights=data * data, minlength=len(texts)))
    data /= np.where(norms[row_of] > 0, norms[row_of], 1.0)
    shape = (len(texts), len(vocabulary))
    return csr_matrix((data, (row_of, column_of)), shape=shape)


def phrase_around(text: str, core: tuple[int, int]) -> tuple[int, int]:
    """The flag's phrase: the whole clause when short, else 12 characters holding the core."""
    if len(text) <= LONGEST:
        return 0, len(text)
    start = max(0, min(core[0] - 4, len(text) - LONGEST))
    return start, start + LONGEST


@dataclass(frozen=True)
class FieldModel:
    """One fact's value from what the customer said on its topic in a call."""

    field: str
    topic: re.Pattern[str]  # FIELD_TOPICS' cue
    vectorizer: TfidfVectorizer
    model: LogisticRegression
    threshold: float

    def clauses(self, blocks: Sequence[Block]) -> list[tuple[int, int, int]]:
        """(block, start, end) of the customer's clauses about the field: holding the topic cue,
        or answering an agent whose question holds it."""
        found = []
        asked = False
        for index, block in enumerate(blocks):
            if block.role == "agent":
                asked = bool(self.topic.search(asked_of(block)))
                continue
            for start, end in block.clauses():
                if asked or self.topic.search(block.text, start, end):
                    found.append((index, start, end))
        return found

    def predict(self, product: str | None, clauses: Sequence[str]) -> tuple[str, int] | None:
        """The value it is sure of (never unknown) and the index of the clause that most says
        so; None when unsure, or when too little was said to judge (我看看)."""
        if sum(len(clause) for clause in clauses) < MIN_SAID:
            return None
        whole = tfidf(self.vectorizer, [call_text(product, clauses)])
        probabilities = self.model.predict_proba(whole)[0]
        best = int(np.argmax(probabilities))
        value = str(self.model.classes_[best])
        if value == "unknown" or probabilities[best] < self.threshold:
            return None
        each = self.model.predict_proba(tfidf(self.vectorizer, list(clauses)))[:, best]
        return value, int(np.argmax(each))


@dataclass(frozen=True)
class Learned:
    calls: int  # labelled calls learnt from
    ids: frozenset[str]  # their ids, so an evaluation can tell seen calls from unseen ones
    clauses: ClauseModel | None
    fields: Mapping[str, FieldModel]


def clause_text(role: str, text: str) -> str:
    # The speaker is part of what is learnt: 让你坐牢 is misconduct from the agent only.
    return ("甲" if role == "agent" else "乙") + text


def call_text(product: str | None, clauses: Iterable[str]) -> str:
    return f"[{product or ''}]" + "。".join(clauses)


def read_calls(paths: Iterable[Path]) -> list[LabelledCall]:
    """The labelled calls of JSONL files; a bad line raises ValueError naming file and line."""
    calls: list[LabelledCall] = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                calls.append(labelled(json.loads(line)))
            except (ValueError, KeyError, TypeError, AttributeError) as error:
                raise ValueError(f"{path}:{number}: not a labelled call ({error!r})") from error
    return calls


def labelled(row: Mapping[str, Any]) -> LabelledCall:
    gold = row["gold"]
    return LabelledCall(
        id=str(row.get("id", "")),
        product=row.get("product"),
        turns=tuple(Turn(str(t["speaker"]), str(t["text"])) for t in row["turns"]),
        flags=tuple(
            (str(f["category"]), str(f["phrase"]), str(f["speaker"]))
            for f in gold.get("risk_flags", [])
        ),
        facts={name: str(gold.get(name, "unknown")) for name in FIELDS},
        contact=str(gold.get("contact_result", "connected")),
    )


def cached(folder: Path | None, inputs: Sequence[Path], build: Callable[[], Learned]) -> Learned:
    """Trained models are a pure function of their inputs, so they are kept in `folder` under the
    hash of the input files, this package's code and scikit-learn's version. A missing or unreadable
    entry is trained anew; a folder that cannot be written is no error (the cache is ours alone:
    only this process's own pickles are read back). Only the KEEP most recently used entries stay
    (each is some 80 MB; every lexicon edit makes a new one)."""
    if folder is None:
        return build()
    digest = hashlib.sha256(sklearn.__version__.encode())
    for path in [*inputs, *sorted(Path(__file__).parent.glob("*.py"))]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    target = folder / f"learned-{digest.hexdigest()[:32]}.pickle"
    try:
        with target.open("rb") as file:
            kept = pickle.load(file)
        if isinstance(kept, Learned):
            with contextlib.suppress(OSError):  # a read-only cache is still a cache
                os.utime(target)  # used: the last to be pruned
            return kept
    except Exception:
        pass
    learned = build()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
        partial.write_bytes(pickle.dumps(learned))
        os.replace(partial, target)
        _prune(folder)
    except OSError:
        pass
    return learned


KEEP = 3


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("learned-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)


def train(
    calls: Sequence[LabelledCall],
    lexicon: Lexicon,
    categories: Sequence[str],
    flag_threshold: float | None,
    field_thresholds: Mapping[str, float],
) -> Learned:
    """Learn from `calls` as `lexicon` reads them (its blocks: normalised, respelled)."""
    blocks = [build_blocks(call.turns, lexicon) for call in calls]
    clauses = (
        _train_clauses(calls, blocks, categories, flag_threshold)
        if flag_threshold is not None
        else None
    )
    fields = {
        name: model
        for name, threshold in field_thresholds.items()
        if (model := _train_field(name, lexicon.cue(FIELD_TOPICS[name]), calls, blocks, threshold))
        is not None
    }
    return Learned(
        calls=len(calls), ids=frozenset(c.id for c in calls), clauses=clauses, fields=fields
    )


def _train_clauses(
    calls: Sequence[LabelledCall],
    blocks: Sequence[tuple[Block, ...]],
    categories: Sequence[str],
    threshold: float,
) -> ClauseModel | None:
    texts: list[str] = []
    labels: list[set[str]] = []
    for call, call_blocks in zip(calls, blocks, strict=True):
        for block, start, end, found in _labelled_clauses(call, call_blocks):
            # Debt words told to a stranger are misconduct only there (risk.yaml to_third_party):
            # learnt, they would flag the same words said to the borrower.
            if block.role == "agent" and call.contact in ("third_party", "wrong_number"):
                continue
            texts.append(clause_text(block.role, block.text[start:end]))
            labels.append(found)
    learnt = [c for c in categories if sum(c in found for found in labels) >= MIN_EXAMPLES]
    if not learnt:
        return None
    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 4), sublinear_tf=True)
    matrix = vectorizer.fit_transform(texts)
    weights, bias = [], []
    for category in learnt:
        target = np.array([category in found for found in labels])
        model = LogisticRegression(
            C=10.0, class_weight="balanced", solver="newton-cg", max_iter=1000
        )
        model.fit(matrix, target)
        weights.append(model.coef_[0])
        bias.append(model.intercept_[0])
    # C order: a sparse row block times these weights is then a fast product
    matrix_t = np.ascontiguousarray(np.array(weights).T)
    return ClauseModel(vectorizer, tuple(learnt), matrix_t, np.array(bias), threshold)


def _labelled_clauses(
    call: LabelledCall, blocks: Sequence[Block]
) -> Iterator[tuple[Block, int, int, set[str]]]:
    """Each clause of the call's blocks with the categories whose labelled phrase it holds."""
    located = []
    for category, phrase, speaker in call.flags:
        for segment, turn in enumerate(call.turns):
            at = turn.text.find(phrase) if turn.speaker == speaker else -1
            if at >= 0:
                located.append((category, segment, at, at + len(phrase)))
                break
    for block in blocks:
        for start, end in block.clauses():
            found = {
                category
                for category, segment, first, last in located
                if any(
                    block.seg_of[i] == segment and first <= block.pos_of[i] < last
                    for i in range(start, end)
                )
            }
            yield block, start, end, found


def _train_field(
    name: str,
    topic: re.Pattern[str],
    calls: Sequence[LabelledCall],
    blocks: Sequence[tuple[Block, ...]],
    threshold: float,
) -> FieldModel | None:
    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True)
    unfitted = FieldModel(name, topic, vectorizer, LogisticRegression(), threshold)
    texts, values = [], []
    for call, call_blocks in zip(calls, blocks, strict=True):
        clauses = unfitted.clauses(call_blocks)
        if clauses:
            texts.append(call_text(call.product, [call_blocks[i].text[s:e] for i, s, e in clauses]))
            values.append(call.facts[name])
    if sum(1 for value in set(values) if values.count(value) >= MIN_EXAMPLES) < 2:
        return None
    model = LogisticRegression(C=10.0, solver="newton-cg", max_iter=1000)
    model.fit(vectorizer.fit_transform(texts), values)
    return FieldModel(name, topic, vectorizer, model, threshold)
