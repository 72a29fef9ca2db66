from django.db import migrations, models


def give_viewpoints_their_articles_topics(apps, schema_editor):
    """Until now a viewpoint was on the topics of its article: it keeps them, and editors
    narrow them down where a speaker spoke of something else."""
    Viewpoint = apps.get_model("bulletins", "Viewpoint")
    Article = apps.get_model("bulletins", "Article")
    through = Viewpoint.topics.through
    article_topics = {}
    for row in Article.topics.through.objects.values("article_id", "topic_id"):
        article_topics.setdefault(row["article_id"], []).append(row["topic_id"])
    through.objects.bulk_create(
        [
            through(viewpoint_id=viewpoint_id, topic_id=topic_id)
            for viewpoint_id, article_id in Viewpoint.objects.values_list("pk", "article_id")
            for topic_id in article_topics.get(article_id, [])
        ],
        batch_size=1000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("bulletins", "0012_contact_wechat_qr_headline_breaks"),
        ("topics", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="viewpoint",
            name="topics",
            field=models.ManyToManyField(
                blank=True,
                help_text="What this speaker talked about; the viewpoint appears on these topics' pages. Proposed from the article's topics.",
                related_name="viewpoints",
                to="topics.topic",
                verbose_name="topics",
            ),
        ),
        migrations.RunPython(give_viewpoints_their_articles_topics, migrations.RunPython.noop),
    ]
