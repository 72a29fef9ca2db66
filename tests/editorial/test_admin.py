"""Editors draft issues through the admin, as they would in the browser."""

import datetime

import pytest
from django.utils import timezone

from bulletins.models import Article, Bulletin, ContactBlock
from events.models import Event
from partners.models import Organization
from tests.factories import (
    AboutBlockFactory,
    ArticleFactory,
    BulletinFactory,
    ContactBlockFactory,
    EventFactory,
    OrganizationFactory,
)


def management_form(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def bulletin_form(contact_block, about_block, **overrides):
    data = {
        "year": "2026",
        "number": "1",
        "publication_date": "2026-03-27",
        "source_language": "zh-hans",
        "contact_block": str(contact_block.pk),
        "about_block": str(about_block.pk),
        **management_form("articles", 0),
    }
    return data | overrides


@pytest.mark.django_db
def test_the_add_form_suggests_the_next_free_number_of_the_year(editor_client):
    this_year = timezone.localdate().year
    BulletinFactory(year=this_year, number=3)
    latest_contact = ContactBlockFactory(valid_from=datetime.date(2020, 8, 1))
    ContactBlockFactory(valid_from=datetime.date(2020, 1, 1))

    response = editor_client.get("/admin/bulletins/bulletin/add/")

    form = response.context["adminform"].form
    assert form.initial["year"] == this_year
    assert form.initial["number"] == 4
    assert form.initial["contact_block"] == latest_contact


@pytest.mark.django_db
def test_an_editor_drafts_a_whole_issue(editor_client):
    contact, about = ContactBlockFactory(), AboutBlockFactory()
    event = EventFactory(title_zh_hans="平行论坛二")

    # 1. The issue and its articles, in order.
    response = editor_client.post(
        "/admin/bulletins/bulletin/add/",
        bulletin_form(
            contact,
            about,
            **management_form("articles", 2),
            **{
                "articles-0-position": "1",
                "articles-0-kicker_zh_hans": "2026年“澜湄周”系列活动：",
                "articles-0-headline_zh_hans": "澜湄环境合作圆桌会议顺利举行",
                "articles-0-headline_en": "Lancang-Mekong round table held",
                "articles-0-event": str(event.pk),
                "articles-1-position": "2",
                "articles-1-headline_zh_hans": "凝聚澜湄共识，加强环境合作",
            },
        ),
    )
    assert response.status_code == 302, form_errors(response)
    bulletin = Bulletin.objects.get(year=2026, number=1)
    assert bulletin.status == Bulletin.Status.DRAFT
    lead, second = bulletin.articles.all()
    assert (lead.slug, lead.event) == ("lancang-mekong-round-table-held", event)
    assert second.slug == "ning-ju-lan-mei-gong-shi-jia-qiang-huan-jing-he-zuo"

    # 2. A partner that is not in the registry yet, created from the viewpoint's "+" popup.
    response = editor_client.post(
        "/admin/partners/organization/add/?_popup=1&_to_field=id",
        {
            "_popup": "1",
            "_to_field": "id",
            "name_zh_hans": "红树林基金会",
            "name_en": "Mangrove Conservation Foundation",
            "short_name_en": "MCF",
            "kind": "ngo",
            "country": "CN",
            "slug": "mcf",
            **management_form("aliases", 1),
            "aliases-0-name": "MCF",
        },
    )
    assert response.status_code == 200
    assert "popup_response" in response.templates[0].name
    mcf = Organization.objects.get(slug="mcf")
    assert mcf.aliases.get().name == "MCF"

    # 3. The article's body and its viewpoints, in order.
    wwf = OrganizationFactory(name_zh_hans="世界自然基金会", name_en="WWF")
    response = editor_client.post(
        f"/admin/bulletins/article/{second.pk}/change/",
        {
            "bulletin": str(bulletin.pk),
            "position": "2",
            "headline_zh_hans": "凝聚澜湄共识，加强环境合作",
            "slug": second.slug,
            "body_zh_hans": "<p>与会代表进行了交流。</p>",
            "viewpoints_heading_zh_hans": "部分专家观点",
            **management_form("viewpoints", 2),
            "viewpoints-0-position": "1",
            "viewpoints-0-organization": str(wwf.pk),
            "viewpoints-0-speaker_label_zh_hans": "世界自然基金会代表",
            "viewpoints-0-statement_zh_hans": "世界自然基金会代表表示应加强对话与合作。",
            "viewpoints-1-position": "2",
            "viewpoints-1-organization": str(mcf.pk),
            "viewpoints-1-speaker_label_zh_hans": "红树林基金会代表",
            "viewpoints-1-statement_zh_hans": "红树林基金会代表强调红树林的重要作用。",
            **management_form("images", 0),
        },
    )
    assert response.status_code == 302, form_errors(response)
    assert [
        (viewpoint.organization, viewpoint.speaker_label_zh_hans)
        for viewpoint in second.viewpoints.all()
    ] == [(wwf, "世界自然基金会代表"), (mcf, "红树林基金会代表")]
    second.refresh_from_db()
    assert second.body_zh_hans == "<p>与会代表进行了交流。</p>"


@pytest.mark.django_db
def test_a_duplicate_issue_number_is_a_message_on_the_form(editor_client):
    existing = BulletinFactory(year=2026, number=1, title_zh_hans="原有的期")

    response = editor_client.post(
        "/admin/bulletins/bulletin/add/",
        bulletin_form(existing.contact_block, existing.about_block, title_zh_hans="新的期"),
    )

    assert response.status_code == 200
    assert "An issue with this number already exists in this year." in response.content.decode()
    assert Bulletin.objects.get(year=2026, number=1).title_zh_hans == "原有的期"


@pytest.mark.django_db
def test_an_event_ending_before_it_starts_is_a_message_on_the_form(editor_client):
    response = editor_client.post(
        "/admin/events/event/add/",
        {
            "title_zh_hans": "圆桌对话",
            "slug": "round-table",
            "kind": "round_table",
            "format": "online",
            "start_date": "2020-07-30",
            "end_date": "2020-07-29",
            **management_form("organizer_roles", 0),
        },
    )

    assert response.status_code == 200
    assert "The end date cannot be before the start date." in response.content.decode()
    assert not Event.objects.exists()


@pytest.mark.django_db
def test_a_viewpoint_needs_an_organization(editor_client):
    article = ArticleFactory()

    response = editor_client.post(
        f"/admin/bulletins/article/{article.pk}/change/",
        {
            "bulletin": str(article.bulletin.pk),
            "position": "1",
            "headline_zh_hans": article.headline_zh_hans,
            "slug": article.slug,
            **management_form("viewpoints", 1),
            "viewpoints-0-position": "1",
            "viewpoints-0-statement_zh_hans": "没有署名机构的观点。",
            **management_form("images", 0),
        },
    )

    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][0].formset.errors
    assert errors[0]["organization"] == ["This field is required."]
    assert not article.viewpoints.exists()


@pytest.mark.django_db
def test_an_editor_cannot_set_the_status(editor_client):
    draft = BulletinFactory(year=2026, number=1)

    editor_client.post(
        f"/admin/bulletins/bulletin/{draft.pk}/change/",
        bulletin_form(draft.contact_block, draft.about_block, status="published"),
    )

    draft.refresh_from_db()
    assert draft.status == Bulletin.Status.DRAFT


@pytest.mark.django_db
def test_a_contact_block_published_with_an_issue_is_not_changed_in_place(publisher_client, demo):
    contact = ContactBlock.objects.get(bulletins__year=2020, bulletins__number=2)
    data = {
        "label": contact.label,
        "valid_from": "2020-01-01",
        "organization_names_zh_hans": contact.organization_names_zh_hans,
        "address_zh_hans": contact.address_zh_hans,
        "postcode": contact.postcode,
        "emails": "someone@new-domain.org",
    }

    response = publisher_client.post(f"/admin/bulletins/contactblock/{contact.pk}/change/", data)

    assert "were published with this version" in response.content.decode()
    contact.refresh_from_db()
    assert contact.email_list() == [
        "tang_huaqing@chinaaseanenv.org",
        "li_xia@chinaaseanenv.org",
    ]

    response = publisher_client.post(
        f"/admin/bulletins/contactblock/{contact.pk}/change/", data | {"_saveasnew": "1"}
    )

    assert response.status_code == 302
    assert ContactBlock.objects.filter(emails="someone@new-domain.org").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Oxfam", ["No. 2, 2020"]),
        ("平行论坛", ["No. 5, 2020"]),
        ("Parallel Forum", ["No. 5, 2020"]),
    ],
)
def test_the_issue_list_searches_every_language(editor_client, demo, query, expected):
    response = editor_client.get(
        "/admin/bulletins/bulletin/", {"q": query}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert [str(bulletin.label) for bulletin in response.context["cl"].result_list] == expected


@pytest.mark.django_db
def test_the_issue_list_filters_by_year_and_status(editor_client, demo):
    BulletinFactory(year=2020, number=9, status=Bulletin.Status.DRAFT)

    response = editor_client.get("/admin/bulletins/bulletin/", {"year": "2020", "status": "draft"})

    assert [bulletin.number for bulletin in response.context["cl"].result_list] == [9]


@pytest.mark.django_db
def test_every_admin_page_opens(publisher_client, demo):
    article = Article.objects.first()
    pages = [
        "/admin/",
        "/admin/bulletins/bulletin/",
        f"/admin/bulletins/bulletin/{article.bulletin.pk}/change/",
        "/admin/bulletins/article/",
        f"/admin/bulletins/article/{article.pk}/change/",
        "/admin/bulletins/viewpoint/",
        "/admin/bulletins/contactblock/",
        "/admin/bulletins/aboutblock/",
        "/admin/partners/organization/",
        "/admin/partners/organization/add/",
        "/admin/partners/person/",
        "/admin/events/event/",
        f"/admin/events/event/{Event.objects.first().pk}/change/",
        "/admin/topics/topic/",
    ]
    for page in pages:
        assert publisher_client.get(page).status_code == 200, page


@pytest.mark.django_db
def test_the_admin_speaks_chinese(editor_client):
    response = editor_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert "简报" in response.content.decode()
    assert "编辑部" in response.content.decode()


def form_errors(response):
    """Every error the admin shows on a form page, for assertion messages."""
    errors = [response.context["adminform"].form.errors]
    errors += [formset.formset.errors for formset in response.context["inline_admin_formsets"]]
    errors += [
        formset.formset.non_form_errors() for formset in response.context["inline_admin_formsets"]
    ]
    return errors


@pytest.mark.django_db
def test_the_admin_loads_no_script_from_outside_the_site(editor_client):
    """Editors in mainland China cannot reach Google's CDN: the language tabs would break."""
    response = editor_client.get("/admin/bulletins/bulletin/add/")

    page = response.content.decode()
    assert "/static/vendor/jquery-ui/jquery-ui.min.js" in page
    assert 'src="//' not in page and 'src="http' not in page


@pytest.mark.django_db
def test_an_editor_switches_the_admin_to_chinese(editor_client):
    response = editor_client.post(
        "/i18n/setlang/", {"language": "zh-hans", "next": "/admin/"}, follow=True
    )

    page = response.content.decode()
    assert "澜湄环境合作中心简报" in page
    assert '<option value="zh-hans" lang="zh-hans" selected>' in page
