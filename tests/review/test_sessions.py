"""A web session ends as soon as its token is revoked or its user disabled."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.review.helpers import flagged_call
from tests.service.helpers import make_token


@pytest.fixture
def client(env: dict[str, str]) -> Iterator[TestClient]:
    from service.main import create_app

    with TestClient(create_app(), follow_redirects=False) as c:
        yield c


def login(client: TestClient, expect: int = 303, **fields: str) -> None:
    found = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text)
    assert found is not None
    reply = client.post("/login", data={**fields, "csrf": found.group(1)})
    assert reply.status_code == expect, reply.text


def goes_to_login(reply) -> bool:
    return reply.status_code == 303 and reply.headers["location"].startswith("/login")


def test_revoking_a_token_ends_its_page_session_at_once(client) -> None:
    from service import db
    from service.auth.service import revoke_token

    call = flagged_call()
    token = make_token("reviewer")
    login(client, token=token)
    assert client.get("/review").status_code == 200
    with db.session_scope() as session:
        revoke_token(session=session, key=token)
    assert goes_to_login(client.get(f"/calls/{call}"))
    assert goes_to_login(client.get("/review"))  # the cookie was cleared, not just refused
    login(client, expect=401, token=token)


def test_disabling_a_user_ends_their_session_and_a_role_change_applies(client) -> None:
    from sqlmodel import select

    from service import db
    from service.auth.models import Role
    from service.users.models import User
    from service.users.service import create_user, disable_user

    with db.session_scope() as session:
        create_user(
            session=session, username="wang", password="a long password", role=Role.reviewer
        )
    login(client, username="wang", password="a long password")
    assert client.get("/review").status_code == 200
    assert client.get("/dashboard").status_code == 403
    with db.session_scope() as session:
        session.exec(select(User).where(User.username == "wang")).one().role = "supervisor"
    assert client.get("/dashboard").status_code == 200
    with db.session_scope() as session:
        disable_user(session=session, username="wang")
    assert goes_to_login(client.get("/dashboard"))


def test_a_cookie_that_names_no_token_or_user_signs_in_again(client) -> None:
    """Sessions made before they named their token carry only a name and a role."""
    import base64
    import json

    from itsdangerous import TimestampSigner

    from service import db
    from service.auth.service import find_token
    from service.config import get_settings

    def cookie(user: dict[str, object]) -> str:
        payload = base64.b64encode(json.dumps({"user": user}).encode())
        return TimestampSigner(get_settings().session_secret).sign(payload).decode()

    with db.session_scope() as session:
        token_id = find_token(session=session, token=make_token("supervisor")).id
    client.cookies.set(
        "huifang_session", cookie({"name": "x", "role": "supervisor", "token_id": token_id})
    )
    assert client.get("/dashboard").status_code == 200  # the cookie is made as the app makes it
    client.cookies.clear()
    client.cookies.set("huifang_session", cookie({"name": "x", "role": "supervisor"}))
    assert goes_to_login(client.get("/dashboard"))
