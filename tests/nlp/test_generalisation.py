"""Whole dialogues written for these tests (not from the dev corpus), in the loose style of ASR
output: missing punctuation, digits and Chinese numerals mixed, turns split across segments."""

from __future__ import annotations

from datetime import date

import pytest

from nlp import Turn, analyze

A, C, T = "agent", "customer", "third_party"

DIALOGUES = [
    (
        "logistics owner, orders down, pays 8000 of 15000 by next Tuesday",
        "business_loan",
        date(2026, 3, 12),  # Thursday
        [
            (A, "喂您好 我这边是杭州银行贷后回访的 本次通话将被录音 请问是郑光明郑老板吗"),
            (C, "对对 是我"),
            (A, "郑老板 您这个月的经营贷一万五千块 到现在还没扣款成功"),
            (C, "唉 今年开春以来订单少了很多 车子一半都闲着 这个月确实有点困难"),
            (A, "那您看这期怎么安排"),
            (C, "我下周二之前先转8000块过去"),
            (C, "剩下的七千等月底回款了再补上"),
            (A, "好的 那我登记一下 感谢配合 再见"),
        ],
        {
            "contact_result": "connected",
            "identity_verified": True,
            "repayment_intent": "partial",
            "promise_amount": 8000,
            "promise_date": date(2026, 3, 17),
            # project_status not pinned: a business running with fewer orders is labelled
            # on_track and delayed about equally (17 / 16 labelled business loans)
            "risk_level": "medium",
        },
        {"business_distress", "repayment_difficulty"},
    ),
    (
        "clean mortgage call, punctuation missing, will pay on the 10th",
        "housing_loan",
        date(2026, 6, 3),
        [
            (A, "您好这里是农业银行个贷中心本次通话将被录音请问是许静女士吗"),
            (C, "是的是的"),
            (A, "许女士您好您房贷下一期10号扣款三千九百元您这边工作收入都还稳定吧"),
            (C, "都挺稳定的没什么变化到时候卡里会存够的放心"),
            (A, "房子现在是您自己在住吗"),
            (C, "对我们一家人住"),
            (A, "好的那不打扰您了再见"),
        ],
        {
            "contact_result": "connected",
            "identity_verified": True,
            "repayment_intent": "will_repay",
            "income_change": "stable",
            "risk_level": "low",
        },
        set(),
    ),
    (
        "husband answers; wife hospitalised after an accident; no disclosure by the agent",
        "consumer_loan",
        date(2026, 8, 20),
        [
            (A, "您好 请问是刘晓梅女士吗"),
            (T, "她不在 我是她老公 她前几天出了车祸 现在还在医院"),
            (A, "啊 那请您转告她 方便的时候回个电话 是关于她本人的一项业务"),
            (T, "行 我跟她说"),
        ],
        {
            "contact_result": "third_party",
            "identity_verified": False,
            "repayment_intent": "unknown",
            "risk_level": "high",
        },
        {"hardship"},
    ),
    (
        "card instalment spent on a friend's business; borrower now unemployed; asks to defer",
        "credit_card_installment",
        date(2026, 9, 9),
        [
            (A, "您好，中信银行信用卡中心回访，本次通话将被录音。请问是陈凯先生吗？"),
            (C, "嗯，我是。"),
            (A, "您那笔现金分期两万四，当时用途写的是装修，钱是用在装修上了吗？"),
            (C, "没有，其实是借给一个朋友开店了，他现在也还不上。"),
            (A, "那您自己现在工作怎么样？"),
            (C, "公司六月份倒闭了，我到现在还没找到工作。"),
            (A, "那这期的两千块您怎么打算？"),
            (C, "能不能先缓两个月，等我找到工作再还。"),
        ],
        {
            "repayment_intent": "request_delay",
            "promise_amount": None,
            "income_change": "lost",
            "fund_usage": "diverted",
            "risk_level": "high",
        },
        # the employer gone bust is the borrower's lost job, not a business of theirs (as labelled)
        {"fund_diversion", "income_loss"},
    ),
    (
        "project on schedule, hard negatives everywhere",
        "project_finance",
        date(2026, 4, 15),
        [
            (A, "您好，这里是华夏银行贷后管理中心，本次通话将被录音。请问是马俊马总吗？"),
            (C, "是我，你说。"),
            (A, "马总，咱们物流园项目最近进度怎么样？有没有停工？"),
            (C, "没有停工，也没什么延误，主体结构上个月封顶了，按计划在走。"),
            (A, "贷款资金的使用情况呢？"),
            (C, "都是按合同付的工程款，没有挪用，监理那边都有台账。"),
            (A, "好的，这期本息五十万，没问题吧？"),
            (C, "没问题，25号之前五十万打到还款账户。"),
            (A, "好的马总，感谢配合，再见。"),
        ],
        {
            "repayment_intent": "will_repay",
            "promise_amount": 500000,
            "promise_date": date(2026, 4, 25),
            "project_status": "on_track",
            "fund_usage": "as_agreed",
            "risk_level": "low",
        },
        set(),
    ),
    (
        "borrower disputes the penalty and threatens the regulator; agent stays polite",
        "consumer_loan",
        date(2026, 10, 21),
        [
            (A, "您好，这里是兴业银行贷后回访中心，本次通话将被录音。请问是孙浩先生吗？"),
            (C, "是我，怎么了？"),
            (A, "孙先生，您的消费贷目前逾期欠款是一万零八百。"),
            (C, "一万零八百？我借的明明只有九千，你们这罚息乱收的吧，这个我不认。"),
            (A, "罚息是按合同计算的，您可以到网点调取合同核对。"),
            (C, "行，我会去的，要是对不上我就去银保监会投诉。"),
        ],
        {
            "repayment_intent": "dispute",
            "promise_amount": None,
            "risk_level": "high",
        },
        {"legal_or_complaint"},
    ),
]


@pytest.mark.parametrize(
    ("name", "product", "call_date", "turns", "facts", "flags"),
    [pytest.param(*d, id=d[0]) for d in DIALOGUES],
)
def test_unseen_dialogue(
    name: str,
    product: str,
    call_date: date,
    turns: list[tuple[str, str]],
    facts: dict,
    flags: set[str],
) -> None:
    analysis = analyze([Turn(s, t) for s, t in turns], product=product, call_date=call_date)
    got = {field: getattr(analysis.facts, field, None) for field in facts}
    got["risk_level"] = analysis.risk_level
    assert got == facts
    assert {flag.category for flag in analysis.risk_flags} == flags
