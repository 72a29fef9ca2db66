from django.db import migrations, models


class Migration(migrations.Migration):
    """Published issues become frozen editions (publishing/): the issue keeps its workflow
    state, with the time its pending changes were submitted for review; preview links move
    to the publishing app (publishing/0001 renames their table)."""

    dependencies = [
        ("bulletins", "0009_image_sizes"),
    ]

    operations = [
        migrations.AddField(
            model_name="bulletin",
            name="submitted_at",
            field=models.DateTimeField(
                blank=True,
                help_text="When a published issue's pending changes were submitted for review.",
                null=True,
                verbose_name="submitted for review",
            ),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="PreviewLink")],
            database_operations=[],
        ),
    ]
