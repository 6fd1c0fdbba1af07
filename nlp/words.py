"""jieba word segmentation with the banking user dictionary, and its dictionary as a word test.

The tokenizer is a private jieba.Tokenizer (never jieba's global one), built once per user
dictionary on first use because it takes about a second.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import jieba

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


# jieba's dictionary holds rare oddities too (问市: 3): below this count a string is not a word.
COMMON = 10


def is_word(text: str, userdict: Path | None) -> bool:
    """`text` is a word of some use in jieba's dictionary (or the user dictionary)."""
    return word_test(userdict)(text)


def word_test(userdict: Path | None) -> Callable[[str], bool]:
    """is_word for many look-ups: the dictionary fetched once."""
    freq = tokenizer(userdict).FREQ
    return lambda text: freq.get(text, 0) >= COMMON
