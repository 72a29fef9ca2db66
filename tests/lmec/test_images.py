"""Uploaded images are stored encoded again: no GPS, no hidden payload, within memory limits."""

import io
import json
import re
import struct
import zlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image, ImageCms

from bulletins.models import ArticleImage
from tests.bulletins.test_renditions import post_image, public_article, upload
from tests.factories import (
    ArticleFactory,
    BulletinFactory,
    OrganizationFactory,
    make_public,
    publish,
)

GPS_IFD, ORIENTATION, ARTIST, COPYRIGHT, MAKE = 0x8825, 0x0112, 0x013B, 0x8298, 0x010F
ROTATED_90 = 6


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def camera_photo(size=(1200, 800), comment=b""):
    """A JPEG as a phone writes it: GPS position, camera, turned on its side, a profile."""
    exif = Image.Exif()
    exif[MAKE] = "PhoneMaker"
    exif[ARTIST] = "Li Wei"
    exif[COPYRIGHT] = "(c) LMEC 2021"
    exif[ORIENTATION] = ROTATED_90
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (21.0, 58.0, 30.0), 3: "E", 4: (100.0, 26.0, 0.0)})
    image = Image.new("RGB", size, "seagreen")
    image.paste("white", (0, 0, size[0] // 2, size[1]))  # the left half: the top once upright
    buffer = io.BytesIO()
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    image.save(buffer, "JPEG", exif=exif, icc_profile=profile, comment=comment, quality=90)
    return SimpleUploadedFile("delta.jpg", buffer.getvalue(), content_type="image/jpeg")


def stored(media, image):
    return (media / image.image.name).read_bytes()


@pytest.mark.django_db
def test_a_photos_gps_position_and_camera_data_are_not_stored(editor_client, media):
    image = upload(editor_client, public_article(), camera_photo())

    with Image.open(media / image.image.name) as master:
        exif = master.getexif()
        assert dict(exif.get_ifd(GPS_IFD)) == {}
        assert GPS_IFD not in exif and MAKE not in exif
        assert (exif[ARTIST], exif[COPYRIGHT]) == ("Li Wei", "(c) LMEC 2021")  # the credit stays
        assert ORIENTATION not in exif  # applied to the pixels instead:
        assert master.size == (800, 1200)
        assert master.getpixel((400, 100))[0] > 200  # the white half is on top
        assert master.info["icc_profile"]  # the colours mean what they meant
    assert b"PhoneMaker" not in stored(media, image)


@pytest.mark.django_db
def test_a_photo_with_megabytes_of_metadata_is_stored_without_them(editor_client, media):
    upload_file = camera_photo(size=(600, 400), comment=b"x" * 60_000)

    image = upload(editor_client, public_article(), upload_file)

    assert len(stored(media, image)) < 20_000 < upload_file.size


def polyglot_gif():
    """A GIF whose bytes are also a script: `GIF89a/*…*/=alert(document.domain);`."""
    buffer = io.BytesIO()
    Image.new("P", (10799, 1)).save(buffer, "GIF")  # width 10799 is "/*" in little-endian
    data = buffer.getvalue()
    return data[:-1] + b"*/=alert(document.domain);" + data[-1:]


@pytest.mark.django_db
def test_a_gif_that_is_also_a_script_is_stored_as_an_image_only(editor_client, media, settings):
    data = polyglot_gif()
    assert data[3:8] == b"87a/*" and data.endswith(b"*/=alert(document.domain);;")
    upload_file = SimpleUploadedFile("logo.gif", data, content_type="image/gif")

    image = upload(editor_client, public_article(), upload_file)

    master = stored(media, image)
    assert master != data
    assert b"alert" not in master
    assert master[6:8] != b"/*"
    with Image.open(io.BytesIO(master)) as gif:
        assert gif.format == "GIF"


def png(size, mode="RGB"):
    buffer = io.BytesIO()
    Image.new(mode, size, "seagreen").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.django_db
def test_a_truncated_png_is_refused_with_a_message_and_nothing_is_stored(editor_client, media):
    upload_file = SimpleUploadedFile("cut.png", png_of_zeros(6320, 400, cut=True), "image/png")

    response = post_image(editor_client, public_article(), upload_file)

    assert response.status_code == 200
    assert "This image is damaged or incomplete" in response.content.decode()
    assert not ArticleImage.objects.exists()
    assert not any(media.rglob("*.*"))


def png_of_zeros(width, height, *, cut=False):
    """A PNG of ``width`` × ``height`` black pixels, small on disk; with ``cut``, its pixel
    data stops half-way although its chunks are whole (checksums right, as an upload cut
    short and then saved by a careless tool)."""
    row = b"\x00" + bytes(width * 3)
    compressor = zlib.compressobj(9)
    pixels = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    if cut:
        pixels = pixels[: len(pixels) // 2]

    def chunk(kind, body):
        checksum = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", checksum)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.mark.django_db
def test_a_png_that_would_take_too_much_memory_to_decode_is_refused(editor_client, media):
    data = png_of_zeros(7300, 5460)  # 39.9 megapixels, under the pixel limit
    assert len(data) < 200_000

    response = post_image(
        editor_client, public_article(), SimpleUploadedFile("plan.png", data, "image/png")
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "The image is 7300 × 5460 pixels: decoding it would take 152.0\xa0MB of memory" in page
    assert not ArticleImage.objects.exists()


@pytest.mark.django_db
def test_a_large_jpeg_is_decoded_at_the_scale_it_is_stored_at(editor_client, media, settings):
    """Pillow decodes a JPEG at 1/2, 1/4 or 1/8 of its size when asked (draft): the same
    pixels as a PNG would be refused, the JPEG fits the memory budget."""
    settings.LMEC_IMAGE_MAX_SIDE = 500
    settings.LMEC_MAX_IMAGE_DECODE_BYTES = 2000 * 1000 * 4 // 4  # a quarter of the full image
    buffer = io.BytesIO()
    Image.new("RGB", (2000, 1000), "seagreen").save(buffer, "JPEG")
    article = public_article()
    refused = post_image(
        editor_client, article, SimpleUploadedFile("plan.png", png((2000, 1000)), "image/png")
    )
    assert "decoding it would take" in refused.content.decode()

    image = upload(
        editor_client, article, SimpleUploadedFile("photo.jpg", buffer.getvalue(), "image/jpeg")
    )

    assert (image.width, image.height) == (500, 250)
    with Image.open(media / image.image.name) as master:
        assert master.size == (500, 250)


@pytest.mark.django_db
def test_an_animated_gif_stays_animated(editor_client, media):
    frames = [Image.new("RGB", (600, 300), colour) for colour in ("red", "green", "blue")]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=200, loop=0)

    image = upload(
        editor_client,
        public_article(),
        SimpleUploadedFile("wave.gif", buffer.getvalue(), "image/gif"),
    )

    for name in (image.image.name, f"renditions/{image.image.name}.480.webp"):
        with Image.open(media / name) as stored_image:
            assert stored_image.n_frames == 3


def og_image(html):
    return re.search(r'<meta property="og:image" content="([^"]+)"', html).group(1)


def json_ld(html):
    return json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )


@pytest.mark.django_db
def test_readers_get_copies_of_cover_images_and_logos_never_what_was_stored(client, media):
    bulletin = BulletinFactory(year=2021, number=3)
    bulletin.cover_image.save("cover.png", ContentFile(png((2000, 1000))))
    ArticleFactory(bulletin=bulletin)
    publish(bulletin)
    partner = OrganizationFactory(slug="wwf")
    partner.logo.save("wwf.png", ContentFile(png((300, 300))))
    make_public(partner)

    issue_page = client.get("/en/bulletins/2021/3/").content.decode()
    partner_page = client.get("/en/partners/wwf/").content.decode()

    cover = bulletin.cover_image.name
    assert og_image(issue_page) == f"http://testserver/media/renditions/{cover}.1600.webp"
    assert f"/media/{cover}" not in issue_page.replace(f"/media/renditions/{cover}", "")
    logo = partner.logo.name
    # Shown small, the logo is its smallest copy; sharing apps get the largest.
    assert f'src="/media/renditions/{logo}.480.webp"' in partner_page
    assert json_ld(partner_page)["logo"] == f"http://testserver/media/renditions/{logo}.1600.webp"
    assert f"/media/{logo}" not in partner_page.replace(f"/media/renditions/{logo}", "")
    with Image.open(media / f"renditions/{logo}.1600.webp") as copy:
        assert copy.size == (300, 300)  # never wider than what was uploaded


@pytest.mark.django_db
def test_images_stored_before_are_encoded_again_by_the_command(media):
    """Images uploaded before this release kept their metadata: the command removes it."""
    article = public_article()
    photo = camera_photo()
    raw = photo.read()
    (media / "bulletins/images").mkdir(parents=True)
    (media / "bulletins/images/old.jpg").write_bytes(raw)  # as an older release stored it
    image = ArticleImage.objects.bulk_create(
        [ArticleImage(article=article, image="bulletins/images/old.jpg", alt_text_zh_hans="旧")]
    )[0]
    output = io.StringIO()

    call_command("make_renditions", "--all", stdout=output, no_color=True)

    assert "Renditions made for 1 images" in output.getvalue()
    image.refresh_from_db()
    with Image.open(media / "bulletins/images/old.jpg") as master:
        assert dict(master.getexif().get_ifd(GPS_IFD)) == {}
        assert master.size == (800, 1200) == (image.width, image.height)
    assert (media / "renditions/bulletins/images/old.jpg.960.webp").exists()
