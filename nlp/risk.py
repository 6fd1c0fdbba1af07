"""Risk flags (every risk phrase heard, with speaker and segment) and the call's overall risk level."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from call_scripts.schema import Script
from nlp.call import Call
from nlp.facts import PROJECT_PRODUCTS
from nlp.learned import clause_text, phrase_around
from nlp.lexicon import Category, Yield
from nlp.models import Facts, RiskFlag
from nlp.segment import (
    is_counterparts,
    is_disowned,
    is_hypothetical,
    is_negated,
    is_resolved,
)
from nlp.text import Block
from nlp.words import cut

MAX_PHRASE = 12


@dataclass(frozen=True)
class _Span:
    category: str
    block: int
    start: int
    end: int


def find_flags(call: Call, script: Script | None, contact_result: str) -> tuple[RiskFlag, ...]:
    spans = list(_lexicon_spans(call))
    spans.extend(_prohibited_spans(call, script))
    spans.extend(_delay_spans(call))
    spans.extend(_learned_spans(call, spans))
    if contact_result in ("third_party", "wrong_number"):
        spans.extend(_disclosure_spans(call))
    if contact_result == "connected":
        spans = [span for span in spans if not _someone_else_gone(call, span)]
    return tuple(_to_flag(call, span) for span in _longest(_yielded(call, spans)))


def _yielded(call: Call, spans: list[_Span]) -> list[_Span]:
    """A hit of a category that yields to another for the call's product (risk.yaml `yields_to`)
    is dropped where the other has a hit in the same clause or turn: in a business loan,
    订单少了一大半 is the business's trouble, not a pay cut; in a personal loan, 厂子倒闭了 told
    with the borrower's lost pay is the employer's trouble, not the borrower's business."""
    rules = {
        c.name: [y for y in c.yields_to if call.product in y.products]
        for c in call.lexicon.categories
    }
    if not any(rules.values()):
        return spans

    def taken(span: _Span, rule: Yield) -> bool:
        clause = call.blocks[span.block].clause_bounds(span.start)
        return any(
            other.category == rule.category
            and other.block == span.block
            and (
                rule.within == "turn"
                or call.blocks[other.block].clause_bounds(other.start) == clause
            )
            for other in spans
        )

    return [s for s in spans if not any(taken(s, rule) for rule in rules.get(s.category, ()))]


def _lexicon_spans(call: Call) -> Iterator[_Span]:
    for index, block in enumerate(call.blocks):
        for category, pattern, required in call.lexicon.rules_for(call.product, block.role):
            if required is None or not required.isdisjoint(block.chars):
                yield from _matches(call, category, index, pattern)


def _matches(
    call: Call, category: Category, index: int, pattern: re.Pattern[str]
) -> Iterator[_Span]:
    block = call.blocks[index]
    for match in pattern.finditer(block.text):
        span = _Span(category.name, index, match.start(), match.end())
        if span.end > span.start and not _out_of_scope(call, category, block, span):
            yield span


def _out_of_scope(call: Call, category: Category, block: Block, span: _Span) -> bool:
    """Negated, excluded by the category, a trouble of someone else's, or (but for threats)
    hypothetical or over."""
    start, end = span.start, span.end
    if is_negated(block, start, call.lexicon):
        return True
    sentence_start, sentence_end = block.sentence_bounds(start)
    if category.exclude is not None and category.exclude.search(
        block.text, sentence_start, sentence_end
    ):
        return True
    if is_disowned(block, start, end, call.lexicon):
        return True
    if category.name in _OWN_TROUBLE and _about_someone_else(block, start):
        return True
    if category.name in _PERSONAL and _OUTSIDER_SUBJECT.search(block.text[:start]):
        return True
    return not category.conditional and (
        is_hypothetical(block, start, end, call.lexicon)
        or is_resolved(block, start, end, call.lexicon)
    )


# Troubles that are the borrower's own: a friend's failed trade or empty pockets are not.
_OWN_TROUBLE = frozenset({"business_distress", "repayment_difficulty"})
_THIRD_PERSON = re.compile(r"^[嗯啊哦唉哎…，, ]*(?:结果|后来|然后|但是|可)?(?:他|她)(?![们的家])")
_FRIENDS = "朋友|同学|老乡|哥们|战友|同事|邻居|熟人|发小"  # outside the household
_IN_LAWS = "姐夫|妹夫|连襟|小舅子|大舅子|大舅哥|外甥|侄子|舅舅|姑父|姨父|堂哥|堂弟"
_OUTSIDER = re.compile(rf"(?:{_FRIENDS}|{_IN_LAWS}|亲戚|别人|人家|表哥|表弟|表姐|表妹)")
# The business next door, around, or in the trade (隔壁那家火锅店倒闭了; 周边有猪瘟): theirs.
# (matched at the clause's start: `^` would hold only at the text's)
_NEIGHBOUR = re.compile(r"[嗯啊哦唉哎…，, ]*(?:我们)?(?:隔壁|对面|旁边|附近|周边|周围|同行|别人家)")
# A colleague's or a friend's illness or lost job, said with them as the subject (我一个同事得了
# 重病住院了; 我朋友被裁了): not the borrower's, nor the household's.
_PERSONAL = frozenset({"hardship", "income_loss"})
_OUTSIDER_SUBJECT = re.compile(rf"(?:{_FRIENDS})(?!的)[^，。！？!?我]{{0,4}}$")
_NOT_MINE = frozenset({"contact_loss", "multi_debt"})


def _someone_else_gone(call: Call, span: _Span) -> bool:
    """The borrower on the line telling of someone else gone or in debt (他跑路了; 他把我微信都
    拉黑了，人也不知道去哪了; 他公司欠了一屁股债): a clause or sentence whose subject is 他/她
    loses nobody the bank calls and is no debt of the borrower's; nor, for contact_loss, a clause
    naming one the borrower deals with before the words and not 我 (我们最大的客户跑路了)."""
    block = call.blocks[span.block]
    if span.category not in _NOT_MINE or block.speaker != "customer":
        return False
    clause_start, _ = block.clause_bounds(span.start)
    sentence_start, _ = block.sentence_bounds(span.start)
    if span.category == "contact_loss" and is_counterparts(block, span.start):
        return True
    return any(
        _THIRD_PERSON.search(block.text[start : span.end])
        for start in (clause_start, sentence_start)
    )


def _about_someone_else(block: Block, start: int) -> bool:
    """The clause opens on the business next door or in the trade (隔壁那家火锅店倒闭了), or its
    subject is 他/她, someone outside the household named earlier in the sentence
    (我给我一老同学担保借了一笔钱，他做买卖赔了，跑了): that trouble is theirs."""
    clause_start, clause_end = block.clause_bounds(start)
    if _NEIGHBOUR.match(block.text, clause_start):
        return True
    prefix = block.text[clause_start:start]
    # the clause's opening, also for a learnt hit that starts the clause (他现在也还不上)
    if "我" in prefix or not _THIRD_PERSON.search(block.text[clause_start:clause_end]):
        return False
    sentence_start, _ = block.sentence_bounds(start)
    return bool(_OUTSIDER.search(block.text, sentence_start, clause_start))


def _learned_spans(call: Call, found: list[_Span]) -> Iterator[_Span]:
    """Clauses the lexicon's clause model is sure of (nlp/learned.py), where no rule of the same
    category hit, through the same scope tests as a rule hit."""
    model = call.lexicon.learned.clauses if call.lexicon.learned else None
    if model is None:
        return
    clauses = [
        (index, start, end) for index, b in enumerate(call.blocks) for start, end in b.clauses()
    ]
    texts = [clause_text(call.blocks[i].role, call.blocks[i].text[s:e]) for i, s, e in clauses]
    categories = {category.name: category for category in call.lexicon.categories}
    for at, column in zip(*np.nonzero(model.probabilities(texts) >= model.threshold), strict=True):
        index, start, end = clauses[at]
        block = call.blocks[index]
        category = categories.get(model.categories[column])
        if category is None or category.speaker != block.role:
            continue
        if any(
            f.category == category.name and f.block == index and f.start < end and start < f.end
            for f in found
        ):
            continue
        text = block.text[start:end]
        first, last = model.core(block.role, text, int(column))
        # The scope tests run from the clause's start: an if-word just before the clause
        # (要是下个月再没订单，厂子可能就得停了) reaches the whole of it.
        scope = _Span(category.name, index, start, start + last)
        # ... and from where the signal sits, so words before it in the clause still count (我一个
        # 同事得了重病住院了: a colleague's illness)
        core = _Span(category.name, index, start + first, start + last)
        if (
            _out_of_scope(call, category, block, scope)
            or _out_of_scope(call, category, block, core)
            or _negation_within(call, block, scope)
        ):
            continue
        first, last = phrase_around(text, (first, last))
        yield _Span(category.name, index, start + first, start + last)


def _negation_within(call: Call, block: Block, span: _Span) -> bool:
    """A negation word or a question anywhere in a learnt hit's clause (工地没停; 房子没卖; 谁会拿
    这个钱去赌): the model weighs words, not their scope, so such a clause is left to the rules."""
    start, end = block.clause_bounds(span.start)
    if call.lexicon.question.search(block.text, start, end):
        return True
    words = cut(block.text[start:end], call.lexicon.userdict)
    return any(word in call.lexicon.negation_tokens for word in words)


def _delay_spans(call: Call) -> Iterator[_Span]:
    """A business or project behind schedule (工期拖了两个月; 并网推迟到六月份了) is in distress:
    231 of the 248 labelled calls whose project the rules hear delayed flag business_distress."""
    if call.product not in PROJECT_PRODUCTS:
        return
    for hit in call.hits("project.delayed"):
        yield _Span("business_distress", hit.block, hit.start, hit.end)


def _prohibited_spans(call: Call, script: Script | None) -> Iterator[_Span]:
    if script is None or script.prohibited is None:
        return
    misconduct = _misconduct_category(call)
    for index, block in enumerate(call.blocks):
        if block.role == "agent":
            yield from _matches(call, misconduct, index, script.prohibited)


def _disclosure_spans(call: Call) -> Iterator[_Span]:
    """Agent words about the debt once someone other than the borrower has answered."""
    misconduct = _misconduct_category(call)
    if misconduct.to_third_party is None:
        return
    answered = False
    for index, block in enumerate(call.blocks):
        if block.role == "customer":
            answered = True
        elif answered:
            yield from _matches(call, misconduct, index, misconduct.to_third_party)


def _misconduct_category(call: Call) -> Category:
    for category in call.lexicon.categories:
        if category.name == "agent_misconduct":
            return category
    return Category("agent_misconduct", "high", "agent", True, (), None)


def _longest(spans: list[_Span]) -> list[_Span]:
    """One flag per stretch of words and category: overlapping hits keep the longest."""
    kept: list[_Span] = []
    for span in sorted(spans, key=lambda s: (s.block, s.start, -(s.end - s.start))):
        overlapping = [
            k
            for k in kept
            if k.category == span.category
            and k.block == span.block
            and k.start < span.end
            and span.start < k.end
        ]
        if not overlapping:
            kept.append(span)
        elif all(k.end - k.start < span.end - span.start for k in overlapping):
            for k in overlapping:
                kept.remove(k)
            kept.append(span)
    return sorted(kept, key=lambda s: (s.block, s.start))


def _to_flag(call: Call, span: _Span) -> RiskFlag:
    block = call.blocks[span.block]
    end = min(span.end, span.start + MAX_PHRASE)
    if end - span.start < 2 and end < len(block.text):
        end += 1  # a one-character hit (癌) reads better with the next character (癌症)
    segment, phrase = block.original_span(span.start, end, call.turns)
    turn = call.turns[segment]
    return RiskFlag(
        category=span.category,
        phrase=phrase,
        speaker=block.speaker,
        segment=segment,
        start=turn.start,
        end=turn.end,
    )


def risk_level(call: Call, flags: tuple[RiskFlag, ...], facts: Facts) -> str:
    """records.md through risk.yaml's `risk_level` table: high when its high row holds (a flag of
    a high category; unable, refuse, dispute; suspended; diverted), medium when its medium row
    holds (difficulty but cooperative), low with no risk signal."""
    table = call.lexicon.levels
    levels = {category.name: category.level for category in call.lexicon.categories}
    soften = facts.repayment_intent in table.softened_when
    flag_levels = {
        "medium"
        if soften and flag.category in table.softened
        else levels.get(flag.category, "high")
        for flag in flags
    }
    for level, row in (("high", table.high), ("medium", table.medium)):
        if flag_levels & row.flags or any(
            getattr(facts, name) in values for name, values in row.facts.items()
        ):
            return level
    return "low"
