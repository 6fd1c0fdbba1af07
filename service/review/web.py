"""What every page needs: templates, the session cookie, the signed-in person, CSRF."""

from __future__ import annotations

import hmac
import secrets
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, FastAPI, Form, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlmodel import Session
from starlette.middleware.sessions import SessionMiddleware

from service.auth.models import ApiToken, Role
from service.config import Settings
from service.db import SessionDep
from service.deps import Principal
from service.review import labels
from service.review.models import ENUM_FACTS
from service.users.models import User

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=HERE / "templates")
templates.env.globals.update(
    labels=labels, value=labels.value, label=labels.label, labels_enum=ENUM_FACTS
)
SESSION_HOURS = 8


class LoginRequired(Exception):
    def __init__(self, next_url: str) -> None:
        self.next_url = next_url


class PageError(Exception):
    """A problem to show the person as a readable page, with an HTTP status."""

    def __init__(self, status_code: int, message: str) -> None:
        self.status_code = status_code
        self.message = message


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = secrets.token_urlsafe(32)
    return str(token)


def check_csrf(request: Request, csrf: Annotated[str, Form()] = "") -> None:
    expected = request.session.get("csrf") or ""
    if not expected or not hmac.compare_digest(csrf, expected):
        raise PageError(
            status.HTTP_403_FORBIDDEN, "表单已过期或来源不明（CSRF 校验失败），请刷新页面后重试。"
        )


def sign_in(request: Request, *, who: Principal, token: ApiToken | None, user: User | None) -> None:
    """Start a session; it names the token or account so each request can check it again."""
    request.session.clear()
    request.session["user"] = {
        "name": who.name,
        "role": who.role.value,
        **({"token_id": token.id} if token is not None else {}),
        **({"user_id": user.id} if user is not None else {}),
    }


def _still_valid(session: Session, user: dict[str, Any]) -> Principal | None:
    """Who the session is now: None once its token is revoked or its account disabled."""
    if isinstance(user.get("token_id"), int):
        token = session.get(ApiToken, user["token_id"])
        if token is None or token.revoked_at is not None:
            return None
        return Principal(name=user["name"], role=Role(token.role))
    if isinstance(user.get("user_id"), int):
        account = session.get(User, user["user_id"])
        if account is None or account.disabled_at is not None:
            return None
        return Principal(name=account.display_name or account.username, role=Role(account.role))
    return None  # a cookie from before sessions named their token: sign in again


def signed_in(request: Request, session: SessionDep) -> Principal:
    """The signed-in person, checked against the database on every page (one key lookup), so
    revoking a token or disabling a user ends their sessions at once."""
    user = request.session.get("user")
    if not isinstance(user, dict):
        user = {}
    who = _still_valid(session, user)
    if who is None:
        request.session.clear()
        raise LoginRequired(
            request.url.path + (f"?{request.url.query}" if request.url.query else "")
        )
    if user["role"] != who.role.value:
        request.session["user"] = {**user, "role": who.role.value}
    return who


def page_role(*roles: Role) -> Any:
    def check(who: Annotated[Principal, Depends(signed_in)]) -> Principal:
        if who.role not in roles:
            allowed = "、".join(labels.ROLES[r.value] for r in roles)
            raise PageError(status.HTTP_403_FORBIDDEN, f"此页面仅限{allowed}访问。")
        return who

    return Depends(check)


ReviewerPage = Annotated[Principal, page_role(Role.reviewer, Role.supervisor)]
SupervisorPage = Annotated[Principal, page_role(Role.supervisor, Role.admin)]
Csrf = Annotated[None, Depends(check_csrf)]


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("who", request.session.get("user"))
    context["csrf"] = csrf_token(request)
    context["flash"] = request.session.pop("flash", None)
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def flash(request: Request, message: str, kind: str = "ok") -> None:
    request.session["flash"] = {"kind": kind, "message": message}


def back(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=status.HTTP_303_SEE_OTHER)


async def _login_required(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, LoginRequired)
    return back("/login?next=" + quote(exc.next_url, safe=""))


async def _page_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, PageError)
    return render(request, "error.html", exc.status_code, message=exc.message)


def install(app: FastAPI, settings: Settings) -> None:
    """Session cookie, page error handlers and the vendored static files."""
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.session_secret,
        session_cookie="huifang_session",
        max_age=SESSION_HOURS * 3600,
        same_site="strict",
        https_only=settings.public_url is not None and settings.public_url.startswith("https"),
    )
    app.add_exception_handler(LoginRequired, _login_required)
    app.add_exception_handler(PageError, _page_error)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
