"""Checking that a webhook really comes from the platform. Each failure is a 401."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import time
from collections.abc import Mapping

from fastapi import HTTPException, status
from standardwebhooks.webhooks import Webhook
from twilio.request_validator import RequestValidator


def _unauthorized(reason: str) -> HTTPException:
    return HTTPException(status.HTTP_401_UNAUTHORIZED, reason)


def verify_standard(
    *, secret: str, body: bytes, headers: Mapping[str, str], tolerance_s: int
) -> None:
    """Standard Webhooks: v1 HMAC-SHA256 over `id.timestamp.body`, timestamp within tolerance.

    The standardwebhooks package parses the secret, but its verify() decodes the body as UTF-8,
    which a multipart body with a recording in it is not; so the comparison runs on the raw bytes.
    """
    msg_id, stamp, signatures = (
        headers.get(h) for h in ("webhook-id", "webhook-timestamp", "webhook-signature")
    )
    if not (msg_id and stamp and signatures):
        raise _unauthorized(
            "missing signature headers: webhook-id, webhook-timestamp and webhook-signature are required"
        )
    try:
        sent_at = int(stamp)
    except ValueError:
        raise _unauthorized("webhook-timestamp must be Unix seconds") from None
    if abs(time.time() - sent_at) > tolerance_s:
        raise _unauthorized(
            f"webhook-timestamp is more than {tolerance_s}s from now (replayed or clock skew)"
        )
    key = Webhook(secret)._whsecret
    expected = hmac.new(key, f"{msg_id}.{sent_at}.".encode() + body, hashlib.sha256).digest()
    for candidate in signatures.split():
        version, _, value = candidate.partition(",")
        try:
            given = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            continue
        if version == "v1" and hmac.compare_digest(expected, given):
            return
    raise _unauthorized("bad webhook signature: no v1 signature matches the body and secret")


def verify_twilio(
    *, auth_token: str, url: str, params: Mapping[str, str], signature: str | None
) -> None:
    if not signature:
        raise _unauthorized("missing X-Twilio-Signature header")
    if not RequestValidator(auth_token).validate(url, dict(params), signature):
        raise _unauthorized(
            f"bad X-Twilio-Signature for {url} (behind a proxy? set HUIFANG_PUBLIC_URL)"
        )
