"""Every button's callback data names its kind by a prefix; two kinds sharing one would send a
tap to the wrong handler, so each prefix belongs to exactly one class in the whole project."""

from __future__ import annotations

import importlib
import pkgutil

from aiogram.filters.callback_data import CallbackData

import handlers


def _callback_classes() -> list[type[CallbackData]]:
    for module in pkgutil.walk_packages(handlers.__path__, "handlers."):
        importlib.import_module(module.name)
    found: list[type[CallbackData]] = []
    pending = list(CallbackData.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("handlers."):
            found.append(cls)
    return found


def test_every_callback_prefix_belongs_to_one_class() -> None:
    owners: dict[str, list[str]] = {}
    for cls in _callback_classes():
        owners.setdefault(cls.__prefix__, []).append(f"{cls.__module__}.{cls.__qualname__}")
    assert len(owners) > 30  # the scan still finds the project's buttons
    shared = {prefix: names for prefix, names in owners.items() if len(names) > 1}
    assert shared == {}


def test_no_prefix_is_the_start_of_another_with_the_separator() -> None:
    # "ev" and "ev:x" would be told apart by aiogram, but a prefix containing the separator
    # would not: keep prefixes plain.
    for cls in _callback_classes():
        assert ":" not in cls.__prefix__, cls
