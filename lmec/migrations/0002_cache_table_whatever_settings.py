"""The production cache table, whatever the settings `migrate` runs under.

0001 made the table only when the settings of that `migrate` named a database cache: a
database migrated under development settings (the cache in memory) and then served under
production ones had no table, and `migrate` had nothing left to apply. This makes the
table production uses by default in every database; every `migrate` also makes the
tables the settings of that run name (lmec/apps.py). The table is small and unused where
the cache is Redis.
"""

from django.db import migrations

from lmec.cache import PRODUCTION_TABLE, create_cache_tables


def create_table(apps, schema_editor):
    create_cache_tables(schema_editor.connection.alias, tables=[PRODUCTION_TABLE])


class Migration(migrations.Migration):
    dependencies = [("lmec", "0001_cache_table")]

    operations = [migrations.RunPython(create_table, migrations.RunPython.noop)]
