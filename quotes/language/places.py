"""Countries and the states or provinces of a few countries, by name: the places the 9-class entity recogniser
often tags PERSON or ORG ("Iowa", "Maryland"), read from pycountry's ISO 3166 tables, not a list of our own.

A name that is also a first name ("Georgia", "Jordan", "Chad") is left out: alone, it may be a person.
"""

from __future__ import annotations

from functools import lru_cache

# whose first-level divisions news names without their country ("Ohio", "Ontario", "Queensland", "Bihar")
DIVISIONS_OF = ("US", "CA", "AU", "GB", "IN", "MX", "BR", "DE", "CN")
DIVISION_TYPES = ("State", "Province", "Country", "Territory", "Federal district")


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    import pycountry

    from quotes.language.names import known_first_name

    found: set[str] = set()
    for c in pycountry.countries:
        for field in ("name", "common_name", "official_name"):
            value = getattr(c, field, None)
            if value:
                found.add(value)
    for code in DIVISIONS_OF:
        for s in pycountry.subdivisions.get(country_code=code) or ():
            if s.type in DIVISION_TYPES:
                found.add(s.name)
    return frozenset(p.casefold() for p in found if not (" " not in p and known_first_name(p)))


def is_place(name: str) -> bool:
    """A country's or a state's name as a whole ("Iowa", "South Carolina", "Japan"); "Iowa Sen. Joni Ernst" is
    not one."""
    return name.strip().casefold() in _places()
