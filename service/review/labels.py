"""Chinese labels for the pages: field names, values, categories, compliance items."""

from __future__ import annotations

FIELDS = {
    "contact_result": "接通结果",
    "identity_verified": "身份已核实",
    "repayment_intent": "还款意愿",
    "promise_amount": "承诺金额（元）",
    "promise_date": "承诺还款日",
    "income_change": "收入变化",
    "project_status": "经营/项目状态",
    "fund_usage": "资金用途",
    "risk_level": "风险等级",
}

VALUES = {
    "connected": "本人接听",
    "third_party": "第三方接听",
    "wrong_number": "号码错误",
    "refused": "拒绝沟通",
    "no_answer": "未接通",
    "will_repay": "愿意按时还款",
    "already_repaid": "已还款",
    "partial": "部分还款",
    "request_delay": "申请延期",
    "unable": "无力还款",
    "refuse": "拒绝还款",
    "dispute": "有异议",
    "unknown": "未知",
    "increased": "增加",
    "stable": "稳定",
    "decreased": "减少",
    "lost": "收入中断",
    "on_track": "正常",
    "delayed": "延误",
    "suspended": "停工/停产",
    "completed": "已完成",
    "as_agreed": "按约定使用",
    "diverted": "挪用",
    "low": "低",
    "medium": "中",
    "high": "高",
    "true": "是",
    "false": "否",
}

CATEGORIES = {
    "repayment_difficulty": "还款困难",
    "income_loss": "收入下降",
    "business_distress": "经营困难",
    "fund_diversion": "资金挪用",
    "legal_or_complaint": "投诉/诉讼",
    "hardship": "重大变故",
    "contact_loss": "失联风险",
    "fraud_identity": "冒名/欺诈",
    "collateral_risk": "抵押物风险",
    "multi_debt": "多头借贷",
    "agent_misconduct": "坐席违规",
}

COLORS = {
    "repayment_difficulty": "#d97706",
    "income_loss": "#ca8a04",
    "business_distress": "#dc2626",
    "fund_diversion": "#7c3aed",
    "legal_or_complaint": "#db2777",
    "hardship": "#0891b2",
    "contact_loss": "#4b5563",
    "fraud_identity": "#be123c",
    "collateral_risk": "#9a3412",
    "multi_debt": "#2563eb",
    "agent_misconduct": "#111827",
}

# Every required item id in call_scripts/*.yaml (the scripts have a `description` but no short
# name; tests/review/test_labels.py fails when a script gains an id missing here).
COMPLIANCE = {
    "greeting": "开场问候（含银行名称）",
    "recording_notice": "录音告知",
    "identity_check": "身份核实",
    "repayment_check": "还款情况核实/提醒",
    "income_check": "工作收入变化询问",
    "fund_usage": "资金用途核实",
    "business_status": "经营状况了解",
    "project_progress": "项目进度了解",
    "occupancy": "房屋自住核实",
    "closing": "结束语",
}

REVIEW = {"pending": "待复核", "confirmed": "已确认", "corrected": "已更正", "rejected": "已驳回"}
SPEAKERS = {"agent": "坐席", "customer": "客户", "unknown": "未知"}
ROLES = {"admin": "管理员", "supervisor": "主管", "reviewer": "质检员"}
PRODUCTS = {
    "housing_loan": "住房贷款",
    "credit_card_installment": "信用卡分期",
    "business_loan": "经营贷",
    "project_finance": "项目融资",
    "consumer_loan": "消费贷",
}
ACTIONS = {
    "flag.review": "风险标记复核",
    "fact.correct": "更正字段",
    "segment.correct": "更正转写",
    "review.status": "复核状态",
    "call.unmasked": "查看完整号码",
}


def value(v: object) -> str:
    if v is None:
        return "—"
    if isinstance(v, bool):
        return VALUES["true" if v else "false"]
    return VALUES.get(str(v), str(v))


def label(table: dict[str, str], key: object) -> str:
    return table.get(str(key), str(key))
