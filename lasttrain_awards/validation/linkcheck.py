"""Checking that source addresses still answer: bounded time, polite to each host, one result per URL.

Requests go through httpx (redirects followed, HEAD first, GET where HEAD is refused). A host that
answers "too many requests" or "unavailable" (429, 503) is asked again after the Retry-After it gives,
a few times, within the URL's time budget; each host gets at most PER_HOST requests at once and a
pause between them, so a page with fifty sources on one site is not a burst. An address still
rate-limited when its budget runs out is reported as such (`rate_limited`): not dead, not checked.
"""

from __future__ import annotations

import email.utils
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from lasttrain_awards import __version__

USER_AGENT = f"lasttrain-awards/{__version__} (link check)"
MAX_WORKERS = 8  # URLs checked at once, over all hosts
PER_HOST = 2  # requests at once to one host
HOST_PAUSE = 0.5  # seconds between two requests to one host
RETRIES = 3  # further tries after a 429 or 503, each after its Retry-After
RETRY_STATUSES = frozenset({429, 503})
DEFAULT_BACKOFF = 1.0  # seconds, doubled at each retry, when the answer gives no Retry-After


@dataclass(frozen=True)
class LinkResult:
    url: str
    ok: bool
    status: int | None
    detail: str
    rate_limited: bool = False  # the host kept asking us to wait: the page is not known to be dead


class _Hosts:
    """At most PER_HOST requests at once to each host, with a pause between two of them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._gates: dict[str, threading.Semaphore] = {}
        self._last: dict[str, float] = {}

    def gate(self, host: str) -> threading.Semaphore:
        with self._lock:
            return self._gates.setdefault(host, threading.Semaphore(PER_HOST))

    def wait_turn(self, host: str) -> None:
        with self._lock:
            now = time.monotonic()
            turn = max(now, self._last.get(host, 0.0) + HOST_PAUSE)
            self._last[host] = turn
        time.sleep(max(0.0, turn - now))


def _retry_after(response: httpx.Response, attempt: int) -> float:
    """Seconds to wait before asking again: the answer's Retry-After (seconds or an HTTP date), else a backoff."""
    value = response.headers.get("retry-after", "").strip()
    if value.isdigit():
        return float(value)
    if value:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            when = None  # unreadable: fall back to our own backoff
        if when is not None and when.tzinfo is not None:
            return max(0.0, when.timestamp() - time.time())
    return DEFAULT_BACKOFF * (2.0**attempt)


def check_url(url: str, timeout: float, client: httpx.Client | None = None, hosts: _Hosts | None = None) -> LinkResult:
    """HEAD the URL (GET where HEAD is refused), retrying a 429 or 503 within `timeout` in all."""
    own = client is None
    client = client or _client(timeout)
    hosts = hosts or _Hosts()
    host = urlsplit(url).hostname or ""
    deadline = time.monotonic() + timeout
    try:
        for attempt in range(RETRIES + 1):
            with hosts.gate(host):
                hosts.wait_turn(host)
                response = client.head(url)
                if response.status_code in (405, 501):
                    response = client.get(url)
            status = response.status_code
            if status not in RETRY_STATUSES:
                ok = status < 400
                return LinkResult(url, ok, status, f"HTTP {status}" + ("" if ok else f" {response.reason_phrase}"))
            wait = _retry_after(response, attempt)
            if attempt == RETRIES or time.monotonic() + wait > deadline:
                return LinkResult(
                    url, False, status, f"HTTP {status}: the host asks to wait {wait:.0f} s more", rate_limited=True
                )
            time.sleep(wait)
        raise AssertionError("unreachable")  # the loop returns
    except httpx.TimeoutException:
        return LinkResult(url, False, None, f"no answer within {timeout:g} s")
    except httpx.HTTPError as exc:
        return LinkResult(url, False, None, f"unreachable: {type(exc).__name__}: {exc}")
    except (OSError, ValueError) as exc:
        return LinkResult(url, False, None, f"unreachable: {type(exc).__name__}: {exc}")
    finally:
        if own:
            client.close()


def _client(timeout: float) -> httpx.Client:
    limits = httpx.Limits(max_connections=MAX_WORKERS, max_keepalive_connections=MAX_WORKERS)
    return httpx.Client(follow_redirects=True, timeout=timeout, headers={"User-Agent": USER_AGENT}, limits=limits)


def check_urls(urls: Iterable[str], timeout: float) -> dict[str, LinkResult]:
    """Check each distinct URL once, MAX_WORKERS at a time, none for longer than `timeout` in all.

    httpx's timeout bounds each network operation, not the whole exchange (a server can trickle
    bytes), so each check runs in a daemon thread that is abandoned when its time is up.
    """
    distinct = sorted(set(urls))
    results: dict[str, LinkResult] = {}
    hosts = _Hosts()
    with _client(timeout) as client:
        for start in range(0, len(distinct), MAX_WORKERS):
            batch = distinct[start : start + MAX_WORKERS]
            threads = {}
            for url in batch:

                def run(u: str = url) -> None:
                    results[u] = check_url(u, timeout, client, hosts)

                thread = threading.Thread(target=run, daemon=True)
                thread.start()
                threads[url] = thread
            deadline = time.monotonic() + timeout + PER_HOST * HOST_PAUSE * len(batch)
            for url, thread in threads.items():
                thread.join(max(0.0, deadline - time.monotonic()))
                if url not in results:
                    results[url] = LinkResult(url, False, None, f"no answer within {timeout:g} s")
    return {url: results[url] for url in distinct}  # a snapshot: abandoned threads may still write
