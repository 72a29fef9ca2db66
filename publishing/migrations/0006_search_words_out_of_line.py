"""The words of search entries (their tsvector) are kept out of the table's rows.

A search first finds its items (the GIN index, then each row for its language, date and
edition) and reads the words only of the few it ranks (publishing/search.py). With the
words in the rows (1–3 KB each), finding the 7 000 items of a common word read 26 MB of
table; out of line (TOAST, uncompressed: quicker to read back), the rows are a third of
that. Entries written before this migration keep their layout until the index is rebuilt
(`manage.py rebuild_search_index`).
"""

from django.db import migrations

FORWARD = """
ALTER TABLE publishing_searchentry ALTER COLUMN vector SET STORAGE EXTERNAL;
ALTER TABLE publishing_searchentry SET (toast_tuple_target = 128);
"""
BACKWARD = """
ALTER TABLE publishing_searchentry ALTER COLUMN vector SET STORAGE EXTENDED;
ALTER TABLE publishing_searchentry RESET (toast_tuple_target);
"""


class Migration(migrations.Migration):
    dependencies = [("publishing", "0005_mail_permissions")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
