"""General rules found on calls the analyzer had not seen, each with sentences of our own: a
project going on but slowly, a part completed while work goes on, a reply that opens with
"stopped", dialect income words, a lay-off that spared the borrower, and more."""

from __future__ import annotations

from datetime import date

import pytest

from nlp import Turn, analyze
from tests.nlp.helpers import call, categories

A, C = "agent", "customer"

# (agent question, borrower reply, product, expected project_status)
PROJECT = [
    # going on, but slowly or pushed back
    ("工程现在什么情况？", "工程还在干，就是慢了点，钱没到位", "project_finance", "delayed"),
    ("项目进度怎么样？", "在建，不过有点慢", "project_finance", "delayed"),
    ("厂里生产正常吗？", "生产是生产，就是交货期往后拖了半个月", "business_loan", "delayed"),
    ("施工进度呢？", "今年雨水多，进度放慢了", "project_finance", "delayed"),
    # a part completed while work goes on is not completed
    (
        "项目进展如何？",
        "一号楼主体已经完工了，现在在做外墙和绿化",
        "project_finance",
        "on_track",
    ),
    ("项目进展如何？", "一期交付了，二期在建，挺顺利", "project_finance", "on_track"),
    ("项目进展如何？", "上个月全部竣工验收了，现在试运行", "project_finance", "completed"),
    # the reply opens with stopped
    ("养殖场现在怎么样？", "停着呢，猪价太低了", "business_loan", "suspended"),
    ("项目还在推进吗？", "早停了，没钱往下干了", "project_finance", "suspended"),
    # the business, said to be fine
    ("您的店最近怎么样？", "店里生意没啥问题，就是人累", "business_loan", "on_track"),
    # the fit-out late by a span, an approval put off again and again, a plan put back or not begun
    ("新店开起来了吗？", "没有，新店装修拖了三个月了，还没开张", "business_loan", "delayed"),
    ("项目手续办得怎么样？", "规划审批一拖再拖，我们也没办法", "project_finance", "delayed"),
    ("厂里还好吧？", "老车间照常，原本打算下半年上的新线也往后推了", "business_loan", "delayed"),
    ("项目进度呢？", "一期在运营，三期本来六月开工，现在还没动", "project_finance", "delayed"),
]


@pytest.mark.parametrize(("question", "reply", "product", "status"), PROJECT)
def test_project_status(question: str, reply: str, product: str, status: str) -> None:
    assert call((A, question), (C, reply), product=product).facts.project_status == status


def test_stopped_reply_is_business_distress() -> None:
    assert "business_distress" in categories(
        call((A, "项目现在进展如何？"), (C, "停着呢，没钱往下干了"), product="project_finance")
    )


# (agent question, borrower reply, product, expected income_change)
INCOME = [
    # dialect: 没得 is 没有
    ("那您现在收入呢？", "屋头啥子收入都没得了", "business_loan", "lost"),
    # the company laid others off, not the borrower
    ("工作有变化吗？", "公司裁了一批人，不过我没被裁，工资也没降", "housing_loan", "stable"),
    ("工作有变化吗？", "我上个月被裁了", "housing_loan", "lost"),
    # job kept, pay as usual
    ("工作方面受影响了吗？", "工作没丢，公司照顾，工资照发", "housing_loan", "stable"),
    ("是收入出问题了吗？", "收入倒还有，就是借的太多了", "consumer_loan", "stable"),
    # a business owner's business is the income
    ("最近生意怎么样？", "店里生意还可以，跟去年差不多", "business_loan", "stable"),
    ("最近业务怎么样？", "比去年还多接了三个大客户", "business_loan", "increased"),
    ("您店里怎么样？", "店里生意没问题", "business_loan", "stable"),
    # 少多了 is less by far, not more; more than last month, or doubled, is up
    ("收入有变化吗？", "收入比以前少多了", "consumer_loan", "decreased"),
    ("收入怎么样？", "还行，这个月比上个月多挣了两千", "consumer_loan", "increased"),
    ("今年收成怎么样？", "苹果价钱比去年翻了一倍", "business_loan", "increased"),
    ("收入怎么样？", "冬天这俩月挣得比平时仨月都多", "consumer_loan", "increased"),
    ("收入怎么样？", "现在挣得比以前少多了", "consumer_loan", "decreased"),
    ("家里收入怎么样？", "种着地，跟往年一样", "consumer_loan", "stable"),
    ("最近生意怎么样？", "厂里生意好着呢", "business_loan", "stable"),
    ("今年鱼卖得怎么样？", "价钱稳，没发病", "business_loan", "stable"),
    # what sells is the business's income
    ("最近生意怎么样？", "销量还行，没下滑", "business_loan", "stable"),
]


@pytest.mark.parametrize(("question", "reply", "product", "income"), INCOME)
def test_income_change(question: str, reply: str, product: str, income: str) -> None:
    assert call((A, question), (C, reply), product=product).facts.income_change == income


def test_others_dismissed_while_i_stay_is_no_income_drop() -> None:
    reply = "厂里上个月辞退了好几个工人，我还在"
    facts = call((A, "工作有变化吗？"), (C, reply), product="housing_loan").facts
    assert facts.income_change not in ("lost", "decreased")


def test_others_laid_off_is_no_income_loss() -> None:
    analysis = call(
        (A, "工作稳定吗？"), (C, "我们公司裁了一批人，我们组还在"), product="housing_loan"
    )
    assert "income_loss" not in categories(analysis)


@pytest.mark.parametrize(
    "reply",
    ["公司在裁员，不过我是技术骨干，裁不到我。", "厂里前阵子裁了一批，最后也没裁到我们车间。"],
)
def test_layoffs_that_passed_the_borrower_by_are_no_income_loss(reply: str) -> None:
    analysis = call((A, "收入有变化吗？"), (C, reply), product="housing_loan")
    assert "income_loss" not in categories(analysis)
    assert analysis.facts.income_change != "lost"


def test_a_trouble_thrown_back_or_feared_is_no_flag() -> None:
    thrown_back = call(
        (A, "这期没问题吧？"), (C, "谁说我还不上了？肯定还。"), product="consumer_loan"
    )
    feared = call(
        (A, "收入有变化吗？"), (C, "我怕哪天被裁员，所以一直存着钱。"), product="housing_loan"
    )
    assert (categories(thrown_back), thrown_back.facts.repayment_intent) == (set(), "will_repay")
    assert categories(feared) == set()


def test_a_cut_offset_by_a_rise_the_whole_the_same_is_stable() -> None:
    analysis = call(
        (A, "收入有变化吗？"),
        (C, "工资是降了一点，但奖金多了，总的差不多。"),
        product="housing_loan",
    )
    assert (analysis.facts.income_change, categories(analysis)) == ("stable", set())


# (agent question, borrower reply, expected promise amount)
PROMISE_AMOUNTS = [
    # 月底 / 年底 after an amount is a date, not a count of months
    ("这期二十万的本息呢？", "二十万月底前肯定还，你放心", 200000),
    ("这期怎么安排？", "五万年底前一定还上", 50000),
    # the 一 of 一次性 is no digit
    ("这期怎么安排？", "下个月底之前把四十万一次性还上", 400000),
    # money set aside already is still a promise
    ("7月15号有一期本息85000元。", "7月15号85000元，没问题，账户里已经留好了", 85000),
    # money spent or lent is no payment
    ("这期两万一怎么安排？", "有十五万我借给亲戚周转了，过阵子还回来我马上还上", None),
    ("这期一千八怎么办？", "那四万块我拿去赌球了，实在凑不出来", None),
]


@pytest.mark.parametrize(("question", "reply", "amount"), PROMISE_AMOUNTS)
def test_promise_amount(question: str, reply: str, amount: int | None) -> None:
    assert call((A, question), (C, reply)).facts.promise_amount == amount


def test_a_transfer_the_day_before_yesterday_is_already_repaid() -> None:
    facts = call(
        (A, "十月这期两千三百元还没看到入账。"),
        (C, "我还了呀，前天晚上在手机银行上转的，可能是周末没到账吧。"),
        product="consumer_loan",
    ).facts
    assert (facts.repayment_intent, facts.promise_date) == ("already_repaid", None)


# (agent question, borrower reply, product, expected repayment_intent)
STANCES = [
    # debts the loan paid, told in reply to where the money went, are no payment of this loan
    ("这笔钱用在哪了？", "还了之前欠供应商的货款。", "business_loan", "unknown"),
    # the project's schedule put off is no request to put off the payment
    (
        "这期五万怎么安排？",
        "交货期往后拖了，我先还两万，剩下的等月底回款再说",
        "business_loan",
        "partial",
    ),
    (
        "这期八十万怎么安排？",
        "二期开业要推到明年春天，不过这期10月底前八十万肯定还上",
        "project_finance",
        "will_repay",
    ),
    # asking to put off, in other words
    ("月供能正常还吗？", "我想先停几个月，跟你们申请个延期", "housing_loan", "request_delay"),
    ("这期怎么安排？", "能不能申请延一下，下个月底一次性还上", "project_finance", "request_delay"),
    # committing to less than is due, even roughly
    ("您这期应还四千六，怎么安排？", "这个月能还个两三千吧", "consumer_loan", "partial"),
    ("您这期应还四千六，怎么安排？", "四千六下周五之前肯定还", "consumer_loan", "will_repay"),
    # re-splitting the rest, or putting the payment off by a span, is a delay
    (
        "这期三千二怎么安排？",
        "能不能把剩下的再分个12期，每月少还点",
        "consumer_loan",
        "request_delay",
    ),
    ("这期五千怎么安排？", "我这笔能不能延期两个月？", "consumer_loan", "request_delay"),
    ("本金什么时候能还？", "想把还款时间往后调三个月", "project_finance", "request_delay"),
    # how one always pays is no payment made; a date it is paid by is ahead
    ("这期月供没问题吧？", "我每个月都是发工资当天就还的", "housing_loan", "will_repay"),
    ("这期利息怎么安排？", "放心，月底之前两万我转过去", "business_loan", "will_repay"),
    ("这期两千二能按时还吗？", "钱是花了，但每月两千二我照样还", "consumer_loan", "will_repay"),
    # the flat handed over is no payment
    ("房子现在是自己住吗？", "对，上个月已经交房住进去了", "housing_loan", "unknown"),
    # paid before, cannot now
    ("这期怎么安排？", "上个月是我借钱还的，这个月真还不上了", "housing_loan", "unable"),
    # calling back tomorrow is no promise to pay
    (
        "关于您的分期想做个回访。",
        "我在高铁上，你明天下午再打吧",
        "credit_card_installment",
        "unknown",
    ),
]


@pytest.mark.parametrize(("question", "reply", "product", "intent"), STANCES)
def test_repayment_intent(question: str, reply: str, product: str, intent: str) -> None:
    assert call((A, question), (C, reply), product=product).facts.repayment_intent == intent


def test_agent_saying_the_payment_is_in_is_already_repaid() -> None:
    facts = call(
        (A, "您这期月供已经正常扣款了，做个例行回访。最近工作还顺利吧？"),
        (C, "还行，工资还涨了点。"),
        product="housing_loan",
    ).facts
    assert facts.repayment_intent == "already_repaid"


def test_settling_early_if_one_likes_is_a_plan_not_a_payment() -> None:
    facts = call(
        (A, "剩下三期一共九千，提前结清的话手续费会退一部分。"),
        (C, "行，我月底前一次还清。"),
        product="credit_card_installment",
    ).facts
    assert facts.repayment_intent == "will_repay"


def test_agent_asking_whether_it_is_paid_is_not() -> None:
    facts = call((A, "这期月供已经扣款了吗？"), (C, "我看看。"), product="housing_loan").facts
    assert facts.repayment_intent == "unknown"


@pytest.mark.parametrize("reply", ["喂？对，我是，你说", "系我啊，什么事？"])
def test_identity_confirmed(reply: str) -> None:
    turns = [Turn(A, "您好，宁波银行回访，请问是冼志豪先生吗？"), Turn(C, reply)]
    assert analyze(turns, product="business_loan").facts.identity_verified is True


# (speaker, sentence, category it must raise)
FLAGS = [
    ("customer", "甲方还没结款，我们垫了好几百万进去", "business_distress"),
    ("customer", "客户那边还欠我们三十万货款没给", "business_distress"),
    ("customer", "进度款一直卡着下不来", "business_distress"),
    ("customer", "有几家租户的租金拖着没交", "business_distress"),
    ("customer", "我这一倒下，工期往后拖了两个月", "business_distress"),
    ("customer", "去年开始生意一落千丈", "business_distress"),
    ("customer", "这钱我一时半会儿整不出来", "repayment_difficulty"),
    ("customer", "前年借了点民间的钱，现在利滚利", "multi_debt"),
    ("customer", "法院说要拍卖房子", "collateral_risk"),
    ("third_party", "他说要回湖南老家了", "contact_loss"),
    ("customer", "我不还，你们愿意告就去告", "legal_or_complaint"),
    ("third_party", "那份合同上的公章是他私自拿去盖的", "fraud_identity"),
    ("agent", "再拖我们就上门去工地贴通知", "agent_misconduct"),
    ("agent", "再不还我就直接打电话通知你们甲方", "agent_misconduct"),
]


@pytest.mark.parametrize(("speaker", "text", "category"), FLAGS)
def test_flag(speaker: str, text: str, category: str) -> None:
    assert category in categories(call((speaker, text)))


@pytest.mark.parametrize(
    ("product", "category"),
    [("housing_loan", "income_loss"), ("business_loan", "business_distress")],
)
def test_wages_held_back_are_lost_pay_or_the_business_payroll(product: str, category: str) -> None:
    """A personal borrower's wages held back are lost pay; in a business loan the wages are the
    business's payroll (labelled so)."""
    analysis = call(("customer", "公司这个月工资拖了一个礼拜还没发"), product=product)
    assert categories(analysis) == {category}


NOT_FLAGS = [
    ("customer", "甲方没拖款，每个月都按节点结算", "business_distress"),
    ("customer", "我们公司裁了一批人，我没事", "income_loss"),
    ("customer", "号码我用了好多年了", "contact_loss"),
    # the neighbours' layoffs, or the borrower letting staff go, are not the borrower's lost pay
    ("customer", "前段时间隔壁店裁员，我们店没裁员", "income_loss"),
    ("customer", "还开着，就是人少，员工我也裁了两个", "income_loss"),
    # a streamer's tips are income, not money spent tipping
    ("customer", "这个月打赏少了一些，平台结算也晚", "fund_diversion"),
    # a colleague or a neighbour told of after a pause
    ("customer", "我没啥变化。倒是我同事，前阵子被裁员了", "income_loss"),
    ("customer", "我楼下老王，上个月被裁员了，天天在小区里遛弯", "income_loss"),
    # not wanting to is not doing
    ("customer", "我也没去借网贷，不想以贷养贷，越滚越大", "multi_debt"),
    # the loan's money paid into another debt is the diversion, not a further debt
    ("customer", "当时有笔贷款到期，就先拿去还别的银行的贷款了", "multi_debt"),
    # 配套线束 holds the sound of 套现 across two words: it is no card cash-out
    ("customer", "我们给几家车企做配套线束，订单比去年多了两成", "multi_debt"),
]


def test_a_business_loans_lost_takings_told_with_its_trouble_are_the_business_s() -> None:
    """In a business or project loan, a turn that says the business stopped speaks of the
    business's takings: business_distress, not the borrower's lost pay."""
    reply = ("customer", "厂子停产两个月了，工人都放假了，现在一分钱进账都没有")
    assert categories(call(reply, product="business_loan")) == {"business_distress"}
    assert "income_loss" in categories(call(reply, product="consumer_loan"))


@pytest.mark.parametrize(("speaker", "text", "category"), NOT_FLAGS)
def test_no_flag(speaker: str, text: str, category: str) -> None:
    assert category not in categories(call((speaker, text)))


def _first_replies(*replies: str) -> str:
    turns = [Turn(A, "您好，宁波银行回访，本次通话将被录音，请问是蒋振邦先生吗？")]
    for reply in replies:
        turns += [Turn(C, reply), Turn(A, "好的，那我再跟您确认一下。")]
    return analyze(turns, product="business_loan").facts.contact_result


CONTACTS = [
    (("啊？谁？你找错人了吧。", "不是，我不认识什么蒋振邦。"), "wrong_number"),
    (("蒋总不在，我是公司财务，姓毛。",), "third_party"),
    (("我是他们公司的会计，他出差了。",), "third_party"),
    # refused: refusing more than once and having the last word
    (("是又怎么样？", "别再打这个电话了。", "我没空跟你扯，挂了。"), "refused"),
    # talking, though rudely, about a number given up is no refusal
    (("是我，又干嘛？", "没钱，不还，手机号也不用了。", "你打呗。"), "connected"),
    # a neighbour or a child answers and hands the phone over: the borrower is on the line
    (
        ("我是他邻居，他在猪场那边，你等会儿啊……振邦！你电话！", "喂，我是蒋振邦，谁啊？"),
        "connected",
    ),
    # the phone left behind, the one asked for busy, a stranger with a new number
    (("啊？不是，这是蒋总的手机，他刚才把手机落我店里了。",), "third_party"),
    (("蒋总现在不方便接电话，我是项目经理，姓韦。",), "third_party"),
    (("不是啊，你找谁？", "不是，我这是刚从营业厅办的新号。"), "wrong_number"),
    # too busy, twice, then hanging up
    (
        ("是我，什么事？", "我在开会，没时间。", "不要再打这个电话了。", "说了没时间。（挂断）"),
        "refused",
    ),
]


@pytest.mark.parametrize(("replies", "contact"), CONTACTS)
def test_contact_result(replies: tuple[str, ...], contact: str) -> None:
    assert _first_replies(*replies) == contact


def test_a_refusal_still_gives_the_borrowers_stance() -> None:
    turns = [
        Turn(A, "您好，交通银行回访，请问是芮国栋先生吗？"),
        Turn(C, "你们又打来干啥？"),
        Turn(A, "先跟您核实一下身份，麻烦报一下身份证后四位。"),
        Turn(C, "我不报！这钱不是我借的，合同上的签名是假的。"),
        Turn(A, "如果有异议我们可以走核查流程……"),
        Turn(C, "不跟你们说，挂了！"),
    ]
    facts = analyze(turns, product="consumer_loan").facts
    assert (facts.contact_result, facts.repayment_intent) == ("refused", "dispute")


USAGE = [
    ("这笔钱当时是装修用的吧？", "对，厨房卫生间重新弄了一下", "consumer_loan", "as_agreed"),
    ("贷款资金当时是进货用的吧？", "对，进的瓷砖和卫浴", "business_loan", "as_agreed"),
    ("那车子是您自己在开吧？", "对，上下班开", "consumer_loan", "as_agreed"),
    ("这笔钱当时是装修用的吧？", "说实话，一半拿去还网贷了", "consumer_loan", "diverted"),
    # helped a friend over a cash gap with it
    ("钱是用来干什么的？", "帮朋友周转了一下，他下个月还我", "business_loan", "diverted"),
]


@pytest.mark.parametrize(("question", "reply", "product", "usage"), USAGE)
def test_fund_usage(question: str, reply: str, product: str, usage: str) -> None:
    assert call((A, question), (C, reply), product=product).facts.fund_usage == usage


# (agent, borrower, agent, borrower…, expected promise amount and date)
DIALOGUE_PROMISES = [
    # a day given when asked when the sum goes in
    (
        ("这期一万二怎么安排？", "先还六千吧。", "六千什么时候？", "下周三。"),
        6000,
        date(2026, 11, 25),
    ),
    # the day for the rest, asked about or put off in the same reply, keeps the first part's
    (
        (
            "这期四万怎么安排？",
            "手头紧，先还两万，下周五。",
            "那剩下的两万呢？",
            "下个月底前补上。",
        ),
        20000,
        date(2026, 11, 27),
    ),
    (
        ("这期一万二怎么安排？", "明天我先转八千，剩下四千，等月底货款回来就补上。"),
        8000,
        date(2026, 11, 21),
    ),
    # a sum said wrong and put right in the next reply
    (
        (
            "这期三千二，怎么安排？",
            "月底先还五千吧。",
            "五千？这期才三千二。",
            "哦对对，说错了，三千二，月底前。",
        ),
        3200,
        date(2026, 11, 30),
    ),
    # a larger sum settled on when asked for more
    (
        (
            "这期三千二，怎么安排？",
            "我想想，先还两千，下周五。",
            "能不能多还点？",
            "那就三千吧，下周五三千。",
        ),
        3000,
        date(2026, 11, 27),
    ),
]


@pytest.mark.parametrize(("turns", "amount", "day"), DIALOGUE_PROMISES)
def test_promise_over_several_turns(turns: tuple[str, ...], amount: int, day: date) -> None:
    facts = call(*((A if i % 2 == 0 else C, text) for i, text in enumerate(turns))).facts
    assert (facts.promise_amount, facts.promise_date) == (amount, day)


@pytest.mark.parametrize("reply", ["对，没错。", "是的。", "嗯，对的"])
def test_yes_to_the_agents_summary_takes_its_sum_and_day(reply: str) -> None:
    facts = call((A, "我跟您确认一下，您是下周三之前还八千，对吗？"), (C, reply)).facts
    assert (facts.promise_amount, facts.promise_date) == (8000, date(2026, 11, 25))


def test_yes_to_the_id_digits_is_no_promise() -> None:
    facts = call((A, "核实一下，您身份证尾号是不是0417？"), (C, "是的。")).facts
    assert facts.promise_amount is None


@pytest.mark.parametrize(
    "reply", ["以前有过网贷，早就还清了，现在就你们一家。", "别的平台借的早就还清了。"]
)
def test_other_debts_paid_off_are_not_this_payment(reply: str) -> None:
    facts = call((A, "您在其他银行或者平台还有贷款吗？"), (C, reply), product="consumer_loan").facts
    assert facts.repayment_intent == "unknown"


def test_pay_lower_than_before_by_a_little_is_decreased() -> None:
    facts = call(
        (A, "工作怎么样？"), (C, "换了个工作，工资比以前低一点。"), product="consumer_loan"
    )
    assert facts.facts.income_change == "decreased"


def test_a_hospital_stay_a_while_ago_that_is_over_is_no_hardship() -> None:
    analysis = call(
        (A, "家里最近还好吗？"),
        (C, "前段时间我爸住院，现在出院了，都好了。"),
        product="housing_loan",
    )
    assert "hardship" not in categories(analysis)


def test_wages_settled_to_the_borrower_are_no_repayment() -> None:
    facts = call(
        (A, "这期一千五没问题吧？"),
        (C, "一千五我下周一还上。"),
        (A, "最近工作怎么样？"),
        (C, "这边的活干完了，工资都结清了，过段时间去外地。"),
        product="credit_card_installment",
    ).facts
    assert (facts.repayment_intent, facts.promise_amount) == ("will_repay", 1500)


def test_the_committed_date_outranks_a_date_said_in_passing() -> None:
    facts = call(
        (A, "那这一万五您什么时候能还上？"),
        (C, "下周一之前一万五肯定打进去，装修队答应周末给我结。"),
    ).facts
    assert facts.promise_date == date(2026, 11, 23)
