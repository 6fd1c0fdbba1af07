"""One call being analysed: its turns, blocks, product, date and lexicon, plus cue searching."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from nlp.lexicon import Lexicon
from nlp.models import Evidence, Turn
from nlp.prefilter import may_match
from nlp.segment import is_disowned, is_hypothetical, is_negated, is_resolved
from nlp.text import Block

# Troubles a denied rumour takes back (有人传我们停产，我们家没停产; 谁说我还不上了？); the good news
# said beside the denial (屠宰厂照常收) stands.
_TROUBLE_CUES = frozenset(
    {
        "income.lost",
        "income.decreased",
        "income.less",
        "project.suspended",
        "project.delayed",
        "intent.unable",
    }
)


@dataclass(frozen=True)
class Hit:
    block: int  # index into Call.blocks
    start: int
    end: int


@dataclass(frozen=True)
class Call:
    turns: tuple[Turn, ...]
    blocks: tuple[Block, ...]
    product: str | None
    call_date: date
    lexicon: Lexicon

    def evidence(self, hit: Hit) -> Evidence:
        segment = self.blocks[hit.block].segment_at(hit.start)
        return Evidence(segment=segment, text=self.turns[segment].text)

    def hits(self, cue: str, role: str = "customer", *, affirmed: bool = True) -> Iterator[Hit]:
        """Matches of a facts.yaml cue in the blocks of `role`; `affirmed` drops negated ones."""
        pattern = self.lexicon.cue(cue)
        for index, block in enumerate(self.blocks):
            if block.role != role or not may_match(pattern, block.chars):
                continue
            for match in pattern.finditer(block.text):
                if match.end() == match.start():
                    continue
                if affirmed and self.is_denied(block, match.start(), match.end(), cue):
                    continue
                yield Hit(index, match.start(), match.end())

    def first(self, cue: str, role: str = "customer", *, affirmed: bool = True) -> Hit | None:
        return next(self.hits(cue, role, affirmed=affirmed), None)

    def first_in(self, cue: str, index: int) -> Hit | None:
        """The first affirmed match of a facts.yaml cue in block `index`."""
        pattern = self.lexicon.cue(cue)
        block = self.blocks[index]
        if not may_match(pattern, block.chars):
            return None
        for match in pattern.finditer(block.text):
            if match.end() > match.start() and not self.is_denied(
                block, match.start(), match.end(), cue
            ):
                return Hit(index, match.start(), match.end())
        return None

    def is_denied(self, block: Block, start: int, end: int, cue: str) -> bool:
        """Negated, hypothetical, over, or (for a trouble cue) echoed as a question (烂尾？没有),
        a denied rumour or taken back at once."""
        return (
            is_negated(block, start, self.lexicon)
            or is_hypothetical(block, start, end, self.lexicon)
            or is_resolved(block, start, end, self.lexicon)
            or (cue in _TROUBLE_CUES and is_disowned(block, start, end, self.lexicon))
        )

    def previous_agent(self, index: int) -> Block | None:
        """The agent block just before block `index` (what the borrower is answering)."""
        for earlier in range(index - 1, -1, -1):
            if self.blocks[earlier].role == "agent":
                return self.blocks[earlier]
        return None

    def clause_of(self, hit: Hit) -> str:
        block = self.blocks[hit.block]
        start, end = block.clause_bounds(hit.start)
        return block.text[start:end]
