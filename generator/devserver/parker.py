"""Connections between requests, without a thread each: a connection (new, or kept alive after a
response) is parked in one selector until its next request starts to arrive, then handed to a worker;
one that stays silent past its deadline is closed. Also the connection's read side, which gives each
request one deadline however slowly it trickles in."""

from __future__ import annotations

import io
import selectors
import socket
import threading
import time
from collections import deque
from collections.abc import Callable

EXPIRY_SCAN_SECONDS = 0.25  # how often parked connections are checked against their deadlines


class DeadlineReader(io.RawIOBase):
    """A socket's read side with one deadline per request instead of one timeout per recv, so a
    slow-loris client that sends a byte a second is cut off like a silent one. While `probing`, it
    reads nothing (as a non-blocking socket with no data would), so a peek shows only buffered bytes."""

    def __init__(self, sock: socket.socket):
        self.sock = sock
        self.deadline = time.monotonic()
        self.probing = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int | None:
        if self.probing:
            return None
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("the request did not arrive in time")
        self.sock.settimeout(remaining)
        return self.sock.recv_into(buffer)


class Connection:
    """One client connection and its buffered reader, kept across the requests it sends."""

    def __init__(self, sock: socket.socket, address):
        self.sock, self.address = sock, address
        self.reader = DeadlineReader(sock)
        self.rfile = io.BufferedReader(self.reader)

    def expect_request(self, timeout: float) -> None:
        self.reader.deadline = time.monotonic() + timeout

    def has_buffered_request(self) -> bool:
        """Whether the client already sent (pipelined) more than the last request."""
        self.reader.probing = True
        try:
            return bool(self.rfile.peek(1))
        except (OSError, ValueError):
            return False
        finally:
            self.reader.probing = False


class Parker:
    """The selector thread. `park` may be called from any thread; `ready` and `expire` run on this one."""

    def __init__(self, ready: Callable[[Connection], None], expire: Callable[[Connection], None]):
        self.ready, self.expire = ready, expire
        self.selector = selectors.DefaultSelector()
        self.wake_in, self.wake_out = socket.socketpair()
        self.wake_in.setblocking(False)
        self.wake_out.setblocking(False)
        self.selector.register(self.wake_out, selectors.EVENT_READ)
        self.incoming: deque[tuple[Connection, float]] = deque()
        self.deadlines: dict[Connection, float] = {}
        self.stopping = False
        self.thread = threading.Thread(target=self._run, name="broadsheet-http-parker", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def park(self, connection: Connection, seconds: float) -> None:
        self.incoming.append((connection, time.monotonic() + seconds))
        self._wake()

    def stop(self) -> None:
        self.stopping = True
        self._wake()
        if self.thread.is_alive():
            self.thread.join()
        for connection in list(self.deadlines) + [c for c, _ in self.incoming]:
            self.expire(connection)
        self.selector.close()
        self.wake_in.close()
        self.wake_out.close()

    def _wake(self) -> None:
        try:
            self.wake_in.send(b"\0")
        except (BlockingIOError, OSError):
            pass  # a wake-up is already pending, or the parker has stopped

    def _run(self) -> None:
        next_scan = time.monotonic() + EXPIRY_SCAN_SECONDS
        while not self.stopping:
            self._take_incoming()
            for key, _ in self.selector.select(timeout=EXPIRY_SCAN_SECONDS):
                if key.fileobj is self.wake_out:
                    self._drain()
                else:
                    self._release(key.data)
                    self.ready(key.data)
            if (now := time.monotonic()) >= next_scan:
                next_scan = now + EXPIRY_SCAN_SECONDS
                for connection in [c for c, deadline in self.deadlines.items() if deadline <= now]:
                    self._release(connection)
                    self.expire(connection)

    def _take_incoming(self) -> None:
        while self.incoming:
            connection, deadline = self.incoming.popleft()
            try:
                self.selector.register(connection.sock, selectors.EVENT_READ, connection)
            except (ValueError, OSError):  # closed meanwhile
                self.expire(connection)
                continue
            self.deadlines[connection] = deadline

    def _release(self, connection: Connection) -> None:
        self.deadlines.pop(connection, None)
        try:
            self.selector.unregister(connection.sock)
        except (KeyError, ValueError, OSError):
            pass

    def _drain(self) -> None:
        try:
            while self.wake_out.recv(4096):
                pass
        except (BlockingIOError, OSError):
            pass
