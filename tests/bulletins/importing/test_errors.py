"""A file that cannot be understood is refused whole, with the line and the reason."""

import pytest
from django.core.exceptions import ValidationError

from bulletins.importing import ImportFailed
from bulletins.models import Viewpoint
from tests.bulletins.importing.helpers import SEED_2, import_text, model_counts, seed_text
from tests.factories import BulletinFactory, OrganizationFactory


def broken(replace: str, by: str) -> str:
    text = seed_text(SEED_2)
    assert replace in text
    return text.replace(replace, by, 1)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            broken("2020年第2期", "2020年"),
            "line 18: expected the masthead and then the issue label (such as “2020年第2期”)",
        ),
        (broken("2020年3月27日", "2020年2月30日"), "line 12: 2020-2-30 is not a date."),
        (broken("2020年3月27日", "三月二十七日"), "line 12: expected the publication date"),
        (
            broken(
                "2020年3月27日\n", "2020年3月27日\n\n这是一段在任何标题之前的正文，写得很长很长。\n"
            ),
            "line 14: a paragraph before the first headline.",
        ),
        (
            broken("澜沧江 - 湄公河生态环境合作圆桌视频会议顺利举行", "会议顺利举行。" * 20),
            "line 16: expected the headline after the kicker line.",
        ),
        (
            broken("保护国际基金代表表示此次疫情", "此次疫情"),
            "line 42: cannot tell who is speaking.",
        ),
        (
            broken("li_xia@chinaaseanenv.org", "li_xia chinaaseanenv.org"),
            "line 54: cannot tell what this line of the contact block is",
        ),
        (
            seed_text(SEED_2)[: seed_text(SEED_2).index("联系我们")],
            "line 44: No contact block was found",
        ),
        (
            broken("部分专家观点\n", "部分专家观点\n\n部分专家观点\n"),
            "line 30: a second viewpoints heading in the same article (the first is line 28).",
        ),
    ],
    ids=[
        "no label",
        "no such date",
        "no date",
        "text before a headline",
        "kicker without headline",
        "viewpoint without speaker",
        "contact line",
        "no contact block",
        "two viewpoints headings",
    ],
)
def test_a_broken_file_is_refused_naming_the_line_and_leaves_the_database_unchanged(text, message):
    BulletinFactory(year=2020, number=1)
    OrganizationFactory(name_zh_hans="乐施会")
    before = model_counts()

    with pytest.raises(ImportFailed) as error:
        import_text(text)

    assert error.value.message.startswith(message)
    assert model_counts() == before


@pytest.mark.django_db
def test_a_failure_while_saving_undoes_everything_saved_before_it(monkeypatch):
    before = model_counts()
    full_clean = Viewpoint.full_clean

    def refuse_the_fifth(viewpoint, *args, **kwargs):
        if viewpoint.position == 5:
            raise ValidationError("The database refused this viewpoint.")
        return full_clean(viewpoint, *args, **kwargs)

    monkeypatch.setattr(Viewpoint, "full_clean", refuse_the_fifth)

    with pytest.raises(ImportFailed, match="The database refused this viewpoint."):
        import_text(seed_text(SEED_2))

    assert model_counts() == before
