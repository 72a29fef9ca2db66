"""Rows of an issue, an article and an event keep the order the editor gives them."""

import pytest

from bulletins.models import Bulletin
from tests.admin_pages import form_data
from tests.factories import OrganizationFactory


def add_row(data, prefix, **values):
    """What the admin's "Add another" row posts: its fields, and one more form counted."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    return data | {f"{prefix}-{index}-{name}": value for name, value in values.items()}


def statements(article):
    return [viewpoint.statement_zh_hans[:6] for viewpoint in article.viewpoints.all()]


@pytest.fixture
def article(demo):
    return Bulletin.objects.get(year=2020, number=5).articles.get()


@pytest.mark.django_db
@pytest.mark.parametrize("position", ["0", ""])
def test_a_viewpoint_added_at_the_end_lands_last(editor_client, article, position):
    url = f"/admin/bulletins/article/{article.pk}/change/"
    before = statements(article)
    data = add_row(
        form_data(editor_client.get(url)),
        "viewpoints",
        position=position,
        organization=str(OrganizationFactory().pk),
        speaker_label_zh_hans="合作机构代表",
        statement_zh_hans="新增的第八条观点。",
    )

    response = editor_client.post(url, data)

    assert response.status_code == 302
    assert statements(article) == [*before, "新增的第八条"]
    assert list(article.viewpoints.values_list("position", flat=True)) == list(range(1, 9))


@pytest.mark.django_db
def test_reordering_viewpoints_saves_their_new_order(editor_client, article):
    url = f"/admin/bulletins/article/{article.pk}/change/"
    first, second, *rest = statements(article)
    data = form_data(editor_client.get(url))

    # What moving the second viewpoint above the first does in the page.
    response = editor_client.post(
        url, data | {"viewpoints-0-position": "2", "viewpoints-1-position": "1"}
    )

    assert response.status_code == 302
    assert statements(article) == [second, first, *rest]


@pytest.mark.django_db
def test_reordering_the_articles_of_an_issue_saves_their_new_order(editor_client, demo):
    bulletin = Bulletin.objects.get(year=2020, number=2)
    url = f"/admin/bulletins/bulletin/{bulletin.pk}/change/"
    first, second = bulletin.articles.all()

    response = editor_client.post(
        url,
        form_data(
            editor_client.get(url), **{"articles-0-position": "2", "articles-1-position": "1"}
        ),
    )

    assert response.status_code == 302
    assert list(bulletin.articles.all()) == [second, first]


@pytest.mark.django_db
def test_an_organizer_role_added_without_a_position_comes_after_the_others(editor_client, demo):
    from events.models import Event

    event = Event.objects.filter(organizer_roles__isnull=False).distinct().first()
    url = f"/admin/events/event/{event.pk}/change/"
    before = list(event.organizer_roles.values_list("organization__slug", flat=True))
    newcomer = OrganizationFactory(slug="newcomer")
    data = form_data(editor_client.get(url))
    extra = int(data["organizer_roles-TOTAL_FORMS"]) - 1  # the empty row the page offers
    data |= {
        f"organizer_roles-{extra}-organization": str(newcomer.pk),
        f"organizer_roles-{extra}-role": "supporter",
    }

    response = editor_client.post(url, data)

    assert response.status_code == 302
    assert list(event.organizer_roles.values_list("organization__slug", flat=True)) == [
        *before,
        "newcomer",
    ]
