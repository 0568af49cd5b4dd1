"""One package, one exception tree: the core and the plugins are installed packages that
import from anywhere without a sys.path patch, no module imports itself round a circle, and
every exception class sits in the tree drawn in kfq.errors."""

from __future__ import annotations

import ast
import importlib
import inspect
import os
import pkgutil
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import ROOT, fixture_article, make_content

PLUGINS = ROOT / "plugins"
OUR_PACKAGES = sorted(p.name for p in PLUGINS.iterdir() if (p / "__init__.py").exists())
# Every Python file of the project (not the venv, not build output).
SOURCES = [
    p
    for p in ROOT.rglob("*.py")
    if not {".venv", "output", "cache", "build", "node_modules"} & set(p.relative_to(ROOT).parts)
]


def test_the_core_and_every_plugin_are_packages_of_the_project():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert config["packages"]["find"]["where"] == ["plugins"]
    assert "kfq" in OUR_PACKAGES and len(OUR_PACKAGES) > 10
    included = config["packages"]["find"]["include"]
    assert all(
        any(re.fullmatch(i.replace(".", r"\.").replace("*", ".*"), n) for i in included) for n in OUR_PACKAGES
    )
    # Every data file the core reads ships with it.
    data = [
        p.relative_to(PLUGINS / "kfq").as_posix()
        for p in (PLUGINS / "kfq" / "data").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    ]
    globs = config["package-data"]["kfq"]
    assert data and all(any(Path(d).match(g) for g in globs) for d in data), (data, globs)


CHECK = r"""
import importlib, json, os, sys
root = sys.argv[1]
found = {}
for name in json.loads(sys.argv[2]):
    module = importlib.import_module(name)
    found[name] = module.__file__
    assert hasattr(module, "register") or name == "kfq", name
print(json.dumps({"files": found, "path": sys.path}))
"""


def _clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | {"COLUMNS": "200"}


def test_the_packages_import_from_any_folder_without_help(tmp_path):
    """A Python started in a folder that is not the repository finds kfq and every kfq_*
    plugin: they are installed (`pip install -e .`), not put on sys.path by anyone."""
    import json

    proc = subprocess.run(
        [sys.executable, "-c", CHECK, str(ROOT), json.dumps(OUR_PACKAGES)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=_clean_env(),
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert sorted(out["files"]) == OUR_PACKAGES
    assert str(ROOT) not in out["path"]


def test_pelican_loads_every_plugin_of_pelicanconf_from_another_folder(tmp_path):
    """`pelican` run outside the repository, with the project's pelicanconf.py, loads every
    plugin it lists (kfq_validate stops the build if one is missing) and builds."""
    content = make_content(tmp_path, {"2023/valid-article.md": fixture_article("valid-article")})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    argv = [sys.executable, "-m", "pelican", str(content), "-s", str(ROOT / "pelicanconf.py")]
    proc = subprocess.run(
        [*argv, "-o", str(tmp_path / "output"), "--fatal", "errors"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        env=_clean_env(),
        timeout=300,
    )
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log
    assert "not loaded" not in log and "Cannot load plugin" not in log, log
    assert (tmp_path / "output/articles/2023/11/valid-article/index.html").exists()
    assert (tmp_path / "output/pagefind/bundles.json").is_file()  # kfq_search indexed the build


def test_no_file_patches_sys_path():
    patched = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in SOURCES
        if p.name != "test_packaging.py"
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"sys\.path\.(insert|append|extend)|PYTHONPATH|PLUGIN_PATHS\s*=", line)
    ]
    assert patched == []


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[0] == "plugins":
        parts = parts[1:]
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def import_graph() -> dict[str, set[str]]:
    """Which of the project's modules each imports, at the top or inside a function."""
    modules = {_module_name(p): p for p in SOURCES}
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*parts, base] if base else parts)
                # `from package import module` depends on that module, not on the package
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
            else:
                continue
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph[name].add(target)
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_no_module_imports_itself_round_a_circle():
    graph = import_graph()
    assert {"tasks", "bench.runner", "kfq.importer.model", "kfq_guard.guard"} <= graph.keys()
    assert circles(graph) == []


def test_the_circle_finder_finds_a_circle():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def drawn_tree() -> dict[str, str]:
    """child → parent as drawn in kfq.errors' docstring."""
    import kfq.errors

    parents: dict[str, str] = {}
    chain: list[tuple[int, str]] = []
    for line in kfq.errors.__doc__.splitlines():
        m = re.search(r"([├└]── )?([A-Z][A-Za-z]+)", line)
        if not m or not (m.group(1) or line.strip() == "BaseException"):
            continue
        depth, name = m.start(2) // 4, m.group(2)
        chain = [c for c in chain if c[0] < depth]
        if chain:
            parents[name] = chain[-1][1]
        chain.append((depth, name))
    return parents


def our_exception_classes() -> dict[str, type]:
    modules = []
    for name in OUR_PACKAGES:
        package = importlib.import_module(name)
        modules.append(package)
        for info in pkgutil.walk_packages(package.__path__, f"{name}."):
            modules.append(importlib.import_module(info.name))
    return {
        obj.__name__: obj
        for module in modules
        for obj in vars(module).values()
        if inspect.isclass(obj) and issubclass(obj, BaseException) and obj.__module__ == module.__name__
    }


def test_every_exception_class_sits_in_the_tree_drawn_in_kfq_errors():
    from kfq.errors import BuildStopped, KfqError, Superseded

    tree = drawn_tree()
    classes = our_exception_classes()
    assert {"KfqError", "BuildStopped", "ImporterError", "YearendError", "SearchIndexError"} <= classes.keys()
    drawn = set(tree) - {"SystemExit", "Exception"}
    assert drawn == set(classes), (sorted(drawn - set(classes)), sorted(set(classes) - drawn))
    for name, cls in classes.items():
        assert tree[name] in {base.__name__ for base in cls.__bases__}, (name, tree[name], cls.__bases__)
        # The adapters turn any of them into the guard's clean stop: all are KfqErrors but the
        # stop, and the editors' server's signal that a newer save is waiting (no failure).
        assert issubclass(cls, KfqError) or cls in (BuildStopped, Superseded), name


@pytest.mark.parametrize("error", ["KfqError", "YearendError", "ImporterError", "SearchIndexError"])
def test_the_guard_tells_any_error_of_the_tree_in_one_sentence(error):
    from kfq_guard.guard import explain

    cls = our_exception_classes()[error]
    lines, summary = explain(cls("登记表缺了一项 — 补上它"), "output")
    assert lines == [] and summary.startswith("登记表缺了一项 — 补上它")
    assert "output/ is as it was" in summary and "report this line" not in summary
