"""Paging a list that may outgrow one screen: the same arithmetic for every list."""

from __future__ import annotations


def clamp_page(total: int, size: int, page: int) -> tuple[int, int]:
    """(page, pages): at least one page; a page past either end shows the nearest one."""
    pages = max(1, -(-total // size))
    return min(max(page, 0), pages - 1), pages
