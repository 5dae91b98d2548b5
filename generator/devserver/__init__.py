"""The dev server as a library: watch the site, rebuild what changed, preview the output over HTTP
and reload open browsers. The `watch` and `serve` commands (generator.cli.serve) drive it."""

from generator.devserver.http import PortInUse
from generator.devserver.server import DevServer
from generator.devserver.session import Options

__all__ = ["DevServer", "Options", "PortInUse"]
