"""The words the respeller puts back (nlp/respell.py): asr.yaml's list plus the lexicon's own.

The lexicon's own are its literal risk phrases and the literal runs of Chinese characters in its
patterns and cues (工程款 in '工程款[^，。]{0,3}收不回来'), of three or more characters: shorter ones
sound like too many everyday words. asr.yaml names the shorter domain words worth putting back
(贷款, 还款, 逾期, 炒股, …).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from nlp.sounds import is_han

MIN_LEXICON_WORD = 3
_LOOKAROUND = ("(?=", "(?!", "(?<=", "(?<!")


def literal_runs(source: str) -> Iterator[str]:
    """Runs of Chinese characters a regular expression always matches as written.

    A character made optional by ? * or {0,…} ends the run before it; character classes and
    lookarounds hold no run.
    """
    run: list[str] = []
    i = 0
    while i < len(source):
        char = source[i]
        if is_han(char):
            run.append(char)
            i += 1
            continue
        if char in "?*{" and run:
            optional = char != "{" or source.startswith(("{0,", "{0}"), i)
            if optional:
                run.pop()
        if run:
            yield "".join(run)
            run = []
        i = _skip(source, i)
    if run:
        yield "".join(run)


def _skip(source: str, i: int) -> int:
    """The index after the construct starting at `i` (a whole class, lookaround or escape)."""
    char = source[i]
    if char == "\\":
        return i + 2
    if char == "[":
        return _close(source, i, "[", "]")
    if char == "{":
        end = source.find("}", i)
        return end + 1 if end >= 0 else i + 1
    if source.startswith(_LOOKAROUND, i):
        return _close(source, i, "(", ")")
    return i + 1


def _close(source: str, i: int, opening: str, closing: str) -> int:
    depth = 0
    while i < len(source):
        if source[i] == "\\":
            i += 2
            continue
        if source[i] == opening and (opening == "(" or depth == 0):
            depth += 1
        elif source[i] == closing:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return i


def lexicon_words(phrases: Iterable[str], patterns: Iterable[re.Pattern[str]]) -> list[str]:
    words = [phrase for phrase in phrases if len(phrase) >= MIN_LEXICON_WORD]
    for pattern in patterns:
        words.extend(run for run in literal_runs(pattern.pattern) if len(run) >= MIN_LEXICON_WORD)
    return words
