"""YAML for untrusted front matter: the safe schema, C-accelerated where libyaml is there, with
anchors and aliases refused and nesting bounded, so an alias bomb ("billion laughs") or a
deeply nested value costs no more than reading its text.

API (also for the importer):

    load(text) -> Any          parse one YAML document; raises Refused, or yaml.YAMLError as PyYAML does
    Refused                    a yaml.MarkedYAMLError: `.problem` is the message, `.line` the 1-based line in `text`
    NoAliasLoader              a pure-Python yaml.SafeLoader subclass that refuses the same things, for
                               `yaml.load(text, Loader=NoAliasLoader)` where a Loader class is wanted
    load_seed(text) -> Any     a Markdown seed's front matter: the safe schema with aliases refused (an
                               anchor alone is kept); yaml.YAMLError, or RecursionError when nested too deep
"""

from __future__ import annotations

import re
from typing import Any

import yaml

MAX_DEPTH = 50  # nested sequences and mappings
ALIAS_MESSAGE = "YAML aliases (&/*) are not allowed in front matter"
DEPTH_MESSAGE = f"front matter nested deeper than {MAX_DEPTH} levels"

_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_START = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_END = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
# Text that cannot hold an anchor, an alias or deep nesting needs no event scan (the scan is a second parse).
_DEEP_LINE = re.compile(r"^[ \t?:\-]{40,}", re.MULTILINE)


class Refused(yaml.MarkedYAMLError):
    """Front matter that parses but is refused: an anchor, an alias, or nesting too deep."""

    def __init__(self, message: str, mark: Any):  # a yaml Mark (pure or C), or None
        super().__init__(problem=message, problem_mark=mark)
        self.line = mark.line + 1 if mark is not None else 1

    def __str__(self) -> str:
        return str(self.problem)


def load(text: str) -> Any:
    """The document in `text`, parsed with the safe schema; Refused for anchors, aliases or deep nesting."""
    if _suspicious(text):
        check_events(yaml.parse(text, Loader=_FAST))
    return yaml.load(text, Loader=_FAST)


def check_events(events) -> None:
    """Raise Refused at the first anchor or alias, or at nesting deeper than MAX_DEPTH."""
    depth = 0
    for event in events:
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise Refused(ALIAS_MESSAGE, event.start_mark)
        if isinstance(event, _START):
            depth += 1
            if depth > MAX_DEPTH:
                raise Refused(DEPTH_MESSAGE, event.start_mark)
        elif isinstance(event, _END):
            depth -= 1


def _suspicious(text: str) -> bool:
    return (
        "&" in text
        or "*" in text
        or text.count("[") + text.count("{") > MAX_DEPTH
        or _DEEP_LINE.search(text) is not None
    )


class NoAliasLoader(yaml.SafeLoader):
    """yaml.SafeLoader (pure Python) that refuses anchors, aliases and nesting deeper than MAX_DEPTH."""

    def __init__(self, stream: Any):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise Refused(ALIAS_MESSAGE, event.start_mark)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise Refused(DEPTH_MESSAGE, event.start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _SeedLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases: `*a` could expand a 1 KB block into gigabytes (billion laughs)."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, f"aliases are not allowed in a seed (*{event.anchor})", event.start_mark
            )
        return super().compose_node(parent, index)


def load_seed(text: str) -> Any:
    """A seed's front matter: a seed is read once, so an anchor alone is harmless and kept."""
    return yaml.load(text, Loader=_SeedLoader)
