"""PURE. One-line YAML values as the writer writes them (plain where that is safe, else JSON-quoted),
and read back without a YAML parser; file names that are not UTF-8, as text that YAML can hold."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from typing import Any

import yaml

from generator import safeyaml

_PLAIN = re.compile(r"^(?![-?:,\[\]{}#&*!|>'\"%@`])(?!.*(?:: | #|:$))[^\n\x00-\x1f\x7f\u0085\u2028\u2029\ufeff]+$")
_FLOW_PLAIN = re.compile(
    r"^(?![-?:,\[\]{}#&*!|>'\"%@`])(?!.*(?:: | #|:$|[,\[\]{}]))[^\n\x00-\x1f\x7f\u0085\u2028\u2029\ufeff]+$"
)
_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")  # not YAML-printable, or risky
_SURROGATE = re.compile(r"[\ud800-\udfff]")  # YAML (libyaml) refuses them even escaped
_RAW_BYTE = re.compile(r"[\udc80-\udcff]")  # a byte of a file name that is not UTF-8, as os.fsdecode keeps it
_NUL_BYTE = re.compile(r"\x00([89a-f][0-9a-f])")
_RESERVED = re.compile(
    r"^(?:true|false|yes|no|on|off|null|~|y|n|[-+]?[\d._]+(?:e[-+]?\d+)?|[-+]?\.?(?:inf|nan)|"
    r"0x[0-9a-f]+|0o[0-7]+|\d[\d:]*:\d+|\d{4}-\d\d?-\d\d?.*|<<|=)$",
    re.IGNORECASE,
)
_STR_TAG = "tag:yaml.org,2002:str"
_RESOLVED_FIRST = frozenset(k for k in safeyaml.NoAliasLoader.yaml_implicit_resolvers if k)


def value_text(value: Any, flow: bool = False) -> str:
    """A value as one line of YAML: text, numbers, booleans, None, dates, lists and mappings of them."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(value_text(v, flow=True) for v in value) + "]"
    if isinstance(value, dict):
        items = (f"{_scalar(str(k), flow=True)}: {value_text(v, flow=True)}" for k, v in value.items())
        return "{" + ", ".join(items) + "}"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float(value)
    return _scalar(str(value), flow)


def key_text(key: str) -> str:
    """A mapping key as YAML reads back the same text: `title` plain, `on`, `null` or `1e3` quoted."""
    return _scalar(str(key))


def _float(value: float) -> str:
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    mantissa, e, exponent = repr(value).partition("e")
    mantissa = mantissa if "." in mantissa else mantissa + ".0"
    return f"{mantissa}e{exponent}" if e else mantissa


def _scalar(text: str, flow: bool = False) -> str:
    if text == "":
        return '""'
    text = _SURROGATE.sub("\ufffd", text)
    pattern = _FLOW_PLAIN if flow else _PLAIN
    if (
        pattern.match(text)
        and text == text.strip()
        and not _RESERVED.match(text)
        and _resolves_to_text(text)
        and "  " not in text
        and not _UNSAFE.search(text)
    ):
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", quoted)


def _resolves_to_text(text: str) -> bool:
    """YAML's own implicit resolvers (the ones safeyaml's loaders use) read this plain scalar as a string:
    the last word on `0b101`, `+0x1_0`, `1:30.5` and whatever `_RESERVED` does not name."""
    if text[:1] not in _RESOLVED_FIRST:  # no implicit resolver starts with this character: text
        return True
    loader: Any = safeyaml.NoAliasLoader  # resolve() reads only the class's resolver tables
    return safeyaml.NoAliasLoader.resolve(loader, yaml.ScalarNode, text, (True, False)) == _STR_TAG


def read_scalar(written: str) -> str:
    """The text of a one-line scalar as `_scalar` writes it (plain or JSON-quoted), or as YAML allows
    by hand (single-quoted, a trailing comment): the inverse of `_scalar`, so any text round-trips."""
    written = written.strip(" \t")
    if written.startswith('"'):
        try:
            value = json.loads(written)
        except ValueError:
            value = _yaml_scalar(written)
        return value if isinstance(value, str) else written
    if written.startswith("'"):
        value = _yaml_scalar(written)
        return value if isinstance(value, str) else written
    return re.split(r"[ \t]#", written, maxsplit=1)[0].rstrip(" \t")


def _yaml_scalar(written: str) -> object:
    """A quoted scalar written by hand, read by the YAML parser (safeyaml's pure-Python loader)."""
    try:
        return yaml.load(written, Loader=safeyaml.NoAliasLoader)
    except yaml.YAMLError:
        return None


def name_text(name: str) -> str:
    """A file name as YAML-writable text: a byte that is not UTF-8 (os.fsdecode's lone surrogate U+DCxx)
    becomes NUL and two hex digits, which no file name holds, so `text_name` can undo it exactly."""
    return _RAW_BYTE.sub(lambda m: f"\x00{ord(m.group(0)) - 0xDC00:02x}", name)


def text_name(text: str) -> str:
    """The inverse of `name_text`."""
    return _NUL_BYTE.sub(lambda m: chr(0xDC00 + int(m.group(1), 16)), text)
