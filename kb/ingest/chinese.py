"""Shared OpenCC converters.

Building an OpenCC converter costs far more than a conversion, so each config
is built once per process and reused (opencc-python-reimplemented)."""

from functools import lru_cache

from opencc import OpenCC


@lru_cache(maxsize=8)
def converter(config: str) -> OpenCC:
    """config: t2s, s2t, s2tw, tw2s, s2hk, hk2s …"""
    return OpenCC(config)


def to_simplified(text: str) -> str:
    return converter("t2s").convert(text)


def to_traditional(text: str, variant: str = "s2t") -> str:
    return converter(variant).convert(text)
