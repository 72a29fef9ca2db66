from django.db import migrations


class Migration(migrations.Migration):
    """Readers read editions now (publishing/0002 made them of the published issues): the
    issue's publication time, its fingerprinted PDFs, their render queue and its search
    entries are replaced by the editions', their PDFs, the task queue and publishing's
    search index."""

    dependencies = [
        ("bulletins", "0010_submitted_at_preview_links_move"),
        ("publishing", "0002_existing_issues"),
    ]

    operations = [
        migrations.RemoveField(model_name="bulletin", name="published_at"),
        migrations.DeleteModel(name="BulletinPDF"),
        migrations.DeleteModel(name="PDFRenderRequest"),
        migrations.DeleteModel(name="SearchEntry"),
    ]
