"""Read dialect words as Mandarin before any rule runs (lexicons/dialect.yaml).

Borrowers in Guangdong say 佢冇钱还 for 他没钱还, in Sichuan 莫得 for 没有; Whisper and human
transcribers write what they hear. The lexicon's cues are Mandarin, so a block's text is read
through dialect.yaml's table first: each written form becomes Mandarin of the same length (the
text keeps its length, so a flag's phrase is still the words as said). Words in `keep` (联系,
关系: Mandarin words holding a dialect character) are never changed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class Dialect:
    pattern: re.Pattern[str]  # every written form and kept word, longest first
    mandarin: Mapping[str, str]  # written form -> Mandarin; a kept word -> itself


def build_dialect(words: Mapping[str, str], keep: Iterable[str]) -> Dialect:
    """`words` maps a written form to Mandarin of the same length (the loader checks)."""
    mandarin = {**dict(words), **{word: word for word in keep}}
    forms = sorted(mandarin, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(form) for form in forms) or r"(?!x)x")
    return Dialect(pattern=pattern, mandarin=MappingProxyType(mandarin))


def as_mandarin(text: str, dialect: Dialect) -> str:
    return dialect.pattern.sub(lambda match: dialect.mandarin[match.group()], text)
