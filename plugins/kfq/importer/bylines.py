"""Bylines: find them before the text, after it, in parentheses or glued to the last sentence.

Authors go to the article's front-matter and leave its body; the dateline (本刊讯 …) stays at
the start of the first paragraph. A byline is recognised by its form — role words (本刊记者,
通讯员 …), a Chinese personal name (a surname and one or two characters), an organisation
(清徐融媒) — or because the contributors register knows the name.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from kfq.importer.model import Article, Paragraph

ROLE_RE = re.compile(
    r"^(?:本刊记者|本报记者|特约记者|见习记者|首席记者|记者|特约通讯员|通讯员|实习生|撰稿|撰文|作者"
    r"|文/图|图/文|文／图|图／文|文|图|摄影|摄)[:：/／]?$"
)
ROLE_PREFIX_RE = re.compile(
    r"^(本刊记者|本报记者|特约记者|见习记者|首席记者|记者|特约通讯员|通讯员|实习生|文/图|图/文|文|图)"
    r"(?=[\u4e00-\u9fff]{2,4}$)"
)
# Common surnames (the Hundred Family Surnames as newspapers meet them); compound ones first.
COMPOUND_SURNAMES = (
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "令狐",
    "长孙",
    "宇文",
    "司徒",
    "夏侯",
    "轩辕",
    "端木",
    "独孤",
    "南宫",
    "西门",
    "呼延",
)
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武"
    "戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮"
    "柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古"
    "吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫"
    "寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻"
    "位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阎"
    "郗雒"
)
ORG_SUFFIX_RE = re.compile(
    r"(?:融媒|融媒体|融媒体中心|新闻中心|宣传部|宣传科|管委会|办公室|报社|电视台|广播电视台|委员会|研究院|"
    r"服务中心|工作站|党工委|新闻办)$"
)
_TRAILING_PARENS = re.compile(r"^(?P<prose>.*?[。！？…!?][”’」』]?)\s*(?P<byline>[（(][^（）()]{2,30}[）)])$")
_TRAILING_SPACED = re.compile(r"^(?P<prose>.*?[。！？…!?][”’」』]?)\s+(?P<byline>[^\s。！？，].{1,30})$")
_TRAILING_BARE = re.compile(r"^(?P<prose>.*?[。！？…!?][”’」』]?)(?P<byline>[\u4e00-\u9fff]{2,4})$")
_DATELINE_PARENS = re.compile(r"^(?P<dateline>\S{2,8}讯)\s*(?P<byline>[（(][^（）()]{2,30}[）)])\s*")
_SEPARATORS = re.compile(r"[\s、，,/／]+")


def is_person(name: str) -> bool:
    """A Chinese personal name by its form: a surname and one or two characters."""
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,4}", name):
        return False
    if name[:2] in COMPOUND_SURNAMES:
        return 3 <= len(name) <= 4
    return name[0] in SURNAMES and len(name) <= 3


def is_organisation(name: str) -> bool:
    """An organisation that signs articles (清徐融媒, XX县委宣传部)."""
    return bool(re.fullmatch(r"[\u4e00-\u9fff]{2,14}", name)) and bool(ORG_SUFFIX_RE.search(name))


def parse_line(text: str, known: Collection[str] = ()) -> list[str] | None:
    """The names a byline line signs with, or None when the line is not a byline.

    本刊记者 李恒松 → [李恒松]; 记者 王伟 通讯员 汪伟 → [王伟, 汪伟]; （魏亚东） → [魏亚东];
    清徐融媒 → [清徐融媒]; 高起点布局 → None."""
    text = text.strip()
    inner = re.fullmatch(r"[（(](.+)[）)]", text)
    if inner:
        text = inner.group(1).strip()
    names: list[str] = []
    roles = 0
    for token in _SEPARATORS.split(text):
        if not token:
            continue
        if ROLE_RE.match(token):
            roles += 1
            continue
        prefixed = ROLE_PREFIX_RE.match(token)
        if prefixed:
            roles += 1
            token = token[prefixed.end() :]
        token = re.sub(r"[:：]$", "", token)
        if token in known or is_person(token) or is_organisation(token):
            names.append(token)
        else:
            return None
    # Two bare names are a byline only with a role word or a known name: 高平 长治 is not.
    if not names or (len(names) > 2 and not roles):
        return None
    return names


def split_trailing(text: str, known: Collection[str] = ()) -> tuple[str, str, list[str]] | None:
    """(prose, byline as printed, names) when a byline is glued to the paragraph's end."""
    text = text.rstrip()
    for pattern, needs_known in (
        (_TRAILING_PARENS, False),
        (_TRAILING_SPACED, False),
        (_TRAILING_BARE, True),
    ):
        m = pattern.match(text)
        if not m:
            continue
        names = parse_line(m.group("byline"), known)
        if names and (not needs_known or all(n in known for n in names)):
            return m.group("prose"), m.group("byline").strip(), names
    return None


def split_dateline(text: str, known: Collection[str] = ()) -> tuple[str, str, list[str]] | None:
    """本刊讯（记者 张三）近日… → (本刊讯 近日…, （记者 张三）, [张三])."""
    m = _DATELINE_PARENS.match(text)
    if not m:
        return None
    names = parse_line(m.group("byline"), known)
    if not names:
        return None
    return f"{m.group('dateline')} {text[m.end() :]}", m.group("byline"), names


def attach(article: Article, known: Collection[str] = ()) -> Article:
    """Move every byline of the article into authors (in printed order) and out of its body."""
    printed: list[tuple[str, list[str]]] = []
    if article.headline:
        for line in article.headline.bylines:
            printed.append((line, parse_line(line, known) or []))
    paragraphs = list(article.paragraphs)
    for text in article.loose_bylines:
        printed.append((text, parse_line(text, known) or []))
    if paragraphs and not paragraphs[0].heading:
        split = split_dateline(paragraphs[0].text, known)
        if split:
            paragraphs[0] = Paragraph(split[0])
            printed.insert(0, (split[1], split[2]))
    if paragraphs and not paragraphs[-1].heading:
        split = split_trailing(paragraphs[-1].text, known)
        if split:
            paragraphs[-1] = Paragraph(split[0])
            printed.append((split[1], split[2]))
    article.paragraphs = paragraphs
    article.bylines = [line for line, _ in printed]
    authors: list[str] = []
    for _, names in printed:
        authors.extend(n for n in names if n not in authors)
    article.authors = authors
    for name in authors:
        if known and name not in known:
            article.flag(
                "byline",
                name,
                f"'{name}' is not in contributors.yaml: check the name, then add them (name, role, zone)",
            )
    if not authors:
        article.flag("byline", "", "no byline found: add the authors, or leave authors: [] if unsigned")
    return article
