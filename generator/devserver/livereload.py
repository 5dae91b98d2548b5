"""Live reload: a build epoch that browsers long-poll, and the script injected into served HTML.

The epoch moves only after a rebuild has finished writing, so a browser never reloads into a
half-written site. When the latest rebuild has errors the page shows them in an overlay instead
of reloading; the next clean rebuild reloads the page, which drops the overlay.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass
from types import MappingProxyType

EVENTS_PATH = "/__broadsheet/events"
LONG_POLL_SECONDS = 25.0


@dataclass(frozen=True)
class Status:
    epoch: int
    errors: tuple[str, ...]

    def as_json(self) -> bytes:
        return script_json({"epoch": self.epoch, "errors": list(self.errors)}).encode("ascii")


class BuildStatus:
    """The epoch of the last finished build and its errors, shared by the rebuild loop and the server."""

    def __init__(self) -> None:
        self._status = Status(0, ())
        self._changed = threading.Condition()
        self._closed = False

    @property
    def current(self) -> Status:
        with self._changed:
            return self._status

    def publish(self, errors: tuple[str, ...]) -> Status:
        """Call once a rebuild has completely finished: every waiting browser hears of it."""
        with self._changed:
            self._status = Status(self._status.epoch + 1, tuple(errors))
            self._changed.notify_all()
            return self._status

    def wait_beyond(self, epoch: int, timeout: float = LONG_POLL_SECONDS) -> Status:
        """The status as soon as its epoch differs from `epoch`, or as it stands after `timeout`."""
        with self._changed:
            self._changed.wait_for(lambda: self._closed or self._status.epoch != epoch, timeout)
            return self._status

    def close(self) -> None:
        """Release every waiting request, so the server can shut down at once."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()


_SCRIPT = """<script id="broadsheet-livereload">(function () {
  var state = %(state)s, url = %(url)s;
  function overlay(errors) {
    var box = document.getElementById("broadsheet-errors");
    if (!errors.length) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("div");
      box.id = "broadsheet-errors";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2em;" +
        "background:rgba(20,20,20,.94);color:#ffb4b4;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = "Build failed; the last good page is shown underneath.\\n\\n" + errors.join("\\n");
  }
  function poll() {
    fetch(url + "?since=" + state.epoch, {cache: "no-store"})
      .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
      .then(function (next) {
        if (next.epoch !== state.epoch && !next.errors.length) { location.reload(); return; }
        state = next;
        overlay(state.errors);
        poll();
      })
      .catch(function () { setTimeout(poll, 1000); });
  }
  function start() { overlay(state.errors); poll(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();</script>
"""

_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)


# Inside a <script> element the HTML parser, not JavaScript, decides where the script ends: "</script>"
# closes it and "<!--" followed by "<script" hides the real end. JSON in a script therefore carries no
# "<", ">" or "&" at all, only their \u escapes; every non-ASCII character (U+2028 and U+2029, which
# older engines take for line ends) and every control character (NUL) is escaped too.
_SCRIPT_SAFE = MappingProxyType(str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}))


def script_json(value: object) -> str:
    """JSON that is safe to place inside an HTML <script> element, and ASCII only."""
    return json.dumps(value, ensure_ascii=True).translate(_SCRIPT_SAFE)


def reload_script(status: Status) -> str:
    state = script_json({"epoch": status.epoch, "errors": list(status.errors)})
    return _SCRIPT % {"state": state, "url": script_json(EVENTS_PATH)}


def inject(page: bytes, status: Status) -> bytes:
    """The page with the live-reload script before its last </body>, or at its end."""
    script = reload_script(status).encode("utf-8")
    matches = list(_BODY_END.finditer(page))
    at = matches[-1].start() if matches else len(page)
    return page[:at] + script + page[at:]
