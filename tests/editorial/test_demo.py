import io

import pytest
from django.core.management import call_command
from django.utils import translation

from bulletins.models import AboutBlock, Article, Bulletin, ContactBlock, Viewpoint
from editorial.demo.loader import load_demo
from events.models import Event
from partners.models import Organization, Person
from publishing.services import publication_state
from tests.statistics import last_analyzed
from topics.models import Topic


def model_counts():
    models = [Bulletin, Article, Viewpoint, Organization, Person, Event, Topic]
    return {model.__name__: model.objects.count() for model in models} | {
        "ContactBlock": ContactBlock.objects.count(),
        "AboutBlock": AboutBlock.objects.count(),
    }


@pytest.mark.django_db
def test_the_tables_are_analysed_after_the_demo_is_loaded():
    before = last_analyzed(Viewpoint)

    call_command("load_demo", "--no-accounts", stdout=io.StringIO())

    assert last_analyzed(Viewpoint) != before


@pytest.mark.django_db
def test_loading_the_demo_twice_duplicates_nothing(demo):
    before = model_counts()

    created = load_demo()

    assert set(created.values()) == {0}
    assert model_counts() == before


@pytest.mark.django_db
def test_issue_2020_2_is_complete(demo):
    bulletin = Bulletin.objects.get(year=2020, number=2)
    articles = list(bulletin.articles.all())
    viewpoints = Viewpoint.objects.filter(article__bulletin=bulletin)

    assert publication_state(bulletin).is_public
    assert [article.headline_zh_hans for article in articles] == [
        "澜沧江 - 湄公河生态环境合作圆桌视频会议顺利举行",
        "凝聚澜湄共识，加强环境合作",
    ]
    assert articles[0].kicker_zh_hans == "2020年“澜湄周”系列活动："
    assert articles[0].body_zh_hans.count("<p>") == 3
    assert articles[1].viewpoints_heading_zh_hans == "部分专家观点"
    assert [viewpoint.organization.name_en for viewpoint in viewpoints] == [
        "World Wide Fund for Nature",
        "Oxfam",
        "Stockholm Environment Institute",
        "The Asia Foundation",
        "United Nations Children's Fund",
        "Wildlife Conservation Society",
        "Conservation International",
        "Ellen MacArthur Foundation",
    ]
    assert all(viewpoint.person is None for viewpoint in viewpoints)
    assert viewpoints[0].speaker_label_zh_hans == "世界自然基金会代表"


@pytest.mark.django_db
def test_issue_2020_5_names_its_speakers_with_their_titles(demo):
    bulletin = Bulletin.objects.get(year=2020, number=5)
    viewpoints = Viewpoint.objects.filter(article__bulletin=bulletin)

    assert bulletin.articles.count() == 1
    assert bulletin.articles.get().viewpoints_heading_zh_hans == "主要专家观点如下："
    assert [
        (
            viewpoint.person.name_zh_hans,
            viewpoint.speaker_title_zh_hans,
            viewpoint.organization.slug,
        )
        for viewpoint in viewpoints
    ] == [
        ("Kittiphan Taparugssanagorn", "工业环境技术提升处处长", "thailand-diw"),
        ("Kerstin Brauneder", "技术顾问", "wcs"),
        ("钱钊晖", "代表", "lmec"),
        ("潘海啸", "教授", "tongji-caup"),
        ("徐万苏", "重建海上森林项目总监", "mangrove-conservation-foundation"),
        ("史一川", "项目经理", "conservation-international"),
        ("黄真", "项目经理", "asia-foundation"),
    ]


@pytest.mark.django_db
def test_each_issue_keeps_the_contact_block_it_was_published_with(demo):
    issue_2 = Bulletin.objects.get(year=2020, number=2)
    issue_5 = Bulletin.objects.get(year=2020, number=5)

    assert issue_2.contact_block.email_list() == [
        "tang_huaqing@chinaaseanenv.org",
        "li_xia@chinaaseanenv.org",
    ]
    assert issue_5.contact_block.email_list() == [
        "tang.huaqing@fecomee.org.cn",
        "li.xia@fecomee.org.cn",
    ]
    with translation.override("zh-hans"):
        names = issue_5.contact_block.organization_name_list()
    assert names == [
        "澜沧江—湄公河环境合作中心",
        "生态环境部对外合作与交流中心",
    ]
    assert issue_2.about_block.text_zh_hans.startswith("澜沧江—湄公河环境合作中心：")
    assert issue_5.about_block.text_zh_hans.startswith("澜沧江-湄公河环境合作中心：")


@pytest.mark.django_db
def test_the_events_nest_and_keep_their_organizers_in_their_roles(demo):
    forum = Event.objects.get(slug="parallel-forum-2-sustainable-infrastructure-2020")
    organizers = [(role.organization.slug, role.role) for role in forum.organizer_roles.all()]

    assert forum.parent.slug == "biodiversity-sustainable-infrastructure-dialogue-2020"
    assert organizers[:5] == [
        ("mee", "guidance"),
        ("lmc-china-secretariat", "supporter"),
        ("feco", "co_host"),
        ("lmec", "co_host"),
        ("yunnan-dee", "co_host"),
    ]
    round_table = Event.objects.get(slug="eco-environmental-cooperation-round-table-2020")
    assert round_table.parent.slug == "lancang-mekong-week-2020"
    assert round_table.organizer_roles.filter(role="host").count() == 2


@pytest.mark.django_db
def test_every_text_of_the_demo_exists_in_chinese_and_english(demo):
    checks = [
        (Article.objects.all(), ["headline"]),
        (Article.objects.exclude(viewpoints_heading_zh_hans="部分专家观点"), ["body"]),
        (Viewpoint.objects.all(), ["statement"]),
        (Organization.objects.all(), ["name"]),
        (Person.objects.all(), ["name"]),
        (Event.objects.all(), ["title"]),
        (Topic.objects.all(), ["name"]),
        (ContactBlock.objects.all(), ["organization_names", "address"]),
        (AboutBlock.objects.all(), ["text"]),
    ]
    for queryset, fields in checks:
        for record in queryset:
            for field in fields:
                assert getattr(record, f"{field}_zh_hans"), (record, field)
                assert getattr(record, f"{field}_en"), (record, field)


@pytest.mark.django_db
def test_the_demo_reads_in_english(demo):
    article = Article.objects.get(slug="parallel-forum-2-sustainable-infrastructure")

    with translation.override("en"):
        speakers = [viewpoint.speaker for viewpoint in article.viewpoints.all()]

    assert speakers[1] == "Kerstin Brauneder, Technical Adviser"
    assert speakers[-1] == "Huang Zhen, Program Manager"
