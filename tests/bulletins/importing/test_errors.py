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
            "line 18: expected the masthead and then the issue label, on a line of its own (such as "
            "“2021年第3期”) or with the date (such as “简报 2021年第3期 2021年6月18日”), found "
            "“2020年3月26日，作为2020年“澜湄周”环境合作系列活动之一，澜沧江-湄公…”.",
        ),
        (
            broken("2020年3月27日", "2020年2月30日"),
            "line 12: expected a date, found 2020-2-30, which does not exist.",
        ),
        (
            broken("2020年3月27日", "三月二十七日"),
            "line 12: expected the publication date (such as “2021年6月18日”) after the issue label, "
            "found “三月二十七日”.",
        ),
        (
            broken(
                "2020年3月27日\n", "2020年3月27日\n\n这是一段在任何标题之前的正文，写得很长很长。\n"
            ),
            "line 14: expected the first article's headline (a short line that ends no sentence), "
            "found a paragraph, “这是一段在任何标题之前的正文，写得很长很长。”.",
        ),
        (
            broken("澜沧江 - 湄公河生态环境合作圆桌视频会议顺利举行", "会议顺利举行。" * 20),
            "line 16: expected the headline after the kicker line (a short line that ends no "
            "sentence), found “会议顺利举行。会议顺利举行。",
        ),
        (
            broken("保护国际基金代表表示此次疫情", "此次疫情"),
            "line 42: expected a viewpoint opening with the organization and the speaker",
        ),
        (
            broken("li_xia@chinaaseanenv.org", "li_xia chinaaseanenv.org"),
            "line 54: expected a contact line starting with 地址, 邮编, 电话, 传真, 电子邮箱, 网址 or "
            "微信公众号 and “：”, found “li_xia chinaaseanenv.org”.",
        ),
        (
            broken("部分专家观点\n", "部分专家观点\n\n部分专家观点\n"),
            "line 30: expected viewpoints after the viewpoints heading of line 28, or the next "
            "article's headline, found a second viewpoints heading, “部分专家观点”.",
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
