import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from partners.models import Organization
from tests.factories import OrganizationAliasFactory, OrganizationFactory


def png_bytes(width=10, height=10):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "green").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["世界自然基金会", "WWF", "wwf", "World Wide Fund for Nature", " WWF "]
)
def test_an_organization_is_found_by_any_of_its_names(name):
    wwf = OrganizationFactory(name_zh_hans="世界自然基金会", name_en="WWF", short_name_en="WWF")
    OrganizationAliasFactory(organization=wwf, name="World Wide Fund for Nature")
    OrganizationFactory(name_zh_hans="乐施会", name_en="Oxfam")

    assert list(Organization.objects.matching_name(name)) == [wwf]


@pytest.mark.django_db
def test_an_alias_is_unique_per_organization():
    alias = OrganizationAliasFactory(name="保护国际基金")
    duplicate = type(alias)(organization=alias.organization, name="保护国际基金")

    with pytest.raises(ValidationError, match="already has this alias"):
        duplicate.full_clean()


@pytest.mark.django_db
def test_a_logo_must_be_an_image():
    organization = OrganizationFactory()
    organization.logo = SimpleUploadedFile("logo.png", b"%PDF-1.4 not an image")

    with pytest.raises(ValidationError) as error:
        organization.full_clean()

    assert "not an image we can read" in str(error.value.message_dict["logo"])


@pytest.mark.django_db
def test_a_logo_with_too_many_pixels_is_refused(settings):
    settings.MAX_IMAGE_PIXELS = 50 * 50
    organization = OrganizationFactory()
    organization.logo = SimpleUploadedFile("logo.png", png_bytes(100, 100))

    with pytest.raises(ValidationError) as error:
        organization.full_clean()

    assert "100 × 100 pixels" in str(error.value.message_dict["logo"])


@pytest.mark.django_db
def test_a_too_large_logo_file_is_refused(settings):
    settings.MAX_IMAGE_UPLOAD_BYTES = 100
    organization = OrganizationFactory()
    organization.logo = SimpleUploadedFile("logo.png", png_bytes(200, 200))

    with pytest.raises(ValidationError) as error:
        organization.full_clean()

    assert "the largest accepted is 100" in str(error.value.message_dict["logo"])


@pytest.mark.django_db
def test_a_small_png_logo_is_accepted():
    organization = OrganizationFactory()
    organization.logo = SimpleUploadedFile("logo.png", png_bytes())

    organization.full_clean()
