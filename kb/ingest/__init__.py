"""The ingest pipeline: raw article bytes in, a repaired article and its
extracted facts out.  Pure Python (no Django imports), one step a module, so
every step can be tested on plain strings; kb.services.ingest is the thin
loader that writes the result to the database.

    decode      bytes -> text (encoding detection, refusals)
    edits       Edit / TrackedText: repairs with offsets into the raw text
    whitespace  line ends, ideographic and non-breaking spaces
    mojibake    GBK-out-of-step spans: repaired, or marked damaged
    html        HTML tags and entities left in the text
    pinyin      pinyin annotations glued after characters: 培訓(xùn)
    junk        SEO spam, site chrome, sign-offs; photo captions split off
    script      script detection and the Simplified copy with an offset map
    metadata    outlet, title, publication date and precision, credits
    pipeline    runs the steps in order -> RepairedArticle
"""
