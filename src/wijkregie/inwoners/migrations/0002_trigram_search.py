"""PostgreSQL: pg_trgm and a GIN trigram index for typo-tolerant name search.

On SQLite the FTS5 trigram index is made by inwoners.search after every migrate instead.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS persoon_zoeknaam_trgm ON inwoners_persoon USING gin (zoeknaam gin_trgm_ops)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS persoon_zoeknaam_trgm")


class Migration(migrations.Migration):
    dependencies = [("inwoners", "0001_initial")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_index, drop_index),
    ]
