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


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


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
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Rude)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_garbled_answer_is_a_finding_not_a_crash(rude: str) -> None:
    result = check_url(rude + "/garbage", timeout=5)
    assert not result.ok and "BadStatusLine" in result.detail


@pytest.mark.slow
def test_the_timeout_bounds_the_whole_exchange(rude: str) -> None:
    started = time.monotonic()
    results = check_urls([rude + "/trickle"], timeout=1.5)
    assert time.monotonic() - started < 4
    assert not results[rude + "/trickle"].ok and "no answer within 1.5 s" in results[rude + "/trickle"].detail
