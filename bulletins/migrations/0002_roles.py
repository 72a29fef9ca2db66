"""Create the editorial roles as groups with their permissions.

Permissions are normally created after all migrations have run; they are created here
first so that the groups can be given them on a fresh database.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT = {
    "partners": ["organization", "organizationalias", "person"],
    "events": ["event", "eventorganizer"],
    "topics": ["topic"],
    "bulletins": ["bulletin", "article", "articleimage", "viewpoint", "contactblock", "aboutblock"],
}
EDITABLE = [
    "organization", "organizationalias", "person", "event", "eventorganizer", "topic",
    "article", "articleimage", "viewpoint",
]
TRANSLATABLE = [
    "organization", "person", "event", "topic", "bulletin", "article", "articleimage",
    "viewpoint", "contactblock", "aboutblock",
]


def role_permissions():
    view = [f"view_{model}" for models in CONTENT.values() for model in models]
    editor = view + [f"{action}_{model}" for model in EDITABLE for action in ("add", "change", "delete")]
    editor += ["add_bulletin", "change_bulletin"]
    publisher = editor + [
        "publish_bulletin", "delete_bulletin",
        "add_contactblock", "change_contactblock", "add_aboutblock", "change_aboutblock",
    ]
    translator = view + [f"change_{model}" for model in TRANSLATABLE]
    administrator = [
        f"{action}_{model}"
        for models in [*CONTENT.values(), ["user", "group"]]
        for model in models
        for action in ("add", "change", "delete", "view")
    ] + ["publish_bulletin"]
    return {
        "Editor": editor,
        "Publisher": publisher,
        "Translator": translator,
        "Administrator": administrator,
    }


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    apps_of_roles = [*CONTENT, "auth"]
    for name, codenames in role_permissions().items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(
            Permission.objects.filter(
                content_type__app_label__in=apps_of_roles, codename__in=set(codenames)
            )
        )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=role_permissions()).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("bulletins", "0001_initial"),
        ("events", "0001_initial"),
        ("partners", "0001_initial"),
        ("topics", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
