"""Scope tests on jieba words: negation, if-clauses, troubles said to be over, others' doings.

Negation is judged on words, not characters: 没 / 不是 / 不会 before a risk phrase negate it, while
words that merely contain those characters (不少, 没想到, 不错) do not.
"""

from __future__ import annotations

import re

from nlp.lexicon import Lexicon
from nlp.text import Block
from nlp.words import cut

# Words that start a new predicate inside a clause: a negation before them does not reach past.
_SCOPE_BREAKS = frozenset("就 才 那就 就会 便 所以 结果 然后 但是 可是 不过 但 反而 而是".split())


def is_negated(block: Block, start: int, lexicon: Lexicon) -> bool:
    """A negation word among the last few words before `start` in the same clause, or a question."""
    clause_start, _ = block.clause_bounds(start)
    prefix = block.text[clause_start:start]
    if not prefix:
        return False
    if lexicon.question.search(prefix):
        return True
    words = cut(prefix, lexicon.userdict)
    # A negation belongs to its own predicate: 不还钱就让你坐牢 negates 还钱, not 坐牢.
    for index in range(len(words) - 1, -1, -1):
        if _breaks_scope(words[index]):
            words = words[index + 1 :]
            break
    return any(_negates(word, lexicon) for word in words[-lexicon.negation_window :])


def _breaks_scope(word: str) -> bool:
    # jieba glues 就 to the next verb (就让, 就去): judge its first part.
    return word in _SCOPE_BREAKS or (len(word) == 2 and word[0] in "就才")


def _negates(word: str, lexicon: Lexicon) -> bool:
    if word in lexicon.negation_tokens:
        return True
    # jieba sometimes glues the negation to the word before it (也没, 都不): judge its last part.
    return len(word) == 2 and word[1:] in lexicon.negation_tokens and word[0] in "也都还并就又却"


def is_hypothetical(block: Block, start: int, end: int, lexicon: Lexicon) -> bool:
    """An if-clause around the phrase: an if-word (要是, 如果, 万一, …) earlier in its clause or
    shortly before it in its sentence, or 的话 closing its clause (万一厂子停了的话)."""
    sentence_start, sentence_end = block.sentence_bounds(start)
    clause_start, clause_end = block.clause_bounds(start)
    window_start = min(clause_start, max(sentence_start, start - lexicon.hypothetical_window))
    # Up to the phrase's end: a gap in a pattern may have taken the if-word in (我差点被裁员).
    if lexicon.hypothetical.search(block.text, window_start, end):
        return True
    after = block.text[end : max(clause_end, min(sentence_end, end + 4))]
    return bool(lexicon.hypothetical_after.search(after))


def is_resolved(block: Block, start: int, end: int, lexicon: Lexicon) -> bool:
    """A past trouble said to be over: 以前炒过股，现在早不炒了 / 之前停过工，现在正常了 (in the
    same or the next sentence)."""
    if lexicon.resolved_before is None or lexicon.resolved_after is None:
        return False
    clause_start, _ = block.clause_bounds(start)
    # Up to the phrase's end: a gap in a pattern may have taken the past word in (之前被裁了).
    if not lexicon.resolved_before.search(block.text, clause_start, end):
        return False
    # The "no longer" may come in the next sentence (…确实比较困难。现在都正常了).
    _, sentence_end = block.sentence_bounds(start)
    _, next_end = block.sentence_bounds(min(sentence_end + 1, len(block.text)))
    return bool(lexicon.resolved_after.search(block.text, end, min(next_end, end + 40)))


# The pause between words and their taking back (起诉……不是，; 停产了——不对，).
_PAUSE = re.compile(r"[了啊呀吧]?(?:…+|—+|-+|\.{3,}|[，, ])*")
_UNTIL_BREAK = re.compile(r"[^，,。！!？?、…—]*")


def is_retracted(block: Block, end: int, lexicon: Lexicon) -> bool:
    """The words just said are taken back at once by a correction of their own (起诉……不是，催款函;
    停产了——不对，是减产): facts.yaml's promise.correction, the words that correct a sum or a day."""
    after = _PAUSE.match(block.text, end).end()  # type: ignore[union-attr]
    stop = _UNTIL_BREAK.match(block.text, after).end()  # type: ignore[union-attr]
    if stop == after or stop >= len(block.text):
        return False  # nothing said, or the reply ends there (停工了，不是 with no word after)
    return bool(lexicon.cue("promise.correction").fullmatch(block.text, after, stop))


def is_echoed(block: Block, start: int, end: int) -> bool:
    """The borrower repeating the agent's question word before answering it (停产？没有的事;
    烂尾？没有没有，主体都封顶了): the words are the whole of a short question."""
    sentence_start, sentence_end = block.sentence_bounds(start)
    following = block.text[sentence_end : sentence_end + 1]
    short = sentence_end - sentence_start <= 4
    return short and end <= sentence_end and following in ("？", "?")


def is_disowned(block: Block, start: int, end: int, lexicon: Lexicon) -> bool:
    """The borrower disowns the trouble words as said: passed on as a rumour they deny, taken back
    at once, or echoed as a question before the answer. Risk flags and the facts' trouble cues
    (nlp/call.py) share this test."""
    return (
        is_rumour(block, start, lexicon)
        or is_retracted(block, end, lexicon)
        or is_echoed(block, start, end)
    )


def is_rumour(block: Block, start: int, lexicon: Lexicon) -> bool:
    """The sentence passes the words on as a rumour the borrower denies (外面有人传我们资金链断了，
    瞎传的; 前阵子有人传那片的厂停产，我们家没停产)."""
    if lexicon.denied is None:
        return False
    sentence_start, sentence_end = block.sentence_bounds(start)
    return bool(lexicon.denied.search(block.text, sentence_start, sentence_end))


# Those a borrower deals with (客户跑路了; 甲方一直拖着不给钱; 那个培训机构都跑路了).
_COUNTERPART = re.compile(
    r"(?:他|她|客户|老板|总包|甲方|发包方|上家|下家|厂家|供应商|经销商|开发商|包工头|合伙人|对方|机构|老师|中介|平台|物业|业主|货主|买家|原来的?机主|之前的?机主)"
)


def is_counterparts(block: Block, start: int) -> bool:
    """The clause before `start` names one the borrower deals with and not 我 as the doer: the
    words tell what that other did (我们最大的客户跑路了; 甲方一直拖着不给钱), not the borrower."""
    clause_start, _ = block.clause_bounds(start)
    prefix = block.text[clause_start:start]
    mine = re.search("我(?!们)", prefix)  # 我们的客户 is theirs; 我跟客户说 is the borrower
    return not mine and bool(_COUNTERPART.search(prefix))
