import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import translation

from bulletins.models import Bulletin
from tests.factories import (
    ArticleFactory,
    BulletinFactory,
    PersonFactory,
    ViewpointFactory,
)


@pytest.mark.django_db
def test_year_and_number_are_unique():
    BulletinFactory(year=2020, number=2)
    duplicate = BulletinFactory.build(year=2020, number=2)
    duplicate.contact_block.save()
    duplicate.about_block.save()

    with pytest.raises(ValidationError, match="already exists in this year"):
        duplicate.full_clean()
    with pytest.raises(IntegrityError):
        duplicate.save()


@pytest.mark.django_db
def test_the_next_number_follows_the_highest_of_the_year():
    BulletinFactory(year=2020, number=2)
    BulletinFactory(year=2020, number=5)
    BulletinFactory(year=2021, number=1)

    assert Bulletin.objects.next_number(2020) == 6
    assert Bulletin.objects.next_number(2022) == 1


@pytest.mark.django_db
def test_the_label_follows_the_language():
    bulletin = BulletinFactory(year=2020, number=2)

    with translation.override("zh-hans"):
        assert str(bulletin.label) == "2020年第2期"
    with translation.override("en"):
        assert str(bulletin.label) == "No. 2, 2020"


@pytest.mark.django_db
def test_without_a_title_the_lead_article_headline_serves():
    bulletin = BulletinFactory(title_zh_hans="")
    ArticleFactory(bulletin=bulletin, position=2, headline_zh_hans="第二篇")
    ArticleFactory(bulletin=bulletin, position=1, headline_zh_hans="头条")

    with translation.override("zh-hans"):
        assert bulletin.display_title == "头条"


@pytest.mark.django_db
def test_an_article_slug_comes_from_the_english_headline():
    article = ArticleFactory(headline_en="Mangroves matter", slug="")

    assert article.slug == "mangroves-matter"


@pytest.mark.django_db
def test_a_chinese_only_headline_gives_a_pinyin_slug():
    article = ArticleFactory(headline_zh_hans="红树林保护", headline_en="", slug="")

    assert article.slug == "hong-shu-lin-bao-hu"


@pytest.mark.django_db
def test_article_slugs_are_unique_within_an_issue():
    first = ArticleFactory(headline_en="Forum held", slug="")
    second = ArticleFactory(bulletin=first.bulletin, headline_en="Forum held", slug="")
    elsewhere = ArticleFactory(headline_en="Forum held", slug="")

    assert (first.slug, second.slug, elsewhere.slug) == ("forum-held", "forum-held-2", "forum-held")


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["body_zh_hans", "body_en", "body_th", "body_my"])
def test_article_bodies_are_sanitized_on_save(field):
    article = ArticleFactory()
    setattr(
        article,
        field,
        '<p onclick="steal()">好<script>alert(1)</script>'
        '<a href="javascript:alert(1)">x</a><img src=x onerror=alert(1)></p>',
    )
    article.save()
    article.refresh_from_db()

    stored = getattr(article, field)
    assert "好" in stored
    for dangerous in ("script", "onclick", "javascript:", "onerror", "<img"):
        assert dangerous not in stored


@pytest.mark.django_db
def test_a_named_speaker_is_shown_with_the_title_of_that_moment():
    person = PersonFactory(name_zh_hans="史一川", name_en="Shi Yichuan")
    viewpoint = ViewpointFactory(
        person=person, speaker_title_zh_hans="项目经理", speaker_title_en="Project Manager"
    )

    with translation.override("zh-hans"):
        assert viewpoint.speaker == "项目经理史一川"
    with translation.override("en"):
        assert viewpoint.speaker == "Shi Yichuan, Project Manager"


@pytest.mark.django_db
def test_an_unnamed_speaker_is_shown_by_the_label():
    viewpoint = ViewpointFactory(
        speaker_label_zh_hans="世界自然基金会代表", speaker_label_en="WWF representative"
    )

    with translation.override("en"):
        assert viewpoint.speaker == "WWF representative"
