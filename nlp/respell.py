"""Put back the domain words Whisper spelled with other characters of the same sound.

Whisper hears 贷款 and may write 戴款, 带款 or 代款; it writes 还网贷 as 海网带 and 请问是 as 请问试.
The lexicon's cues are written in the right characters, so before any rule runs, a stretch of the
transcript that sounds like a vocabulary word (nlp/sounds.py) but is spelled otherwise is read as
that word. The text keeps its length, so every character still maps to its place in the segment
and a flag's phrase is still the words as transcribed.

To keep written transcripts as they are, a stretch that is itself a dictionary word (克服 is not
客服, 事业 is not 失业) is never respelled, two-character words must sound exactly alike (tones
aside), a character that makes a word with its neighbour is left alone (unless four or more
characters sound exactly alike: 生了重兵 is 生了重病), and only words of six or more characters
may differ in one syllable (本次通话将被录音 heard with one character wrong).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from nlp.sounds import exact, is_han, loose

IsWord = Callable[[str], bool]
LONG = 6  # a word this long may have one syllable heard wrong (but never a negation)
_NEGATORS = frozenset("不没未别无非否莫")
# Characters written on purpose that carry the meaning: a negation, or 缓 (能不能让我缓一个月 is
# not 让我还一个月), is never spelled into another word's character.
_KEPT = _NEGATORS | frozenset("缓")


@dataclass(frozen=True)
class Word:
    text: str
    exact: tuple[frozenset[str], ...]
    loose: tuple[frozenset[str], ...]


@dataclass(frozen=True)
class Vocabulary:
    """The words to put back, indexed by the sounds of two of their adjacent characters."""

    words: tuple[str, ...]
    index: Mapping[tuple[str, str], tuple[tuple[Word, int], ...]]  # sound pair -> (word, offset)


def build_vocabulary(words: Iterable[str]) -> Vocabulary:
    index: dict[tuple[str, str], list[tuple[Word, int]]] = {}
    kept: list[str] = []
    for text in dict.fromkeys(words):
        sounds = tuple(loose(char) for char in text)
        if len(text) < 2 or not all(sounds):
            continue  # numerals and non-Chinese characters are never respelled
        word = Word(text, tuple(exact(char) for char in text), sounds)
        kept.append(text)
        for offset in {0, len(text) - 2} if len(text) >= LONG else {0}:
            for first in sounds[offset]:
                for second in sounds[offset + 1]:
                    index.setdefault((first, second), []).append((word, offset))
    frozen = {key: tuple(entries) for key, entries in index.items()}
    return Vocabulary(words=tuple(kept), index=MappingProxyType(frozen))


@dataclass(frozen=True)
class _Match:
    start: int
    word: str
    changed: bool

    @property
    def end(self) -> int:
        return self.start + len(self.word)


def respell(text: str, vocabulary: Vocabulary, is_word: IsWord) -> str:
    """`text` with every stretch that sounds like a vocabulary word spelled as that word."""
    matches = _matches(text, vocabulary, is_word)
    if not any(match.changed for match in matches):
        return text
    chars = list(text)
    for match in _non_overlapping(matches):
        if match.changed:
            chars[match.start : match.end] = match.word
    return "".join(chars)


def _matches(text: str, vocabulary: Vocabulary, is_word: IsWord) -> list[_Match]:
    sounds = [loose(char) for char in text]
    found: dict[tuple[int, str], _Match] = {}
    for i in range(len(text) - 1):
        for first in sounds[i]:
            for second in sounds[i + 1]:
                for word, offset in vocabulary.index.get((first, second), ()):
                    start = i - offset
                    if (start, word.text) in found or start < 0:
                        continue
                    if _sounds_like(text, sounds, start, word, is_word):
                        span = text[start : start + len(word.text)]
                        found[(start, word.text)] = _Match(start, word.text, span != word.text)
    return list(found.values())


def _sounds_like(
    text: str, sounds: list[frozenset[str]], start: int, word: Word, is_word: IsWord
) -> bool:
    end = start + len(word.text)
    span = text[start:end]
    if end > len(text):
        return False
    if span == word.text:
        return True
    if not all(sounds[start:end]) or not _heard_as(span, sounds[start:end], word):
        return False
    if is_word(span) or any(c != w and c in _KEPT for c, w in zip(span, word.text, strict=True)):
        return False
    # Four or more characters sounding exactly alike (生了重兵 for 生了重病) are the word, though a
    # character pair of theirs (重兵) is a word of its own.
    return (len(span) >= 4 and _exactly(span, word)) or not _breaks_words(
        text, start, word, is_word
    )


def _exactly(span: str, word: Word) -> bool:
    return all(exact(char) & reading for char, reading in zip(span, word.exact, strict=True))


def _heard_as(span: str, sounds: list[frozenset[str]], word: Word) -> bool:
    if len(span) == 2:
        return _exactly(span, word)
    misheard = [k for k in range(len(span)) if not sounds[k] & word.loose[k]]
    if not misheard:
        return True
    k = misheard[0]
    return len(misheard) == 1 and len(span) >= LONG and not {span[k], word.text[k]} & _NEGATORS


def _breaks_words(text: str, start: int, word: Word, is_word: IsWord) -> bool:
    """A character to respell makes a word with its neighbour (女士本人 is not 女是本人, 房贷的 is
    not 放贷的), or the stretch starts or ends inside a word (配套线束 is not 配套现束): it was
    written on purpose. A joint `j` lies between characters j - 1 and j."""
    end = start + len(word.text)
    changed = [start + k for k, wanted in enumerate(word.text) if text[start + k] != wanted]
    joints = {start, end} | {j for at in changed for j in (at, at + 1)}
    return any(_word_across(text, j, is_word) for j in joints if j > 0)


def _word_across(text: str, joint: int, is_word: IsWord) -> bool:
    pair = text[joint - 1 : joint + 1]
    return len(pair) == 2 and is_han(pair[0]) and is_han(pair[1]) and is_word(pair)


def _non_overlapping(matches: list[_Match]) -> list[_Match]:
    """Longest words first; a word already spelled right keeps its place against a respelling."""
    taken: list[_Match] = []
    for match in sorted(matches, key=lambda m: (-len(m.word), m.changed, m.start)):
        if all(match.end <= other.start or other.end <= match.start for other in taken):
            taken.append(match)
    return taken
