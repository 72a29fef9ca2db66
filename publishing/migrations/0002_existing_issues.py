"""Existing published issues become their first edition; existing partners, events and
topics, all public until now, get their published copy; preview links keep their
permissions; and the database refuses any change to a published version's content.

After this migration, `manage.py refresh_outputs` renders the editions' PDFs and indexes
them for search (`make run` does it; see docs/deployment.md, upgrades).
"""

import datetime

from django.db import migrations
from django.utils import timezone

IMMUTABLE_COLUMNS = [
    "bulletin_id",
    "version",
    "year",
    "number",
    "publication_date",
    "languages",
    "source_language",
    "title",
    "summary",
    "content",
    "fingerprint",
    "note",
    "published_by_id",
]

FREEZE_EDITIONS = f"""
CREATE FUNCTION publishing_edition_frozen() RETURNS trigger AS $$
BEGIN
    IF {" OR ".join(f"NEW.{column} IS DISTINCT FROM OLD.{column}" for column in IMMUTABLE_COLUMNS)}
    THEN
        RAISE EXCEPTION 'A published version of an issue never changes (edition %)', OLD.id;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER publishing_edition_frozen BEFORE UPDATE ON publishing_edition
    FOR EACH ROW EXECUTE FUNCTION publishing_edition_frozen();
"""
THAW_EDITIONS = """
DROP TRIGGER publishing_edition_frozen ON publishing_edition;
DROP FUNCTION publishing_edition_frozen();
"""


def freeze_published_issues(apps, schema_editor):
    from publishing import registry, snapshot
    from publishing.services import store_read_rows

    Bulletin = apps.get_model("bulletins", "Bulletin")
    Edition = apps.get_model("publishing", "Edition")
    models = (apps.get_model("publishing", "EditionArticle"), apps.get_model("publishing", "EditionViewpoint"))
    published = Bulletin.objects.filter(status="published").order_by("year", "number")
    for tree in snapshot.issue_queryset(published):
        if not tree.articles.all():
            continue
        languages = snapshot.written_languages(tree)
        content = snapshot.freeze(tree, languages)
        at = tree.published_at or timezone.make_aware(
            datetime.datetime.combine(tree.publication_date, datetime.time())
        )
        edition = Edition.objects.create(
            bulletin=tree,
            version=1,
            year=tree.year,
            number=tree.number,
            publication_date=tree.publication_date,
            languages=languages,
            source_language=tree.source_language,
            title=content["title"] or content["articles"][0]["headline"],
            summary=content["summary"],
            content=content,
            fingerprint=snapshot.fingerprint(tree),
            published_at=at,
        )
        store_read_rows(edition, models=models)

    for label, public_label in [
        ("partners.Organization", "publishing.PublicOrganization"),
        ("events.Event", "publishing.PublicEvent"),
        ("topics.Topic", "publishing.PublicTopic"),
    ]:
        model, public_model = apps.get_model(label), apps.get_model(public_label)
        for obj in model.objects.all():
            data = registry.record_data(obj)
            public_model.objects.create(pk=obj.pk, **registry.public_columns(obj, data))


def move_preview_link_permissions(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="bulletins", model="previewlink").update(
        app_label="publishing"
    )


def move_preview_link_permissions_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="publishing", model="previewlink").update(
        app_label="bulletins"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("publishing", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunSQL(FREEZE_EDITIONS, THAW_EDITIONS),
        migrations.RunPython(freeze_published_issues, migrations.RunPython.noop),
        migrations.RunPython(move_preview_link_permissions, move_preview_link_permissions_back),
    ]
