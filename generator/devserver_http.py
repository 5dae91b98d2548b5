"""The preview server: serves the output folder, injects live reload into HTML, and never serves a file
from outside the output folder (no `..`, encoded or not, no backslashes, no symlinks leading out)."""
from __future__ import annotations

import errno
import mimetypes
import os
import socket
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable
from urllib.parse import unquote, urlsplit

from .livereload import EVENTS_PATH, BuildStatus, inject

TYPES = {
    ".html": "text/html; charset=utf-8", ".htm": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json", ".xml": "application/xml; charset=utf-8", ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
    ".gif": "image/gif", ".webp": "image/webp", ".avif": "image/avif", ".ico": "image/x-icon",
    ".woff": "font/woff", ".woff2": "font/woff2", ".pdf": "application/pdf", ".map": "application/json",
}


class PortInUse(OSError):
    """The chosen port is taken (or not ours to use); the message says which and what to do."""


class Refused(Exception):
    """A request path that points outside the output folder."""


def content_type(path: Path) -> str:
    suffix = path.suffix.lower()
    return TYPES.get(suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def local_path(root: Path, url_path: str) -> Path:
    """The file or folder under `root` that a URL path names. Raises Refused for anything that would
    leave `root`: dot segments (plain or percent-encoded), backslashes, NUL, or a symlink out."""
    decoded = unquote(url_path, errors="strict")
    if "\\" in decoded or "\x00" in decoded or not decoded.startswith("/"):
        raise Refused(url_path)
    parts = [part for part in decoded.split("/") if part]
    if any(part in (".", "..") for part in parts):
        raise Refused(url_path)
    real_root = os.path.realpath(root)
    real = os.path.realpath(os.path.join(real_root, *parts))
    if real != real_root and not real.startswith(real_root + os.sep):
        raise Refused(url_path)
    return Path(real)


def request_target(target: str) -> tuple[str, str]:
    """A request line's target split into its raw (still percent-encoded) path and its query."""
    if target.startswith(("http://", "https://")):  # the absolute form a proxy would send
        parts = urlsplit(target)
        return parts.path or "/", parts.query
    target = target.partition("#")[0]
    path, _, query = target.partition("?")
    return path, query


class SiteHandler(BaseHTTPRequestHandler):
    server: "SiteServer"
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as two writes: without this, 40 ms per keep-alive reply

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def log_message(self, format: str, *args) -> None:
        """Quiet: the terminal shows one line per rebuild, not one per request."""

    def _respond(self, send_body: bool) -> None:
        url_path, query = request_target(self.path)
        if url_path == EVENTS_PATH:
            return self._events(query, send_body)
        status = self.server.status.current  # read before the file, so a newer build can only cause a reload
        try:
            path = local_path(self.server.root(), url_path)
        except (Refused, UnicodeDecodeError):
            return self._send(HTTPStatus.FORBIDDEN, b"Forbidden\n", "text/plain; charset=utf-8", send_body)
        if path.is_dir():
            if not (path / "index.html").is_file():
                return self._not_found(send_body)
            if not url_path.endswith("/"):
                return self._redirect(url_path + "/" + (f"?{query}" if query else ""))
            path = path / "index.html"
        self._send_file(path, HTTPStatus.OK, send_body, status)

    def _send_file(self, path: Path, code: HTTPStatus, send_body: bool, status=None) -> None:
        try:
            data = path.read_bytes()
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            return self._not_found(send_body) if code == HTTPStatus.OK else self._plain_not_found(send_body)
        kind = content_type(path)
        if kind.startswith("text/html"):
            data = inject(data, status or self.server.status.current)
        self._send(code, data, kind, send_body)

    def _not_found(self, send_body: bool) -> None:
        self._send_file(self.server.root() / "404.html", HTTPStatus.NOT_FOUND, send_body)

    def _plain_not_found(self, send_body: bool) -> None:
        self._send(HTTPStatus.NOT_FOUND, b"Not found\n", "text/plain; charset=utf-8", send_body)

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()

    def _events(self, query: str, send_body: bool) -> None:
        since = _since(query)
        status = self.server.status.wait_beyond(since) if since is not None else self.server.status.current
        self._send(HTTPStatus.OK, status.as_json(), "application/json", send_body)

    def _send(self, code: HTTPStatus, data: bytes, kind: str, send_body: bool) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if send_body:
            self.wfile.write(data)


def _since(query: str) -> int | None:
    for pair in query.split("&"):
        key, _, value = pair.partition("=")
        if key == "since" and value.lstrip("-").isdigit():
            return int(value)
    return None


class SiteServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, address: tuple[str, int], root: Callable[[], Path], status: BuildStatus):
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.root = root
        self.status = status
        super().__init__(address, SiteHandler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        shown = f"[{host}]" if ":" in host else ("localhost" if host in ("0.0.0.0", "") else host)
        return f"http://{shown}:{port}/"

    def start(self) -> None:
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="broadsheet-http", daemon=True)
        self._thread.start()

    def close(self) -> None:
        """Stop serving: release the long polls, stop the accept loop, close the socket."""
        self.status.close()
        if getattr(self, "_thread", None):
            self.shutdown()
            self._thread.join()
        self.server_close()


def bind(host: str, port: int, root: Callable[[], Path], status: BuildStatus) -> SiteServer:
    """The server, listening; PortInUse with a message that names the port when it cannot listen."""
    try:
        return SiteServer((host, port), root, status)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise PortInUse(exc.errno, f"port {port} on {host} is already in use; "
                                       f"choose another with --port, for example --port {port + 1}") from None
        if exc.errno in (errno.EACCES, errno.EADDRNOTAVAIL):
            raise PortInUse(exc.errno, f"cannot listen on {host} port {port} ({exc.strerror}); "
                                       f"choose another with --host or --port") from None
        raise
