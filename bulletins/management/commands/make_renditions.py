from django.core.management.base import BaseCommand

from bulletins.models import ArticleImage
from lmec import renditions


class Command(BaseCommand):
    help = (
        "Make the smaller copies of article images the reading site shows (lmec/renditions.py). "
        "Uploads make theirs; run this after a restore without them, after changing "
        "renditions.WIDTHS, or for images uploaded before renditions existed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all",
            dest="remake_all",
            action="store_true",
            help="Remake them for every image, not only those without.",
        )

    def handle(self, *args, remake_all, **options):
        images = ArticleImage.objects.exclude(image="").order_by("pk")
        made = skipped = 0
        for image in images.iterator():
            storage = image.image.storage
            expected = [
                renditions.rendition_name(image.image.name, width)
                for width in renditions.widths_for(image.width)
            ]
            if not remake_all and image.width and all_exist(storage, expected):
                skipped += 1
                continue
            image.make_renditions()
            made += 1
        self.stdout.write(f"Renditions made for {made} images; {skipped} had theirs already.")


def all_exist(storage, names):
    return all(storage.exists(name) for name in names)
