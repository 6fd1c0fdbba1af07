"""Risk flags: one sentence, the category it must raise, or that it must raise none."""

from __future__ import annotations

import pytest

from nlp import Turn, analyze
from tests.nlp.helpers import CALL_DATE, call, categories, said

RAISES = [
    # repayment_difficulty
    ("customer", "这个月实在是还不上了", "repayment_difficulty"),
    ("customer", "最近资金周转不过来", "repayment_difficulty"),
    ("customer", "说实话手头比较紧", "repayment_difficulty"),
    ("customer", "家里真没钱还了", "repayment_difficulty"),
    ("customer", "一时半会拿不出这么多钱", "repayment_difficulty"),
    # income_loss
    ("customer", "我上个月被公司辞退了", "income_loss"),
    ("customer", "今年工资降了一半", "income_loss"),
    ("customer", "厂里两个月没发工资了", "income_loss"),
    ("customer", "现在一分收入都没有", "income_loss"),
    ("third_party", "他年初就被裁员了，一直在找工作", "income_loss"),
    # business_distress
    ("customer", "工厂停产快一个月了", "business_distress"),
    ("customer", "今年订单少了一半", "business_distress"),
    ("customer", "甲方一直拖欠工程款", "business_distress"),
    ("customer", "资金链断了，工地都停了", "business_distress"),
    ("customer", "饭店上个月已经关门了", "business_distress"),
    # fund_diversion
    ("customer", "那笔钱我拿去炒股了", "fund_diversion"),
    ("customer", "有十万借给我表哥了", "fund_diversion"),
    ("customer", "一部分用来还信用卡了", "fund_diversion"),
    ("customer", "当时买了点理财", "fund_diversion"),
    ("customer", "钱在网上赌博输光了", "fund_diversion"),
    # legal_or_complaint
    ("customer", "你们再这样我就去银保监投诉", "legal_or_complaint"),
    ("customer", "我已经请律师了", "legal_or_complaint"),
    ("customer", "有本事你们去法院告我", "legal_or_complaint"),
    ("customer", "我要打12378", "legal_or_complaint"),
    # hardship
    ("customer", "我妈脑梗住院了", "hardship"),
    ("customer", "孩子查出来白血病", "hardship"),
    ("customer", "我们去年离婚了", "hardship"),
    ("customer", "我老公上个月走了", "hardship"),
    ("customer", "我真的不想活了", "hardship"),
    # contact_loss
    ("customer", "我下个月就换号了", "contact_loss"),
    ("customer", "这个号码月底就注销了", "contact_loss"),
    ("customer", "我年后准备出国", "contact_loss"),
    ("third_party", "他早就搬走了，联系不上", "contact_loss"),
    # fraud_identity
    ("customer", "这笔贷款不是我申请的", "fraud_identity"),
    ("customer", "我的身份证被人冒用了", "fraud_identity"),
    ("customer", "是有人拿我的身份证办的", "fraud_identity"),
    # collateral_risk
    ("customer", "抵押的那套房子已经卖掉了", "collateral_risk"),
    ("customer", "厂房被法院查封了", "collateral_risk"),
    ("customer", "设备被债主拉走了", "collateral_risk"),
    # multi_debt
    ("customer", "我在好几个平台都借了钱", "multi_debt"),
    ("customer", "都是拿信用卡套现还的", "multi_debt"),
    ("customer", "现在基本是以贷养贷", "multi_debt"),
    # agent_misconduct (only the agent)
    ("agent", "不还钱就让你坐牢", "agent_misconduct"),
    ("agent", "我们会打电话告诉你单位领导", "agent_misconduct"),
    ("agent", "你这种人就是老赖", "agent_misconduct"),
    ("agent", "明天就上门找你家人", "agent_misconduct"),
]

SILENT = [
    # negation
    ("customer", "我没有失业，还在原来的单位"),
    ("customer", "生意还行，没停工"),
    ("customer", "放心，我不会不还的"),
    ("customer", "我没换号，一直用这个"),
    ("customer", "我没在别的平台借过钱"),
    ("customer", "钱都用在厂里了，一分没挪用"),
    ("customer", "房子没被查封，好好的"),
    ("customer", "订单没少，反而多了"),
    ("customer", "工作没丢，也没降薪"),
    # hypotheticals
    ("customer", "要是再停工就完了，现在还好"),
    ("customer", "万一被裁员的话就麻烦了"),
    ("customer", "如果资金链断了可就惨了"),
    # the agent's questions and reminders are not the borrower's risk
    ("agent", "您最近有没有失业？"),
    ("agent", "贷款资金是不能拿去炒股的"),
    ("agent", "有没有在别的平台借钱？"),
    # agent_misconduct comes only from the agent
    ("customer", "你这种人我见多了"),
    # ordinary talk
    ("customer", "挺好的，今年收入还涨了不少"),
    ("customer", "我在市医院当护士，工作挺稳定"),
    ("customer", "装修完就搬进去了"),
]


@pytest.mark.parametrize(("speaker", "text", "category"), RAISES)
def test_sentence_raises_category(speaker: str, text: str, category: str) -> None:
    assert category in categories(said(speaker, text))


@pytest.mark.parametrize(("speaker", "text"), SILENT)
def test_sentence_raises_no_flag(speaker: str, text: str) -> None:
    assert categories(said(speaker, text)) == set()


def test_flag_carries_exact_words_speaker_segment_and_times() -> None:
    from datetime import date

    from nlp import Turn, analyze

    turns = [
        Turn("agent", "请问是张伟先生吗？", 0.0, 2.0),
        Turn("customer", "是我。", 2.1, 3.0),
        Turn("customer", "唉，工厂停产了，快两个月了。", 3.2, 6.5),
    ]
    flags = analyze(turns, product="business_loan", call_date=date(2026, 11, 20)).risk_flags
    assert [(f.category, f.speaker, f.segment, f.start, f.end) for f in flags] == [
        ("business_distress", "customer", 2, 3.2, 6.5)
    ]
    assert flags[0].phrase in turns[2].text
    assert 2 <= len(flags[0].phrase) <= 12


def test_disclosing_the_debt_to_a_third_party_is_misconduct() -> None:
    turns = [
        Turn("agent", "喂，是王强吗？"),
        Turn("customer", "不是，我是他老婆。"),
        Turn("agent", "你老公的贷款已经逾期三个月了。"),
    ]
    analysis = analyze(turns, product="business_loan", call_date=CALL_DATE)
    misconduct = [f for f in analysis.risk_flags if f.category == "agent_misconduct"]
    assert misconduct
    assert misconduct[0].speaker == "agent"
    assert "逾期" in misconduct[0].phrase


def test_same_debt_words_to_the_borrower_are_not_misconduct() -> None:
    analysis = call(("agent", "您的贷款已经逾期三个月了，想了解一下情况。"))
    assert "agent_misconduct" not in categories(analysis)


def test_conditional_threats_still_count() -> None:
    assert "legal_or_complaint" in categories(said("customer", "再打电话我就投诉你们"))


def test_script_prohibited_phrase_is_misconduct() -> None:
    assert "agent_misconduct" in categories(said("agent", "你要是不还，我们就爆你通讯录"))
