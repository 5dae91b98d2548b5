"""PURE. Writes front matter as canonical YAML: fixed key order, plain scalars where safe."""
from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

_PLAIN = re.compile(r"^(?![-?:,\[\]{}#&*!|>'\"%@`])(?!.*(?:: | #|:$))[^\n\x00-\x1f\x7f\u0085\u2028\u2029\ufeff]+$")
_FLOW_PLAIN = re.compile(r"^(?![-?:,\[\]{}#&*!|>'\"%@`])(?!.*(?:: | #|:$|[,\[\]{}]))[^\n\x00-\x1f\x7f\u0085\u2028\u2029\ufeff]+$")
_RESERVED = re.compile(r"^(?:true|false|yes|no|on|off|null|~|y|n|[-+]?[\d._]+(?:e[-+]?\d+)?|0x[0-9a-f]+|\d{4}-\d\d?-\d\d?.*)$", re.IGNORECASE)


def front_matter(fields: dict[str, Any], body: str) -> str:
    """`---`, one `key: value` line per field, `---`, the body, one final newline."""
    lines = ["---"] + [f"{key}: {_value(value)}" for key, value in fields.items()] + ["---"]
    text = "\n".join(lines) + "\n"
    return text + (body.strip("\n") + "\n" if body.strip() else "")


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_scalar(str(v), flow=True) for v in value) + "]"
    if isinstance(value, int):
        return str(value)
    return _scalar(str(value))


def _scalar(text: str, flow: bool = False) -> str:
    if text == "":
        return '""'
    pattern = _FLOW_PLAIN if flow else _PLAIN
    if pattern.match(text) and text == text.strip() and not _RESERVED.match(text) and "  " not in text:
        return text
    return json.dumps(text, ensure_ascii=False)
