"""The reviewers' and supervisors' web pages. Routes only: parse, call a service, render."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from service.auth.models import Role
from service.auth.service import find_token
from service.calls import service as calls
from service.calls.analysis import knowledge
from service.calls.models import Call
from service.calls.service import CallFilters
from service.db import SessionDep
from service.deps import Principal, SettingsDep
from service.privacy.mask import mask_value
from service.privacy.service import UnmaskForbidden, present
from service.reports import export
from service.reports import service as reports
from service.review import service, view
from service.review.web import (
    Csrf,
    PageError,
    ReviewerPage,
    SupervisorPage,
    back,
    flash,
    render,
    sign_in,
)
from service.search import service as search
from service.search.service import BadQuery
from service.users.service import authenticate

router = APIRouter(include_in_schema=False)


def _safe_next(url: str) -> str:
    return url if url.startswith("/") and not url.startswith("//") else "/"


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next_url: Annotated[str, Query(alias="next")] = "/") -> Any:
    return render(request, "login.html", next_url=_safe_next(next_url))


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    session: SessionDep,
    _csrf: Csrf,
    token: Annotated[str, Form()] = "",
    username: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    next_url: Annotated[str, Form(alias="next")] = "/",
) -> Any:
    who: Principal | None = None
    found, user = None, None
    if len(token) > 200 or len(username) > 100 or len(password) > 200:
        token = username = ""
    if token.strip():
        found = find_token(session=session, token=token.strip())
        if found is not None:
            who = Principal(name=found.name or f"token-{found.id}", role=Role(found.role))
    elif username.strip():
        user = authenticate(session=session, username=username.strip(), password=password)
        if user is not None:
            who = Principal(name=user.display_name or user.username, role=Role(user.role))
    if who is None:
        message = "登录失败：令牌无效，或用户名与密码不匹配。"
        return render(request, "login.html", 401, error=message, next_url=_safe_next(next_url))
    sign_in(request, who=who, token=found, user=user)
    home = "/dashboard" if who.role in (Role.supervisor, Role.admin) else "/review"
    return back(_safe_next(next_url) if next_url != "/" else home)


@router.post("/logout")
def logout(request: Request, _csrf: Csrf) -> RedirectResponse:
    request.session.clear()
    return back("/login")


@router.get("/")
def home(request: Request) -> RedirectResponse:
    user = request.session.get("user")
    if not user:
        return back("/login")
    return back("/dashboard" if user["role"] in ("supervisor", "admin") else "/review")


@router.get("/review", response_class=HTMLResponse)
def queue(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    who: ReviewerPage,
    page_param: Annotated[str, Query(alias="page")] = "1",
) -> Any:
    params = request.query_params
    page = int(page_param) if page_param.isdigit() and 0 < int(page_param) <= 10_000 else 1
    filters = _queue_filters(request, settings.timezone)
    try:
        rows, more = service.queue_page(session=session, filters=filters, page=page)
    except BadQuery as exc:
        raise PageError(422, f"关键词无法搜索：{exc}") from exc
    query = urlencode([(k, v) for k, v in params.multi_items() if k != "page"])
    shown = [(k, v) for k, v in params.multi_items() if k != "page" and v]
    if "review_status" not in params:
        shown.append(("review_status", "pending"))
    return render(
        request,
        "queue.html",
        rows=[(c, mask_value([f.phrase for f in flags])) for c, flags in rows],
        flags_of={c.id: flags for c, flags in rows},
        params=params,
        page=page,
        more=more,
        query=query,
        export_query=urlencode(shown),
        can_export=who.role is Role.supervisor,
    )


def _queue_filters(request: Request, tz: str) -> CallFilters:
    """The queue's filters from its query string; without a review status, the pending calls."""
    filters = view.page_filters(request.query_params, tz)
    if "review_status" not in request.query_params:
        filters = replace(filters, review_status=["pending"])
    return filters


@router.get("/review/export.{fmt}")
def queue_export(
    request: Request, fmt: str, session: SessionDep, settings: SettingsDep, _who: SupervisorPage
) -> Response:
    """The queue's calls under its current filters, as CSV or XLSX (supervisors)."""
    if fmt not in ("csv", "xlsx"):
        raise PageError(404, "只能导出 CSV 或 XLSX。")
    filters = _queue_filters(request, settings.timezone)
    if filters.q:
        try:
            search.check_query(filters.q)
        except BadQuery as exc:
            raise PageError(422, f"关键词无法搜索：{exc}") from exc
        search.refresh(session=session)
    # The rows stream from a session of their own: it must see the refreshed index.
    session.commit()
    if fmt == "csv":
        return export.csv_response(filters, unmasked=False)
    return export.xlsx_response(filters, unmasked=False)


def _load(session: SessionDep, call_pk: str) -> Call:
    call = calls.get(session=session, call_pk=call_pk[:64])
    if call is None:
        raise PageError(404, f"找不到通话记录 {call_pk[:64]}。")
    return call


@router.get("/calls/{call_pk}", response_class=HTMLResponse)
def call_page(
    request: Request, call_pk: str, session: SessionDep, who: ReviewerPage, unmasked: str = ""
) -> Any:
    call = _load(session, call_pk)
    try:
        record = present(session=session, call=call, who=who, unmasked=unmasked == "1").model_dump()
    except UnmaskForbidden as exc:
        raise PageError(403, "只有主管可以查看完整号码。") from exc
    segments = (record.get("transcript") or {}).get("segments") or []
    by_segment: dict[int, list[dict[str, Any]]] = {}
    for flag in record["risk_flags"]:
        by_segment.setdefault(flag["segment"], []).append(flag)
    lines = [
        (s, view.highlight(s["text"], by_segment.get(s.get("index", i), [])))
        for i, s in enumerate(segments)
    ]
    trail = [
        view.audit_row(
            {**e.model_dump(), "before": mask_value(e.before), "after": mask_value(e.after)}
        )
        for e in service.trail(session=session, call_pk=call.id)
    ]
    return render(
        request,
        "call.html",
        call=record,
        lines=lines,
        trail=trail,
        has_audio=bool(call.audio_path and Path(call.audio_path).exists()),
        item_notes=_script_items(record.get("compliance")),
        unmasked=unmasked == "1",
        can_unmask=who.role is Role.supervisor,
    )


def _script_items(compliance: dict[str, Any] | None) -> dict[str, str]:
    """What the call's script says each of its items asks of the agent (shown on hover)."""
    script = knowledge().scripts.get(str((compliance or {}).get("script")))
    return {item.id: item.description for item in script.items} if script else {}


@router.get("/calls/{call_pk}/audio")
def call_audio(call_pk: str, session: SessionDep, _who: ReviewerPage) -> FileResponse:
    call = _load(session, call_pk)
    if not call.audio_path or not Path(call.audio_path).exists():
        raise PageError(404, "这通电话没有录音。")
    return FileResponse(call.audio_path, media_type=call.audio_content_type or "audio/mpeg")


@router.post("/calls/{call_pk}/flags/{flag_id}")
def flag_decision(
    request: Request,
    call_pk: str,
    flag_id: str,
    session: SessionDep,
    who: ReviewerPage,
    _csrf: Csrf,
    decision: Annotated[str, Form()] = "",
) -> RedirectResponse:
    call = _load(session, call_pk)
    if decision not in ("confirmed", "rejected", "pending"):
        raise PageError(422, "复核结论只能是确认、驳回或待定。")
    try:
        if not flag_id.isdigit():
            raise service.NotFound(flag_id)
        service.review_flag(
            session=session, who=who, call=call, flag_id=int(flag_id), decision=decision
        )
    except service.NotFound as exc:
        raise PageError(404, "找不到这个风险标记（可能已重新分析），请刷新页面。") from exc
    flash(
        request,
        "风险标记已"
        + ("确认" if decision == "confirmed" else "驳回" if decision == "rejected" else "重置"),
    )
    return back(f"/calls/{call.id}#flags")


def _form_value(field: str, raw: str) -> Any:
    raw = raw.strip()
    if field == "identity_verified":
        return {"true": True, "false": False}.get(raw, raw)
    if field in ("promise_amount", "promise_date") and raw == "":
        return None
    if field == "promise_amount":
        try:
            return float(raw) if "." in raw else int(raw)
        except ValueError:
            return raw
    return raw


@router.post("/calls/{call_pk}/facts")
def fact_correction(
    request: Request,
    call_pk: str,
    session: SessionDep,
    who: ReviewerPage,
    _csrf: Csrf,
    field: Annotated[str, Form()] = "",
    value: Annotated[str, Form()] = "",
) -> RedirectResponse:
    call = _load(session, call_pk)
    try:
        service.correct_fact(
            session=session, who=who, call=call, field=field, value=_form_value(field, value)
        )
    except service.ReviewError as exc:
        flash(request, f"未保存：{exc}", "error")
        return back(f"/calls/{call.id}#facts")
    flash(request, "字段已更正")
    return back(f"/calls/{call.id}#facts")


@router.post("/calls/{call_pk}/segments/{index}")
def segment_correction(
    request: Request,
    call_pk: str,
    index: str,
    session: SessionDep,
    who: ReviewerPage,
    _csrf: Csrf,
    text: Annotated[str, Form()] = "",
) -> RedirectResponse:
    call = _load(session, call_pk)
    if not text.strip() or len(text) > 2000:
        flash(request, "未保存：转写内容不能为空，也不能超过 2000 字。", "error")
        return back(f"/calls/{call.id}#seg-{index}")
    try:
        if not index.isdigit():
            raise service.NotFound(index)
        service.correct_segment(
            session=session, who=who, call=call, index=int(index), text=text.strip(), speaker=None
        )
    except service.NotFound as exc:
        raise PageError(404, "找不到这一行转写。") from exc
    flash(request, "转写已更正，已重新分析")
    return back(f"/calls/{call.id}#seg-{index}")


@router.post("/calls/{call_pk}/status")
def review_status(
    request: Request,
    call_pk: str,
    session: SessionDep,
    who: ReviewerPage,
    _csrf: Csrf,
    status: Annotated[str, Form()] = "",
) -> RedirectResponse:
    call = _load(session, call_pk)
    if status not in ("pending", "confirmed", "corrected"):
        raise PageError(422, "复核状态只能是待复核、已确认或已更正。")
    service.set_status(session=session, who=who, call=call, status=status)
    flash(request, "复核状态已保存")
    return back(f"/calls/{call.id}")


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard(
    request: Request, session: SessionDep, settings: SettingsDep, _who: SupervisorPage
) -> Any:
    params = dict(request.query_params)
    today = date.today()
    params.setdefault("since", (today - timedelta(days=29)).isoformat())
    params.setdefault("until", today.isoformat())
    period = params.get("period", "day")
    if period not in ("day", "week"):
        raise PageError(422, "统计周期只能是按天或按周。")
    filters = view.page_filters(request.query_params.__class__(params), settings.timezone)
    stats = reports.stats(session=session, filters=filters, period=period).model_dump()  # type: ignore[arg-type]
    return render(
        request,
        "dashboard.html",
        stats=stats,
        chart=view.bar_chart(stats["series"]),
        since=params["since"],
        until=params["until"],
        period=period,
        by_misconduct=[a for a in stats["agents"] if a["agent_misconduct"]][:10],
        by_missing=sorted(
            (a for a in stats["agents"] if a["missing_compliance"]),
            key=lambda a: -a["missing_compliance"],
        )[:10],
    )
