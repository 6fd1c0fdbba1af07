"""General rules found on calls the analyzer had not seen, each with sentences of our own: a
project going on but slowly, a part completed while work goes on, a reply that opens with
"stopped", dialect income words, a lay-off that spared the borrower, and more."""

from __future__ import annotations

import pytest

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
]


@pytest.mark.parametrize(("question", "reply", "product", "status"), PROJECT)
def test_project_status(question: str, reply: str, product: str, status: str) -> None:
    assert call((A, question), (C, reply), product=product).facts.project_status == status


def test_stopped_reply_is_business_distress() -> None:
    assert "business_distress" in categories(
        call((A, "项目现在进展如何？"), (C, "停着呢，没钱往下干了"), product="project_finance")
    )
