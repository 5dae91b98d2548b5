"""Renders routes and writes their files, across processes when there is enough work.

The parent hashes every route's inputs and keeps the pages whose inputs are
unchanged. Workers are forked after that, so nothing is pickled on the way in;
each renders its share of the stale routes, writes the files whose bytes
changed and sends back only paths, keys and diagnostics.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import jinja2

from .cache import PageCache
from .config import SiteConfig
from .diagnostics import Diagnostic
from .model import Output, Route, WriteResult
from .parallel import default_jobs, fork_map
from .render import render
from .write import UnsafePath, copy_file, write_file

CHUNK = 256
_ENV: dict = {}  # the environment and output folder, inherited by forked workers


@dataclass
class RenderResult:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    keys: dict[str, str] = field(default_factory=dict)
    static: list[str] = field(default_factory=list)
    rendered: int = 0
    diagnostics: tuple[Diagnostic, ...] = ()

    def merge(self, other: "RenderResult") -> None:
        self.written += other.written
        self.unchanged += other.unchanged
        self.kept += other.kept
        self.keys.update(other.keys)
        self.rendered += other.rendered
        self.diagnostics += other.diagnostics

    def write_result(self, removed: list[str]) -> WriteResult:
        return WriteResult(tuple(sorted(self.written)), tuple(sorted(self.unchanged)), tuple(removed))


def render_and_write(routes: list[Route], env: jinja2.Environment, static: dict[str, Path], config: SiteConfig,
                     cache: PageCache, existing: set[str],
                     progress: Callable[[int, int], None] | None = None) -> RenderResult:
    """Render and write every route whose inputs changed; `existing` lists the files already there."""
    output_root = config.output_path
    output_root.mkdir(parents=True, exist_ok=True)
    result = _copy_static(static, output_root)
    _ENV.update(env=env, output_root=output_root)
    stale = []
    for route in routes:
        key = cache.key(route)
        result.kept.append(route.output_path)
        if cache.fresh(route, key, existing):
            result.unchanged.append(route.output_path)
            result.keys[route.output_path] = key
        else:
            stale.append((route, key))
    done = len(routes) - len(stale)
    for part in fork_map(_render_batch, stale, default_jobs(config.jobs), CHUNK):
        result.merge(part)
        done += part.rendered
        if progress:
            progress(done, len(routes))
    return result


def _render_batch(batch: list[tuple[Route, str]]) -> RenderResult:
    """Render and write a batch of stale routes (in a worker process when there are several)."""
    result = RenderResult()
    problems: list[Diagnostic] = []
    env, output_root = _ENV["env"], _ENV["output_root"]
    for route, key in batch:
        result.rendered += 1
        output = render(route, env)
        if not isinstance(output, Output):
            problems.append(output)  # the last good file, if any, stays in place
            continue
        try:
            changed = write_file(output_root, output.output_path, output.data)
        except UnsafePath as exc:
            problems.append(Diagnostic(route.source or route.url, None, "error", "unsafe-path", str(exc)))
            continue
        (result.written if changed else result.unchanged).append(route.output_path)
        result.keys[route.output_path] = key
    result.diagnostics = tuple(problems)
    return result


def _copy_static(static: dict[str, Path], output_root: Path) -> RenderResult:
    result = RenderResult()
    for rel, source in static.items():
        (result.written if copy_file(output_root, rel, source) else result.unchanged).append(rel)
        result.kept.append(rel)
        result.static.append(rel)
    return result
