"""Words that announce an event, by kind, and the words around an event name.

Lexicons, not rules keyed to any article: the trigger words are the ones
regional-development news uses for its recurring kinds of event.
"""

from __future__ import annotations

import re

# Longest first inside each alternation, so 考察学习 (training) wins over 考察
# (visit) and 开班仪式 over 开班.
FORUM_WORDS = (
    "高层论坛", "高峰论坛", "分论坛", "平行论坛", "论坛", "峰会", "大会", "座谈会", "研讨会",
    "恳谈会", "交流会", "洽谈会", "推介会", "对接会", "圆桌对话", "圆桌会议", "院长对话",
    "高端对话", "对话会", "年会", "博览会", "发布会", "沙龙", "推进会", "联席会议", "协调会",
    "现场会", "观摩会", "见面会", "大讲堂", "讲坛",
    # meetings named by what they are: 深港合作会议, 省会城市第九届会商会,
    # 党政联席会, 首长会议, 专场推介活动
    "首长会议", "工作会议", "学术会议", "合作会议", "会议", "会商会", "联席会", "推介活动",
)
TRAINING_WORDS = (
    "开班启动仪式", "开营启动仪式", "开班仪式", "结业仪式", "开班式", "结业式", "开营仪式", "结营仪式", "开营式", "结营式",
    "结营分享会", "考察学习", "学习培训", "培训班", "培训", "研修班", "研修", "现场教学", "训练营",
    "研学营", "研学班", "研学活动", "夏令营", "学习班", "轮训", "进修班", "专题班", "示范班",
    # classes named by their level or form: 研讨班, 标杆班, 乡镇党委书记班
    "研讨班", "读书班", "集训班", "特训班", "实训班", "高研班", "骨干班", "标杆班", "提升班", "精英班",
    "书记班", "讲习班", "训练班", "轮训班",
)
VISIT_WORDS = (
    "参观调研", "参观考察", "考察调研", "调研学习", "参观学习", "实地考察", "考察交流", "参观交流",
    "调研交流", "考察对接", "参观", "调研", "考察", "走访", "探访",
)
# Activity nouns that name a class only when one was held: 举办培训 is an
# event, 深化干部教育培训 a subject (see INTENT).
ACTIVITY_NOUNS = ("培训", "研修", "轮训", "现场教学", "学习培训")
# Verbs of intent and cooperation before an activity noun: what is talked
# about or hoped for, not what happened.
INTENT = re.compile(
    r"加强|深化|推进|提升|抓好|珍惜|互派|携手|希望|要|继续|进一步|做好|重视|注重|完善|建立|健全|探索|"
    r"围绕|就|在.{0,8}方面|共同|支持|帮助|助力|推动|强化|拓展|扩大|持续"
)
# Verbs that make a visit only with the place after them (走进比亚迪, 首站来到前海).
VISIT_OBJECT_ONLY = ("走进", "首站来到", "来到", "转赴", "转战", "前往")
ALLIANCE_NOUNS = ("创新联合体", "联合体", "联盟", "共同体", "联合会")
ALLIANCE_VERBS = ("揭牌成立", "挂牌成立", "正式成立", "宣告成立", "发起成立", "签约成立", "成立",
                  "揭牌", "挂牌", "发起", "发布", "启动", "组建")
AGREEMENT_VERBS = ("共签署", "共签订", "签署", "签订", "签约", "共签", "达成")
# A signing ceremony is an agreement event even when no document is named.
SIGNING_EVENTS = ("集中签约仪式", "签约仪式", "集中签约活动", "签约活动", "集中签约")
# After an agreement noun, a noun it modifies (协议投资额 is an amount).
AGREEMENT_MODIFIED = ("投资", "金额", "额", "内容", "条款", "期限", "约定", "价款")
AGREEMENT_NOUNS = ("战略合作框架协议", "合作框架协议", "框架协议", "合作协议", "协议书", "协议",
                   "备忘录", "协定")
FOUNDING_VERBS = ("正式成立", "宣告成立", "成立")
# Setting up a named unit: 在香港设立分支机构“先进院(香港)创新中心”.
SETUP_VERBS = ("设立", "组建", "挂牌设立", "揭牌设立")
# A clause that plans rather than reports: what follows may never happen.
# A clause that sums up many (已累计培训3000余人次) rather than reports one.
STATISTICAL = ("累计", "共计", "先后举办", "已举办", "连续举办", "历年", "每年")
# …right after the name: 已成功举办7届, 已连续举办十二次.
RUNNING_TOTAL = re.compile(r"[”」》]?(?:已|已经|先后|累计|共)(?:成功|连续)?(?:举办|召开|开展)了?"
                           r"(?:\d+|[一二三四五六七八九十百两]+)(?:届|次|期|场)")
PLANNED = ("还将", "将于", "将在", "将赴", "拟", "计划", "准备", "即将", "预计", "将", "力争", "争取")

# Not an event even though a trigger word is inside: 大会堂 is a building,
# 人民代表大会 and 全会 are standing bodies and sessions.
# A generic mention of these refers to a meeting told elsewhere; it never
# opens an event of its own (会议指出, 大会期间).
BARE_MEETINGS = ("会议", "大会", "会")
NOT_EVENTS = ("大会堂", "代表大会", "股东大会", "职工大会", "常务会议", "党组会议", "党委会议", "办公会议",
              "视频会议", "电视电话会议", "会议室", "会议中心")

# Generic modifiers: a name made only of these and a trigger word is no name.
_ORDINAL = r"(?:首|第[一二三四五六七八九十百零〇\d]+)(?:场|次|期|届|轮|批)"
_COUNT = r"[一二三四五六七八九十两几\d]+(?:场|次|期|届|轮|个|批)"
_DEMONSTRATIVE = r"(?:本次|此次|这次|这场|该|本期|此|本届|这一|这个|上述|当天的|当日的|系列)"
GENERIC_NAME = re.compile(
    rf"^(?:{_DEMONSTRATIVE})?(?:{_ORDINAL}|{_COUNT})?(?:同一主题的)?(?:专题|主题|现场|"
    rf"学习|集中)?$"
)
ORDINAL = re.compile(_ORDINAL)
ANAPHOR = re.compile(rf"^(?:{_DEMONSTRATIVE})")

# Where a name stops when read leftwards from its trigger word: a preposition,
# a verb or a particle that cannot be inside an event's name.
LEFT_BOUNDARIES = (
    "在", "将于", "已于", "定于", "以", "另有", "还有", "共有", "连开", "先后", "作为", "召开", "举行", "举办", "开展", "组织", "参加", "出席", "参与", "主持", "是",
    "为", "的", "了", "和", "与", "及", "由", "到", "赴", "将", "等", "做", "开启",
    "启动", "迎来", "围绕", "通过", "聚焦", "透过", "对", "从", "向", "着", "过", "分别",
    "据悉", "据了解", "据介绍", "据报道", "首次", "此前", "随后", "同时", "期间", "包括", "其中", "近日", "日前", "今天",
    # verbs and words that stand before an event's name, never inside it
    "关于", "见证", "承办", "协办", "开办", "创办", "筹办", "既有", "也有", "希望", "珍惜", "抓好", "互派", "携手", "图为", "隆重",
    "亮相", "出席了", "参加了", "进行", "听取了", "日电", "重视", "落实", "贯彻", "象征", "标志着",
    "力争", "争取", "预计", "拟", "实现", "给", "成为", "加入", "退出", "更名为",
)
# Ceremonies keep the kind of the event they open or close; with a date of
# their own they are its child events.
OPENINGS = ("开班启动仪式", "开营启动仪式", "开班仪式", "开班式", "开营仪式", "开营式")
CLOSINGS = ("结业仪式", "结业式", "结营仪式", "结营式", "结营分享会")
CEREMONIES = OPENINGS + CLOSINGS
# Verbs after a training's name that date its start or its end
# (研修班于9月9日开班; …研修班在雄安新区结业).
STARTS = ("开班", "开营", "开学", "启动")
ENDS = ("结业", "结营", "毕业", "落幕", "闭幕")
# Words that continue a name right after its trigger (培训活动, 论坛开幕式).
NAME_CONTINUATIONS = ("活动", "仪式", "典礼", "开幕式", "闭幕式", "启动仪式",
                      r"第[一二三四五六七八九十\d]+次(?:全体)?会议")
# Where a name stops when read rightwards: a verb, a preposition or a place word.
RIGHT_BOUNDARIES = (
    "在", "于", "举行", "召开", "举办", "开幕", "闭幕", "落幕", "启动", "上", "中", "后", "前",
    "期间", "现场", "为", "将", "还", "特", "由", "以", "的", "和", "与", "聚焦", "采用", "邀请",
    "吸引", "结业", "开班", "围绕", "顺利", "圆满", "正式", "是", "共", "等", "已", "也", "再",
    "全体", "参加", "出席", "参训", "学员",
)
# A trigger followed by one of these is a modifier, not an event (培训机制).
MODIFIED_NOUNS = (
    "机制", "体系", "经费", "基地", "中心", "模式", "资源", "需求", "课程", "内容", "成果",
    "计划", "方案", "效果", "质量", "理念", "师资", "费用", "机构", "学校", "教材", "平台",
    "秘书处", "组委会", "会场", "门票", "报名", "议程", "工作", "制度", "规划", "项目",
    "老师", "教师", "讲师", "专家", "情况", "基本情况", "经验", "体会",
    "精神", "纪要", "决定", "部署", "安排", "要求", "以来", "召开以来", "举办以来", "成立以来",
)
# One-character boundaries that are also the second character of ordinary
# words inside names (自由贸易港, 关于, 参与, 作为): not a boundary after these.
BOUNDARY_EXCEPTIONS = {
    "由": "自理缘", "于": "关对由等位属至基鉴", "为": "作成认行因称", "以": "所可加予难得", "和": "平温缓",
    "与": "参给", "在": "存现实正所", "及": "以涉普企危", "对": "针面相绝应", "向": "方面导意", "从": "服自",
    "了": "为除", "等": "平对高同",
}
# Words that begin with a one-character boundary and must not be split at
# it (对接大会, 为期五天, 与会代表, 以来).
UNSPLIT_WORDS = frozenset({
    "对接", "对口", "对外", "对标", "对话", "对俄", "对非", "对韩", "对日", "对台", "对港", "对澳", "对欧", "以来", "以上", "以下", "由于", "为期", "为主", "在线",
    "和谐", "和平", "和美", "同心", "与会", "及时", "向外", "从严", "从事", "将军",
})
# Deictic places a local site writes for itself: 来我区考察.
DEICTIC_PLACES = ("我区", "我市", "我县", "我省", "我州", "我镇", "本市", "本区", "本县")
# A sentence that carries on from the event just told (在随后召开的座谈会上).
CONTINUATIONS = ("随后", "会后", "当天", "当日", "同日", "其间", "期间")

# Characters allowed inside an event name (besides CJK): digits, Latin
# letters (G60, ESG, AI) and the joiners names use.
NAME_CHARS = re.compile(r"[\u4e00-\u9fffA-Za-z0-9·+&\-—]")

# Role words after a list of organisations: "由A、B指导,C主办,D协办".
ROLE_WORDS = (
    ("联合主办", "organiser"), ("共同主办", "organiser"), ("主办", "organiser"),
    ("组织", "organiser"), ("承办", "host"), ("协办", "co_organiser"), ("指导", "guide"),
    ("支持", "supporter"), ("牵头", "lead"), ("首批发起单位", "founding_member"),
    ("发起单位", "founding_member"), ("首批成员", "founding_member"),
    ("成员单位", "founding_member"), ("支持单位", "supporter"),
)
PERSON_ROLE_WORDS = (
    ("主旨演讲", "keynote"), ("主题演讲", "keynote"), ("主持", "chair"), ("致辞", "speaker"),
    ("发言", "speaker"), ("提出意见建议", "speaker"), ("提出建议", "speaker"),
    ("提出相关建议", "speaker"), ("作报告", "speaker"), ("分享", "speaker"),
    ("授课", "speaker"), ("讲课", "speaker"), ("现场教学", "speaker"), ("专题讲座", "speaker"),
)
# Words before a place that make it where an event happened (在南京召开,
# 分赴上海、苏州考察), and words after a place that make it the organiser or
# the visitors' home instead (长春新区组织, 长春新区企业家代表团).
LOCATION_CUES = ("分赴", "前往", "来到", "走进", "落户", "在", "于", "赴", "到", "至")
NOT_LOCATION_AFTER = ("开展", "组织", "举办", "主办", "承办", "召开", "发起", "代表团", "企业家",
                      "代表", "党委", "政府", "团队", "一行", "市委", "区委", "考察团", "客商")

# A child event sits "at" its parent: 论坛上, 大会现场, 开幕式上, 期间.
ANCHOR = re.compile(
    r"(?:(?:在|于)?(?:本次|此次|这次)?(?:[\u4e00-\u9fffA-Za-z0-9]{0,20}?)"
    r"(论坛|峰会|大会|会议|座谈会|研讨会|推进会|发布会|活动|仪式|开幕式|会))"
    r"(?:上|现场|期间|开幕式上|当天|当日|间隙|特举办|还举办|同期举办|还包括)"
)

# Counts of people taking part: 40余位企业家代表, 首批45名高层次人才, 200多人参加.
PARTICIPANTS = re.compile(
    r"(首批|共有|共|约|近|超过|逾)?(\d{1,6})(余|多)?(位|名|人)"
    r"(?=[\u4e00-\u9fff]{0,12}?(?:代表|企业家|学员|嘉宾|人才|专家|干部|领导|参加|参会|出席|参与|参训|与会|来自|均))"
)
