"""The house rules of ARCHITECTURE.md, checked on the source: which room may import which, no import
cycle, modules under 300 lines and functions under 40, and no module-level mutable state."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"

# Each room may import its own modules and the rooms listed for it, nothing else. Shared modules sit
# at the top of the package; everything may import them, and they import only each other.
SHARED = {"config", "diagnostics", "fsutil", "model", "months", "slugs", "safeyaml", "contentfile"}
ALLOWED = {
    "importer": set(),
    "site": set(),
    "incremental": {"site"},
    "search": {"site", "incremental"},
    "pipeline": {"importer", "site", "incremental", "search"},
    "scaffold": set(),
    "devserver": {"pipeline", "incremental", "site"},
    "check": set(),  # reads only the built files: nothing of the build
    "cli": {"devserver", "pipeline", "importer", "incremental", "site", "scaffold", "check"},
}
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 40


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, ast.Module]:
    return {module_name(p): ast.parse(p.read_text(encoding="utf-8")) for p in sorted(PACKAGE.rglob("*.py"))}


def room(module: str) -> str:
    """generator.site.load -> site; generator.config -> config (a shared module is a room of its own)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def imports(module: str) -> set[str]:
    """The generator modules a module imports, anywhere in it (a late import is still a dependency)."""
    known, found = modules(), set()
    for node in ast.walk(modules()[module]):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator"):
            for alias in node.names:
                child = f"{node.module}.{alias.name}"
                found.add(child if child in known else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("generator"))
    return found - {module}


def test_every_room_imports_only_the_rooms_below_it():
    wrong = []
    for module in modules():
        source = room(module)
        for target in imports(module):
            destination = room(target)
            if destination in (source, "") or destination in SHARED:
                continue
            if source in SHARED or destination not in ALLOWED.get(source, set()):
                wrong.append(f"{module} imports {target}")
    assert wrong == []


def test_shared_modules_import_only_shared_modules():
    wrong = [
        f"{module} imports {target}"
        for module in modules()
        if room(module) in SHARED
        for target in imports(module)
        if room(target) not in SHARED
    ]
    assert wrong == []


def test_there_is_no_import_cycle():
    graph = {module: imports(module) & set(modules()) for module in modules()}
    state: dict[str, str] = {}
    cycles: list[list[str]] = []

    def visit(module: str, trail: list[str]) -> None:
        state[module] = "open"
        for target in sorted(graph[module]):
            if state.get(target) == "open":
                cycles.append(trail[trail.index(target) :] + [target])
            elif target not in state:
                visit(target, trail + [target])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_the_package_is_in_rooms():
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders >= {"importer", "site", "incremental", "devserver", "cli"}
    assert set(ALLOWED) | SHARED >= {room(m) for m in modules() if room(m)}


@pytest.mark.parametrize("module", sorted(modules()))
def test_module_and_function_sizes(module):
    tree = modules()[module]
    lines = max((getattr(node, "end_lineno", 0) or 0 for node in ast.walk(tree)), default=0)
    long = [
        f"{node.name}: {node.end_lineno - node.lineno + 1} lines"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert (lines <= MAX_MODULE_LINES, long) == (True, [])


MUTABLE_CALLS = {"dict", "list", "set", "defaultdict", "OrderedDict", "Counter", "deque", "bytearray"}


def _is_mutable(value: ast.expr | None) -> bool:
    if isinstance(value, ast.Dict | ast.List | ast.Set | ast.DictComp | ast.ListComp | ast.SetComp):
        return True
    if isinstance(value, ast.Call):
        name = value.func.id if isinstance(value.func, ast.Name) else getattr(value.func, "attr", "")
        return name in MUTABLE_CALLS
    return False


@pytest.mark.parametrize("module", sorted(modules()))
def test_no_module_level_mutable_state(module):
    """A module's names are constants: tuples, frozensets, read-only mappings, compiled patterns.
    State lives in objects that a build makes (`__all__` is the one list Python wants)."""
    found = []
    for node in modules()[module].body:
        if isinstance(node, ast.Global):
            found.append(f"line {node.lineno}: global")
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        )
        value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
        names = [t.id for t in targets if isinstance(t, ast.Name)]
        if _is_mutable(value) and names != ["__all__"]:
            found.append(f"line {node.lineno}: {', '.join(names)}")
    for node in ast.walk(modules()[module]):
        if isinstance(node, ast.Global):
            found.append(f"line {node.lineno}: global {', '.join(node.names)}")
    assert found == []


def test_the_cache_fingerprint_covers_every_module_in_every_folder(tmp_path):
    from generator.incremental.cachefiles import CODE_FINGERPRINT, code_fingerprint

    copy = tmp_path / "generator"
    for source in PACKAGE.rglob("*.py"):
        target = copy / source.relative_to(PACKAGE)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())
    assert code_fingerprint(copy) == CODE_FINGERPRINT
    for nested in ("site/render.py", "incremental/cache.py", "contentfile/schema.py", "cli/build.py"):
        original = (copy / nested).read_bytes()
        (copy / nested).write_bytes(original + b"\n# changed\n")
        assert code_fingerprint(copy) != CODE_FINGERPRINT, nested
        (copy / nested).write_bytes(original)
