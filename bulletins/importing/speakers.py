"""Who speaks in a viewpoint: the organization, and an anonymous or a named speaker.

A viewpoint paragraph opens with its speaker, then a verb:

- "乐施会代表表示…": Oxfam, an unnamed representative;
- "野生生物保护学会技术顾问Kerstin Brauneder介绍了…": WCS, Kerstin Brauneder, whose title
  at that moment was 技术顾问;
- "亚洲基金会项目经理黄真女士在论坛总结中表示…": The Asia Foundation, 黄真, 项目经理.

The organization is the longest name the registry knows at the start of the paragraph.
When it knows none, the words before "代表", or the longest start that ends like an
organization's name (…基金会, …学院, …司), are proposed as a new organization. Either
way the rest must read as a title, a name and a verb, or the paragraph is not understood.
"""

import re
from dataclasses import dataclass

TITLE_WORD = (
    r"(?:代表|主任|总监|经理|顾问|教授|博士|院士|专家|负责人|发言人|创始人|总裁|董事|主席|大使|参赞|"
    r"主管|主编|学者|记者|秘书|助理|干事|长|员|师|家)"
)
TITLE = rf"(?P<title>[^，,。；;：:、！？!?“”\"（）()\s]{{0,30}}?{TITLE_WORD})"
# Latin letters with the accents of Vietnamese and other Latin-script names.
LETTER = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
LATIN_NAME = (
    rf"[A-Z\u00c0-\u00de\u0100-\u024f\u1e00-\u1eff][{LETTER}'’.\-]*(?:[ \u00a0·•][{LETTER}'’.\-]+)*"
)
CJK_NAME = r"[\u4e00-\u9fff]{2,4}?(?:[·•][\u4e00-\u9fff]{1,6})?"
HONORIFIC = r"(?P<honorific>女士|先生)?"
# What follows the speaker. Single characters such as 在 and 就 are only looked for
# right after a title or a name, where they cannot be part of one.
VERB = (
    r"(?=表示|介绍|指出|强调|认为|围绕|主要|在|分享|提出|谈|说|称|呼吁|建议|总结|发言|回顾|阐述|"
    r"分析|展示|结合|就|对|从|以|通过|针对|首先|重点|还|也|则|作|做|向|[，,：:])"
)
# An unnamed speaker is followed by a real verb, not a mere 在 or 对 that could start
# the rest of an organization's name.
SAID = (
    r"(?=表示|介绍|指出|强调|认为|围绕|主要|分享|提出|谈|呼吁|建议|总结|发言|回顾|阐述|分析|展示|"
    r"在[^，,。]{0,15}?(?:表示|指出|强调|介绍|发言|总结)|[，,：:])"
)
ANONYMOUS = re.compile(rf"^\s*{TITLE}?\s*{SAID}")
NAMED = re.compile(rf"^\s*{TITLE}?\s*(?P<name>{LATIN_NAME}|{CJK_NAME}){HONORIFIC}\s*{VERB}")
# The speaker comes before the first of these, and before any punctuation.
HEAD_END = re.compile(
    r"表示|介绍|指出|强调|认为|围绕|分享|提出|谈到|呼吁|建议|总结|阐述|分析|主要关注|[，,。：:；;]"
)
ORGANIZATION_END = re.compile(
    r"(?:基金会|学会|协会|研究会|委员会|理事会|联合会|商会|会|中心|研究院|科学院|学院|大学|研究所|所|院|"
    r"部|司|局|厅|署|办公室|办|秘书处|组织|银行|公司|集团|联盟|网络|基金|政府|使馆|"
    r"Foundation|Institute|Fund|Society|Cent(?:er|re)|University|Ministry|Department|Agency|"
    r"Bank|Programme|Program|Organi[sz]ation|Network|Alliance)$"
)


# A known name followed by one of these is the start of a longer name: "保护国际基金" in
# "保护国际基金会项目经理…". Not when a title follows: "生态环境部部长…".
NAME_GOES_ON = re.compile(r"^(?:基金会|学会|协会|中心|学院|会|院|所|部|司|局|厅|署|办)(?![长士])")


# The last character of a guessed name that is the first of a title: 司长, 院长, 院士.
TITLE_GOES_ON = re.compile(r"^[会院所部司局厅署处][长士]$")


@dataclass
class Speaker:
    organization: str  # as printed
    registry_end: bool  # the organization is a name the registry (or this import) knows
    person: str = ""  # empty for an unnamed speaker
    title: str = ""  # the named speaker's title at the time
    label: str = ""  # the unnamed speaker, as printed: "乐施会代表"


def parse_speaker(paragraph: str, known_prefixes: list[int]) -> Speaker | None:
    """The speaker of a viewpoint paragraph, or None if it does not open with one.

    ``known_prefixes`` are the lengths of the starts of ``paragraph`` that the registry
    knows as organization names, longest first.
    """
    head_end = HEAD_END.search(paragraph)
    head = paragraph[: head_end.start()] if head_end else paragraph[:60]
    candidates = [(end, True) for end in known_prefixes]
    representative = head.find("代表")
    if representative >= 2:
        candidates.append((representative, False))
    candidates += [
        (end, False) for end in range(len(head), 1, -1) if ORGANIZATION_END.search(head[:end])
    ]
    for end, known in candidates:
        organization = paragraph[:end].strip()
        rest = paragraph[end:]
        if known and NAME_GOES_ON.match(rest):
            continue
        if not known and TITLE_GOES_ON.match(organization[-1] + rest[:1]):
            continue  # "环境部司" + "长": the speaker is the ministry's 司长
        match = ANONYMOUS.match(rest)
        if match:
            label = (organization + rest[: match.end()]).strip()
            return Speaker(organization=organization, registry_end=known, label=label)
        match = NAMED.match(rest)
        if match:
            return Speaker(
                organization=organization,
                registry_end=known,
                person=match.group("name").strip(),
                title=(match.group("title") or "").strip(),
            )
    return None
