"""Turn ASR segments into blocks of one speaker's consecutive words, with a map back to the segments.

Whisper splits a speaker's turn across segments and often drops punctuation, so rules run over a
block (all consecutive segments of one speaker joined) and a hit is mapped back to the segment and
the exact characters it came from. Text is normalised (full-width digits, spaces as pauses) with an
index kept per character so a flag's phrase is always an exact substring of the segment's text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from nlp.dialect import as_mandarin
from nlp.lexicon import Lexicon
from nlp.models import Turn
from nlp.respell import respell
from nlp.words import word_test

CLAUSE_BREAK = re.compile(r"[，,。！!？?；;：:…~～\n]|(?<!\d)\.(?!\d)")
SENTENCE_BREAK = re.compile(r"[。！!？?；;\n]")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")  # Whisper writes 12,000 and 1,500


@dataclass(frozen=True)
class Block:
    """Consecutive segments of one speaker, joined, with each character's segment and offset."""

    role: str  # "agent" or "customer" (anyone who is not the agent)
    speaker: str  # reported speaker: as given, or the inferred role when it was "unknown"
    text: str
    seg_of: tuple[int, ...]  # segment index of each character of text
    pos_of: tuple[int, ...]  # offset of each character within its segment's original text

    @property
    def first_segment(self) -> int:
        return self.seg_of[0] if self.seg_of else 0

    def segment_at(self, index: int) -> int:
        if not self.seg_of:
            return 0
        return self.seg_of[min(max(index, 0), len(self.seg_of) - 1)]

    def original_span(self, start: int, end: int, turns: Sequence[Turn]) -> tuple[int, str]:
        """The segment holding `start` and the original words of [start, end) within it."""
        segment = self.segment_at(start)
        last = start
        while last + 1 < end and self.seg_of[last + 1] == segment:
            last += 1
        original = turns[segment].text
        return segment, original[self.pos_of[start] : self.pos_of[last] + 1]

    @cached_property
    def chars(self) -> frozenset[str]:
        """The characters of the text (nlp/prefilter.py skips the patterns that need others)."""
        return frozenset(self.text)

    def clause_bounds(self, index: int) -> tuple[int, int]:
        return _bounds(self.text, index, CLAUSE_BREAK)

    def sentence_bounds(self, index: int) -> tuple[int, int]:
        return _bounds(self.text, index, SENTENCE_BREAK)

    def clauses(self) -> list[tuple[int, int]]:
        spans, start = [], 0
        for match in CLAUSE_BREAK.finditer(self.text):
            if match.start() > start:
                spans.append((start, match.start()))
            start = match.end()
        if start < len(self.text):
            spans.append((start, len(self.text)))
        return spans


def _bounds(text: str, index: int, breaks: re.Pattern[str]) -> tuple[int, int]:
    start = 0
    for match in breaks.finditer(text, 0, index):
        start = match.end()
    after = breaks.search(text, index)
    return start, after.start() if after else len(text)


def normalize(text: str) -> tuple[str, list[int]]:
    """Full-width digits to ASCII, whitespace between Chinese words to a pause comma, others dropped,
    and so are thousands separators (12,000 is 12000, not two numbers).

    Returns the normalised text and, per character, its offset in the original text.
    """
    chars: list[str] = []
    index: list[int] = []
    pending_space = -1
    text = text.translate(_FULLWIDTH)
    separators = {match.start() for match in _THOUSANDS.finditer(text)}
    for offset, char in enumerate(text):
        if offset in separators:
            continue
        if char.isspace():
            if pending_space < 0:
                pending_space = offset
            continue
        if pending_space >= 0:
            if chars and _CJK.match(chars[-1]) and _CJK.match(char):
                chars.append("，")
                index.append(pending_space)
            pending_space = -1
        chars.append(char)
        index.append(offset)
    return "".join(chars), index


def infer_roles(turns: Sequence[Turn], lexicon: Lexicon) -> list[str]:
    """The role of each turn: given speakers as they are, "unknown" ones guessed from the words.

    A turn with agent words (这里是…银行, 回访, 录音, 请问, 您, …) is the agent's; one with customer
    words is the customer's; otherwise speakers are assumed to alternate.
    """
    agent_cue = lexicon.cue("roles.agent")
    customer_cue = lexicon.cue("roles.customer")
    roles: list[str] = []
    previous = "customer"  # so the first undecided turn is the agent's: agents open the call
    for turn in turns:
        if turn.speaker in ("agent", "customer", "third_party"):
            role = "agent" if turn.speaker == "agent" else "customer"
        else:
            score = len(agent_cue.findall(turn.text)) - len(customer_cue.findall(turn.text))
            if score > 0:
                role = "agent"
            elif score < 0:
                role = "customer"
            else:
                role = "customer" if previous == "agent" else "agent"
        roles.append(role)
        previous = role
    return roles


def build_blocks(turns: Sequence[Turn], lexicon: Lexicon) -> tuple[Block, ...]:
    roles = infer_roles(turns, lexicon)
    blocks: list[Block] = []
    parts: list[tuple[int, str, list[int]]] = []
    current: tuple[str, str] | None = None
    for segment, (turn, role) in enumerate(zip(turns, roles, strict=True)):
        text, index = normalize(turn.text)
        if not text:
            continue
        speaker = role if turn.speaker not in ("agent", "customer", "third_party") else turn.speaker
        if current != (role, speaker) and parts and current is not None:
            blocks.append(_join(current, parts, lexicon))
            parts = []
        current = (role, speaker)
        parts.append((segment, text, index))
    if parts and current is not None:
        blocks.append(_join(current, parts, lexicon))
    return tuple(blocks)


def _join(who: tuple[str, str], parts: list[tuple[int, str, list[int]]], lexicon: Lexicon) -> Block:
    """One speaker's consecutive segments as one text. Whisper splits a turn at pauses and often
    ends a segment without punctuation: a pause is a clause break, so a comma goes between."""
    text = ""
    seg_of: list[int] = []
    pos_of: list[int] = []
    for segment, words, index in parts:
        if text and not CLAUSE_BREAK.match(text[-1]):
            text += "，"
            seg_of.append(seg_of[-1])
            pos_of.append(pos_of[-1])
        text += words
        seg_of.extend([segment] * len(words))
        pos_of.extend(index)
    return Block(
        role=who[0],
        speaker=who[1],
        text=_as_read(text, lexicon),
        seg_of=tuple(seg_of),
        pos_of=tuple(pos_of),
    )


def _as_read(text: str, lexicon: Lexicon) -> str:
    """Dialect words as Mandarin (nlp/dialect.py), then Whisper's misspelt domain words put back
    (nlp/respell.py); both keep the text's length."""
    if lexicon.dialect is not None:
        text = as_mandarin(text, lexicon.dialect)
    if lexicon.vocabulary is None:
        return text
    return respell(text, lexicon.vocabulary, word_test(lexicon.userdict))


def turns_from_text(text: str) -> list[Turn]:
    """Split unlabelled text (one string for a whole call) into "unknown" turns, one per sentence.

    Lines are taken as turns when the text has several; otherwise sentences are.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) <= 1:
        lines = [part.strip() for part in re.split(r"(?<=[。！!？?])", text) if part.strip()]
    return [Turn(speaker="unknown", text=line) for line in lines]
