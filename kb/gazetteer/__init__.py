"""The region gazetteer: China's administrative divisions with their GB/T 2260
codes, the macro-regions that regional-development news names, and named
zones (national new areas, science cities, parks).

    curated  hand-kept data: macro-regions, zones, abbreviations, alias stoplist
    build    pure functions: division package data + curated -> region dicts

`manage.py build_gazetteer` regenerates fixtures/regions.json from the division
package (a build-time dependency only); `manage.py load_regions` loads that
fixture (kb.services.regions.regions_load).
"""
