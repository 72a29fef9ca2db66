"""Give the roles the permissions of the editorial workflow.

Editor: drafts and edits, submits for review, deletes drafts, makes preview links.
Publisher: also publishes, schedules, withdraws, deletes issues that went further, and
adds contact and about versions. Translator: changes translations only (no
``edit_source_text``). Administrator: everything, including users and the audit log.
"""

import importlib

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT = {
    "partners": ["organization", "organizationalias", "person"],
    "events": ["event", "eventorganizer"],
    "topics": ["topic"],
    "bulletins": [
        "bulletin", "article", "articleimage", "viewpoint", "contactblock", "aboutblock",
        "previewlink",
    ],
}
EDITABLE = [
    "organization", "organizationalias", "person", "event", "eventorganizer", "topic",
    "bulletin", "article", "articleimage", "viewpoint",
]
TRANSLATABLE = [
    "organization", "person", "event", "topic", "bulletin", "article", "articleimage",
    "viewpoint", "contactblock", "aboutblock",
]
WORKFLOW = ["publish_bulletin", "submit_bulletin", "edit_source_text"]


def role_permissions():
    view = [f"view_{model}" for models in CONTENT.values() for model in models]
    editor = view + [
        f"{action}_{model}" for model in EDITABLE for action in ("add", "change", "delete")
    ]
    editor += ["submit_bulletin", "edit_source_text", "add_previewlink", "change_previewlink"]
    publisher = editor + [
        "publish_bulletin",
        "add_contactblock", "change_contactblock", "add_aboutblock", "change_aboutblock",
    ]
    translator = view + [f"change_{model}" for model in TRANSLATABLE]
    administrator = [
        f"{action}_{model}"
        for models in [*CONTENT.values(), ["user", "group"]]
        for model in models
        for action in ("add", "change", "delete", "view")
    ] + WORKFLOW + ["view_auditentry"]
    return {
        "Editor": editor,
        "Publisher": publisher,
        "Translator": translator,
        "Administrator": administrator,
    }


def set_permissions(apps, roles):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in roles.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(
            Permission.objects.filter(
                content_type__app_label__in=[*CONTENT, "auth", "audit"],
                codename__in=set(codenames),
            )
        )


def apply_roles(apps, schema_editor):
    set_permissions(apps, role_permissions())


def restore_previous_roles(apps, schema_editor):
    previous = importlib.import_module("bulletins.migrations.0002_roles")
    set_permissions(apps, previous.role_permissions())


class Migration(migrations.Migration):
    dependencies = [
        ("bulletins", "0003_preview_links_and_workflow_permissions"),
        ("audit", "0001_initial"),
    ]

    operations = [migrations.RunPython(apply_roles, restore_previous_roles)]
