"""Create the cache table when the cache lives in PostgreSQL (production without Redis).

`manage.py createcachetable` is a step operators forget, and without the table every
page would fail; `migrate`, which every release runs, now does it. Nothing happens when
the cache is Redis or process memory. Run again after switching CACHE_URL to a table.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
