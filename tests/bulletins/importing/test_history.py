"""Imports are recorded in the history and the audit log; a replace can be undone."""

import pytest

from audit.models import AuditEntry
from audit.revisions import versions_of
from bulletins.importing import bulletin_import
from bulletins.models import Bulletin
from editorial.services import version_restore
from tests.bulletins.importing.helpers import SEED_2, import_text, plan_text, seed_text


@pytest.mark.django_db
def test_an_import_is_recorded_in_the_audit_log_and_the_history(publisher):
    bulletin = bulletin_import(plan=plan_text(seed_text(SEED_2), "2020-2.txt"), user=publisher)

    entry = AuditEntry.objects.get(action=AuditEntry.Action.IMPORTED)
    assert (entry.user, entry.object_id, entry.detail) == (
        publisher,
        str(bulletin.pk),
        "2020-2.txt",
    )
    assert versions_of(bulletin).count() == 1


@pytest.mark.django_db
def test_a_replace_by_import_can_be_undone(publisher):
    original = import_text(seed_text(SEED_2), "2020-2.txt")
    wwf_statement = original.articles.get(position=2).viewpoints.first().statement_zh_hans
    changed = seed_text(SEED_2).replace("目前湄公河下游恰逢旱季", "湄公河下游正值旱季")

    replaced = bulletin_import(
        plan=plan_text(changed, "2020-2-corrected.txt"), replace=True, user=publisher
    )
    assert replaced.pk == original.pk
    assert "正值旱季" in replaced.articles.get(position=2).viewpoints.first().statement_zh_hans

    before_replace = versions_of(original).last()  # the oldest: the first import
    version_restore(version=before_replace, user=publisher)

    restored = Bulletin.objects.get(pk=original.pk)
    assert restored.articles.get(position=2).viewpoints.first().statement_zh_hans == wwf_statement
