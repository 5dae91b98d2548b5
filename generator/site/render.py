"""Renders a Route through the Jinja2 environment into an Output, or a Diagnostic naming the template line.

A template problem is reported at the template's file and line, never at the article's, with a message
that does not depend on the page: the page goes into `Diagnostic.page`, so that one broken template is
one group for `diagnostics.collapse_repeats`, however many pages it broke.
"""

from __future__ import annotations

import os
import traceback

import jinja2

from generator.diagnostics import Diagnostic
from generator.model import Output, Route
from generator.site.theme import SiteEnvironment, site_relative


def render(route: Route, env: jinja2.Environment) -> Output | Diagnostic:
    try:
        text = env.get_template(route.template).render(page=route.context)
    except Exception as exc:  # a template's error, at compile or render time: name its file and line
        return _problem(exc, route, env)
    return Output(route.output_path, text.encode("utf-8"))


def _problem(exc: Exception, route: Route, env: jinja2.Environment) -> Diagnostic:
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where: tuple[str | None, int | None] = (exc.filename, exc.lineno)
        code, message = "template-syntax", exc.message or str(exc)
    else:
        where = _template_frame(exc, _search_path(env))
        if isinstance(exc, jinja2.TemplateNotFound):
            code, message = "template-missing", _not_found(exc, env)
        else:
            code, message = "template-error", f"{type(exc).__name__}: {exc}"
    filename, line = where
    path = _shown(filename or _template_file(route.template, env), env)
    return Diagnostic(path, line, "error", code, message, page=route.source or route.url)


def _not_found(exc: jinja2.TemplateNotFound, env: jinja2.Environment) -> str:
    names = exc.templates if isinstance(exc, jinja2.TemplatesNotFound) else [exc.name]
    looked = ", ".join(_shown(folder, env) for folder in _search_path(env))
    if len(names) == 1:
        return f"template {names[0]!r} not found in {looked}"
    return f"none of the templates {', '.join(repr(str(n)) for n in names)} found in {looked}"


def _search_path(env: jinja2.Environment) -> list[str]:
    return list(getattr(env.loader, "searchpath", []))


def _template_file(name: str, env: jinja2.Environment) -> str:
    """The file a template name stands for: the first in the chain that has it, else where the child
    theme would have it."""
    folders = _search_path(env)
    found = [os.path.join(f, name) for f in folders if os.path.isfile(os.path.join(f, name))]
    return (found or [os.path.join(folders[0], name) if folders else name])[0]


def _shown(filename: str, env: jinja2.Environment) -> str:
    """A template path relative to the site, like the paths of content files, when it is inside it."""
    return site_relative(filename, env.site_root if isinstance(env, SiteEnvironment) else os.getcwd())


def _template_frame(exc: Exception, folders: list[str]) -> tuple[str | None, int | None]:
    """The innermost traceback frame that belongs to a template file. Jinja2 rewrites the traceback of
    an error raised while rendering so that template frames carry the template's file name and line."""
    inside = tuple(os.path.join(folder, "") for folder in folders)
    found: tuple[str | None, int | None] = (None, None)
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.startswith(inside):
            found = (frame.filename, frame.lineno)
    return found
