"""The search name keeps one statistics entry on PostgreSQL (migration inwoners 0006, issue 17): estimating the
trigram conditions against a hundred names cost more than the search itself, on every search."""

import pytest
from django.db import connection

from wijkregie.testing import make_persoon

pytestmark = pytest.mark.django_db


def test_the_search_name_keeps_almost_no_statistics(world):
    for naam in ("Jansen", "de Vries", "Bakker", "Visser", "Smit"):
        make_persoon(world, "Anna", naam)
    if connection.vendor != "postgresql":
        return  # SQLite's search (FTS5) has no planner statistics of this kind
    with connection.cursor() as cursor:
        cursor.execute("SELECT attstattarget FROM pg_attribute WHERE attrelid = 'inwoners_persoon'::regclass "
                       "AND attname = 'zoeknaam'")
        assert cursor.fetchone()[0] == 1
        cursor.execute("ANALYZE inwoners_persoon")
        cursor.execute("SELECT coalesce(array_length(histogram_bounds::text::text[], 1), 0), most_common_vals "
                       "FROM pg_stats WHERE tablename = 'inwoners_persoon' AND attname = 'zoeknaam'")
        grenzen, meest = cursor.fetchone()
    assert grenzen <= 2 and meest is None
