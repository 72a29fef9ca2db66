"""Let the roles see the mailings, and publishers and administrators the subscribers;
administrators may delete a subscriber's data (a reader who asks for it)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Editor": ["view_mailing"],
    "Publisher": ["view_mailing", "view_delivery", "view_subscriber"],
    "Administrator": ["view_mailing", "view_delivery", "view_subscriber", "delete_subscriber"],
}


def _permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="publishing", codename__in=codenames)


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.add(*_permissions(apps, GRANTS[group.name]))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.remove(*_permissions(apps, GRANTS[group.name]))


class Migration(migrations.Migration):
    dependencies = [("publishing", "0004_mail"), ("bulletins", "0011_published_editions")]

    operations = [migrations.RunPython(grant, revoke)]
