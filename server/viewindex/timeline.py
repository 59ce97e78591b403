"""Events over time by class: counts per day, month or year, as the dates allow."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from server.pages_common import local_name
from server.viewindex import Index
from server.viewindex.events import labels
from server.viewindex.filters import UNITS, FilterError, Filters, where
from server.viewindex.geo import families

WIDTH = {"day": 10, "month": 7, "year": 4}
MAX_DAYS, MAX_MONTHS = 92, 72  # longer spans are shown by month, then by year


def periods(first: str, last: str, granularity: str) -> list[str]:
    """Every period from `first` to `last` inclusive (ISO prefixes of that granularity)."""
    if granularity == "year":
        return [str(y) for y in range(int(first), int(last) + 1)]
    if granularity == "month":
        y, m = int(first[:4]), int(first[5:7])
        out = []
        while f"{y:04d}-{m:02d}" <= last:
            out.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out
    day, end = date.fromisoformat(first), date.fromisoformat(last)
    return [(day + timedelta(days=n)).isoformat() for n in range((end - day).days + 1)]


def choose(dates: list[str]) -> str:
    """The finest granularity the dates allow, and that keeps the chart readable."""
    days = [d for d in dates if len(d) >= 10]
    if days and len(days) == len(dates):
        span = (date.fromisoformat(max(days)) - date.fromisoformat(min(days))).days
        if span <= MAX_DAYS:
            return "day"
    months = sorted(d[:7] for d in dates if len(d) >= 7)
    if months and len(months) * 2 >= len(dates):
        y0, m0, y1, m1 = int(months[0][:4]), int(months[0][5:]), int(months[-1][:4]), int(months[-1][5:])
        if (y1 - y0) * 12 + m1 - m0 < MAX_MONTHS:
            return "month"
    return "year"


def series(index: Index, f: Filters, granularity: str = "") -> dict:
    """Periods, and per class branch the count in each period; events too vague are counted."""
    if granularity and granularity not in WIDTH:
        raise FilterError(f"'granularity' must be one of {', '.join(WIDTH)}, got {granularity!r}")
    cond, params = where(f)
    found = index.rows(f"SELECT e.date, e.class, COUNT(DISTINCT {UNITS[f.per]}) FROM event e "
                       f"WHERE {cond} GROUP BY e.date, e.class", params)
    dated = [r for r in found if r[0]]
    granularity = granularity or (choose([r[0] for r in dated]) if dated else "month")
    width = WIDTH[granularity]
    family = families(index)
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    vague = undated = 0
    for day, cls, n in found:
        if not day:
            undated += n
        elif len(day) < width:
            vague += n
        else:
            counts[family.get(cls, cls)][day[:width]] += n
    keys = sorted({p for c in counts.values() for p in c})
    axis = periods(keys[0], keys[-1], granularity) if keys else []
    named = labels(index, list(counts))
    ranked = sorted(counts, key=lambda c: (-sum(counts[c].values()), c))
    return {"granularity": granularity, "periods": axis, "undated": undated, "vague": vague,
            "series": [{"class": local_name(c), "iri": c, "label": named.get(c, local_name(c)),
                        "counts": [counts[c].get(p, 0) for p in axis]} for c in ranked]}
