"""The opt-in link check, against an HTTP server these tests start on 127.0.0.1 (no internet)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from lasttrain_awards.validation.linkcheck import check_url, check_urls


class Handler(BaseHTTPRequestHandler):
    def _answer(self) -> None:
        if self.path == "/ok":
            self.send_response(200)
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        elif self.path == "/no-head" and self.command == "HEAD":
            self.send_response(405)
        elif self.path == "/no-head":
            self.send_response(200)
        elif self.path == "/slow":
            time.sleep(2)
            self.send_response(200)
        else:
            self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = _answer
    do_GET = _answer

    def log_message(self, *args: object) -> None:  # keep the test output clean
        pass


def _serve(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """A local server for the handler, on a free port of 127.0.0.1, for as long as the fixture lives."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    yield from _serve(Handler)


@pytest.mark.parametrize(
    ("path", "ok", "detail"),
    [
        ("/ok", True, "HTTP 200"),
        ("/moved", True, "HTTP 200"),
        ("/no-head", True, "HTTP 200"),
        ("/gone", False, "HTTP 404"),
    ],
)
def test_answers(server: str, path: str, ok: bool, detail: str) -> None:
    result = check_url(server + path, timeout=5)
    assert result.ok is ok and result.detail.startswith(detail)


def test_a_slow_server_times_out(server: str) -> None:
    result = check_url(server + "/slow", timeout=0.3)
    assert not result.ok and "no answer within 0.3 s" in result.detail


def test_a_closed_port_is_unreachable() -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = check_url(f"http://127.0.0.1:{port}/", timeout=2)
    assert not result.ok and result.detail.startswith("unreachable")


def test_each_url_once(server: str) -> None:
    results = check_urls([server + "/ok", server + "/ok", server + "/gone"], timeout=5)
    assert sorted(results) == [server + "/gone", server + "/ok"]


class _Rude(BaseHTTPRequestHandler):
    """A server that answers badly: garbage instead of a status line, or one byte a second."""

    def do_HEAD(self) -> None:
        if self.path == "/garbage":
            self.wfile.write(b"GARBAGE\r\n\r\n")
        else:
            self.wfile.write(b"HTTP/1.0 200 OK\r\n")
            for _ in range(20):
                self.wfile.write(b"X")
                self.wfile.flush()
                time.sleep(0.5)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def rude() -> Iterator[str]:
    yield from _serve(_Rude)


def test_a_garbled_answer_is_a_finding_not_a_crash(rude: str) -> None:
    result = check_url(rude + "/garbage", timeout=5)
    assert not result.ok and "illegal status line" in result.detail


@pytest.mark.slow
def test_the_timeout_bounds_the_whole_exchange(rude: str) -> None:
    started = time.monotonic()
    results = check_urls([rude + "/trickle"], timeout=1.5)
    assert time.monotonic() - started < 4
    assert not results[rude + "/trickle"].ok and "no answer within 1.5 s" in results[rude + "/trickle"].detail


class Limited(BaseHTTPRequestHandler):
    """A polite host: /busy answers 429 with Retry-After: 1 the first time, then 200; /always keeps
    answering 429; /count records how many requests it holds at once."""

    seen: dict[str, int] = {}  # noqa: RUF012 - shared by the handler's threads, on purpose
    inside = 0
    most = 0
    lock = threading.Lock()

    def _answer(self) -> None:
        cls = type(self)
        with cls.lock:
            cls.seen[self.path] = cls.seen.get(self.path, 0) + 1
            cls.inside += 1
            cls.most = max(cls.most, cls.inside)
        try:
            if self.path == "/busy" and cls.seen[self.path] == 1:
                self.send_response(429)
                self.send_header("Retry-After", "1")
            elif self.path == "/always":
                self.send_response(503)
                self.send_header("Retry-After", "30")
            else:
                time.sleep(0.2)
                self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()
        finally:
            with cls.lock:
                cls.inside -= 1

    do_HEAD = _answer
    do_GET = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def limited() -> Iterator[str]:
    Limited.seen, Limited.inside, Limited.most = {}, 0, 0
    yield from _serve(Limited)


def test_a_429_is_asked_again_after_its_retry_after(limited: str) -> None:
    started = time.monotonic()
    result = check_url(limited + "/busy", timeout=10)
    assert result.ok and result.status == 200 and Limited.seen["/busy"] == 2
    assert time.monotonic() - started >= 1  # it waited as it was told


def test_a_host_that_keeps_asking_to_wait_is_rate_limited_not_dead(limited: str) -> None:
    result = check_url(limited + "/always", timeout=3)
    assert not result.ok and result.rate_limited and result.status == 503
    assert "asks to wait" in result.detail and Limited.seen["/always"] == 1  # 30 s: beyond the budget


def test_one_host_gets_a_few_requests_at_a_time(limited: str) -> None:
    from lasttrain_awards.validation import linkcheck

    results = check_urls([f"{limited}/page-{i}" for i in range(8)], timeout=20)
    assert all(r.ok for r in results.values())
    assert Limited.most <= linkcheck.PER_HOST


@pytest.mark.parametrize(
    ("header", "low", "high"),
    [
        ("3", 3.0, 3.0),
        ("", 0.0, 60.0),  # none given: our own backoff
        ("soon", 0.0, 60.0),  # unreadable: our own backoff, not a crash
        ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0, 0.0),  # a date in the past: ask now
    ],
)
def test_retry_after_reads_seconds_and_dates(header: str, low: float, high: float) -> None:
    import httpx

    from lasttrain_awards.validation.linkcheck import _retry_after

    response = httpx.Response(429, headers={"retry-after": header} if header else {})
    assert low <= _retry_after(response, 0) <= high


def test_retry_after_a_future_date_waits_until_then() -> None:
    import email.utils

    import httpx

    from lasttrain_awards.validation.linkcheck import _retry_after

    later = email.utils.formatdate(time.time() + 30, usegmt=True)
    response = httpx.Response(503, headers={"retry-after": later})
    assert 25 <= _retry_after(response, 0) <= 31
