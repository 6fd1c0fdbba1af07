"""jieba word segmentation (with the banking user dictionary) and the scope tests built on it.

Negation is judged on words, not characters: 没 / 不是 / 不会 before a risk phrase negate it, while
words that merely contain those characters (不少, 没想到, 不错) do not. The tokenizer is a private
jieba.Tokenizer (never jieba's global one), built once on first use because it takes about a second.
"""

from __future__ import annotations

import logging
import threading
from functools import lru_cache
from pathlib import Path

import jieba

from nlp.lexicon import Lexicon
from nlp.text import Block

_lock = threading.Lock()
_tokenizers: dict[Path | None, jieba.Tokenizer] = {}


def tokenizer(userdict: Path | None) -> jieba.Tokenizer:
    with _lock:
        found = _tokenizers.get(userdict)
        if found is None:
            logging.getLogger("jieba").setLevel(logging.WARNING)
            found = jieba.Tokenizer()
            found.initialize()
            if userdict is not None:
                found.load_userdict(str(userdict))
            _tokenizers[userdict] = found
        return found


def cut(text: str, userdict: Path | None) -> tuple[str, ...]:
    return _cut_cached(text, userdict)


@lru_cache(maxsize=4096)
def _cut_cached(text: str, userdict: Path | None) -> tuple[str, ...]:
    return tuple(tokenizer(userdict).lcut(text, HMM=False))


def is_negated(block: Block, start: int, lexicon: Lexicon) -> bool:
    """A negation word among the last few words before `start` in the same clause, or a question."""
    clause_start, _ = block.clause_bounds(start)
    prefix = block.text[clause_start:start]
    if not prefix:
        return False
    if lexicon.question.search(prefix):
        return True
    words = cut(prefix, lexicon.userdict)[-lexicon.negation_window :]
    return any(_negates(word, lexicon) for word in words)


def _negates(word: str, lexicon: Lexicon) -> bool:
    if word in lexicon.negation_tokens:
        return True
    # jieba sometimes glues the negation to the word before it (也没, 都不): judge its last part.
    return len(word) == 2 and word[1:] in lexicon.negation_tokens and word[0] in "也都还并就又却"


def is_hypothetical(block: Block, start: int, end: int, lexicon: Lexicon) -> bool:
    """An if-clause (要是, 如果, 万一, …) shortly before the phrase in its sentence, or 的话 after."""
    sentence_start, sentence_end = block.sentence_bounds(start)
    window_start = max(sentence_start, start - lexicon.hypothetical_window)
    if lexicon.hypothetical.search(block.text, window_start, start):
        return True
    after = block.text[end : min(sentence_end, end + 4)]
    return bool(lexicon.hypothetical_after.search(after))
