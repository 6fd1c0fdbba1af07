"""The pages as a reviewer and a supervisor use them, in a real browser (Debian's chromium)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import AUDIO
from tests.review.helpers import flagged_call
from tests.service.helpers import make_call, make_token
from tests.web.conftest import screenshot

pytestmark = pytest.mark.browser


def make_user(username: str, password: str, role: str) -> None:
    from service import db
    from service.auth.models import Role
    from service.users.service import create_user

    with db.session_scope() as session:
        create_user(
            session=session,
            username=username,
            password=password,
            role=Role(role),
            display_name=f"{username}",
        )


def seed_month() -> str:
    today = datetime.now(UTC).replace(hour=2, minute=0, second=0, microsecond=0)
    categories = ["business_distress", "repayment_difficulty", "agent_misconduct", "income_loss"]
    for day in range(14):
        when = today - timedelta(days=day)
        for n in range(day % 4 + 1):
            category = categories[(day + n) % 4]
            make_call(
                call_id=f"s{day}-{n}",
                started_at=when,
                call_date=when.date(),
                agent_id=f"A-{(day + n) % 5}",
                risk_level="high" if n % 2 else "medium",
                product="business_loan",
                risk_flags=[{"category": category, "phrase": "x", "speaker": "customer"}],
                compliance={
                    "script": "business_loan",
                    "items": [{"id": "recording_notice", "said": n % 3 != 0}],
                },
            )
    when = today - timedelta(hours=1)
    return flagged_call(
        audio_path=str(AUDIO / "dev014.mono.wav"),
        audio_content_type="audio/wav",
        started_at=when,
        call_date=when.date(),
    )


def login(page, url: str, **fields: str) -> None:
    page.goto(url + "/review")
    assert "/login" in page.url
    for name, value in fields.items():
        page.fill(f"input[name={name}]", value)
    page.click("button:has-text('登录')")


def test_reviewer_reviews_a_flagged_call(served, page) -> None:
    call = seed_month()
    make_user("lihua", "correct horse 电池", "reviewer")
    ranges: list[int] = []
    page.on("response", lambda r: ranges.append(r.status) if "/audio" in r.url else None)

    login(page, served, username="lihua", password="wrong")
    assert "登录失败" in page.inner_text("main")
    page.fill("input[name=username]", "lihua")
    page.fill("input[name=password]", "correct horse 电池")
    page.click("button:has-text('登录')")
    assert page.url.endswith("/review")
    assert "lihua（质检员）" in page.inner_text("header")

    page.click(f"a.open[href='/calls/{call}']")
    assert page.url.endswith(f"/calls/{call}")
    assert page.locator("#seg-3 mark.risk").all_inner_texts() == ["停工了", "周转不开"]
    assert "138****5678" not in page.content()  # spoken digits stay spoken, but masked
    assert "幺三八****五六七八" in page.inner_text("#seg-5")
    assert "6222021234567890123" not in page.content()
    items = page.inner_text("ul.compliance")
    assert "✗ 资金用途核实" in items  # compliance items by their Chinese names, never ids
    assert "_" not in items

    page.wait_for_function("document.getElementById('player').readyState >= 1")
    page.click("#seg-3 .text")
    page.wait_for_function("document.getElementById('player').currentTime >= 8.3")
    assert not page.evaluate("document.getElementById('player').paused")
    assert 206 in ranges  # the player streams byte ranges
    page.click("#facts a.evidence[data-segment='5']")
    page.wait_for_function("Math.abs(document.getElementById('player').currentTime - 15.3) < 1.5")

    flag = page.locator(".flag", has_text="停工了")
    flag.locator("button:has-text('确认')").click()
    assert "风险标记已确认" in page.inner_text(".flash")
    assert (
        page.locator(".flag", has_text="停工了").locator(".review-state").inner_text() == "已确认"
    )

    row = page.locator("table.facts tr", has_text="还款意愿")
    row.locator("select[name=value]").select_option("unable")
    row.locator("button:has-text('更正')").click()
    assert "字段已更正" in page.inner_text(".flash")
    assert "无力还款" in page.locator("table.facts tr", has_text="还款意愿").inner_text()
    assert page.inner_text("#review-status") == "已更正"

    audit = page.inner_text("#audit")
    assert "风险标记复核" in audit
    assert "已确认" in audit
    assert "更正字段" in audit
    assert "部分还款" in audit
    assert "无力还款" in audit
    assert audit.count("lihua（质检员）") == 2
    page.evaluate("document.getElementById('player').pause()")
    screenshot(page, "call_page.png")

    page.goto(served + "/dashboard")
    assert "此页面仅限主管、管理员访问" in page.inner_text("main")


def test_supervisor_dashboard_links_into_lists(served, page) -> None:
    seed_month()
    login(page, served, token=make_token("supervisor"))
    page.goto(served + "/dashboard")
    assert page.locator("svg.chart rect").count() >= 14
    assert "坐席违规最多的坐席" in page.inner_text("main")
    screenshot(page, "dashboard.png")
    page.click("ul.legend a:has-text('坐席违规')")
    assert "category=agent_misconduct" in page.url
    rows = page.locator("table.list tbody tr")
    assert rows.count() > 0
    for i in range(rows.count()):
        assert "坐席违规" in rows.nth(i).inner_text()


def test_pages_need_a_login_and_a_valid_form(served, page) -> None:
    call = seed_month()
    for path in ("/review", f"/calls/{call}", "/dashboard"):
        page.goto(served + path)
        assert "/login" in page.url
    login(page, served, token=make_token("reviewer"))
    page.goto(served + "/review?since=2026-02-31")
    assert "不是有效日期" in page.inner_text(".error-message")
    page.goto(served + f"/calls/{call}")
    page.evaluate("document.querySelectorAll('input[name=csrf]').forEach(i => i.value = 'forged')")
    page.locator(".flag button:has-text('确认')").first.click()
    assert "CSRF" in page.inner_text(".error-message")
    page.goto(served + f"/calls/{call}")
    row = page.locator("table.facts tr", has_text="承诺金额")
    row.locator("input[name=value]").fill("两万")
    row.locator("button:has-text('更正')").click()
    assert "promise_amount must be a number" in page.inner_text(".flash.error")
    page.click("button:has-text('退出登录')")
    page.goto(served + "/review")
    assert "/login" in page.url


def test_supervisor_exports_the_filtered_queue(served, page, tmp_path) -> None:
    import csv
    import io

    import httpx
    from openpyxl import load_workbook

    seed_month()
    token = make_token("supervisor")
    expected = {
        item["id"]
        for item in httpx.get(
            served + "/v1/calls",
            params={"category": "business_distress", "review_status": "pending", "limit": 500},
            headers={"Authorization": f"Bearer {token}"},
        ).json()["items"]
    }
    assert 0 < len(expected) < 20  # a real subset of the month's calls

    login(page, served, token=token)
    page.goto(served + "/review")
    page.select_option("select[name=category]", "business_distress")
    page.click("button:has-text('筛选')")
    assert "category=business_distress" in page.url
    screenshot(page, "queue_supervisor.png")

    with page.expect_download() as info:
        page.click("a.export:has-text('CSV')")
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    text = download.path().read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["记录ID"] for r in rows} == expected
    assert all("business_distress" in r["风险类别"] for r in rows)
    assert all(r["复核状态"] == "pending" for r in rows)

    with page.expect_download() as info:
        page.click("a.export:has-text('XLSX')")
    saved = tmp_path / info.value.suggested_filename
    assert saved.suffix == ".xlsx"
    info.value.save_as(saved)
    sheet = load_workbook(saved, read_only=True).active
    assert {r[0] for r in sheet.iter_rows(min_row=2, values_only=True)} == expected


def test_reviewers_see_no_export(served, page) -> None:
    seed_month()
    login(page, served, token=make_token("reviewer"))
    assert page.url.endswith("/review")
    assert page.locator("table.list tbody tr a.open").count() > 0
    assert page.locator("a.export").count() == 0
    reply = page.goto(served + "/review/export.csv?category=business_distress")
    assert reply is not None
    assert reply.status == 403
    assert "此页面仅限主管、管理员访问" in page.inner_text("main")
