from hypothesis import given, settings
from hypothesis import strategies as st

from kb.ingest.extract.document import Document
from kb.ingest.extract.quotes import find_quotes, quote_pairs
from tests.ingest.extract.seed_articles import (
    article_document,
    expected,
    extract,
    full_gazetteer,
    quote_matches,
    seed_document,
    seed_stems,
)
from tests.ingest.extract.strategies import alphabet, documents


def quotes_of(text: str, damaged=(), captions=()):
    doc = Document(text, damaged=list(damaged), captions=list(captions))
    _, _, quotes, terms = extract(doc)
    return quotes, terms


def said(text: str, **kwargs) -> list[tuple[str, str, str]]:
    """(kind, speaker or [label], first words) of each quote."""
    quotes, _ = quotes_of(text, **kwargs)
    return [(q.kind, q.speaker or f"[{q.speaker_label}]", q.text[:8]) for q in quotes]


def terms_of(text: str) -> list[str]:
    return [t.text for t in quotes_of(text)[1]]


# --- quotation marks ------------------------------------------------------------------------


def test_quote_pairs_keep_outer_pair_and_stay_in_paragraph():
    text = "“张江的经验证明,只有打通‘政产学研用’全链条。”他说。\n“未闭合\n“好”"
    assert quote_pairs(text) == [(0, 24), (34, 36)]
    assert quote_pairs('他说"这样很好"。「对」') == [(2, 7), (9, 11)]


# --- direct quotes and their speakers ------------------------------------------------------


def test_speaker_after_quote_with_chain_and_verb():
    text = "“数字化转型不是选择题,而是生存题。”长春近江汽车零部件有限公司董事长李刚坦言,“华为的经验告诉我们,必须从顶层设计入手。”"
    quotes, _ = quotes_of(text)
    assert [(q.kind, q.speaker, q.speaker_title, q.speaker_organisation) for q in quotes] == [
        ("direct", "李刚", "董事长", "长春近江汽车零部件有限公司"),
        ("direct", "李刚", "董事长", "长春近江汽车零部件有限公司")]
    assert quotes[0].text == "数字化转型不是选择题,而是生存题。"
    assert text[quotes[0].speaker_start:quotes[0].speaker_end] == "李刚"


def test_speaker_after_quote_with_evaluative_phrase():
    text = "“这个行业靠一家企业单打独斗不行。”联影集团董事长薛敏斩钉截铁。"
    assert said(text) == [("direct", "薛敏", "这个行业靠一家企")]
    text = "“我们正在共同研究战略布局。”上海市科学技术委员会主任骆大进信心满满。"
    assert said(text) == [("direct", "骆大进", "我们正在共同研究")]


def test_speaker_after_quote_with_title_after_name_and_manner():
    text = "“这里的茶叶这么好,应该打出品牌。”王海燕委员颇为感慨地说,“包装还要再下功夫。”"
    assert said(text) == [("direct", "王海燕", "这里的茶叶这么好"), ("direct", "王海燕", "包装还要再下功夫")]
    assert said("“路修好了,山货就出得去。”李春生笑着说。") == [("direct", "李春生", "路修好了,山货就")]


def test_pronoun_skips_a_leader_named_for_his_instructions():
    text = ("省委书记李明向代表团表示欢迎,对两地认真落实习近平总书记重要指示精神表示肯定。"
            "他说,两地协作成效显著。")
    assert said(text)[-1] == ("indirect", "李明", "两地协作成效显著")


def test_speaker_before_quote_with_colon():
    text = "天合富奥汽车安全系统(长春)有限公司副总经理刘兴治感慨道:“AI发展赋予了传统制造业新的生命力。”"
    assert said(text) == [("direct", "刘兴治", "AI发展赋予了传")]


def test_speaker_in_the_words_to_quote_him():
    text = "联影集团董事长薛敏说,联影成立于2011年。\n“行业发展要靠体系的完善。”用薛敏的话说,长三角的条件“天时地利人和”。"
    assert said(text)[-1] == ("direct", "薛敏", "行业发展要靠体系")
    assert terms_of(text) == ["天时地利人和"]


def test_quote_opening_paragraph_takes_speaker_of_next_sentence():
    text = ("“通过此次培训,认识了很多企业家朋友,为将来的合作奠定了良好基础。”日前,在培训班结业后,"
            "浙江海宁力泰微电子装备股份有限公司董事长李元雄感触颇深。")
    assert said(text) == [("direct", "李元雄", "通过此次培训,认")]


def test_quote_in_sentence_of_its_subject():
    text = "这次,浙江晶盛机电股份有限公司朱亮带着任务来参会,“牵手”合作伙伴,“最终目的是实现产业链国产化,彻底摆脱束缚。”"
    assert said(text) == [("direct", "朱亮", "最终目的是实现产")]
    assert terms_of(text) == ["牵手"]


def test_follow_up_quote_keeps_the_speaker():
    text = ("杭州市政协副主席毛溪浩介绍,杭州正牢牢把握科技创新这一关键路径。"
            "“我们将以本次大会为契机,进一步加强跨区域协作。”")
    assert said(text) == [("indirect", "毛溪浩", "杭州正牢牢把握科"), ("direct", "毛溪浩", "我们将以本次大会")]


def test_follow_up_stops_at_another_named_speaker():
    text = ("无锡华光环保能源集团股份有限公司副总经理黄静说:“园区的营商环境给我们留下了深刻印象。”\n"
            "“这次考察让我们看到了差距,也看到了方向。”参加考察的企业家高峰告诉记者。")
    assert said(text) == [("direct", "黄静", "园区的营商环境给"),
                          ("direct", "[参加考察的企业家高峰]", "这次考察让我们看")]


def test_only_person_of_paragraph_is_the_speaker():
    text = ("上海长三角医药创新发展研究中心主任袁安根看到这一幕,很受启发。2023年6月,上海长三角医药创新发展研究中心成立。"
            "“研究中心同样涉及高校院所、临床医院等主体,也许联合体的形式可以借鉴。”")
    assert said(text) == [("direct", "袁安根", "研究中心同样涉及")]


def test_group_speaker_after_quote():
    text = "“这是一次解放思想、开阔视野的‘学习收获之行’!”企业家们达成了这样的共识。"
    assert said(text) == [("direct", "[企业家们]", "这是一次解放思想")]


def test_statement_without_speaker_is_kept_and_saying_is_a_term():
    text = "今年全国两会期间,习近平总书记要求江苏“牢牢把握高质量发展这个首要任务,因地制宜加快发展新质生产力。”"
    assert said(text) == [("direct", "习近平", "牢牢把握高质量发")]
    text = "前文。\n“他山之石,可以攻玉。”六天的行程中,新区的企业家们学习了很多。"
    assert said(text) == []
    assert terms_of(text) == ["他山之石,可以攻玉。"]


def test_short_quotes_are_terms():
    text = ("长春新区开展“创新发展 合作共赢”企业家考察活动,采用“专题讲座+现场教学+座谈交流”模式。"
            "加快“智改数转网联”,以“新能源之都”建设为引领,请重点企业“掌舵人”发言。“国产化”,这是高频词汇。")
    assert said(text) == []
    assert terms_of(text) == ["创新发展 合作共赢", "专题讲座+现场教学+座谈交流", "智改数转网联",
                              "新能源之都", "掌舵人", "国产化"]


def test_quoted_term_inside_a_title_is_a_term():
    assert terms_of("以《“十五五”中国与长三角的挑战与机遇》为题发表主旨演讲。") == ["十五五"]


def test_corner_brackets_and_straight_quotes():
    text = '华润医药集团有限公司董事长陈刚说:「我们今年计划招聘800名大学生。」'
    assert said(text) == [("direct", "陈刚", "我们今年计划招聘")]
    text = '华润医药集团有限公司董事长陈刚说:"我们今年计划招聘800名大学生。"'
    assert said(text) == [("direct", "陈刚", "我们今年计划招聘")]


# --- indirect speech -----------------------------------------------------------------------------


def test_indirect_speech_runs_to_the_end_of_the_sentence():
    text = "第十二届全国政协副主席马培华表示,希望长三角能够勇担使命;在协同创新上迈向更高水平。下一句。"
    quotes, _ = quotes_of(text)
    assert [(q.kind, q.speaker, q.text) for q in quotes] == [
        ("indirect", "马培华", "希望长三角能够勇担使命;在协同创新上迈向更高水平")]


def test_indirect_speech_with_adverbial_and_pronoun():
    text = ("阳光电源股份有限公司行政中心总经理何为参加培训。阳光电源的何为对此次培训班也给予了高度评价。"
            "他说,以前因为参与得比较少,理解得不是很清晰。王存山在发言中提到,创新研发是第一生产力。")
    assert said(text) == [("indirect", "何为", "以前因为参与得比"), ("indirect", "王存山", "创新研发是第一生")]
    text = "常州旭荣针织印染有限公司总厂长王存山发言。王存山在发言中提到,创新研发是第一生产力。"
    assert said(text) == [("indirect", "王存山", "创新研发是第一生")]


def test_indirect_speech_of_groups():
    text = ("松江区组织部相关负责人表示,首期培训班由松江区和合肥市联合主办。"
            "在结业仪式上,学员表示,这次培训综合运用了多种教学方式。有专家表示,要加强合作。")
    assert said(text) == [("indirect", "[松江区组织部相关负责人]", "首期培训班由松江"),
                          ("indirect", "[学员]", "这次培训综合运用"),
                          ("indirect", "[专家]", "要加强合作")]


def test_speech_verbs_without_speaker_give_nothing():
    text = "人们常说,一流的企业背后是一流的生态。可以说,这是第一次。比如说到研究院,他们纷纷表示,将带领企业前进。"
    assert said(text) == []


def test_pronoun_prefers_the_speaker_of_the_paragraph():
    text = "普陀区委副书记赵亮等出席会议。\n上海市政协副主席寿子琪表示,商会已成为重要纽带。他指出,要坚定发展信心。"
    assert said(text) == [("indirect", "寿子琪", "商会已成为重要纽"), ("indirect", "寿子琪", "要坚定发展信心")]


def test_manner_words_and_double_verbs_before_speech():
    text = "大会组委会秘书长张三感慨地说,大会规模创下新高。张三介绍说,明年将扩大规模。"
    assert said(text) == [("indirect", "张三", "大会规模创下新高"), ("indirect", "张三", "明年将扩大规模")]


def test_responsible_person_of_an_unnamed_organisation():
    assert said("华为相关负责人表示,将加大在长三角的投入。") == [
        ("indirect", "[华为相关负责人]", "将加大在长三角的")]


def test_quoted_list_of_names_is_no_statement():
    text = "大会揭牌“上海交大技术转移中心分中心、江苏省人工智能学院、浙江省工程研究中心”三个项目。"
    assert said(text) == []


def test_quote_whose_closing_mark_is_damaged_ends_at_the_damage():
    text = "浙江晶盛机电股份有限公司朱亮带着任务来参会,“最终目的是实现产业链国产化,彻底摆脱束缚?!?\n下一段。"
    start = text.index("?!?")
    quotes, _ = quotes_of(text, damaged=[(start, start + 3)])
    assert [(q.speaker, q.text) for q in quotes] == [("朱亮", "最终目的是实现产业链国产化,彻底摆脱束缚")]


def test_person_named_as_object_is_no_speaker():
    text = "记者向联影集团董事长薛敏提问:“国产化还要多久才能在全行业实现?”"
    # Not 薛敏's words, and no one else is said to speak them: no quote.
    assert said(text) == []


def test_nothing_from_damaged_spans_or_captions():
    text = "“这个行业靠一家企业单打独斗不行。”联影集团董事长薛敏斩钉截铁。"
    assert said(text, damaged=[(3, 6)]) == []
    # With the speaker's name damaged, nobody is left to say it: no quote.
    assert said(text, damaged=[(20, 22)]) == []
    assert said(text) == [("direct", "薛敏", "这个行业靠一家企")]
    caption = "大会现场揭牌成立“生物医药创新联盟”。王刚 摄"
    assert quotes_of(caption, captions=[(0, len(caption))]) == ([], [])


def test_direct_quote_going_on_from_indirect_speech_after_a_comma():
    text = "宁波市副市长李某出席。她认为,港口是宁波最大的优势,“我们要用好这张牌,把港口做强。”"
    assert said(text) == [("indirect", "李某", "港口是宁波最大的"), ("direct", "李某", "我们要用好这张牌")]


def test_quote_before_someone_who_speaks_instead_is_not_theirs():
    text = ("宁波市副市长李某介绍,今年将新建两个码头,“我们希望港口和工厂靠得更近。”"
            "舟山市副市长王某则指出,两地要共建航线。")
    assert said(text) == [("indirect", "李某", "今年将新建两个码"), ("direct", "李某", "我们希望港口和工"),
                          ("indirect", "王某", "两地要共建航线")]


def test_group_labels_keep_their_lead_word():
    text = "与会代表们表示,论坛很有收获。参会企业家认为,合作空间很大。学员们普遍反映,课程设置合理。"
    assert said(text) == [("indirect", "[与会代表们]", "论坛很有收获"), ("indirect", "[参会企业家]", "合作空间很大"),
                          ("indirect", "[学员们]", "课程设置合理")]
    assert said("“这里的营商环境很好,办事效率很高。”参会企业家们说。") == [
        ("direct", "[参会企业家们]", "这里的营商环境很")]


def test_occasion_between_speaker_and_verb():
    text = "宁波市副市长李某致辞时说,宁波将加大支持力度,“为企业提供更好的服务。”"
    assert said(text) == [("indirect", "李某", "宁波将加大支持力"), ("direct", "李某", "为企业提供更好的")]
    text = "“宁波将加大支持力度,为企业提供更好的服务。”宁波市副市长李某在签约仪式上说。"
    quotes, _ = quotes_of(text)
    assert [(q.speaker, q.uncertain) for q in quotes] == [("李某", False)]


def test_speaker_from_context_alone_is_uncertain():
    quotes, _ = quotes_of("宁波市副市长李某在会上作了讲话。“宁波港是我们最大的优势,要用好这张牌。”")
    assert [(q.speaker, q.uncertain) for q in quotes] == [("李某", True)]
    text = ("宁波市副市长李某出席并致辞。她表示,宁波将加大支持力度。"
            "随后,舟山市副市长王某介绍了舟山的情况。他说,舟山愿与宁波共建港口。")
    quotes, _ = quotes_of(text)
    assert [(q.speaker, q.uncertain) for q in quotes] == [("李某", False), ("王某", True)]


def test_pronoun_prefers_who_spoke_on_an_occasion():
    text = ("舟山市副市长王某接受记者采访时说,合作前景广阔。宁波市副市长李某也出席了会议。"
            "他表示,两地将共建港口。")
    quotes, _ = quotes_of(text)
    assert [(q.speaker, q.text[:4], q.uncertain) for q in quotes] == [
        ("王某", "合作前景", False), ("王某", "两地将共", True)]


# --- seeds and articles ------------------------------------------------------------------------------


def test_seeds_precision_and_recall():
    tp = fp = miss = 0
    for stem in seed_stems():
        _, _, quotes, _ = extract(seed_document(stem), full_gazetteer())
        items = expected(stem)["quotes"]
        matched = set()
        for q in quotes:
            hit = next((i for i, e in enumerate(items) if quote_matches(q, e)), None)
            optional_text = any(e.get("optional") and e["text"] in q.text for e in items)
            if hit is None and not optional_text:
                fp += 1
            elif hit is not None and not items[hit].get("optional"):
                matched.add(hit)
        tp += len(matched)
        miss += sum(1 for i, e in enumerate(items) if i not in matched and not e.get("optional"))
    assert tp / (tp + fp) >= 0.95
    assert tp / (tp + miss) >= 0.95


def test_article_interview_alternating_speakers():
    _, _, quotes, _ = extract(article_document("extract_interview_lianyungang.txt"))
    assert [(q.kind, q.speaker) for q in quotes] == [
        ("direct", "徐敏"), ("indirect", "徐敏"), ("direct", "徐敏"), ("indirect", "朱立军"),
        ("direct", "朱立军"), ("indirect", "徐敏"), ("direct", "徐敏")]
    assert quotes[-1].text == "比如说,我们正在和复旦大学谈合作。"


def test_article_anonymous_speaker_after_quote():
    _, _, quotes, _ = extract(article_document("extract_forum_ningbo.txt"))
    assert [(q.kind, q.speaker or q.speaker_label) for q in quotes] == [
        ("indirect", "李明"), ("direct", "孙立新"), ("direct", "孙立新"), ("indirect", "欧阳明辉"),
        ("direct", "王剑峰"), ("direct", "参会企业负责人")]


# --- properties --------------------------------------------------------------------------------------

_ALPHABET = alphabet("“”「」\"‘’《》董事长李刚王敏说表示认为指出他她们学员企业家"
                     "公司有限、,。:!?;的在很好行业发展")


@given(documents(_ALPHABET))
@settings(max_examples=300, deadline=None)
def test_find_quotes_never_raises_and_keeps_spans_in_bounds(doc):
    text, n = doc.text, len(doc.text)
    _, _, quotes, terms = extract(doc)
    for q in quotes:
        assert 0 <= q.start < q.end <= n and text[q.start:q.end] == q.text
        assert not doc.is_damaged(q.start, q.end)
        if q.speaker_start >= 0:
            assert q.speaker_end <= n and not doc.is_damaged(q.speaker_start, q.speaker_end)
    for t in terms:
        assert 0 <= t.start < t.end <= n and not doc.is_damaged(t.start, t.end)


@given(st.text(max_size=60))
@settings(max_examples=200, deadline=None)
def test_find_quotes_never_raises_on_any_text(text):
    find_quotes(Document(text), [], [])


# --- groups in -们, modifiers, datelines, cited words, wishes (general rules) -------------------


def test_plural_noun_as_a_group_speaker():
    assert said("参训学员们纷纷表示,这次培训收获很大。") == [("indirect", "[参训学员们]", "这次培训收获很大")]
    assert said("“这里的营商环境让人放心。”参展商户们纷纷表示。") == [
        ("direct", "[参展商户们]", "这里的营商环境让")]
    # pronouns and a phrase with function words are no group
    assert said("我们表示,要继续努力。") == []
    assert said("来自各地的同学们说,很好。") == []


def test_speaker_after_a_quote_behind_a_modifier_with_de():
    text = "“以前办证要跑三趟,现在一趟就够了。”在园区创业的南京云帆科技有限公司总经理方明说。"
    assert said(text) == [("direct", "方明", "以前办证要跑三趟")]


def test_quote_right_after_a_dateline_opens_the_lead():
    text = ("本报杭州5月8日讯(记者 陈某)“数据就是新的石油,谁先用好谁就赢。”7日,论坛在杭州开幕,"
            "浙江大学教授沈立群在主旨演讲中这样开场。")
    quotes, _ = quotes_of(text)
    assert [(q.speaker, q.uncertain) for q in quotes] == [("沈立群", True)]


def test_words_cited_inside_a_clause_do_not_block_indirect_speech():
    text = "南京大学教授周某介绍,学校坚持“把论文写在大地上,把成果用在产业中”,成效明显。"
    assert said(text) == [("indirect", "周某", "学校坚持“把论文")]
    assert terms_of(text) == ["把论文写在大地上,把成果用在产业中"]


def test_wish_of_a_person_is_indirect_speech_with_its_verb():
    text = "宁波市商务局局长陈某出席并致辞,她希望各方携手合作,共同把平台做大做强。"
    assert said(text) == [("indirect", "陈某", "希望各方携手合作")]
    # too short, or not said by a person
    assert said("宁波市商务局局长陈某出席。她希望合作。") == []
    assert said("企业希望政府进一步优化营商环境,降低成本。") == []


# --- attributions of real pages (written here) ---------------------------------------------


def _said(text: str):
    from kb.ingest.extract.article import extract
    from tests.ingest.extract.seed_articles import full_gazetteer

    return [(q.speaker, q.kind, q.text[:8]) for q in extract(Document(text), full_gazetteer()).quotes]


def test_speaker_with_a_title_after_the_name_and_an_occasion():
    assert _said("陈某海秘书长在发言中表示,澜湄合作是首个由流域六国共同参与的新型机制。") == [
        ("陈某海", "indirect", "澜湄合作是首个由")]


def test_speaker_who_speaks_on_a_day_at_an_occasion():
    assert _said("香港特区行政长官李某超当日在活动上致辞时说,香港作为大湾区的中心城市之一,必将发挥作用。") == [
        ("李某超", "indirect", "香港作为大湾区的")]


def test_what_is_said_may_follow_the_verb_without_a_comma():
    said = _said("市委书记谢某华表示浙江省委党校与上海市委党校交流密切。市长王某表示感谢。")
    assert said == [("谢某华", "indirect", "浙江省委党校与上")]


def test_a_whole_sentence_quote_attributed_by_the_speech_verb_after_it():
    text = ("亚信秘书长海某·萨某拜接受记者采访。\n\n“亚信转型升级为国际组织,有助于强化亚洲国家的影响力。”"
            "此前,亚信秘书长海某·萨某拜在接受记者采访时表示,亚信升级将巩固合作基础。")
    assert _said(text)[0] == ("海某·萨某拜", "direct", "亚信转型升级为国")


def test_a_quote_after_a_pronoun_that_opens_the_sentence():
    text = ("厦门大学教授方某东作主旨演讲。他认为，两岸在集成电路等领域互补性强，"
            "“关键是要把‘同等待遇’落到企业能感受到的细节里”。")
    assert ("方某东", "direct", "关键是要把‘同等") in _said(text)


def test_a_speaker_after_a_relative_clause_of_origin():
    text = "来自唐山的河北某纺织有限公司董事长郭某海说，公司已考察了三次，“这次来就是奔着签约来的”。"
    assert ("郭某海", "direct", "这次来就是奔着签") in _said(text)


def test_indirect_speech_glued_to_its_verb_after_an_occasion():
    text = ("市商务局副局长蒋文博出席开班式。蒋文博在开班讲话中,强调今年是推进区域合作的关键之年。"
            "市企联秘书长苏海宁在会上介绍企联为企业牵线搭桥,帮助企业开拓市场。")
    assert [(k, s) for k, s, _ in said(text)] == [("indirect", "蒋文博"), ("indirect", "苏海宁")]
    assert said(text)[0][2] == "今年是推进区域合"


def test_indirect_speech_after_yaoqiu_and_not_after_a_topic():
    text = "校长方明哲出席。方明哲要求学员们珍惜机会、认真学习兄弟省市的经验。省长许成林介绍本省经济社会发展情况。"
    assert [(s, t[:6]) for _, s, t in said(text)] == [("方明哲", "学员们珍惜机")]


def test_quoted_goals_nobody_speaks_are_no_quotes():
    text = ("会议提出三项任务:“推进区域交通互联互通,构建便捷高效的交通网络。”"
            "“推进区域产业协同发展,构建错位互补的产业体系。”")
    assert said(text) == []


def test_a_pronoun_speaks_after_an_adverb_of_sequence():
    text = ("新任会长张立新表示,创新是联盟的主题。\n\n"
            "他接着说:“产业化的关键,是缩短从实验室到工厂的周期。”")
    assert said(text)[-1] == ("direct", "张立新", "产业化的关键,是")
