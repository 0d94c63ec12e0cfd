"""Who did what at an event: organisations by the role words after them
(由A、B指导，C主办), people by 主持/致辞/发言, the subject that 举办/组织 the
event, speakers quoted in its scope; and how many took part."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from kb.ingest.extract import event_triggers as T
from kb.ingest.extract.document import Document, Sentence
from kb.ingest.extract.event_names import EventMention
from kb.ingest.extract.event_places import cued


@dataclass
class RoleRef:
    party: str  # 'organisation' | 'person'
    name: str
    role: str
    role_original: str = ""
    region_key: str | None = None  # an organisation named by its place (松江区)




def scopes_of(events, mentions: list[EventMention],
            owner: dict[int, int], doc: Document) -> list[tuple[int, int, int]]:
    """(start, end, event index): each mention's event covers the text from
    its sentence to the next mention of another event."""
    points = sorted((m.sentence.start, owner[id(m)]) for m in mentions if id(m) in owner)
    # From the right: where the next point of another event starts.
    ends = [len(doc.text)] * len(points)
    for k in range(len(points) - 2, -1, -1):
        later_start, later_index = points[k + 1]
        ends[k] = later_start if later_index != points[k][1] else ends[k + 1]
    return [(start, end, index) for (start, index), end in zip(points, ends, strict=True)]


def _event_at(scopes, offset: int) -> int | None:
    """The event of the last scope that holds `offset`.  Scopes are sorted
    by start and their ends never decrease (a scope ends at the next point
    of another event, and a later scope before that end is of the same
    event with the same end), so the last scope starting at or before
    `offset` is the one to look at."""
    k = bisect_right(scopes, offset, key=lambda scope: scope[0]) - 1
    if k >= 0 and offset < scopes[k][1]:
        return scopes[k][2]
    return None


def assign_roles(events, scopes, doc, regions, organisations, people, quotes) -> None:
    text = doc.text
    org_mentions = sorted(((m.start, m.end, o) for o in organisations for m in o.mentions),
                          key=lambda t: t[0])
    person_mentions = sorted(((m.start, m.end, p) for p in people for m in p.mentions),
                             key=lambda t: t[0])
    for sentence in doc.sentences:
        index = _event_at(scopes, sentence.start)
        if index is None or doc.is_caption(sentence.start, sentence.end):
            continue
        event = events[index]
        start = sentence.start
        for clause_end in _clause_ends(text, sentence):
            clause = text[start:clause_end]
            role = _role_of_clause(clause)
            if role:
                word, value = role
                inside = [(s, e, o) for s, e, o in org_mentions if start <= s and e <= clause_end]
                # 中国产业发展促进会产业创新集群分会 holds 中国产业发展促进会: one party.
                parties = [o for s, e, o in inside
                           if not any(s2 <= s and e <= e2 and (e2 - s2) > (e - s) for s2, e2, _ in inside)]
                parties = list({id(o): o for o in parties}.values())
                for org in parties:
                    _add_role(event, RoleRef("organisation", org.name, value, word))
                if not parties:
                    for mention in regions:
                        if start <= mention.start and mention.end <= clause_end and \
                                mention.level in ("province", "prefecture", "county", "zone"):
                            _add_role(event, RoleRef("organisation", mention.name, value, word,
                                                     region_key=mention.key))
            start = clause_end
        _person_roles(event, sentence, text, person_mentions)
        _subject_organiser(event, sentence, text, org_mentions, regions)
    first_scope: dict[int, int] = {}
    for start, _, index in scopes:
        first_scope.setdefault(index, start)
    for quote in quotes:
        index = _event_at(scopes, quote.start)
        if index is None or not quote.speaker or events[index].kind not in ("forum", "training", "visit"):
            continue
        event = events[index]
        # Someone already placed at another event of the article is quoted
        # about that one (a round-up after a series).
        if any(r.party == "person" and r.name == quote.speaker for other in events for r in other.roles):
            continue
        scope_start = first_scope[index]
        speech = _SPEECH_CONTEXT.search(text, scope_start, quote.start)
        role = "speaker" if event.kind == "forum" and speech else "participant"
        _add_role(event, RoleRef("person", quote.speaker, role, "致辞" if speech else "引语"))


_SPEECH_CONTEXT = re.compile(r"致辞|发言|演讲|讲话|作报告")


def _clause_ends(text: str, sentence: Sentence) -> list[int]:
    ends = [i + 1 for i in range(sentence.start, sentence.end) if text[i] in "，,；;"]
    return ends + [sentence.end]


def _role_of_clause(clause: str) -> tuple[str, str] | None:
    body = clause.rstrip("，,；;。！!")
    for word, role in T.ROLE_WORDS:
        if body.endswith(word) or (word.endswith("单位") and f"作为{word}" in body):
            if word == "支持" and re.search(r"(?:提供|给予|大力|全力)支持$", body):
                return None
            if word == "组织" and not body.startswith("由"):
                return None
            return word, role
    return None


def _person_roles(event, sentence, text, person_mentions) -> None:
    pos = sentence.start
    for word, role in T.PERSON_ROLE_WORDS:
        for match in re.finditer(re.escape(word), text[sentence.start:sentence.end]):
            at = sentence.start + match.start()
            named = [p for s, e, p in person_mentions if pos <= s and e <= at]
            if not named and role == "keynote" and re.search(r"[他她]", text[sentence.start:sentence.end]):
                earlier = [p for s, e, p in person_mentions if e <= sentence.start]
                named = earlier[-1:]
            for person in named:
                _add_role(event, RoleRef("person", person.name, role, word))


def _subject_organiser(event, sentence, text, org_mentions, regions) -> None:
    """长春新区开展/组织/举办 … : the subject organises the event."""
    if sentence not in event.sentences[:1]:
        return
    verb = re.compile(r"(?:开展|组织|举办|主办|召开|发起)")
    for s, e, org in org_mentions:
        if sentence.start <= s < sentence.end and verb.match(text, e):
            _add_role(event, RoleRef("organisation", org.name, "organiser", verb.match(text, e).group()))
    organises = re.compile(r"(?:开展|组织|举办|主办|发起)")
    for index, mention in enumerate(regions):
        if sentence.start <= mention.start < sentence.end and organises.match(text, mention.end) \
                and mention.level in ("prefecture", "county", "zone") \
                and not cued(text, mention, regions[:index], sentence.start):
            _add_role(event, RoleRef("organisation", mention.name, "organiser",
                                     organises.match(text, mention.end).group(), region_key=mention.key))


def _add_role(event, role: RoleRef) -> None:
    for existing in event.roles:
        if existing.party == role.party and existing.name == role.name:
            if existing.role == role.role:
                return
            if existing.role == "speaker" and role.role in ("chair", "keynote"):
                existing.role, existing.role_original = role.role, role.role_original
                return
            if role.role == "speaker":
                return
    event.roles.append(role)


def count_participants(events, scopes, doc) -> None:
    """A count of people in the event's sentences or in the rest of the
    paragraph that introduces it."""
    scopes_of: dict[int, list[tuple[int, int]]] = {}
    for start, end, owner in scopes:
        scopes_of.setdefault(owner, []).append((start, end))
    for index, event in enumerate(events):
        sentences = itertools.chain(event.sentences,
                                    _scope_sentences(doc, scopes_of.get(index, [])))
        for sentence in sentences:
            match = T.PARTICIPANTS.search(doc.text, sentence.start, sentence.end)
            if match:
                event.participants = int(match.group(2))
                event.participants_approximate = bool(match.group(3)) or \
                    match.group(1) in ("约", "近", "超过", "逾")
                break


def _scope_sentences(doc: Document, scopes: list[tuple[int, int]]) -> Iterator[Sentence]:
    """The sentences of an event's scopes (sorted by start) that lie in the
    paragraph each scope starts in, each once: a sentence read for one scope
    is not read again for the next (scopes of one event that overlap would
    otherwise make a long paragraph quadratic)."""
    starts = [s.start for s in doc.sentences]
    done = 0  # sentences before this index were given already
    for start, end in scopes:
        first = doc.sentence_at(start)
        if first is None:
            continue
        k = max(bisect_left(starts, start), done)
        stop = bisect_left(starts, end)
        while k < stop and doc.sentences[k].paragraph == first.paragraph:
            yield doc.sentences[k]
            k += 1
        done = max(done, k)
