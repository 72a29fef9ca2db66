from django.core.management.base import BaseCommand

from bulletins.models import ArticleImage, Bulletin
from lmec import renditions
from lmec.images import ImageRefused, prepare_image
from partners.models import Organization


class Command(BaseCommand):
    help = (
        "Make the WebP copies readers get of every stored image (article photos, cover "
        "images, logos; lmec/renditions.py) that lacks them. With --all, encode every "
        "stored image again too, as uploads are now (no GPS or other metadata), and remake "
        "its copies: run it once after upgrading to a release that encodes uploads."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all",
            dest="remake_all",
            action="store_true",
            help="Encode every image again and remake its copies, not only those without.",
        )

    def handle(self, *args, remake_all, **options):
        made = skipped = refused = 0
        for record, field_name in stored_images():
            field_file = getattr(record, field_name)
            storage = field_file.storage
            names = renditions.rendition_names(field_file.name)
            has_size = not isinstance(record, ArticleImage) or record.width
            if not remake_all and has_size and all(storage.exists(name) for name in names):
                skipped += 1
                continue
            try:
                with field_file.open("rb"):
                    image = prepare_image(field_file.read())
            except (OSError, ImageRefused) as error:
                refused += 1
                message = getattr(error, "message", error)
                self.stderr.write(f"{field_file.name}: {message}")
                continue
            if remake_all:
                storage.delete(field_file.name)  # the same name again, now without metadata
                storage.save(field_file.name, renditions.ContentFile(image.content))
            renditions.store_renditions(storage, field_file.name, image)
            if isinstance(record, ArticleImage):
                ArticleImage.objects.filter(pk=record.pk).update(
                    width=image.width, height=image.height
                )
            made += 1
        self.stdout.write(f"Renditions made for {made} images; {skipped} had theirs already.")
        if refused:
            self.stdout.write(f"{refused} images could not be read (listed above).")


def stored_images():
    """(record, field name) of every stored image."""
    for image in ArticleImage.objects.exclude(image="").order_by("pk").iterator():
        yield image, "image"
    for bulletin in Bulletin.objects.exclude(cover_image="").order_by("pk").iterator():
        yield bulletin, "cover_image"
    for organization in Organization.objects.exclude(logo="").order_by("pk").iterator():
        yield organization, "logo"
