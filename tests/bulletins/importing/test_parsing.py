"""The parts of a briefing, and the events its reports describe."""

import datetime

from bulletins.importing import parse_source, read_source
from bulletins.importing.parsing import ParsedRole, parse_event

FOOTER = (
    "\n\n联系我们\n\n澜沧江—湄公河环境合作中心\n北京市西城区后英房胡同5号\n\n"
    "澜沧江—湄公河环境合作中心：中心旨在推动澜湄国家生态环境保护合作。"
)


def parse(text: str):
    return parse_source(read_source("issue.txt", text.encode()))


def test_a_headline_that_mentions_viewpoints_is_still_a_headline():
    issue = parse(
        "2021年第三期\n\n2021年5月6日\n\n专家观点交流会顺利举行\n\n"
        "与会专家交流了观点。\n\n嘉宾发言摘要\n\n乐施会代表表示应加强合作。" + FOOTER
    )

    (article,) = issue.articles
    assert (issue.year, issue.number) == (2021, 3)
    assert article.headline == "专家观点交流会顺利举行"
    assert article.viewpoints_heading == "嘉宾发言摘要"
    assert [viewpoint.statement for viewpoint in article.viewpoints] == [
        "乐施会代表表示应加强合作。"
    ]


def test_the_label_and_the_date_may_share_a_line():
    issue = parse("简报 2021年第12期 2021年12月30日\n\n会议顺利举行\n\n会议顺利举行。" + FOOTER)

    assert (issue.year, issue.number, issue.publication_date) == (
        2021,
        12,
        datetime.date(2021, 12, 30),
    )


def test_an_event_over_several_days_in_a_place_with_its_organizers():
    event = parse_event(
        "2021年11月3日至5日，澜湄环境合作论坛在云南昆明顺利举行。论坛由生态环境部主办，"
        "云南省生态环境厅承办，亚洲基金会、乐施会协办，得到了世界自然基金会的大力支持。",
        line=9,
        unit="line",
    )

    assert (event.title, event.start_date, event.end_date) == (
        "澜湄环境合作论坛",
        datetime.date(2021, 11, 3),
        datetime.date(2021, 11, 5),
    )
    assert (event.place, event.format) == ("云南昆明", "in_person")
    assert event.roles == [
        ParsedRole("生态环境部", "host"),
        ParsedRole("云南省生态环境厅", "organizer"),
        ParsedRole("亚洲基金会", "supporter"),
        ParsedRole("乐施会", "supporter"),
    ]


def test_an_event_online_and_on_site_under_guidance():
    event = parse_event(
        "2022年3月22日，在生态环境部的指导下，澜湄周活动以线上线下相结合的形式举行。",
        line=1,
        unit="line",
    )

    assert event is None  # the sentence does not open with the event's name

    event = parse_event(
        "2022年3月22日，澜湄周活动以线上线下相结合的形式举行，在生态环境部的指导下，"
        "由澜沧江-湄公河环境合作中心（以下简称“澜湄中心”）主办。",
        line=1,
        unit="line",
    )

    assert event.format == "hybrid"
    assert event.roles == [
        ParsedRole("生态环境部", "guidance"),
        ParsedRole("澜沧江-湄公河环境合作中心", "host", short_name="澜湄中心"),
    ]
