"""Almost no planner statistics on the search name (PostgreSQL; issue 17).

The person search compares `zoeknaam` with the typed words through pg_trgm's similarity operators. To
estimate such a condition PostgreSQL computes the similarity of the words with every value in the column's
statistics (a hundred names) for every condition, and the search has up to twelve: planning a search took
6 ms for 2 ms of work, and a plan made for one name cannot be kept for the next. With one statistics entry
the estimate is pg_trgm's default (names are nearly unique anyway, which the column still reports), the
search's statement is planned once per connection, and its plan is the same one.

Both statements need the table's owner (the role that ran the earlier migrations), not a superuser. The column
lock (SHARE UPDATE EXCLUSIVE) lets reads and writes go on; the ANALYZE samples 300 rows.
"""

from django.db import migrations


def weinig_statistiek(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE inwoners_persoon ALTER COLUMN zoeknaam SET STATISTICS 1")
    # The statistics gathered at the old size stay until the next ANALYZE of the column: gather them now (a
    # sample of 300 rows).
    schema_editor.execute("ANALYZE inwoners_persoon (zoeknaam)")


def standaard(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE inwoners_persoon ALTER COLUMN zoeknaam SET STATISTICS -1")
    schema_editor.execute("ANALYZE inwoners_persoon (zoeknaam)")


class Migration(migrations.Migration):

    dependencies = [
        ("inwoners", "0005_persoon_bsn_te_controleren_index"),
    ]

    operations = [
        migrations.RunPython(weinig_statistiek, standaard, elidable=False),
    ]
