"""Fresh planner statistics after a bulk load.

PostgreSQL plans each query from statistics its autovacuum gathers now and then. Straight
after a bulk load (an import of years of briefings, the demo content, a rebuilt search
index) a table may have none yet, and every estimate is one row: a query that takes a
second with statistics then ran for over ten minutes. ``analyze`` gathers them at once.
"""

from django.db import connection


def analyze(*models) -> None:
    """ANALYZE the tables of ``models`` (every table when none is named)."""
    with connection.cursor() as cursor:
        if not models:
            cursor.execute("ANALYZE")
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
