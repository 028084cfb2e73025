"""Case-insensitive search that works for Cyrillic on SQLite too: SQLite's lower() only folds
ASCII, so a folded copy of the searchable text is stored beside it and the query is folded
the same way in Python."""

from __future__ import annotations


def fold(text: str | None) -> str:
    return " ".join((text or "").casefold().replace("ё", "е").split())
