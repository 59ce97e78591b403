"""The row cap on SELECT answers written by the engine: never more rows than the cap, same bytes."""

from __future__ import annotations

import pytest
from pyoxigraph import QueryResultsFormat, Store

from server import formats

ROWS = "SELECT {vars} WHERE {{ VALUES ?z {{ {values} }} }}"


def answer(n: int, variables: str = "?a"):
    """n rows: of unbound variables (the smallest a row can be) or of ?z (a number each)."""
    return Store().query(ROWS.format(vars=variables, values=" ".join(map(str, range(n)))))


@pytest.mark.parametrize("media", list(formats.ROW_BYTES))
@pytest.mark.parametrize("variables", ["?a", "?a ?b", "*"])
def test_n_rows_take_at_least_n_times_row_bytes(media, variables):
    fmt = formats.RESULTS_TYPES[media]
    for n in (1, 2, 3, 50):
        assert len(answer(n, variables).serialize(format=fmt)) >= formats.ROW_BYTES[media] * n


@pytest.mark.parametrize("media", list(formats.ROW_BYTES))
def test_an_answer_over_the_cap_is_never_written_whole(media):
    for cap in (1, 2, 3, 10, 40):
        assert formats.serialize_within(answer(cap + 1), media, cap) is None
        assert formats.serialize_within(answer(cap + 1, "?z"), media, cap) is None


@pytest.mark.parametrize("media", list(formats.ROW_BYTES))
def test_an_answer_well_under_the_cap_is_the_engines_own_bytes(media):
    fmt: QueryResultsFormat = formats.RESULTS_TYPES[media]
    whole = answer(30, "?z").serialize(format=fmt)
    assert formats.serialize_within(answer(30, "?z"), media, 100_000) == whole
    assert formats.serialize_within(answer(0), media, 1000) == answer(0).serialize(format=fmt)
