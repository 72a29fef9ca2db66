"""The two seed briefings (../shared/seeds/), in the Chinese of the printed issues and in English.

The Chinese is the printed text, typos included ("疫情疫情"); the printed headline of 2020/5
breaks at its colons, kept as "|" (lmec/headlines.py). Each viewpoint's statement is the
printed paragraph, which opens with its speaker.
"""

import datetime
from zoneinfo import ZoneInfo

BEIJING = ZoneInfo("Asia/Shanghai")

CONTACT_BLOCKS = [
    {
        "key": "2020-03",
        "label": "2020-03: chinaaseanenv.org e-mail addresses",
        "valid_from": datetime.date(2020, 1, 1),
        "organization_names": {
            "zh-hans": "澜沧江—湄公河环境合作中心",
            "en": "Lancang-Mekong Environmental Cooperation Center",
        },
        "address": {
            "zh-hans": "北京市西城区后英房胡同5号",
            "en": "No. 5 Houyingfang Hutong, Xicheng District, Beijing",
        },
        "postcode": "100035",
        "phone": "+86-010-82268277/8221",
        "fax": "+86-010-82200579",
        "emails": "tang_huaqing@chinaaseanenv.org\nli_xia@chinaaseanenv.org",
        "website": "http://www.lmec.org.cn",
        "wechat": {"zh-hans": "澜沧江-湄公河环境合作中心", "en": "澜沧江-湄公河环境合作中心"},
    },
    {
        "key": "2020-08",
        "label": "2020-08: fecomee.org.cn e-mail addresses",
        "valid_from": datetime.date(2020, 8, 1),
        "organization_names": {
            "zh-hans": "澜沧江—湄公河环境合作中心\n生态环境部对外合作与交流中心",
            "en": "Lancang-Mekong Environmental Cooperation Center\n"
            "Foreign Environmental Cooperation Center, Ministry of Ecology and Environment",
        },
        "address": {
            "zh-hans": "北京市西城区后英房胡同 5 号",
            "en": "No. 5 Houyingfang Hutong, Xicheng District, Beijing",
        },
        "postcode": "100035",
        "phone": "+86-010-82268277/8221",
        "fax": "+86-010-82200579",
        "emails": "tang.huaqing@fecomee.org.cn\nli.xia@fecomee.org.cn",
        "website": "http://www.lmec.org.cn",
        "wechat": {"zh-hans": "澜沧江-湄公河环境合作中心", "en": "澜沧江-湄公河环境合作中心"},
    },
]

ABOUT_EN = (
    "Lancang-Mekong Environmental Cooperation Center: The Lancang-Mekong Environmental "
    "Cooperation Center was proposed by Premier Li Keqiang at the First Lancang-Mekong "
    "Cooperation Leaders' Meeting in March 2016 and was officially launched in Beijing in "
    "November 2017. The Center aims to promote cooperation among the Lancang-Mekong countries "
    "on ecological and environmental protection, to provide them with a platform for dialogue "
    "on environment and development, to strengthen regional environmental management capacity, "
    "to advance regional cooperation in the environmental industry, and to jointly promote "
    "sustainable development in the region."
)

ABOUT_BLOCKS = [
    {
        "key": "2020-03",
        "label": "2020-03",
        "valid_from": datetime.date(2020, 1, 1),
        "text": {
            "zh-hans": "澜沧江—湄公河环境合作中心：澜沧江—湄公河环境合作中心是李克强总理在2016年3月"
            "召开的澜沧江—湄公河合作首次领导人会议上提出的倡议。2017年11月，澜沧江—湄公河环境合作中心"
            "在北京正式成立。中心旨在推动澜湄国家生态环境保护合作，为澜湄国家提供环境与发展对话平台，"
            "提升区域环境管理能力、推进区域环保产业合作，共同推动区域可持续发展。",
            "en": ABOUT_EN,
        },
    },
    {
        "key": "2020-08",
        "label": "2020-08",
        "valid_from": datetime.date(2020, 8, 1),
        "text": {
            "zh-hans": "澜沧江-湄公河环境合作中心：澜沧江-湄公河环境合作中心是李克强总理在2016年3月"
            "召开的澜沧江-湄公河合作首次领导人会议上提出的倡议。2017年11月澜沧江-湄公河环境合作中心"
            "在北京正式成立。中心旨在推动澜湄国家生态环境保护合作，为澜湄国家提供环境与发展对话平台，"
            "提升区域环境管理能力，推进区域环保产业合作，共同推动区域可持续发展。",
            "en": ABOUT_EN,
        },
    },
]

ISSUE_2020_2 = {
    "year": 2020,
    "number": 2,
    "publication_date": datetime.date(2020, 3, 27),
    "published_at": datetime.datetime(2020, 3, 27, 9, 0, tzinfo=BEIJING),
    "contact_block": "2020-03",
    "about_block": "2020-03",
    "articles": [
        {
            "slug": "round-table-video-conference",
            "kicker": {
                "zh-hans": "2020年“澜湄周”系列活动：",
                "en": "Lancang-Mekong Week 2020 events:",
            },
            "headline": {
                "zh-hans": "澜沧江 - 湄公河生态环境合作圆桌视频会议顺利举行",
                "en": "Lancang-Mekong Eco-Environmental Cooperation Round-Table Video "
                "Conference Held",
            },
            "event": "eco-environmental-cooperation-round-table-2020",
            "topics": [
                "environmental-emergency-management",
                "climate-change",
                "marine-plastics",
                "green-finance",
                "circular-economy",
            ],
            "body": {
                "zh-hans": [
                    "2020年3月26日，作为2020年“澜湄周”环境合作系列活动之一，澜沧江-湄公河生态环境合作"
                    "圆桌视频会议以网络会议形式顺利举行，会议由生态环境部对外合作与交流中心/澜沧江-湄公河"
                    "环境合作中心（以下简称澜湄环境合作中心）主办。此次视频会议邀请了来自国际组织的合作伙伴"
                    "参与讨论。",
                    "澜湄环境合作中心代表介绍了2019年“绿色澜湄计划”活动成果和2020年环境合作活动安排，"
                    "并重点阐述未来构建高质量澜湄流域绿色经济发展带的基本设想及合作方向。会议期间，参会合作"
                    "伙伴代表也结合当前国际和国内形势就生态系统健康与安全、环境应急管理及其应用、应对气候变化、"
                    "海洋（微）塑料垃圾治理、绿色金融与循环经济等议题进行了分享与探讨。",
                    "自2018年以来，澜沧江-湄公河合作机制下“澜湄周”活动已成功举办两届，充分展现了澜湄合作的"
                    "独特魅力和丰富成果。受此次新冠肺炎疫情疫情影响，澜湄环境合作中心原计划召开的活动延期。"
                    "但澜湄环境合作中心积极利用电话、邮件、在线视频会议等形式，保证沟通“不断线”，做好协调工作，"
                    "增强合作信心，确保合作项目稳步推进。",
                ],
                "en": [
                    "On 26 March 2020, the Lancang-Mekong Eco-Environmental Cooperation Round-Table "
                    "Video Conference was held online as one of the environmental cooperation events "
                    "of Lancang-Mekong Week 2020. It was hosted by the Foreign Environmental "
                    "Cooperation Center of the Ministry of Ecology and Environment / Lancang-Mekong "
                    "Environmental Cooperation Center (LMEC). Partners from international "
                    "organizations were invited to take part in the discussion.",
                    "A representative of LMEC presented the results of the 2019 Green Lancang-Mekong "
                    "Initiative and the plans for environmental cooperation in 2020, focusing on the "
                    "basic concept of a high-quality green economic development belt in the "
                    "Lancang-Mekong basin and the directions of future cooperation. Drawing on the "
                    "current international and domestic situation, the partners' representatives "
                    "shared their views on ecosystem health and security, environmental emergency "
                    "management and its applications, climate change, the management of marine "
                    "(micro)plastic waste, green finance and the circular economy.",
                    "Since 2018, Lancang-Mekong Week has been held twice under the Lancang-Mekong "
                    "Cooperation mechanism, showing the distinctive appeal and the rich results of "
                    "Lancang-Mekong cooperation. Because of the COVID-19 epidemic, events LMEC had "
                    "planned were postponed. LMEC has nevertheless kept communication going by "
                    "telephone, e-mail and video conference, coordinating closely, strengthening "
                    "confidence in cooperation and keeping cooperation projects on track.",
                ],
            },
        },
        {
            "slug": "building-consensus",
            "headline": {
                "zh-hans": "凝聚澜湄共识，加强环境合作",
                "en": "Building Lancang-Mekong Consensus, Strengthening Environmental Cooperation",
            },
            "viewpoints_heading": {"zh-hans": "部分专家观点", "en": "Selected expert views"},
            "event": "eco-environmental-cooperation-round-table-2020",
            "topics": [
                "biodiversity",
                "climate-change",
                "circular-economy",
                "marine-plastics",
                "green-finance",
                "environmental-emergency-management",
            ],
            "viewpoints": [
                {
                    "organization": "wwf",
                    "topics": ["climate-change"],
                    "speaker_label": {"zh-hans": "世界自然基金会代表", "en": "WWF representative"},
                    "statement": {
                        "zh-hans": "世界自然基金会代表表示目前湄公河下游恰逢旱季，并受到此次疫情冲击，这使得很多"
                        "沿岸国家在公共卫生、粮食安全与气候变化等非传统安全议题上面临共同的挑战。澜湄国家同饮"
                        "一江水，应从疫情之危中看到合作之机，未来可以通过能力建设、联合研究、技术交流等形式加强"
                        "对话与合作。",
                        "en": "The WWF representative noted that the lower Mekong is in its dry season and "
                        "has also been hit by the epidemic, so that many riparian countries face common "
                        "challenges in non-traditional security issues such as public health, food "
                        "security and climate change. As the Lancang-Mekong countries drink from the same "
                        "river, they should see in the crisis an opportunity for cooperation, and can "
                        "strengthen dialogue and cooperation through capacity building, joint research "
                        "and technical exchange.",
                    },
                },
                {
                    "organization": "oxfam",
                    "topics": ["climate-change"],
                    "speaker_label": {"zh-hans": "乐施会代表", "en": "Oxfam representative"},
                    "statement": {
                        "zh-hans": "乐施会代表表示乐施会长期以来关注全球贫困问题，而与公共卫生、气候变化、性别平等"
                        "等问题密切相关。此次疫情给全球发展带来了许多挑战，但也给全球发展带来了许多值得探索的"
                        "新议题。乐施会期望通过环境与扶贫相结合，进一步开展中资企业在境外投资及援助过程中的环境"
                        "社会责任、气候变化适应与社区减贫方面等研究工作。",
                        "en": "The Oxfam representative said that Oxfam has long worked on global poverty, "
                        "which is closely linked to public health, climate change and gender equality. "
                        "The epidemic has brought many challenges to global development, but also many "
                        "new questions worth exploring. By combining environmental protection with "
                        "poverty reduction, Oxfam hopes to do further research on the environmental and "
                        "social responsibility of Chinese companies investing and giving aid abroad, on "
                        "adaptation to climate change and on community poverty reduction.",
                    },
                },
                {
                    "organization": "sei",
                    "topics": [],
                    "speaker_label": {
                        "zh-hans": "瑞典斯德哥尔摩国际环境研究院代表",
                        "en": "Stockholm Environment Institute representative",
                    },
                    "statement": {
                        "zh-hans": "瑞典斯德哥尔摩国际环境研究院代表主要关注此次新冠肺炎疫情能否促使国际社会反思"
                        "传统经济发展模式的不足，进而走上经济增长与环境保护相适应的高质量发展道路。他认为从目前"
                        "来看，大多数国家决策者目前还只停留在危机应急救灾的短期思维框架下，较少从长期角度思考经济"
                        "增长与环境保护的关联性。他也认为此次疫情对全球生态环境合作的影响还有待进一步评估。",
                        "en": "The representative of the Stockholm Environment Institute asked whether the "
                        "COVID-19 epidemic could lead the international community to reflect on the "
                        "shortcomings of traditional models of economic development and to take a path of "
                        "high-quality development in which economic growth and environmental protection go "
                        "hand in hand. In his view, most national decision-makers are still caught in a "
                        "short-term frame of crisis response and relief, and rarely consider the long-term "
                        "link between economic growth and environmental protection. He added that the "
                        "impact of the epidemic on global eco-environmental cooperation remains to be "
                        "assessed.",
                    },
                },
                {
                    "organization": "asia-foundation",
                    "topics": ["environmental-emergency-management"],
                    "speaker_label": {
                        "zh-hans": "亚洲基金会代表",
                        "en": "The Asia Foundation representative",
                    },
                    "statement": {
                        "zh-hans": "亚洲基金会代表表示作为一家非营利国际发展机构，亚洲基金会也非常关注此次疫情对"
                        "生态环境稳定性和区域协作的影响。下一步，亚洲基金会将重点关注大数据技术在环境应急管理中"
                        "的作用，并希望能够由此进一步提升澜湄国家环境应急管理的能力水平。",
                        "en": "The representative of The Asia Foundation said that, as a non-profit "
                        "international development organization, the Foundation is also paying close "
                        "attention to the impact of the epidemic on ecological stability and regional "
                        "collaboration. As a next step, The Asia Foundation will focus on the role of big "
                        "data in environmental emergency management, and hopes in this way to further "
                        "raise the capacity of the Lancang-Mekong countries to manage environmental "
                        "emergencies.",
                    },
                },
                {
                    "organization": "unicef",
                    "topics": [
                        "climate-change",
                        "marine-plastics",
                        "environmental-emergency-management",
                    ],
                    "speaker_label": {
                        "zh-hans": "联合国儿童基金会代表",
                        "en": "UNICEF representative",
                    },
                    "statement": {
                        "zh-hans": "联合国儿童基金会代表介绍了疫情暴发之初儿基会在物资捐赠、公众宣传、能力建设与"
                        "研究支撑等方面积极支持中国应对新型冠状病毒疫情的做法。而随着疫情在全球范围内的“大流行”，"
                        "儿基会也向其他发展中国家分享中国抗击疫情的经验，并在清洁用水与远程教育等方面给予支持。"
                        "未来儿基会希望在气候变化、废弃塑料管理以及环境应急等方面与澜湄环境合作中心开展合作。",
                        "en": "The UNICEF representative described how, from the start of the outbreak, "
                        "UNICEF supported China's response to the novel coronavirus with donated supplies, "
                        "public information, capacity building and research. As the epidemic became a "
                        "global pandemic, UNICEF has also been sharing China's experience of fighting it "
                        "with other developing countries and supporting them with clean water and remote "
                        "education. In future, UNICEF hopes to work with LMEC on climate change, plastic "
                        "waste management and environmental emergencies.",
                    },
                },
                {
                    "organization": "wcs",
                    "topics": ["green-finance"],
                    "speaker_label": {
                        "zh-hans": "野生生物保护学会代表",
                        "en": "Wildlife Conservation Society representative",
                    },
                    "statement": {
                        "zh-hans": "野生生物保护学会代表指出疫情之下的全球经济面临着新一轮调整，企业在特殊时期普遍"
                        "面临较大资金和生存压力，难以负担环境治理成本，参与环境合作的意愿也有可能有所下降。因此，"
                        "建立绿色信贷模式支持企业绿色发展，探索一条经济增长与环境保护相适应的发展道路非常必要。"
                        "野生生物保护学会在柬埔寨的项目实施中积累一些成功经验，希望未来能有机会与合作伙伴分享。",
                        "en": "The representative of the Wildlife Conservation Society pointed out that the "
                        "global economy faces a new round of adjustment under the epidemic. In these "
                        "exceptional times, companies are generally under heavy financial pressure and "
                        "struggling to survive; they find it hard to bear the cost of environmental "
                        "management and may become less willing to take part in environmental "
                        "cooperation. It is therefore essential to set up green credit models that "
                        "support the green development of companies, and to explore a path of "
                        "development in which economic growth and environmental protection go hand in "
                        "hand. WCS has gained some successful experience from its projects in Cambodia "
                        "and hopes to share it with partners in future.",
                    },
                },
                {
                    "organization": "conservation-international",
                    "topics": ["biodiversity", "climate-change"],
                    "speaker_label": {
                        "zh-hans": "保护国际基金代表",
                        "en": "Conservation International representative",
                    },
                    "statement": {
                        "zh-hans": "保护国际基金代表表示此次疫情再次提醒我们要关注环境健康与生态安全的重要性。"
                        "在项目评估中应加入环境健康的内容，将生物多样性与公共健康、减灾救灾等统筹考虑。尤其是"
                        "澜沧江—湄公河流域作为全球生物多样性热点地区之一，中国应该主动发挥示范效应，在气候变化与"
                        "生物多样性保护等议题上采取有效行动，为区域生态健康与安全贡献力量。",
                        "en": "The representative of Conservation International said that the epidemic is "
                        "another reminder of how important environmental health and ecological security "
                        "are. Environmental health should be part of project assessments, and biodiversity "
                        "should be considered together with public health and with disaster reduction and "
                        "relief. As the Lancang-Mekong basin is one of the world's biodiversity hotspots, "
                        "China in particular should take the lead by example, act effectively on climate "
                        "change and biodiversity conservation, and contribute to the ecological health and "
                        "security of the region.",
                    },
                },
                {
                    "organization": "ellen-macarthur-foundation",
                    "topics": ["circular-economy", "marine-plastics"],
                    "speaker_label": {
                        "zh-hans": "艾伦·麦克阿瑟基金会代表",
                        "en": "Ellen MacArthur Foundation representative",
                    },
                    "statement": {
                        "zh-hans": "艾伦·麦克阿瑟基金会代表主要介绍了该基金会近年来在全球范围内致力于加速推广循环"
                        "经济的主要做法。他指出循环经济是一个不断发展的框架，如增加塑料的循环利用，能有效将各个"
                        "价值链的组织聚集在一起，实现商业模式的创新，并从根本上解决塑料污染问题。因此，在应对疫情"
                        "过程中，以协作的方式建立循环能力，催化各利益相关方的循环创新是转疫情之危为合作之机的重要"
                        "途径之一。",
                        "en": "The representative of the Ellen MacArthur Foundation presented the "
                        "Foundation's main approaches to accelerating the transition to a circular economy "
                        "worldwide in recent years. He pointed out that the circular economy is an "
                        "evolving framework: recycling more plastic, for example, can bring together "
                        "organizations across value chains, drive innovation in business models and solve "
                        "the problem of plastic pollution at its root. In responding to the epidemic, "
                        "building circular capacity through collaboration and catalysing circular "
                        "innovation among all stakeholders is therefore one of the important ways to turn "
                        "the crisis into an opportunity for cooperation.",
                    },
                },
            ],
        },
    ],
}

ISSUE_2020_5 = {
    "year": 2020,
    "number": 5,
    "publication_date": datetime.date(2020, 8, 3),
    "published_at": datetime.datetime(2020, 8, 3, 9, 0, tzinfo=BEIJING),
    "contact_block": "2020-08",
    "about_block": "2020-08",
    "articles": [
        {
            "slug": "parallel-forum-2-sustainable-infrastructure",
            "headline": {
                # "|": where the printed headline breaks its lines (at its colons).
                "zh-hans": "澜湄流域绿色经济发展带：|生物多样性与可持续基础设施圆桌对话平行论坛二：|"
                "澜湄可持续基础设施与生态系统管理实践分享顺利召开",
                "en": "Lancang-Mekong Green Economic Development Belt: | Parallel Forum 2 of the "
                "Round-Table Dialogue on Biodiversity and Sustainable Infrastructure | Shares "
                "Practices in Sustainable Infrastructure and Ecosystem Management",
            },
            "event": "parallel-forum-2-sustainable-infrastructure-2020",
            "topics": [
                "sustainable-infrastructure",
                "ecosystem-management",
                "mangroves",
                "biodiversity",
            ],
            "body": {
                "zh-hans": [
                    "2020年7月30日，澜湄流域绿色经济发展带：生物多样性与可持续基础设施圆桌对话之平行论坛二："
                    "澜湄可持续基础设施与生态系统管理实践分享在线上平台顺利召开。本次会议由生态环境部指导，"
                    "澜沧江-湄公河合作中国秘书处作为支持单位，生态环境部对外合作与交流中心/澜沧江-湄公河环境"
                    "合作中心、云南省生态环境厅联合主办。来自生态环境部及相关直属单位、湄公河国家驻华大使馆、"
                    "湄公河国家环境部门和工业部门、相关国际组织、研究机构及企业等代表参加了论坛。",
                    "论坛期间，与会代表围绕可持续基础设施建设与合作展望、可持续生态系统管理工具、绿色交通、"
                    "红树林保护、生物多样性保护实践等议题进行了对话交流，澜湄国家代表就本国可持续基础设施建设"
                    "与生态系统管理经验及未来工作设想等进行了分享。",
                ],
                "en": [
                    "On 30 July 2020, Parallel Forum 2 of the Lancang-Mekong Green Economic "
                    "Development Belt Round-Table Dialogue on Biodiversity and Sustainable "
                    "Infrastructure, on sharing Lancang-Mekong practices in sustainable infrastructure "
                    "and ecosystem management, was held on an online platform. The forum was held "
                    "under the guidance of the Ministry of Ecology and Environment, with the support "
                    "of the Lancang-Mekong Cooperation China Secretariat, and was co-hosted by the "
                    "Foreign Environmental Cooperation Center of the Ministry of Ecology and "
                    "Environment / Lancang-Mekong Environmental Cooperation Center and the Department "
                    "of Ecology and Environment of Yunnan Province. Representatives of the Ministry of "
                    "Ecology and Environment and its affiliated institutions, the embassies of the "
                    "Mekong countries in China, the environment and industry authorities of the "
                    "Mekong countries, international organizations, research institutions and "
                    "companies took part.",
                    "During the forum, participants exchanged views on building sustainable "
                    "infrastructure and the outlook for cooperation, tools for sustainable ecosystem "
                    "management, green transport, mangrove conservation and biodiversity conservation "
                    "in practice. Representatives of the Lancang-Mekong countries shared their "
                    "national experience of sustainable infrastructure and ecosystem management and "
                    "their plans for future work.",
                ],
            },
            "viewpoints_heading": {"zh-hans": "主要专家观点如下：", "en": "Main expert views:"},
            "viewpoints": [
                {
                    "organization": "thailand-diw",
                    "topics": ["circular-economy"],
                    "person": "kittiphan-taparugssanagorn",
                    "speaker_title": {
                        "zh-hans": "工业环境技术提升处处长",
                        "en": "Director, Industrial Environment Technology Development Division",
                    },
                    "statement": {
                        "zh-hans": "泰国工业部工业工程司工业环境技术提升处处长Kittiphan Taparugssanagorn围绕"
                        "“泰国工业4.0”和绿色工业发展，分享了泰国工业部在推动生态工业城镇发展、促进工业废物综合"
                        "循环利用、鼓励生态产业集群等方面开展的工作，推动形成包含绿色承诺、绿色活动、绿色设计、"
                        "绿色文化和绿色网络在内的绿色工业发展模式。",
                        "en": "Kittiphan Taparugssanagorn, Director of the Industrial Environment Technology "
                        "Development Division at the Department of Industrial Works of Thailand's Ministry "
                        "of Industry, spoke about Thailand Industry 4.0 and green industrial development. "
                        "He described the Ministry of Industry's work to develop eco-industrial towns, to "
                        "promote the integrated recycling of industrial waste and to encourage "
                        "eco-industrial clusters, building a model of green industrial development that "
                        "includes green commitment, green activities, green design, green culture and "
                        "green networks.",
                    },
                },
                {
                    "organization": "wcs",
                    "topics": [
                        "ecosystem-management",
                        "biodiversity",
                        "sustainable-infrastructure",
                    ],
                    "person": "kerstin-brauneder",
                    "speaker_title": {"zh-hans": "技术顾问", "en": "Technical Adviser"},
                    "statement": {
                        "zh-hans": "野生生物保护学会技术顾问Kerstin Brauneder介绍了野生生物保护学会在澜湄区域开展"
                        "可持续生态系统和生物多样性风险管理方面的工作，并以水电生态系统管理为例，分析国家监管、"
                        "金融保障、企业自身承诺等在水电生态系统管理中的作用，为区域生态系统管理提供良好借鉴。",
                        "en": "Kerstin Brauneder, Technical Adviser at the Wildlife Conservation Society, "
                        "presented WCS's work on sustainable ecosystems and biodiversity risk management "
                        "in the Lancang-Mekong region. Taking the management of ecosystems affected by "
                        "hydropower as an example, she analysed the roles that national regulation, "
                        "financial safeguards and companies' own commitments play, offering useful "
                        "lessons for ecosystem management in the region.",
                    },
                },
                {
                    "organization": "lmec",
                    "topics": ["sustainable-infrastructure"],
                    "person": "qian-zhaohui",
                    "speaker_title": {"zh-hans": "代表", "en": "Representative"},
                    "statement": {
                        "zh-hans": "澜沧江-湄公河环境合作中心代表钱钊晖介绍了澜湄环境合作中心在可持续基础设施领域"
                        "的合作进展与展望。未来，澜湄环境合作中心还将联合澜湄国家和国际合作伙伴，共同搭建服务"
                        "澜湄国家的可持续基础设施知识共享平台，进一步推动流域基础设施的绿色可持续发展进程。",
                        "en": "Qian Zhaohui, representing the Lancang-Mekong Environmental Cooperation "
                        "Center, presented the progress and outlook of LMEC's cooperation on sustainable "
                        "infrastructure. In future, LMEC will work with the Lancang-Mekong countries and "
                        "international partners to build a knowledge-sharing platform on sustainable "
                        "infrastructure that serves the Lancang-Mekong countries, further advancing the "
                        "green and sustainable development of infrastructure in the basin.",
                    },
                },
                {
                    "organization": "tongji-caup",
                    "topics": ["sustainable-infrastructure"],
                    "person": "pan-haixiao",
                    "speaker_title": {"zh-hans": "教授", "en": "Professor"},
                    "statement": {
                        "zh-hans": "同济大学建筑与城市规划学院教授潘海啸表示，湄公河地区经济发展增速快，以对外贸易"
                        "为主，国内贸易动力不足，原因之一是交通基础设施建设水平有待提高。提高交通基础设施建设水平"
                        "对澜湄国家绿色发展具有正向促进作用，有利于推动区域共同发展，希望未来澜湄国家可以就此加强"
                        "对话与交流。",
                        "en": "Pan Haixiao, Professor at the College of Architecture and Urban Planning of "
                        "Tongji University, said that the economies of the Mekong region are growing fast "
                        "and rely mainly on foreign trade, while domestic trade lacks momentum, partly "
                        "because transport infrastructure still needs to improve. Better transport "
                        "infrastructure would help the green development of the Lancang-Mekong countries "
                        "and the common development of the region, and he hoped that the Lancang-Mekong "
                        "countries would strengthen dialogue and exchange on this in future.",
                    },
                },
                {
                    "organization": "mangrove-conservation-foundation",
                    "topics": ["mangroves", "biodiversity", "climate-change"],
                    "person": "xu-wansu",
                    "speaker_title": {
                        "zh-hans": "重建海上森林项目总监",
                        "en": "Director of the Rebuilding Forests at Sea Programme",
                    },
                    "statement": {
                        "zh-hans": "红树林基金会重建海上森林项目总监徐万苏强调，红树林对于维持生物多样性、调节环境、"
                        "维持人类生产和文化、以及应对气候变化等具有重要作用。澜湄地区是红树林分布的重要区域，近年"
                        "来虽然保护初见成效，但形势依然严峻。希望澜湄国家积极分享相关经验和最佳实践，共同保护区域"
                        "红树林生态系统。",
                        "en": "Xu Wansu, Director of the Rebuilding Forests at Sea Programme at the Mangrove "
                        "Conservation Foundation, stressed that mangroves play an important role in "
                        "maintaining biodiversity, regulating the environment, sustaining human livelihoods "
                        "and culture, and responding to climate change. The Lancang-Mekong region is an "
                        "important area for mangroves; although conservation has begun to show results in "
                        "recent years, the situation remains serious. Xu hoped that the Lancang-Mekong "
                        "countries would actively share their experience and best practices and protect "
                        "the region's mangrove ecosystems together.",
                    },
                },
                {
                    "organization": "conservation-international",
                    "topics": ["sustainable-infrastructure", "ecosystem-management"],
                    "person": "shi-yichuan",
                    "speaker_title": {"zh-hans": "项目经理", "en": "Project Manager"},
                    "statement": {
                        "zh-hans": "保护国际基金会项目经理史一川表示在基础设施建设过程中，不能忽视自然本身发挥的重要"
                        "作用，应加强对自然资本的综合利用，例如，上游森林保护对水电基础设施的进水量和水质具有调节"
                        "和改善功能。此外，保护国际基金会开展的淡水健康指数研究旨在评估淡水生态系统的状态、趋势以及"
                        "指标权重，将为流域内水环境综合管理提供建议。",
                        "en": "Shi Yichuan, Project Manager at Conservation International, said that the "
                        "important role of nature itself must not be overlooked when infrastructure is "
                        "built, and that natural capital should be used in a more integrated way: "
                        "protecting forests upstream, for example, regulates and improves the quantity and "
                        "quality of the water flowing into hydropower facilities. Conservation "
                        "International's research on a Freshwater Health Index, which assesses the state "
                        "and trends of freshwater ecosystems and the weighting of indicators, will also "
                        "inform the integrated management of the basin's water environment.",
                    },
                },
                {
                    "organization": "asia-foundation",
                    "topics": ["sustainable-infrastructure"],
                    "person": "huang-zhen",
                    "speaker_title": {"zh-hans": "项目经理", "en": "Program Manager"},
                    "statement": {
                        "zh-hans": "亚洲基金会项目经理黄真女士在论坛总结中表示，当前澜湄区域基础设施正处于快速发展"
                        "阶段，开展可持续与绿色化管理，对于减小区域经济高速发展对环境产生的影响具有重要意义。希望"
                        "澜湄环境合作伙伴能够为区域可持续基础设施管理提供更多优秀的系统性分析与方案，助力区域共同"
                        "绿色发展。",
                        "en": "Ms Huang Zhen, Program Manager at The Asia Foundation, said in her closing "
                        "remarks that infrastructure in the Lancang-Mekong region is developing rapidly, "
                        "and that sustainable, green management matters greatly for reducing the "
                        "environmental impact of the region's fast economic growth. She hoped that the "
                        "partners in Lancang-Mekong environmental cooperation would offer more high-quality "
                        "systematic analyses and solutions for managing sustainable infrastructure in the "
                        "region, helping it to develop green together.",
                    },
                },
            ],
        },
    ],
}

ISSUES = [ISSUE_2020_2, ISSUE_2020_5]
