"""Renders routes and writes their files, across processes when there is enough work.

Routes arrive as a stream. The parent hashes each route's inputs and skips the
pages whose inputs are unchanged; the stale ones go, in batches, to forked
workers that render them, write the files whose bytes changed and send back
only paths, keys and diagnostics. No stage holds every page at once.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import jinja2

from generator.config import SiteConfig
from generator.diagnostics import Diagnostic, error
from generator.incremental.bodystore import BodyStore
from generator.incremental.cache import PageCache
from generator.incremental.workers import IN_PROCESS, Workers
from generator.model import Output, Route, WriteResult
from generator.site import theme
from generator.site.ownership import WriteJournal
from generator.site.render import render
from generator.site.write import SafeTree, UnsafePath

CHUNK = 256


@dataclass
class RenderResult:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    keys: dict[str, str] = field(default_factory=dict)
    static: list[str] = field(default_factory=list)
    rendered: int = 0
    diagnostics: tuple[Diagnostic, ...] = ()

    def merge(self, other: RenderResult) -> None:
        self.written += other.written
        self.unchanged += other.unchanged
        self.kept += other.kept
        self.keys.update(other.keys)
        self.rendered += other.rendered
        self.diagnostics += other.diagnostics

    def write_result(self, removed: list[str]) -> WriteResult:
        return WriteResult(tuple(sorted(self.written)), tuple(sorted(self.unchanged)), tuple(removed))


@dataclass(frozen=True)
class Target:
    """Where pages go: our files already there, files there that are not ours, and the journal
    that records each file before it is written."""

    owned: frozenset[str]
    foreign: frozenset[str]
    journal: WriteJournal


def render_and_write(
    routes: Iterable[Route],
    env: jinja2.Environment,
    static: dict[str, Path],
    config: SiteConfig,
    cache: PageCache,
    target: Target,
    total: int = 0,
    progress: Callable[[int, int], None] | None = None,
    workers: Workers = IN_PROCESS,
) -> RenderResult:
    """Render and write every route whose inputs changed. A file in the way that is not ours is
    never overwritten: its page is a diagnostic instead."""
    output_root = config.output_path
    output_root.mkdir(parents=True, exist_ok=True)
    result = _copy_static(static, output_root, target)
    fresh = RenderResult()
    setting = EnvSetting(cache.fingerprint, config, dict(env.globals["site"]), env)  # type: ignore[call-overload]
    jobs = ((setting, batch) for batch in _stale_batches(routes, cache, target, fresh))
    for part in workers.map(_render_batch, jobs):
        result.merge(part)
        if progress:
            progress(len(fresh.kept) + result.rendered, max(total, len(fresh.kept) + result.rendered))
    result.merge(fresh)
    return result


def _stale_batches(routes: Iterable[Route], cache: PageCache, target: Target, fresh: RenderResult):
    """Batches of (route, key) to render, each recorded in the journal before it goes out; routes
    whose inputs are unchanged are noted in `fresh`, and routes blocked by a foreign file are refused."""
    batch: list[tuple[Route, str]] = []
    refused: list[Diagnostic] = []
    for route in routes:
        if route.output_path in target.foreign:
            refused.append(_in_the_way(route))
            continue
        key = cache.key(route)
        if cache.fresh(route, key, target.owned):
            fresh.kept.append(route.output_path)
            fresh.unchanged.append(route.output_path)
            fresh.keys[route.output_path] = key
            continue
        batch.append((route, key))
        if len(batch) == CHUNK:
            target.journal.record((r.output_path for r, _ in batch), target.owned)
            yield batch
            batch = []
    if batch:
        target.journal.record((r.output_path for r, _ in batch), target.owned)
        yield batch
    fresh.diagnostics += tuple(refused)


def _in_the_way(route: Route) -> Diagnostic:
    return error(
        route.source or route.url,
        None,
        "output-not-ours",
        f"page {route.output_path} not written: a file Broadsheet did not write is in its place "
        "in the output folder (move it away, or build with --clean)",
    )


@dataclass(frozen=True)
class EnvSetting:
    """What a worker needs to make the same Jinja2 environment as the parent's."""

    key: str
    config: SiteConfig
    site: dict = field(hash=False, compare=False)
    env: jinja2.Environment | None = field(default=None, hash=False, compare=False, repr=False)  # this process's

    def __reduce__(self):  # a worker gets the setting without the environment, and makes its own once
        return EnvSetting, (self.key, self.config, self.site)

    def environment(self) -> jinja2.Environment:
        return self.env if self.env is not None else _environment(self)


@functools.lru_cache(maxsize=1)  # one per process: the latest setting's
def _environment(setting: EnvSetting) -> jinja2.Environment:
    return theme.environment(setting.config, setting.site)


def _render_batch(job: tuple[EnvSetting, list[tuple[Route, str]]]) -> RenderResult:
    """Render and write a batch of stale routes (in a worker process when there are several)."""
    setting, batch = job
    result = RenderResult()
    problems: list[Diagnostic] = []
    env, config = setting.environment(), setting.config
    bodies = BodyStore(config)
    tree = SafeTree(config.output_path)
    for route, key in batch:
        result.rendered += 1
        result.kept.append(route.output_path)
        output, current = _render_page(route, env, bodies, config.root)
        if not isinstance(output, Output):
            problems.append(output)  # the last good file, if any, stays in place
            continue
        try:
            changed = tree.write(output.output_path, output.data)
        except UnsafePath as exc:
            problems.append(Diagnostic(route.source or route.url, None, "error", "unsafe-path", str(exc)))
            continue
        (result.written if changed else result.unchanged).append(route.output_path)
        if current:  # a page made from a body newer than its key is made again next build
            result.keys[route.output_path] = key
    result.diagnostics = tuple(problems) + tuple(bodies.problems)  # bodies: conversions out of time
    return result


def _render_page(
    route: Route, env: jinja2.Environment, bodies: BodyStore, root: Path
) -> tuple[Output | Diagnostic, bool]:
    """The page, and whether it shows what its key says (false if its content file changed since loading)."""
    if route.context.get("bodies"):
        return _render_feed(route, env, bodies, root)
    if "body_key" not in route.context:
        return render(route, env), True
    try:
        html, current = bodies.html(route.context["body_key"], root / route.source)
    except (OSError, UnicodeDecodeError) as exc:
        return error(route.source, None, "content-read", f"could not read the article's body again: {exc}"), False
    return render(replace(route, context={**route.context, "body_html": html}), env), current


def _render_feed(
    route: Route, env: jinja2.Environment, bodies: BodyStore, root: Path
) -> tuple[Output | Diagnostic, bool]:
    """A feed whose entries carry their articles' bodies (`feed_content`): each entry gets its body_html."""
    entries, current = [], True
    for entry in route.context["entries"]:
        try:
            html, fresh = bodies.html(entry["body_key"], root / entry["source"])
        except (OSError, UnicodeDecodeError) as exc:
            message = f"could not read the article's body again for {route.url}: {exc}"
            return error(entry["source"], None, "content-read", message), False
        entries.append({**entry, "body_html": str(html)})  # a str, so the template escapes it as XML text
        current = current and fresh
    return render(replace(route, context={**route.context, "entries": entries}), env), current


def _copy_static(static: dict[str, Path], output_root: Path, target: Target) -> RenderResult:
    result = RenderResult()
    tree = SafeTree(output_root)
    target.journal.record((rel for rel in static if rel not in target.foreign), target.owned)
    problems = []
    for rel, source in static.items():
        try:
            if rel in target.foreign:
                raise UnsafePath(f"{rel} not copied: a file Broadsheet did not write is in its place")
            (result.written if tree.write(rel, source.read_bytes()) else result.unchanged).append(rel)
        except UnsafePath as exc:
            problems.append(error(str(source), None, "unsafe-path", str(exc)))
            continue
        result.kept.append(rel)
        result.static.append(rel)
    result.diagnostics = tuple(problems)
    return result
