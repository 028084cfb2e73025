"""Finds the translation keys the code uses, for the locale completeness test."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CODE_DIRS = ("bot", "handlers", "services")
TRANSLATING_CALLS = {"t", "L", "get", "_t"}


def used_keys() -> dict[str, list[str]]:
    """Key -> places, for every string literal passed first to t(...), L(...) or .get(locale, key).

    Keys built at run time (f"subject-{value}") are checked separately, from the enums.
    """
    found: dict[str, list[str]] = {}
    for directory in CODE_DIRS:
        for path in sorted((ROOT / directory).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call):
                    continue
                func = node.func
                name = (
                    func.id
                    if isinstance(func, ast.Name)
                    else (func.attr if isinstance(func, ast.Attribute) else None)
                )
                if name not in TRANSLATING_CALLS or not node.args:
                    continue
                position = 1 if name == "get" and len(node.args) >= 2 else 0
                if name == "get" and len(node.args) < 2:
                    continue
                arg = node.args[position]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    key = arg.value
                    if "-" in key and key == key.lower() and " " not in key:
                        found.setdefault(key, []).append(f"{path.relative_to(ROOT)}:{node.lineno}")
            for node in ast.walk(tree):
                # Domain errors and import reports carry keys as plain "error-..." literals.
                # Error tuples in reports: ("error-csv-...", ...)
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    value = node.value
                    if value.startswith("error-") and " " not in value:
                        found.setdefault(value, []).append(
                            f"{path.relative_to(ROOT)}:{node.lineno}"
                        )
    return found
