"""Towns from GeoNames (no model)."""

from __future__ import annotations

from communique.kb.towns import is_town


def test_towns_are_known_with_or_without_accents() -> None:
    assert is_town("Cobán")
    assert is_town("Coban")
    assert is_town("matamoros")


def test_companies_are_no_towns() -> None:
    assert not is_town("Ascenda")
    assert not is_town("Pomona Impact")
