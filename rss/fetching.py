"""Download a feed politely and defensively (R8.1).

feedparser's own HTTP has no timeout, so we download with ``requests``: conditional GET
(ETag, Last-Modified), a connect timeout, a read timeout per socket read and a total
deadline, a byte cap on the decoded body, at most a few redirects, and a User-Agent that
names the platform and its operator.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import requests
import urllib3
from django.conf import settings

from rss.text import ascii_fold

DEFAULT_CONNECT_TIMEOUT = 5.0
DEFAULT_READ_TIMEOUT = 10.0
DEFAULT_TOTAL_TIMEOUT = 30.0
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_MAX_REDIRECTS = 5
_CHUNK = 16 * 1024


class FetchError(Exception):
    """A download that gave no usable document; ``str()`` is the reason recorded."""

    def __init__(self, reason: str, *, status: int | None = None):
        super().__init__(reason)
        self.status = status


@dataclass
class Download:
    status: int
    url: str  # after redirects
    content: bytes = b""
    content_type: str = ""
    etag: str = ""
    last_modified: str = ""
    headers: dict = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def _setting(name: str, default):
    return getattr(settings, name, default)


def user_agent() -> str:
    operator = ascii_fold(settings.PORTAL_OPERATOR_SHORT_NAME)
    return f"SchoolPortal/0.1 (+{operator}; {settings.PORTAL_SCHEME}://{settings.PORTAL_PUBLIC_DOMAIN})"


def download(url: str, *, etag: str = "", last_modified: str = "") -> Download:
    """GET ``url``; raises ``FetchError`` with an English reason on any failure."""
    max_bytes = _setting("RSS_FETCH_MAX_BYTES", DEFAULT_MAX_BYTES)
    total = _setting("RSS_FETCH_TOTAL_TIMEOUT", DEFAULT_TOTAL_TIMEOUT)
    timeout = (
        _setting("RSS_FETCH_CONNECT_TIMEOUT", DEFAULT_CONNECT_TIMEOUT),
        _setting("RSS_FETCH_READ_TIMEOUT", DEFAULT_READ_TIMEOUT),
    )
    headers = {
        "User-Agent": user_agent(),
        "Accept": "application/rss+xml, application/atom+xml, application/rdf+xml, "
        "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    started = time.monotonic()
    with requests.Session() as session:
        session.max_redirects = _setting("RSS_FETCH_MAX_REDIRECTS", DEFAULT_MAX_REDIRECTS)
        session.trust_env = False  # no proxies or .netrc picked up from the environment
        try:
            response = session.get(
                url, headers=headers, timeout=timeout, stream=True, allow_redirects=True
            )
        except requests.exceptions.TooManyRedirects as exc:
            raise FetchError(f"too many redirects (more than {session.max_redirects})") from exc
        except requests.exceptions.SSLError as exc:
            raise FetchError(f"TLS error: {_short(exc)}") from exc
        except requests.exceptions.ConnectTimeout as exc:
            raise FetchError(f"connect timeout after {timeout[0]} s") from exc
        except requests.exceptions.ReadTimeout as exc:
            raise FetchError(f"read timeout after {timeout[1]} s") from exc
        except requests.exceptions.ConnectionError as exc:
            raise FetchError(f"connection failed: {_short(exc)}") from exc
        except (requests.exceptions.RequestException, ValueError) as exc:
            raise FetchError(f"request failed: {_short(exc)}") from exc
        with response:
            result = Download(
                status=response.status_code,
                url=response.url,
                content_type=response.headers.get("Content-Type", ""),
                etag=response.headers.get("ETag", "")[:500],
                last_modified=response.headers.get("Last-Modified", "")[:100],
                headers=dict(response.headers),
            )
            if response.status_code == 304:
                return result
            if response.status_code != 200:
                raise FetchError(
                    f"HTTP {response.status_code} {response.reason or ''}".strip(),
                    status=response.status_code,
                )
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(
                    f"response too large: Content-Length {declared} > {max_bytes} bytes",
                    status=200,
                )
            result.content = _read_capped(response, max_bytes, started, total)
    return result


def _read_capped(response, max_bytes: int, started: float, total: float) -> bytes:
    """The decoded body, refusing more than ``max_bytes`` or a download past the deadline.

    ``read1`` returns as soon as some bytes arrive (unlike ``read(n)``, which waits for
    ``n``), so a server that drips bytes slowly still meets the total deadline; the read
    timeout bounds each wait. Decoded size is what counts, so gzip bombs stop at the cap.
    """
    chunks: list[bytes] = []
    size = 0
    try:
        while True:
            chunk = response.raw.read1(_CHUNK, decode_content=True)
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(f"response too large: more than {max_bytes} bytes", status=200)
            if time.monotonic() - started > total:
                raise FetchError(f"total timeout: download took more than {total} s", status=200)
            chunks.append(chunk)
    except (urllib3.exceptions.HTTPError, OSError) as exc:
        raise FetchError(f"download interrupted: {_short(exc)}", status=200) from exc
    return b"".join(chunks)


def _short(exc: BaseException) -> str:
    text = str(exc)
    return text if len(text) <= 300 else text[:297] + "…"
