"""Facts of the visit record from short exchanges (the standard opening, then these turns)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from nlp import Turn, analyze
from nlp.lexicon import default_lexicon
from tests.nlp.helpers import CALL_DATE, call

ASK = ("agent", "这期的两万块，您看什么时候能还上？")

INTENTS = [
    ("好的，下个月十五号之前一定还上", "will_repay"),
    ("这期我上周就已经还了", "already_repaid"),
    ("我先还五千，剩下的下个月再说", "partial"),
    ("能不能宽限半个月？", "request_delay"),
    ("想申请重新分期，把期限拉长一点", "request_delay"),
    # later by a span, said other ways (往后展三个月; 给我们三个月时间); a lateness explained is none
    ("这期本金能不能往后展三个月？利息我照付。", "request_delay"),
    ("能不能先给我们三个月时间？等股东会定下来再谈。", "request_delay"),
    ("晚三天是因为银行流程慢，钱已经付了。", "already_repaid"),
    ("我是真的还不起了，没办法", "unable"),
    ("这钱我不还了，随便你们", "refuse"),
    ("这笔贷款不是我办的，我不认", "dispute"),
    ("放心，不会不还的，这周五之前打进去", "will_repay"),
    ("我不是不想还，就是还不上", "unable"),
    # no money, cannot pay or arrange it, will not promise
    ("我现在是真没钱，工资啥时候发我都不知道", "unable"),
    ("利息我现在是真付不出来，账上就剩几十万", "unable"),
    ("安排不了，账都冻着", "unable"),
    ("现在是真没办法，我不跟你打包票", "unable"),
    ("我不是没钱，这期肯定按时还", "will_repay"),
    # giving up beside a can't-pay is unable; said alone, or with 不还了, a refusal
    ("我现在是真还不上，你们爱怎么办怎么办吧", "unable"),
    ("你们爱怎么办怎么办吧", "refuse"),
    ("没钱也不还了，你们要告就告吧", "refuse"),
    # the borrower's client refusing is no refusal; a day ahead makes 转过去 a promise
    ("甲方一直拖着不给钱，我想先缓一个月", "request_delay"),
    ("下周二之前我从店里账上转过去", "will_repay"),
    # a standing debit; paid this morning, or yesterday in dialect
    ("对，绑的工资卡，到日子自己扣", "will_repay"),
    ("今天早上我已经在手机银行上还了", "already_repaid"),
    ("昨儿个让我孙子在手机上给转进去的", "already_repaid"),
    # paying part of the loan off early is no partial payment
    ("照常扣就行，另外我想提前还一部分本金", "will_repay"),
    # a sum said, then taken back (付不起 … 这两万给不了任何承诺)
    ("房租都快付不起了，这两万我现在给不了任何承诺", "unable"),
]


@pytest.mark.parametrize(("reply", "intent"), INTENTS)
def test_repayment_intent(reply: str, intent: str) -> None:
    assert call(ASK, ("customer", reply)).facts.repayment_intent == intent


def test_money_moved_to_another_project_puts_off_no_payment() -> None:
    asked = ("agent", "贷款资金都用在这个项目上了吗？")
    reply = ("customer", "有一部分钱先挪到集团另一个项目上了，那边还没回款。")
    assert call(asked, reply, product="project_finance").facts.repayment_intent != "request_delay"


def test_a_commitment_naming_the_payment_needs_no_payment_question() -> None:
    asked = ("agent", "那这部分钱现在是亏还是赚？")
    reply = ("customer", "亏了一点，不过店里生意正常，利息是不会耽误的")
    assert call(asked, reply).facts.repayment_intent == "will_repay"


PROMISES = [
    # paying in full without naming the sum: the amount the agent stated as due
    ("好的，下个月十五号之前一定还上", 20000, date(2026, 12, 15)),
    ("欠三万是吧，我先还一万，月底之前", 10000, date(2026, 11, 30)),
    ("下周三之前那两万八千块会转过去", 28000, date(2026, 11, 25)),
    ("明天就把3万5千元存到卡里", 35000, date(2026, 11, 21)),
    ("过两天就还，一万五一分不少", 15000, None),
    ("过两天发了工资再说吧", None, None),
    ("大概一万出头吧，月底", None, date(2026, 11, 30)),
    ("我先还一万，剩下的两万等厂子开工了再想办法", 10000, None),
    # the rest with nothing paid first is the whole promise; paid off by a day ahead
    ("下周一我把剩下的两万一次性还清", 20000, date(2026, 11, 23)),
    ("下周五之前把两万全还了", 20000, date(2026, 11, 27)),
    ("下周一之前我把两万存进卡里", 20000, date(2026, 11, 23)),
    # the day money comes in is not the day promised, when another is named
    ("没问题，下周三嘛，我下周一发工资，肯定够", 20000, date(2026, 11, 25)),
    ("二十五号之前肯定还上，二十号发了工资我就存进去", 20000, date(2026, 11, 25)),
    ("能还上，下周五之前，我们礼拜一平台结算", 20000, date(2026, 11, 27)),
    ("尾款回来了我下个月十号之前一起还上", 20000, date(2026, 12, 10)),
    # a sum said to be too much is no promise; the sum paid after it is
    ("五十万一下子拿出来有点难，能不能申请展期半年？利息我照常付。", None, None),
    ("两万块一下拿不出来，月底我先还一万，剩下的下个月。", 10000, date(2026, 11, 30)),
    # a sum that is too heavy, or not even there, is no promise
    ("一下子还两万压力太大了，能不能分成两个月", None, None),
    ("手上一千块都没有，真拿不出来", None, None),
]


@pytest.mark.parametrize(("reply", "amount", "when"), PROMISES)
def test_promise_amount_and_date(reply: str, amount: int | None, when: date | None) -> None:
    facts = call(ASK, ("customer", reply)).facts
    assert (facts.promise_amount, facts.promise_date) == (amount, when)


def test_the_loan_itself_is_no_sum_due() -> None:
    asked = ("agent", "您上个月办了一笔两万四的账单分期，分十二期，最近还款还顺利吧？")
    facts = call(asked, ("customer", "顺利，没问题。"), product="credit_card_installment").facts
    assert (facts.repayment_intent, facts.promise_amount) == ("will_repay", None)


def test_pay_is_no_promised_sum() -> None:
    asked = ("agent", "那每个月的还款有压力吗？")
    facts = call(asked, ("customer", "没压力，我每个月工资一万二，按时还没问题。")).facts
    assert (facts.repayment_intent, facts.promise_amount) == ("will_repay", None)


def test_no_promise_from_a_payment_already_made() -> None:
    facts = call(ASK, ("customer", "这期我昨天已经还了，两万整")).facts
    assert (facts.repayment_intent, facts.promise_amount) == ("already_repaid", None)


@pytest.mark.parametrize(
    ("asked", "reply", "amount", "when"),
    [
        # a bare day answering the agent's dated question is that date (next month's 20th)
        (
            "下个月二十号是第一期还本，四十八万，安排好了吗？",
            "安排好了，二十号前四十八万肯定到位",
            480000,
            date(2026, 12, 20),
        ),
        (
            "下个月15号有一期本金五万，没问题吧？",
            "没问题，我15号之前就打进去",
            50000,
            date(2026, 12, 15),
        ),
        # the sum the agent says is to be paid (要还一千二百八十八) is the one a dated promise keeps
        (
            "您那笔手机分期，下个月十号要还一千二百八十八，这个您清楚吧？",
            "清楚，下个月10号之前我会还的，我设了提醒。",
            1288,
            date(2026, 12, 10),
        ),
        # the borrower's pay is not their own sum: the agent's stands
        ("这期的三千二什么时候能还上？", "我每个月工资一万二，按时还没问题。", 3200, None),
        # a day of this month stays this month's; "before Friday, then" is no payment made
        ("这个月25号的利息三千，能按时吗？", "能，25号之前肯定存好", 3000, date(2026, 11, 25)),
        (
            "这季度利息三十二万，心里有数吧？",
            "有数，三十二万下周五之前就安排财务打过去",
            320000,
            date(2026, 11, 27),
        ),
    ],
)
def test_promise_read_against_the_agents_question(
    asked: str, reply: str, amount: int, when: date | None
) -> None:
    facts = call(("agent", asked), ("customer", reply)).facts
    assert (facts.repayment_intent, facts.promise_amount, facts.promise_date) == (
        "will_repay",
        amount,
        when,
    )


def test_no_strain_takes_on_no_sum_or_day() -> None:
    facts = call(
        ("agent", "您每个月18号扣款，三千七百五，后面还款有没有什么压力？"),
        ("customer", "没压力，学校工资很稳定的"),
        product="housing_loan",
    ).facts
    assert (facts.repayment_intent, facts.promise_amount, facts.promise_date) == (
        "will_repay",
        None,
        None,
    )


def test_yes_to_the_agents_proposal_takes_its_amount_and_date() -> None:
    facts = call(("agent", "那您下周五之前先还八千，可以吗？"), ("customer", "可以。")).facts
    assert (facts.promise_amount, facts.promise_date) == (8000, date(2026, 11, 27))


INCOME = [
    ("agent", "最近工作收入怎么样？", "还行，跟以前差不多", "stable"),
    ("agent", "最近工作收入怎么样？", "今年涨工资了", "increased"),
    ("agent", "最近工作收入怎么样？", "提成少了不少", "decreased"),
    ("agent", "最近工作收入怎么样？", "上个月被裁员了，在找工作", "lost"),
    ("agent", "最近工作收入怎么样？", "没失业也没降薪，放心", "stable"),
    ("agent", "这个对您月供有影响吗？", "月供我照常还，我在学校上班，工资没动", "stable"),
    # a shop owner's business is their income (labelled so in the corpora: 店里生意还可以 -> stable)
    ("agent", "店里生意怎么样？", "挺好的", "stable"),
    ("agent", "这期月供怎么安排？", "挺好的，没问题", "unknown"),
    ("agent", "最近工作收入怎么样？", "还在商场上班，没有失业，也没降工资", "stable"),
    # what the borrower earns, said as a sum, in a call with no risk: stable
    ("agent", "每期一千多，还款有压力吗？", "还好，我每个月工资八千多，不算啥", "stable"),
    ("agent", "您平时收入就是退休金吧？", "对，退休金一个月三千八，够用", "stable"),
    # the household lost an earner; little comes in; not like before
    ("agent", "您现在收入怎么样？", "以前两口子一起挣，现在就我一个在超市上班", "decreased"),
    ("agent", "修理厂最近怎么样？", "没啥活，一个月进不来几个钱", "decreased"),
    ("agent", "店里现在生意怎么样？", "一个月卖不了几千块，跟以前没法比", "decreased"),
    ("agent", "您工作还好吗？", "请假在医院陪护，这两个月工资就拿个基本的", "decreased"),
    ("agent", "您现在收入怎么样？", "我在奶茶店兼职，暑假排班少了", "decreased"),
    ("agent", "您现在收入怎么样？", "提成制的，好的时候六七千，现在也就四千多", "decreased"),
    ("agent", "公司收入情况呢？", "其他业务也就勉强发个工资，比去年差远了", "decreased"),
    # the earner the household lived on is gone, unless the borrower's own pay is as it was
    ("agent", "月供这块有困难吗？", "我爱人走了，以前都是他的工资还月供", "decreased"),
    ("agent", "月供这块有困难吗？", "工资倒是没变，可以前有他一起还，现在就我一个", "stable"),
    # pay owed for months, nothing coming in, the job given up: income stopped
    ("agent", "您工作还好吗？", "厂里工资拖了三个月没发了", "lost"),
    ("agent", "猪场现在怎么样？", "猪都处理了，圈空着，现在是真没进项", "lost"),
    ("agent", "您工作还好吗？", "我妈瘫在床上，我一个人照顾她，原来那份工作辞了", "lost"),
]


@pytest.mark.parametrize(("speaker", "question", "reply", "income"), INCOME)
def test_income_change(speaker: str, question: str, reply: str, income: str) -> None:
    assert call((speaker, question), ("customer", reply)).facts.income_change == income


THIRD_PARTY_INCOME = [
    ("他被裁员了，现在天天在家待着", "lost"),
    ("他在武汉送外卖，一个月挣得比去年还多", "increased"),
    ("说实话我们这边工资都俩月没发了", "unknown"),  # the speaker's own pay
    ("店里生意还行，没停", "unknown"),  # the business they speak for
]


@pytest.mark.parametrize(("reply", "income"), THIRD_PARTY_INCOME)
def test_someone_else_tells_only_of_the_borrowers_income(reply: str, income: str) -> None:
    turns = [
        Turn("agent", "您好，这里是宁波银行贷后回访中心，请问是王建国先生吗？"),
        Turn("customer", "他不在，我是他老婆。"),
        Turn("agent", "那他最近工作收入怎么样？"),
        Turn("customer", reply),
    ]
    facts = analyze(turns, product="consumer_loan", call_date=CALL_DATE).facts
    assert (facts.contact_result, facts.income_change) == ("third_party", income)


def test_a_sum_earned_beside_trouble_is_no_steady_income() -> None:
    # the same sum beside 还不上 is not stable by the rules: a call with a risk flag needs words
    # about income (the learned model, asked only when the rules find nothing, may still guess)
    analysis = call(
        ("agent", "每期一千多，还款有压力吗？"),
        ("customer", "我每个月工资八千多，可网贷欠了好几家，实在还不上了"),
        lexicon=replace(default_lexicon(), learned=None),
    )
    assert analysis.facts.income_change != "stable"


PROJECT = [
    ("项目进度怎么样？", "按计划在推进，挺顺利的", "business_loan", "on_track"),
    ("项目进度怎么样？", "工期拖了两个月", "project_finance", "delayed"),
    ("项目进度怎么样？", "上个月已经竣工验收了", "project_finance", "completed"),
    # built, but an approval or inspection not passed: not done yet
    ("项目进度怎么样？", "电站是建好了，但是并网手续还没批下来", "project_finance", "delayed"),
    (
        "项目进度怎么样？",
        "主体和装修都完成了，结果消防验收没过，要整改",
        "project_finance",
        "delayed",
    ),
    ("项目进度怎么样？", "装修都完了，开学得推迟一个学期", "project_finance", "delayed"),
    ("项目进度怎么样？", "后续资金不到位，工程进度全拖下来了", "project_finance", "delayed"),
    ("项目进度怎么样？", "基地二期的牛棚也拖着没盖完", "project_finance", "delayed"),
    (
        "项目进度怎么样？",
        "慢了两个月，卫健委的审批卡了一下，现在在走消防验收",
        "project_finance",
        "delayed",
    ),
    ("项目进度怎么样？", "客房区做完了，餐饮区停了一部分，整体晚了", "project_finance", "delayed"),
    (
        "项目进度怎么样？",
        "原来计划今年春天采第一批茶，现在至少推一年",
        "project_finance",
        "delayed",
    ),
    # a business loan's job finished is no completed business
    ("生意怎么样？", "好几个小区的活儿干完了，新的单子也接着", "business_loan", "on_track"),
    # the first phase in use, the next going to plan
    ("项目进度怎么样？", "一期去年就投用了，二期按计划走", "project_finance", "on_track"),
    ("厂里现在怎么样？", "停产了，没订单", "business_loan", "suspended"),
    ("厂里现在怎么样？", "没停产，还在干", "business_loan", "on_track"),
    ("厂里现在怎么样？", "停产了，没订单", "consumer_loan", "unknown"),
    # a business loan's income said steady or up, no trouble raised: the business runs; stopped: suspended
    ("最近收入怎么样？", "比去年强多了，流水多了三成", "business_loan", "on_track"),
    ("最近收入怎么样？", "这俩月一分钱没进，真没进项", "business_loan", "suspended"),
    ("最近收入怎么样？", "比去年强多了，流水多了三成", "project_finance", "unknown"),
]


@pytest.mark.parametrize(("question", "reply", "product", "status"), PROJECT)
def test_project_status(question: str, reply: str, product: str, status: str) -> None:
    analysis = call(("agent", question), ("customer", reply), product=product)
    assert analysis.facts.project_status == status


BUSINESS_INCOME = [
    # a business loan's business stopped and nothing to pay with: the income it paid stopped too
    ("厂子停产两个月了，这期真还不上", "business_loan", "lost"),
    # still paying: the stoppage alone says nothing of income
    ("厂子停产两个月了，不过这期我月底照样还", "business_loan", "unknown"),
    # short of cash while it stands still: the same
    ("厂子停产两个月了，手头紧，能不能缓一个月", "business_loan", "lost"),
    # a project company's site stopping is not the borrower's income
    ("工地停工两个月了，这期真还不上", "project_finance", "unknown"),
    # a personal loan's borrower whose own business is failing and who cannot pay: income down
    ("我那个小饭馆生意垮了，这期真还不上", "consumer_loan", "decreased"),
]


@pytest.mark.parametrize(("reply", "product", "income"), BUSINESS_INCOME)
def test_income_of_a_troubled_business(reply: str, product: str, income: str) -> None:
    analysis = call(
        ("agent", "厂里现在怎么样？这期利息能还上吗？"), ("customer", reply), product=product
    )
    assert analysis.facts.income_change == income


def test_a_completion_still_ahead_is_not_completed() -> None:
    analysis = call(
        ("agent", "项目进度怎么样？"), ("customer", "估计明年三月能完工"), product="project_finance"
    )
    assert analysis.facts.project_status != "completed"


USAGE = [
    ("那笔钱主要用在哪了？", "都用在进货上了", "as_agreed"),
    ("那笔钱主要用在哪了？", "就是买设备", "as_agreed"),
    ("那笔钱主要用在哪了？", "说实话没有，拿去还网贷了", "diverted"),
    ("您最近身体怎么样？", "挺好的", "unknown"),
    # asked as "used up?", "paid to …?", "is the shop open?"; answered "used", "all went into it"
    ("贷款说是买饲料的，都用上了吧？", "用上了，剩下的也买了饲料", "as_agreed"),
    ("贷款买的设备都到位了吗？", "到位了，两台CT机，发票都在", "as_agreed"),
    ("您有一笔消费贷，申请用途是研究生学费，想跟您回访一下。", "对，是交学费用的", "as_agreed"),
    ("这钱主要是付装修公司的吧？", "对，付了八万，有发票", "as_agreed"),
    ("说是开分店用的，分店开起来了吗？", "开了，那二十万全搭那上头了", "as_agreed"),
    # asked what was bought, or about the money itself; a no to "anywhere else?" is as agreed
    ("当时这个分期主要是买的啥呀？", "电脑。", "as_agreed"),
    ("那您之前贷款的钱……", "都进货了啊，烟酒饮料零食", "as_agreed"),
    ("有没有用在其他地方，比如理财、股票？", "没有没有，全是付瓷砖、板材的货款", "as_agreed"),
    ("有没有用在其他地方，比如理财、股票？", "没有全用在店里，拿了一些炒股", "diverted"),
    ("请问是付先生吗？", "是我，你说", "unknown"),
    # the reply answers the first of the agent's two questions
    ("好的。房子现在是自住吗？装修好了没有？", "去年底就搬进去了，自己住。", "as_agreed"),
]


@pytest.mark.parametrize(("question", "reply", "usage"), USAGE)
def test_fund_usage(question: str, reply: str, usage: str) -> None:
    assert call(("agent", question), ("customer", reply)).facts.fund_usage == usage


def _opening(reply: str) -> tuple[str, bool]:
    turns = [
        Turn("agent", "您好，这里是交通银行回访中心，请问是李娜女士吗？"),
        Turn("customer", reply),
    ]
    facts = analyze(turns, product="consumer_loan", call_date=CALL_DATE).facts
    return facts.contact_result, facts.identity_verified


CONTACT = [
    ("对，我是，什么事？", "connected", True),
    ("嗯……是的。", "connected", True),
    ("不是，我是她妈妈，她手机落家里了。", "third_party", False),
    ("你打错了吧，没这个人。", "wrong_number", False),
    ("哪位？你找谁？", "connected", False),
    # dialect yes and third parties (俺, 系)
    ("是俺，你说吧。", "connected", True),
    ("系，我系。", "connected", True),
    ("不是，俺是她婆婆，她下地去了。", "third_party", False),
    ("晓得了晓得了，是我。", "connected", True),
    # the borrower in their role at the company is the borrower
    ("是的，我是公司的财务总监李娜。", "connected", True),
    ("是我，我是公司的财务负责人。", "connected", True),
    # grandchildren and in-laws answering; "the one you ask for is my son"
    ("喂？我是她孙女，奶奶在午睡。", "third_party", False),
    ("哦，李娜啊，是我儿媳妇。我是她婆婆。", "third_party", False),
    ("李娜？是我女儿。她上班去了。", "third_party", False),
    # Cantonese: 唔系，我系佢老公
    ("唔系啊，我系佢老公，佢出咗去。", "third_party", False),
]


@pytest.mark.parametrize(("reply", "contact", "verified"), CONTACT)
def test_contact_and_identity_from_the_first_reply(
    reply: str, contact: str, verified: bool
) -> None:
    assert _opening(reply) == (contact, verified)


# The agent's ways of asking who is speaking, each answered "是我".
ASKED_WHO = [
    "喂，您好，我是宁波银行贷后的，本次通话将被录音。跟您确认一下，是孙立强孙总吧？",
    "喂，是孙立强吧？",
    "喂，孙立强孙师傅吗？我是宁波银行的。",
    "您好，跟您核实一下，您是宏达物流有限公司的法定代表人孙立强孙总吧？",
    # a sentence of its own after the greeting, by title or by name alone
    "您好，这里是宁波银行贷后回访，本次通话将被录音。是孙立强先生吗？",
    "喂，您好，是新港建材公司的总经理孙立强孙总吗？我这边是宁波银行的。",
    "宁波银行的，本次通话将被录音。是孙立强吧？",
    "喂 你好 是 孙立强吗 我这边是宁波银行的",
    "喂，孙立强？宁波银行的。",
    "喂，是不是孙立强？",
    "您好，我是宁波银行的，找一下孙立强孙总。",
]

# Questions that are not "who is speaking?", answered "是的".
NOT_ASKED_WHO = [
    "您好，这里是宁波银行贷后回访。是这样的，您的月供下周扣款，是真的吗？",
    "喂，你好？",
    "您好，我是宁波银行的，要是联系不上您，我们就上门找您了解一下。",
]


@pytest.mark.parametrize("question", NOT_ASKED_WHO)
def test_what_is_no_question_of_who_is_speaking(question: str) -> None:
    turns = [Turn("agent", question), Turn("customer", "是的。")]
    assert analyze(turns, call_date=CALL_DATE).facts.identity_verified is False


@pytest.mark.parametrize("question", ASKED_WHO)
def test_the_ways_of_asking_who_is_speaking(question: str) -> None:
    turns = [Turn("agent", question), Turn("customer", "是我，你说。")]
    assert analyze(turns, call_date=CALL_DATE).facts.identity_verified is True


def test_id_digits_with_a_check_letter_confirm_identity() -> None:
    turns = [Turn("agent", "先核对一下，您身份证后四位是？"), Turn("customer", "581X。")]
    assert analyze(turns, call_date=CALL_DATE).facts.identity_verified is True


def test_id_digits_confirm_identity() -> None:
    turns = [
        Turn("agent", "您好，麻烦您报一下身份证后四位，核实一下身份。"),
        Turn("customer", "4518。"),
    ]
    assert analyze(turns, call_date=CALL_DATE).facts.identity_verified is True


def test_refusal_to_talk() -> None:
    turns = [
        Turn("agent", "您好，这里是平安银行贷后回访中心，请问是黄先生吗？"),
        Turn("customer", "没空，别再打了。"),
        Turn("agent", "黄先生？喂？您还在吗？"),
    ]
    assert analyze(turns, call_date=CALL_DATE).facts.contact_result == "refused"


def test_no_speech_is_no_answer() -> None:
    analysis = analyze([], product="housing_loan", call_date=CALL_DATE)
    assert analysis.facts.contact_result == "no_answer"
    assert analysis.next_followup_at == date(2026, 11, 21)  # retry the next day
