"""Checking that source addresses still answer: bounded timeouts, one clear result per URL."""

from __future__ import annotations

import http.client
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass

from lasttrain_awards import __version__

USER_AGENT = f"lasttrain-awards/{__version__} (link check)"
MAX_WORKERS = 4


@dataclass(frozen=True)
class LinkResult:
    url: str
    ok: bool
    status: int | None
    detail: str


def _request(url: str, method: str, timeout: float) -> int:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return int(response.status)


def check_url(url: str, timeout: float) -> LinkResult:
    """HEAD the URL (GET where HEAD is refused), following redirects."""
    try:
        try:
            status = _request(url, "HEAD", timeout)
        except urllib.error.HTTPError as exc:
            if exc.code not in (405, 501):
                raise
            status = _request(url, "GET", timeout)
    except urllib.error.HTTPError as exc:
        return LinkResult(url, False, exc.code, f"HTTP {exc.code} {exc.reason}")
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError | socket.timeout):
            return LinkResult(url, False, None, f"no answer within {timeout:g} s")
        return LinkResult(url, False, None, f"unreachable: {reason}")
    except TimeoutError:
        return LinkResult(url, False, None, f"no answer within {timeout:g} s")
    except (OSError, ValueError, http.client.HTTPException) as exc:
        return LinkResult(url, False, None, f"unreachable: {type(exc).__name__}: {exc}")
    return LinkResult(url, True, status, f"HTTP {status}")


def check_urls(urls: Iterable[str], timeout: float) -> dict[str, LinkResult]:
    """Check each distinct URL once, a few at a time, none for longer than `timeout` in all.

    urlopen's timeout bounds each socket operation, not the whole exchange (a server can
    trickle bytes, a name lookup can hang), so each check runs in a daemon thread that is
    abandoned when its time is up.
    """
    distinct = sorted(set(urls))
    results: dict[str, LinkResult] = {}
    for start in range(0, len(distinct), MAX_WORKERS):
        batch = distinct[start : start + MAX_WORKERS]
        threads = {}
        for url in batch:
            thread = threading.Thread(target=lambda u=url: results.__setitem__(u, check_url(u, timeout)), daemon=True)
            thread.start()
            threads[url] = thread
        deadline = time.monotonic() + timeout
        for url, thread in threads.items():
            thread.join(max(0.0, deadline - time.monotonic()))
            if url not in results:
                results[url] = LinkResult(url, False, None, f"no answer within {timeout:g} s")
    return {url: results[url] for url in distinct}  # a snapshot: abandoned threads may still write
