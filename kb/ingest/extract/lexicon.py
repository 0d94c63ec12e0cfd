"""Word lists for the organisation, people and quote extractors.

Plain data, kept here so that the rules in organisations.py, people.py and
quotes.py stay short.  Sources: organisation-form words of the 企业名称登记管理
规定 (有限公司, 股份有限公司 …) and of the usual names of state, party, academic
and civic bodies; the 百家姓 and the most frequent modern surnames (公安部
户籍统计); titles and speech verbs as Chinese news reports use them.  Nothing
here is taken from one particular article.
"""

from __future__ import annotations

# --- organisation suffixes ------------------------------------------------------
# suffix -> organisation kind.  Matching takes the longest suffix that ends at a
# position, so 股份有限公司 wins over 有限公司 and 公司.
_SUFFIX_GROUPS: dict[str, str] = {
    "company": """股份有限公司 有限责任公司 集团有限公司 有限公司 分公司 公司 集团 银行 分行 支行
        事务所 合伙企业""",
    "government": """人民政府 政府 管委会 管理委员会 办公厅 国务院 人大 人大常委会 常委会 海关 税务总局
        科委 教委 经委 建委 农委 台办 侨办 外办 台港澳办 合作交流办 协作办
        国家发展和改革委员会 总署 审计署 推广署 贸易署 科技署 事务署 卫生署 保护署 规划署 统计署
        管理局 服务局 审批局 发展局 促进局 事务局 公署 行政公署
        大使馆 使馆 总领事馆 领事馆 首相府 总理府 区议会 立法会""",
    # 政协 and the party committees; 委会 is the committee of a democratic party
    # (民建浙江省委会).  党委 ends a name only right after a place: after an
    # organisation it is part of a title (常州工学院党委书记).
    "party": """政协 市委 省委 区委 县委 州委 党工委 党委 委会 组织部 宣传部 统战部 政法委 纪委 党校
        民建中央 民盟中央 民进中央 民革中央 台盟中央 九三学社 九三学社中央 致公党 农工党 共青团中央""",
    "university": "大学 学院 职业技术学院 高等专科学校 中学 小学 学校",
    "research": """研究院 研究所 研究中心 研发中心 创新中心 实验室 重点实验室 科学院 工程院 社科院 设计院
        社会科学院 农业科学院 医学科学院""",
    "association": """协会 促进会 商会 总商会 学会 研究会 联合会 联谊会 基金会 校友会 工商联 科协
        总工会 工会 分会 侨联 妇联 残联 文联 社科联 青联 台联 台企联 工业总会 工商总会 农会 渔会""",
    "alliance": "联盟 联合体",
    "zone": """产业园 产业园区 科技园 科技园区 工业园 工业园区 软件园 创业园 开发区 高新区 经开区 保税区
        综合保税区 自贸区 示范区 创业谷 创新谷""",
    "media": "日报 晚报 时报 报社 电视台 广播电台 通讯社 出版社 杂志社",
    "hospital": "医院 卫生院 妇幼保健院",
    "other": """交易所 办公室 工作组 委员会 办事处 代表处 博物馆 图书馆 美术馆 科技馆 展览馆
        展示馆 纪念馆 组委会 执委会 筹委会 促进中心 服务中心 转移中心 交流中心 孵化中心""",
}
ORG_SUFFIXES: dict[str, str] = {
    word: kind for kind, words in _SUFFIX_GROUPS.items() for word in words.split()
}
# Government departments: a field of work and a unit (科技局, 经济和信息化厅,
# 发改委, 工业和信息化部), as the departments of the State Council and of local
# governments are named.
GOV_FIELDS = """发展和改革 发展改革 发改 经济和信息化 经信 工业和信息化 工信 科学技术 科技 商务 财政 教育
    人力资源和社会保障 人社 住房和城乡建设 住建 自然资源 生态环境 交通运输 农业农村 文化和旅游 文旅
    卫生健康 卫健 市场监督管理 市场监管 统计 税务 公安 民政 司法 审计 应急管理 投资促进 投促 招商
    大数据 数据 金融 地方金融监督管理 地方金融监管 国有资产监督管理 国资 知识产权 外事 水利 体育
    退役军人事务 医疗保障 医保 商务和投资促进 科技和工业信息化 经济和信息化 经济信息化 科经 教育和体育
     对外投资和经济合作 对外投资合作 国际合作 港澳 侨 侨务 外 台 联络 经发 观旅 观光旅游 新闻 林业和草原 文化和旅游 住房和城乡建设 人力资源和社会保障 自然资源和规划 财政与经济""".split()
ORG_SUFFIXES.update({field + unit: "government" for field in GOV_FIELDS
                     for unit in ("局", "厅", "委", "委员会", "部", "办", "司")})
# Suffixes that also end the name of a goal (打造区域科技创新中心): the body
# must be more than trade words, even after a place.
GOAL_SUFFIXES = frozenset({"创新中心"})
# Verbs that make the 中心 after them a goal, not a body (打造…交流中心,
# 建设成为…服务中心), within the same clause.
GOAL_VERBS = ("打造", "建成", "成为", "构建", "争创", "创建", "建设成", "定位为", "目标是", "迈向", "跻身")
# Bureaus named by their task rather than a field of government (管理局, 发展局):
# a zone or an authority may stand before them instead of a place.
TASK_BUREAUS = frozenset({"管理局", "服务局", "审批局", "发展局", "促进局", "事务局"})
# What may follow the last character of a suffix and make a longer word of it:
# 商务部门 (a department), 发展局面 (a situation).
SUFFIX_WORD_CONTINUATIONS = {"部": "门", "局": "面势", "校": "长区友训"}
# Short forms of the fields of government departments, as articles write
# them after the full name (山东省科学技术厅 … 省科技厅): short -> full.
GOV_FIELD_SHORT = {
    "科技": "科学技术", "发改": "发展和改革", "发展改革": "发展和改革", "经信": "经济和信息化",
    "经济信息化": "经济和信息化", "工信": "工业和信息化", "人社": "人力资源和社会保障",
    "住建": "住房和城乡建设", "文旅": "文化和旅游", "卫健": "卫生健康", "市场监管": "市场监督管理",
    "投促": "投资促进", "国资": "国有资产监督管理", "医保": "医疗保障",
    "地方金融监管": "地方金融监督管理",
}
# Whole short names of bodies: 科委 = 科学技术委员会, 管委会 = 管理委员会.
ORG_SHORT_NAMES = {"科委": "科学技术委员会", "教委": "教育委员会", "经委": "经济委员会",
                   "管委会": "管理委员会", "政府": "人民政府", "工商联": "工商业联合会",
                   "科协": "科学技术协会", "侨联": "归国华侨联合会", "妇联": "妇女联合会",
                   "残联": "残疾人联合会", "文联": "文学艺术界联合会", "社科联": "社会科学界联合会",
                   "台办": "台湾事务办公室", "侨办": "侨务办公室", "外办": "外事办公室",
                   "人大": "人民代表大会", "人大常委会": "人民代表大会常务委员会"}
# Ministries are named without a place.
NATIONAL_MINISTRIES = frozenset(f + "部" for f in """工业和信息化 科学技术 商务 财政 教育 人力资源和社会保障
    生态环境 交通运输 农业农村 文化和旅游 自然资源 住房和城乡建设 公安 民政 司法 水利 应急管理
    退役军人事务 科技 外交 国防""".split())
# Titles of the head of a government: after 市委副书记、 they are not titles
# of the party committee (嘉兴市委副书记、市长毛宏芳).
GOVERNMENT_HEADS = ("省长", "市长", "区长", "县长", "州长", "镇长", "乡长")
# A branch takes the kind of the organisation it belongs to.
ORG_SUFFIXES.update({"分院": "research", "分所": "research", "分中心": "research", "分校": "university",
                     "办事处": "other", "代表处": "other"})
# Legal forms of a company: removed first when a short form is derived.
LEGAL_FORMS = ("股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "公司", "集团")
# A branch or sub-unit: its parent is the organisation its name starts with.
BRANCH_SUFFIXES = ("分公司", "分会", "分行", "支行", "分院", "分所", "分中心", "分校", "办事处",
                   "代表处")
# Suffixes that make a name on their own after a place (浙江大学, 杭州市政协,
# 上海市经信委): the rest of the name may be empty.
PLACE_INSTITUTIONS = frozenset(
    {w for w, kind in ORG_SUFFIXES.items() if kind in ("government", "party")}
    | {"大学", "学院", "医院", "日报", "晚报", "科学院", "社科院", "工商联", "科协", "总工会", "党校",
       "委员会", "办公室", "工程院", "社会科学院", "农业科学院", "医学科学院", "侨联", "妇联", "残联",
       "文联", "社科联", "青联", "台联", "台企联",
       "总商会", "商会", "红十字会", "工业总会", "工商总会"}
)
# Suffixes of bodies that are always named with their place (常州市委,
# 上海市经信委, 全国政协): without one the words before are no name (落实省委).
PLACE_REQUIRED = frozenset(
    w for w, kind in ORG_SUFFIXES.items() if kind in ("government", "party")
) - {"管委会", "管理委员会", "党工委", "办公室", "委员会", "委会", "九三学社", "致公党", "农工党", "民建中央",
     "民盟中央", "民进中央", "国务院", "党校", "海关", "税务总局"} - NATIONAL_MINISTRIES - TASK_BUREAUS
# Bodies that are a whole name by themselves.
STANDALONE_ORGS = frozenset({"国务院", "全国人大", "全国政协", "海关总署", "审计署", "九三学社", "致公党", "农工党", "民建中央",
                             "民盟中央", "民进中央", "民革中央", "台盟中央", "九三学社中央",
                             "共青团中央"}) | NATIONAL_MINISTRIES
# Prefixes that act as a place for national bodies: 全国政协, 国家发改委, 中央党校.
NATIONAL_PREFIXES = ("全国", "国家", "中央", "中共中央", "中共", "国务院", "中国", "中华", "共青团")

# Bare bodies written without their place: 市委书记 means the article's city's
# committee.  level of the place it belongs to -> words.
BARE_BODIES = {
    "市委": "prefecture", "市政府": "prefecture", "市政协": "prefecture", "市人大": "prefecture",
    "省委": "province", "省政府": "province", "省政协": "province", "省人大": "province",
    "区委": "county", "区政府": "county", "区政协": "county", "区人大": "county",
    "县委": "county", "县政府": "county", "县政协": "county", "县人大": "county",
}

# Words that describe a trade, not a name: removed from the end of a company
# name to find its short form (晶盛机电 -> 晶盛), and a name made of nothing else
# is generic (生物医药实验室).
INDUSTRY_WORDS = frozenset("""
    生物 医药 生物医药 药业 制药 医疗 健康 医疗器械 科技 技术 信息 信息技术 电子 微电子 光电 智能
    制造 智能制造 装备 机电 机械 重工 电气 电源 能源 新能源 动力 汽车 汽车零部件 零部件 安全系统
    系统 半导体 芯片 集成电路 材料 新材料 化工 钢管 钢铁 针织 印染 纺织 服装 食品 环保 环境 建设
    建筑 物流 文化 传媒 传播 国际传播 教育 咨询 管理 服务 创新 孵化 产业 行业 产业孵化 存储 数据
    数字 网络 软件 通信 云 人工智能 机器人 航空 航天 船舶 金融 资本 投资 控股 实业 贸易 商贸 发展
    企业 企业发展 联合 共建 国家级 省级 市级 工程 工业 农业 电力 光伏 储能 锂电 电池 新能源汽车 细胞治疗 前沿技术 工程生物学
    临床 综合 专科 三甲 公立 民办 基层 社区 附属 高端 先进 专业 国际 全球 区域 地方 现代
    政务 便民 公共 志愿 电机 风电 模具 高新 高新技术 一体化 共同富裕 学术
""".split())

# Names that look like organisations but name a kind of body or a group
# (本次大会, 龙头企业 …).  A candidate whose name or body is one of them is dropped.
GENERIC_ORG_WORDS = frozenset("""
    本次大会 大会 龙头企业 重点企业 企业 公司 上市公司 子公司 母公司 总公司 分公司 集团公司
    高校 高校院所 科研院所 院所 研究机构 科研机构 金融机构 政府部门 有关部门 相关部门 各级政府
    地方政府 政府 行业协会 产业联盟 创新联合体 联合体 实验室 重点实验室 研究院 研究所 学校 医院
    新区企业家 企业家 产业链上下游企业 上下游企业 合作伙伴 民营企业 国有企业 外资企业 科技企业
    工厂 灯塔工厂 智能工厂
""".split()) | frozenset("新区 园区 开发区 高新区 经开区 自贸区 街道".split())
# Zones named by their kind alone (园区党工委 of the park the article is about):
# no name, whatever the slot.
GENERIC_ZONE_WORDS = frozenset("新区 园区 开发区 高新区 经开区 自贸区 街道 片区 景区 示范区 合作区 综保区".split())
# Zone words an article uses alone for the one zone it names in full
# (示范区党工委 of 山西转型综合改革示范区, 高新区管委会 of 西安高新区); 园区 and
# 街道 stand for any park or street.
ZONE_SHORT_WORDS = ("示范区", "高新区", "开发区", "经开区", "新区", "合作区", "自贸区",
                    "综保区", "保税区")
# A body (the name without place and suffix) may not start with these: they
# make a phrase, not a name (该公司, 我们公司, 相关协会, 一批企业 …).
GENERIC_LEADS = tuple("""
    本 该 此 这 那 其 各 每 某 我 你 他 她 它 我们 你们 他们 相关 有关 一批 一家 多家 部分 上述 其他
    所在 当地 国内 国外 海外 知名 重点 龙头 骨干 领军 优秀 头部 大型 中小 民营 国有 外资 上市 首批
    一流 全国性 区域性 国际性 全球性 世界级 地方 新型 传统 未来 同类 下属 旗下 更多 众多 不少 许多 若干
    希望 要求 鼓励 引导 帮助 依靠 发挥 感谢 欢迎 服务 面向 针对 联系 推动 支持 加快 建设 打造
    平台 合资 独资 国企 民企 央企 外企 老年 一般 普通 这家 那家 本地 外地 各类 各个 相应
    主板 创业板 科创板 两家 几家 多家 数家 跨省 跨省域 跨区域 跨地区 跨城市 跨行业
    世界一流 国际化 国际一流 国内一流 世界500强 全球500强 中国500强 异地 全面 提升 深化 加强 助力
    一级 国家一级
    就 建立 设立 成立 组建 审议 表决 遵守 动员 共同 友好 严格 积极
""".split())
# Leads that describe a class of enterprises (中小企业, 民营企业): after a place
# or a national body they begin a real name (浙江省民营企业发展促进会,
# 工业和信息化部中小企业发展促进中心).
CLASS_LEADS = ("中小", "民营", "国有", "外资", "大型", "老年")
# Characters that never stand inside an organisation name: aspect particles and
# the like mark a verb phrase.
NOT_IN_NAME = frozenset("了着过吗呢吧啊呀么暨")

# What stands right before an organisation name and is not part of it: the
# left boundary of a name (prepositions, verbs of visiting and joining,
# conjunctions, time words).  Single characters are only the function words
# that rarely begin a word inside a name; the extractor also ignores a stop
# inside a place name (成都) and one that would leave no valid name.
ORG_LEFT_STOPS = tuple(sorted(set("""
    的 在 与 和 及 由 到 赴 向 从 对 被 把 将 让 给 等 于 了 着 过 也 还 都 是 兼 以 为 暨 据
    以及 同时 跟随 走进 走出 走向 迈向 走访 探访 参观 考察 调研 来自 联合 邀请 携手 牵头 发布 成立 组建 成为 作为
    加入 参加 出席 主办 承办 协办 指导 支持 包括 例如 比如 代表 落户 入驻 设立 举办 依托 联手 分享 象征 标志着 在内的 争创 创建 建成 跻身 今后 参访 访问 拜访 到访 出访 大陆 受 摘自 努力 探索 开创 签订 签下 破解 支撑 实行 落实
    揭牌 拥有 位于 隶属 旗下 属于 通过 围绕 推动 打造 建设 共建 形成 签署 签约 授予 获评 荣获 入选
    认定 担任 任职 就职 现任 曾任 历任 兼任 会同 协同 组织 启动 发起 筹备 来到 前往 走入 进入 深入
    对接 结识 认识 还有 其中 目前 近日 日前 今年 去年 今天 昨天 明年 此前 此外 前往 获悉 据悉
    要求 使 要 请 对于 关于 并 举行 面向
    表示 指出 强调 介绍 推进 巩固 提高 切实 有效 不断 释放 做大做强 创建 创立 充分发挥 发挥 听取 但若
    集合 辅导 实现 近年来 以来 会见 陪同 见证 率团 率队 带领 依靠 加强 一行 相关 部分 嘉宾有 一行来
    就 建立 审议 表决 遵守 动员
""".split()), key=len, reverse=True))
# Stops that can also sit inside a name (美的, 华为, 和平, 联合工作组): the
# walk goes on past them when the name they would leave is not a valid one.
ORG_STOP_NAME_CHARS = frozenset([*"的和与及对为向据", "联合", "协同"])
# Words that begin with a stop character and stand inside names (福州海峡两岸
# 和平统一促进会, 对外经济贸易大学).
STOP_CHAR_WORDS = frozenset("和平 和谐 和美 和信 对外 对俄 对台 对非 对日 对韩 对欧 为民 向阳 及时 据点 与会".split())

# Words that stand for a company named before (公司董事长 …).
ANAPHORIC_COMPANIES = ("公司", "该公司", "本公司", "集团", "该集团")
_SCHOOLS = ("大学", "学院", "学校", "中学", "小学", "分校")
# Other words that stand for an organisation named before (该院院长, 商会会长,
# 联合体理事长): word -> how the name of the organisation meant ends.
ANAPHORIC_ORGS = {
    "该院": "院", "本院": "院", "该校": _SCHOOLS, "本校": _SCHOOLS, "该所": "所", "本所": "所", "该会": "会",
    "本会": "会", "该中心": "中心", "该局": "局", "该行": "行", "该联盟": "联盟", "该协会": "协会",
    "商会": "商会", "协会": "协会", "学会": "学会", "联盟": "联盟", "联合体": "联合体", "研究院": "研究院",
    "研究所": "研究所", "基金会": "基金会", "促进会": "促进会", "联合会": "联合会", "实验室": "实验室",
}
# Departments of a party committee: after 市委常委、 they belong to that
# committee (成都市委常委、统战部部长).
PARTY_DEPARTMENTS = ("组织部", "宣传部", "统战部", "政法委", "纪委", "办公室", "台办", "侨办")

# Regions named in brackets after a university or an institute that has
# campuses or branches in several places: 中国石油大学(华东), 哈尔滨工业大学(深圳).
# (A place of the gazetteer in brackets counts as well.)
BRACKET_REGIONS = ("华东", "华南", "华北", "华中", "西北", "西南", "东北")
# Class nouns after 等 that make an enumeration a list of organisations
# (与上海新昇半导体材料、浙江大学等共建).
ORG_CLASS_NOUNS = ("单位", "企业", "公司", "机构", "高校", "院校", "院所", "组织", "医院", "学校",
                   "标杆企业", "龙头企业", "头部企业", "科研院所", "研究机构", "金融机构", "合作伙伴")

# --- people ---------------------------------------------------------------------
COMPOUND_SURNAMES = frozenset("""
    欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 令狐 长孙 宇文 司徒 夏侯 轩辕 端木 独孤 南宫 西门
    呼延 闻人 申屠 太史 澹台 公冶 濮阳 淳于 单于 赫连 钟离 宗政 仲孙 东郭 拓跋 万俟
""".split())
SURNAMES = frozenset("""
    王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕
    丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱
    严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚
    符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农
    司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁
    沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼
    盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都
    普阙浦戈伏鹿薄邸雍辜羊母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干
    尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由晏操雒芈蹇覃綦寿暴仰秋仉督帖邴郗皋
    佴缑达荀乜郦萧蒯訾璩钭谯滑弓蓬郏仓厍宓骞丘苍莘贡逄扶堵宰
    习宦鱼慎庾弘禄
    殳沃蔚夔毋巢竺桓
""".replace("\n", "").replace(" ", ""))
# Surname + character strings that are ordinary words, never names after a
# title (代表, 负责人 …); checked on the whole candidate name.
NOT_NAMES = frozenset("""
    单位 公署 代表 高层 高管 高校 高度 关于 于是 方面 方式 方案 时间 时候 万元 成员 成为 全体 全国 全面 安全
    明确 文件 文化 金融 国家 国内 海外 向前 和谐 原因 原来 来自 都是 相关 相当 信息 平台 那么 以及
    常务 常委 和平 于此 于是 江山 海内 任务 任职 程度 程序 曾经 时期 施工 项目 班子 干部 师资 司机
    应该 应邀 应用 连续 连同 华为 雷达 龙头 一行 都会 都要 都在 全程 全力 全市 全省 全区 全县
    周年 周边 周期 钱款 方向 方可 方能 高峰 高端 高效 高新 严格 严重 商务 商业 管理 车间 路径 路线
    余家 余人 余位 余名 余个 余年 余万 余亿 向着 向来 来说 来看 文明 解决 解读 谢谢 强化 强调 强链
    宁可 宣布 宣传 包括 包含 马上 由于 明年 明天 何时 何处 何地 何况 国际 原则 原本 苗头 计划 展开
    展示 展会 展览 水平 季度 景区 晋升 初步 初期 门户 支持 支撑 卫生 谈判 谈到 谈及 危机 帅气
    党委 党组 党建 党员 纪委 巡视 简介 公司 公开 公布 利用 利润 利于 居民 富有 信心 居然 尚未
    成立 成功 成果 成长 成熟 成本 成效 成绩 成就 成交 成套 高速 高质 高新区 应对 连接 解码 包装
    齐全 齐心 向上 向下 向外 平均 平稳 平衡 安排 安装 安置 明显 文旅 国有 国产 海关 海洋 江湖
    田间 石油 金额 金属 金牌 万亿 万名 万户 余额 常规 常态 时代 时期 时尚 谈判 宣讲 华夏 华侨
    向记者 向大家 向全体 向社会 向外界 向媒体 和大家 于今年 于去年 于近日 时任 都将 都已 都在
    高兴 高水平 常年 成员单位 安全生产 明天起 国家级 省级 全市上下
""".split())
# Given names that are also common words (高峰 peak, 高明 clever, 周全
# thorough): a name only in a name slot (after a title, before a verb), never
# from the surname lexicon alone; a repeat must stand before a verb.
WORD_NAMES = frozenset("""
    高峰 高明 周全 何为 江山 文明 海洋 高兴 宁静 安宁 田野 方正 常青
""".split())
# Nouns for people in general (负责人和高管, 专家与学者): after 和/与/及 they make
# the word a conjunction, not a surname.
PEOPLE_NOUNS = frozenset("""
    高管 学者 专家 员工 职工 干部 群众 教师 学生 家长 商户 客商 投资人 投资者 消费者 游客 农户 骨干
    人才 青年 妇女 儿童 老人 志愿者 代表 嘉宾 企业家 工作人员 技术人员 管理人员 科研人员 工人 农民
    居民 村民 市民 网友 读者 观众 患者 家属 客户 用户 同学 同事 伙伴 师生 学员
""".split())
# What may follow a person's name: speech verbs, particles and verbs that
# start the rest of the clause.  Checked longest first.
NAME_FOLLOWERS = tuple(sorted(set("""
    表示 说 说道 坦言 感慨 感慨道 感叹 介绍 指出 认为 强调 提到 提出 称 透露 告诉 谈到 谈及 直言 坦承
    回忆 分析 解释 补充 建议 呼吁 希望 表态 发言 致辞 讲话 作 做 发表 主持 出席 参加 参与 带着 带领
    带著 看著 随著 看到 看着 来到 走进 分享 率 率队 应邀 也 还 则 都 曾 就 对 向 从 将 正 已 在 的 是 为 和 与 及
    等 一行 同志 先生 女士 以 作为 获 被 把 通过 接受 同样 信心 斩钉截铁 感触 深有 高度 带来 用 等人
    们 代表 率领 带队 陪同 院士 教授 当选 如是说 笑着说 告诉记者 对记者说 向记者 回答 提及 举例 打了 指着 首先 随后 最后 又 再 更 便
    结识 认识 参观 考察 调研 说明 给予 给出 拿出 身先士卒 弯腰 不仅 表达 期待 相信 觉得 坚信
    分别 一同 一起 共同 先后 亲自 随即 当即 现场 专程 详细 重点 围绕 就 主讲 讲授 授课 解读
    一边 正在 这样 如此
    会见 会见了 关于 担任 当日 当天 日前 近日 今天 昨天 今日 昨日 视频 视频讲话 视频致辞 线上 于 到 赴 回应
    ( （ 宣读 宣布 签署 见证 表态说 致以 要求 勉励 寄语
""".split()), key=len, reverse=True))
# Phrases that close an attribution after a quote: “……”王某同样坚定。
EVALUATIVE_PHRASES = tuple(sorted(set("""
    斩钉截铁 信心满满 同样坚定 感触颇深 深有感触 感慨万千 感慨良多 颇有感触 充满信心 信心十足
    深有体会 意味深长 语气坚定 如是说 笑着说 坦言 感慨道 介绍 说 表示 说道 直言 指出 强调
""".split()), key=len, reverse=True))

# Titles: the word that ends a title, longest first.  Modifiers (副, 常务,
# 首席 …) and a department may stand before it (综合规划处处长).
TITLE_CORES = tuple(sorted(set("""
    董事长 副董事长 总经理 副总经理 执行总经理 常务副总经理 总裁 副总裁 执行总裁 首席执行官 首席运营官
    首席技术官 首席财务官 首席经济学家 首席科学家 首席专家 首席代表 经济学家 董事会秘书 董秘 董事
    执行董事 独立董事 监事长 监事 总监 经理 主任 所长 院长 校长 书记 主席 常委 委员 主委 会长
    理事长 常务理事 理事 秘书长 组长 负责人 处长 科长 局长 厅长 部长 司长 市长 区长 县长 省长 镇长
    创始人 联合创始人 合伙人 总工程师 总工 高级工程师 工程师 博士 教授 研究员 院士 厂长 总厂长
    行长 社长 总编辑 主编 站长 馆长 台长 团长 队长 主管 顾问 总顾问 总会计师 总经济师 总干事
    干事长 巡视员 调研员 召集人 署长 党组成员 博士生导师 硕士生导师 统战部长 组织部长 宣传部长 参事 发言人 新闻发言人 秘书 助理 总裁助理 总经理助理 董事长助理 院长助理 特聘专家 主任委员 首席运营官
    总书记 行政长官 特首 总理 副总理 总统 大使 总领事 领事 议长 首相 州长 旗长 盟长 乡长 局长 委员长 副委员长
""".split()), key=len, reverse=True))
# Nouns that say what a person is rather than an office they hold: they stand
# before a name as a title does (学员代表、澳门科技大学学生梁颖诗, 香港青年创业者
# 周全), but make a position only with an organisation (学生 @ 澳门科技大学).
ROLE_NOUNS = frozenset("""
    学生 大学生 研究生 博士生 硕士生 留学生 创业者 企业家 设计师 技术员 主播 志愿者 老师 教师 医生
    律师 学员代表 学生代表 企业代表 企业家代表 员工代表 职工代表 青年代表 教师代表 家长代表 党员代表
    创业者代表 村民代表 居民代表 校友代表 客商代表 嘉宾代表 行业代表 干部 挂职干部 交流干部
""".split())
TITLE_CORES = tuple(sorted(set(TITLE_CORES) | ROLE_NOUNS, key=len, reverse=True))
# How a person is addressed by surname and title on a second mention
# (郑书记, 王市长, 李总): the end of their title -> the word after the surname.
ADDRESS_TITLES = {
    "书记": "书记", "省长": "省长", "市长": "市长", "区长": "区长", "县长": "县长", "镇长": "镇长",
    "主任": "主任", "院长": "院长", "校长": "校长", "局长": "局长", "厅长": "厅长", "部长": "部长",
    "处长": "处长", "会长": "会长", "理事长": "理事长", "董事长": "董事长", "总经理": "总", "总裁": "总",
    "教授": "教授", "院士": "院士", "所长": "所长", "行长": "行长", "主席": "主席", "秘书长": "秘书长",
}
# Words that may stand before a core title inside the title itself.
TITLE_MODIFIERS = tuple(sorted(set("""
    副 常务 执行 首席 资深 高级 名誉 荣誉 代理 总 党委 党组 纪委 联席 终身 特聘 客座 兼职 专职 区域
    大区 全球 中国区 亚太区 华东区 华南区 华北区 公共事务 政府事务 投资 市场 营销 销售 技术 研发 财务
    运营 行政 人力资源 人事 品牌 战略 法务 采购 供应链 生产 质量 产品 信息 数据 安全 公共关系 公关
    业务 商务 国际 海外 项目 设计 创新 数字化 投资者关系 证券事务 党支部 支部 工会 团委 基地 工厂
    事业部 区域 行政中心 研发中心 技术中心 首任 首届 新任 一级 二级 三级 四级 政务 第一 第二 第三
""".split()), key=len, reverse=True))
# Endings of a department inside a title (综合规划处, 行政中心, 三组).
DEPARTMENT_ENDINGS = ("处", "部", "室", "中心", "办", "组", "事业部", "区域", "大区", "分部")
# Endings of a place name: a slot ending so is a place the gazetteer lacks.
PLACE_ENDINGS = ("省", "市", "区", "县", "州", "旗", "镇", "乡", "村", "街道")
# … except these nouns, which end so without naming a place.
NOT_PLACE_ENDINGS = ("社区", "小区", "景区", "校区", "厂区", "营区", "城市", "超市", "门市", "股市")
# Whether the title of a party committee's secretary or member repeats the
# committee word (县委书记 @ 邻水县委) or not (书记 @ 邻水县委).  Most annotated
# sets write the title without it, as for 副书记 and 常委; the organisation
# already names the committee.
COMMITTEE_WORD_IN_TITLES = False
# Words on when a holder took office (首任理事长, 新任院长): no part of the title.
TENURE_MARKS = ("首任", "首届", "新任", "现任")
# Former holders: 原/前 before the title, 第N届 before the body.
FORMER_MARKS = ("原", "前")

# --- quotes ---------------------------------------------------------------------
# Verbs that introduce what someone said (indirect speech follows them).
SPEECH_VERBS = tuple(sorted(set("""
    表示 指出 认为 介绍 强调 提到 说 称 告诉记者 对记者说 透露 坦言 直言 谈到 表态 补充说 举例说
    感慨道 感慨 感叹道 说道 回忆说 解释说 分析说 坦承 提醒 建议 呼吁 重申 说明 谈及 提及 发言时说
    反映 表态说 总结说 透露说 要求
""".split()), key=len, reverse=True))
# Verbs that open a direct quote after a colon or comma (李刚坦言，“……”).
QUOTE_INTRO_VERBS = SPEECH_VERBS + ("提出", "写道", "感慨", "笑言", "总结", "描述", "形容", "要求")
# Verbs of a wish or a call whose object is what the speaker said, written
# without a comma (她希望学员们…, 他呼吁各方…).
WISH_VERBS = ("希望", "呼吁", "期望", "期待")
# What 说 must not follow to be a speech verb (比如说, 可以说, 也就是说 …).
NOT_BEFORE_SHUO = ("比如", "比方", "可以", "就是", "所以", "或者", "话", "来", "据", "听", "再", "虽")
# Groups and anonymous speakers (speaker_label).
GROUP_SPEAKERS = tuple(sorted(set("""
    企业家们 企业家 学员们 学员 代表们 与会代表 与会嘉宾 与会者 嘉宾们 专家们 专家 业内人士 相关负责人
    有关负责人 负责人 工作人员 参会企业 受访者 市民 村民 居民 师生 同学们 大家
""".split()), key=len, reverse=True))
# Words before a group that are part of its label (与会代表们, 参会企业家).
GROUP_LEADS = ("与会", "参会", "参展", "参训", "在场", "现场", "全体", "广大")
# Occasions of speech between a speaker and the verb, without 在 (刘某致辞时说).
SPEECH_OCCASIONS = ("致辞", "致词", "发言", "讲话", "演讲", "作报告", "接受采访", "接受记者采访", "受访",
                    "总结", "交流")
PRONOUNS = ("他", "她")
GROUP_PRONOUNS = ("他们", "她们")
# Adverbials between a speaker and the speech verb (李冠华也表示, 王某在发言中提到).
SPEECH_ADVERBS = tuple(sorted(set("""
    也 还 则 又 更 都 也都 纷纷 同时 同样 随后 最后 首先 进一步 再次 多次 坦率地 坚定地 深有感触地
    对记者 向记者 接受采访时 在接受采访时 一致 普遍 均 都 也纷纷 接着 随即 继而 还接着
""".split()), key=len, reverse=True))
