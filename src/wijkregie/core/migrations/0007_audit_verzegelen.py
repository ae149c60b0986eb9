"""Audit events are written unsealed and sealed into their chain later (core.audit.audit_seal).

Adds the content MAC written with each event, lets `seq` be empty until the seal, indexes the unsealed
events (the sealer's queue), and on PostgreSQL narrows the append-only trigger's one exception: an
UPDATE that gives an unsealed row its place in the chain (seq, prev_hash, hash) and changes nothing
else. Every other UPDATE, re-sealing a sealed row included, and every DELETE is still refused.
"""

from django.db import migrations, models

SEALING = """
CREATE OR REPLACE FUNCTION core_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.seq IS NULL AND NEW.seq IS NOT NULL
       AND (to_jsonb(NEW) - 'seq' - 'prev_hash' - 'hash') = (to_jsonb(OLD) - 'seq' - 'prev_hash' - 'hash') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'core_auditevent is append-only';
END;
$$ LANGUAGE plpgsql;
"""
STRICT = """
CREATE OR REPLACE FUNCTION core_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'core_auditevent is append-only';
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SEALING)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(STRICT)


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0006_achtergrondbestand'),
    ]

    operations = [
        migrations.AddField(
            model_name='auditevent',
            name='mac',
            field=models.CharField(db_default='', default='', editable=False, max_length=64),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='seq',
            field=models.PositiveBigIntegerField(editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name='auditevent',
            index=models.Index(condition=models.Q(('seq__isnull', True)), fields=['id'], name='audit_unsealed'),
        ),
        migrations.RunPython(forwards, backwards),
    ]
