"""A briefing as editors paste it: one paragraph per line, the header on one line, and
sometimes no contact or about block at the end."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bulletins.importing import ImportFailed
from bulletins.models import AboutBlock, Bulletin, ContactBlock
from tests.bulletins.importing.helpers import (
    SEED_2,
    SEED_5,
    import_text,
    issue_structure,
    plan_text,
    seed_text,
)
from tests.bulletins.importing.test_admin import IMPORT_URL, save_form, text


def slug(organization):
    return organization.slug


def as_pasted(seed) -> str:
    """The seed with single line breaks between paragraphs and the header on one line
    ("简报 2020年第2期 2020年3月27日"), as text copied from a briefing comes."""
    lines = [re.sub(r"^#+\s*", "", line).strip() for line in seed_text(seed).splitlines()]
    lines = [line for line in lines if line]
    header = lines.index("简报")
    lines[header : header + 3] = [" ".join(lines[header : header + 3])]
    return "\n".join(lines) + "\n"


def without_closing_blocks(text: str) -> str:
    return text[: text.index("联系我们")]


@pytest.fixture
def demo_issues(demo):
    """What the demo issues say; the issues themselves are removed, to be imported again."""
    issues = {
        (b.year, b.number): issue_structure(b, organization=slug) for b in Bulletin.objects.all()
    }
    Bulletin.objects.all().delete()
    return issues


def test_the_pasted_seed_has_no_blank_line_and_a_one_line_header():
    pasted = as_pasted(SEED_2)

    assert "\n\n" not in pasted
    assert pasted.splitlines()[2] == "简报 2020年第2期 2020年3月27日"


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [SEED_2, SEED_5])
def test_one_paragraph_per_line_and_a_one_line_header_import_as_the_printed_issue(
    demo_issues, seed
):
    bulletin = import_text(as_pasted(seed))

    assert (
        issue_structure(bulletin, organization=slug) == demo_issues[bulletin.year, bulletin.number]
    )


@pytest.mark.django_db
def test_a_paragraph_broken_by_the_layout_still_joins_in_a_text_with_blank_lines(demo_issues):
    text = seed_text(SEED_2).replace("澜湄国家同饮一江水，", "澜湄国家同饮\n一江水，")

    bulletin = import_text(text)

    assert issue_structure(bulletin, organization=slug) == demo_issues[2020, 2]


@pytest.mark.django_db
def test_without_contact_and_about_blocks_the_newest_versions_are_used_and_said(demo_issues):
    plan = plan_text(without_closing_blocks(as_pasted(SEED_2)))

    newest_contact = ContactBlock.objects.latest()
    newest_about = AboutBlock.objects.latest()
    assert (plan.contact_block, plan.about_block) == (newest_contact, newest_about)
    assert (
        f"The file has no contact block (“联系我们” and the contact details): the newest version, “{newest_contact}”, is used."
        in plan.notes
    )
    assert (
        f"The file has no paragraph about the center: the newest version, “{newest_about}”, is used."
        in plan.notes
    )


@pytest.mark.django_db
def test_without_an_about_paragraph_the_contact_block_is_read_and_the_newest_about_used(
    demo_issues,
):
    pasted = as_pasted(SEED_5)
    text = pasted[: pasted.rindex("澜沧江-湄公河环境合作中心：")]

    plan = plan_text(text)

    assert plan.contact_block.emails.startswith("tang.huaqing@fecomee.org.cn")
    assert plan.about_block == AboutBlock.objects.latest()
    assert [note for note in plan.notes if "about" in note]


@pytest.mark.django_db
def test_without_any_contact_version_a_file_lacking_one_is_refused_saying_what_was_expected():
    with pytest.raises(ImportFailed) as error:
        plan_text(without_closing_blocks(as_pasted(SEED_2)))

    assert error.value.message == (
        "line 18: expected contact block (“联系我们” and the contact details) at the end of the "
        "file (there is no earlier version to use), found the end of the file."
    )


@pytest.mark.django_db
def test_an_editor_imports_the_pasted_text_in_the_admin_and_the_preview_says_what_it_took(
    editor_client, demo_issues
):
    data = without_closing_blocks(as_pasted(SEED_5)).encode()

    preview = editor_client.post(
        IMPORT_URL,
        {"file": SimpleUploadedFile("2020-5.txt", data), "language": "zh-hans"},
    )

    page = text(preview)
    assert preview.status_code == 200
    assert (
        "The file has none: the newest version, “2020-08: fecomee.org.cn e-mail addresses”, is used."
        in page
    )
    response = editor_client.post(IMPORT_URL, save_form(preview))
    assert response.status_code == 302
    bulletin = Bulletin.objects.get()
    assert bulletin.articles.get().viewpoints.count() == 7
    assert bulletin.contact_block == ContactBlock.objects.latest()
