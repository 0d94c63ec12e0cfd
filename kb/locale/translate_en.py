"""Fill kb/locale/en/LC_MESSAGES/django.po with the English translations
below, then compile it (needs GNU gettext's msgfmt):

    python manage.py makemessages -l en --no-obsolete -i "tests/*" -i "var/*"
    python kb/locale/translate_en.py
    python manage.py compilemessages -l en

msgids are the Chinese source strings; an entry missing here stays
untranslated (English pages then show the Chinese)."""

import re
from pathlib import Path

PO = Path(__file__).resolve().parent / "en" / "LC_MESSAGES" / "django.po"

EN = {
    # Site chrome
    "区域发展知识库": "Regional Development Knowledge Base",
    "跳到正文": "Skip to content",
    "主导航": "Main navigation",
    "时间线": "Timeline",
    "机构": "Organisations",
    "人物": "People",
    "地区": "Regions",
    "引语": "Quotes",
    "来源": "Sources",
    "界面语言": "Interface language",
    "内容字体": "Script of the content",
    "资料来自公开新闻报道，经自动处理与人工审核整理；未经审核的记录可能有误。":
        "Drawn from public news reports, processed automatically and curated by editors; records not yet reviewed may contain errors.",
    "简体中文": "Simplified Chinese",
    "English": "English",
    # Maps (kb/maps.py, events/maps.py, public/_map.html)
    "各省（区、市）活动数量": "Events by province",
    "%(region)s各地活动数量": "Events across %(region)s",
    "%(name)s：%(count)s 个活动": ("%(name)s: %(count)s event", "%(name)s: %(count)s events"),
    "无": "None",
    "已删除的署名": "Credits removed by curators",
    "编辑删除或更正过的文章署名；重新导入时不再写入。": "Credits of the article that curators removed or corrected; re-import does not write them again.",
    "版本": "Version",
    "变更时间": "Changed at",
    "数据版本": "Data version",
    "图例：活动数": "Legend: number of events",
    "粗线：%(name)s范围": "Bold line: the extent of %(name)s",
    "另有 %(counter)s 个活动只标注到整个地区，未细分到图中各地。": (
        "%(counter)s more event is tied to the region as a whole, not to a place on the map.",
        "%(counter)s more events are tied to the region as a whole, not to a place on the map.",
    ),
    "另有 %(counter)s 个活动只标注到跨省区域或全国，未计入各省。": (
        "%(counter)s more event is tied only to a region across provinces or to the whole country, and is not counted in any province.",
        "%(counter)s more events are tied only to regions across provinces or to the whole country, and are not counted in any province.",
    ),
    "%(counter)s 个活动未标注地区。": ("%(counter)s event has no place.", "%(counter)s events have no place."),
    "只标注到跨省区域或全国": "Regions across provinces, or the whole country",
    "未标注地区": "No place",
    "按地区列出": "List by region",
    "只标注到整个地区": "The region as a whole",
    # Timeline
    "活动时间线": "Timeline of events",
    "共 %(counter)s 个活动": ("%(counter)s event", "%(counter)s events"),
    "筛选": "Filter",
    "搜索标题和摘要": "Search titles and summaries",
    "如：长三角、联盟": "e.g. 长三角, 联盟",
    "类型": "Kind",
    "全部地区": "All regions",
    "区域": "Macro-regions",
    "省级": "Provinces",
    "从": "From",
    "到": "To",
    "年、年-月或年-月-日": "Year, year-month or year-month-day",
    "只看有引语的活动": "Only events with quotes",
    "只看已审核的记录": "Only reviewed records",
    "排序": "Order",
    "最新在前": "Newest first",
    "最早在前": "Oldest first",
    "清除": "Clear",
    "取消此条件": "Remove this filter",
    "导出": "Export",
    "导出：": "Export:",
    "导出 CSV": "Export CSV",
    "每月活动数": "Events per month",
    "另有 %(year_only)s 个活动只知年份、%(undated)s 个日期不详，未计入图表。":
        "Not charted: %(year_only)s events known only to the year and %(undated)s undated.",
    "月份": "Month",
    "活动数": "Events",
    "%(first)s至%(last)s每月开始的活动数，共 %(total)s 个；最多的月份是%(busiest)s（%(count)s 个）。":
        "Events starting each month from %(first)s to %(last)s: %(total)s in all; the busiest month is %(busiest)s (%(count)s).",
    "没有日期精确到月份的活动。": "No events dated to the month.",
    "已审核": "Reviewed",
    "地点": "Places",
    "主办/牵头": "Organisers",
    "所属活动": "Part of",
    "查看上级活动": "the parent event",
    "%(counter)s 条引语": ("%(counter)s quote", "%(counter)s quotes"),
    "%(counter)s 篇来源": ("%(counter)s source", "%(counter)s sources"),
    "子活动": "Sub-events",
    "没有符合条件的活动。": "No events match these filters.",
    "日期不详": "Date unknown",
    "%(year)s年（月份不详）": "%(year)s (month unknown)",
    # Errors and pagination
    "筛选条件有误": "Some filter values are not valid",
    "筛选条件有误：": "Some filter values are not valid:",
    "查询过长": "The query is too long.",
    "清除所有筛选条件": "Clear all filters",
    "分页": "Pages",
    "上一页": "Previous",
    "下一页": "Next",
    "第 %(number)s / %(total)s 页": "Page %(number)s of %(total)s",
    "共 %(counter)s 条": ("%(counter)s record", "%(counter)s records"),
    "日期应写作 YYYY、YYYY-MM 或 YYYY-MM-DD，例如 2024、2024-04、2024-04-09。":
        "Write dates as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2024, 2024-04, 2024-04-09.",
    "请填写 1（是）或 0（否）。": "Use 1 (yes) or 0 (no).",
    "开始日期晚于结束日期。": "The start date is after the end date.",
    # Filter labels
    "起始日期": "From date",
    "截止日期": "To date",
    "搜索": "Search",
    "有引语": "Has quotes",
    "仅看已审核": "Reviewed only",
    "发布日期起": "Published from",
    "发布日期止": "Published until",
    # Event page
    "日期": "Date",
    "精度": "precision",
    "约": "about ",
    "原文标题": "Original title",
    "上级活动": "Parent event",
    "参与人数": "Participants",
    "引号术语": "Quoted terms",
    "摘要": "Summary",
    "参与方": "Participants",
    "角色": "Role",
    "名称": "Name",
    "原文角色": "Role as written",
    "来源与出处": "Sources and evidence",
    "没有记录出处。": "No evidence recorded.",
    "说话人不详": "Speaker unknown",
    # Organisation and person pages
    "原文名称": "Name as written",
    "别名": "Aliases",
    "上级机构": "Parent organisation",
    "下级机构": "Branches",
    "成立日期": "Founded",
    "任职人员": "People holding positions",
    "截至 %(date)s": "as of %(date)s",
    "参与的活动": "Events",
    "在时间线上筛选": "Show on the timeline",
    "提及此机构的来源": "Sources mentioning this organisation",
    "搜索名称（含别名）": "Search names (and aliases)",
    "没有符合条件的机构。": "No organisations match these filters.",
    "原文姓名": "Name as written",
    "职务": "Positions",
    "署名的文章": "Credited articles",
    "搜索姓名（含别名）": "Search names (and aliases)",
    "姓名": "Name",
    "没有符合条件的人物。": "No people match these filters.",
    # Quotes
    "搜索引语和说话人": "Search quotes and speakers",
    "全部": "All",
    "说话人": "Speaker",
    "没有符合条件的引语。": "No quotes match these filters.",
    # Regions
    "成员": "Members",
    "所属区域": "Part of macro-regions",
    "下辖": "Subdivisions",
    "包括下辖地区和成员地区的活动。": "Includes events in its subdivisions and member regions.",
    "机构（%(counter)s）": ("Organisations (%(counter)s)", "Organisations (%(counter)s)"),
    "查看全部机构": "All organisations",
    "搜索地名": "Search place names",
    "级别": "Level",
    "上级": "Parent",
    "行政区划代码": "Division code",
    "没有符合条件的地区。": "No regions match these filters.",
    # Sources
    "来源文章": "Source articles",
    "媒体": "Outlet",
    "发布日期": "Published",
    "原文文字": "Script of the original",
    "署名": "Credits",
    "文件": "File",
    "报道的活动": "Events reported",
    "正文": "Text",
    "文本版本": "Text versions",
    "修复后文本（简体）": "Repaired text (Simplified)",
    "修复后原文": "Repaired original",
    "原始文本": "Raw text",
    "已删除": "removed",
    "已修复": "repaired",
    "原始文本为导入时读到的内容，未作任何修改。": "The raw text is the file as read at import, unchanged.",
    "损坏，未能修复": "damaged, not repaired",
    "修复记录": "Repair log",
    "位置": "Position",
    "原来": "Before",
    "改为": "After",
    "说明": "Note",
    "（删除）": "(removed)",
    "没有修复记录。": "No repairs.",
    "搜索标题和正文": "Search titles and text",
    "文字": "Script",
    "没有符合条件的来源。": "No sources match these filters.",
    "乱码修复": "Mojibake repaired",
    "删除拼音注音": "Pinyin annotations removed",
    "删除无关行": "Unrelated lines removed",
    "删除网页残留": "HTML residue removed",
    "空白整理": "Whitespace tidied",
    "图片说明": "Photo captions",
    "区域发展活动": "Regional development events",
    # Model choices and fields
    "论坛": "Forum", "培训": "Training", "联盟": "Alliance", "协议": "Agreement",
    "考察": "Study visit", "成立": "Founding", "其他": "Other",
    "活动": "Events", "标题": "Title", "开始日期": "Start date", "结束日期": "End date",
    "日期精度": "Date precision", "人数为约数": "Approximate count",
    "主办": "Organiser", "协办": "Co-organiser", "承办": "Host", "指导": "Guidance",
    "支持": "Supporter", "牵头": "Lead", "发起/首批成员": "Founding member", "参与": "Participant",
    "主持": "Chair", "主旨演讲": "Keynote", "发言": "Speaker", "活动角色": "Event roles",
    "自动": "Automatic", "已驳回": "Rejected",
    "日": "Day", "月": "Month", "年": "Year", "未知": "Unknown",
    "简体": "Simplified", "繁体": "Traditional", "混合": "Mixed",
    "审核状态": "Review status", "审核人": "Reviewed by", "审核时间": "Reviewed at",
    "人工修改过": "Edited by a curator", "待核查": "Flagged", "核查原因": "Flag reason",
    "导入键": "Import key", "创建时间": "Created", "更新时间": "Updated",
    "文件名": "File name", "内容哈希": "Content hash", "编码": "Encoding", "发布时间": "Publication time",
    "导入时间": "Imported", "处理版本": "Pipeline version", "修复后简体文本": "Repaired Simplified text",
    "记者": "Reporter", "编辑": "Editor", "摄影": "Photographer", "作者": "Author", "审核": "Review",
    "国家": "Country", "地级": "Prefecture", "县级": "County", "新区/园区": "New area / zone",
    "标识": "Slug", "企业": "Company", "政府机构": "Government body", "党派/政协机构": "Party / CPPCC body",
    "高校": "University", "研究机构": "Research institute", "协会/学会": "Association",
    "联盟/联合体": "Alliance / consortium", "园区": "Park", "医院": "Hospital",
    "已合并到": "Merged into", "成立日期精度": "Founding date precision",
    "机构名称(原文)": "Organisation (as written)", "截至日期": "As of",
    "直接引语": "Direct quote", "间接引语": "Indirect quote", "引语(简体)": "Quote (Simplified)",
    "引语(原文)": "Quote (original)", "说话人(标签)": "Speaker (label)", "说话人职务": "Speaker's title",
    "说话人机构": "Speaker's organisation", "起始位置": "Start", "结束位置": "End", "证据句": "Evidence sentence",
    "出处": "Evidence", "状态": "Status", "记录": "Record", "知识库": "Knowledge base",
    "地图区域": "Map area", "活动所在地图区域": "Event map areas", "地区树指纹": "Gazetteer digest",
    "刷新时间": "Refreshed at", "活动派生数据刷新": "Event refreshes",
    # Admin: curation, merging, the source workbench and the review queue
    "地区树已变更：%(count)d 个活动的地区统计已随之更新。": (
        "The gazetteer changed: %(count)d event's regions were brought up to date.",
        "The gazetteer changed: %(count)d events' regions were brought up to date."),
    "地区树已变更：在运行 manage.py refresh_events 之前，时间线的地区统计和地图以较慢的精确方式计算（数字不变）。":
        "The gazetteer changed: until manage.py refresh_events is run, the timeline's region counts and maps "
        "are computed the slower, exact way (the figures are the same).",
    "区域发展知识库 · 编辑后台": "Regional Development Knowledge Base · Curation",
    "编辑后台": "Curation",
    "请选择保留的%(name)s。其余记录的名称和别名将成为它的别名；它们的活动角色、引语、职务、署名、下级机构和出处都将转到保留的记录上。"
    "其余记录不会被删除，而是以“已驳回”状态保留，并指向保留的记录，重新导入时会归到保留的记录。":
        "%(name)s: choose the record to keep. The names and aliases of the others become its aliases; their event "
        "roles, quotes, positions, credits, subordinate organisations and evidence all move to the record "
        "kept. The others are not deleted: they stay, rejected, pointing at the record kept, and a "
        "re-import files what they matched under it.",
    "%(count)d 条记录已标记为已审核。": ("%(count)d record marked reviewed.", "%(count)d records marked reviewed."),
    "%(count)d 条记录已驳回。": ("%(count)d record rejected.", "%(count)d records rejected."),
    "%(total)s 条记录中已审核 %(done)s 条": "%(done)s of %(total)s records reviewed",
    "上一条记录": "Previous record",
    "下一条记录": "Next record",
    "为活动添加地区": "Add a place to an event",
    "保存": "Save",
    "保留": "Keep",
    "修复": "Repairs",
    "修复前": "Before",
    "修复后": "After",
    "修复后位置": "Position after repair",
    "出处（只读）": "Evidence (read-only)",
    "原始位置": "Raw position",
    "原文": "As written",
    "参与人物": "People taking part",
    "参与机构": "Organisations taking part",
    "发布日期从": "Published from",
    "取消": "Cancel",
    "另计：": "Also counted:",
    "合并": "Merge",
    "合并重复记录": "Merge duplicates",
    "合并重复记录…": "Merge duplicates…",
    "在工作台中查看": "Show in the workbench",
    "在文本中选中文字，即可从选区添加记录。": "Select words in the text to add a record from the selection.",
    "审核工作台：%(source)s": "Workbench: %(source)s",
    "审核队列": "Review queue",
    "工作台": "Workbench",
    "已合并的记录不能再次合并：%(names)s": "Records already merged cannot be merged again: %(names)s",
    "已审核：%(record)s": "Reviewed: %(record)s",
    "已将 %(count)d 条记录合并到“%(survivor)s”。": "Merged %(count)d records into “%(survivor)s”.",
    "已添加。": "Added.",
    "已驳回：%(record)s": "Rejected: %(record)s",
    "引文": "Quoted text",
    "快捷键": "Keyboard shortcuts",
    "按名称查找活动": "Find the event by name",
    "损坏": "Damaged",
    "损坏片段": "Damaged spans",
    "文本": "Text",
    "新人物": "New person",
    "新引语": "New quote",
    "新机构": "New organisation",
    "新活动": "New event",
    "无修复。": "No repairs.",
    "未审核": "Unreviewed",
    "本文也报道了某活动": "This source also reports an event",
    "来源已标记为已审核。": "The source is marked reviewed.",
    "来源文本已变，出处需重新定位": "The source text changed: place this evidence again",
    "来源文本已变，无法在新文本中找到这段文字。": "The source text changed and these words are no longer in it.",
    "来源状态": "Source status",
    "查找": "Find",
    "标记为已审核": "Mark reviewed",
    "标记来源为已审核": "Mark the source reviewed",
    "每行一个别名，或用分号（;）分隔。": "One alias per line, or separated by semicolons (;).",
    "添加人": "Added by",
    "添加时间": "Added at",
    "由编辑修改过的记录不会被重新导入覆盖。": "Records a curator changed are never overwritten by re-import.",
    "编辑来源": "Edit the source",
    "编辑添加": "Curator-made",
    "编辑修改": "Changed by a curator",
    "请先在文本中选择一段文字。": "Select some words of the text first.",
    "请至少选择两条记录进行合并。": "Choose at least two records to merge.",
    "请选择保留的记录。": "Choose the record to keep.",
    "这篇来源还没有记录。": "No records were drawn from this source yet.",
    "选区": "Selection",
    "选区不在来源文本内。": "The selection is not inside the source's text.",
    "通过": "Accept",
    "修改": "Edit",
    "时段起": "Period start", "时段止": "Period end", "检索文本": "Search text",
    "所属顶级地区": "Top regions", "派生列更新时间": "Derived columns updated", "名称键": "Name key",
    "记录类型": "Record type", "记录编号": "Record id",
    "锚定文本": "Anchor text",
    "需重新定位": "Needs placing again",
    "驳回": "Reject",
    "驳回（保留为墓碑记录）": "Reject (kept as a tombstone)",
}


def unquote(lines: list[str]) -> str:
    return "".join(re.match(r'^(?:msgid|msgid_plural|msgstr(?:\[\d\])?)? ?"(.*)"$', line).group(1) for line in lines).replace('\\"', '"')


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _unfuzzy(line: str) -> str:
    if line.startswith("#, "):
        flags = [flag for flag in line[3:].split(", ") if flag != "fuzzy"]
        return "#, " + ", ".join(flags)
    return line


def fill(text: str) -> str:
    blocks = text.split("\n\n")
    out = []
    for block in blocks:
        lines = block.split("\n")
        ids = [i for i, line in enumerate(lines) if line.startswith("msgid ")]
        if not ids:
            out.append(block)
            continue
        start = ids[0]
        keep = lines[:start]
        rest = lines[start:]
        # msgid (+ continuation lines), optional msgid_plural, then msgstr lines
        msgid_lines, plural_lines = [rest[0]], []
        index = 1
        while index < len(rest) and rest[index].startswith('"'):
            msgid_lines.append(rest[index])
            index += 1
        if index < len(rest) and rest[index].startswith("msgid_plural"):
            plural_lines.append(rest[index])
            index += 1
            while index < len(rest) and rest[index].startswith('"'):
                plural_lines.append(rest[index])
                index += 1
        msgid = unquote(msgid_lines)
        translation = EN.get(msgid)
        if not msgid or translation is None:
            out.append(block)
            continue
        # A translation given here is not a guess: drop the fuzzy flag
        # (alone or among others) and the previous msgid it was guessed from.
        keep = [_unfuzzy(line) for line in keep if line != "#, fuzzy" and not line.startswith("#| ")]
        new = keep + msgid_lines + plural_lines
        if plural_lines:
            singular, plural = translation if isinstance(translation, tuple) else (translation, translation)
            new += [f"msgstr[0] {quote(singular)}", f"msgstr[1] {quote(plural)}"]
        else:
            new.append(f"msgstr {quote(translation if isinstance(translation, str) else translation[0])}")
        out.append("\n".join(new))
    return "\n\n".join(out)


if __name__ == "__main__":
    text = PO.read_text(encoding="utf-8")
    text = text.replace('"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"', '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"')
    text = text.replace('"Language: \\n"', '"Language: en\\n"')
    text = text.replace('"Content-Type: text/plain; charset=CHARSET\\n"', '"Content-Type: text/plain; charset=UTF-8\\n"')
    PO.write_text(fill(text), encoding="utf-8")
