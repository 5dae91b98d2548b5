"""Renders routes and writes their files, across processes when there is enough work.

Workers are forked after the routes and the environment exist, so nothing is
pickled on the way in; each worker renders its share, writes the files whose
bytes changed and sends back only paths, keys and diagnostics.
"""
from __future__ import annotations

import multiprocessing
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import jinja2

from .cache import PageCache
from .config import SiteConfig
from .diagnostics import Diagnostic
from .model import Output, Route, WriteResult
from .render import render
from .write import UnsafePath, copy_file, write_file

CHUNK = 256
_STATE: dict = {}  # what forked workers inherit: routes, environment, cache, output folder


@dataclass
class RenderResult:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    keys: dict[str, str] = field(default_factory=dict)
    static: list[str] = field(default_factory=list)
    diagnostics: tuple[Diagnostic, ...] = ()

    def merge(self, other: "RenderResult") -> None:
        self.written += other.written
        self.unchanged += other.unchanged
        self.kept += other.kept
        self.keys.update(other.keys)
        self.diagnostics += other.diagnostics

    def write_result(self, removed: list[str]) -> WriteResult:
        return WriteResult(tuple(sorted(self.written)), tuple(sorted(self.unchanged)), tuple(removed))


def render_and_write(routes: list[Route], env: jinja2.Environment, static: dict[str, Path], config: SiteConfig,
                     cache: PageCache, progress: Callable[[int, int], None] | None = None) -> RenderResult:
    output_root = config.output_path
    output_root.mkdir(parents=True, exist_ok=True)
    result = _copy_static(static, output_root)
    _STATE.update(routes=routes, env=env, cache=cache, output_root=output_root)
    chunks = [(start, min(start + CHUNK, len(routes))) for start in range(0, len(routes), CHUNK)]
    jobs = config.jobs or os.cpu_count() or 1
    done = 0
    for part in _run(chunks, jobs):
        result.merge(part)
        done += len(part.kept)
        if progress:
            progress(min(done, len(routes)), len(routes))
    _STATE.clear()
    return result


def _run(chunks: list[tuple[int, int]], jobs: int):
    if jobs <= 1 or len(chunks) <= 1:
        yield from map(_render_chunk, chunks)
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(min(jobs, len(chunks))) as pool:
        yield from pool.imap(_render_chunk, chunks)


def _render_chunk(bounds: tuple[int, int]) -> RenderResult:
    routes, env, cache, output_root = (_STATE[k] for k in ("routes", "env", "cache", "output_root"))
    result = RenderResult()
    problems: list[Diagnostic] = []
    for route in routes[bounds[0]:bounds[1]]:
        key = cache.key(route)
        result.kept.append(route.output_path)
        if cache.fresh(route, key, output_root):
            result.unchanged.append(route.output_path)
            result.keys[route.output_path] = key
            continue
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
