"""Events reported in the seed briefings, with their organizers in their roles."""

import datetime

EVENTS = [
    {
        "slug": "lancang-mekong-week-2020",
        "title": {"zh-hans": "2020年澜湄周", "en": "Lancang-Mekong Week 2020"},
        "summary": {
            "zh-hans": "澜沧江-湄公河合作机制下一年一度的“澜湄周”系列活动。",
            "en": "The annual series of events of Lancang-Mekong Week, held under the "
            "Lancang-Mekong Cooperation mechanism.",
        },
        "kind": "series",
        "format": "online",
        "start_date": datetime.date(2020, 3, 23),
        "end_date": datetime.date(2020, 3, 29),
        "topics": [],
        "organizers": [],
    },
    {
        "slug": "eco-environmental-cooperation-round-table-2020",
        "parent": "lancang-mekong-week-2020",
        "title": {
            "zh-hans": "澜沧江-湄公河生态环境合作圆桌视频会议",
            "en": "Lancang-Mekong Eco-Environmental Cooperation Round-Table Video Conference",
        },
        "summary": {
            "zh-hans": "2020年“澜湄周”环境合作系列活动之一，以网络会议形式举行，"
            "邀请来自国际组织的合作伙伴参与讨论。",
            "en": "One of the environmental cooperation events of Lancang-Mekong Week 2020, "
            "held as a video conference with partners from international organizations.",
        },
        "kind": "round_table",
        "format": "online",
        "start_date": datetime.date(2020, 3, 26),
        "end_date": datetime.date(2020, 3, 26),
        "topics": [
            "environmental-emergency-management",
            "climate-change",
            "marine-plastics",
            "green-finance",
            "circular-economy",
        ],
        "organizers": [
            ("feco", "host"),
            ("lmec", "host"),
            ("wwf", "participant"),
            ("oxfam", "participant"),
            ("sei", "participant"),
            ("asia-foundation", "participant"),
            ("unicef", "participant"),
            ("wcs", "participant"),
            ("conservation-international", "participant"),
            ("ellen-macarthur-foundation", "participant"),
        ],
    },
    {
        "slug": "biodiversity-sustainable-infrastructure-dialogue-2020",
        "title": {
            "zh-hans": "澜湄流域绿色经济发展带：生物多样性与可持续基础设施圆桌对话",
            "en": "Lancang-Mekong Green Economic Development Belt: Round-Table Dialogue on "
            "Biodiversity and Sustainable Infrastructure",
        },
        "kind": "round_table",
        "format": "online",
        "start_date": datetime.date(2020, 7, 30),
        "end_date": datetime.date(2020, 7, 30),
        "topics": ["biodiversity", "sustainable-infrastructure"],
        "organizers": [],
    },
    {
        "slug": "parallel-forum-2-sustainable-infrastructure-2020",
        "parent": "biodiversity-sustainable-infrastructure-dialogue-2020",
        "title": {
            "zh-hans": "平行论坛二：澜湄可持续基础设施与生态系统管理实践分享",
            "en": "Parallel Forum 2: Sharing Lancang-Mekong Practices in Sustainable "
            "Infrastructure and Ecosystem Management",
        },
        "place": {"zh-hans": "线上平台", "en": "Online platform"},
        "summary": {
            "zh-hans": "与会代表围绕可持续基础设施建设与合作展望、可持续生态系统管理工具、"
            "绿色交通、红树林保护、生物多样性保护实践等议题进行了对话交流。",
            "en": "Participants discussed sustainable infrastructure and the outlook for "
            "cooperation, tools for sustainable ecosystem management, green transport, "
            "mangrove conservation and biodiversity conservation practice.",
        },
        "kind": "parallel_forum",
        "format": "online",
        "start_date": datetime.date(2020, 7, 30),
        "end_date": datetime.date(2020, 7, 30),
        "topics": [
            "sustainable-infrastructure",
            "ecosystem-management",
            "mangroves",
            "biodiversity",
        ],
        "organizers": [
            ("mee", "guidance"),
            ("lmc-china-secretariat", "supporter"),
            ("feco", "co_host"),
            ("lmec", "co_host"),
            ("yunnan-dee", "co_host"),
            ("thailand-diw", "participant"),
            ("wcs", "participant"),
            ("tongji-caup", "participant"),
            ("mangrove-conservation-foundation", "participant"),
            ("conservation-international", "participant"),
            ("asia-foundation", "participant"),
        ],
    },
]
