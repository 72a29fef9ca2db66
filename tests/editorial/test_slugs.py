"""The server makes the slug of every record that has one: editors never have to."""

import pytest

from events.models import Event
from partners.models import Organization, Person
from tests.editorial.test_admin import management_form
from tests.factories import EventFactory, OrganizationFactory
from topics.models import Topic


@pytest.mark.django_db
def test_an_event_with_only_a_chinese_title_saves_with_a_pinyin_slug(editor_client):
    response = editor_client.post(
        "/admin/events/event/add/",
        {
            "title_zh_hans": "红树林保护研讨会",
            "slug": "",
            "kind": "workshop",
            "format": "online",
            "start_date": "2021-06-10",
            **management_form("organizer_roles", 0),
        },
    )

    assert response.status_code == 302
    assert Event.objects.get().slug == "hong-shu-lin-bao-hu-yan-tao-hui"


@pytest.mark.django_db
def test_a_taken_slug_gets_a_number_and_an_english_name_comes_first(editor_client):
    OrganizationFactory(slug="wwf")

    response = editor_client.post(
        "/admin/partners/organization/add/",
        {
            "name_zh_hans": "世界自然基金会（老挝）",
            "name_en": "WWF Laos",
            "short_name_en": "WWF",
            "kind": "ngo",
            "slug": "",
            **management_form("aliases", 0),
        },
    )

    assert response.status_code == 302
    assert Organization.objects.get(name_en="WWF Laos").slug == "wwf-2"


@pytest.mark.django_db
def test_a_person_and_a_topic_get_slugs_and_a_slug_the_editor_writes_is_kept(editor_client):
    person = editor_client.post("/admin/partners/person/add/", {"name_zh_hans": "黄真", "slug": ""})
    topic = editor_client.post(
        "/admin/topics/topic/add/", {"name_zh_hans": "红树林", "slug": "mangroves"}
    )

    assert (person.status_code, topic.status_code) == (302, 302)
    assert Person.objects.get().slug == "huang-zhen"
    assert Topic.objects.get().slug == "mangroves"


@pytest.mark.django_db
def test_a_slug_once_made_stays_when_the_title_changes():
    event = EventFactory(title_en="", title_zh_hans="圆桌对话", slug="")
    made = event.slug

    event.title_zh_hans = "圆桌对话（改名）"
    event.save()

    assert made == "yuan-zhuo-dui-hua"
    assert Event.objects.get().slug == made
