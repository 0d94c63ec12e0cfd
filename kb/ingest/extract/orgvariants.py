"""The other spellings of one body, so that two articles that write it
differently name one organisation.

Chinese news writes a local body several ways: 马鞍山市政府 and
马鞍山市人民政府, 香港特区政府 and 香港特别行政区政府, 浙江省台州市委 and
台州市委, 忻州市经济技术开发区 and 忻州经济技术开发区.  An article usually
gives one of them; the knowledge base stores a body once, under its formal
name, with the others as aliases (the loader's index matches any of them).

- 政府 of a mainland place is formally 人民政府 (the canonical name); the
  governments of Hong Kong, Macao and Taiwan's cities are named 政府.
- 特区 is the short form of 特别行政区 (the canonical name).
- A province before its own prefecture or county is dropped in an alias.
- A prefecture's 市 is dropped in an alias when a zone or park follows (the
  usual short name of a development zone).
"""

from __future__ import annotations

from dataclasses import replace

from kb.ingest.extract import lexicon, orgnames
from kb.ingest.extract.gazetteer import Gazetteer, Place
from kb.ingest.extract.mentions import Organisation

# Not governed by a 人民政府: Hong Kong, Macao, Taiwan.
_NOT_MAINLAND = frozenset(("810000", "820000", "710000"))
_LEVEL_ENDS = "省市县区州盟旗"


def with_variants(orgs: list[Organisation], gazetteer: Gazetteer) -> list[Organisation]:
    """The organisations under their canonical names, every spelling as an
    alias; parents and mentions renamed to match."""
    for org in orgs:
        canonical, others = variants(org.name, gazetteer)
        names = [org.name, *org.aliases, *others]
        org.name = canonical
        org.aliases = [n for n in dict.fromkeys(names) if n != canonical]
        if org.parent_name:
            org.parent_name = variants(org.parent_name, gazetteer)[0]
        org.mentions = [replace(m, name=org.name, parent_name=org.parent_name) for m in org.mentions]
    return orgs


def variants(name: str, gazetteer: Gazetteer) -> tuple[str, list[str]]:
    """(canonical name, other spellings) of one organisation name."""
    others: list[str] = []
    canonical = name
    if "特区" in name:  # 香港特区政府 -> 香港特别行政区政府
        canonical = name.replace("特区", "特别行政区", 1)
        others.append(name)
    elif "特别行政区" in name:
        others.append(name.replace("特别行政区", "特区", 1))
    place, rest = _leading_place(canonical, gazetteer)
    if place is None:
        return canonical, others
    if rest == "政府" and canonical[len(canonical) - len(rest) - 1] in _LEVEL_ENDS and _mainland(place, gazetteer):
        others.append(canonical)
        canonical = canonical[:-2] + "人民政府"
        rest = "人民政府"
    lead = canonical[: len(canonical) - len(rest)]
    if place.level == "province" and rest:
        inner, inner_rest = _leading_place(rest, gazetteer)
        if inner is not None and inner.level in ("prefecture", "county") and gazetteer.is_ancestor(place.key, inner.key):
            others.append(rest)  # 浙江省台州市委 -> 台州市委
    if place.level in ("prefecture", "county") and lead.endswith("市") and len(lead) >= 3 \
            and lexicon.ORG_SUFFIXES.get(orgnames.suffix_of(rest)) == "zone" \
            and not rest.startswith(tuple(_LEVEL_ENDS)):
        others.append(lead[:-1] + rest)  # 忻州市经济技术开发区 -> 忻州经济技术开发区
    return canonical, [o for o in others if o != canonical]


def _leading_place(name: str, gazetteer: Gazetteer) -> tuple[Place | None, str]:
    """The place (written in full, with its level word) a name starts with,
    and the rest of the name."""
    for k in range(min(len(name) - 1, gazetteer.max_len), 1, -1):
        head = name[:k]
        if head[-1] not in _LEVEL_ENDS and not head.endswith("特别行政区"):
            continue
        places = gazetteer.lookup(head)
        if places:
            return min(places, key=lambda p: p.rank), name[k:]
    return None, name


def _mainland(place: Place, gazetteer: Gazetteer) -> bool:
    keys = {place.key, *(p.key for p in gazetteer.ancestors(place.key))}
    return not keys & _NOT_MAINLAND
