"""An HTTP server with bounded threads and bounded time per connection.

- Between requests a connection holds no thread: it waits in the parker's selector (devserver.parker)
  and goes to one of `workers` threads, first come first served, once its next request arrives. So
  200 kept-alive clients need no more than a handful of threads, and each is served in turn.
- At most `connections` are open; past that the accept loop waits and new connections queue in the
  kernel's listen backlog (`backlog`). The thread count never grows with load.
- A request (its line and headers) must arrive within `request_timeout` of its first byte, however
  slowly it trickles in; a connection may stay silent for `idle_timeout`; a response must be sent
  within `send_timeout`. Past any of these the connection is closed.
- A long wait (the live-reload long poll) is handed to its own `long_polls` threads, so it never
  holds a request worker; past that many, `hand_off` says no and the caller answers at once.
- A client that goes away (reset, broken pipe, timeout) is no error: one debug line, no traceback.
"""

from __future__ import annotations

import logging
import socket
import socketserver
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any, cast

from generator.devserver.parker import Connection, Parker

LOG = logging.getLogger("broadsheet.devserver")
GONE = (ConnectionError, TimeoutError)  # BrokenPipe, ConnectionReset, ConnectionAborted and timeouts


@dataclass(frozen=True)
class Limits:
    workers: int = 8  # threads that serve requests
    long_polls: int = 32  # threads that hold live-reload long polls; one more browser tab gets 503
    connections: int = 1024  # open connections, parked ones included; past that the accept loop waits
    backlog: int = 512  # the listen(2) queue (the kernel may cap it at net.core.somaxconn)
    request_timeout: float = 5.0  # seconds to receive a request's line and headers, from its first byte
    idle_timeout: float = 5.0  # seconds a connection may stay silent before (or between) requests
    send_timeout: float = 10.0  # seconds to send one response


DEFAULT_LIMITS = Limits()


class OneRequestHandler(BaseHTTPRequestHandler):
    """Handles exactly one request of a Connection the server keeps; sends headers and body in one
    write; quiet. `handed_off` is set when the response is left to a long-poll thread."""

    server: PooledHTTPServer
    request: Connection
    protocol_version = "HTTP/1.1"

    def setup(self) -> None:
        self.connection = self.request.sock
        self.rfile = self.request.rfile
        self.wfile = socketserver._SocketWriter(self.connection)  # type: ignore[attr-defined]  # stdlib's own writer
        self.handed_off = False

    def handle(self) -> None:
        self.close_connection = True
        self.request.expect_request(self.server.limits.request_timeout)
        self.handle_one_request()

    def finish(self) -> None:
        """The connection outlives the handler: the server parks or closes it."""

    def parse_request(self) -> bool:
        try:
            return super().parse_request()
        finally:
            self.connection.settimeout(self.server.limits.send_timeout)

    def end_headers(self) -> None:
        self.end_headers_with(b"")

    def end_headers_with(self, body: bytes) -> None:
        """End the headers and send them with the body in one write (one packet for a small page)."""
        if self.request_version == "HTTP/0.9":  # no status line, no headers: the body alone
            self.wfile.write(body)
            return
        self._headers_buffer.append(b"\r\n" + body)  # type: ignore[attr-defined]  # set by send_response
        self.flush_headers()

    def log_message(self, format: str, *args) -> None:
        """Quiet: the terminal shows one line per rebuild, not one per request; timeouts and bad
        requests go to the debug log."""
        if LOG.isEnabledFor(logging.DEBUG):
            LOG.debug("%s %s", self.address_string(), format % args)


class PooledHTTPServer(HTTPServer):
    def __init__(self, address: tuple[str, int], handler: type[OneRequestHandler], limits: Limits = DEFAULT_LIMITS):
        self.limits = limits
        self.request_queue_size = limits.backlog
        self._workers = ThreadPoolExecutor(limits.workers, thread_name_prefix="broadsheet-http")
        self._waiters = ThreadPoolExecutor(limits.long_polls, thread_name_prefix="broadsheet-http-poll")
        self._wait_slots = threading.BoundedSemaphore(limits.long_polls)
        self._slots = threading.BoundedSemaphore(limits.connections)
        self._open: set[Connection] = set()
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self.parker = Parker(self._submit, self._close)
        super().__init__(address, handler)
        self.parker.start()

    @property
    def open_connections(self) -> int:
        return len(self._open)

    def process_request(self, request: Any, client_address: Any) -> None:
        """A new connection waits, parked, for its first request; when too many are open, wait here."""
        while not self._slots.acquire(timeout=0.1):
            if self._closing.is_set():
                return self.shutdown_request(request)
        request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # no 40 ms delay between writes
        connection = Connection(request, client_address)
        with self._lock:
            self._open.add(connection)
        self.parker.park(connection, self.limits.idle_timeout)

    def hand_off(self, connection: Connection, respond: Callable[[], bytes], close: bool) -> bool:
        """Run `respond` (which may wait) on a long-poll thread and send the whole response it returns,
        then keep or close the connection. False, and nothing done, when every long-poll thread is taken."""
        if not self._wait_slots.acquire(blocking=False):
            return False
        try:
            self._waiters.submit(self._respond_later, connection, respond, close)
        except RuntimeError:  # shut down
            self._wait_slots.release()
            return False
        return True

    def _respond_later(self, connection: Connection, respond: Callable[[], bytes], close: bool) -> None:
        try:
            connection.sock.sendall(respond())
        except GONE as error:
            LOG.debug("%s went away: %s", connection.address[0], type(error).__name__)
            return self._close(connection)
        finally:
            self._wait_slots.release()
        self._after(connection, close)

    def _submit(self, connection: Connection) -> None:
        try:
            self._workers.submit(self._serve, connection)
        except RuntimeError:  # shut down
            self._close(connection)

    def _serve(self, connection: Connection) -> None:
        try:
            handler = cast(OneRequestHandler, self.RequestHandlerClass(connection, connection.address, self))  # type: ignore[arg-type]
        except Exception:
            self.handle_error(connection.sock, connection.address)
            return self._close(connection)
        if not handler.handed_off:
            self._after(connection, handler.close_connection)

    def _after(self, connection: Connection, close: bool) -> None:
        """Close, serve a pipelined request at once, or park until the next request."""
        if close or self._closing.is_set():
            self._close(connection)
        elif connection.has_buffered_request():
            self._submit(connection)
        else:
            self.parker.park(connection, self.limits.idle_timeout)

    def _close(self, connection: Connection) -> None:
        with self._lock:
            if connection not in self._open:
                return
            self._open.discard(connection)
        self.shutdown_request(connection.sock)
        self._slots.release()

    def handle_error(self, request, client_address) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, GONE):
            LOG.debug("%s went away: %s: %s", client_address[0], type(error).__name__, error)
            return
        super().handle_error(request, client_address)

    def shutdown(self) -> None:
        self._closing.set()  # an accept loop waiting for a free slot gives up
        super().shutdown()

    def server_close(self) -> None:
        """Close the socket and every connection; wait for the threads (each is released at once)."""
        self._closing.set()
        super().server_close()
        self.parker.stop()
        with self._lock:
            for connection in self._open:
                try:
                    connection.sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
        self._workers.shutdown(wait=True)
        self._waiters.shutdown(wait=True)
        for connection in list(self._open):
            self._close(connection)
