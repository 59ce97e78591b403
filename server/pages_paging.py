"""Paging for the pages that list many things: the page asked for, and links to its neighbours.

A list is shown a page at a time (`?page=2`, or `?<list>_page=2` where a page holds several
lists, each paged on its own); its total is given beside it. Data twins are not paged.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import request

from kg.errors import QueryError


def number(param: str = "page") -> int:
    """The page number the URL asks for (1 when it asks none), or a QueryError (400)."""
    raw = request.args.get(param, "").strip() or "1"
    if not raw.isdigit() or int(raw) < 1:
        raise QueryError(f"{param!r} must be a whole number from 1, got {raw!r}")
    return int(raw)


def link(param: str, page: int) -> str:
    """This URL with `param` set to `page` (dropped for page 1), other parameters kept."""
    args = [(k, v) for k, v in request.args.items(multi=True) if k != param]
    if page > 1:
        args.append((param, str(page)))
    return request.path + ("?" + urlencode(args) if args else "")


def nav(total: int, size: int, page: int, param: str = "page") -> dict:
    """Where this page sits among the pages of `total` items: number, last, prev/next links."""
    last = max(1, -(-total // size))
    return {"total": total, "size": size, "number": page, "last": last, "param": param,
            "first_item": min(total, (page - 1) * size + 1), "last_item": min(total, page * size),
            "prev": link(param, page - 1) if page > 1 else None,
            "next": link(param, page + 1) if page < last else None}
