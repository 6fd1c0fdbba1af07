"""The borrower's repayment intent and promise to pay (amount and date)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from nlp.call import Call, Hit
from nlp.dates import FoundDate, find_dates
from nlp.numbers import Amount, amounts
from nlp.qa import answers
from nlp.qa import asked as what_was_asked
from nlp.segment import is_counterparts, is_negated
from nlp.text import Block

PROMISING_INTENTS = frozenset({"will_repay", "partial", "request_delay"})
# Checked in this order: contesting the debt outranks refusing it, asking for time outranks a
# partial payment, and so on down to a plain "I'll pay".
_STANCES = ("dispute", "refuse", "request_delay", "partial")
_CLAUSE_BLOCKERS = ("intent.refuse", "intent.unable", "intent.request_delay")


@dataclass(frozen=True)
class Promise:
    amount: int | float | None = None
    amount_hit: Hit | None = None
    date: date | None = None
    date_hit: Hit | None = None
    commit_hit: Hit | None = None  # a clause committing to pay, with or without amount and date

    @property
    def found(self) -> bool:
        return self.amount is not None or self.date is not None


@dataclass(frozen=True)
class _Candidate:
    hit: Hit
    commit: bool
    amount: int | float | None
    amount_hit: Hit | None
    date: date | None
    date_hit: Hit | None
    income_day: bool  # the date is when money comes in (promise.income_day)
    for_rest: bool = False  # a reply to the agent asking about the rest (那剩下的七万呢？)


def repayment_intent(call: Call, contact: str, promise: Promise) -> tuple[str, Hit | None]:
    if contact not in ("connected", "refused"):
        return "unknown", None  # a refusal may still say where the borrower stands (不是我借的)
    partials = (h for h in call.hits("intent.partial") if not _prepaid(call, h))
    partial = next(partials, None)
    for stance in _STANCES:
        hits = call.hits(f"intent.{stance}")
        if stance == "refuse":
            # 甲方一直拖着不给钱: the borrower's client refusing, not the borrower; 真还不上，你们
            # 爱怎么办就怎么办吧: giving up, not refusing
            hits = (h for h in hits if not is_counterparts(call.blocks[h.block], h.start))
            if call.first("intent.unable") is not None:
                hits = (h for h in hits if not _cue_at(call, "intent.resigned", h))
        if stance == "partial":
            hits = (h for h in hits if not _prepaid(call, h))
        if stance == "request_delay":
            # 交货期往后拖了, 开业要推到明年: the project's schedule, not the payment's.
            hits = (h for h in hits if not _schedule(call, h))
            if partial is not None:
                hits = (h for h in hits if not _for_rest(call, h))
        hit = next(hits, None)
        if hit is not None:
            return stance, hit
    repaid = _already_repaid(call)
    promised = promise.amount_hit or promise.date_hit
    # in the order said; the bank's demand to repay early that the borrower cannot meet (要提前还？
    # 那一下子可拿不出二十万) is no can't-pay of the instalment
    unable = [hit for hit in call.hits("intent.unable") if not _early(call, hit)]
    latest = unable[-1] if unable else None
    # The agent says the payment is in (系统显示已经扣了; 您这个月的经营贷已经按时还了) and the
    # borrower says no can't-pay: what they add (好的，我都是工资到了第二天就存进去) is how they pay, not
    # a promise.
    stated = _stated_paid(call)
    if repaid is None and stated is not None and not unable:
        repaid = stated
    # A promise taken back by any can't-pay later in the call (… 真还不上) is none.
    if promised is not None and (repaid is None or promised.block > repaid.block):
        if latest is None or not _after(latest, promised):
            return _full_or_part(call), promised
    if repaid is not None and (latest is None or not _after(latest, repaid)):
        return "already_repaid", repaid
    if unable:
        return "unable", unable[0]
    if promise.commit_hit is not None:
        return _full_or_part(call), promise.commit_hit
    for hit in call.hits("intent.will_repay"):
        asked = call.previous_agent(hit.block)
        if asked is not None and call.lexicon.cue("promise.ask").search(asked.text):
            return "will_repay", hit
        if _NAMED_PAYMENT.search(call.clause_of(hit)) or _FIRM.search(call.clause_of(hit)):
            return "will_repay", hit  # 还款肯定不耽误; 我不会不还的, whatever was asked
    for hit in call.hits("intent.steady"):
        asked = call.previous_agent(hit.block)
        if asked is not None and call.lexicon.cue("promise.ask").search(asked.text):
            return "will_repay", hit
    return "unknown", None


def _early(call: Call, hit: Hit) -> bool:
    """提前 in the clause or just before it (要提前还？那一下子可拿不出): repaying ahead of time."""
    block = call.blocks[hit.block]
    clause_start, _ = block.clause_bounds(hit.start)
    return "提前" in block.text[max(0, min(clause_start, hit.start - 12)) : hit.end]


def _after(hit: Hit, other: Hit) -> bool:
    return (hit.block, hit.start) > (other.block, other.start)


def _stated_paid(call: Call) -> Hit | None:
    """The agent says, not asks, that the payment is in (您八月这期月供已经正常扣款了)."""
    for hit in call.hits("intent.repaid_statement", role="agent"):
        block = call.blocks[hit.block]
        _, end = block.sentence_bounds(hit.start)
        sentence_end = block.text[end : end + 1]
        if sentence_end not in ("?", "？") and not block.text[:end].endswith(("吗", "么", "吧")):
            return hit
    return None


_PROGRESS = re.compile(r"进度|进展|工期|施工|建设|完工|竣工|投产|开业|交付|封顶|并网|开工|影响")
_ASKING = re.compile(r"能不能|可不可以|可以不|能否|想|申请|请|帮|行不行|好不好|行吗|可以吗")
_FIRM = re.compile(r"不会不还|不会逾期|一分不少|照常还|照(?:扣|还|付|交)")
# the borrower's payday, or money owed to them, put off (工资晚几天; 回款得往后推了)
_PAYDAY = re.compile(
    r"(?:工资|发工资|发薪|结算|派费|回款|货款|工程款|尾款)[^，。]{0,6}(?:晚|往后|推迟|拖)"
)
# money owed to the borrower (货款, 回款, 工程款, 运费) is no payment of theirs
_PAYMENT = re.compile(r"还|月供|本金|利息|本息|这期|贷款|分期|(?<![货回程])(?:钱|款)")
_NAMED_PAYMENT = re.compile(r"还款|月供|本金|还本|利息|本息|房贷|车贷|分期|这期|每期")


def _schedule(call: Call, hit: Hit) -> bool:
    """The words put off the project (工期往后拖了), the borrower's payday (这个月工资晚几天) or
    money owed to them (回款得往后推了), not the repayment: said in the clause; or, when the clause
    names no payment, earlier in its sentence (原定四月并网，现在看得推到六月底了) or in reply to a
    question about the project alone (项目进度怎么样？— 会往后推，原来说今年十月)."""
    delayed = call.lexicon.cue("project.delayed")
    put_off = call.lexicon.cue("intent.put_off")
    block = call.blocks[hit.block]
    clause_start, clause_end = block.clause_bounds(hit.start)
    clause = block.text[clause_start:clause_end]
    if _PAYDAY.search(clause):
        return True
    if delayed.search(clause):
        # 能不能晚两个月: the borrower asking for time, unless the clause names the work
        return not _ASKING.search(clause) or bool(
            _PROGRESS.search(clause) or put_off.search(clause)
        )
    if _PAYMENT.search(clause):
        return False
    if put_off.search(block.text[clause_start : hit.start]):
        return True  # 两个柜的货往后推了: the goods, not the payment
    asked = call.previous_agent(hit.block)
    if (
        asked is not None
        and _PROGRESS.search(asked.text)
        and not call.lexicon.cue("promise.ask").search(asked.text)
        and not _ASKING.search(clause)
    ):
        return True
    sentence_start, _ = block.sentence_bounds(hit.start)
    return bool(delayed.search(block.text[sentence_start:clause_end]))


def _full_or_part(call: Call) -> str:
    """partial when the borrower commits to less than every amount the agent said was due (应还四千
    六 … 能还个两三千吧), even a rough amount; else will_repay."""
    for index, block in enumerate(call.blocks):
        asked = call.previous_agent(index)
        if block.role != "customer" or asked is None:
            continue
        due = [a.value for a in amounts(asked.text) if not a.approximate]
        if not due or not call.lexicon.cue("promise.ask").search(asked.text):
            continue
        for start, end in block.clauses():
            clause = block.text[start:end]
            if _excluded(call, block, start, clause) or _commit_at(call, block, start, end) is None:
                continue
            if any(a.value < min(due) for a in amounts(clause)):
                return "partial"
    return "will_repay"


def _cue_at(call: Call, cue: str, hit: Hit) -> bool:
    """The facts.yaml cue matches where `hit` starts (你们爱怎么办: intent.resigned)."""
    return bool(call.lexicon.cue(cue).match(call.blocks[hit.block].text, hit.start))


def _prepaid(call: Call, hit: Hit) -> bool:
    """Part paid ahead of time (就先还一部分，省点利息; the agent: 看到您上周提前还了二十万本金):
    a prepayment made, not part of what is due."""
    prepaid = call.lexicon.cue("intent.prepaid")
    if prepaid.search(call.blocks[hit.block].text):
        return True
    asked = call.previous_agent(hit.block)
    return asked is not None and bool(prepaid.search(asked.text))


def _for_rest(call: Call, hit: Hit) -> bool:
    """Putting off only the rest (先还一半，剩下的推到下个月) is a partial payment, not a delay;
    re-splitting the rest into instalments (把剩下的再分个24期) is a delay."""
    block = call.blocks[hit.block]
    if "分" in block.text[hit.start : hit.end]:
        return False
    start, _ = block.clause_bounds(hit.start)
    before, _ = block.clause_bounds(max(start - 1, 0))
    rest = call.lexicon.cue("promise.remainder")
    return bool(rest.search(block.text, before, hit.start))


def _already_repaid(call: Call) -> Hit | None:
    """The borrower says it is paid (not how they always pay: 每个月都是当天就还了), or says yes
    when the agent says the payment is in."""
    habit = call.lexicon.cue("intent.habit")
    said = next(
        (
            h
            for h in call.hits("intent.already_repaid")
            if not habit.search(call.clause_of(h)) and not _other_debt(call, h)
        ),
        None,
    )
    for answer in answers(call, call.lexicon.cue("intent.repaid_statement")):
        if answer.yes and (said is None or answer.hit.block < said.block):
            return answer.hit
    return said


def _other_debt(call: Call, hit: Hit) -> bool:
    """The words that it is paid are about another debt: in reply to a question about other loans
    or about where the money went (还了之前欠供应商的货款), or with another debt named in their
    sentence (以前有过网贷，早就还清了)."""
    other = call.lexicon.cue("intent.other_debts")
    block = call.blocks[hit.block]
    start, _ = block.sentence_bounds(hit.start)
    if other.search(block.text, start, hit.end):
        return True
    asked = call.previous_agent(hit.block)
    if asked is None:
        return False
    question = what_was_asked(asked)
    usage = call.lexicon.cue("usage.question").search(question) is not None
    paying = call.lexicon.cue("promise.ask").search(question) is not None
    return bool(other.search(question)) or (usage and not paying)


def find_promise(call: Call) -> Promise:
    """The latest committed amount and date the borrower gave (欠三万，我先还一万 -> 10000)."""
    candidates: list[_Candidate] = []
    for index, block in enumerate(call.blocks):
        if block.role == "customer":
            candidates.extend(_candidates(call, index))
    committed = next((c.hit for c in reversed(candidates) if c.commit), None)
    candidates = _first_part(candidates)
    candidates = [c for c in candidates if c.amount is not None or c.date is not None]
    amount = next((c for c in reversed(candidates) if c.amount is not None and c.commit), None)
    amount = amount or next((c for c in reversed(candidates) if c.amount is not None), None)
    dated = [c for c in candidates if c.date is not None]
    # the day money comes in yields to another day the borrower names in the same reply
    dated = [
        c
        for c in dated
        if not c.income_day
        or not any(o.hit.block == c.hit.block and not o.income_day for o in dated)
    ]
    when = next((c for c in reversed(dated) if c.commit), None)
    when = when or next(reversed(dated), None)
    if amount is None and when is None:
        agreed = _agreed_to_agent(call)
        return agreed if agreed.found else Promise(commit_hit=committed)
    return Promise(
        commit_hit=committed,
        amount=amount.amount if amount else None,
        amount_hit=amount.amount_hit if amount else None,
        date=when.date if when else None,
        date_hit=when.date_hit if when else None,
    )


_REST_ASKED = re.compile(r"[^，。]{0,10}?(?:呢|怎么|什么时候|啥时候|哪天|几号)")


def _asks_rest(call: Call, index: int) -> bool:
    """The agent's question before block `index` asks about the rest (那剩下的七万呢？; 剩下的什么时
    候还？), right after the borrower's previous reply."""
    asked = call.previous_agent(index)
    if asked is None or index < 2 or call.blocks[index - 2].role != "customer":
        return False
    question = what_was_asked(asked)
    rest = call.lexicon.cue("promise.remainder").search(question)
    return rest is not None and _REST_ASKED.match(question, rest.end()) is not None


def _first_part(candidates: list[_Candidate]) -> list[_Candidate]:
    """A sum or day given for the rest when asked about it (这期先还八万，下个月十号 … 那剩下的七万
    呢？ … 年底前补上) is not the promise when the reply just before named the part paid first."""
    kept = []
    for c in candidates:
        first = [o for o in candidates if c.for_rest and o.hit.block == c.hit.block - 2]
        if any(o.amount is not None for o in first):
            c = replace(c, amount=None, amount_hit=None)
        if any(o.date is not None for o in first):
            c = replace(c, date=None, date_hit=None)
        kept.append(c)
    return kept


def _candidates(call: Call, index: int) -> list[_Candidate]:
    block = call.blocks[index]
    asked = call.previous_agent(index)
    was_asked = asked is not None and bool(call.lexicon.cue("promise.ask").search(asked.text))
    # Without a verb of paying, a number only counts as the answer to "when / how much", and not
    # in a reply about a payment already made (这期上周就还了，两千三百五); money already set aside
    # for it is no payment made (7月15号85000元，账户里已经留好了).
    was_asked = was_asked and call.first_in("intent.already_repaid", index) is None
    clauses = block.clauses()
    commits = [_commit_at(call, block, start, end) for start, end in clauses]
    # A reply that commits somewhere may say the amount in a clause of its own (放心，十号之前准
    # 到账，十二万四嘛): its clauses count as answers too.
    was_asked = was_asked or any(
        commit is not None and not _excluded(call, block, start, block.text[start:end])
        for (start, end), commit in zip(clauses, commits, strict=True)
    )
    # A reply to where the money went (六十万都付给设备厂家了) names a sum spent, not one to pay
    # back, and its verb of paying commits to nothing, unless its clause names the day it will be
    # paid.
    spent = (
        asked is not None
        and not call.lexicon.cue("promise.ask").search(asked.text)
        and bool(call.lexicon.cue("usage.question").search(what_was_asked(asked)))
    )
    for_rest = _asks_rest(call, index)
    found: dict[int, _Candidate] = {}  # by clause
    rest_put_off = False
    for at, (start, end) in enumerate(clauses):
        # Words after 剩下的 / 其余 put the rest off (先还一万，剩下的下个月; 剩下四千，等月中再补上):
        # only what comes before them can be the promise; with nothing paid first, the rest is the
        # whole promise (下周一我把剩下的三万八一次性还清).
        if rest_put_off:
            break
        rest = call.lexicon.cue("promise.remainder").search(block.text, start, end)
        if rest is not None and _paid_first(block.text[: rest.start()]):
            end, rest_put_off = rest.start(), True
        clause = block.text[start:end]
        if not clause or _excluded(call, block, start, clause):
            continue
        if call.lexicon.question.search(clause):
            continue  # the borrower asking (你们是不是二十五号就要扣？) promises nothing
        commit = _commit_at(call, block, start, end)
        if commit is None and not was_asked:
            continue
        candidate = replace(_read_clause(call, index, start, end, commit), for_rest=for_rest)
        if spent and candidate.date is None:
            candidate = replace(candidate, commit=False, amount=None, amount_hit=None)
        if commit is None and _too_much(call, block, clauses, at, commits):
            candidate = replace(candidate, amount=None, amount_hit=None)
        found[at] = candidate
    # A reply that opens by saying the sum or day said before was wrong (哦对对，说错了，三千二，月底
    # 前) gives the one meant (not a bare 不是 or 不对, which may contest anything).
    correction = call.lexicon.cue("promise.correction")
    if any(
        correction.fullmatch(block.text, start, end) and _OWN_SLIP.search(block.text, start, end)
        for start, end in clauses[:2]
    ):
        found = {at: replace(c, commit=True) for at, c in found.items()}
    return _corrected(call, block, clauses, found)


def _corrected(
    call: Call, block: Block, clauses: list[tuple[int, int]], found: dict[int, _Candidate]
) -> list[_Candidate]:
    """A sum or day said, then corrected in a clause of its own (月底先还三千，不对，是三千五;
    二十号，哦不，十八号之前): the value after the correction replaces the one before, and is the
    one meant, as a committed clause's."""
    correction = call.lexicon.cue("promise.correction")
    for at, (start, end) in enumerate(clauses):
        before, after = found.get(at - 1), found.get(at + 1)
        if before is None or after is None or not correction.fullmatch(block.text, start, end):
            continue
        if before.amount is not None and after.amount is not None:
            before = replace(before, amount=None, amount_hit=None)
            after = replace(after, commit=True)
        if before.date is not None and after.date is not None:
            before = replace(before, date=None, date_hit=None)
            after = replace(after, commit=True)
        found[at - 1], found[at + 1] = before, after
    return [found[at] for at in sorted(found)]


def _too_much(
    call: Call,
    block: Block,
    clauses: list[tuple[int, int]],
    at: int,
    commits: list[int | None],
) -> bool:
    """Clause `at`, or the one after it, calls the sum too much (一下子还五十万有点难; 到期一次性还一百
    二十万，我真的做不到), and no verb of paying just before makes it the sum paid (月底我先还一
    期，两千六，…我是真一下拿不出来). `commits`: each clause's verb of paying, or None."""
    if at > 0 and commits[at - 1] is not None:
        return False
    too_much = call.lexicon.cue("promise.too_much")
    return any(too_much.search(block.text, s, e) for s, e in clauses[at : at + 2])


def _paid_first(before: str) -> bool:
    """Words before "the rest" that pay a part first: an amount, or 先 (先还一部分)."""
    return "先" in before or any(not a.approximate for a in amounts(before))


def _excluded(call: Call, block: Block, start: int, clause: str) -> bool:
    cue = call.lexicon.cue
    if cue("promise.past").search(clause) or cue("promise.threat").search(clause):
        return True
    for name in _CLAUSE_BLOCKERS:
        for match in cue(name).finditer(clause):
            if not is_negated(block, start + match.start(), call.lexicon):
                return True
    return False


def _commit_at(call: Call, block: Block, start: int, end: int) -> int | None:
    for match in call.lexicon.cue("promise.commit").finditer(block.text, start, end):
        if not is_negated(block, match.start(), call.lexicon):
            return match.start()
    return None


def _read_clause(call: Call, index: int, start: int, end: int, commit: int | None) -> _Candidate:
    block = call.blocks[index]
    clause = block.text[start:end]
    owed = call.lexicon.cue("promise.owed")
    money = [a for a in amounts(clause) if not a.approximate]
    if commit is None and owed.search(clause):
        money = []
    chosen = money[-1] if money else None
    if money and commit is not None:
        # The amount right after the verb (先还一万), else the one just before it (一万我先还).
        after = [a for a in money if a.start >= commit - start]
        chosen = after[0] if after else money[-1]
    dates = [d for d in find_dates(clause, call.call_date) if d.value >= call.call_date]
    if dates:
        dates[0] = _as_asked(call, index, clause, dates[0])
    return _Candidate(
        hit=Hit(index, start, end),
        commit=commit is not None,
        amount=chosen.value if chosen else None,
        amount_hit=Hit(index, start + chosen.start, start + chosen.end) if chosen else None,
        date=dates[0].value if dates else None,
        date_hit=Hit(index, start + dates[0].start, start + dates[0].end) if dates else None,
        income_day=bool(dates) and _income_day(call, clause, dates[0]),
    )


def _income_day(call: Call, clause: str, said: FoundDate) -> bool:
    """The day is when money comes in (我周四发工资; 租金十号才到账), not when it is paid (尾款回来了
    我十号之前两期一起还上): words of income right after it, around it, or just before it (我发工资是
    二十号)."""
    return any(
        match.start() <= said.end + 3 and match.end() >= said.start - 1
        for match in call.lexicon.cue("promise.income_day").finditer(clause)
    )


_OWN_SLIP = re.compile("错|口误")
_BARE_DAY = re.compile(r"[\d零〇一二两三四五六七八九十]+[号日]")


def _as_asked(call: Call, index: int, clause: str, said: FoundDate) -> FoundDate:
    """A bare day (二十号前…肯定到位) answering the agent's dated question (下个月二十号是第一期还本)
    is that date, not this month's."""
    if not _BARE_DAY.fullmatch(clause[said.start : said.end]):
        return said
    asked = call.previous_agent(index)
    if asked is None:
        return said
    for stated in find_dates(asked.text, call.call_date):
        if stated.value.day == said.value.day and stated.value > said.value:
            return replace(said, value=stated.value)
    return said


def with_stated_due(call: Call, promise: Promise, said: Hit | None = None) -> Promise:
    """A borrower who commits to pay in full but names no amount or date commits to what the agent
    stated as due (这期本息三十八万六 … 知道，二十一号之前肯定在账上; 十二号的月供四千九百五，能
    按时还吗？ … 能): the last amount, and the first date ahead, of the agent's last words about the
    payment before the commitment (or before `said`, the words that gave the intent)."""
    own = promise.commit_hit or promise.date_hit or promise.amount_hit
    if own is None and said is not None and _cue_at(call, "intent.steady", said):
        return promise  # 没压力; 卡里一直留着钱: paying as ever, no sum or day taken on
    said = own or said
    if said is None:
        return promise
    # 大概一万出头吧，月底: their own sum (not their pay: 我每个月工资一万二，按时还没问题)
    reply = call.blocks[said.block]
    owed = call.lexicon.cue("promise.owed")
    own_sum = any(
        amounts(reply.text[start:end]) and not owed.search(reply.text, start, end)
        for start, end in reply.clauses()
    )
    ask = call.lexicon.cue("promise.ask")
    for index in range(said.block - 1, -1, -1):
        block = call.blocks[index]
        if block.role != "agent" or not ask.search(block.text):
            continue
        stated = _stated(call, index, ahead_only=True)
        if promise.amount is None and not own_sum and stated.amount is not None:
            promise = replace(promise, amount=stated.amount, amount_hit=stated.amount_hit)
        if promise.date is None and stated.date is not None:
            promise = replace(promise, date=stated.date, date_hit=stated.date_hit)
        if promise.amount is not None or own_sum:
            break
    return promise


def _stated(call: Call, index: int, *, ahead_only: bool) -> Promise:
    """The amount (the last exact one) and the date (the first, or the first still ahead) that the
    agent's block `index` states."""
    text = call.blocks[index].text
    money = [a for a in amounts(text) if not a.approximate and not _loan_total(call, text, a)]
    dates = [
        d for d in find_dates(text, call.call_date) if not ahead_only or d.value >= call.call_date
    ]
    return Promise(
        amount=money[-1].value if money else None,
        amount_hit=Hit(index, money[-1].start, money[-1].end) if money else None,
        date=dates[0].value if dates else None,
        date_hit=Hit(index, dates[0].start, dates[0].end) if dates else None,
    )


def _loan_total(call: Call, text: str, amount: Amount) -> bool:
    """The loan itself, not what is due (您上个月办了一笔两万四的账单分期; 那笔三万块的消费贷)."""
    before, after = text[max(0, amount.start - 8) : amount.start], text[amount.end : amount.end + 8]
    cue = call.lexicon.cue
    if cue("promise.due_before").search(before):
        return False
    return bool(
        cue("promise.loan_before").search(before) or cue("promise.loan_after").search(after)
    )


def _agreed_to_agent(call: Call) -> Promise:
    """A bare yes (可以 / 行 / 没问题) to the agent's proposal takes the proposal's amount and date."""
    agree = call.lexicon.cue("promise.agree")
    for index in range(len(call.blocks) - 1, 0, -1):
        block, asked = call.blocks[index], call.blocks[index - 1]
        if block.role != "customer" or asked.role != "agent" or not agree.search(block.text):
            continue
        if not asked.text.rstrip().endswith(("?", "？", "吗", "吧")):
            continue
        stated = _stated(call, index - 1, ahead_only=False)
        if stated.found:
            return stated
    return Promise()
