"""Photos in articles: readers get smaller copies sized to their screen, not the original."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from bulletins.models import ArticleImage, Bulletin
from tests.admin_pages import form_data
from tests.factories import ArticleFactory, BulletinFactory

EXIF_ORIENTATION = 0x0112
ROTATED_90 = 6  # the camera was turned: the pixels are stored lying on their side


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def photo(name, size, orientation=None):
    buffer = io.BytesIO()
    image = Image.new("RGB", size, "seagreen")
    exif = Image.Exif()
    if orientation:
        exif[EXIF_ORIENTATION] = orientation
    image.save(buffer, "JPEG", quality=90, exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def post_image(client, article, file):
    """The article's admin page posted back with ``file`` as a new image."""
    url = f"/admin/bulletins/article/{article.pk}/change/"
    rows = {
        "images-TOTAL_FORMS": "1",
        "images-0-position": "1",
        "images-0-image": file,
        "images-0-alt_text_zh_hans": "红树林",
        "images-0-alt_text_en": "Mangroves",
    }
    return client.post(url, form_data(client.get(url), **rows))


def upload(client, article, file):
    response = post_image(client, article, file)
    assert response.status_code == 302, response.content.decode()[:2000]
    return ArticleImage.objects.get(article=article)


def public_article():
    bulletin = BulletinFactory(year=2021, number=3, status=Bulletin.Status.PUBLISHED)
    return ArticleFactory(bulletin=bulletin, slug="mangroves")


def img_tag(client, path):
    html = client.get(path).content.decode()
    return re.search(r'<figure class="article__image">\s*(<img [^>]*>)', html).group(1)


def width_of(path):
    with Image.open(path) as image:
        return image.format, image.size


@pytest.mark.django_db
def test_a_large_photo_reaches_readers_as_smaller_copies(editor_client, client, media):
    article = public_article()

    image = upload(editor_client, article, photo("delta.jpg", (2400, 1200)))

    name = image.image.name
    assert width_of(media / f"renditions/{name}.480.webp") == ("WEBP", (480, 240))
    assert width_of(media / f"renditions/{name}.960.webp") == ("WEBP", (960, 480))
    assert width_of(media / f"renditions/{name}.1600.webp") == ("WEBP", (1600, 800))
    tag = img_tag(client, "/en/bulletins/2021/3/mangroves/")
    assert f'src="/media/renditions/{name}.1600.webp"' in tag
    assert (
        f'srcset="/media/renditions/{name}.480.webp 480w, /media/renditions/{name}.960.webp 960w, '
        f'/media/renditions/{name}.1600.webp 1600w"'
    ) in tag  # the 2400 px original is never sent to a reader's screen
    assert 'width="2400" height="1200"' in tag  # room is kept while it loads
    assert 'alt="Mangroves"' in tag


@pytest.mark.django_db
def test_a_photo_taken_with_the_camera_turned_is_shown_upright(editor_client, client, media):
    article = public_article()

    image = upload(editor_client, article, photo("tall.jpg", (1200, 800), ROTATED_90))

    assert (image.width, image.height) == (800, 1200)
    name = image.image.name
    assert width_of(media / f"renditions/{name}.480.webp") == ("WEBP", (480, 720))
    assert width_of(media / f"renditions/{name}.960.webp") == ("WEBP", (800, 1200))
    tag = img_tag(client, "/en/bulletins/2021/3/mangroves/")
    # The copy as wide as the photo itself, not the photo: readers never get a stored master.
    assert (
        f'srcset="/media/renditions/{name}.480.webp 480w, /media/renditions/{name}.960.webp 800w"'
    ) in tag
    assert 'width="800" height="1200"' in tag


@pytest.mark.django_db
def test_a_small_image_reaches_readers_as_a_copy_of_its_own_size(editor_client, client, media):
    article = public_article()

    image = upload(editor_client, article, photo("logo.jpg", (300, 200)))

    name = image.image.name
    assert width_of(media / f"renditions/{name}.480.webp") == ("WEBP", (300, 200))
    tag = img_tag(client, "/en/bulletins/2021/3/mangroves/")
    assert f'src="/media/renditions/{name}.1600.webp"' in tag
    assert f'srcset="/media/renditions/{name}.480.webp 300w"' in tag
    assert f"/media/{name}" not in tag.replace(f"/media/renditions/{name}", "")
    assert 'width="300" height="200"' in tag


@pytest.mark.django_db
def test_the_command_makes_the_renditions_images_lack(editor_client, media):
    image = upload(editor_client, public_article(), photo("old.jpg", (1000, 500)))
    for path in (media / "renditions").rglob("*.webp"):
        path.unlink()
    ArticleImage.objects.filter(pk=image.pk).update(width=None, height=None)  # as before
    output = io.StringIO()

    call_command("make_renditions", stdout=output)
    call_command("make_renditions", stdout=output)

    assert output.getvalue().splitlines() == [
        "Renditions made for 1 images; 0 had theirs already.",
        "Renditions made for 0 images; 1 had theirs already.",
    ]
    image.refresh_from_db()
    assert (image.width, image.height) == (1000, 500)
    name = image.image.name
    assert width_of(media / f"renditions/{name}.960.webp") == ("WEBP", (960, 480))
