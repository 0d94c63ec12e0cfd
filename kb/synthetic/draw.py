"""Weighted draws: one key of ((key, weight), …), cumulative weights cached
(random.choices rebuilds them on every call otherwise, and the planner draws
millions of times at large sizes)."""

from __future__ import annotations

import random
from functools import lru_cache


@lru_cache(maxsize=256)
def _cumulative(weights: tuple) -> tuple[tuple, tuple]:
    keys, cumulative, total = [], [], 0
    for key, weight in weights:
        total += weight
        keys.append(key)
        cumulative.append(total)
    return tuple(keys), tuple(cumulative)


def pick(rng: random.Random, weights: tuple):
    keys, cumulative = _cumulative(weights)
    return rng.choices(keys, cum_weights=cumulative)[0]
