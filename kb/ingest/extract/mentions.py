"""What the extractors find in one article, before the loader resolves it
against the database.  Spans are offsets into the Simplified text."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class OrgMention:
    start: int
    end: int
    text: str  # as it stands in the Simplified text
    name: str  # the canonical (fullest) name in this article
    kind: str  # an OrganisationKind value
    region_key: str | None = None  # gazetteer key of the name's place prefix
    parent_name: str | None = None  # for branches: …浙江分公司 -> its group
    short: bool = False  # the mention used a short name or alias
    uncertain: bool = False  # found by a weaker rule: flag for curators


@dataclass
class Organisation:
    """One organisation of the article with all its mentions."""

    name: str
    kind: str
    region_key: str | None = None
    parent_name: str | None = None
    aliases: list[str] = field(default_factory=list)
    mentions: list[OrgMention] = field(default_factory=list)
    uncertain: bool = False  # named from context, without a suffix
    unconfirmed: bool = False  # the statistical name finder does not read it as a name

    @property
    def flagged(self) -> bool:
        return self.uncertain or self.unconfirmed


@dataclass(frozen=True)
class PositionRef:
    title: str  # 董事长, 综合规划处处长, 副主席
    organisation: str = ""  # canonical organisation name, '' when none is given
    former: bool = False  # 原…, 第十二届… (a past term)


@dataclass(frozen=True)
class PersonMention:
    start: int  # the name itself
    end: int
    name: str
    positions: tuple[PositionRef, ...] = ()
    # Where the apposition chain (organisations and titles before the name)
    # starts; equals `start` when the name stands alone.
    chain_start: int = -1
    uncertain: bool = False


@dataclass
class Person:
    name: str
    positions: list[PositionRef] = field(default_factory=list)
    mentions: list[PersonMention] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    # Found or placed by a weaker rule (a loose name, 公司 read as the company
    # named before): flag for curators.
    uncertain: bool = False


@dataclass(frozen=True)
class QuoteMention:
    start: int  # the quoted words, without the quotation marks
    end: int
    text: str
    kind: str  # 'direct' | 'indirect'
    speaker: str = ""  # a person's name, '' when none
    speaker_label: str = ""  # a group or anonymous speaker: 企业家们, 相关负责人
    speaker_title: str = ""
    speaker_organisation: str = ""
    speaker_start: int = -1  # span of the attribution (name or label)
    speaker_end: int = -1
    # The speaker comes from context alone (a pronoun, the quote before, the
    # one person of the paragraph), not from words next to the quote.
    uncertain: bool = False


@dataclass(frozen=True)
class Term:
    """A short quoted term: a slogan, a name or a title in quotation marks."""

    start: int
    end: int
    text: str
