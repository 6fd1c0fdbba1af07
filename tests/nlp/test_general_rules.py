"""The general rules behind unseen wording: colloquial variants per risk category, words inserted
between subject and predicate, negation and if-clause scope, troubles said to be over, and facts
read from the agent's question and the borrower's bare yes or no."""

from __future__ import annotations

from datetime import date

import pytest

from tests.nlp.helpers import call, categories, said

VARIANTS = [
    # repayment_difficulty: dialect and idiom
    ("customer", "我现在是真的没得钱", "repayment_difficulty"),
    ("customer", "这个月钱凑不太齐", "repayment_difficulty"),
    ("customer", "家里快揭不开锅了", "repayment_difficulty"),
    ("customer", "我拿什么还啊", "repayment_difficulty"),
    ("customer", "一分钱都挤不出来", "repayment_difficulty"),
    # income_loss: euphemisms and words in between
    ("customer", "我被单位优化掉了", "income_loss"),
    ("customer", "工作也丢了", "income_loss"),
    ("customer", "公司三个月工资都没发", "income_loss"),
    ("customer", "现在没啥进项了", "income_loss"),
    ("customer", "奖金今年全砍了", "income_loss"),
    # business_distress: subject … predicate with words between
    ("customer", "我那个小加工厂去年就黄了", "business_distress"),
    ("customer", "厂子从春节到现在一直停着", "business_distress"),
    ("customer", "饭馆上个月底关门了", "business_distress"),
    ("customer", "货都压在仓库里卖不动", "business_distress"),
    ("customer", "甲方拖了我们半年的款", "business_distress"),
    ("customer", "环保验收一直拖着", "business_distress"),
    ("customer", "比原计划晚了三个多月", "business_distress"),
    # fund_diversion
    ("customer", "钱都投到币圈去了", "fund_diversion"),
    ("customer", "晚上没事就给主播打赏，一个月刷了好几千", "fund_diversion"),
    ("customer", "拿去还了之前的民间借贷", "fund_diversion"),
    # legal_or_complaint
    ("customer", "供应商已经把我们告了", "legal_or_complaint"),
    ("customer", "我明天就去派出所报案", "legal_or_complaint"),
    # hardship
    ("customer", "我爸还在ICU躺着", "hardship"),
    ("customer", "上个月做了个大手术", "hardship"),
    # contact_loss
    ("third_party", "他电话早就换了新号", "contact_loss"),
    ("third_party", "他去外地打工了，手机一直关机", "contact_loss"),
    ("third_party", "他在外面躲债呢", "contact_loss"),
    # fraud_identity
    ("customer", "是我哥拿着我的身份证去办的", "fraud_identity"),
    # collateral_risk
    ("customer", "抵押的那辆车上个月卖掉了", "collateral_risk"),
    # multi_debt
    ("customer", "借呗花呗也都逾期了", "multi_debt"),
    ("customer", "还有三个网贷没还", "multi_debt"),
    ("customer", "之前跟小贷公司借了十万", "multi_debt"),
    # agent_misconduct
    ("agent", "你这人脸皮可真够厚的", "agent_misconduct"),
    ("agent", "再不还我们就通知到你们村委会", "agent_misconduct"),
    ("agent", "我们去你们小区贴公告", "agent_misconduct"),
]

MUST_NOT_FLAG = [
    # negation in front of the predicate, with words between
    ("customer", "厂子这半年一台机器都没停过"),
    ("customer", "店里每天都开着，没关门"),
    ("customer", "我们工地春节也不会停工"),
    ("customer", "我还在医院药房上班"),
    # if-clauses: the if-word earlier in the clause, or 的话 closing it
    ("customer", "要是碰到业主一直拖款那就麻烦了"),
    ("customer", "万一哪天厂里停产了的话再说"),
    # troubles said to be over
    ("customer", "以前炒过股，现在早就不炒了"),
    ("customer", "之前工资降过一阵，现在恢复正常了"),
    # holidays and sightseeing are not moving away
    ("customer", "上个月去欧洲玩了半个月"),
    # another company's boss absconding is not the borrower going missing
    ("customer", "总包那边的老板跑路了"),
]


@pytest.mark.parametrize(("speaker", "text", "category"), VARIANTS)
def test_variant_raises_category(speaker: str, text: str, category: str) -> None:
    assert category in categories(said(speaker, text))


@pytest.mark.parametrize(("speaker", "text"), MUST_NOT_FLAG[:-1])
def test_scoped_mention_raises_no_flag(speaker: str, text: str) -> None:
    assert categories(said(speaker, text)) == set()


def test_another_companys_boss_absconding_is_business_trouble_only() -> None:
    speaker, text = MUST_NOT_FLAG[-1]
    assert categories(said(speaker, text)) == {"business_distress"}


def test_negation_stops_at_the_consequence() -> None:
    assert "agent_misconduct" in categories(said("agent", "不还钱就让你坐牢"))


# (agent question, borrower reply, product, field, expected value)
ANSWERS = [
    ("店里现在还正常开着吧？", "开着开着，天天都开", "business_loan", "project_status", "on_track"),
    ("春节会不会停工？", "没有，留了人值班", "project_finance", "project_status", "on_track"),
    ("养殖场还正常养着吧？", "养着嘞", "business_loan", "project_status", "on_track"),
    ("您工作这块最近有没有变动？", "没有，还是老样子", "housing_loan", "income_change", "stable"),
    ("最近工作收入还稳定吧？", "嗯，稳定", "consumer_loan", "income_change", "stable"),
    (
        "您工作收入方面有变化吗？",
        "那倒没有，还在物流园开叉车",
        "housing_loan",
        "income_change",
        "stable",
    ),
    ("最近接单情况怎么样？", "还可以，活挺多", "business_loan", "income_change", "stable"),
    ("房子现在是您自己在住吧？", "对，一家人住着", "housing_loan", "fund_usage", "as_agreed"),
    (
        "贷款是用来买设备的，这个没变吧？",
        "没变，都在车间里",
        "business_loan",
        "fund_usage",
        "as_agreed",
    ),
    ("这笔贷款当时用来做什么的？", "什么贷款？我没办过", "consumer_loan", "fund_usage", "unknown"),
    (
        "您这期已经扣款成功了，跟您确认一下。",
        "对，发工资那天就扣了",
        "housing_loan",
        "repayment_intent",
        "already_repaid",
    ),
    (
        "这期的钱还了吗？",
        "还了，上礼拜就转过去了",
        "consumer_loan",
        "repayment_intent",
        "already_repaid",
    ),
    # the agent saw an early settlement; the borrower owns it
    (
        "我们看到您前几天把剩下的分期提前结清了，是您本人操作的吗？",
        "对，是我自己在网银上还的",
        "credit_card_installment",
        "repayment_intent",
        "already_repaid",
    ),
    (
        "您这个月的利息哪天能到账？",
        "我上个礼拜就转进去了",
        "business_loan",
        "repayment_intent",
        "already_repaid",
    ),
    # a short yes to the debit the agent named
    ("下周二扣三千二，卡里够吧？", "够的，放心", "consumer_loan", "repayment_intent", "will_repay"),
    (
        "这季度的付息没有问题吧？",
        "没问题，按合同日期付",
        "project_finance",
        "repayment_intent",
        "will_repay",
    ),
    # the agent says it is in; how the borrower pays is no new promise
    (
        "您这个月的月供两千一百八系统显示已经扣款了，做个例行回访。",
        "好的，我都是工资到了第二天就存进去。",
        "housing_loan",
        "repayment_intent",
        "already_repaid",
    ),
    # paid before leaving is still to pay; a stroll to the site, or staff taken on, pays nothing
    (
        "那您这期的还款怎么安排？",
        "放心，走之前我把这期先还了，下周三之前打到账上",
        "business_loan",
        "repayment_intent",
        "will_repay",
    ),
    (
        "那您这期的还款没问题吧？",
        "没问题。我上礼拜还去店里转了转，生意好着呢",
        "business_loan",
        "repayment_intent",
        "will_repay",
    ),
    (
        "店开起来了吗？这期利息能按时还吧？",
        "开起来了，还请了两个师傅。能，按时还",
        "business_loan",
        "repayment_intent",
        "will_repay",
    ),
    # the agent asking for early repayment is no repayment made
    (
        "这种情况可能要求您提前还款。",
        "提前还……那我得想想办法",
        "consumer_loan",
        "repayment_intent",
        "unknown",
    ),
    # a figure of pay fallen; still earning much the same
    ("最近收入怎么样？", "流水掉了一大半", "business_loan", "income_change", "decreased"),
    ("最近收入怎么样？", "还是那样，不多不少", "housing_loan", "income_change", "stable"),
    # stopped, or a completed part while the rest is still going
    (
        "项目现在什么情况？",
        "基本停了，就剩两个人看着",
        "project_finance",
        "project_status",
        "suspended",
    ),
    ("猪场还养着吗？", "不养了，猪圈空着呢", "business_loan", "project_status", "suspended"),
    ("二期进展怎么样？", "主体完工了，设备还在调", "project_finance", "project_status", "on_track"),
    # pushed back: a later month, a part behind, money a bit short (no near miss)
    (
        "工程进度怎么样？",
        "钢材涨价，估计要拖到年底",
        "project_finance",
        "project_status",
        "delayed",
    ),
    ("猪舍建得怎么样？", "我住院那阵子进度落下了", "business_loan", "project_status", "delayed"),
    (
        "新车间什么时候投产？",
        "设备款还差一点，原计划六月投产，现在要推到九月",
        "project_finance",
        "project_status",
        "delayed",
    ),
    # down by a share, base pay only; the same pay as ever; volume up
    (
        "收入跟去年比怎么样？",
        "差了不少，少了得有两成",
        "housing_loan",
        "income_change",
        "decreased",
    ),
    ("工作收入怎么样？", "人还在，就剩两千多的底薪", "consumer_loan", "income_change", "decreased"),
    ("收入有变化吗？", "工资还是六千，不多不少", "consumer_loan", "income_change", "stable"),
    ("生意咋样？收入比去年呢？", "还中，没少", "business_loan", "income_change", "stable"),
    ("今年经营怎么样？", "集采以后单量反而上来了", "business_loan", "income_change", "increased"),
    # the business asked after and said steady (经营还顺利吗？跟去年差不多)
    ("店里经营还顺利吧？", "跟去年差不多，不好不坏", "business_loan", "income_change", "stable"),
    # the thing bought is there, the flat lived in, the money paid to the supplier
    (
        "这笔是买货车的，车已经提了吧？",
        "提了，天天在跑",
        "business_loan",
        "fund_usage",
        "as_agreed",
    ),
    ("那套房子现在是谁在住？", "我爸妈住着，离医院近", "housing_loan", "fund_usage", "as_agreed"),
    (
        "分期买的是什么东西呢？",
        "一台笔记本，工作用",
        "credit_card_installment",
        "fund_usage",
        "as_agreed",
    ),
    (
        "贷款资金后面还有剩的吗？",
        "没剩，全付给设备厂了",
        "project_finance",
        "fund_usage",
        "as_agreed",
    ),
    ("那笔钱用到哪了？", "说实话，拿去还了别的卡", "consumer_loan", "fund_usage", "diverted"),
]


@pytest.mark.parametrize(("question", "reply", "product", "field", "expected"), ANSWERS)
def test_fact_from_question_and_answer(
    question: str, reply: str, product: str, field: str, expected: str
) -> None:
    facts = call(("agent", question), ("customer", reply), product=product).facts
    assert getattr(facts, field) == expected


INTENTS = [
    ("我先还五千，剩下的推到下个月", "partial", 5000),
    ("剩下的能不能重新分一下，分成十二期", "request_delay", None),
    ("我现在也不敢说哪天能还", "unable", None),
    ("上个月拿奖金一次性还掉了", "already_repaid", None),
    ("再打我就打12378投诉你们", "unknown", None),
    # asking for time, said many ways
    ("这个月能不能先缓缓，手头实在紧", "request_delay", None),
    ("能不能缓俩月，等我出院", "request_delay", None),
    ("我想把剩下的再分个十二期", "request_delay", None),
    ("我想下个月再还，可不可以", "request_delay", None),
    ("能不能把贷款年限延长几年", "request_delay", None),
    # no date to give; won't put in another penny
    ("我给不了你一个准确时间", "unable", None),
    ("我一分钱都不会再掏了", "refuse", None),
    # the rest re-split, a new loan to pay the old asked for
    ("能不能把剩下的再分一下，分个十二期", "request_delay", None),
    ("一次性还有难度，我想申请借新还旧", "request_delay", None),
    # someone else's refusal copied (他不还，我也不还)
    ("钱是我朋友在用，他不还我也不会还", "refuse", None),
    # part paid first
    ("我后天先转两千进去，剩下的月底再说", "partial", 2000),
    # the money is ready
    ("安排好了，周五之前肯定到位", "will_repay", None),
    ("够的，钱早就留出来了", "will_repay", None),
]


@pytest.mark.parametrize(("reply", "intent", "amount"), INTENTS)
def test_repayment_stance(reply: str, intent: str, amount: int | None) -> None:
    facts = call(("agent", "这期的款您看怎么安排？"), ("customer", reply)).facts
    assert (facts.repayment_intent, facts.promise_amount) == (intent, amount)


def test_a_rough_sum_sent_home_is_no_promise() -> None:
    # Whether this is a will_repay is the learned model's call; the sum is rough and no promise.
    facts = call(
        ("agent", "这期的款您看怎么安排？"), ("customer", "到那边差不多每个月能寄五千回来吧")
    ).facts
    assert facts.promise_amount is None
    assert facts.repayment_intent not in ("partial", "unable", "refuse")


def test_a_yes_to_the_stated_due_payment_promises_its_amount_and_date() -> None:
    # call date: Friday 2026-11-20
    facts = call(
        ("agent", "下个月八号的月供三千六百五，您这边能按时还吗？"),
        ("customer", "能，工资卡绑着自动扣的，从来没晚过"),
        product="housing_loan",
    ).facts
    assert facts.repayment_intent == "will_repay"
    assert (facts.promise_amount, facts.promise_date) == (3650, date(2026, 12, 8))


def test_a_promise_taken_back_is_no_promise() -> None:
    facts = call(
        ("agent", "这期两万一什么时候能还？"),
        ("customer", "月底吧，月底我尽量凑两万一"),
        ("agent", "月底能确定吗？"),
        ("customer", "说实话也凑不齐，现在真还不上，我不瞎许愿"),
    ).facts
    assert (facts.repayment_intent, facts.promise_amount) == ("unable", None)


def test_settling_it_all_by_a_date_is_a_promise_not_a_payment_made() -> None:
    facts = call(
        ("agent", "您这笔消费贷还剩一万八，出国以后打算怎么还？"),
        ("customer", "我想走之前一次结清，下周五之前把一万八全还上"),
        product="consumer_loan",
    ).facts
    assert facts.repayment_intent == "will_repay"
    assert (facts.promise_amount, facts.promise_date) == (18000, date(2026, 11, 27))


def test_a_sum_spent_told_in_reply_to_the_usage_question_is_no_promise() -> None:
    # call date: Friday 2026-11-20
    facts = call(
        ("agent", "这笔贷款当时是用在哪了？"),
        ("customer", "六十万都付给设备厂家了，有合同的"),
        ("agent", "好的，这期利息四千二能按时付吗？"),
        ("customer", "能，月底前肯定付"),
        product="business_loan",
    ).facts
    assert (facts.promise_amount, facts.promise_date) == (4200, date(2026, 11, 30))


def test_a_day_then_just_pay_is_a_promise_not_a_payment_made() -> None:
    facts = call(("customer", "不过分期我都照常还的，这个月一万零八百我25号就还")).facts
    assert facts.repayment_intent == "will_repay"
    assert (facts.promise_amount, facts.promise_date) == (10800, date(2026, 11, 25))


CORRECTIONS = [
    # (reply to 这期四千什么时候能还？ on Friday 2026-11-20, amount, date)
    ("我月底先还三千，不对，是三千五", 3500, date(2026, 11, 30)),
    ("二十五号，哦不，二十八号之前我把四千存进去", 4000, date(2026, 11, 28)),
    ("我下周三还两千，不是，下周五，周三我不在家", 2000, date(2026, 11, 27)),
    ("三千五，我说错了，是四千，月底前还上", 4000, date(2026, 11, 30)),
    # a question after 不对 corrects nothing
    ("那就二十八号还吧……不对，你们是不是二十五号就要扣？", None, date(2026, 11, 28)),
]


@pytest.mark.parametrize(("reply", "amount", "when"), CORRECTIONS)
def test_a_sum_or_day_corrected_mid_reply_is_the_corrected_one(
    reply: str, amount: int | None, when: date
) -> None:
    facts = call(("agent", "这期四千什么时候能还？"), ("customer", reply)).facts
    if amount is not None:
        assert facts.promise_amount == amount
    assert facts.promise_date == when


def test_a_payment_date_already_past_is_not_a_promise() -> None:
    facts = call(
        ("agent", "这个月的月供呢？"), ("customer", "已经还了，十一月十八号我自己转进去的")
    ).facts
    assert (facts.repayment_intent, facts.promise_date) == ("already_repaid", None)


@pytest.mark.parametrize(
    "replies",
    [
        # refused once, then hung up, in a short call
        ("谁啊？", "我在开车，没空，别老给我打电话了。挂了。"),
        # refused in other words, twice
        ("我不跟你们电话里谈这个。", "我说了不谈，有事找我律师。"),
        ("没时间听，不要再打来。", "说了没空！别打我手机。"),
        ("不听不听！", "我说了不听，别再打了。"),
        # in dialect (冇得空), and as "no phone follow-up"
        ("哪个？", "我在外头，冇得空。", "说了冇得空，莫再打了。"),
        ("什么事？", "不用说了，我不接受电话回访。", "我挂了啊。"),
    ],
)
def test_refusals_said_other_ways_are_refused(replies: tuple[str, ...]) -> None:
    turns = [("customer", replies[0])]
    for reply in replies[1:]:
        turns += [("agent", "就耽误您一分钟，是关于您的贷款……"), ("customer", reply)]
    assert call(*turns).facts.contact_result == "refused"


def test_one_hang_up_word_at_the_end_of_a_long_talk_is_no_refusal() -> None:
    facts = call(
        ("agent", "这期还款怎么安排？"),
        ("customer", "月底前还，没问题。"),
        ("agent", "生意怎么样？"),
        ("customer", "还行，跟去年差不多。"),
        ("agent", "钱都用在店里了吧？"),
        ("customer", "对，进货了。我这边忙，先挂了。"),
    ).facts
    assert facts.contact_result == "connected"


def test_refusing_twice_and_hanging_up_is_refused() -> None:
    facts = call(
        ("customer", "又是你们，我在忙，没空"),
        ("agent", "就耽误您一分钟。"),
        ("customer", "别说了，挂了"),
    ).facts
    assert facts.contact_result == "refused"
