"""Imports run one way, from the commands down to the config (docs/dev/architecture.md):

    cli -> commands -> serve, publish, fetch -> build -> render -> plan -> site -> config (and errors, frozen,
    calendars, hosts, i18n, isotime, languages, players, plurals, podcasts, typography, urls, urlnorm)

A module may import from its own package and from those below it, never from one above: planning never
reaches for the writer, the model never for the planner. Every import in every module is checked, those
inside functions too.
"""

from __future__ import annotations

import ast
import functools

from conftest import ROOT

PACKAGE = ROOT / "generator"
# Package (or top-level module) -> its floor; a module may import from its own package and lower floors.
FLOORS = {"config": 0, "errors": 0, "frozen": 0, "hosts": 0, "urls": 0, "urlnorm": 0, "isotime": 0, "textfiles": 0,
          "languages": 0, "calendars": 0, "i18n": 0, "plurals": 0, "players": 0, "podcasts": 0, "typography": 0,
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


def test_planning_and_the_model_import_nothing_that_renders_writes_or_serves():
    checked = 0
    for folder in ("plan", "site"):
        for path in sorted((PACKAGE / folder).glob("*.py")):
            checked += 1
            for line, target in imported(path):
                assert floor_of(target)[0] not in ("build", "render", "serve", "publish", "fetch"), \
                    f"{path.relative_to(ROOT)}:{line} imports {target}"
    assert checked > 10
