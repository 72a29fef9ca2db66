"""Let the editorial roles see the stored PDFs and their render queue in the admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

VIEWERS = ["Editor", "Publisher", "Administrator"]
CODENAMES = ["view_bulletinpdf", "view_pdfrenderrequest"]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="bulletins", codename__in=CODENAMES)
    for group in Group.objects.filter(name__in=VIEWERS):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="bulletins", codename__in=CODENAMES)
    for group in Group.objects.filter(name__in=VIEWERS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [("bulletins", "0005_pdfs")]

    operations = [migrations.RunPython(grant, revoke)]
