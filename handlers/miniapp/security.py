"""The headers every Mini App response carries.

The page may load scripts only from itself and Telegram's web-app script, talk only to its
own API, and be framed only by Telegram's web client (phones open it in a web view, not a
frame). X-Frame-Options cannot name one allowed framer (ALLOW-FROM is obsolete), so the page
relies on CSP's frame-ancestors; everything else (the API, the files) refuses framing both
ways.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from aiohttp import web

TELEGRAM_WEB = "https://web.telegram.org"


def script_origin(script_url: str) -> str:
    """The origin to allow for Telegram's script; a path on our own server needs none."""
    parts = urlsplit(script_url)
    if parts.scheme and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return ""


def page_policy(script_url: str) -> str:
    scripts = " ".join(filter(None, ("'self'", script_origin(script_url))))
    return "; ".join(
        (
            "default-src 'none'",
            f"script-src {scripts}",
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "base-uri 'none'",
            "form-action 'none'",
            f"frame-ancestors {TELEGRAM_WEB}",
        )
    )


def secure(response: web.StreamResponse, *, page_csp: str | None) -> None:
    headers = response.headers
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "no-referrer"
    if page_csp is not None:
        headers["Content-Security-Policy"] = page_csp
    else:
        headers["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'"
        headers["X-Frame-Options"] = "DENY"
