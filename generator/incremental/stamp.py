"""The build stamp: the whole build as one key, so a build whose inputs did not change does nothing."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from generator.config import SiteConfig
from generator.fsutil import file_signature
from generator.incremental.cachefiles import CODE_FINGERPRINT, read_keyed, write_keyed

_KIND = "build-stamp"


@dataclass(frozen=True)
class LastBuild:
    """What the last clean build saw and left: its inputs' key, its outputs' key, and its counts."""

    key: str
    outputs: str  # an outputs_key
    articles: int
    pages: int


def _signatures(seed: bytes, files: list[str]) -> str:
    digest = hashlib.blake2b(seed, digest_size=16)
    for name in files:
        try:
            digest.update(f"{name}\0{file_signature(name)}\n".encode())
        except OSError:
            continue
    return digest.hexdigest()


class BuildStamp:
    """When no input file's signature changed since a clean build and the output folder still holds
    exactly what that build wrote, there is nothing to do."""

    def __init__(self, path: Path, settings: str, key: str, last: LastBuild | None):
        self.path = path
        self.settings = settings  # code, config and theme files: everything but the content
        self.key = key
        self.last = last

    @classmethod
    def open(cls, config: SiteConfig, content_files: list[str], theme_files: list[str]) -> BuildStamp:
        config_text = repr(sorted((k, v) for k, v in vars(config).items() if k not in ("jobs", "config_file")))
        settings = _signatures((CODE_FINGERPRINT + config_text).encode(), theme_files)
        key = _signatures(settings.encode(), content_files)
        path = config.cache_path / "build.pickle"
        return cls(path, settings, key, read_keyed(path, _KIND, LastBuild))

    def unchanged(self, outputs: str) -> LastBuild | None:
        """The last build, if its inputs are the same and its outputs (an `outputs_key`) are all still there."""
        if self.last and self.last.key == self.key and self.last.outputs == outputs:
            return self.last
        return None

    def save(self, outputs: str, articles: int, pages: int) -> None:
        write_keyed(self.path, _KIND, LastBuild(self.key, outputs, articles, pages))

    def forget(self) -> None:
        self.path.unlink(missing_ok=True)
