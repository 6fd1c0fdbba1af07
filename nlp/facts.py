"""Who answered, whether identity was verified, income change, project status and fund usage."""

from __future__ import annotations

import re
from collections.abc import Iterable

from nlp.call import Call, Hit
from nlp.models import RiskFlag
from nlp.qa import answers, asked, keeps_status_quo

Found = tuple[str, Hit | None]
PROJECT_PRODUCTS = frozenset({"business_loan", "project_finance", None})


def contact_result(call: Call) -> Found:
    """no_answer without speech; wrong_number / third_party from the first replies; refused when
    the borrower will not talk and the call ends at once (hung up, or only a couple of replies)."""
    customer = [i for i, block in enumerate(call.blocks) if block.role == "customer"]
    if not customer:
        return "no_answer", None
    first_replies = set(customer[:2])
    owned = _owned_up(call, customer[:2])
    for label in ("wrong_number", "third_party"):
        hits = call.hits(f"contact.{label}")
        if label == "third_party" and owned is not None:
            # 是我，我是公司的财务负责人: the borrower, in their role; a relative who takes the
            # phone later (我是他儿子，我爸耳朵背) does not undo it, and one who answered first and
            # handed the phone over (我是他邻居……长顺！你电话！ — 喂，我是侯长顺) leaves the borrower
            continue
        hit = _first_in(hits, first_replies)
        if hit is not None:
            return label, hit
    if all(call.blocks[i].speaker == "third_party" for i in customer):
        return "third_party", Hit(customer[0], 0, 0)
    refusal = call.first("contact.refuse_talk")
    if refusal is not None and len(customer) <= 4:
        hung_up = call.first("contact.hang_up", role="agent", affirmed=False)
        refusing = {hit.block for hit in call.hits("contact.refuse_talk")}
        # Refused more than once, or refused and hung up (没空，别打了。挂了), with the last word:
        # the borrower ended the call.
        last = customer[-1]
        ended = last in refusing and (
            len(refusing) >= 2
            or (len(customer) <= 3 and call.first_in("contact.hang_up", last) is not None)
        )
        if hung_up is not None or len(customer) <= 2 or ended:
            return "refused", refusal
    return "connected", None


_ITS_ME = re.compile(
    r"(?:^|[，,。！!？?])[嗯啊哦对喂，, ]*(?:是我|我就是|就是我)(?=[啊呀呢的，,。！!？?]|$)"
)
_ASKED_NAME = re.compile(r"是([\u4e00-\u9fff]{2,3}?)(?:老?先生|女士|老板|总|经理|师傅|本人|吗)")


def _owned_up(call: Call, replies: list[int]) -> int | None:
    """The first of `replies` in which the borrower says they are the one asked for: 是我, or the
    name the agent asked for (是的，我是公司财务总监严丽君)."""
    names = [
        name
        for block in call.blocks[: max(replies, default=0)]
        if block.role == "agent"
        for name in _ASKED_NAME.findall(block.text)
    ]
    for index in replies:
        text = call.blocks[index].text
        if _ITS_ME.search(text) or any(
            re.search(f"我(?:就)?是[^，,。]{{0,8}}{name}", text) for name in names
        ):
            return index
    return None


def _first_in(hits: Iterable[Hit], blocks: set[int]) -> Hit | None:
    return next((hit for hit in hits if hit.block in blocks), None)


def identity_verified(call: Call, contact: str) -> tuple[bool, Hit | None]:
    """The agent asked who they were speaking with and the next reply confirmed it."""
    if contact in ("third_party", "wrong_number", "no_answer"):
        return False, None
    question = call.lexicon.cue("identity.question")
    confirm = call.lexicon.cue("identity.confirm")
    deny = call.lexicon.cue("identity.deny")
    blocks = call.blocks
    for index, block in enumerate(blocks[:-1]):
        reply = blocks[index + 1]
        if block.role != "agent" or reply.role != "customer" or not question.search(block.text):
            continue
        if deny.search(reply.text):
            return False, None
        if confirm.search(reply.text) or _says_own_name(block.text, reply.text):
            return True, Hit(index + 1, 0, 1)
    return False, None


_SELF_NAMED = re.compile(r"我(?:就)?是([\u4e00-\u9fff]{2,4})")


def _says_own_name(question: str, reply: str) -> bool:
    """The reply gives the name the agent asked for (哪个？哦，我是蒋光福，你是哪个哦？)."""
    return any(
        match.group(1)[:2] in question and not match.group(1).startswith(("他", "她", "你"))
        for match in _SELF_NAMED.finditer(reply)
    )


def _about(call: Call, hit: Hit, section: str) -> bool:
    """The words are about `section` (income, project): said so in the clause or asked by the agent."""
    topic = call.lexicon.cue(f"{section}.topic")
    if topic.search(call.clause_of(hit)):
        return True
    asked = call.previous_agent(hit.block)
    return asked is not None and bool(topic.search(asked.text))


_BORROWER_NAMED = re.compile(r"[他她]")


def income_change(
    call: Call, flags: tuple[RiskFlag, ...] = (), contact: str = "connected"
) -> Found:
    """lost / decreased on their cues; else, about income, increased, a cut said bare (少了点)
    or stable; else decreased when the earner the household lived on is gone (以前都是他的工资还
    月供); else decreased when the borrower (`flags` of a connected call only) raised an
    income_loss flag (提成也停了; 一个月少挣两三千: the same families as the risk flags) and said of
    income nothing steadier (稳定的, 就是这次晚发几天 stays stable); a bare yes to "still at the same
    job?" does not outweigh the cut; else stable when the borrower says what they earn (一个月五千多)
    in a call with no risk flag; else unknown."""
    if contact == "third_party":
        return _told_of_borrower(call)
    for label in ("lost", "decreased"):
        hit = call.first(f"income.{label}")
        if hit is not None:
            return label, hit
    overall = call.first("income.overall")
    if overall is not None and _about(call, overall, "income"):
        return "stable", overall
    for cue, label in (("increased", "increased"), ("less", "decreased"), ("stable", "stable")):
        for hit in call.hits(f"income.{cue}"):
            if _about(call, hit, "income") or (label == "stable" and _after_pay(call, hit)):
                return label, hit
    household = call.first("income.household")
    if household is not None:
        return "decreased", household
    for flag in flags:
        if flag.category == "income_loss" and flag.speaker == "customer":
            return "decreased", _flag_hit(call, flag)
    stated = call.first("income.stated") if not flags else None
    if stated is not None:
        return "stable", stated
    return _status_quo(call, "income.topic", "stable")


def _flag_hit(call: Call, flag: RiskFlag) -> Hit:
    """Where a flag's segment starts among the call's blocks: the evidence a flag gives a fact."""
    where = next(i for i, b in enumerate(call.blocks) if flag.segment in b.seg_of)
    return Hit(where, call.blocks[where].seg_of.index(flag.segment), 0)


def _no_to_astray(call: Call, asked_text: str, reply: str) -> bool:
    """No, to "did the money go anywhere else?" (有没有用在其他地方？— 没有没有，全是付货款)."""
    return bool(
        call.lexicon.cue("usage.astray_question").search(asked_text)
        and re.match(r"[嗯啊哦，, ]*(?:没有|没|冇|不是|哪有)", reply)
        and not re.match(r"[嗯啊哦，, ]*(?:没有|没)[^，。]{0,3}(?:全|都)?(?:用在|花在)", reply)
    )


def business_from_income(
    call: Call, project: Found, income: Found, flags: tuple[RiskFlag, ...]
) -> Found:
    """A business loan's borrower said nothing of the business as such, but of what it brings in:
    steady or more, with no business trouble raised (生意还行; 流水比去年多了三成), it runs on track;
    stopped (没进项了, 工资都发不出来), it is suspended (labelled calls: on_track 73 of 79; suspended
    20 of 21)."""
    if project[0] != "unknown" or call.product != "business_loan" or income[1] is None:
        return project
    troubled = any(f.category == "business_distress" and f.speaker == "customer" for f in flags)
    if income[0] in ("stable", "increased") and not troubled:
        return "on_track", income[1]
    if income[0] == "lost":
        return "suspended", income[1]
    return project


def _told_of_borrower(call: Call) -> Found:
    """Someone else answered: only a loss, a cut or a rise they tell of the borrower (他被裁员了;
    他送外卖挣得比去年还多) counts, not their own pay (我们这边工资都俩月没发了) nor how the
    business they speak for stands (生意还行): labelled calls answered by another are unknown in
    447 of 457."""
    for label in ("lost", "decreased", "increased"):
        for hit in call.hits(f"income.{label}"):
            block = call.blocks[hit.block]
            start, end = block.sentence_bounds(hit.start)
            if _BORROWER_NAMED.search(block.text, start, end) and (
                label != "increased" or _about(call, hit, "income")
            ):
                return label, hit
    return "unknown", None


def _after_pay(call: Call, hit: Hit) -> bool:
    """The clause before, in the same sentence, says what the borrower earns (我工资一个月一万多，
    稳定的; 每个月工资七千多，一直没变过): the steady words are about that pay."""
    block = call.blocks[hit.block]
    start, _ = block.clause_bounds(hit.start)
    sentence_start, _ = block.sentence_bounds(hit.start)
    if start - 1 <= sentence_start:
        return False
    before, _ = block.clause_bounds(start - 2)
    return bool(
        call.lexicon.cue("income.stated").search(block.text, max(before, sentence_start), start)
    )


def business_income(
    call: Call, income: Found, project: Found, intent: str, flags: tuple[RiskFlag, ...] = ()
) -> Found:
    """A business loan's business has stopped (厂子停产了, 店关了) and the borrower says they cannot
    pay (intent unable, or a repayment_difficulty flag: 周转不开, 手头紧): the income the business
    paid has stopped too, when nothing was said of income itself (labelled calls with a stopped
    business and a short-of-cash flag: lost 12, decreased 8, unknown 2). A personal loan's borrower
    whose own business is in trouble (a business_distress flag) and who cannot pay: decreased
    (labelled: decreased 6, lost 3)."""
    stopped = call.product == "business_loan" and project[0] == "suspended"
    short = intent == "unable" or any(
        flag.category == "repayment_difficulty" and flag.speaker == "customer" for flag in flags
    )
    if income[0] == "unknown" and stopped and short:
        return "lost", project[1]
    personal = call.product not in PROJECT_PRODUCTS
    if income[0] == "unknown" and personal and intent == "unable":
        trouble = next(
            (f for f in flags if f.category == "business_distress" and f.speaker == "customer"),
            None,
        )
        if trouble is not None:
            return "decreased", _flag_hit(call, trouble)
    return income


def _status_quo(call: Call, topic: str, label: str) -> Found:
    """`label` when the borrower's yes or no to a closed question on `topic` says nothing changed."""
    for answer in answers(call, call.lexicon.cue(topic)):
        if keeps_status_quo(call, answer):
            return label, answer.hit
    return "unknown", None


def project_status(call: Call) -> Found:
    if call.product not in PROJECT_PRODUCTS:
        return "unknown", None
    for label in ("suspended", "delayed"):
        hit = call.first(f"project.{label}")
        if hit is not None:
            return label, hit
    # A business runs on: a job or a fit-out finished (好几个小区的活儿干完了; 店面装修完了) is no
    # completed business loan (2 of the 25 labelled business-loan calls that say so are labelled
    # completed)
    done = _completed(call) if call.product != "business_loan" else None
    if done is not None:
        return done
    for hit in call.hits("project.on_track"):
        if _about(call, hit, "project"):
            return "on_track", hit
    return _status_quo(call, "project.topic", "on_track")


def _completed(call: Call) -> Found | None:
    """A completion said as done (not 预计九月份能交付), unless the borrower also says work is still
    going on (主体完工了，现在在做管网; 一期交付了，二期在建) or a completion still to come
    (设备都安装完了，按计划年后投产): then only a part is done."""
    done: list[Hit] = []
    ahead: list[Hit] = []
    for hit in call.hits("project.completed"):
        (ahead if _to_come(call, hit) else done).append(hit)
    if not done:
        return None
    going = next((h for h in call.hits("project.ongoing") if not _in_past(call, h)), None)
    if going is None and ahead:
        going = ahead[0]
    return ("on_track", going) if going is not None else ("completed", done[0])


def _to_come(call: Call, hit: Hit) -> bool:
    """预计年底全线完工: a future word a few words before the completion word, in its clause."""
    block = call.blocks[hit.block]
    clause_start, _ = block.clause_bounds(hit.start)
    return bool(
        call.lexicon.cue("project.future").search(
            block.text, max(clause_start, hit.start - 8), hit.start
        )
    )


def _in_past(call: Call, hit: Hit) -> bool:
    """The clause puts the words in the past (去年还在建设): they tell nothing of the work now."""
    block = call.blocks[hit.block]
    clause_start, _ = block.clause_bounds(hit.start)
    return bool(call.lexicon.cue("project.past").search(block.text, clause_start, hit.start))


def fund_usage(call: Call, flags: tuple[RiskFlag, ...], contact: str) -> Found:
    """diverted on any fund_diversion flag; unknown when the loan is said not to be the
    borrower's own (a fraud_identity flag) or someone else answered (only the borrower can vouch
    for the money; a spouse may still tell of it going astray); as_agreed when the borrower answers
    the usage question without saying no, or says the money went where it should; else unknown."""
    for flag in flags:
        if flag.category == "fund_diversion":
            return "diverted", _flag_hit(call, flag)
    if contact == "third_party":
        return "unknown", None
    if any(flag.category == "fraud_identity" for flag in flags):
        return (
            "unknown",
            None,
        )  # not the borrower's loan (没申请过; 挂了个名): no usage to vouch for
    negative = call.lexicon.cue("usage.negative")
    disputed = call.lexicon.cue("intent.dispute")
    question = call.lexicon.cue("usage.question")
    # Segments where the collateral changed hands: such a reply is no "as agreed" (自己在开吗？
    # 转给老乡开了).
    handed_over = {flag.segment for flag in flags if flag.category == "collateral_risk"}
    for answer in answers(call, question):
        asked_text = asked(call.blocks[answer.hit.block - 1])
        if not question.search(asked_text):
            continue  # the purpose recalled in a reminder (…用来买货车的，这期一万二还没还上。)
        if handed_over.intersection(call.blocks[answer.hit.block].seg_of):
            continue
        reply = call.blocks[answer.hit.block].text
        if disputed.search(reply):
            continue
        if not negative.search(reply) or _no_to_astray(call, asked_text, reply):
            return "as_agreed", answer.hit
    hit = call.first("usage.as_agreed")
    if hit is not None:
        return "as_agreed", hit
    return "unknown", None
