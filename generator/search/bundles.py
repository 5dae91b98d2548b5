"""Runs Pagefind over article pages already written, one bundle per shard, and reads the bundles back.

Pagefind's Python API drives its binary as a service. The bundles go to a scratch folder in the cache
and are read back from there, because the API's in-memory `get_files()` answers in one message that
stalls once it passes the service pipe's 2 MiB read limit (a year of the BBC corpus does), and its
`add_html_file` costs a round trip per page. `add_directory` with a glob that names the shard's pages
indexes a month of the BBC corpus (90 articles) in one request. Only the files the search page's script
loads are kept: Pagefind's own UI scripts and styles are left out.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import re
import shutil
from pathlib import Path

from pagefind.service import PagefindService

from generator.fsutil import file_names
from generator.search.canonical import canonical_bundle

_KEPT = re.compile(
    r"^(pagefind\.js|pagefind-worker\.js|pagefind-entry\.json|[^/]+\.pf_meta|wasm\.[^/]+\.pagefind"
    r"|(fragment|index|filter)/[^/]+)$"
)


def build_bundles(
    site: Path, shards: dict[str, list[str]], scratch: Path, jobs: int = 1
) -> dict[str, dict[str, bytes]]:
    """{shard: {file in its bundle: bytes}} for each shard's pages (paths relative to `site`). With `jobs`
    above 1, that many Pagefind services share the shards (one service indexes one shard at a time)."""
    shutil.rmtree(scratch, ignore_errors=True)
    try:
        asyncio.run(_index_all(site, sorted(shards.items()), scratch, max(1, min(jobs, len(shards)))))
        return {shard: canonical_bundle(_read_bundle(scratch / _folder(shard))) for shard in shards}
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


async def _index_all(site: Path, shards: list[tuple[str, list[str]]], scratch: Path, services: int) -> None:
    await asyncio.gather(*(_index(site, shards[i::services], scratch) for i in range(services)))


async def _index(site: Path, shards: list[tuple[str, list[str]]], scratch: Path) -> None:
    service = await _Service().launch()
    try:
        for shard, pages in shards:
            index = await service.create_index({})
            await index.add_directory(str(_linked_pages(site, pages, scratch / f"pages-{shard}")))
            await index.write_files(output_path=str(scratch / _folder(shard)))
    finally:
        await service.close()


class _Service(PagefindService):
    """Pagefind's service client, reading each answer as soon as it arrives. (1.5.2's own loop sleeps 0.1 s
    before reading each one, which made three shards of a small site take over a second; and when the
    binary dies it leaves every caller waiting forever, where this one fails them.)"""

    async def _wait_for_responses(self) -> None:
        assert self._backend.stdout is not None
        try:
            while True:
                chunk = (await self._backend.stdout.readuntil(b","))[:-1].strip()
                if chunk:  # the service may separate answers with more than one comma
                    self._resolve(json.loads(base64.b64decode(chunk)))
        except Exception as exc:  # the pipe closed or an answer was unreadable: no caller may wait on
            for future in self._responses.values():
                if not future.done():
                    future.set_exception(OSError(f"the pagefind service stopped: {exc!r}"))
            raise

    def _resolve(self, answer: dict) -> None:
        payload = answer.get("payload") or {}
        message_id = answer.get("message_id")
        if message_id is None and payload.get("original_message"):  # a request it could not parse
            message_id = json.loads(payload["original_message"]).get("message_id")
        future = self._responses.get(message_id) if message_id is not None else None
        if future is None or future.done():
            return
        if payload.get("type") == "Error":
            future.set_exception(OSError(f"pagefind: {payload.get('message')}"))
        else:
            future.set_result(payload)  # type: ignore[arg-type]  # a response payload, as the API reads it


def _linked_pages(site: Path, pages: list[str], folder: Path) -> Path:
    """A folder holding only the shard's pages, at their paths under the site, as hard links (a copy where
    the cache is on another file system). Pagefind walks the folder it is given: walking the whole site,
    with a glob naming the shard's pages, cost O(shards x files) and made a x10 cold index take minutes."""
    folder.mkdir(parents=True, exist_ok=True)
    for page in pages:
        source, target = site / page, folder / page
        if not source.is_file():  # a page its template failed to render: the build reported it
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)
    return folder


def _folder(shard: str) -> str:
    return f"shard-{shard}"


def _read_bundle(folder: Path) -> dict[str, bytes]:
    """The bundle's files the search page loads; of the WebAssembly files, only those of the languages its
    pages are in (Pagefind writes `wasm.unknown.pagefind` too, 68 kB a shard that nothing fetches)."""
    names = [(rel, full) for rel, full in sorted(file_names(folder)) if _KEPT.match(rel)]
    languages = {rel.split(".")[1].rsplit("_", 1)[0] for rel, _ in names if rel.endswith(".pf_meta")}
    wanted = [(rel, full) for rel, full in names if not rel.startswith("wasm.") or rel.split(".")[1] in languages]
    return {rel: Path(full).read_bytes() for rel, full in wanted}
