"""The agent's question and the borrower's direct answer to it (是的 / 对 / 没有 / 还行 …).

Borrowers often answer a closed question with a bare yes or no ("还正常开着吧？" "开着开着"), so
the fact is in the question: a yes to a question expecting all is well, or a no to one asking about
trouble ("工作有没有变动？" "没有"), keeps the status quo.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from nlp.call import Call, Hit
from nlp.text import Block

# A question mark or particle, or a request to confirm (用途写的是婚礼，想跟您确认一下).
_QUESTION_END = re.compile(r"(?:[？?]|[吗吧呢么嘛]|(?:确认|核实|核对|回访)一下)[。.！!…~～ ]*$")


@dataclass(frozen=True)
class Answer:
    hit: Hit  # the opening words of the reply
    yes: bool
    no: bool


def answers(call: Call, topic: re.Pattern[str]) -> Iterator[Answer]:
    """Replies of the borrower to the agent's last question when it is about `topic`."""
    yes, no = call.lexicon.cue("qa.affirm"), call.lexicon.cue("qa.negate")
    for index in range(1, len(call.blocks)):
        reply, asked = call.blocks[index], call.blocks[index - 1]
        if reply.role != "customer" or asked.role != "agent":
            continue
        if not topic.search(questions(asked)):
            continue
        said_no = no.match(reply.text)
        said_yes = None if said_no else yes.match(reply.text)
        found = said_no or said_yes
        end = found.end() if found else 0
        yield Answer(Hit(index, 0, max(end, 1)), said_yes is not None, said_no is not None)


def _final_sentence(block: Block) -> tuple[str, int]:
    """The block's text without its closing punctuation, and where its final sentence starts."""
    text = block.text.rstrip("。.！!…~～ ")
    start, _ = block.sentence_bounds(max(len(text) - 1, 0))
    return text, start


def last_question(block: Block) -> str:
    """The agent's final sentence: what the borrower is answering."""
    text, start = _final_sentence(block)
    return text[start:]


def questions(block: Block) -> str:
    """The questions the agent ends on, however many (房子现在是自住吗？装修好了没有？): the
    borrower may answer any of them."""
    text, start = _final_sentence(block)
    while start > 0:
        before, _ = block.sentence_bounds(start - 1)
        if not _QUESTION_END.search(block.text[before:start].rstrip()):
            break
        start = before
    return text[start:]


def keeps_status_quo(call: Call, answer: Answer) -> bool:
    """A yes to "all is well?", or a no to "any trouble?"."""
    question = last_question(call.blocks[answer.hit.block - 1])
    if answer.yes and call.lexicon.cue("qa.steady_question").search(question):
        return True
    return answer.no and bool(call.lexicon.cue("qa.trouble_question").search(question))


def asked(block: Block) -> str:
    """What the agent asks: the questions it ends on, else its last clause (a statement that
    recalls the loan's purpose and then reminds of the payment asks nothing)."""
    sentence = questions(block)
    if _QUESTION_END.search(sentence) or not sentence:
        return sentence
    start, _ = block.clause_bounds(max(len(block.text.rstrip("。.！!…~～ ")) - 1, 0))
    return block.text[start:]
