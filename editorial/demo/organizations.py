"""Partner organizations and people named in the seed briefings (../shared/seeds/).

Translated values are dicts by language code; the loader stores each in its field.
"""

TOPICS = [
    {"slug": "biodiversity", "name": {"zh-hans": "生物多样性", "en": "Biodiversity"}},
    {"slug": "climate-change", "name": {"zh-hans": "气候变化", "en": "Climate change"}},
    {"slug": "circular-economy", "name": {"zh-hans": "循环经济", "en": "Circular economy"}},
    {"slug": "marine-plastics", "name": {"zh-hans": "海洋塑料垃圾", "en": "Marine plastics"}},
    {"slug": "green-finance", "name": {"zh-hans": "绿色金融", "en": "Green finance"}},
    {
        "slug": "sustainable-infrastructure",
        "name": {"zh-hans": "可持续基础设施", "en": "Sustainable infrastructure"},
    },
    {"slug": "mangroves", "name": {"zh-hans": "红树林", "en": "Mangroves"}},
    {
        "slug": "environmental-emergency-management",
        "name": {"zh-hans": "环境应急管理", "en": "Environmental emergency management"},
    },
    {
        "slug": "ecosystem-management",
        "name": {"zh-hans": "生态系统管理", "en": "Ecosystem management"},
    },
]

# Parents come before their units.
ORGANIZATIONS = [
    {
        "slug": "mee",
        "name": {
            "zh-hans": "生态环境部",
            "en": "Ministry of Ecology and Environment of the People's Republic of China",
        },
        "short_name": {"zh-hans": "生态环境部", "en": "MEE"},
        "kind": "government",
        "country": "CN",
        "website": "https://www.mee.gov.cn",
        "aliases": ["中华人民共和国生态环境部"],
    },
    {
        "slug": "feco",
        "name": {
            "zh-hans": "生态环境部对外合作与交流中心",
            "en": "Foreign Environmental Cooperation Center, Ministry of Ecology and Environment",
        },
        "short_name": {"zh-hans": "对外合作与交流中心", "en": "FECO"},
        "kind": "government",
        "country": "CN",
        "parent": "mee",
        "website": "http://www.fecomee.org.cn",
        "aliases": ["生态环境部对外合作与交流中心"],
    },
    {
        "slug": "lmec",
        "name": {
            "zh-hans": "澜沧江-湄公河环境合作中心",
            "en": "Lancang-Mekong Environmental Cooperation Center",
        },
        "short_name": {"zh-hans": "澜湄环境合作中心", "en": "LMEC"},
        "description": {
            "zh-hans": "澜沧江-湄公河环境合作中心于2017年11月在北京正式成立，"
            "旨在推动澜湄国家生态环境保护合作。",
            "en": "The Lancang-Mekong Environmental Cooperation Center was officially launched "
            "in Beijing in November 2017 to promote cooperation among the Lancang-Mekong "
            "countries on ecological and environmental protection.",
        },
        "kind": "government",
        "country": "CN",
        "parent": "feco",
        "website": "http://www.lmec.org.cn",
        "aliases": ["澜沧江—湄公河环境合作中心", "澜沧江－湄公河环境合作中心"],
    },
    {
        "slug": "lmc-china-secretariat",
        "name": {
            "zh-hans": "澜沧江-湄公河合作中国秘书处",
            "en": "Lancang-Mekong Cooperation China Secretariat",
        },
        "short_name": {"zh-hans": "澜湄合作中国秘书处", "en": ""},
        "kind": "government",
        "country": "CN",
        "aliases": ["澜湄合作中国秘书处"],
    },
    {
        "slug": "yunnan-dee",
        "name": {
            "zh-hans": "云南省生态环境厅",
            "en": "Department of Ecology and Environment of Yunnan Province",
        },
        "kind": "government",
        "country": "CN",
        "aliases": [],
    },
    {
        "slug": "wwf",
        "name": {"zh-hans": "世界自然基金会", "en": "World Wide Fund for Nature"},
        "short_name": {"zh-hans": "WWF", "en": "WWF"},
        "kind": "ngo",
        "country": "CH",  # WWF International, Gland
        "website": "https://wwf.panda.org",
        "aliases": ["World Wildlife Fund"],
    },
    {
        "slug": "oxfam",
        "name": {"zh-hans": "乐施会", "en": "Oxfam"},
        "kind": "ngo",
        "country": "KE",  # Oxfam International's secretariat, Nairobi
        "website": "https://www.oxfam.org",
        "aliases": [],
    },
    {
        "slug": "sei",
        "name": {
            "zh-hans": "瑞典斯德哥尔摩国际环境研究院",
            "en": "Stockholm Environment Institute",
        },
        "short_name": {"zh-hans": "SEI", "en": "SEI"},
        "kind": "research",
        "country": "SE",
        "website": "https://www.sei.org",
        "aliases": ["斯德哥尔摩国际环境研究院", "斯德哥尔摩环境研究所"],
    },
    {
        "slug": "asia-foundation",
        "name": {"zh-hans": "亚洲基金会", "en": "The Asia Foundation"},
        "kind": "ngo",
        "country": "US",
        "website": "https://asiafoundation.org",
        "aliases": ["Asia Foundation"],
    },
    {
        "slug": "unicef",
        "name": {"zh-hans": "联合国儿童基金会", "en": "United Nations Children's Fund"},
        "short_name": {"zh-hans": "儿基会", "en": "UNICEF"},
        "kind": "international",
        "country": "US",  # headquarters, New York
        "website": "https://www.unicef.org",
        "aliases": [],
    },
    {
        "slug": "wcs",
        "name": {"zh-hans": "野生生物保护学会", "en": "Wildlife Conservation Society"},
        "short_name": {"zh-hans": "WCS", "en": "WCS"},
        "kind": "ngo",
        "country": "US",
        "website": "https://www.wcs.org",
        "aliases": [],
    },
    {
        "slug": "conservation-international",
        "name": {"zh-hans": "保护国际基金会", "en": "Conservation International"},
        "short_name": {"zh-hans": "", "en": "CI"},
        "kind": "ngo",
        "country": "US",
        "website": "https://www.conservation.org",
        # Issue 2020-2 prints the shorter form.
        "aliases": ["保护国际基金", "保护国际"],
    },
    {
        "slug": "ellen-macarthur-foundation",
        "name": {"zh-hans": "艾伦·麦克阿瑟基金会", "en": "Ellen MacArthur Foundation"},
        "kind": "ngo",
        "country": "GB",
        "website": "https://www.ellenmacarthurfoundation.org",
        "aliases": ["艾伦•麦克阿瑟基金会", "艾伦麦克阿瑟基金会"],
    },
    {
        "slug": "thailand-ministry-of-industry",
        "name": {"zh-hans": "泰国工业部", "en": "Ministry of Industry of Thailand"},
        "kind": "government",
        "country": "TH",
        "website": "https://www.industry.go.th",
        "aliases": [],
    },
    {
        "slug": "thailand-diw",
        "name": {
            "zh-hans": "泰国工业部工业工程司",
            "en": "Department of Industrial Works, Ministry of Industry of Thailand",
        },
        "short_name": {"zh-hans": "", "en": "DIW"},
        "kind": "government",
        "country": "TH",
        "parent": "thailand-ministry-of-industry",
        "website": "https://www.diw.go.th",
        "aliases": ["Department of Industrial Works"],
    },
    {
        "slug": "tongji-caup",
        "name": {
            "zh-hans": "同济大学建筑与城市规划学院",
            "en": "Tongji University College of Architecture and Urban Planning",
        },
        "short_name": {"zh-hans": "", "en": "CAUP"},
        "kind": "research",
        "country": "CN",
        "website": "https://caup.tongji.edu.cn",
        "aliases": [],
    },
    {
        "slug": "mangrove-conservation-foundation",
        "name": {"zh-hans": "红树林基金会", "en": "Mangrove Conservation Foundation"},
        "short_name": {"zh-hans": "", "en": "MCF"},
        "kind": "ngo",
        "country": "CN",
        "aliases": [],
    },
]

PEOPLE = [
    {
        "slug": "kittiphan-taparugssanagorn",
        "name": {"zh-hans": "Kittiphan Taparugssanagorn", "en": "Kittiphan Taparugssanagorn"},
        "organization": "thailand-diw",
    },
    {
        "slug": "kerstin-brauneder",
        "name": {"zh-hans": "Kerstin Brauneder", "en": "Kerstin Brauneder"},
        "organization": "wcs",
    },
    {
        "slug": "qian-zhaohui",
        "name": {"zh-hans": "钱钊晖", "en": "Qian Zhaohui"},
        "organization": "lmec",
    },
    {
        "slug": "pan-haixiao",
        "name": {"zh-hans": "潘海啸", "en": "Pan Haixiao"},
        "organization": "tongji-caup",
    },
    {
        "slug": "xu-wansu",
        "name": {"zh-hans": "徐万苏", "en": "Xu Wansu"},
        "organization": "mangrove-conservation-foundation",
    },
    {
        "slug": "shi-yichuan",
        "name": {"zh-hans": "史一川", "en": "Shi Yichuan"},
        "organization": "conservation-international",
    },
    {
        "slug": "huang-zhen",
        "name": {"zh-hans": "黄真", "en": "Huang Zhen"},
        "organization": "asia-foundation",
    },
]
