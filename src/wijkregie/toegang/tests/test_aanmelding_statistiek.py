"""PostgreSQL knows that an aanmelding's status and its first contact go together (migration 0004): without
it the werkvoorraad's alarms were planned for a quarter of the table and hashed every casus of the gemeente
(issue 17). SQLite keeps no such statistics."""

from django.db import connection


def test_the_planner_has_the_combined_statistics_on_postgresql(db):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT stxkind FROM pg_statistic_ext WHERE stxname = %s",
                           ["toegang_aanmelding_status_contact"])
            assert cursor.fetchall() == [(["m"],)]
        else:
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE name LIKE %s", ["%status_contact%"])
            assert cursor.fetchone() == (0,)
