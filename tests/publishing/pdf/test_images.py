import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from bulletins.models import ArticleImage
from publishing.pdf import document
from publishing.pdf.render import IMAGE_MAX_PIXELS, image_for_print, render_pdf
from tests.factories import ArticleFactory, frozen
from tests.publishing.pdf.reading import pdf_text, reader


def jpeg(width, height) -> SimpleUploadedFile:
    data = io.BytesIO()
    Image.new("RGB", (width, height), (30, 120, 60)).save(data, "JPEG")
    return SimpleUploadedFile("mangroves.jpg", data.getvalue(), content_type="image/jpeg")


def test_article_images_are_printed_with_their_caption_and_credit(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    article = ArticleFactory()
    ArticleImage.objects.create(
        article=article,
        image=jpeg(1200, 800),
        alt_text_zh_hans="红树林",
        caption_zh_hans="深圳福田红树林保护区",
        credit_zh_hans="摄影：李霞",
    )
    content = render_pdf(document.build_html(frozen(article.bulletin), "zh-hans")).content

    images = {
        obj.idnum
        for page in reader(content).pages
        for obj in page["/Resources"].get("/XObject", {}).values()
        if obj.get_object()["/Subtype"] == "/Image"
    }
    assert len(images) == 1
    assert "深圳福田红树林保护区 摄影：李霞" in pdf_text(content)


def test_large_images_are_scaled_down_for_print(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    image = ArticleImage.objects.create(
        article=ArticleFactory(), image=jpeg(5000, 2500), alt_text_zh_hans="全景"
    )

    with Image.open(io.BytesIO(image_for_print(image.image.name))) as printed:
        assert printed.size == (IMAGE_MAX_PIXELS, IMAGE_MAX_PIXELS // 2)
