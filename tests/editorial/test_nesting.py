"""One page composes an issue: every article with its body and viewpoints on the issue's page."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bulletins.models import Bulletin
from tests.admin_pages import form_data
from tests.editorial.test_ordering import add_row
from tests.factories import ArticleFactory, OrganizationFactory, ViewpointFactory


def nested_form_data(response, **changes) -> dict:
    """form_data with the viewpoints nested in each article row."""
    data = form_data(response)
    for inline in response.context["inline_admin_formsets"]:
        for form in inline.formset.forms:
            for nested in getattr(form, "nested_formsets", ()):
                management = nested.management_form
                for name in management.fields:
                    data[management.add_prefix(name)] = str(management[name].value())
                for nested_form in nested.forms:
                    for name in nested_form.fields:
                        value = nested_form[name].value()
                        if value is None or value is False:
                            continue
                        key = nested_form.add_prefix(name)
                        data[key] = (
                            [str(v) for v in value] if isinstance(value, list) else str(value)
                        )
    return data | changes


@pytest.fixture
def issue(demo):
    return Bulletin.objects.get(year=2020, number=2)


def change_url(issue):
    return f"/admin/bulletins/bulletin/{issue.pk}/change/"


@pytest.mark.django_db
def test_the_issue_page_edits_bodies_and_viewpoints_and_adds_one_at_the_end(editor_client, issue):
    first, second = issue.articles.all()
    viewpoints = list(second.viewpoints.all())
    response = editor_client.get(change_url(issue))
    # Each article lists its viewpoints, and loads their forms into the page on demand.
    page = response.content.decode()
    assert "Edit the 8 viewpoints here" in page
    nested_url = re.search(r'id="articles-1-viewpoints-group" data-nested-url="([^"]+)"', page)
    loaded = editor_client.get(nested_url.group(1).replace("&amp;", "&")).content.decode()
    assert 'name="articles-1-viewpoints-0-statement_zh_hans"' in loaded
    assert 'name="articles-1-viewpoints-TOTAL_FORMS"' in loaded
    data = nested_form_data(
        response,
        **{
            "articles-0-body_en": "<p>An English body written on the issue's page.</p>",
            "articles-1-viewpoints-2-statement_en": "Changed on the issue's page.",
        },
    )
    newcomer = OrganizationFactory()
    data = add_row(
        data,
        "articles-1-viewpoints",
        position="0",
        organization=str(newcomer.pk),
        speaker_label_zh_hans="新机构代表",
        statement_zh_hans="新增的观点。",
    )

    response = editor_client.post(change_url(issue), data)

    assert response.status_code == 302, response.context["error_summary"]
    first.refresh_from_db()
    assert first.body_en == "<p>An English body written on the issue's page.</p>"
    saved = list(second.viewpoints.all())
    assert saved[:-1] == viewpoints
    assert saved[2].statement_en == "Changed on the issue's page."
    assert (saved[-1].organization, saved[-1].statement_zh_hans) == (newcomer, "新增的观点。")
    assert saved[-1].position == len(saved)


@pytest.mark.django_db
def test_a_nested_viewpoint_error_is_named_by_article_and_row(editor_client, issue):
    data = nested_form_data(
        editor_client.get(change_url(issue)), **{"articles-1-viewpoints-1-organization": ""}
    )

    response = editor_client.post(change_url(issue), data)

    assert response.status_code == 200
    summary = [f"{error.where} — {error.message}" for error in response.context["error_summary"]]
    assert summary == ["Article 2, viewpoint 2: organization — This field is required."]


@pytest.mark.django_db
def test_the_issue_page_reads_as_many_queries_for_two_articles_as_for_five(editor_client, issue):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert editor_client.get(change_url(issue)).status_code == 200
        return len(captured)

    # The published issue has pending changes before and after: the page lists them.
    first = issue.articles.first()
    first.headline_en = "A pending headline"
    first.save()
    queries()  # the first opening records the editor's presence; later ones refresh it
    two = queries()
    for position in range(3, 6):
        article = ArticleFactory(bulletin=issue, position=position)
        for number in range(1, 4):
            ViewpointFactory(article=article, position=number)

    assert queries() == two


@pytest.mark.django_db
def test_a_translator_cannot_change_source_text_in_a_nested_viewpoint(translator, client, issue):
    client.force_login(translator)
    second = issue.articles.all()[1]
    viewpoint = second.viewpoints.first()
    data = nested_form_data(
        client.get(change_url(issue)),
        **{
            "articles-1-viewpoints-0-statement_zh_hans": "改掉的原文。",
            "articles-1-viewpoints-0-statement_en": "A translator's English.",
        },
    )

    client.post(change_url(issue), data)

    viewpoint.refresh_from_db()
    assert viewpoint.statement_zh_hans != "改掉的原文。"
    assert viewpoint.statement_en == "A translator's English."


@pytest.mark.django_db
def test_organizations_people_and_events_are_created_in_place_by_name(editor_client, issue):
    from events.models import Event
    from partners.models import Organization, Person

    second = issue.articles.all()[1]
    data = nested_form_data(
        editor_client.get(change_url(issue)),
        **{
            "articles-1-event": "",
            "articles-1-new_event": "湄公河红树林保护研讨会",
            "articles-1-new_event_date": "2020-03-20",
        },
    )
    data = add_row(
        data,
        "articles-1-viewpoints",
        new_organization="湄公河红树林基金会",
        new_person="张三",
        speaker_title_zh_hans="主任",
        statement_zh_hans="张三表示应加强合作。",
    )

    response = editor_client.post(change_url(issue), data)

    assert response.status_code == 302, response.context["error_summary"]
    organization = Organization.objects.get(name_zh_hans="湄公河红树林基金会")
    person = Person.objects.get(name_zh_hans="张三")
    assert (organization.slug, person.slug, person.organization) == (
        "mei-gong-he-hong-shu-lin-ji-jin-hui",
        "zhang-san",
        organization,
    )
    viewpoint = second.viewpoints.last()
    assert (viewpoint.organization, viewpoint.person) == (organization, person)
    second.refresh_from_db()
    assert second.event == Event.objects.get(title_zh_hans="湄公河红树林保护研讨会")
    assert str(second.event.start_date) == "2020-03-20"


@pytest.mark.django_db
def test_a_viewpoint_needs_an_organization_chosen_or_named(editor_client, issue):
    data = add_row(
        nested_form_data(editor_client.get(change_url(issue))),
        "articles-1-viewpoints",
        statement_zh_hans="没有机构的观点。",
    )

    response = editor_client.post(change_url(issue), data)

    summary = [f"{error.where} — {error.message}" for error in response.context["error_summary"]]
    assert summary == ["Article 2, viewpoint 9: organization — This field is required."]


@pytest.mark.django_db
def test_a_translators_page_leaves_the_fields_open_for_the_next_editor(
    translator, editor, client, issue
):
    # Disabling a translator's fields once disabled the form's own fields for everyone.
    client.force_login(translator)
    client.get(change_url(issue))
    client.force_login(editor)

    form = client.get(change_url(issue)).context["inline_admin_formsets"][0].formset.forms[1]

    assert not form.nested_formsets[0].forms[0].fields["new_organization"].disabled
    assert not form.fields["new_event"].disabled
