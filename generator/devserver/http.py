"""The preview server: serves the output folder, injects live reload into HTML, and never serves a file
from outside the output folder (devserver.files decides which file, on real paths). Threads, queues and
time per connection are bounded (devserver.pool), and a page asked for again is served from memory
(devserver.responses) for as long as its file and the build status are unchanged."""

from __future__ import annotations

import errno
import socket
import threading
from collections.abc import Callable
from http import HTTPStatus
from pathlib import Path

from generator.devserver.files import (
    Refused,
    content_type,
    local_path,
    not_found_page,
    read_inside,
    request_target,
    resolve,
)
from generator.devserver.livereload import EVENTS_PATH, BuildStatus, Status, inject
from generator.devserver.pool import DEFAULT_LIMITS, Limits, OneRequestHandler, PooledHTTPServer
from generator.devserver.responses import Page, PageCache, signature

__all__ = ["PortInUse", "Refused", "SiteServer", "bind", "content_type", "local_path", "request_target"]
PLAIN = "text/plain; charset=utf-8"


class PortInUse(OSError):
    """The chosen port is taken (or not ours to use); the message says which and what to do."""


class SiteHandler(OneRequestHandler):
    server: SiteServer

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def _respond(self, send_body: bool) -> None:
        url_path, query = request_target(self.path)
        if url_path == EVENTS_PATH:
            return self._events(query, send_body)
        status = self.server.status.current  # read before the file, so a newer build can only cause a reload
        root = self.server.root()
        if cached := self.server.pages.get(root, url_path, status):
            return self._send(HTTPStatus.OK, cached.body, cached.kind, send_body)
        found = resolve(root, url_path, query)
        if found.kind == "redirect":
            return self._redirect(found.location)
        if found.kind == "refused":
            return self._send(HTTPStatus.FORBIDDEN, b"Forbidden\n", PLAIN, send_body)
        page = _page(found.path, status) if found.path else None
        if page:
            self.server.pages.put(root, url_path, page)
            return self._send(HTTPStatus.OK, page.body, page.kind, send_body)
        self._send_not_found(root, send_body, status)

    def _send_not_found(self, root: Path, send_body: bool, status: Status) -> None:
        """The site's 404 page, resolved like any other file, or a plain 404."""
        path = not_found_page(root)
        page = _page(path, status) if path else None
        if page:
            return self._send(HTTPStatus.NOT_FOUND, page.body, page.kind, send_body)
        self._send(HTTPStatus.NOT_FOUND, b"Not found\n", PLAIN, send_body)

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()

    def _events(self, query: str, send_body: bool) -> None:
        """The build status: at once for another epoch, else once it moves (a bounded long poll, on a
        long-poll thread). When every long-poll thread is taken, 503 and Retry-After: the page retries."""
        since, status = _since(query), self.server.status
        if since is None or since != status.current.epoch:
            return self._send(HTTPStatus.OK, status.current.as_json(), "application/json", send_body)

        def respond() -> bytes:
            return _json_response(status.wait_beyond(since).as_json(), send_body, self.close_connection)

        self.handed_off = self.server.hand_off(self.request, respond, self.close_connection)
        if not self.handed_off:
            self._send(
                HTTPStatus.SERVICE_UNAVAILABLE, b'{"busy": true}', "application/json", send_body, {"Retry-After": "1"}
            )

    def _send(
        self, code: HTTPStatus, data: bytes, kind: str, send_body: bool, extra: dict[str, str] | None = None
    ) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers_with(data if send_body else b"")


def _page(path: Path, status: Status) -> Page | None:
    """A resolved file as served, the live-reload script in HTML; None when it cannot be read (gone since
    it was resolved, a folder, or a symlink swapped in since)."""
    try:
        data, stat = read_inside(path)
    except OSError:
        return None
    kind = content_type(path)
    body = inject(data, status) if kind.startswith("text/html") else data
    return Page(path, signature(stat), status, kind, body)


def _json_response(data: bytes, send_body: bool, close: bool) -> bytes:
    """A whole 200 response with a JSON body, for a long poll answered off the request thread."""
    head = (
        f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(data)}\r\n"
        f"Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n"
        + ("Connection: close\r\n" if close else "")
        + "\r\n"
    )
    return head.encode("ascii") + (data if send_body else b"")


def _since(query: str) -> int | None:
    for pair in query.split("&"):
        key, _, value = pair.partition("=")
        if key == "since" and value.lstrip("-").isdigit():
            return int(value)
    return None


class SiteServer(PooledHTTPServer):
    def __init__(
        self, address: tuple[str, int], root: Callable[[], Path], status: BuildStatus, limits: Limits = DEFAULT_LIMITS
    ):
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.root = root
        self.status = status
        self.pages = PageCache()
        super().__init__(address, SiteHandler, limits)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        host = host.decode() if isinstance(host, bytes) else host
        shown = f"[{host}]" if ":" in host else ("localhost" if host in ("0.0.0.0", "") else host)
        return f"http://{shown}:{port}/"

    def start(self) -> None:
        self._thread = threading.Thread(
            target=self.serve_forever, kwargs={"poll_interval": 0.05}, name="broadsheet-http", daemon=True
        )
        self._thread.start()

    def close(self) -> None:
        """Stop serving: release the long polls, stop the accept loop, close the socket."""
        self.status.close()
        if getattr(self, "_thread", None):
            self.shutdown()
            self._thread.join()
        self.server_close()


def bind(
    host: str, port: int, root: Callable[[], Path], status: BuildStatus, limits: Limits = DEFAULT_LIMITS
) -> SiteServer:
    """The server, listening; PortInUse with a message that names the port when it cannot listen."""
    try:
        return SiteServer((host, port), root, status, limits)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise PortInUse(
                exc.errno,
                f"port {port} on {host} is already in use; choose another with --port, for example --port {port + 1}",
            ) from None
        if exc.errno in (errno.EACCES, errno.EADDRNOTAVAIL):
            raise PortInUse(
                exc.errno, f"cannot listen on {host} port {port} ({exc.strerror}); choose another with --host or --port"
            ) from None
        raise
