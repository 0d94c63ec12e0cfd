from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kb.ingest.edits import Edit, TrackedText, apply_edits
from kb.ingest.html import find_html

SEEDS = Path(__file__).parent.parent.parent / "seeds"


def clean(text: str) -> str:
    return apply_edits(text, find_html(text))


def test_html_paragraph_tags_become_line_breaks():
    assert clean("<p>第一段</p><p>第二段</p>") == "第一段\n第二段"
    assert clean("第一段</p>\n<p>第二段") == "第一段\n第二段"


def test_html_tag_run_with_line_break_is_one_edit():
    assert find_html("第一段</p>\n<p>第二段") == [Edit(3, 11, "\n", "html", "removed p")]


def test_html_br_variants():
    assert clean("文字<br>文字<BR/>文字<br />文字") == "文字\n文字\n文字\n文字"
    assert clean("文字<br><br>文字") == "文字\n\n文字"
    assert clean("文字<br>\n\n文字") == "文字\n\n文字"


def test_html_inline_tags_removed_without_break():
    assert clean('<span style="color:red">长三角</span><strong>产业</strong>') == "长三角产业"
    assert clean('详见<a href="https://example.com/a?x=1&y=2">报道</a>。') == "详见报道。"
    assert clean('<img src=x.png alt="图片">说明') == "说明"
    assert clean('<div class=article id=main>正文</div>') == "正文"
    assert clean("<P>大写</P>") == "大写"


def test_html_javascript_link_goes_with_its_tag_and_stays_as_text_outside():
    assert clean('<a href="javascript:void(0)">点击</a>') == "点击"
    assert clean("javascript:alert(1)") == "javascript:alert(1)"


def test_html_text_with_angle_brackets_untouched():
    for text in [
        "a<b",
        "a<b and c>d",
        "《十四五》规划",
        "AI+医疗",
        "x -> y",
        "新华网 > 时政 > 正文",
        "<foo>bar</foo>",
        "<十四五>",
        "1<2 且 3>2",
        "AT&T &copy 2024",
    ]:
        assert find_html(text) == [], text


def test_html_truncated_closing_tags():
    # From a real page: "<" swallowed with the GBK bytes before it.
    assert clean("徹底擺脫束縛?!?/p>\n\n晶盛") == "徹底擺脫束縛?!?\n\n晶盛"
    assert clean("文字/span>继续") == "文字继续"
    assert clean("文字p>\n下一行") == "文字\n下一行"


def test_html_truncated_tags_need_a_non_letter_before():
    assert find_html("and/or>") == []
    assert find_html("http://x.cn/a/b>") == []
    assert find_html("ap>\n") == []
    assert find_html("if x = a>\nthen b>") == []


def test_html_entities_decoded():
    assert clean("&amp;&lt;&gt;&quot;&#39;&#x4e2d;&#20013;&apos;") == "&<>\"'中中'"
    assert clean("长三角&nbsp;产业") == "长三角 产业"


def test_html_unknown_entity_and_missing_semicolon_stay():
    assert clean("&foo; &copy 2024 &#xZZ;") == "&foo; &copy 2024 &#xZZ;"


def test_html_double_escaped_entities():
    assert clean("长三角&amp;nbsp;产业") == "长三角 产业"
    assert clean("&amp;amp;") == "&"


def test_html_space_entities_at_line_start_are_indentation():
    assert clean("&nbsp;&nbsp;&nbsp;&nbsp;第一段\n&nbsp;&nbsp;第二段") == "第一段\n第二段"


def test_html_escaped_tags_removed():
    assert clean("&lt;p&gt;文字&lt;/p&gt;") == "文字"


def test_html_custom_element_with_attributes():
    assert clean('<mip-img src="a.jpg"></mip-img>图') == "图"
    assert clean("</mip-img>图") == "</mip-img>图"


def test_html_comments_and_scripts_dropped():
    assert clean("<!-- 注释 -->正文") == "正文"
    assert clean('x<script type="text/javascript">var a="<p>";</script>y') == "xy"
    assert clean("<o:p></o:p>正文") == "正文"


def test_html_joined_pieces_are_caught_in_the_same_call():
    assert clean("<<b>p>x") == "x"
    assert clean("&am<i>p;") == "&"


PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>标题</title>
<style>p { color: red }</style><script>var x = 1;</script></head>
<body>
  <div class="main">
    <h1>长三角产业创新发展大会</h1>
    <p>第一段&nbsp;文字,<a href="/x">链接</a>继续。</p>
    <p>第二段
       继续, and more
       words</p>
    <ul><li>一</li><li>二</li></ul>
    <table><tr><td>甲</td><td>乙</td></tr></table>
  </div>
</body></html>
"""


def test_html_whole_page_keeps_text_only():
    assert clean(PAGE) == (
        "长三角产业创新发展大会\n第一段 文字,链接继续。\n第二段继续, and more words\n一\n二\n甲 乙"
    )


def test_html_seeds_only_truncated_tags_found():
    found = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found += [text[e.start : e.end] for e in find_html(text)]
    assert found == ["/p>", "/p>"]


def test_html_edits_apply_to_tracked_text():
    tracked = TrackedText("甲</p>\n<p>乙&amp;丙")
    tracked.apply(find_html(tracked.text))
    assert tracked.text == "甲\n乙&丙"
    assert [(r.before, r.after) for r in tracked.repairs] == [("</p>\n<p>", "\n"), ("&amp;", "&")]


# Pieces that make tags, entities and truncated tags, joined at random.
HTMLISH = st.lists(
    st.sampled_from(
        list("<>/pbrdiv &;amplgtnbs#x4e2d0123\"'=\n 文字《》")
        + ["<p>", "</p>", "&amp;", "<br>", "/p>", "&lt;", "&nbsp;", "<!--", "-->", "<script>", "</script>", "<html>"]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=200), HTMLISH))
def test_html_never_raises_and_is_idempotent(text):
    once = clean(text)
    assert find_html(once) == []
