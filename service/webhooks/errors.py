"""Turning validation errors into one sentence a person can act on."""

from __future__ import annotations

from pydantic import ValidationError


def describe(exc: ValidationError, *, prefix: str = "") -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in (prefix, *error["loc"]) if p != "")
        parts.append(f"{where}: {error['msg']}" if where else error["msg"])
    return "; ".join(parts)
