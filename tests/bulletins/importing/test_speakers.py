"""Who speaks: the organization first (the longest known name), then the speaker."""

import unicodedata

import pytest

from bulletins.importing.matching import ProposedOrganization
from tests.bulletins.importing.helpers import plan_text
from tests.factories import OrganizationAliasFactory, OrganizationFactory

HEADER = "简报\n\n2020年第9期\n\n2020年9月1日\n\n圆桌对话顺利举行\n\n专家观点\n\n"
FOOTER = (
    "\n\n联系我们\n\n澜沧江—湄公河环境合作中心\n北京市西城区后英房胡同5号\n邮编：100035\n\n"
    "澜沧江—湄公河环境合作中心：中心旨在推动澜湄国家生态环境保护合作。"
)


def speaker_of(paragraph: str):
    (viewpoint,) = plan_text(HEADER + paragraph + FOOTER).articles[0].viewpoints
    person = viewpoint.person.name if viewpoint.person else None
    return (str(viewpoint.organization), person, viewpoint.speaker_title, viewpoint.speaker_label)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("乐施会代表表示乐施会长期以来关注全球贫困问题。", ("乐施会", None, "", "乐施会代表")),
        (
            "泰国工业部工业工程司工业环境技术提升处处长Kittiphan Taparugssanagorn围绕“泰国工业4.0”分享了经验。",
            ("泰国工业部工业工程司", "Kittiphan Taparugssanagorn", "工业环境技术提升处处长", ""),
        ),
        (
            "野生生物保护学会技术顾问Kerstin Brauneder介绍了野生生物保护学会的工作。",
            ("野生生物保护学会", "Kerstin Brauneder", "技术顾问", ""),
        ),
        (
            "野生生物保护学会技术顾问 Kerstin Brauneder 介绍了野生生物保护学会的工作。",
            ("野生生物保护学会", "Kerstin Brauneder", "技术顾问", ""),
        ),
        (
            "亚洲基金会项目经理黄真女士在论坛总结中表示，当前基础设施正处于快速发展阶段。",
            ("亚洲基金会", "黄真", "项目经理", ""),
        ),
        (
            "同济大学建筑与城市规划学院教授潘海啸表示，交通基础设施建设水平有待提高。",
            ("同济大学建筑与城市规划学院", "潘海啸", "教授", ""),
        ),
        (
            "红树林基金会重建海上森林项目总监徐万苏强调，红树林具有重要作用。",
            ("红树林基金会", "徐万苏", "重建海上森林项目总监", ""),
        ),
        ("中国科学院院士张三表示应加强合作。", ("中国科学院", "张三", "院士", "")),
        (
            "越南自然资源与环境部司长阮文才表示应加强合作。",
            ("越南自然资源与环境部", "阮文才", "司长", ""),
        ),
    ],
)
def test_speakers_are_read_with_no_organization_registered(paragraph, expected):
    assert speaker_of(paragraph) == expected


@pytest.mark.django_db
def test_text_is_stored_in_nfc_whatever_the_file_used():
    decomposed = unicodedata.normalize(
        "NFD", "越南自然资源与环境部司长Nguyễn Văn Tài表示应加强合作。"
    )

    (viewpoint,) = plan_text(HEADER + decomposed + FOOTER).articles[0].viewpoints

    assert viewpoint.person.name == unicodedata.normalize("NFC", "Nguyễn Văn Tài")
    assert viewpoint.speaker_title == "司长"
    assert unicodedata.is_normalized("NFC", viewpoint.statement)


@pytest.mark.django_db
def test_the_longest_registered_name_wins():
    OrganizationFactory(name_zh_hans="泰国工业部")
    diw = OrganizationFactory(name_zh_hans="泰国工业部工业工程司")

    (viewpoint,) = (
        plan_text(
            HEADER
            + "泰国工业部工业工程司工业环境技术提升处处长Kittiphan Taparugssanagorn围绕绿色工业分享了经验。"
            + FOOTER
        )
        .articles[0]
        .viewpoints
    )

    assert viewpoint.organization == diw
    assert viewpoint.speaker_title == "工业环境技术提升处处长"


@pytest.mark.django_db
def test_an_alias_or_a_short_name_in_any_language_finds_the_partner():
    wwf = OrganizationFactory(name_zh_hans="世界自然基金会", name_en="WWF", short_name_en="WWF")
    ci = OrganizationFactory(name_zh_hans="保护国际基金会")
    OrganizationAliasFactory(organization=ci, name="保护国际基金")

    assert speaker_of("WWF代表表示应加强合作。")[0] == str(wwf)
    assert speaker_of("保护国际基金代表表示此次疫情再次提醒我们。")[0] == str(ci)
    assert speaker_of("保护国际基金会项目经理史一川表示应加强合作。")[:3] == (
        str(ci),
        "史一川",
        "项目经理",
    )


@pytest.mark.django_db
def test_a_shorter_known_name_does_not_cut_a_longer_unknown_one():
    OrganizationFactory(name_zh_hans="保护国际基金")

    organization, person, title, _label = speaker_of("保护国际基金会项目经理史一川表示应加强合作。")

    assert (organization, person, title) == ("保护国际基金会", "史一川", "项目经理")


@pytest.mark.django_db
def test_a_title_may_start_like_the_end_of_the_organization_name():
    mee = OrganizationFactory(name_zh_hans="生态环境部")

    assert speaker_of("生态环境部部长李四表示应加强合作。") == (str(mee), "李四", "部长", "")


@pytest.mark.django_db
def test_an_unknown_organization_is_proposed_once_however_its_dash_is_printed():
    text = (
        HEADER
        + "澜沧江——湄公河环境合作中心代表钱钊晖介绍了合作进展。\n\n"
        + "澜沧江－湄公河环境合作中心代表表示将继续推动合作。"
        + FOOTER
    )

    plan = plan_text(text)

    (proposed,) = plan.organizations_new
    assert isinstance(proposed, ProposedOrganization)
    assert proposed.name == "澜沧江——湄公河环境合作中心"
    assert proposed.lines == [11, 13]
    assert [viewpoint.organization for viewpoint in plan.articles[0].viewpoints] == [proposed] * 2
    assert plan.articles[0].viewpoints[1].speaker_label == "澜沧江－湄公河环境合作中心代表"
