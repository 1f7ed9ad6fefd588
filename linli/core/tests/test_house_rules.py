"""House rules that the import contracts (pyproject.toml, `make lint`) cannot say by module."""

import ast
from pathlib import Path

import linli

ROOT = Path(linli.__file__).parent


def _app_modules(*, outside):
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if parts[0] == outside or "tests" in parts or "migrations" in parts:
            continue
        yield path


def _names_taken_from(tree, module):
    """Names a module takes from `module` (`from module import X`), and attributes read off
    `module` imported whole (`from package import models` / `import module as m`, then `m.X`)."""
    package, _, last = module.rpartition(".")
    aliases, names = set(), []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == module:
            names += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module == package:
            aliases |= {a.asname or a.name for a in node.names if a.name == last}
        elif isinstance(node, ast.Import):
            aliases |= {a.asname for a in node.names if a.name == module and a.asname}
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in aliases
        ):
            names.append((node.attr, node.lineno))
    return names


def test_only_community_reads_roles():
    """Who holds which role is community's to say: other apps ask its predicates (rules.py)
    and selectors (`people_with_role`), never the Role table."""
    found = []
    for path in _app_modules(outside="community"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for name, line in _names_taken_from(tree, "linli.community.models"):
            if name == "Role":
                found.append(f"linli/{path.relative_to(ROOT)}:{line}")
    assert found == []
