"""Turning records into what the pages show: highlighted lines, the chart, page filters."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from markupsafe import Markup, escape
from pydantic import ValidationError

from nlp import CATEGORIES, PRODUCTS
from service.calls.service import CallFilters, aware
from service.review import labels
from service.review.web import PageError

_LEVELS = ("low", "medium", "high")
_REVIEW = ("pending", "confirmed", "corrected")
_STATUS = ("queued", "transcribing", "analyzing", "done", "failed")


def highlight(text: str, flags: list[dict[str, Any]]) -> Markup:
    """The line with each risk phrase marked (the text is escaped first)."""
    html = str(escape(text))
    for flag in sorted(flags, key=lambda f: -len(f["phrase"])):
        phrase = str(escape(flag["phrase"]))
        if phrase and phrase in html and "<mark" not in phrase:
            name = labels.label(labels.CATEGORIES, flag["category"])
            mark = f'<mark class="risk" title="{name}">{phrase}</mark>'
            html = html.replace(phrase, mark, 1)
    return Markup(html)


def _one_of(
    params: Mapping[str, Any], name: str, allowed: tuple[str, ...], shown: str
) -> list[str] | None:
    given = [v for v in params.getlist(name) if v] if hasattr(params, "getlist") else []
    bad = [v for v in given if v not in allowed]
    if bad:
        raise PageError(422, f"筛选条件「{shown}」的值无效：{'、'.join(bad)}。")
    return given or None


def _day(params: Mapping[str, Any], name: str, shown: str, tz: str) -> datetime | None:
    raw = params.get(name) or ""
    if not raw:
        return None
    try:
        return aware(datetime.combine(date.fromisoformat(raw), datetime.min.time()), tz)
    except ValueError:
        raise PageError(
            422, f"「{shown}」不是有效日期：{raw[:40]}（应为 2026-11-20 这样的格式）。"
        ) from None


def _text(params: Mapping[str, Any], name: str, shown: str, limit: int = 200) -> str | None:
    raw = (params.get(name) or "").strip()
    if len(raw) > limit:
        raise PageError(422, f"「{shown}」太长（最多 {limit} 个字）。")
    return raw or None


def page_filters(params: Mapping[str, Any], tz: str) -> CallFilters:
    """The list filters from a page's query string, with readable messages when wrong."""
    try:
        since, until = _day(params, "since", "开始日期", tz), _day(params, "until", "结束日期", tz)
        if since and until and since > until:
            raise PageError(422, "开始日期不能晚于结束日期。")
        return CallFilters(
            status=_one_of(params, "status", _STATUS, "处理状态"),  # type: ignore[arg-type]
            risk_level=_one_of(params, "risk_level", _LEVELS, "风险等级"),
            category=_one_of(params, "category", tuple(CATEGORIES), "风险类别"),
            product=_one_of(params, "product", tuple(PRODUCTS), "产品"),
            agent_id=_text(params, "agent_id", "坐席"),
            loan_id=_text(params, "loan_id", "贷款编号"),
            customer_id=_text(params, "customer_id", "客户编号"),
            review_status=_one_of(params, "review_status", _REVIEW, "复核状态"),
            since=since,
            until=until and until.replace(hour=23, minute=59, second=59),
            q=_text(params, "q", "关键词"),
        )
    except ValidationError as exc:
        raise PageError(422, f"筛选条件无效：{exc.errors()[0]['msg']}") from exc


def bar_chart(series: list[dict[str, Any]], width: int = 760, height: int = 260) -> Markup:
    """Stacked bars: flagged calls' flags per period by category, as inline SVG."""
    if not series:
        return Markup('<p class="muted">所选时间段内没有数据。</p>')
    left, bottom, top = 40, 40, 10
    peak = max(max(sum(b["by_category"].values()) for b in series), 1)
    step = (width - left - 10) / len(series)
    bar = max(min(step * 0.7, 48), 2)
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="风险标记趋势">'
    ]
    scale = (height - bottom - top) / peak
    for tick in {0, peak // 2, peak}:
        y = height - bottom - tick * scale
        parts.append(f'<line x1="{left}" x2="{width}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
    for i, bucket in enumerate(series):
        x, y = left + i * step + (step - bar) / 2, height - bottom
        for category, count in sorted(bucket["by_category"].items()):
            h = count * scale
            y -= h
            name = labels.label(labels.CATEGORIES, category)
            color = labels.COLORS.get(category, "#999")
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="{color}">'
                f"<title>{bucket['period']} {name}: {count}</title></rect>"
            )
        if len(series) <= 16 or i % max(len(series) // 12, 1) == 0:
            day = str(bucket["period"])[5:]
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{height - bottom + 16}" text-anchor="middle">{day}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def audit_row(entry: dict[str, Any]) -> dict[str, Any]:
    """An audit entry in words: Chinese labels for fields, categories and states."""

    def shown(value: Any) -> str:
        if isinstance(value, dict):
            return str(value.get("text", ""))
        if entry["action"] in ("flag.review", "review.status"):
            return labels.label(labels.REVIEW, value)
        return labels.value(value)

    target = entry.get("target") or "—"
    if target in labels.FIELDS:
        target = labels.FIELDS[target]
    for key, name in labels.CATEGORIES.items():
        target = target.replace(key, name)
    return {
        **entry,
        "target": target.replace("flag ", "标记 #").replace("line ", "第 ")
        + ("" if not target.startswith("line ") else " 行"),
        "before": shown(entry["before"]),
        "after": shown(entry["after"]),
    }
