"""Which files in the output folder are Broadsheet's, and the record that keeps it knowing.

* The manifest (`<output>/.broadsheet-manifest`) lists every file a build wrote there. Only
  those are ever pruned or overwritten; anything else in the folder is the user's.
* Before a build writes a file it appends the file's name to the manifest and to the journal
  (`<cache>/journal`); a build that finishes rewrites the manifest exactly and deletes the
  journal. So a build stopped at any point, even by SIGKILL, leaves its files owned, and the next
  build knows which pages may no longer match the page cache.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.config import SiteConfig
from generator.diagnostics import ConfigError, error
from generator.fsutil import write_if_changed
from generator.site.listing import output_files
from generator.site.write import prune

MANIFEST = ".broadsheet-manifest"
_HEADER = "# Broadsheet manifest 1: the files Broadsheet wrote here; it prunes only these\n"
_OUR_TEMP = re.compile(r"^(?P<dir>(?:.*/)?)\.(?P<name>.+)\.\d+\.tmp$")


@dataclass(frozen=True)
class OutputFolder:
    """The output folder as a build finds it: the files that are ours, and the ones that are not."""

    root: Path
    owned: frozenset[str]
    foreign: frozenset[str]
    has_manifest: bool


def survey(config: SiteConfig, clean: bool = False) -> OutputFolder:
    """Look at the output folder before a build; raise ConfigError where building there is refused."""
    root = refuse_protected(config)
    if clean:
        empty_folder(root)
    existing = output_files(root, config.cache_path) - {MANIFEST}
    recorded = read_manifest(root)
    if recorded is None and existing:
        recorded = _adoptable(legacy_outputs(config), existing)
    if recorded is None and existing:
        first = sorted(existing)[0]
        raise ConfigError(
            error(
                str(config.output_path),
                None,
                "output-not-ours",
                f"the output folder holds {len(existing):,} file(s) that Broadsheet did not write "
                f"(first: {first}); refusing to build over them. Empty the folder, choose "
                "another one, or pass --clean to delete its contents first",
            )
        )
    ours = (recorded or set()) | {MANIFEST}
    owned = frozenset(rel for rel in existing if rel in ours or _our_temp(rel, ours))
    return OutputFolder(root, owned, frozenset(existing - owned), (root / MANIFEST).is_file())


def remove_outputs(config: SiteConfig) -> list[str]:
    """`clean`: delete every file the manifest names (never anything else), then the manifest."""
    folder = survey(config)
    removed = prune(folder.root, folder.owned, keep=set())
    WriteJournal(config, folder.root).remove_manifest()
    return removed


def refuse_protected(config: SiteConfig) -> Path:
    """The resolved output folder; ConfigError when it is, holds or sits inside the site's own files."""
    root = config.output_path.resolve()
    problem = protected_overlap(root, config)
    if problem:
        raise ConfigError(error(str(config.output_path), None, "output-refused", problem))
    return root


def protected_overlap(output: Path, config: SiteConfig) -> str | None:
    """Why the output folder may not be used: it is, holds or sits inside the site's own files."""
    protected = {
        "settings file": Path(config.config_file).resolve(),
        "content folder": config.content_path,
        "seeds folder": config.seeds_path,
        "themes folder": config.root / "themes",
        "cache folder": config.cache_path,
    }
    for what, path in protected.items():
        path = path.resolve()
        if output == path or output in path.parents:
            relation = "is" if output == path else "holds"
        elif path in output.parents and what != "settings file":
            relation = "is inside"
        else:
            continue
        return (
            f"refusing to build into {output}: it {relation} the site's {what} ({path}), and a build "
            "prunes what it did not write there; choose a separate output folder such as public/"
        )
    return None


def empty_folder(root: Path) -> None:
    """--clean: delete everything in the output folder, never following a link out of it."""
    try:
        entries = list(os.scandir(root))
    except FileNotFoundError:
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path)
        else:
            os.unlink(entry.path)


def read_manifest(root: Path) -> set[str] | None:
    try:
        text = (root / MANIFEST).read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError, UnicodeDecodeError):
        return None
    return set(_paths(text))


def legacy_outputs(config: SiteConfig) -> set[str] | None:
    """The pages an earlier Broadsheet (before manifests) wrote for this site, from its page cache,
    plus the theme's static files: an output folder it made is recognised without a flag."""
    try:
        with open(config.cache_path / "pages.pickle", "rb") as handle:
            stored = pickle.load(handle)
        pages = set(stored["entries"])
    except Exception:  # any unreadable or foreign cache: nothing is adopted
        return None
    from generator.site.theme import static_files  # the theme knows its static files; imported late, only for upgrades

    return pages | set(static_files(config)) if pages else None


def _adoptable(legacy: set[str] | None, existing: set[str]) -> set[str] | None:
    """The earlier build's files, if this folder is the one it wrote: most of its pages are here. Another
    folder that merely shares a name or two (an index.html of someone's) is not adopted."""
    if not legacy or 2 * len(legacy & existing) < len(legacy):
        return None
    return legacy


def _our_temp(rel: str, owned: set[str]) -> bool:
    """A temporary file an interrupted atomic write of one of our files left behind."""
    match = _OUR_TEMP.match(rel)
    return match is not None and match.group("dir") + match.group("name") in owned


def _line(path: str) -> str:
    """A path as one line: as it is, or JSON-quoted when it could be misread (a newline, a quote, …)."""
    plain = path.isprintable() and not path.startswith(('"', "#", " ")) and not path.endswith(" ")
    return (path if plain else json.dumps(path)) + "\n"


def _paths(text: str) -> Iterable[str]:
    lines = text.split("\n")
    for line in lines[:-1]:  # the last has no newline yet: a line cut short by a kill, or ""
        if not line.startswith(('"', "#")):
            yield line
        elif line.startswith('"'):
            try:
                value = json.loads(line)
            except ValueError:
                continue
            if isinstance(value, str):
                yield value


class WriteJournal:
    """Names of files about to be written, recorded in the manifest and the journal first."""

    def __init__(self, config: SiteConfig, output_root: Path):
        self.manifest = output_root / MANIFEST
        self.journal = config.cache_path / "journal"

    @staticmethod
    def pending(config: SiteConfig) -> frozenset[str] | None:
        """The files an unfinished build may have written, or None when the last build finished."""
        try:
            return frozenset(_paths((config.cache_path / "journal").read_text(encoding="utf-8")))
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError):
            return frozenset()

    def record(self, paths: Iterable[str], owned: frozenset[str] = frozenset()) -> None:
        """Before writing `paths`: all go to the journal, those not yet `owned` to the manifest too."""
        paths = list(paths)
        _append(self.journal, paths)
        _append(self.manifest, [path for path in paths if path not in owned])

    def write_manifest(self, outputs: Iterable[str]) -> None:
        """The exact list of our files, once a build has written and pruned them."""
        body = "".join(map(_line, sorted(outputs)))
        write_if_changed(self.manifest, (_HEADER + body).encode("utf-8"))

    def remove_manifest(self) -> None:
        self.manifest.unlink(missing_ok=True)
        self.journal.unlink(missing_ok=True)

    def finish(self) -> None:
        """Every cache now matches the output: nothing is pending."""
        self.journal.unlink(missing_ok=True)


def _append(file: Path, paths: list[str]) -> None:
    if not paths:
        return
    file.parent.mkdir(parents=True, exist_ok=True)
    with open(file, "a", encoding="utf-8") as handle:
        if handle.tell() == 0:
            handle.write(_HEADER)
        handle.write("".join(map(_line, paths)))
