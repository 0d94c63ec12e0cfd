from hypothesis import given, settings
from hypothesis import strategies as st

from kb.ingest.extract.document import Document
from kb.ingest.extract.organisations import find_organisations
from kb.ingest.extract.regions import find_regions
from tests.ingest.extract.seed_articles import (
    article_document,
    expected,
    full_gazetteer,
    gazetteer,
    org_names,
    score,
    seed_document,
    seed_stems,
)
from tests.ingest.extract.strategies import alphabet, documents


def orgs_of(text: str, damaged=()):
    doc = Document(text, damaged=list(damaged))
    return find_organisations(doc, find_regions(doc, gazetteer()), gazetteer())


def names(text: str, damaged=()) -> list[str]:
    return [o.name for o in orgs_of(text, damaged)]


def by_name(orgs, name):
    return next(o for o in orgs if o.name == name)


# --- suffixes and boundaries ----------------------------------------------------------


def test_company_after_comma_is_whole_name():
    orgs = orgs_of("4月17日,上海宝藤生物医药科技股份有限公司首席运营官梅卫玲授课。")
    org = by_name(orgs, "上海宝藤生物医药科技股份有限公司")
    assert org.kind == "company"
    assert org.region_key == "310000"


def test_left_boundary_stops_at_preposition_and_verb():
    assert names("企业家们在深圳数据交易所座谈。") == ["深圳数据交易所"]
    assert names("代表团走进苏州吴中生物医药产业园参观。") == ["苏州吴中生物医药产业园"]
    assert names("他结识了来自安徽合肥的阳光电源股份有限公司的朋友。") == ["阳光电源股份有限公司"]


def test_enumeration_splits_names():
    found = names("主办单位为浙江省医院协会、浙江省医药行业协会和杭州医药港管理办公室。")
    assert found == ["浙江省医院协会", "浙江省医药行业协会", "杭州医药港管理办公室"]


def test_name_with_place_in_brackets_keeps_it():
    found = names("天合富奥汽车安全系统(长春)有限公司副总经理刘兴治说。")
    assert found == ["天合富奥汽车安全系统(长春)有限公司"]
    assert by_name(orgs_of("由中新社(北京)国际传播集团有限公司指导。"),
                   "中新社(北京)国际传播集团有限公司").region_key == "110000"


def test_full_width_brackets_are_normalised():
    assert names("天合富奥汽车安全系统（长春）有限公司成立。") == ["天合富奥汽车安全系统(长春)有限公司"]


def test_legal_form_after_bracketed_place_is_one_name():
    assert names("中创新航技术研究院(江苏)有限公司博士马瑞军发言。") == ["中创新航技术研究院(江苏)有限公司"]


def test_branch_has_parent_and_parent_is_kept():
    orgs = orgs_of("由中新社(北京)国际传播集团有限公司浙江分公司主办。")
    branch = by_name(orgs, "中新社(北京)国际传播集团有限公司浙江分公司")
    assert branch.parent_name == "中新社(北京)国际传播集团有限公司"
    assert branch.kind == "company"
    assert "中新社(北京)国际传播集团有限公司" in [o.name for o in orgs]


def test_branch_of_association_is_association():
    org = by_name(orgs_of("中国产业发展促进会产业创新集群分会主办。"), "中国产业发展促进会产业创新集群分会")
    assert (org.kind, org.parent_name) == ("association", "中国产业发展促进会")


def test_conjunction_inside_academic_unit_is_kept():
    orgs = orgs_of("北京大学软件与微电子学院健康智算实验室主任田佑中作报告。")
    assert "北京大学软件与微电子学院" in [o.name for o in orgs]
    lab = by_name(orgs, "北京大学软件与微电子学院健康智算实验室")
    assert lab.parent_name == "北京大学软件与微电子学院"


def test_conjunction_between_two_names_splits_them():
    assert names("浙江大学与南京大学签约。") == ["浙江大学", "南京大学"]


def test_government_department_with_conjunction_in_its_name():
    assert names("论坛由浙江省经济和信息化厅主办。") == ["浙江省经济和信息化厅"]
    assert orgs_of("论坛由浙江省经济和信息化厅主办。")[0].kind == "government"


def test_brand_with_stop_character_is_kept():
    assert names("参观华为技术有限公司。") == ["华为技术有限公司"]
    assert "新希望六和股份有限公司" in names("走进新希望六和股份有限公司。")


def test_ordinal_before_body_is_not_part_of_it():
    assert names("第十二届全国政协副主席马培华表示。") == ["全国政协"]
    assert names("再次发布一批12个长三角创新联合体。") == ["长三角创新联合体"]


def test_party_and_government_kinds():
    orgs = orgs_of("全国政协常委、浙江省政协副主席、民建浙江省委会主委陈小平,上海市经信委综合规划处处长陈斐斐。")
    kinds = {o.name: o.kind for o in orgs}
    assert kinds == {"全国政协": "party", "浙江省政协": "party", "民建浙江省委会": "party",
                     "上海市经信委": "government"}


def test_committee_without_place_is_no_name():
    assert names("落实省委关于支持民营经济相关要求。") == []


def test_generic_phrases_are_not_organisations():
    text = ("本次大会邀请政府部门、龙头企业、重点企业、高校院所和金融机构代表参加,"
            "产业链上下游企业协同创新。上海张江科学城的生物医药实验室热火朝天。")
    assert names(text) == []


def test_verbs_and_pronouns_before_suffix_are_not_names():
    assert names("我们公司的融资需求很大,也许联合体的形式可以借鉴。大学生学会了技巧,集团化招聘。") == []


def test_quoted_generic_name_is_an_organisation():
    orgs = orgs_of("大会现场揭牌成立“生物医药创新联盟”。")
    assert [(o.name, o.kind) for o in orgs] == [("生物医药创新联盟", "alliance")]


def test_person_glued_before_organisation_is_cut_off():
    text = "探索。许建江苏凯达重工股份有限公司总经理江苏凯达重工:以“一米”变“万尺”"
    assert names(text)[0] == "江苏凯达重工股份有限公司"


def test_locative_province_and_city_before_company_are_dropped():
    orgs = orgs_of("代表团在广东佛山美的集团股份有限公司参观调研。")
    assert [o.name for o in orgs] == ["美的集团股份有限公司"]


def test_zone_of_gazetteer_is_not_an_organisation():
    assert names("长春新区组织企业家赴上海考察。") == []


def test_damaged_span_drops_names_that_touch_it():
    text = "上海市科学技术委员会主任骆大进说。"
    assert names(text, damaged=[(1, 3)]) == []
    assert names(text, damaged=[(0, 2)]) == []


# --- short names ----------------------------------------------------------------------------


def test_short_names_resolve_to_full_name():
    text = ("浙江晶盛机电股份有限公司朱亮来参会。晶盛机电是业界翘楚。"
            "浙江晶盛机电便是牵头企业。")
    org = orgs_of(text)[0]
    assert org.name == "浙江晶盛机电股份有限公司"
    assert sorted(org.aliases) == ["晶盛机电", "浙江晶盛机电"]
    assert [m.short for m in org.mentions] == [False, True, True]


def test_two_character_short_name_needs_word_boundaries():
    text = "联影集团董事长薛敏说。联影是龙头企业。他觉得联影响力很大。"
    org = orgs_of(text)[0]
    assert [m.text for m in org.mentions] == ["联影集团", "联影"]


def test_short_name_chain_resolves_to_legal_name():
    text = "美的集团股份有限公司成立。美的集团AI支撑制造业转型,探访美的、汇川技术等标杆企业。"
    orgs = orgs_of(text)
    midea = by_name(orgs, "美的集团股份有限公司")
    assert sorted(midea.aliases) == ["美的", "美的集团"]


def test_same_body_with_fuller_place_is_one_organisation():
    text = "无锡市新吴区工商联组织考察。本次活动由新吴区工商联组织。"
    orgs = orgs_of(text)
    assert [(o.name, o.aliases) for o in orgs] == [("无锡市新吴区工商联", ["新吴区工商联"])]


def test_declared_abbreviation_is_an_alias():
    doc = article_document("extract_agreement_shanghai.txt")
    orgs = find_organisations(doc, find_regions(doc, gazetteer()), gazetteer())
    commission = by_name(orgs, "上海市经济和信息化委员会")
    assert commission.aliases == ["市经信委"]
    assert [m.short for m in commission.mentions] == [False, True, True, True]


def test_place_then_another_place_is_a_body():
    assert names("上海市江苏商会举行年会。") == ["上海市江苏商会"]


def test_conjunction_word_inside_name_is_kept():
    assert names("福州海峡两岸和平统一促进会会长陈某出席。") == ["福州海峡两岸和平统一促进会"]


def test_ji_joins_two_names():
    assert names("宁波市商会暨宁波市企业家协会举行年会。") == ["宁波市商会", "宁波市企业家协会"]


def test_date_before_name_is_not_part_of_it():
    assert names("2004年民建中央在北京创办课堂。") == ["民建中央"]


def test_place_before_national_name_is_where_it_is():
    assert names("学员们赴北京中国人民大学学习。") == ["中国人民大学"]


def test_department_of_government_is_a_branch_with_parent():
    org = by_name(orgs_of("上海市人民政府合作交流办公室主任杨某出席。"), "上海市人民政府合作交流办公室")
    assert (org.kind, org.parent_name) == ("government", "上海市人民政府")


def test_government_named_only_in_its_departments_is_their_parent():
    orgs = orgs_of("国务院发展研究中心副主任陈某出席。上海市人民政府合作交流办公室主任杨某出席。")
    assert [(o.name, o.parent_name) for o in orgs] == [
        ("国务院发展研究中心", "国务院"), ("上海市人民政府合作交流办公室", "上海市人民政府")]
    # … and an organisation of the article when it is named on its own too.
    orgs = orgs_of("上海市人民政府合作交流办公室主任杨某出席。上海市人民政府发布通知。")
    assert [o.name for o in orgs] == ["上海市人民政府合作交流办公室", "上海市人民政府"]


def test_bare_bodies_take_the_place_of_the_chain():
    text = "上海市政协副主席、市工商联主席、市总商会会长寿某出席。江苏省工商联主席、省总商会会长刘某出席。"
    assert names(text) == ["上海市政协", "上海市工商联", "上海市总商会", "江苏省工商联", "江苏省总商会"]


def test_bare_body_without_a_clear_place_is_dropped():
    assert names("县委、县政府和县企业家协会组织企业家赴新加坡研修。") == []


def test_party_department_after_committee_joins_it():
    text = "上海市松江区区委统战部主办。上海市松江区区委常委、区委统战部部长张某出席。"
    orgs = orgs_of(text)
    assert [o.name for o in orgs] == ["上海市松江区区委统战部", "上海市松江区区委"]
    assert orgs[0].kind == "party"
    assert [m.text for m in orgs[0].mentions] == ["上海市松江区区委统战部", "区委统战部"]


def test_administration_after_development_zone_joins_it():
    text = "常州经济开发区党工委书记、管委会主任王某致辞。"
    assert names(text) == ["常州经济开发区党工委", "常州经济开发区管委会"]


# --- names without a suffix ----------------------------------------------------------------


def test_organisation_without_suffix_is_a_company_only_by_its_trade_word():
    orgs = orgs_of("两岸企业家峰会秘书长马某、理想汽车副总裁李某出席。")
    assert [(o.name, o.kind) for o in orgs] == [("两岸企业家峰会", "other"), ("理想汽车", "company")]


def test_apposition_slot_gives_organisation_without_suffix():
    orgs = orgs_of("理想汽车副总裁李冠华、天合富家能源股份有限公司董事长高海纯发言。理想汽车深耕人工智能。")
    ideal = by_name(orgs, "理想汽车")
    assert ideal.kind == "company" and not ideal.uncertain
    assert len(ideal.mentions) == 2


def test_regional_title_is_not_part_of_organisation():
    assert names("腾讯云上海区域总经理朱常鑫参加了培训。") == ["腾讯云"]


def test_bare_city_committee_is_the_article_city():
    text = "常州新动向。市委书记陈金虎主持召开座谈会。常州分别召开座谈会,常州提出加快发展。"
    org = orgs_of(text)[0]
    assert (org.name, org.kind, org.region_key) == ("常州市委", "party", "320400")
    assert org.mentions[0].text == "市委"


def test_bare_committee_without_clear_city_is_skipped():
    assert names("市委书记王某主持会议。") == []


def test_enumeration_with_known_organisation_is_uncertain():
    orgs = orgs_of("浙江晶盛机电与上海新昇半导体材料、浙江大学等共建。")
    assert ("上海新昇半导体材料", True) in [(o.name, o.uncertain) for o in orgs]
    assert by_name(orgs, "浙江大学").uncertain is False


def test_enumeration_of_ordinary_words_gives_nothing():
    assert names("综合运用了专题讲座、现场教学、小组讨论等多种教学方式。") == []


def test_class_noun_apposition_is_uncertain():
    orgs = orgs_of("由江苏企业思必驰牵头,联合上海交大等单位共建。")
    assert [(o.name, o.kind, o.uncertain) for o in orgs] == [
        ("思必驰", "company", True), ("上海交大", "university", True)]


# --- government bodies, zones and short forms ------------------------------------------------


def orgs_full(text: str):
    doc = Document(text)
    return find_organisations(doc, find_regions(doc, full_gazetteer()), full_gazetteer())


def test_agencies_named_with_shu():
    orgs = orgs_full("香港特别行政区政府创新科技署署长潘某表示,海关总署副署长赵某出席。双方签署了协议,部署了任务。")
    assert "香港特别行政区政府创新科技署" in [o.name for o in orgs]
    assert "海关总署" in [o.name for o in orgs]
    assert not any(o.name.endswith(("签署", "部署")) for o in orgs)


def test_federation_of_industries_after_a_place():
    assert [o.name for o in orgs_full("活动由上海工业总会协办,问题总会解决。")] == ["上海工业总会"]


def test_places_counted_are_no_name():
    assert names("两省政府签署协议,长三角三地政府部门负责人出席。") == []


def test_class_noun_before_de_is_no_brand():
    assert names("高校的实验室要和企业对接。") == []


def test_words_after_deng_name_a_class_of_organisations():
    assert "快递物流公司" not in names("顺丰速运有限公司、韵达等快递物流公司在此布局。")


def test_campus_in_brackets_belongs_to_the_university():
    assert names("中国矿业大学(北京)教授刘某出席。") == ["中国矿业大学(北京)"]
    assert names("校方与中国矿业大学(北京)签约。") == ["中国矿业大学(北京)"]


def test_centre_named_by_trade_words_is_a_goal():
    assert names("要把长三角建成具有影响力的科技创新中心。") == []
    assert names("国家集成电路创新中心主任张某出席。") == ["国家集成电路创新中心"]


def test_working_committee_and_administration_of_a_zone():
    text = "常州经济开发区党工委委员、管委会副主任王某出席。常州经济开发区管理委员会与三家企业签约。"
    orgs = orgs_of(text)
    assert [(o.name, o.kind) for o in orgs] == [
        ("常州经济开发区党工委", "party"), ("常州经济开发区管理委员会", "government")]
    assert [m.text for m in orgs[1].mentions] == ["管委会", "常州经济开发区管理委员会"]


def test_zone_named_by_its_kind_is_no_organisation():
    assert names("园区党工委书记王某表示,新区管委会将提供服务。") == []


def test_department_of_a_named_zone():
    assert names("滨江经济开发区交通运输局负责人出席。") == ["滨江经济开发区交通运输局"]


def test_short_department_name_is_the_full_one():
    orgs = orgs_of("江苏省科学技术厅主办,省科技厅副厅长李某出席。")
    assert [(o.name, len(o.mentions)) for o in orgs] == [("江苏省科学技术厅", 2)]
    orgs = orgs_of("省发改委副主任王某主持。会议由江苏省发展和改革委员会主办。")
    assert [(o.name, len(o.mentions)) for o in orgs] == [("江苏省发展和改革委员会", 2)]


def test_short_department_name_stays_out_when_two_provinces_fit():
    text = "会议由江苏省科学技术厅和浙江省科学技术厅主办,省科技厅副厅长李某出席。"
    assert names(text) == ["江苏省科学技术厅", "浙江省科学技术厅"]


def test_name_without_its_leading_places_is_a_short_mention():
    orgs = orgs_of("江苏长三角先进材料研究院揭牌。长三角先进材料研究院院长张某致辞。")
    assert [(o.name, o.aliases) for o in orgs] == [("江苏长三角先进材料研究院", ["长三角先进材料研究院"])]


def test_declared_short_name_after_a_place():
    text = "宁波舟山港集团有限公司(以下简称“港口集团”)与多家企业签约。宁波港口集团考察团一行来访。"
    orgs = orgs_of(text)
    assert [o.name for o in orgs] == ["宁波舟山港集团有限公司"]
    assert "宁波港口集团" in orgs[0].aliases


# --- seeds and hand-written articles ---------------------------------------------------------


def test_seeds_precision_and_recall():
    tp = fp = miss = 0
    for stem in seed_stems():
        doc = seed_document(stem)
        regions = find_regions(doc, full_gazetteer())
        found = find_organisations(doc, regions, full_gazetteer())
        t, f, m = score([o.name for o in found], expected(stem)["organisations"], org_names)
        tp, fp, miss = tp + len(t), fp + len(f), miss + len(m)
    assert tp / (tp + fp) >= 0.95
    assert tp / (tp + miss) >= 0.95


def test_seed_branch_kind_and_aliases():
    doc = seed_document("003_44b2adcac121026c")
    orgs = find_organisations(doc, find_regions(doc, full_gazetteer()), full_gazetteer())
    kinds = {o.name: (o.kind, o.parent_name) for o in orgs}
    assert kinds["中国产业发展促进会产业创新集群分会"] == ("association", "中国产业发展促进会")
    assert kinds["杭州医药港管理办公室"] == ("government", None)


def test_article_forum_organisations():
    doc = article_document("extract_forum_ningbo.txt")
    orgs = find_organisations(doc, find_regions(doc, gazetteer()), gazetteer())
    found = {o.name: o for o in orgs}
    assert set(found) == {
        "浙江省经济和信息化厅", "宁波市人民政府", "宁波市鄞州区人民政府", "浙江大学宁波研究院", "浙江大学",
        "中国信息通信研究院华东分院", "中国信息通信研究院", "阿里巴巴(中国)有限公司", "阿里云智能集团",
        "宁波均胜电子股份有限公司", "舜宇光学科技(集团)有限公司", "复旦大学", "南京大学",
        "中国科学技术大学", "长三角工业软件创新联合体"}
    assert found["中国信息通信研究院华东分院"].kind == "research"
    assert found["宁波均胜电子股份有限公司"].aliases == ["均胜电子"]


def test_article_training_organisations():
    doc = article_document("extract_training_chengdu.txt")
    orgs = find_organisations(doc, find_regions(doc, gazetteer()), gazetteer())
    found = {o.name: o for o in orgs}
    assert set(found) == {
        "成都市委统战部", "成都市工商业联合会", "成都高新区管委会", "电子科技大学", "成都市委",
        "电子科技大学经济与管理学院", "四川大学商学院", "四川大学", "成都京东方光电科技有限公司",
        "新希望六和股份有限公司", "四川金盾智能科技有限公司"}
    # 统战部 is mentioned alone, but a bare department is no alias of it.
    assert [m.text for m in found["成都市委统战部"].mentions] == ["成都市委统战部", "统战部"]
    assert found["成都市委统战部"].aliases == []


def test_article_of_generic_phrases_has_no_organisation():
    doc = article_document("extract_generic_noise.txt")
    assert find_organisations(doc, find_regions(doc, gazetteer()), gazetteer()) == []


def test_article_traps_give_only_real_organisations():
    doc = article_document("extract_traps.txt")
    orgs = find_organisations(doc, find_regions(doc, gazetteer()), gazetteer())
    assert [o.name for o in orgs] == ["华润医药集团有限公司", "复旦大学附属华山医院", "复旦大学"]


# --- properties --------------------------------------------------------------------------------

_ALPHABET = alphabet("公司集团有限股份大学研究院所协会联盟政协市委省浙江上海常州的和与在由"
                                 "走进(（)）、,。“”李王董事长总经理表示说新区企业家")


@given(documents(_ALPHABET))
@settings(max_examples=300, deadline=None)
def test_find_organisations_never_raises_and_keeps_spans_in_bounds(doc):
    n = len(doc.text)
    for org in find_organisations(doc, find_regions(doc, gazetteer()), gazetteer()):
        for m in org.mentions:
            assert 0 <= m.start < m.end <= n
            assert doc.text[m.start:m.end] == m.text
            assert not doc.is_damaged(m.start, m.end)


@given(st.text(max_size=60))
@settings(max_examples=200, deadline=None)
def test_find_organisations_never_raises_on_any_text(text):
    doc = Document(text)
    find_organisations(doc, find_regions(doc, gazetteer()), gazetteer())


# --- centres, bureaus, zones and other names (general rules) ------------------------------------


def test_centres_and_task_bureaus_are_names():
    assert names("由宁波市企业服务中心承办。") == ["宁波市企业服务中心"]
    assert names("东北大学国家技术转移中心与企业签约。") == ["东北大学国家技术转移中心", "东北大学"]
    assert names("深圳市投资推广促进局、青岛西海岸新区行政审批服务局参加。") == [
        "深圳市投资推广促进局", "青岛西海岸新区行政审批服务局"]
    assert by_name(orgs_of("由深圳市企业服务中心承办。"), "深圳市企业服务中心").kind == "other"


def test_centre_after_a_verb_of_aiming_is_a_goal():
    assert names("努力把长沙建设成为面向非洲的区域性国际交流中心。") == []
    assert names("全力打造成渝科技成果转移中心和人才服务中心。") == []
    assert names("政务服务中心一个窗口就能办理。") == []


def test_words_that_continue_a_suffix_end_no_name():
    assert names("要开创高质量发展局面,各有关商务部门要加强协作。") == []
    assert names("杭州市科技局部署了新一轮工作。") == ["杭州市科技局"]


def test_verbs_and_conjunctions_stop_a_name():
    assert names("全市各界并面向高新区企业发放补贴。") == []
    assert names("会上并举行创新联合体签约仪式。") == []
    assert names("他们在杭州举行创新联合体签约。") == []


def test_cross_border_descriptions_are_no_names():
    assert names("这是中部地区首个跨省产业创新联合体。") == []
    assert names("组建跨区域产业创新联合体。") == []


def test_hyphen_joins_two_places_in_one_name():
    assert "深圳-汕尾特别合作区管委会" in names("由深圳-汕尾特别合作区管委会主办。")


def test_youth_league_committees_and_ministry_units():
    assert names("共青团江苏省委、共青团南京市委联合主办。") == ["共青团江苏省委", "共青团南京市委"]
    assert names("由商务部外贸发展事务局指导。")[0] == "商务部外贸发展事务局"
    assert names("由工业和信息化部中小企业发展促进中心指导。")[0] == "工业和信息化部中小企业发展促进中心"


def test_place_and_verb_like_word_before_a_suffix():
    # 协同 stops a name (协同上海交通大学) unless what it leaves is no name.
    assert names("长三角协同创新研究院成立。") == ["长三角协同创新研究院"]
    assert names("协同上海交通大学开展研究。") == ["上海交通大学"]


def test_unit_of_a_university_with_a_conjunction_further_in():
    found = names("山东大学海洋生态保护与资源利用研究院揭牌。")
    assert found[0] == "山东大学海洋生态保护与资源利用研究院"
    assert names("会上,华为公司与区域发展研究院签约。") == ["华为公司"]


def test_place_the_gazetteer_lacks_before_a_government():
    assert names("会上,璧山区人民政府与企业签约。") == ["璧山区人民政府"]
    assert names("各区人民政府要落实责任。") == []


def test_zone_named_alone_is_the_zone_named_in_full():
    text = ("武汉东湖新技术开发区管委会主办。\n开发区党工委委员、管委会副主任李某出席。"
            "开发区企业服务局相关负责人介绍了情况。")
    found = {o.name: o for o in orgs_of(text)}
    assert "武汉东湖新技术开发区党工委" in found
    assert found["武汉东湖新技术开发区党工委"].aliases == ["开发区党工委"]
    assert "武汉东湖新技术开发区企业服务局" in found
    assert [m.text for m in found["武汉东湖新技术开发区管委会"].mentions] == [
        "武汉东湖新技术开发区管委会", "管委会"]


def test_zone_word_alone_with_two_zones_named_stays_unresolved():
    text = "成都高新区管委会、绵阳高新区管委会联合主办。高新区党工委书记王某出席。"
    assert set(names(text)) == {"成都高新区管委会", "绵阳高新区管委会"}


def test_class_leads_begin_a_name_after_a_place():
    assert names("浙江省民营企业发展促进会成立。") == ["浙江省民营企业发展促进会"]
    assert names("民营企业协会成立。") == []


def test_department_fields_after_a_university_do_not_continue_its_suffix():
    found = names("南京大学化学化工学院、复旦大学生命科学学院联合主办。")
    assert found[:2] == ["南京大学化学化工学院", "南京大学"]
    assert "复旦大学生命科学学院" in found
    assert names("大学生态度积极,集团化经营。") == []


def test_two_names_joined_by_a_conjunction_are_not_one():
    assert names("主城区人民政府和示范区人民政府负责落实。") == []
    assert names("新希望六和股份有限公司参展。") == ["新希望六和股份有限公司"]


def test_bureau_with_two_fields_after_a_government():
    found = names("由香港特别行政区政府商务及经济发展局、澳门特别行政区政府文化及体育事务局指导。")
    assert "香港特别行政区政府商务及经济发展局" in found
    assert "澳门特别行政区政府文化及体育事务局" in found


# --- real page shapes (written here) ------------------------------------------------------


def _names(text: str) -> list[str]:
    doc = Document(text)
    regions = find_regions(doc, full_gazetteer())
    return [o.name for o in find_organisations(doc, regions, full_gazetteer())]


def test_find_organisations_places_sharing_one_suffix():
    assert _names("上海市、江苏省、浙江省、安徽省人民政府联合主办。") == [
        "上海市人民政府", "江苏省人民政府", "浙江省人民政府", "安徽省人民政府"]
    assert _names("由江苏省无锡市、常州市,浙江省湖州市,安徽省宣城市人民政府共同签署。")[:3] == [
        "无锡市人民政府", "常州市人民政府", "湖州市人民政府"]


def test_find_organisations_a_level_word_after_a_body_is_the_same_places():
    assert _names("唐某代表丰都县委、县政府表示感谢。") == ["丰都县委", "丰都县人民政府"]


def test_find_organisations_hong_kong_names_keep_their_place():
    assert _names("香港中华总商会会长出席。香港中国企业协会发起。") == ["香港中华总商会", "香港中国企业协会"]


def test_find_organisations_meetings_projects_and_parties_are_no_bodies():
    assert _names("四方每年定期召开磋商会。汤原县黑木耳深加工项目开工。双方区人民政府签署协议。") == []



def test_find_organisations_a_place_written_in_full_that_begins_with_a_stop_word():
    assert "于都县纺织服装产业研究院" in _names("2021年,于都县纺织服装产业研究院成立。")


def test_find_organisations_a_roster_sentence_keeps_its_city_for_bare_bodies():
    # Two cities' leaders listed one after the other: each bare 市X belongs to
    # the city whose committee opened its part of the sentence.
    found = _names("宜宾市委书记张立新,市委副书记、市长王海燕,市人大常委会主任李建国,市政协主席赵明华;"
                   "绍兴市委书记陈志强,市委副书记、市长刘晓东,市政协主席周文斌出席。")
    assert "宜宾市人大常委会" in found and "宜宾市政协" in found
    assert "绍兴市政协" in found
    assert "宜宾市政协" in found and found.count("绍兴市人大常委会") == 0


def test_find_organisations_a_dash_joins_two_places_in_one_name():
    found = _names("中国—东盟中心投资部主任张立新在会上发言。")
    assert found == ["中国—东盟中心投资部"]


def test_find_organisations_a_ministry_department_named_by_two_fields():
    assert _names("商务部对外投资和经济合作司副司长张立新出席。") == ["商务部对外投资和经济合作司"]
    # A company after a government is another body, even with 与 between.
    assert _names("鹤岗市人民政府分别与华电集团有限公司签约。") == ["鹤岗市人民政府", "华电集团有限公司"]


def test_find_organisations_a_title_modifier_is_no_part_of_the_body():
    assert _names("新加坡国家发展部政务部长张立新出席。") == ["新加坡国家发展部"]


def test_find_organisations_a_ministry_department_after_its_ministry():
    found = _names("外交部亚洲司司长张立新、国家发改委地区司副司长王海燕出席。")
    assert found == ["外交部亚洲司", "国家发改委地区司"]
    # The 司 of a title, and a company, are no department.
    assert _names("商务部副司长李建国出席。") == ["商务部"]


def test_find_organisations_a_party_committee_right_after_its_region():
    assert _names("广西壮族自治区党委书记张立新出席。") == ["广西壮族自治区党委"]
    # After an organisation, 党委 belongs to the title.
    assert _names("常州工学院党委书记王海燕出席。") == ["常州工学院"]


def test_find_organisations_page_furniture_and_former_marks_are_no_part_of_a_name():
    assert _names("(转载)关中平原城市群区域合作办公室召开会议。") == ["关中平原城市群区域合作办公室"]
    assert "浙江省开发区协会" in _names("浙江省开发区研究会(原浙江省开发区协会)主办。")


def test_find_organisations_a_clause_is_no_name_but_a_brand_with_de_is():
    assert _names("会议要求河南省辖市的市政府和商务局做好对接。") == []
    assert _names("美的集团股份有限公司参加签约。") == ["美的集团股份有限公司"]


def test_find_organisations_dui_before_a_country_stays_in_the_name():
    assert _names("吉林省对韩经贸合作促进会会长张立新出席。") == ["吉林省对韩经贸合作促进会"]


def test_find_organisations_the_commission_written_without_he():
    assert _names("国家发展改革委有关负责同志出席。") == ["国家发展改革委"]


# --- class phrases and second names (real pages) ------------------------------------


def test_ministry_with_conjunction_keeps_whole_name_before_its_unit():
    found = names("会上，文化和旅游部亚洲旅游交流中心主任助理王明作介绍。")
    assert "文化和旅游部亚洲旅游交流中心" in found
    assert "旅游部亚洲旅游交流中心" not in found


def test_second_name_in_brackets_is_the_same_body():
    found = names("湖北省委党校(行政学院)干部研修班在武汉市委党校（行政学院）开班。")
    assert "行政学院" not in found
    assert "湖北省委党校" in found and "武汉市委党校" in found


def test_counted_bodies_are_a_class():
    assert names("本市联合周边三县共21个行业公协会成立服务平台。") == []
    assert names("共有5家商会参加。") == []


def test_policy_and_rank_words_alone_are_no_name():
    found = names("两地携手共建的省级高新技术产业开发区发展迅速，将建设共同富裕示范区，争创世界一流大学。")
    assert found == []


def test_name_after_a_class_phrase_starts_at_its_place():
    assert names("开发区联手国际化知名集团公司杭州鸿发集团共建园区。") == ["杭州鸿发集团"]


def test_verb_before_a_suffix_is_no_name():
    assert names("嘉宾一同按下按钮，象征联合会正式成立。") == []
    assert names("选出了包括会长、秘书长在内的联盟理事会。") == []


def test_two_parties_joined_by_a_conjunction_are_no_government():
    found = names("秘书长介绍杭州商联为企业与政府之间搭建桥梁。")
    assert not any(n.endswith("与政府") for n in found)


def test_each_city_of_a_province_is_a_class():
    assert not any("各地市" in n for n in names("厦大福建省各地市校友会负责人出席。"))


def test_department_of_a_national_administration_in_a_title_slot():
    assert names("国家林业和草原局国际合作司副司长王明出席。") == ["国家林业和草原局国际合作司"]
    assert names("科技部国际合作司司长李华说。") == ["科技部国际合作司"]


def test_chambers_from_elsewhere_are_a_class():
    assert names("座谈会上，杭州异地商会代表发言。") == []


def test_each_party_inside_a_name_is_a_class():
    assert names("泛北合作各方联络办公室负责人列席会议。") == []


def test_taking_office_inside_a_name_ends_it():
    found = names("杭州远航机械有限公司董事长李强当选商会会长。")
    assert found == ["杭州远航机械有限公司"]


def test_time_word_and_verbs_before_a_suffix_are_no_name():
    assert names("今后该商会将继续发挥桥梁作用。") == []
    assert names("会议要求全面提升新形势下开发区的治理能力。") == []


def test_rank_phrase_before_a_company_is_no_part_of_it():
    assert not any("500强" in n for n in names("世界500强企业杭州远航机械有限公司落户园区。"))


def test_visiting_verbs_and_mainland_are_boundaries():
    found = names("代表团参访澳门大学,随后到访杭州博物馆。大陆国务院台办发言人表示。")
    assert "澳门大学" in found and "国务院台办" in found
    assert not any(n.startswith(("参访", "到访", "大陆")) for n in found)


def test_rank_of_a_museum_is_no_name():
    assert names("这是一座国家一级博物馆。") == []


def test_each_trade_and_two_levels_joined_are_classes():
    assert names("中彰投苗各产业协会联合展示特色产品。") == []
    assert not any("及市" in n for n in names("活动得到广东省及市政府支持。"))


def test_bare_bodies_after_a_leader_of_one_of_two_provinces_are_his_provinces():
    text = ("浙江、江苏两省交流座谈会在杭州举行。浙江省委书记王明代表省委、省人大常委会、"
            "省政府、省政协对江苏省代表团表示欢迎。")
    found = names(text)
    assert {"浙江省人大常委会", "浙江省人民政府", "浙江省政协"} <= set(found)
    assert not any(n.startswith("江苏省") for n in found)


def test_liaison_and_affairs_offices_are_government_departments():
    found = names("中央政府驻港联络办副主任王明、广东省委港澳办主任李华出席。")
    assert "中央政府驻港联络办" in found and "广东省委港澳办" in found


def test_verbs_of_being_asked_and_quoting_are_boundaries():
    found = names("市委书记王明受浙江省委委托出席。该文摘自中央电视台。")
    assert "浙江省委" in found
    assert not any(n.startswith(("受", "摘自")) for n in found)


def test_bare_bodies_with_a_title_after_them_keep_the_articles_city():
    text = ("嘉兴市委副书记、市长王强,副市长、海宁市委书记李军,市政协副主席、"
            "市交通运输局局长张华出席。")
    found = names(text)
    assert "嘉兴市政协" in found and "海宁市政协" not in found


def test_taiwan_and_hong_kong_bodies_by_their_usual_names():
    found = names("台中市经发局、高雄市农会和西贡区区议会代表出席。")
    assert {"台中市经发局", "高雄市农会", "西贡区区议会"} <= set(found)


def test_a_university_before_its_presidents_title_ends_at_daxue():
    assert names("浙江工业大学校长王明出席。") == ["浙江工业大学"]


def test_signing_verbs_are_boundaries_before_a_company():
    found = names("与杭州远航机械有限公司董事长李强签订杭州远航科创中心有限责任公司合作协议。")
    assert "杭州远航科创中心有限责任公司" in found
    assert not any("签订" in n for n in found)


def test_committee_and_government_written_as_one_word_are_two_bodies():
    found = names("浙江省委省政府高度重视。要落实党中央国务院部署。")
    assert {"浙江省委", "浙江省人民政府", "党中央", "国务院"} <= set(found)
    assert "浙江省委省政府" not in found and "党中央国务院" not in found


def test_a_title_and_a_name_inside_a_list_end_the_name():
    found = names("嘉兴市委办公室主任郭新华及三地发改委负责人出席。")
    assert not any("郭新华" in n for n in found)


def test_units_set_up_inside_a_body_are_no_names():
    assert names("研究院实行管理委员会领导下的院长负责制,设立学术咨询委员会,研究院下设若干个研究所。") == []


def test_find_organisations_a_verb_phrase_before_a_suffix_is_no_name():
    found = names("会议就建立商会达成共识,会员共同审议联盟章程,与会代表表决出联盟理事会。")
    assert not any(n.startswith(("就", "建立", "共同", "表决")) for n in found), found


def test_find_organisations_a_name_after_a_founding_verb_keeps_its_own_start():
    found = names("两地将合作建立洛河·伊川产业园,推动产业转移。")
    assert "建立洛河·伊川产业园" not in found


def test_find_organisations_a_title_in_a_list_is_no_body():
    assert "市长" not in names("市长助理、市商务局局长刘平介绍了情况。")
