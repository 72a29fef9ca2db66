"""What the tests ask PostgreSQL about its planner's statistics."""

from django.db import connection


def last_analyzed(model):
    """When PostgreSQL last gathered the planner's statistics of ``model``'s table."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT last_analyze FROM pg_stat_user_tables WHERE relname = %s",
            [model._meta.db_table],
        )
        return cursor.fetchone()[0]
