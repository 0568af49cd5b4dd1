"""Realistic Chinese news prose for the bench corpus: titles, headings and bodies by genre."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from pathlib import Path

from kfq.text import zishu

# Sentences of the real articles are the best source of the paper's vocabulary; they are
# mixed with templates whose slots (companies, people, figures) keep the index's vocabulary
# growing with the corpus as a real archive's does.
SENTENCE_RE = re.compile(r"[^。！？\n]+[。！？]")

SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
    "苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史"
    "顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建文辉力国红玉兰峰波宇鹏飞志新海"
    "燕晨博雪琳慧俊亮晓东云龙春梅浩然子轩佳怡思远振宏永健晋"
)
PREFIXES = "晋华泰鑫恒瑞宏远盛通达安凯源丰润嘉诚卓越汇智中联新宇金晟旭日兴隆博创"
INDUSTRIES = [
    "新材料",
    "光伏科技",
    "智能装备",
    "生物医药",
    "煤化工",
    "精密铸造",
    "新能源汽车",
    "数字科技",
    "储能技术",
    "氢能源",
    "现代物流",
    "食品加工",
    "碳纤维",
    "半导体",
    "特钢",
    "环保科技",
    "电子信息",
    "农业科技",
]
SUFFIXES = ["有限公司", "股份有限公司", "集团有限公司", "科技有限公司"]
PROJECTS = [
    "年产{n}万吨{ind}项目",
    "{ind}产业园项目",
    "{n}GW{ind}生产基地项目",
    "{ind}研发中心项目",
    "标准化厂房（{n}期）项目",
    "{ind}产业链延链补链项目",
]
VERBS = ["签约", "开工", "投产", "竣工", "落地", "达产"]
ACTIONS = [
    "聚焦{topic}，全力推进{project}建设",
    "以{topic}为抓手推动高质量发展",
    "{project}跑出加速度",
    "{n}个重点项目集中{verb}",
    "{company}扎根园区谋发展",
    "打造{ind}产业集群",
    "优化营商环境 激发市场活力",
    "{topic}见实效",
    "“{small}个一”工作机制助推{topic}",
]
TEMPLATES = [
    "{date}，{zone}{n}个重点项目集中{verb}，总投资{money}亿元，涵盖{ind}、{ind2}等领域。",
    "据了解，{project}由{company}投资建设，总投资{money}亿元，建成后可实现年产值{money2}亿元。",
    "{person}表示，{zone}将坚持“项目为王”，以{topic}为抓手，全力以赴抓好项目建设。",
    "今年以来，{zone}紧盯目标任务，规上工业增加值同比增长{pct}%，固定资产投资同比增长{pct2}%。",
    "在{company}的生产车间里，工人们正忙着调试新上线的{ind}设备，一派繁忙景象。",
    "{zone}管委会相关负责人介绍，园区已入驻企业{n2}家，其中{ind}企业{n}家，形成了较为完整的产业链条。",
    "为破解企业用地难题，{zone}推行“标准地+承诺制”改革，项目从拿地到开工平均用时缩短至{n}天。",
    "{person}指出，要围绕{ind}产业链，强化链主企业带动，推动上下游企业集聚发展。",
    "截至{month}月底，{zone}累计完成营业收入{money}亿元，同比增长{pct}%。",
    "“{quote}”{company}负责人{person}说。",
    "下一步，{zone}将持续深化“三个一批”活动，加快推进{project}等重点项目建设。",
    "{zone}组建{n}个工作专班，实行“一企一策”“一项目一专班”，全程代办帮办审批手续。",
    "会议强调，要深入贯彻落实省委、省政府决策部署，以{topic}为重点，推动开发区高质量发展。",
    "{company}与{company2}签订战略合作协议，双方将在{ind}领域开展深度合作。",
]
QUOTES = [
    "园区的服务让我们很放心，项目从签约到投产只用了不到一年",
    "我们看中的是这里完善的产业配套和高效的政务服务",
    "开发区帮我们解决了用电、用水等一系列难题",
    "下一步我们计划追加投资，扩大生产规模",
]
HEADINGS = [
    "强化要素保障，项目建设提速增效",
    "聚焦主导产业，招商引资成果丰硕",
    "深化改革创新，营商环境持续优化",
    "坚持创新驱动，科技赋能转型发展",
    "夯实基础设施，承载能力显著提升",
    "突出绿色低碳，循环发展路径清晰",
    "引育人才智力，发展后劲不断增强",
]
COMMENT_OPENERS = [
    "开发区是改革开放的试验田，也是经济发展的主阵地。",
    "项目是经济发展的“压舱石”，抓项目就是抓发展、谋项目就是谋未来。",
    "营商环境没有最好，只有更好。",
]


def real_sentences(articles_dir: Path) -> list[str]:
    """Sentences of the project's own articles (front-matter and headings left out)."""
    sentences: list[str] = []
    for path in sorted(articles_dir.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        body = text.split("\n---", 2)[-1] if text.startswith("---") else text
        for line in body.splitlines():
            if line.startswith("#"):
                continue
            sentences += [s.strip() for s in SENTENCE_RE.findall(line) if 12 <= len(s.strip()) <= 160]
    return sentences


class Prose:
    """A seeded writer of titles and bodies that name the given zones and topics."""

    def __init__(self, rng: random.Random, bank: Sequence[str], zone_names: Sequence[str]):
        self.rng = rng
        self.bank = list(bank)
        self.zone_names = list(zone_names)

    def person(self) -> str:
        r = self.rng
        return r.choice(SURNAMES) + "".join(r.choice(GIVEN) for _ in range(r.choice((1, 2, 2))))

    def company(self) -> str:
        r = self.rng
        ind, suffix = r.choice(INDUSTRIES), r.choice(SUFFIXES)
        if ind.endswith("科技") and suffix.startswith("科技"):
            suffix = "有限公司"
        return "山西" + r.choice(PREFIXES) + r.choice(PREFIXES) + ind + suffix

    def _slots(self, zone: str, topic: str) -> dict[str, object]:
        r = self.rng
        ind, ind2 = r.sample(INDUSTRIES, 2)
        return {
            "zone": zone,
            "topic": topic,
            "ind": ind,
            "ind2": ind2,
            "company": self.company(),
            "company2": self.company(),
            "person": self.person(),
            "project": r.choice(PROJECTS).format(n=r.randint(2, 60), ind=ind),
            "verb": r.choice(VERBS),
            "n": r.randint(2, 60),
            "n2": r.randint(30, 400),
            "small": "一二三四五六"[r.randrange(6)],
            "money": round(r.uniform(0.5, 120), 2),
            "money2": round(r.uniform(1, 300), 1),
            "pct": round(r.uniform(1, 45), 1),
            "pct2": round(r.uniform(1, 45), 1),
            "month": r.randint(1, 12),
            "date": f"{r.randint(1, 12)}月{r.randint(1, 28)}日",
            "quote": r.choice(QUOTES),
        }

    def sentence(self, zone: str, topic: str) -> str:
        # About half real sentences (their zone names swapped for this article's), half templates.
        if self.bank and self.rng.random() < 0.5:
            s = self.rng.choice(self.bank)
            for other in self.zone_names:
                if other in s:
                    s = s.replace(other, zone)
            return s
        return self.rng.choice(TEMPLATES).format(**self._slots(zone, topic))

    def title(self, zone: str, topic: str) -> str:
        return self.rng.choice(ACTIONS).format(**self._slots(zone, topic))

    def body(self, genre: str, target: int, zone: str, topic: str, dateline: bool = True) -> str:
        """Paragraphs of 2–5 sentences up to about target 字 (±15 %); 通讯 gets ## headings."""
        r = self.rng
        goal = int(target * r.uniform(0.85, 1.15))
        paragraphs: list[str] = []
        if genre == "评论":
            paragraphs.append(r.choice(COMMENT_OPENERS) + self.sentence(zone, topic))
        size = 0
        headings = r.sample(HEADINGS, 3) if genre == "通讯" else []
        while size < goal:
            if headings and paragraphs and len(paragraphs) % 3 == 1:
                paragraphs.append("## " + headings.pop())
            para = "".join(self.sentence(zone, topic) for _ in range(r.randint(2, 5)))
            paragraphs.append(para)
            size += zishu(para)
        if dateline and genre == "消息":
            paragraphs[0] = "本刊讯 " + paragraphs[0]
        return "\n\n".join(paragraphs)
