"""The next borrower's words: for each risk family, paraphrases of our own that the families in
risk.yaml must cover (noun x predicate, with gaps), the same words negated or about someone else,
and ordinary talk of a clean call that must raise nothing (价格差不多, 跑长途的, 工人放假回家)."""

from __future__ import annotations

import pytest

from tests.nlp.helpers import call, categories

C = "customer"

# (borrower's words, product, category that must be raised)
PARAPHRASES = [
    ("今年行情差，蛋价一路往下掉", "business_loan", "business_distress"),
    ("厂里好几台机器坏了，修不起，只能停着", "business_loan", "business_distress"),
    ("客户那边一直不回款，压了我们八十多万", "business_loan", "business_distress"),
    ("店铺被房东收回去了", "business_loan", "business_distress"),
    ("疫情封控，饭店关了俩月", "business_loan", "business_distress"),
    ("仓库着火，货全烧了", "business_loan", "business_distress"),
    ("台风把养殖棚刮塌了", "business_loan", "business_distress"),
    ("下游厂家倒闭了，货款要不回来", "business_loan", "business_distress"),
    ("订单少了一大半", "business_loan", "business_distress"),
    ("今年一直在亏钱", "business_loan", "business_distress"),
    ("开发商资金出问题，工地已经停了两个月", "project_finance", "business_distress"),
    ("审批一直下不来", "project_finance", "business_distress"),
    ("生意一天不如一天", "business_loan", "business_distress"),
    ("这几个月都在赔本卖", "business_loan", "business_distress"),
    ("铺子开不下去了准备转让", "business_loan", "business_distress"),
    ("公司倒闭了，我现在没工作", "consumer_loan", "income_loss"),
    ("单位效益不好，让我们回家等通知", "consumer_loan", "income_loss"),
    ("工资打了对折", "consumer_loan", "income_loss"),
    ("这半年都没领到工资", "consumer_loan", "income_loss"),
    ("厂里欠了我们三个月工资", "consumer_loan", "income_loss"),
    ("合同到期没续签，现在闲在家", "consumer_loan", "income_loss"),
    ("跑外卖的单子少了一半", "consumer_loan", "income_loss"),
    ("我老公被单位辞了", "housing_loan", "income_loss"),
    ("提成砍了一半", "consumer_loan", "income_loss"),
    ("那笔钱我拿去炒了美股", "consumer_loan", "fund_diversion"),
    ("钱转给我男朋友做生意了", "consumer_loan", "fund_diversion"),
    ("拿去还信用卡了", "consumer_loan", "fund_diversion"),
    ("借给我同事应急了", "consumer_loan", "fund_diversion"),
    ("拿去放贷吃利息了", "consumer_loan", "fund_diversion"),
    ("投进一个养老项目里，现在跑路了", "consumer_loan", "fund_diversion"),
    ("买了虚拟币，亏没了", "consumer_loan", "fund_diversion"),
    ("在网上玩百家乐输了", "consumer_loan", "fund_diversion"),
    ("拿了一部分去买了套房", "business_loan", "fund_diversion"),
    ("帮我弟还了网贷", "consumer_loan", "fund_diversion"),
    ("房子被法院冻结了", "housing_loan", "collateral_risk"),
    ("设备被债主拉走了", "business_loan", "collateral_risk"),
    ("房子私下卖给别人了，还没过户", "housing_loan", "collateral_risk"),
    ("抵押的车被撞报废了", "business_loan", "collateral_risk"),
    ("厂房要被拍卖了", "business_loan", "collateral_risk"),
    ("那套房子已经租出去抵了债", "housing_loan", "collateral_risk"),
    ("孩子查出白血病", "housing_loan", "hardship"),
    ("我爸脑出血还在抢救", "housing_loan", "hardship"),
    ("我妈上个月没了", "housing_loan", "hardship"),
    ("家里房子被洪水冲了", "housing_loan", "hardship"),
    ("我老婆跟人跑了", "housing_loan", "hardship"),
    ("我被车撞了，腿打着钢板", "housing_loan", "hardship"),
    ("我得了抑郁症", "housing_loan", "hardship"),
    ("爱人癌症晚期", "housing_loan", "hardship"),
    ("我这身体一直在吃药透析", "housing_loan", "hardship"),
    ("下个月出国了", "consumer_loan", "contact_loss"),
    ("这个手机号我过几天就不用了", "consumer_loan", "contact_loss"),
    ("以后打这个号找不到我了", "consumer_loan", "contact_loss"),
    ("我要去外地跑长途，一去好几个月", "consumer_loan", "contact_loss"),
    ("要回老家种地了", "consumer_loan", "contact_loss"),
    ("这个贷款是我前夫偷偷用我身份证办的", "consumer_loan", "fraud_identity"),
    ("我根本不知道有这笔贷款，是中介搞的", "consumer_loan", "fraud_identity"),
    ("我老公冒我签的名", "consumer_loan", "fraud_identity"),
    ("有人盗刷了我的卡", "consumer_loan", "fraud_identity"),
    ("我在好几个app上都有贷款", "consumer_loan", "multi_debt"),
    ("外面还欠着十几万", "consumer_loan", "multi_debt"),
    ("信用卡都逾期了好几张", "consumer_loan", "multi_debt"),
    ("实在是掏不出来", "consumer_loan", "repayment_difficulty"),
    ("钱实在是不凑手", "consumer_loan", "repayment_difficulty"),
    ("手头有点周转不过来", "consumer_loan", "repayment_difficulty"),
    ("吃饭都成问题了", "consumer_loan", "repayment_difficulty"),
    ("我现在兜比脸干净", "consumer_loan", "repayment_difficulty"),
    ("我要去银保监告你们", "consumer_loan", "legal_or_complaint"),
    ("我已经委托律师了", "consumer_loan", "legal_or_complaint"),
    ("我会打金融消费者投诉热线", "consumer_loan", "legal_or_complaint"),
]


@pytest.mark.parametrize(("text", "product", "category"), PARAPHRASES)
def test_paraphrase_raises(text: str, product: str, category: str) -> None:
    assert category in categories(call((C, text), product=product))


# (borrower's words, product, category that must NOT be raised)
NEGATED = [
    # others gone or absconded, a machine stopped, a day of the fishing season
    ("天儿不让干，工人都先回老家了，开春再回来", "business_loan", "contact_loss"),
    ("装修公司跑路了，活干了一半", "consumer_loan", "contact_loss"),
    ("今年旱得凶，两台机组都停机了", "project_finance", "contact_loss"),
    ("要到八月十六号才开海", "business_loan", "contact_loss"),
    # a trouble over: caught up, settled
    ("年初风机到货是晚了一个多月，后来工期已经追回来了", "project_finance", "business_distress"),
    ("之前有一笔工程款拖了大半年，上个月人家已经全部结清了", "business_loan", "business_distress"),
    # livestock or a pond struck is the business's; money spent up; an illness that one time, over
    ("上个月猪得了病，死了一小半", "business_loan", "hardship"),
    ("涨大水，我的塘全部被淹了", "business_loan", "hardship"),
    ("交完房租、孩子的学费就没了", "housing_loan", "hardship"),
    ("那次是我阑尾炎开刀，出院第二天就补上了，早好了", "consumer_loan", "hardship"),
    # a drop offset by a rise, the whole the same
    ("猪价是跌了点，但是出栏多了，算下来跟去年差不多", "business_loan", "business_distress"),
    ("提成少了点，底薪高了，拢共算下来跟以前差不多", "consumer_loan", "income_loss"),
    ("订单没少，生意还行", "business_loan", "business_distress"),
    ("去年停过工，现在恢复正常了", "business_loan", "business_distress"),
    ("要是原料再涨就难了", "business_loan", "business_distress"),
    ("公司裁员了，没裁到我", "consumer_loan", "income_loss"),
    ("我们组有两个同事被裁员了，我这边没动", "housing_loan", "income_loss"),
    ("好多同行说降薪，我们院还好", "housing_loan", "income_loss"),
    ("今年反而在招人，裁员轮不到我们这儿", "housing_loan", "income_loss"),
    ("隔壁那家火锅店倒闭了，我们这边生意还行", "business_loan", "business_distress"),
    ("我们这边生意还行，隔壁那家火锅店倒闭了", "business_loan", "business_distress"),
    ("前年我给我姐夫的厂子做了担保，他那厂子倒了", "housing_loan", "business_distress"),
    ("工资一分没少", "consumer_loan", "income_loss"),
    ("我不炒股也不赌博", "consumer_loan", "fund_diversion"),
    ("没有借给别人", "consumer_loan", "fund_diversion"),
    ("房子没卖，自己住着", "housing_loan", "collateral_risk"),
    ("没打算卖房", "housing_loan", "collateral_risk"),
    ("家里都好，没人生病", "housing_loan", "hardship"),
    ("号码不会换的", "consumer_loan", "contact_loss"),
    ("我不打算出国", "consumer_loan", "contact_loss"),
    ("别的平台都没借过", "consumer_loan", "multi_debt"),
    ("我不会投诉的，放心", "consumer_loan", "legal_or_complaint"),
    ("钱够，不紧张", "consumer_loan", "repayment_difficulty"),
    ("价格没跌", "business_loan", "business_distress"),
    ("生意好着呢，空了再聊", "business_loan", "business_distress"),
    ("我就在本地，哪也不去", "housing_loan", "contact_loss"),
    ("钱都花在装修上了，没干别的", "consumer_loan", "fund_diversion"),
    ("货款都结清了，一分没拖", "business_loan", "business_distress"),
]


@pytest.mark.parametrize(("text", "product", "category"), NEGATED)
def test_negated_keeps_quiet(text: str, product: str, category: str) -> None:
    assert category not in categories(call((C, text), product=product))


# (borrower's words, product): ordinary talk that must raise no flag at all
CLEAN = [
    ("价格差不多，跟去年一个样", "business_loan"),
    ("我是跑长途的，一个月跑四五趟", "business_loan"),
    ("店里的货款都收回来了", "business_loan"),
    ("保险公司还在赔付流程中", "business_loan"),
    ("今年换了个型号的机器，效率高", "business_loan"),
    ("把旧机器挪出去腾地方", "business_loan"),
    ("过年回老家住几天就回来", "housing_loan"),
    ("休闲家具卖得挺好", "consumer_loan"),
    ("工人过年放假回家了，初八开工", "business_loan"),
    ("新设备到了，正在调试", "business_loan"),
    ("房子自己住着，没出租也没卖", "housing_loan"),
    ("账期正常，客户都按时回款", "business_loan"),
    ("运费还行，一趟能挣个两三千", "business_loan"),
    ("我在厂里上班，工资按月发", "consumer_loan"),
    ("主体已经封顶，按计划进行", "project_finance"),
    ("生意还算可以，比去年好点", "business_loan"),
    ("设备抵押在你们那，一直在用", "business_loan"),
    ("孩子上大学了，家里就我俩", "housing_loan"),
    ("今年鱼价不错，塘里的鱼长得好", "business_loan"),
    ("台风来之前把棚加固了，没刮坏", "business_loan"),
    ("手机号一直是这个，用了十年了", "consumer_loan"),
    ("我们平台店铺评分挺高的", "business_loan"),
    ("厂房是租的，房东人挺好", "business_loan"),
    ("借给我的钱都还清了", "consumer_loan"),
    ("钱都用在进货上了", "business_loan"),
    ("今年开了两家分店，忙不过来", "business_loan"),
    ("我爸身体挺好的，每天去公园", "housing_loan"),
    ("这个月发了奖金，多拿了一千", "consumer_loan"),
    ("审批都下来了，证件齐全", "project_finance"),
    ("车是自己开，没借给别人", "business_loan"),
    ("换了一个新手机，号码没换", "consumer_loan"),
]


@pytest.mark.parametrize(("text", "product"), CLEAN)
def test_clean_talk_raises_nothing(text: str, product: str) -> None:
    assert categories(call((C, text), product=product)) == set()


# (agent question, borrower reply, product, field, value): the fact cues follow the same families
FACT_PARAPHRASES = [
    ("收入有变化吗？", "公司倒闭了，我现在没工作", "consumer_loan", "income_change", "lost"),
    ("收入有变化吗？", "工资打了对折", "consumer_loan", "income_change", "decreased"),
    ("收入有变化吗？", "这半年都没领到工资", "consumer_loan", "income_change", "lost"),
    ("收入有变化吗？", "合同到期没续签，现在闲在家", "consumer_loan", "income_change", "lost"),
    ("收入有变化吗？", "提成砍了一半", "consumer_loan", "income_change", "decreased"),
    ("收入有变化吗？", "今年涨了两千", "consumer_loan", "income_change", "increased"),
    (
        "收入有变化吗？",
        "价格低了点，但是量上来了，算下来收入跟去年差不多",
        "business_loan",
        "income_change",
        "stable",
    ),
    ("收入有变化吗？", "升了主管，工资高了不少", "consumer_loan", "income_change", "increased"),
    ("收入怎么样？", "外派那边给的补贴多，比现在高", "consumer_loan", "income_change", "increased"),
    # the steady words follow the pay they are about, even when the agent asked of the payment
    (
        "这期能按时还吗？",
        "能，我工资一个月一万多，稳定的",
        "consumer_loan",
        "income_change",
        "stable",
    ),
    (
        "收入有变化吗？",
        "到时候二期一开工，收入就上来了",
        "project_finance",
        "income_change",
        "unknown",
    ),
    ("生意怎么样？", "今年一直在亏钱", "business_loan", "income_change", "decreased"),
    # fewer orders is a business_distress flag; the business itself still runs (labelled calls)
    ("生意怎么样？", "照常开着，就是利润薄了点", "business_loan", "project_status", "on_track"),
    ("厂里怎么样？", "机器坏了修不起，只能停着", "business_loan", "project_status", "suspended"),
    (
        "项目进度怎么样？",
        "审批一直下不来，工期往后拖了三个月",
        "project_finance",
        "project_status",
        "delayed",
    ),
    (
        "项目进度怎么样？",
        "开发商没钱，工地停了两个月",
        "project_finance",
        "project_status",
        "suspended",
    ),
    (
        "店里怎么样？",
        "店铺被房东收回去了，现在没开",
        "business_loan",
        "project_status",
        "suspended",
    ),
    ("养殖怎么样？", "猪全病死了，场子空着", "business_loan", "project_status", "suspended"),
    ("项目进度怎么样？", "按计划在走，年底能完工", "project_finance", "project_status", "on_track"),
    ("钱用在哪了？", "都用在进货上了", "business_loan", "fund_usage", "as_agreed"),
    ("这期能按时还吗？", "能不能缓一个季度", "business_loan", "repayment_intent", "request_delay"),
    ("这期能按时还吗？", "反正我是一分都不会还的", "consumer_loan", "repayment_intent", "refuse"),
    # the project's schedule, the payday, money moved to another project: no delay asked
    (
        "项目进度怎么样？",
        "会往后推，原来说今年十月，现在估计得明年年初了",
        "project_finance",
        "repayment_intent",
        "unknown",
    ),
    (
        "这期月供没问题吧？",
        "我们公司这个月工资晚几天，下周一发，发了我当天就还",
        "housing_loan",
        "repayment_intent",
        "will_repay",
    ),
    (
        "项目进度怎么样？",
        "会往后推。这期利息能不能缓两个月？",
        "project_finance",
        "repayment_intent",
        "request_delay",
    ),
    # paying goes on as ever, said in reply to a question about the payment
    (
        "每期一千五左右，还款有没有压力？",
        "冇压力，我在港口做调度",
        "credit_card_installment",
        "repayment_intent",
        "will_repay",
    ),
    (
        "每个月20号扣款，最近扣款都正常吧？",
        "正常的，工资卡就绑在那张卡上",
        "housing_loan",
        "repayment_intent",
        "will_repay",
    ),
    (
        "您现在工作收入稳定吗？",
        "稳定，你放心，我不会不还的",
        "consumer_loan",
        "repayment_intent",
        "will_repay",
    ),
    ("您现在工作收入稳定吗？", "稳定，没压力", "consumer_loan", "repayment_intent", "unknown"),
    # paid, said as a debit on a day, an amount debited, money sent off
    (
        "这期月供跟您确认一下？",
        "对，26号扣的，我这边看到了",
        "housing_loan",
        "repayment_intent",
        "already_repaid",
    ),
    (
        "这季度的利息您这边？",
        "前天已经划走了，十八万六",
        "project_finance",
        "repayment_intent",
        "already_repaid",
    ),
    # the agent says it is in; that paying is never a problem is no promise
    (
        "您这个月的月供已经扣款成功了，做个回访。房子是自己住吗？",
        "对，自己住，还款这块一直没问题",
        "housing_loan",
        "repayment_intent",
        "already_repaid",
    ),
    # part of the loan paid ahead to save interest: paid, not a part of what is due
    (
        "看到您上周还了一笔本金？",
        "对，我让财务还的，手上宽裕就先还一部分，省点利息",
        "business_loan",
        "repayment_intent",
        "already_repaid",
    ),
    (
        "这期能按时还吗？",
        "先还一部分，剩下的下个月再补",
        "consumer_loan",
        "repayment_intent",
        "partial",
    ),
]


@pytest.mark.parametrize(("question", "reply", "product", "field", "value"), FACT_PARAPHRASES)
def test_fact_paraphrase(question: str, reply: str, product: str, field: str, value: str) -> None:
    assert getattr(call(("agent", question), (C, reply), product=product).facts, field) == value
