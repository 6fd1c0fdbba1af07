"""Every compliance item a call script can report has a Chinese name on the pages."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from call_scripts import load_scripts
from tests.review.helpers import flagged_call
from tests.service.helpers import make_token

SCRIPT_IDS = sorted({item.id for s in load_scripts().values() for item in s.items})


def test_every_item_id_in_the_call_scripts_has_a_chinese_label() -> None:
    from service.review.labels import COMPLIANCE

    assert len(SCRIPT_IDS) >= 10
    missing = [i for i in SCRIPT_IDS if not re.search(r"[\u4e00-\u9fff]", COMPLIANCE.get(i, ""))]
    assert missing == []


@pytest.fixture
def signed_in(env: dict[str, str]) -> Iterator[TestClient]:
    from service.main import create_app

    with TestClient(create_app()) as client:
        csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text)
        assert csrf is not None
        reply = client.post("/login", data={"token": make_token("reviewer"), "csrf": csrf.group(1)})
        assert reply.status_code in (200, 303)
        yield client


def test_the_call_page_names_compliance_items_in_chinese(signed_in) -> None:
    from service.review.labels import COMPLIANCE

    items = [
        {"id": i, "said": n % 2 == 0, "segment": 0 if n % 2 == 0 else None}
        for n, i in enumerate(SCRIPT_IDS)
    ]
    call = flagged_call(compliance={"script": "project_finance", "items": items})
    html = signed_in.get(f"/calls/{call}").text
    shown = re.search(r'<ul class="compliance">(.*?)</ul>', html, re.S)
    assert shown is not None
    names = re.findall(r'<span class="item-name"[^>]*>([^<]*)</span>', shown.group(1))
    assert names == [COMPLIANCE[i] for i in SCRIPT_IDS]
    # The script's own wording shows on hover for the items it asks for.
    assert 'title="了解项目进度"' in shown.group(1)
