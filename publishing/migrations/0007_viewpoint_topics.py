import django.contrib.postgres.fields
import django.contrib.postgres.indexes
from django.db import migrations, models


def fill_read_rows(apps, schema_editor):
    """The published viewpoints' topics (their article's, in editions frozen before
    viewpoints had their own), organizations' short names and logos; the articles'
    descriptions by the rule of publishing/frozen.py (first sentence, or whose viewpoints)."""
    from publishing import snapshot
    from publishing.services import article_descriptions

    Edition = apps.get_model("publishing", "Edition")
    EditionArticle = apps.get_model("publishing", "EditionArticle")
    EditionViewpoint = apps.get_model("publishing", "EditionViewpoint")
    for edition in Edition.objects.iterator(chunk_size=20):
        registry = edition.content.get("registry", {})
        descriptions = article_descriptions(edition)
        for record in edition.content["articles"]:
            article = EditionArticle.objects.filter(edition=edition, article_id=record["id"]).first()
            if article is None:
                continue
            article.texts = article.texts | {"description": descriptions.get(record["id"], {})}
            article.save(update_fields=["texts"])
            for said in record["viewpoints"]:
                organization = registry.get("organizations", {}).get(str(said["organization"]), {})
                for viewpoint in EditionViewpoint.objects.filter(article=article, viewpoint_id=said["id"]):
                    viewpoint.topic_ids = snapshot.viewpoint_topics(said, record)
                    viewpoint.organization_logo = organization.get("logo", "")
                    viewpoint.texts = viewpoint.texts | {
                        "organization_short_name": organization.get("short_name", {})
                    }
                    viewpoint.save(update_fields=["topic_ids", "organization_logo", "texts"])


class Migration(migrations.Migration):
    dependencies = [
        ("publishing", "0006_search_words_out_of_line"),
        ("bulletins", "0013_viewpoint_topics"),
    ]

    operations = [
        migrations.AddField(
            model_name="editionviewpoint",
            name="organization_logo",
            field=models.CharField(blank=True, max_length=255, verbose_name="organization's logo"),
        ),
        migrations.AddField(
            model_name="editionviewpoint",
            name="topic_ids",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.BigIntegerField(), default=list, size=None, verbose_name="topics"
            ),
        ),
        migrations.AddIndex(
            model_name="editionviewpoint",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["topic_ids"], name="edition_viewpoint_topics"
            ),
        ),
        migrations.RunPython(fill_read_rows, migrations.RunPython.noop),
    ]
