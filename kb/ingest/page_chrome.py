"""What the lines of a page's chrome are made of: outlet names, personal
names in sign-offs, date stamps, `角色:名字` fields, chrome words, SEO spam
and breadcrumbs.  The junk step cuts a line into these pieces and removes
it when nothing else is left; the metadata step reads the same pieces for
the outlet, the date and the title.  Each reader works on the normalised
copy of a line (Simplified, full-width folded, same length).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kb.chinese import to_simplified

# --- normalised copy -------------------------------------------------------

FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
FOLD.update({0x3000: 0x20, 0xA0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20})


@lru_cache(maxsize=4096)
def normalise(line: str) -> str:
    """Simplified, full-width ASCII folded, same length as `line`.

    Cached: junk, captions and metadata each read the same lines, and the
    OpenCC conversion is the costly part of all three."""
    simplified = to_simplified(line)
    if len(simplified) != len(line):
        # A phrase conversion changed the length: convert character by
        # character so that offsets still agree.
        simplified = "".join(to_simplified(c) if len(to_simplified(c)) == 1 else c for c in line)
    return simplified.translate(FOLD)


# --- outlets ---------------------------------------------------------------

# Canonical Simplified name -> other spellings (Simplified; Traditional input
# is converted before lookup).
OUTLETS: dict[str, tuple[str, ...]] = {
    "新华网": ("新华网", "新华网客户端", "xinhuanet", "新华网站"),
    "新华社": ("新华社", "新华通讯社", "新华社客户端"),
    "中新网": ("中新网", "中国新闻网", "中新网客户端", "chinanews"),
    "中新社": ("中新社", "中国新闻社"),
    "人民网": ("人民网", "人民网客户端"),
    "人民日报": ("人民日报", "人民日报客户端", "人民日报海外版"),
    "澎湃新闻": ("澎湃新闻", "澎湃", "澎湃新闻网", "澎湃新闻客户端", "thepaper"),
    "东方网": ("东方网", "东方新闻", "eastday"),
    "光明网": ("光明网",),
    "光明日报": ("光明日报",),
    "央视网": ("央视网", "cctv"),
    "央视新闻": ("央视新闻", "央视新闻客户端"),
    "央广网": ("央广网", "中国之声"),
    "中国网": ("中国网",),
    "中国日报网": ("中国日报网", "中国日报"),
    "中国经济网": ("中国经济网",),
    "经济日报": ("经济日报",),
    "环球网": ("环球网", "环球时报"),
    "新浪网": ("新浪网", "新浪", "新浪新闻", "新浪财经"),
    "网易": ("网易", "网易新闻", "网易号"),
    "搜狐网": ("搜狐网", "搜狐", "搜狐新闻", "搜狐号"),
    "腾讯网": ("腾讯网", "腾讯新闻"),
    "凤凰网": ("凤凰网", "凤凰新闻"),
    "界面新闻": ("界面新闻", "界面"),
    "第一财经": ("第一财经",),
    "每日经济新闻": ("每日经济新闻", "每经网"),
    "21世纪经济报道": ("21世纪经济报道",),
    "新京报": ("新京报",),
    "北京日报": ("北京日报",),
    "解放日报": ("解放日报",),
    "上观新闻": ("上观新闻", "上观"),
    "文汇报": ("文汇报",),
    "新民晚报": ("新民晚报", "新民网"),
    "浙江日报": ("浙江日报",),
    "浙江在线": ("浙江在线",),
    "潮新闻": ("潮新闻",),
    "钱江晚报": ("钱江晚报",),
    "新华日报": ("新华日报", "交汇点"),
    "扬子晚报": ("扬子晚报",),
    "中国江苏网": ("中国江苏网",),
    "中国常州网": ("中国常州网",),
    "常州日报": ("常州日报",),
    "安徽日报": ("安徽日报",),
    "南方日报": ("南方日报",),
    "南方网": ("南方网",),
    "吉林日报": ("吉林日报",),
    "中国吉林网": ("中国吉林网",),
    "大众日报": ("大众日报", "大众网"),
    "红网": ("红网",),
    "荆楚网": ("荆楚网",),
    "华龙网": ("华龙网",),
    "东北网": ("东北网",),
    "觅渡新语": ("觅渡新语",),
    "一点团建": ("一点团建",),
}
_ALIASES = {alias.lower(): canon for canon, aliases in OUTLETS.items() for alias in (canon, *aliases)}

# A name that ends like a news site or paper, for outlets not in the lexicon.
OUTLET_SHAPE = re.compile(
    r"^[\u4e00-\u9fffA-Za-z0-9]{1,14}"
    r"(?:网|报|社|台|新闻|在线|客户端|频道|融媒|发布|日报|晚报|时报|杂志|周刊|资讯)$"
)
# Words that are outlets in form but say nothing about which outlet.
NOT_OUTLETS = {
    "本报", "本网", "本站", "本台", "本社", "网络", "原创", "转载", "互联网", "网站", "官网", "发布", "发表",
    "更新", "下载客户端", "打开客户端",
}


def canonical_outlet(name: str) -> str | None:
    """The lexicon's name for `name` (any script, `人民网-人民日报` → 人民网)."""
    key = normalise(name).strip().lower()
    if not key:
        return None
    if key in _ALIASES:
        return _ALIASES[key]
    first = re.split(r"[-_|—·\s]+", key, maxsplit=1)[0]
    return _ALIASES.get(first)


def looks_like_outlet(name: str) -> bool:
    key = normalise(name).strip()
    if canonical_outlet(key):
        return True
    return bool(OUTLET_SHAPE.match(key)) and key not in NOT_OUTLETS and not is_section_label(key)


def is_section_label(name: str) -> bool:
    """A page's section name (时政, 新闻中心) or a column label of generic
    words (推荐新闻): chrome, never an outlet or a title."""
    return name in SECTIONS or bool(_SECTION_LABEL.fullmatch(name))


# A column label is made of generic words only (推荐新闻, 图片新闻, 新闻资讯,
# 今日要闻): it names a page's section, not who published it.
_SECTION_LABEL = re.compile(
    r"(?:推荐|热点|热门|最新|图片|图文|头条|相关|本地|国内|国际|综合|视频|滚动|今日|精彩|更多|重要|"
    r"新闻|资讯|要闻|动态|快讯|专题|发布)+")


# Section names that sit between a title and a site name: 标题--时政--人民网.
SECTIONS = {
    "时政", "国内", "国际", "财经", "社会", "地方", "正文", "新闻", "新闻中心", "要闻", "滚动",
    "资讯", "经济", "科技", "文化", "教育", "产经", "区域", "城市", "观点", "评论", "首页",
}
_SUFFIX = re.compile(r"\s*(?:[-_|–—]+|\s\|\s|丨)\s*(?P<site>[^-_|–—丨]{1,20}?)\s*$")


def strip_site_suffix(title: str) -> tuple[str, str]:
    """`TITLE-新华网` -> (`TITLE`, `新华网`); a title without a site suffix is
    returned as it is with an empty site.  Section names between the title
    and the site go too (`标题--时政--人民网`)."""
    norm = normalise(title)
    end, site = len(norm.rstrip()), ""
    while True:
        match = _SUFFIX.search(norm[:end])
        if not match or match.start() < 4:
            break
        part = match.group("site").strip()
        if site and part in SECTIONS or is_spam_phrase(part):
            end = match.start()  # a section name, or spam glued to the title
        elif not site and looks_like_outlet(part):
            site = canonical_outlet(part) or part
            end = match.start()
        else:
            break
    return title[:end].rstrip(), site


# --- personal names --------------------------------------------------------

# Common Chinese surnames (Simplified).  A byline without a colon (记者王刚)
# or a bare photo credit (。王刚 摄) is only believed when its name starts
# with one, so that 记者手记 or 大会现场 are not read as names.
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫"
    "孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅"
    "童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车"
    "项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛"
    "仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜"
    "海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜"
    "羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信"
    "展阴昝智幸奉植衡富尧闭由"
)
COMPOUND_SURNAMES = {
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文", "司徒",
    "夏侯", "轩辕", "端木", "独孤", "南宫", "西门", "百里", "呼延", "澹台", "万俟", "闻人", "拓跋", "申屠",
    "太史", "钟离", "第五",
}
_TRANSCRIBED_NAME = re.compile(r"^[\u4e00-\u9fff]{1,8}[·•][\u4e00-\u9fff]{1,10}$")


def looks_like_name(token: str) -> bool:
    """A Chinese personal name: 2–4 characters after a known surname, or a
    transcribed name with a middle dot (买买提·艾力)."""
    token = normalise(token).strip()
    if _TRANSCRIBED_NAME.match(token):
        return not re.search(r"报|网|记者|社|台", token)  # 农民日报·中国农网记者: an outlet
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,4}", token):
        return False
    return token[0] in SURNAMES or token[:2] in COMPOUND_SURNAMES


# --- dates -----------------------------------------------------------------


@dataclass(frozen=True)
class DateMatch:
    year: int
    month: int | None
    day: int | None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None

    @property
    def has_time(self) -> bool:
        return self.hour is not None


_TIME = r"(?:\s*(?P<H>[01]?\d|2[0-3])\s*[:时]\s*(?P<M>[0-5]\d)(?:\s*[:分]\s*(?P<S>[0-5]\d)\s*秒?)?(?!\d))?"
# 2024-05-07, 2025 04/22, 2025/6/8, 2025.06.08, 2025年06月08日, each with an
# optional time.
_DATE = re.compile(
    r"(?<![\d.])(?P<y>(?:19|20)\d{2})\s*(?:年|[-/.]|\s)\s*(?P<m>1[0-2]|0?[1-9])\s*(?:月|[-/.])\s*"
    r"(?P<d>3[01]|[12]\d|0?[1-9])(?!\d)\s*日?" + _TIME
)
# Page stamps some sites and aggregators print: 16.10.2019 01:40 (day first,
# with a four-digit year last) and 23-07-11 08:07 (a two-digit year, only
# believed with the time that makes it a stamp).
_DAY_FIRST = re.compile(
    r"(?<![\d.])(?P<d>3[01]|[12]\d|0?[1-9])\.(?P<m>1[0-2]|0?[1-9])\.(?P<y>(?:19|20)\d{2})(?![\d.])" + _TIME
)
_SHORT_YEAR = re.compile(
    r"(?<![\d.\-/])(?P<y>[0-3]\d)-(?P<m>1[0-2]|0[1-9])-(?P<d>3[01]|[12]\d|0[1-9])(?![\d\-])"
    + _TIME.removesuffix("?")
)
# 2025年6月 (no day): month precision.
_YEAR_MONTH = re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>1[0-2]|0?[1-9])\s*月(?![\d份])")


def _date_of(g: dict, year: int) -> DateMatch:
    return DateMatch(
        year, int(g["m"]), int(g["d"]),
        int(g["H"]) if g["H"] else None,
        int(g["M"]) if g["M"] else None,
        int(g["S"]) if g["S"] else None,
    )


def find_dates(norm: str) -> list[tuple[int, int, DateMatch]]:
    """Written dates in a normalised line, as (start, end, date)."""
    found = []
    taken: list[tuple[int, int]] = []
    for pattern, century in ((_DATE, 0), (_DAY_FIRST, 0), (_SHORT_YEAR, 2000)):
        for match in pattern.finditer(norm):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            g = match.groupdict()
            if pattern is _DAY_FIRST and int(g["d"]) <= 12 and g["d"].lstrip("0") != g["m"].lstrip("0"):
                continue  # 05.10.2019: the fifth of October or the tenth of May
            found.append((match.start(), match.end(), _date_of(g, century + int(g["y"]))))
            taken.append(match.span())
    for match in _YEAR_MONTH.finditer(norm):
        if any(s <= match.start() < e for s, e in taken):
            continue
        found.append((match.start(), match.end(), DateMatch(int(match["y"]), int(match["m"]), None)))
    return sorted(found, key=lambda f: f[0])


# --- fields: 来源:X, 作者:X, 责任编辑:X, 一审:X … -----------------------------

# Labels of metadata (who published, when) and editorial roles.  Longest
# first so that 责任编辑 is not read as 编辑.
METADATA_LABELS = (
    "稿件来源", "文章来源", "信息来源", "来源", "稿源", "出处", "作者", "发布者", "发布人", "发布单位",
    "发布时间", "发布日期", "发表时间", "更新时间", "时间", "日期", "记者", "通讯员", "特约记者", "摄影记者",
    "实习生", "撰文", "文字", "文",
)
EDITORIAL_ROLES = (
    "责任编辑", "网络编辑", "值班编辑", "实习编辑", "图片编辑", "文字编辑", "视频编辑", "美术编辑",
    "新媒体编辑", "编辑", "责编", "编审", "主编", "美编", "排版",
    "编译", "一审", "二审", "三审", "初审", "复审", "终审", "审核", "审校", "审稿", "校对", "总监制",
    "监制", "制片人", "出品人", "出品", "策划", "统筹", "制作", "设计", "摄影", "摄像", "视频", "图片",
    "图", "翻译", "海报", "配音",
)
# Labels whose value must be a date (removed before fields are read).
_DATE_LABELS = {"发布时间", "发布日期", "发表时间", "更新时间", "时间", "日期"}
# An outlet before a label: 本报记者, 新华社记者, 澎湃新闻记者.
_AGENCIES = sorted(
    {a for aliases in OUTLETS.values() for a in aliases if re.fullmatch(r"[\u4e00-\u9fff]+", a)}
    | {c for c in OUTLETS if re.fullmatch(r"[\u4e00-\u9fff]+", c)},
    key=len,
    reverse=True,
)
_PREFIXES = rf"(?:本报|本网|本台|{'|'.join(_AGENCIES)})"
# Any outlet-shaped word, before 记者 / 通讯员 only.
_ANY_PREFIX = r"(?:[\u4e00-\u9fff]{1,8}?(?:日报|晚报|时报|新闻|网|社|台|报))"

_LABELS = sorted({*METADATA_LABELS, *EDITORIAL_ROLES}, key=len, reverse=True)
_LABEL_RE = "|".join(_LABELS)
# A value token: not a label that opens the next field (通讯员 李明).
# Reporter labels that need no colon before the name (记者王逸飞).
_REPORTERS = r"(?:特约记者|摄影记者|实习记者|见习记者|全媒体记者|融媒体记者|首席记者|记者|通讯员)"
_TOKEN = (
    rf"(?!(?:{_LABEL_RE}|{_PREFIXES}?{_REPORTERS})(?:[:|丨/\s]|$)|{_REPORTERS}(?=[\u4e00-\u9fff]{{2}}))"
    r"[^\s:|丨/【】\[\]()。!?;,、]{1,24}+(?![:|丨/])"
)
# A name may carry a note: 王逸飞(实习).
_VALUE = rf"(?:{_TOKEN}(?:\s*\([^()]{{1,8}}\))?(?:[\s、,;/]+{_TOKEN}(?:\s*\([^()]{{1,8}}\))?){{0,6}})?"
# 角色:名字 (any label, colon, bar or slash), 记者 王逸飞 / 记者王逸飞 (a
# reporter byline needs no colon) and 责任编辑 张三 (a space is enough).
_FIELD = re.compile(
    rf"[【\[(]?\s*(?:(?P<label>{_PREFIXES}?(?:{_LABEL_RE}))\s*[:|丨/]\s*"
    rf"|(?P<rlabel>(?:{_PREFIXES}|{_ANY_PREFIX})?{_REPORTERS})\s*(?=[\u4e00-\u9fff]{{2}})"
    rf"|(?P<slabel>责任编辑|编辑|摄影|作者)\s+)"
    rf"(?P<value>{_VALUE})\s*[】\])]?"
)


@dataclass(frozen=True)
class Field:
    label: str  # normalised (Simplified), agency prefix removed: 记者
    label_original: str  # as written: 記者, 本报记者
    value: str  # normalised (Simplified, folded); "" when empty

    @property
    def editorial(self) -> bool:
        return self.label in EDITORIAL_ROLES


def _base_label(label: str) -> str:
    return re.sub(rf"^(?:{_PREFIXES}|{_ANY_PREFIX})(?={_REPORTERS})|^{_PREFIXES}", "", label) or label


def split_names(value: str) -> list[str]:
    """The tokens of a field value, notes in brackets dropped: 王逸飞(实习)."""
    return [t for t in re.split(r"[\s、,;/]+", re.sub(r"\([^()]*\)", " ", value)) if t]


def find_fields(norm: str, original: str | None = None) -> list[tuple[int, int, Field]]:
    original = norm if original is None else original
    found = []
    for match in _FIELD.finditer(norm):
        group = next(g for g in ("label", "rlabel", "slabel") if match[g])
        label = _base_label(match[group])
        value = match["value"].strip()
        if label in _DATE_LABELS and value:
            continue  # 时间:5月6日 in an event notice is content, not metadata
        names = split_names(value)
        if group != "label" and not (names and all(map(looks_like_name, names))):
            continue  # 记者手记 is a heading, 记者 王逸飞 a byline
        s, e = match.span(group)
        found.append((match.start(), match.end(), Field(label, original[s:e], value)))
    return found


# --- chrome ----------------------------------------------------------------

_CHROME_WORDS = [
    r"字体\s*:?(?:\s*[大中小])*",
    r"字号\s*:?(?:[\s|]*(?:[大中小]|变大|变小|默认|T|A\+?|A-))*",
    r"(?:变大|变小)", r"[大中小]字号",
    r"纠错", r"打印本页", r"打印", r"关闭窗口", r"关闭", r"收藏本页", r"加入收藏", r"收藏\s*\d*",
    r"分享到\s*:?", r"分享\s*\d*", r"转发\s*\d*", r"微信", r"新浪微博", r"微博", r"QQ空间", r"QQ",
    r"朋友圈", r"复制链接", r"举报", r"更多",
    r"点赞\s*\d*", r"赞\s*\d+", r"在看\s*\d*", r"评论\s*\d*", r"留言",
    r"\d*\s*(?:阅读量|浏览量|浏览次数|阅读次数|阅读数|点击数|点击量|访问量|阅读|浏览|点击|人阅读)\s*:?\s*"
    r"\d[\d,]*(?:\.\d+)?\s*[万wW+]?\s*次?",
    r"(?:我要问|我要说两句|我来说两句|我要评论|发表评论|网友评论|查看评论|参与评论|参与互动)",
    r"(?:延伸阅读|相关阅读|相关新闻|相关文章|相关报道|相关链接|推荐阅读|热门推荐|热点推荐|猜你喜欢|往期回顾"
    r"|往期推荐|更多精彩|精彩推荐|点击阅读原文|阅读原文|(?:阅读|查看)更多(?:精彩)?(?:内容|资讯|新闻|文章)?|展开全文|返回顶部|回到顶部|返回首页"
    r"|返回列表)",
    r"(?:原创|转载|置顶|星标)",
    r"(?:星期|周)[一二三四五六日天]",
    r"[(\[【]\s*完\s*[)\]】]", r"-*\s*(?:END|End)\s*-*",
    r"(?:下载|打开)\S{0,12}?(?:APP|App|app|客户端)",
    r"扫一扫", r"(?:发布于|发表于|更新于)", r"(?:本报|本网|本台)讯",
    r"(?:全部评论|热门评论|最新评论|登录|注册|上一页|下一页|首页|尾页|\S{0,8}Logo|LOGO)",
    r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)(?:day)?",
    # newspaper page furniture: 第05版, 当前版:A03版, 展开通版
    r"(?:第\s*\d{1,3}\s*版|[A-Z]\d{1,2}\s*版|当前版\s*:?\s*[A-Z]?\d{1,3}\s*版|通版阅读请点击|展开通版|收缩通版"
    r"|本版新闻|图片报道|上一版|下一版|上一期|下一期|版面导航|标题导航)",
    # WeChat's page furniture
    r"(?:预览时标签不可点|继续滑动看下一个|向上滑动看下一个|轻触阅读原文|轻点两下取消赞|轻点两下取消在看"
    r"|知道了|小程序|视频|取消|允许|分享收藏|听全文)",
]
CHROME = re.compile(rf"[【\[(]?\s*(?:{'|'.join(_CHROME_WORDS)})\s*[】\])]?")
# Chrome that starts a line and takes the rest of it.
CHROME_REST = re.compile(
    r"^\s*(?:(?:版权声明|免责声明|特别声明|版权说明)\s*:|版权所有|©|Copyright|COPYRIGHT|copyright"
    r"|(?:微信)?(?:扫描|扫一扫|长按|识别)\S{0,20}二维码|(?:上一篇|下一篇)\s*:|分享到"
    r"|本文(?:由|系|来自|转自|转载自)\S{1,30}(?=.*(?:转载|出处|版权|原创|授权|侵权|删除))"
    r"|(?:微信)?扫一扫\S{0,20}(?:手机|分享|打开|关注|阅读|小程序)|本文链接\s*:|(?:标签|tags|Tags|TAG)\s*:"
    r"|(?:暂无评论|快来发表|网友评论仅供)|(?:关键词|关键字)\s*:)"
)
# Site footer marks; a line with a sentence end is a sentence about them.
FOOTER_MARKS = re.compile(r"^(?!.*[。!?]).*?(?:ICP备|ICP证|公网安备|网站标识码|举报电话|不良信息举报)")
ORIGINAL_TITLE = re.compile(r"^\s*原标题\s*:")
BLURB = re.compile(r"^\s*(?:简介|栏目简介|账号简介|公众号简介)\s*:")

# A short line of symbols only (|, ———, ……); digits are content (a table cell).
SYMBOLS_ONLY = re.compile(r"^[^A-Za-z0-9\u4e00-\u9fff\u3400-\u4dbf]{1,10}$")
SEPARATORS = re.compile(r"[\s|丨/·•\-—_,、;:【】\[\]()<>《》]+")
SENTENCE_PUNCT = re.compile(r"[。!?;,“”\"]")


# --- SEO spam --------------------------------------------------------------

# Spam vocabulary (porn, gambling, fake documents).  A strong word is enough
# with another one; a weak word only counts beside a strong one.
_SPAM_STRONG = re.compile(
    r"成人|(?<![a-z])av(?![a-z])|啪啪|国产精品|一区二区|二区三区|久久|无码|有码|色情|黄色|偷拍|自拍|三级|"
    r"伦理|福利|天堂|美女|激情|人妻|乱伦|丝袜|少妇|AV|在线观看|免费看|高清|"
    r"博彩|赌场|赌博|娱乐城|真人娱乐|百家乐|六合彩|时时彩|北京赛车|彩票|彩金|老虎机|棋牌|捕鱼|体育投注|"
    r"投注|下注|开户|注册送|首存|葡京|威尼斯人|太阳城|皇冠体育|bet365|代孕|办证|发票|"
    r"龙凤|(?<!\d)419(?!\d)|品茶|夜生活|桑拿|会所|外围|约炮|楼凤|花千坊|夜上海|足浴|上门服务"
)
_SPAM_WEAK = re.compile(r"免费|在线|视频|欧美|日韩|亚洲|最新|官网|网址|平台|澳门|下载|手机版|精品|影院|论坛|同城")


def is_spam_phrase(text: str) -> bool:
    return bool(_SPAM_STRONG.search(text) or _SPAM_STRONG.search(text.lower()))


def is_seo_spam(norm: str) -> bool:
    """A line of short keyword phrases with spam vocabulary and no sentence."""
    if re.search(r"[。!?“”]", norm):
        return False
    parts = [p for p in re.split(r"[,、|;_/\s]+", norm) if p]
    if len(parts) < 4 or max(len(p) for p in parts) > 24:
        return False
    if sorted(len(p) for p in parts)[len(parts) // 2] > 14:
        return False
    strong = sum(1 for p in parts if is_spam_phrase(p))
    weak = sum(1 for p in parts if _SPAM_WEAK.search(p)) - strong
    return strong >= 2 or (strong >= 1 and weak >= 2)


# --- breadcrumbs -----------------------------------------------------------

_CRUMB_PREFIX = re.compile(r"^\s*(?:您|你)?(?:当前|现在)?(?:的|所在)?(?:位置|所在位置)\s*:\s*")
_CRUMB_SPLIT = re.compile(r"\s*(?:>>|>|›|»|→)\s*")
_CRUMB_HOME = {"首页", "主页", "网站首页", "返回首页"}
_CRUMB_END = {"正文", "详情", "内容", "文章", "正文内容"}


def breadcrumb_parts(norm: str) -> list[str] | None:
    """The parts of a breadcrumb line (新华网 > 时政 > 正文), else None."""
    if SENTENCE_PUNCT.search(norm) or len(norm) > 80:
        return None
    prefix = _CRUMB_PREFIX.match(norm)
    rest = norm[prefix.end():] if prefix else norm
    parts = [p.strip() for p in _CRUMB_SPLIT.split(rest.strip()) if p.strip()]
    if len(parts) < 2 or not all(0 < len(p) <= 15 for p in parts):
        return None
    if prefix or len(parts) >= 3 or parts[0] in _CRUMB_HOME or parts[-1] in _CRUMB_END:
        return parts
    return None


EMPTY_HTML_LINE = re.compile(
    r"^(?:\s|<[^<>]{0,200}>|&(?:[a-zA-Z]{2,8}|#\d{1,6}|#x[0-9a-fA-F]{1,6});)*"
    r"(?:<[^<>]{0,200}>|&(?:[a-zA-Z]{2,8}|#\d{1,6}|#x[0-9a-fA-F]{1,6});)(?:\s|<[^<>]{0,200}>|&\S{2,8};)*$"
)
