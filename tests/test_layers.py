"""Imports run one way, from the commands down to the config (docs/dev/architecture.md):

    cli -> commands -> serve, publish, fetch -> build -> render -> plan -> site -> config (and errors, frozen,
    alphabets, calendars, hosts, i18n, isotime, languages, money, players, plurals, podcasts, typography, urls,
    urlnorm)

A module may import from its own package and from those below it, never from one above: planning never
reaches for the writer, the model never for the planner. Every import in every module is checked, those
inside functions too.

Tests stand where a user stands: they reach generator/ through its public names only (a `_name` is the
module's to change), and bench/ only through its command lines (`python -m bench.corpus`), never its modules.
"""

from __future__ import annotations

import ast
import functools
import re

from conftest import ROOT

PACKAGE = ROOT / "generator"
# Package (or top-level module) -> its floor; a module may import from its own package and lower floors.
FLOORS = {"config": 0, "errors": 0, "frozen": 0, "hosts": 0, "urls": 0, "urlnorm": 0, "isotime": 0, "textfiles": 0,
          "languages": 0, "alphabets": 0, "calendars": 0, "i18n": 0, "money": 0, "plurals": 0, "players": 0,
          "podcasts": 0, "typography": 0,
          "site": 1, "plan": 2, "render": 3, "build": 4,
          "serve": 5, "publish": 5, "fetch": 5, "commands": 6, "cli": 7, "__main__": 8}


def floor_of(dotted: str) -> tuple[str, int]:
    """`generator.plan.search` -> ("plan", 2); the package `generator` itself (its version) is the ground."""
    parts = dotted.split(".")
    if len(parts) < 2:
        return "generator", 0
    return parts[1], FLOORS[parts[1]]


@functools.cache  # (both tests read the planner's and the model's modules: parsed once)
def imported(path) -> tuple[tuple[int, str], ...]:
    """(line, module) of every `import generator...` and `from generator... import` in a file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name.split(".")[0] == "generator"]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}:{node.lineno}: a relative import (the checks below read absolute ones)"
            if node.module and node.module.split(".")[0] == "generator":
                if node.module == "generator":  # `from generator import plan` names packages too
                    found += [(node.lineno, f"generator.{alias.name}") for alias in node.names
                              if alias.name in FLOORS]
                found.append((node.lineno, node.module))
    return tuple(found)


def test_every_module_imports_only_from_its_own_floor_and_below():
    modules = sorted(PACKAGE.rglob("*.py"))
    upward = []
    for path in modules:
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        own, floor = floor_of(name)
        for line, target in imported(path):
            package, level = floor_of(target)
            if package != own and level >= floor and level > 0:
                upward.append(f"{path.relative_to(ROOT)}:{line}: {name} imports {target}")
    assert len(modules) > 40
    assert upward == []


def test_the_shared_modules_of_the_ground_floor_import_each_other_one_way():
    """Floor 0 (config and the modules every stage shares) may import within itself, but never round in a
    circle: one way there too, or config could come to import what imports config."""
    ground = [name for name, floor in FLOORS.items() if floor == 0]
    uses = {name: set() for name in ground}
    for path in sorted(PACKAGE.rglob("*.py")):
        own = floor_of(".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"))[0]
        if own in uses:
            uses[own] |= {floor_of(target)[0] for _, target in imported(path)} & set(uses) - {own}
    assert sum(map(len, uses.values())) > 10
    circles = []
    for start in uses:
        way, seen = [start], set()
        while way:  # (depth first from `start`: a way back to it is a circle)
            for name in uses[way[-1]] - seen:
                seen.add(name)
                if name == start:
                    circles.append(" -> ".join([*way, name]))
                else:
                    way.append(name)
                break
            else:
                way.pop()
    assert circles == []

def test_planning_and_the_model_import_nothing_that_renders_writes_or_serves():
    checked = 0
    for folder in ("plan", "site"):
        for path in sorted((PACKAGE / folder).glob("*.py")):
            checked += 1
            for line, target in imported(path):
                assert floor_of(target)[0] not in ("build", "render", "serve", "publish", "fetch"), \
                    f"{path.relative_to(ROOT)}:{line} imports {target}"
    assert checked > 10


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


# What any reach below holds in its text: the files without it need no parsing (most of the test's CPU).
_SUSPECT = re.compile(r"""from generator[\w.]* import (\([^)]*|[^\n]*)\b_[a-z]|\._[a-z]|attr\([^)\n]*["']_[a-z]"""
                      r"|\bbench\b|import_module")


def _outside_reaches(path) -> list[str]:
    """`path:line: what` for each import of bench/, import of a generator `_name`, or `x._name` of a generator
    module or value (an attribute of `self`, or `os._exit` in a forked child, is the test's own)."""
    text = path.read_text(encoding="utf-8")
    if not _SUSPECT.search(text):
        return []
    tree = ast.parse(text, str(path))
    found = []
    for node in ast.walk(tree):
        modules = []
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules = [node.module]
            if node.module.split(".")[0] == "generator":
                found += [f"{node.lineno}: imports {node.module}.{alias.name}" for alias in node.names
                          if _private(alias.name)]
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module":
            argument = node.args[0] if node.args else None
            literal = argument.values[0] if isinstance(argument, ast.JoinedStr) and argument.values else argument
            if not isinstance(literal, ast.Constant):
                found.append(f"{node.lineno}: imports a module named by a variable (name it, so it can be checked)")
            else:
                modules = [str(literal.value)]
        elif isinstance(node, ast.Attribute) and _private(node.attr):
            base = node.value
            while isinstance(base, ast.Attribute):
                base = base.value
            if not (isinstance(base, ast.Name) and base.id in ("self", "os")):
                found.append(f"{node.lineno}: reaches {ast.unparse(node)}")
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
                "setattr", "getattr", "delattr") and len(node.args) > 1:
            name = node.args[1]
            if isinstance(name, ast.Constant) and isinstance(name.value, str) and _private(name.value):
                found.append(f"{node.lineno}: reaches {name.value} through {ast.unparse(node.func)}")
        found += [f"{node.lineno}: imports {module}" for module in modules if module.split(".")[0] == "bench"]
    return [f"{path.relative_to(ROOT)}:{line}" for line in found]


def test_tests_use_generators_public_names_and_run_bench_only_as_commands():
    tests = sorted((ROOT / "tests").glob("test_*.py")) + [ROOT / "tests" / "conftest.py"]
    assert len(tests) > 100
    assert [reach for path in tests for reach in _outside_reaches(path)] == []
