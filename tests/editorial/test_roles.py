"""The roles, as groups with permissions, and the demo accounts that use them."""

import io

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.test import override_settings

from tests.factories import UserFactory


def permissions(role):
    user = UserFactory(role=role)
    return {
        name
        for name in [
            "bulletins.change_bulletin",
            "bulletins.submit_bulletin",
            "bulletins.publish_bulletin",
            "bulletins.edit_source_text",
            "bulletins.delete_bulletin",
            "bulletins.add_article",
            "publishing.add_previewlink",
            "bulletins.add_contactblock",
            "audit.view_auditentry",
            "auth.change_user",
        ]
        if user.has_perm(name)
    }


@pytest.mark.django_db
def test_each_role_has_its_permissions():
    editing = {
        "bulletins.change_bulletin",
        "bulletins.submit_bulletin",
        "bulletins.edit_source_text",
        "bulletins.delete_bulletin",
        "bulletins.add_article",
        "publishing.add_previewlink",
    }
    assert permissions("Editor") == editing
    assert permissions("Publisher") == editing | {
        "bulletins.publish_bulletin",
        "bulletins.add_contactblock",
    }
    assert permissions("Translator") == {"bulletins.change_bulletin"}
    assert permissions("Administrator") == editing | {
        "bulletins.publish_bulletin",
        "bulletins.add_contactblock",
        "audit.view_auditentry",
        "auth.change_user",
    }


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_the_demo_accounts_use_the_roles():
    call_command("load_demo", stdout=io.StringIO())

    roles = {
        user.username: [group.name for group in user.groups.all()]
        for user in User.objects.prefetch_related("groups")
    }
    assert roles == {
        "editor": ["Editor"],
        "publisher": ["Publisher"],
        "translator": ["Translator"],
        "admin": ["Administrator"],
    }
    assert not User.objects.filter(is_superuser=True).exists()
    assert set(Group.objects.values_list("name", flat=True)) == {
        "Editor",
        "Publisher",
        "Translator",
        "Administrator",
    }
