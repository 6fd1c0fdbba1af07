"""CSV and XLSX exports of a filtered list: written row by row, never the whole list in memory."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi.responses import FileResponse, StreamingResponse
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from starlette.background import BackgroundTask

from service.calls.models import Call, RiskFlag
from service.calls.service import CallFilters
from service.db import session_scope
from service.privacy.mask import mask_text
from service.reports.service import iter_calls

HEADERS = [
    ("id", "记录ID"),
    ("call_id", "通话ID"),
    ("started_at", "通话时间"),
    ("loan_id", "贷款编号"),
    ("customer_id", "客户编号"),
    ("customer_name", "客户姓名"),
    ("agent_id", "坐席"),
    ("product", "产品"),
    ("status", "处理状态"),
    ("risk_level", "风险等级"),
    ("risk_categories", "风险类别"),
    ("contact_result", "接通结果"),
    ("identity_verified", "身份核实"),
    ("repayment_intent", "还款意愿"),
    ("promise_amount", "承诺金额"),
    ("promise_date", "承诺日期"),
    ("income_change", "收入变化"),
    ("project_status", "项目状态"),
    ("fund_usage", "资金用途"),
    ("missing_compliance", "未完成话术项"),
    ("next_followup_at", "下次回访"),
    ("review_status", "复核状态"),
    ("reviewer", "复核人"),
    ("transcript", "转写文本"),
]
_FACTS = (
    "contact_result",
    "identity_verified",
    "repayment_intent",
    "promise_amount",
    "promise_date",
    "income_change",
    "project_status",
    "fund_usage",
)
_XLSX_CELL_MAX = 32_000


def row(call: Call, flags: list[RiskFlag], *, unmasked: bool) -> list[Any]:
    facts = call.facts or {}
    missing = [i["id"] for i in (call.compliance or {}).get("items", []) if not i.get("said")]
    text = call.transcript_text or ""
    categories = sorted({f.category for f in flags if f.review != "rejected"})
    return [
        call.id,
        call.call_id,
        call.started_at.isoformat() if call.started_at else None,
        call.loan_id,
        call.customer_id,
        call.customer_name,
        call.agent_id,
        call.product,
        call.status,
        call.risk_level,
        ";".join(categories),
        *(facts.get(name) for name in _FACTS),
        ";".join(missing),
        call.next_followup_at.isoformat() if call.next_followup_at else None,
        call.review_status,
        call.reviewer,
        text if unmasked else mask_text(text),
    ]


def _safe(value: Any) -> Any:
    """A cell a spreadsheet will not run as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def csv_chunks(rows: Iterable[list[Any]]) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    # The BOM lets Excel open Chinese text as UTF-8.
    writer.writerow([label for _, label in HEADERS])
    yield ("\ufeff" + buffer.getvalue()).encode()
    buffer.seek(0)
    buffer.truncate()
    for count, values in enumerate(rows, 1):
        writer.writerow([_safe(v) for v in values])
        if count % 500 == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return _safe(ILLEGAL_CHARACTERS_RE.sub("", value)[:_XLSX_CELL_MAX])
    return value


def write_xlsx(rows: Iterable[list[Any]], directory: Path | None = None) -> Path:
    """An .xlsx file of the rows (openpyxl's write-only mode keeps one row in memory)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("回访记录")
    sheet.append([label for _, label in HEADERS])
    for values in rows:
        sheet.append([_cell(v) for v in values])
    handle = tempfile.NamedTemporaryFile(suffix=".xlsx", dir=directory, delete=False)
    handle.close()
    workbook.save(handle.name)
    return Path(handle.name)


def rows(filters: CallFilters, *, unmasked: bool) -> Iterator[list[Any]]:
    """Every row of the filtered list, read through a session of its own (the request's is
    gone by the time a streamed body is sent)."""
    with session_scope() as session:
        for call, flags in iter_calls(session=session, filters=filters):
            yield row(call, flags, unmasked=unmasked)


def _disposition(ext: str) -> str:
    return f'attachment; filename="huifang-calls-{datetime.now():%Y%m%d-%H%M%S}.{ext}"'


def csv_response(filters: CallFilters, *, unmasked: bool) -> StreamingResponse:
    """The list as CSV, streamed. The caller has checked the right and committed its session."""
    return StreamingResponse(
        csv_chunks(rows(filters, unmasked=unmasked)),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": _disposition("csv")},
    )


def xlsx_response(filters: CallFilters, *, unmasked: bool) -> FileResponse:
    """The list as an .xlsx file, removed once it is sent."""
    path = write_xlsx(rows(filters, unmasked=unmasked))
    return FileResponse(
        path,
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": _disposition("xlsx")},
        background=BackgroundTask(path.unlink, missing_ok=True),
    )
