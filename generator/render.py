"""Renders a Route through the Jinja2 environment into an Output, or a Diagnostic naming the template line."""
from __future__ import annotations

import os
import traceback

import jinja2

from .diagnostics import Diagnostic, error
from .model import Output, Route


def render(route: Route, env: jinja2.Environment) -> Output | Diagnostic:
    try:
        template = env.get_template(route.template)
        text = template.render(page=route.context)
    except jinja2.TemplateSyntaxError as exc:
        return error(_shown(exc.filename, env) or exc.name or route.template, exc.lineno, "template-syntax",
                     f"{exc.message} (while rendering {route.source or route.url})")
    except jinja2.TemplateNotFound as exc:
        return error(route.template, None, "template-missing",
                     f"template {exc.name!r} not found in {', '.join(env.loader.searchpath)}")
    except Exception as exc:  # a template's runtime error: name its file and line
        filename, line = _template_frame(exc)
        return error(_shown(filename, env) or route.template, line, "template-error",
                     f"{type(exc).__name__}: {exc} (while rendering {route.source or route.url})")
    return Output(route.output_path, text.encode("utf-8"))


def _shown(filename: str | None, env: jinja2.Environment) -> str | None:
    """A template path relative to the site, like the paths of content files, when it is inside it."""
    if not filename:
        return filename
    relative = os.path.relpath(filename, getattr(env, "site_root", os.getcwd()))
    return filename if relative.startswith("..") else relative


def _template_frame(exc: Exception) -> tuple[str | None, int | None]:
    """The innermost traceback frame that belongs to a template file."""
    found: tuple[str | None, int | None] = (None, None)
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.endswith((".html", ".xml", ".txt")):
            found = (frame.filename, frame.lineno)
    return found
