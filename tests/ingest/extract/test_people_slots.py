"""People in the slots real news gives them (people_slots), each case
written here: lists after leadership nouns, a title after the name, a name
that speaks with no title, a transcribed foreign name."""

from tests.ingest.extract.test_people import people_of


def names(text: str) -> list[str]:
    return sorted(p.name for p in people_of(text))


def test_people_listed_after_a_leadership_noun():
    assert names("3月4日,签约仪式举行。市领导葛大斌、方文、汪强出席。") == ["方文", "汪强", "葛大斌"]


def test_a_list_goes_on_after_a_titled_name():
    text = "滕州市委副书记、市长刘晓璐,丰都县委副书记、县长唐守渊,县领导杨小芸、袁振参加会议。"
    assert names(text) == ["刘晓璐", "唐守渊", "杨小芸", "袁振"]


def test_a_name_with_its_title_after_it():
    text = "开场宣传片中,习近平总书记于今年7月再次视察新疆。东莞市政府叶葆华副秘书长陪同考察团一行。"
    people = {p.name: [(r.title, r.organisation) for r in p.positions] for p in people_of(text)}
    assert people["习近平"] == []
    assert people["叶葆华"] == [("副秘书长", "东莞市政府")]


def test_a_name_that_speaks_or_attends_without_a_title():
    assert names("会上,李家超表示,香港将发挥优势。") == ["李家超"]
    assert names("代表们认真听取汇报。高度重视是关键。") == []


def test_followers_after_a_titled_name_on_real_pages():
    text = ("香港特区行政长官李家超当日在活动上致辞。自治区副主席符太增会见了嘉宾。"
            "澳门特区行政长官崔世安(右起)出席。省长于伟国关于工作的通报。")
    assert names(text) == ["于伟国", "崔世安", "李家超", "符太增"]


def test_a_transcribed_name_after_a_foreign_title():
    assert "赛义德" in names("塔吉克斯坦第一副总理赛义德18日在广西南宁表示,合作前景广阔。")
