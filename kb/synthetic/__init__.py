"""Synthetic data for performance work: realistic records at any size and raw
articles in the style of the seeds, deterministic for a seed.

    lexicon   word lists (industries, forum words, names, quotes …)
    draw      weighted draws with cached cumulative weights
    places    the real gazetteer, drawn with the skew of regional news
    world     organisations and people, reused across events
    stories   what one report is about: events, parents, roles, quotes
    report    a story written out, with marks for provenance
    dirt      the damage raw web text carries (mojibake, pinyin, HTML, junk)
    articles  raw article files for import benchmarks
    tables    plain-row inserts (executemany / COPY) and id reservation
    records   the database side: bulk writes, and clearing synthetic rows

Everything but tables and records is pure Python (no Django).
`python manage.py make_synthetic` drives both sides.
"""
