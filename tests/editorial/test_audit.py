"""The audit log: who did what, when; for administrators to read, for no one to change."""

import pytest
from django.test import Client

from audit.models import AuditEntry
from audit.services import audit_record
from tests.admin_pages import form_data
from tests.factories import BulletinFactory, UserFactory


@pytest.mark.django_db
def test_audit_record_names_the_user_the_action_and_the_record():
    user = UserFactory(username="wang")
    bulletin = BulletinFactory(year=2020, number=5)

    entry = audit_record(
        user=user, action=AuditEntry.Action.EXPORTED, obj=bulletin, detail="PDF, zh-hans"
    )

    assert (entry.username, entry.action, entry.object_id) == ("wang", "exported", str(bulletin.pk))
    assert entry.object_repr == "No. 5, 2020"
    assert entry.detail == "PDF, zh-hans"
    assert entry.timestamp is not None


@pytest.mark.django_db
def test_work_done_by_the_system_has_no_user():
    entry = audit_record(user=None, action=AuditEntry.Action.IMPORTED, obj=BulletinFactory())

    assert entry.user is None
    assert entry.username == ""


@pytest.mark.django_db
def test_admin_edits_are_recorded(editor_client, editor):
    bulletin = BulletinFactory()
    url = f"/admin/bulletins/bulletin/{bulletin.pk}/change/"

    editor_client.post(url, form_data(editor_client.get(url), title_en="New title"))

    entry = AuditEntry.objects.get()
    assert (entry.user, entry.action) == (editor, AuditEntry.Action.EDITED)
    assert "Title [en]" in entry.detail


@pytest.mark.django_db
def test_only_administrators_read_the_audit_log(editor_client, administrator):
    audit_record(user=None, action=AuditEntry.Action.IMPORTED, obj=BulletinFactory())
    assert editor_client.get("/admin/audit/auditentry/").status_code == 403

    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(administrator)
    response = client.get("/admin/audit/auditentry/")

    assert response.status_code == 200
    assert "imported" in response.content.decode()
    entry = AuditEntry.objects.get()
    assert (
        client.post(f"/admin/audit/auditentry/{entry.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert client.get("/admin/audit/auditentry/add/").status_code == 403
    assert AuditEntry.objects.count() == 1
