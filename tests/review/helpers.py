"""A flagged call as the worker leaves it: transcript by speaker, facts with evidence, flags."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from tests.service.helpers import make_call

SEGMENTS = [
    {
        "index": 0,
        "start": 0.0,
        "end": 3.2,
        "speaker": "agent",
        "text": "您好，这里是宁波银行贷后回访，本次通话将被录音。请问是张伟先生吗？",
    },
    {"index": 1, "start": 3.4, "end": 5.0, "speaker": "customer", "text": "是我，怎么了？"},
    {
        "index": 2,
        "start": 5.2,
        "end": 8.0,
        "speaker": "agent",
        "text": "想了解一下您经营贷的还款情况，您的工厂现在经营怎么样？",
    },
    {
        "index": 3,
        "start": 8.3,
        "end": 12.5,
        "speaker": "customer",
        "text": "工厂停工了两个月，订单少了很多，资金周转不开。",
    },
    {
        "index": 4,
        "start": 12.8,
        "end": 15.0,
        "speaker": "agent",
        "text": "那这期的还款您怎么安排？",
    },
    {
        "index": 5,
        "start": 15.3,
        "end": 20.2,
        "speaker": "customer",
        "text": "我下个月十五号之前先还两万，我的手机号是幺三八幺二三四五六七八，卡号6222021234567890123。",
    },
    {
        "index": 6,
        "start": 20.5,
        "end": 23.0,
        "speaker": "agent",
        "text": "好的，感谢您的配合，再见。",
    },
]

FACTS = {
    "contact_result": "connected",
    "identity_verified": True,
    "repayment_intent": "partial",
    "promise_amount": 20000,
    "promise_date": "2026-12-15",
    "income_change": "decreased",
    "project_status": "suspended",
    "fund_usage": "unknown",
    "evidence": {
        "repayment_intent": {"segment": 5, "text": "我下个月十五号之前先还两万"},
        "project_status": {"segment": 3, "text": "工厂停工了两个月"},
    },
}

FLAGS = [
    {
        "category": "business_distress",
        "phrase": "停工了",
        "speaker": "customer",
        "segment": 3,
        "start": 8.3,
        "end": 12.5,
    },
    {
        "category": "repayment_difficulty",
        "phrase": "周转不开",
        "speaker": "customer",
        "segment": 3,
        "start": 8.3,
        "end": 12.5,
    },
]

COMPLIANCE = {
    "script": "business_loan",
    "items": [
        {"id": "greeting", "said": True, "segment": 0},
        {"id": "recording_notice", "said": True, "segment": 0},
        {"id": "identity_check", "said": True, "segment": 0},
        {"id": "closing", "said": True, "segment": 6},
        {"id": "fund_usage", "said": False, "segment": None},
    ],
}


def flagged_call(**overrides: Any) -> str:
    values: dict[str, Any] = {
        "call_id": "flagged-1",
        "loan_id": "L-1",
        "customer_id": "C-1",
        "customer_name": "张伟",
        "agent_id": "A-7",
        "product": "business_loan",
        "started_at": datetime(2026, 11, 20, 2, 3, tzinfo=UTC),
        "duration_s": 23.0,
        "transcript": {"language": "zh", "model": "test", "segments": SEGMENTS},
        "transcript_text": "\n".join(s["text"] for s in SEGMENTS),
        "facts": FACTS,
        "risk_level": "high",
        "risk_flags": FLAGS,
        "compliance": COMPLIANCE,
        **overrides,
    }
    return make_call(**values)
