"""Risk families rather than sentences: each row is a sentence of our own (not from any corpus)
for a family of expressions — a noun of the family met by a predicate of the family — and rows
that must not raise it (negated, someone else's, resolved, a near-miss wording)."""

from __future__ import annotations

import pytest

from tests.nlp.helpers import call, categories

A, C = "agent", "customer"

# (borrower's words, product, category that must be raised)
RAISES = [
    # a business's customers or orders halved
    ("附近开了两家新的，学生少了一大半", "business_loan", "business_distress"),
    ("货量少了一大半，车都闲着", "business_loan", "business_distress"),
    # business_distress: disaster on a farm or a crop
    ("前阵子山洪下来，虾塘全给冲垮了", "business_loan", "business_distress"),
    ("今年大棚里的草莓冻死了一大片", "business_loan", "business_distress"),
    ("猪场闹猪瘟，存栏的猪病死了不少", "business_loan", "business_distress"),
    ("一场冰雹下来，果园基本绝收", "business_loan", "business_distress"),
    # business_distress: a platform freezes the shop
    ("我们网店被平台封了，说是违规", "business_loan", "business_distress"),
    ("直播间的账号被封禁了半个月", "business_loan", "business_distress"),
    # business_distress: prices squeezed, premises empty, workers gone, site stalled
    ("加工费被压得很低，干一单亏一单", "business_loan", "business_distress"),
    ("这两个月跑车基本白干", "business_loan", "business_distress"),
    ("写字楼空着一大半，租不出去", "project_finance", "business_distress"),
    ("园区的出租率只有三成", "project_finance", "business_distress"),
    ("施工队都撤了，现在没人干活", "project_finance", "business_distress"),
    ("工地上只剩一个看场的老头", "project_finance", "business_distress"),
    ("项目现在基本趴窝了", "project_finance", "business_distress"),
    ("发包方的进度款一直扣着", "project_finance", "business_distress"),
    ("卡在环评那一关，估计要往后推三个月", "project_finance", "business_distress"),
    # income_loss: let go, pay cut by an amount, a worker's site without work
    ("厂子搬走了，把我们这些老员工都遣散了", "consumer_loan", "income_loss"),
    ("老板这个月开始扣了我八百", "housing_loan", "income_loss"),
    ("工地上没啥活了，天天在宿舍待着", "consumer_loan", "income_loss"),
    ("三个多月没开工了", "credit_card_installment", "income_loss"),
    # fund_diversion: the money moved elsewhere, a friend's venture, cards
    ("贷款下来以后挪了二十万过去给另一个公司", "business_loan", "fund_diversion"),
    ("钱我投我表哥那边的奶茶店去了", "consumer_loan", "fund_diversion"),
    ("过年打麻将输了好几万", "consumer_loan", "fund_diversion"),
    # collateral_risk: the collateral for sale, sold, handed over, sealed
    ("抵押的那套房子我已经挂中介在卖了", "housing_loan", "collateral_risk"),
    ("那台挖机上个月出手了", "business_loan", "collateral_risk"),
    ("押的那辆货车借给我姐夫开着", "business_loan", "collateral_risk"),
    ("厂房门口让法院贴了封条", "business_loan", "collateral_risk"),
    # hardship: kin who died, despair, a divorce said short
    ("我家老爷子上个月走了", "housing_loan", "hardship"),
    ("压力太大，有时候真想一死了之", "consumer_loan", "hardship"),
    ("我们已经离了，孩子跟我", "housing_loan", "hardship"),
    # contact_loss: a new number there, moving in with family, work abroad
    ("回去以后我会换一个当地的号", "consumer_loan", "contact_loss"),
    ("过完年我就搬到儿子那边住", "housing_loan", "contact_loss"),
    ("下个月我去马来西亚打工", "consumer_loan", "contact_loss"),
    # fraud_identity: someone else's use of my card or phone, nothing signed
    ("是我弟弟拿我手机借的，我都不知道", "consumer_loan", "fraud_identity"),
    ("我什么合同都没签过", "consumer_loan", "fraud_identity"),
    # business_distress: a project behind schedule
    ("展区修好之前，开放时间要往后推", "project_finance", "business_distress"),
    # business_distress: a shop shut for now
    ("厨师走了，饭馆只能先关着了", "business_loan", "business_distress"),
    # repayment_difficulty: not a spare penny, pressure, the full sum, little left, money not reaching
    ("这个月一分闲钱没有", "consumer_loan", "repayment_difficulty"),
    ("压力蛮大的，能不能分长一点", "credit_card_installment", "repayment_difficulty"),
    ("全额有点难，先还一半行吗", "business_loan", "repayment_difficulty"),
    ("房租一交，手上就没剩几个了", "consumer_loan", "repayment_difficulty"),
    ("这个月生意差，钱有点接不上", "consumer_loan", "repayment_difficulty"),
    ("身上就剩几百块了", "consumer_loan", "repayment_difficulty"),
    # repayment_difficulty: the sum out of reach, not all of it, in Cantonese
    ("这个月一千六百八我真够不着", "consumer_loan", "repayment_difficulty"),
    ("八十万我现在拿不全，月底先还三十万", "project_finance", "repayment_difficulty"),
    ("我而家真系拎唔出两百万", "business_loan", "repayment_difficulty"),
    # legal_or_complaint: to the agent's superiors
    ("你这个态度我是要跟你们领导反映的", "consumer_loan", "legal_or_complaint"),
    # income_loss: nowhere to work yet; paid far less than usual
    ("厂子过完年就黄了，到现在也没找着地方干活", "consumer_loan", "income_loss"),
    ("这个月厂里就给开了一千多，比平时少一大半", "consumer_loan", "income_loss"),
    # income_loss: an employer that can no longer pay
    ("公司都快发不出工资了，老板天天躲着", "credit_card_installment", "income_loss"),
    # repayment_difficulty: hard at the clause's end, rhetorical can-afford
    ("这期全部还上确实难", "consumer_loan", "repayment_difficulty"),
    ("我一个月就三千，怎么供得起", "housing_loan", "repayment_difficulty"),
    ("公司账上有点紧", "business_loan", "repayment_difficulty"),
    # repayment_difficulty: cannot free the money, out of moves
    ("这期房贷我实在挪不出来", "housing_loan", "repayment_difficulty"),
    ("说真的我现在是彻底没招了", "consumer_loan", "repayment_difficulty"),
    # income_loss: earning less by an amount, a bonus stopped, little pay left
    ("换了片区以后每个月少赚一千多", "consumer_loan", "income_loss"),
    ("淡季一到，我们的补贴也停了", "credit_card_installment", "income_loss"),
    ("请了半个月假，这个月薪水估计没几个钱", "consumer_loan", "income_loss"),
    # business_distress: losing badly, goods nobody buys, fewer pupils or guests, rooms empty
    ("那两间客栈去年赔得底朝天", "business_loan", "business_distress"),
    ("库里的存货压着，根本没人要", "business_loan", "business_distress"),
    ("一个季度卖不出多少台", "business_loan", "business_distress"),
    ("培训班今年少了三十多个学员", "business_loan", "business_distress"),
    ("国庆那几天房间也没住满", "business_loan", "business_distress"),
    ("会费收入比去年掉了两成", "business_loan", "business_distress"),
    ("塔吊从五月起就一直没动了", "project_finance", "business_distress"),
    ("用地批复到现在还没下来", "project_finance", "business_distress"),
    # fund_diversion: coins bought, a wealth product of some kind
    ("那笔钱让同事帮我拿去买币了", "consumer_loan", "fund_diversion"),
    ("闲着也是闲着，先买了个银行的理财", "project_finance", "fund_diversion"),
    # fraud_identity: a card run up by someone, a name on paper, not my doing
    ("我那张信用卡在外地被人盗刷了", "credit_card_installment", "fraud_identity"),
    ("这公司我只是挂了个名，从来不管事", "business_loan", "fraud_identity"),
    ("那笔分期肯定不是我自己搞的", "credit_card_installment", "fraud_identity"),
    # multi_debt: several small lenders
    ("前前后后在三家网贷平台都借过", "consumer_loan", "multi_debt"),
    # multi_debt: many cards or apps, borrowed online, a bridging loan
    ("我手上有五六张信用卡，张张都刷满了", "consumer_loan", "multi_debt"),
    ("还有三四个网贷每个月要还", "consumer_loan", "multi_debt"),
    ("上个月在手机上借了两万周转", "housing_loan", "multi_debt"),
    ("那会儿先找人弄了笔过桥资金", "business_loan", "multi_debt"),
    # business_distress: stopped, half built, nobody working, the payer's money not in
    ("厂里现在基本停了", "business_loan", "business_distress"),
    ("二号楼盖了一半就停了", "project_finance", "business_distress"),
    ("船队这两个月停着", "business_loan", "business_distress"),
    ("业主的尾款到现在还没付", "project_finance", "business_distress"),
    ("前面干的活有七八万收不回来", "business_loan", "business_distress"),
    # business_distress: slack trade, stock piled up, returns, traffic, no customers
    ("今年冬天买卖冷清得很", "business_loan", "business_distress"),
    ("仓库里压了一大批货", "business_loan", "business_distress"),
    ("这批衣服退货率很高", "business_loan", "business_distress"),
    ("店里的流量掉了一半多", "business_loan", "business_distress"),
    ("老顾客也不来买了", "business_loan", "business_distress"),
    # income_loss: pay held back or marked down, no income (dialect), cannot work
    ("公司把我们的绩效压着没发", "consumer_loan", "income_loss"),
    ("这几个月工资打了七折", "housing_loan", "income_loss"),
    ("厂子关了以后就冇得收入了", "consumer_loan", "income_loss"),
    ("腰伤了，班上不了", "consumer_loan", "income_loss"),
    ("今年挣得比往年少多了", "housing_loan", "income_loss"),
    # repayment_difficulty: cannot pay out, the account short, hunting for money
    ("这个月的利息实在付不出", "business_loan", "repayment_difficulty"),
    ("卡里的钱还差一些", "housing_loan", "repayment_difficulty"),
    ("这几天到处借钱呢", "consumer_loan", "repayment_difficulty"),
    # contact_loss: going to live abroad, the number going dead, hiding
    ("我下个月就去新加坡了，在那边带孩子读书", "housing_loan", "contact_loss"),
    ("这个号过阵子要换", "consumer_loan", "contact_loss"),
    ("这阵子我得躲着点，电话也不接了", "consumer_loan", "contact_loss"),
    # hardship: an injury at work, a death, a divorce just done
    ("干活的时候脚被钢管砸伤了", "consumer_loan", "hardship"),
    ("我们家老大上个月出了事，人没了", "housing_loan", "hardship"),
    ("我上礼拜刚离完婚", "housing_loan", "hardship"),
    # fund_diversion: a down payment from a loan not for a home; money moved off
    ("这笔消费贷我拿去付了首付", "consumer_loan", "fund_diversion"),
    ("先挪了五万到我表弟那边", "business_loan", "fund_diversion"),
    # collateral_risk: the collateral sealed or for sale
    ("法院已经把厂房查封了", "business_loan", "collateral_risk"),
    ("抵押那套房子我挂到中介卖了", "housing_loan", "collateral_risk"),
    # the same words: the lost job in a personal loan, the borrower's own firm in a business loan
    ("我上班那个电子厂七月份倒闭了，我就失业了", "consumer_loan", "income_loss"),
    ("我那个电子厂七月份倒闭了", "business_loan", "business_distress"),
    # money moved off, lost at baccarat; an app loan to tide over, one card paying another
    ("后来把钱调过去给厂里发工资了", "project_finance", "fund_diversion"),
    ("去了趟澳门，百家乐，全输了", "consumer_loan", "fund_diversion"),
    ("上个月是借了点网贷顶上的", "housing_loan", "multi_debt"),
    ("就是拿这张卡还那张", "credit_card_installment", "multi_debt"),
    # hard going; pay cut, part paid, stopped; media; boats idle, tenants gone
    ("这几个月真有点还不过来了", "consumer_loan", "repayment_difficulty"),
    ("厂里只发基本工资，工资只发了五成", "housing_loan", "income_loss"),
    ("我已经联系记者了", "consumer_loan", "legal_or_complaint"),
    ("两条渔船都停在港里", "business_loan", "business_distress"),
    ("一楼的大租户上个月退租了", "project_finance", "business_distress"),
    # a business that cannot pay its people: the business's trouble
    ("工人的工资都拖了两个月了", "business_loan", "business_distress"),
    ("我们最大的客户跑路了，货款收不回来", "business_loan", "business_distress"),
    # a personal borrower's unpaid wages are the borrower's lost pay
    ("厂里三个月没发工资了", "housing_loan", "income_loss"),
    # round 13: the job given up; pay a share of what it was; pay held to the base
    ("我上个月已经辞职了，准备回老家", "consumer_loan", "income_loss"),
    ("换了单位，到手的工资只有以前的六成", "housing_loan", "income_loss"),
    ("这季度公司只发了底薪", "credit_card_installment", "income_loss"),
    # property bought with a business loan; part moved out to another use
    ("当时拿去买了套公寓，想着收租", "business_loan", "fund_diversion"),
    ("先挪了两百万去交另一块地的保证金", "project_finance", "fund_diversion"),
    # a fall (the clause model heard this one until round 13; a rule says it now)
    ("我妈中秋那会儿摔了一跤，现在还躺着起不来", "consumer_loan", "hardship"),
    # a personal loan put into trade or a payroll
    ("婚车没买，钱我拿去给店里进货了", "consumer_loan", "fund_diversion"),
    ("那笔分期的钱先给厂里发了工资", "credit_card_installment", "fund_diversion"),
    # a vehicle likely written off; the borrower's phone changed
    ("那台挖机翻到沟里了，怕是要报废", "business_loan", "collateral_risk"),
    ("我下个月去外省打工，电话也换了", "consumer_loan", "contact_loss"),
    # pledged animals dead, pledged land taken back, the house cracked, the shop sealed; works held up
    ("抵押的那些牛也冻死了不少", "business_loan", "collateral_risk"),
    ("抵押的那块地被政府收回了一部分", "project_finance", "collateral_risk"),
    ("地震以后房子墙裂了好几道缝", "housing_loan", "collateral_risk"),
    ("法院把商铺给封了", "business_loan", "collateral_risk"),
    ("因为拨款慢，工期都耽误了两个多月", "project_finance", "business_distress"),
    # borrowed for a relative who uses it; a personal loan into a home's down payment
    ("其实这笔是帮我表哥借的，钱他在用", "consumer_loan", "fund_diversion"),
    ("就是买房的时候首付不够，那十万拿去付了首付", "consumer_loan", "fund_diversion"),
    # a school or training centre closed; deals or traffic falling hard; cannot pay
    ("我们那个舞蹈培训学校上个月关了", "business_loan", "business_distress"),
    ("民办幼儿园今年停办了", "business_loan", "business_distress"),
    ("今年门店的成交量掉得厉害", "business_loan", "business_distress"),
    ("这个季度本金我们肯定是付不了", "project_finance", "repayment_difficulty"),
]


@pytest.mark.parametrize(("text", "product", "category"), RAISES)
def test_family_raises(text: str, product: str, category: str) -> None:
    assert category in categories(call((C, text), product=product))


# (borrower's words, product, category that must NOT be raised)
KEEPS_QUIET = [
    # a day of the month after 换了 (还 heard as 换) is no new phone number
    ("上期已经换了啊 12号那天就扣走了", "consumer_loan", "contact_loss"),
    # a developer's homebuyers who paid their down payments
    ("有几十户交了首付的来售楼处闹过", "project_finance", "fund_diversion"),
    # a wall sound; a shop sealed by the platform is no seized collateral
    ("房子好好的，墙也没裂", "housing_loan", "collateral_risk"),
    # layoffs at the firm that passed the borrower by
    ("单位是有裁员，不过我没被裁，照常上班", "housing_loan", "income_loss"),
    ("年前公司传要裁员，最后也没裁，我们都在", "consumer_loan", "income_loss"),
    # the payment can be made; the school stays open
    ("这期我付得了，不用担心", "consumer_loan", "repayment_difficulty"),
    ("培训学校没关，照常上课", "business_loan", "business_distress"),
    # a colleague's or friend's trouble; a cut said as "even if"
    ("我一个同事得了重病住院了，活都分给我们了", "housing_loan", "hardship"),
    ("我朋友前阵子被裁了，我这边还好", "consumer_loan", "income_loss"),
    ("就算以后降薪，这点分期我也会还", "credit_card_installment", "income_loss"),
    # a business's customers or orders halved is the business's trouble, not lost pay
    ("附近开了两家新的，学生少了一大半", "business_loan", "income_loss"),
    ("今年外单少了一大半", "business_loan", "income_loss"),
    # negated, also in dialect
    ("手机号冇换，一直用这个", "housing_loan", "contact_loss"),
    ("我们的店铺没被冻结，正常卖货", "business_loan", "business_distress"),
    ("鱼塘没被淹，去年加高了塘基", "business_loan", "business_distress"),
    # someone else's trouble
    ("我前夫电话都不接我的，你们找他", "housing_loan", "contact_loss"),
    ("我帮一个朋友担保过，结果他开店亏了", "housing_loan", "business_distress"),
    ("我们最大的客户跑路了，货款收不回来", "business_loan", "contact_loss"),
    ("那个培训机构都跑路了，老师也联系不上了", "consumer_loan", "contact_loss"),
    ("我给朋友担保，他公司欠了一屁股债", "housing_loan", "multi_debt"),
    ("工人的工资都拖了两个月了", "business_loan", "income_loss"),
    # an employee's workplace is no business of the borrower's
    ("我上班那家超市生意不好", "consumer_loan", "business_distress"),
    # the owner letting workers go is no lost job of the borrower's
    ("厂里的工人都遣散了", "business_loan", "income_loss"),
    # a delay "at the latest", a month's name
    ("补贴估计最晚十月能到", "project_finance", "business_distress"),
    # 八万一 is an amount, not 万一: the difficulty still counts (see RAISES), and a police
    # station for papers is no complaint
    ("身份证是在派出所补办的", "consumer_loan", "legal_or_complaint"),
    # the bank's own rate called usury is no second debt
    ("你们这利息，简直是高利贷吧", "consumer_loan", "multi_debt"),
    # the money went where it should
    ("钱都挪不出来，全压在货上", "business_loan", "fund_diversion"),
    ("厂房是自己的，没抵押给别人", "business_loan", "collateral_risk"),
    # a fee charged twice is no pay cut; earning more is no loss
    ("你们每期多扣我八十块手续费", "credit_card_installment", "income_loss"),
    ("工资没多少变化，还是那么多", "housing_loan", "income_loss"),
    # in a business loan, fewer orders is the business's trouble (raised as such), not a pay cut;
    # in a personal loan, the employer gone bust beside the borrower's lost job is no business of theirs
    ("订单比去年少了一大半", "business_loan", "income_loss"),
    ("我上班那个电子厂七月份倒闭了，我就失业了", "consumer_loan", "business_distress"),
    # a payment held over is no loan money moved; a rumour about going abroad is no plan
    ("还款日能不能往后挪一挪", "consumer_loan", "fund_diversion"),
    ("我没有要去美国，别听人瞎说", "housing_loan", "contact_loss"),
    # the borrower on the line telling of someone else gone (a fraudster, a friend)
    ("他把我微信都拉黑了，人也不知道去哪了", "consumer_loan", "contact_loss"),
    # a past hardship said to be over (年初…现在早缓过来了)
    ("年初我妈住院那阵子紧了一段，现在早缓过来了", "consumer_loan", "hardship"),
    # the site negated, the product negated
    ("工地没停，塔吊天天在转", "project_finance", "business_distress"),
    ("我没买什么理财，钱都在账上", "project_finance", "fund_diversion"),
    ("名字写错了一个字，不是挂名的问题", "consumer_loan", "multi_debt"),
    # a rhetorical question denies (哪会…; 谁会…); paying into one's own card moves nothing
    ("我哪会炒股，连账户都没开过", "consumer_loan", "fund_diversion"),
    ("谁会拿这个钱去赌，我又不傻", "consumer_loan", "fund_diversion"),
    ("月底前我把钱转到还款那张卡上", "consumer_loan", "fund_diversion"),
    # a new mother's month of rest is no hardship; resting after treatment is no lost job
    ("她这个月坐月子，家里热闹得很", "housing_loan", "hardship"),
    ("做完手术以后在家歇着呢", "consumer_loan", "income_loss"),
    # hearsay about others, the trouble someone else's, a thing that no longer happens
    ("有人说鸡蛋价崩了，我们这边没那么严重", "business_loan", "business_distress"),
    ("停产的是隔壁那家，我们厂好好的", "business_loan", "business_distress"),
    ("听说别的厂在降薪，我们厂没有", "housing_loan", "income_loss"),
    ("前几年那种说停工就停工的事没再有了", "project_finance", "business_distress"),
    # the household's money for a hospital bill is no loan money diverted; blocking the bank's number
    ("我爸中风住院了，钱都先拿去交医药费了", "housing_loan", "fund_diversion"),
    ("你再打我就把你们号拉黑了", "project_finance", "contact_loss"),
    # the shortage of one the money was lent to; the bank's rate likened to usury; 得劲 is no 紧
    ("我表哥开饭馆周转不开，我先借给他了", "business_loan", "repayment_difficulty"),
    ("你们这利息算下来比高利贷还狠", "consumer_loan", "multi_debt"),
    ("年化都二十了，你们这是放高利贷呢", "consumer_loan", "fund_diversion"),
    ("孩子上学近，住着得劲得很", "housing_loan", "repayment_difficulty"),
    # round 13: quitting for a new job named; a new handset; asked back; a rumour or word taken back
    ("我辞职了，跳槽到一家物流公司，工资还高点", "consumer_loan", "income_loss"),
    ("手机换了个新的，号没变", "consumer_loan", "contact_loss"),
    ("你们不会以为我被裁员了吧？", "housing_loan", "income_loss"),
    ("我们没有像外面说的那样停产，订单还挺多", "business_loan", "business_distress"),
    ("有人在网上说我们工地停工了，那是别的标段", "project_finance", "business_distress"),
    ("我们准备起诉……不是，准备发催款函", "business_loan", "legal_or_complaint"),
]


# (agent's words, product, category that must NOT be raised from the agent)
AGENT_QUIET = [
    ("您分期买的是什么东西呢？", "credit_card_installment", "agent_misconduct"),
    ("这笔钱当时申请是做什么用的呢？", "consumer_loan", "agent_misconduct"),
]


@pytest.mark.parametrize(("text", "product", "category"), AGENT_QUIET)
def test_agent_question_is_no_misconduct(text: str, product: str, category: str) -> None:
    assert category not in categories(call((A, text), product=product))


AGENT_RAISES = [
    ("你算个什么东西，还跟我讲条件", "consumer_loan", "agent_misconduct"),
    ("再不还我们就当着你同事的面跟你要", "business_loan", "agent_misconduct"),
    ("明天派人到你店里坐着，看你还不还", "business_loan", "agent_misconduct"),
]


@pytest.mark.parametrize(("text", "product", "category"), AGENT_RAISES)
def test_agent_misconduct_raises(text: str, product: str, category: str) -> None:
    assert category in categories(call((A, text), product=product))


@pytest.mark.parametrize(("text", "product", "category"), KEEPS_QUIET)
def test_family_keeps_quiet(text: str, product: str, category: str) -> None:
    assert category not in categories(call((C, text), product=product))


def test_amount_before_yi_is_no_if() -> None:
    """八万一次性 holds 万一 by accident: the difficulty after it is not hypothetical."""
    got = categories(call((C, "八万一次性有点难，能不能分几期"), product="business_loan"))
    assert "repayment_difficulty" in got


# (agent question, borrower reply, product, field, value)
FACTS = [
    ("收入有变化吗？", "厂子倒了，把我们全遣散了", "consumer_loan", "income_change", "lost"),
    ("生意怎么样？", "这个月一分钱流水都没有", "business_loan", "income_change", "lost"),
    ("收入有变化吗？", "老板给我们每人降了八百", "housing_loan", "income_change", "decreased"),
    (
        "收入有变化吗？",
        "今年当了车间主任，每个月多拿一千",
        "housing_loan",
        "income_change",
        "increased",
    ),
    ("项目怎么样了？", "总包撤场了，工地停在那", "project_finance", "project_status", "suspended"),
    # let go, income all but stopped, in dialect; profit thinner; the job steady
    ("收入怎么样？", "厂子上个月把我辞了", "consumer_loan", "income_change", "lost"),
    ("店里还有收入吗？", "收入基本断了，靠老本撑着", "business_loan", "income_change", "lost"),
    ("那现在还有进账吗？", "基本没进账，工人都放假了", "business_loan", "income_change", "lost"),
    ("收入呢？", "冇得收入，工人都回去了", "business_loan", "income_change", "lost"),
    (
        "生意怎么样？",
        "利润今年薄了不少，不过还撑得住",
        "business_loan",
        "income_change",
        "decreased",
    ),
    ("工作收入稳定吗？", "工作是稳的，就是这个月开销大", "housing_loan", "income_change", "stable"),
    (
        "店里生意受影响了吗？",
        "生意倒没受啥影响，晚上人还多",
        "business_loan",
        "income_change",
        "stable",
    ),
    # no pay for months, fewer shifts, the bonus gone, better than last year, sales steady
    ("收入有变化吗？", "厂里仨月没开支了", "housing_loan", "income_change", "lost"),
    ("工作怎么样？", "厂里现在一礼拜就上三天班", "housing_loan", "income_change", "decreased"),
    ("收入呢？", "工资照常发，就是年终奖都没了", "consumer_loan", "income_change", "decreased"),
    ("收入怎么样？", "收入比去年还强点儿", "credit_card_installment", "income_change", "increased"),
    ("生意点样？", "今年订单仲多过旧年", "business_loan", "income_change", "increased"),
    ("销售怎么样？", "销售挺稳定，回款跟去年差不多", "project_finance", "income_change", "stable"),
    # little work or trade, earning little; a share off; base pay only
    (
        "最近收入怎么样？",
        "这个月单子少，跑外卖挣得不多",
        "consumer_loan",
        "income_change",
        "decreased",
    ),
    (
        "店里生意呢？",
        "淡季嘛，少个两三成吧",
        "credit_card_installment",
        "income_change",
        "decreased",
    ),
    (
        "工作收入呢？",
        "请了长假在陪护，工资只拿基本的了",
        "housing_loan",
        "income_change",
        "decreased",
    ),
    ("收入怎么样？", "比去年强，挣得比以前多不少", "business_loan", "income_change", "increased"),
    # the same as ever
    (
        "您工作这块呢？",
        "工作还是那个工作，每个月就那么些，不多不少",
        "consumer_loan",
        "income_change",
        "stable",
    ),
    (
        "现在收入主要靠什么？",
        "退休金一个月两千多，一直是这么多",
        "housing_loan",
        "income_change",
        "stable",
    ),
    (
        "工作收入怎么样？",
        "我在物流园开叉车，工资倒是照发",
        "consumer_loan",
        "income_change",
        "stable",
    ),
    (
        "最近生意怎么样？",
        "前两年差点搞不下去，现在生意还过得去",
        "housing_loan",
        "income_change",
        "stable",
    ),
    # no income before the opening is no income lost
    (
        "项目什么时候有收入？",
        "开业之前没有收入，明年四月开业",
        "project_finance",
        "income_change",
        "unknown",
    ),
    # a denied rumour of a stoppage is no stoppage
    (
        "厂里现在怎么样？",
        "有人传我们停产了，瞎传的，厂里都正常",
        "business_loan",
        "project_status",
        "on_track",
    ),
    ("店里经营怎么样？", "网店上周被平台冻结了", "business_loan", "project_status", "suspended"),
    (
        "项目进度怎么样？",
        "本来六月通车，现在推到年底了",
        "project_finance",
        "project_status",
        "delayed",
    ),
    ("月供怎么安排？", "能不能先缓两个月", "housing_loan", "repayment_intent", "request_delay"),
    # an income_loss flag is a decrease, unless income is said to be steady; a fee is no pay cut
    (
        "工作怎么样？",
        "还在跑，就是一个月少挣两千来块",
        "consumer_loan",
        "income_change",
        "decreased",
    ),
    ("收入呢？", "淡季了，我们那点补贴也停了", "housing_loan", "income_change", "decreased"),
    (
        "工作稳定吧？",
        "稳定的，就是这个月工资拖了一个礼拜",
        "consumer_loan",
        "income_change",
        "stable",
    ),
    (
        "工作有变化吗？",
        "没变化，你们每期多扣我两百我不认",
        "consumer_loan",
        "income_change",
        "stable",
    ),
    # a cut or a rise said bare in reply to an income question; more after a negation (没少，反而多了)
    ("收入跟去年比呢？", "少了一些，不过还撑得住", "consumer_loan", "income_change", "decreased"),
    ("这两年挣得怎么样？", "比前两年少多了", "housing_loan", "income_change", "decreased"),
    ("工资有没有涨？", "嗯，多了不少", "housing_loan", "income_change", "increased"),
    ("生意怎么样？", "客人没少，反而多了一些", "business_loan", "income_change", "increased"),
    ("电站收入怎么样？", "比预计的还要高一些", "project_finance", "income_change", "increased"),
    ("租金收入稳吗？", "挺稳的，每个月按时到", "project_finance", "income_change", "stable"),
    ("生意怎么样？", "正常，就是回款比合同差了几天", "business_loan", "income_change", "stable"),
    # let go, nothing found since, a smaller harvest; a layoff wave in the news is no lay-off
    ("工作还在吗？", "上个月被辞了，还在到处找", "consumer_loan", "income_change", "lost"),
    ("现在做什么？", "从厂里出来以后一直没找到事做", "consumer_loan", "income_change", "lost"),
    ("今年收成怎么样？", "天太旱，玉米减产了三成", "business_loan", "income_change", "decreased"),
    (
        "工作稳定吧？",
        "新闻上天天说裁员潮，我们单位没什么变化",
        "housing_loan",
        "income_change",
        "stable",
    ),
    (
        "收入有变化吗？",
        "收入没变，就是你们这个月给我扣了两次月供",
        "housing_loan",
        "income_change",
        "stable",
    ),
    ("这期能还吗？", "这钱我是不得还的", "housing_loan", "repayment_intent", "refuse"),
    # won't pay, said as not caring or not a cent (这笔我就不管了; 利息我一分不会付)
    (
        "这期打算怎么还？",
        "这笔欠款我就不管了，你们随便怎么搞",
        "consumer_loan",
        "repayment_intent",
        "refuse",
    ),
    (
        "利息什么时候付？",
        "这个季度的利息我一分不会交",
        "project_finance",
        "repayment_intent",
        "refuse",
    ),
    # a term extension or a hold "until" a month is a delay
    (
        "本金能按时还吗？",
        "能不能给我展个期，半年就行",
        "business_loan",
        "repayment_intent",
        "request_delay",
    ),
    (
        "这个月的利息呢？",
        "能不能缓到十二月，一起还",
        "business_loan",
        "repayment_intent",
        "request_delay",
    ),
    # paid already: 付掉了, at the counter myself, sent over on a past day
    (
        "这期利息呢？",
        "前两天已经付掉了，会计转的",
        "business_loan",
        "repayment_intent",
        "already_repaid",
    ),
    (
        "提前还款办好了吗？",
        "是俺自己去柜台还的，还了五万",
        "housing_loan",
        "repayment_intent",
        "already_repaid",
    ),
    (
        "这期利息呢？",
        "上周就划过去了，你们查查",
        "business_loan",
        "repayment_intent",
        "already_repaid",
    ),
    # the bank's demand to repay early that cannot be met leaves the instalments promised
    (
        "按合同要提前收回贷款。",
        "要提前还？那一下子可拿不出二十万啊。每个月的月供我肯定按时还",
        "consumer_loan",
        "repayment_intent",
        "will_repay",
    ),
    # a plan once had (想着赚一点再还) asks for no time
    (
        "钱用在哪了？",
        "大部分拿去炒股了，想着赚一点再还",
        "consumer_loan",
        "repayment_intent",
        "unknown",
    ),
    # the purchase put to be confirmed, and confirmed; a surname 付 asks nothing
    (
        "分期买的是空调和冰箱对吧？",
        "对，家里早就用上了",
        "credit_card_installment",
        "fund_usage",
        "as_agreed",
    ),
    (
        "用途写的是婚礼和买家电，想跟您确认一下。",
        "对，订酒席、买冰箱那些",
        "consumer_loan",
        "fund_usage",
        "as_agreed",
    ),
    (
        "贷款主要是做原料采购对吧？",
        "对，买原料，还有结工钱",
        "business_loan",
        "fund_usage",
        "as_agreed",
    ),
    ("请问是付建军先生吗？", "是我，什么事？", "consumer_loan", "fund_usage", "unknown"),
    # a harvest that brings more is no overcharge; a complaint about calling the workplace is none
    (
        "今年收成怎么样？",
        "今年好咧，价钱比去年高，估计要多收好几千",
        "consumer_loan",
        "repayment_intent",
        "unknown",
    ),
    (
        "这个月的还款呢？",
        "你凭什么找我单位？这个月我肯定还",
        "credit_card_installment",
        "repayment_intent",
        "will_repay",
    ),
    # the client's refusal is no refusal; ready with a standing debit; never missed; repaying early
    (
        "这个月两万五怎么安排？",
        "物业那边拖着不给钱，俺先还一万五，剩下的下个月",
        "business_loan",
        "repayment_intent",
        "partial",
    ),
    (
        "这个月的准备好了吗？",
        "准备好啦，8号自动扣",
        "consumer_loan",
        "repayment_intent",
        "will_repay",
    ),
    (
        "最近工作怎么样？",
        "月供我一个月也没落下，工作还那样",
        "housing_loan",
        "repayment_intent",
        "will_repay",
    ),
    (
        "剩下的八万呢？",
        "下个月二十号之前我把这八万提前还给你们",
        "business_loan",
        "repayment_intent",
        "will_repay",
    ),
    # a charge contested
    (
        "这期有三百块罚息。",
        "这钱就不该扣，你们自己查清楚",
        "housing_loan",
        "repayment_intent",
        "dispute",
    ),
    (
        "顾问费一共十八万。",
        "这是变相收费，这笔我们不会付",
        "project_finance",
        "repayment_intent",
        "dispute",
    ),
    # round 13
    ("收入怎么样？", "跑货拉拉的单子比上半年少多了", "consumer_loan", "income_change", "decreased"),
    ("生意怎么样？", "流水比去年同期多了将近一倍", "business_loan", "income_change", "increased"),
    (
        "项目怎么样？",
        "前年底就竣工验收了，现在在运营",
        "project_finance",
        "project_status",
        "completed",
    ),
    (
        "项目怎么样？",
        "完工了，现在住满了，去年还在建的时候没收入",
        "project_finance",
        "project_status",
        "completed",
    ),
    ("鱼塘怎么样？", "塘里发了病，只好停下来消毒", "business_loan", "project_status", "suspended"),
    (
        "这期怎么安排？",
        "手头紧，能不能让我缓两个月",
        "business_loan",
        "repayment_intent",
        "request_delay",
    ),
    (
        "这期怎么安排？",
        "想问问能不能晚一个月再还",
        "business_loan",
        "repayment_intent",
        "request_delay",
    ),
    (
        "这期怎么安排？",
        "剩下的能不能改成十二期还",
        "consumer_loan",
        "repayment_intent",
        "request_delay",
    ),
    (
        "这期怎么安排？",
        "想申请把本金推迟到年后，利息照付",
        "project_finance",
        "repayment_intent",
        "request_delay",
    ),
    # the borrower's own miscalculation is no dispute
    (
        "这期怎么安排？",
        "奖金少了一成，哦不，两成，我算错了，这期先还一半吧",
        "credit_card_installment",
        "repayment_intent",
        "partial",
    ),
    # a part done while the rest goes on or is still to come; a mid-term inspection is no completion
    (
        "项目现在进度怎么样？",
        "路基都做完了，现在在铺路面，预计五月份完工",
        "project_finance",
        "project_status",
        "on_track",
    ),
    (
        "项目现在进度怎么样？",
        "设备都安装完了，按计划明年投产",
        "project_finance",
        "project_status",
        "on_track",
    ),
    (
        "项目现在进度怎么样？",
        "上周刚过了中期验收，工程按计划在走",
        "project_finance",
        "project_status",
        "on_track",
    ),
    (
        "项目现在进度怎么样？",
        "已经完工了，四月底通过了验收，现在正常运营",
        "project_finance",
        "project_status",
        "completed",
    ),
    # the trouble word echoed as a question, then denied
    (
        "外面说您那个项目烂尾了，是真的吗？",
        "烂尾？没有没有，主体都封顶了，在做内装",
        "project_finance",
        "project_status",
        "on_track",
    ),
    # the money all spent on the goods named
    (
        "贷款都用在哪了？",
        "钱都买了种子化肥，地都种上了",
        "business_loan",
        "fund_usage",
        "as_agreed",
    ),
    # layoffs at the firm, not the borrower's job lost
    (
        "您工作收入有变化吗？",
        "公司在裁员，我这边没被裁，工资也没降",
        "housing_loan",
        "income_change",
        "stable",
    ),
    # tickets sold out (卖断了) is no severance (买断工龄)
    (
        "景区现在经营怎么样？",
        "正是旺季，周末门票都卖断了，收入比去年涨了两成",
        "project_finance",
        "income_change",
        "increased",
    ),
    # the rest put off after a pause; a deadline's 之前 is no past trouble that 现在不好讲 ends
    (
        "那您这边怎么安排？",
        "这个月我能还三千，剩下的两千，再等等吧",
        "consumer_loan",
        "repayment_intent",
        "partial",
    ),
    (
        "这期一共三万，您怎么安排？",
        "我月底之前先还一万，剩下的八千，等货款回来再说，具体哪天现在不好讲",
        "business_loan",
        "repayment_intent",
        "partial",
    ),
    # the project's date pushed back earlier in the sentence is no payment delay
    (
        "项目什么时候投产？这个月的利息能按时付吗？",
        "原定五月投产，现在看要推到八月了，利息我们月底前一定付",
        "project_finance",
        "repayment_intent",
        "will_repay",
    ),
]


@pytest.mark.parametrize(("question", "reply", "product", "field", "value"), FACTS)
def test_family_facts(question: str, reply: str, product: str, field: str, value: str) -> None:
    facts = call((A, question), (C, reply), product=product).facts
    assert getattr(facts, field) == value


def test_money_owed_to_the_borrower_put_off_is_no_payment_delay() -> None:
    facts = call(
        (A, "果子卖得怎么样？"),
        (C, "收购商压价，回款得往后推了"),
        (A, "那这期怎么安排？"),
        (C, "我先还两万，月底之前打进去，剩下的等下一茬卖了再还"),
        product="business_loan",
    ).facts
    assert facts.repayment_intent == "partial"


def test_loan_never_applied_for_has_no_usage() -> None:
    """The borrower says someone else took the loan: an answer to the usage question is no
    as_agreed."""
    facts = call(
        (A, "系统显示这笔三万是用于买家具的，您确认一下用途？"),
        (C, "我根本没申请过，是我前男友拿我身份证办的，钱我一分没见到"),
        product="consumer_loan",
    ).facts
    assert facts.fund_usage == "unknown"


def test_completion_still_ahead_is_not_completed() -> None:
    facts = call((A, "项目什么时候完工？"), (C, "年底前二期完工"), product="project_finance").facts
    assert facts.project_status != "completed"


def test_purpose_recalled_in_a_reminder_is_no_usage_question() -> None:
    facts = call(
        (A, "您这笔贷款是用来买设备的，这期三万还没还上。"),
        (C, "知道，这两天就还。"),
        product="business_loan",
    ).facts
    assert facts.fund_usage == "unknown"


@pytest.mark.parametrize(
    "reply", ["谁啊？哦，我是欧阳明辉，你哪位？", "谁啊？哦，俺是欧阳明辉，恁哪位？"]
)
def test_borrower_giving_the_asked_name_confirms_identity(reply: str) -> None:
    from datetime import date

    from nlp import Turn, analyze

    analysis = analyze(
        [
            Turn("agent", "您好，这里是宁波银行贷后回访中心。请问是欧阳明辉先生吗？"),
            Turn("customer", reply),
        ],
        product="consumer_loan",
        call_date=date(2026, 11, 20),
    )
    assert analysis.facts.identity_verified is True
