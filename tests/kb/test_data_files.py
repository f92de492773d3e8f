"""Every knowledge-base data file has the shape the code relies on: unique ids, well
formed Wikidata ids, no empty names, parents that exist, no duplicated YAML keys."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

DATA = Path(str(resources.files("communique.kb").joinpath("data")))
ORGANIZATIONS = sorted((DATA / "organizations").glob("*.yaml"))
QID = re.compile(r"^Q[0-9]+$")


class _StrictLoader(yaml.SafeLoader):
    """A loader that refuses a key given twice in one mapping (YAML keeps the last)."""


def _no_duplicates(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    keys = [loader.construct_object(key, deep=deep) for key, _ in node.value]
    repeated = {k for k in keys if keys.count(k) > 1}
    if repeated:
        raise yaml.constructor.ConstructorError(None, None, f"duplicate keys {sorted(map(str, repeated))}", node.start_mark)
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicates)


def _load(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)


@pytest.mark.parametrize("path", sorted(DATA.rglob("*.yaml")), ids=lambda p: p.name)
def test_every_data_file_parses_without_duplicate_keys(path: Path) -> None:
    assert _load(path) is not None


def _organizations() -> list[dict[str, Any]]:
    return [entry for path in ORGANIZATIONS for entry in _load(path)]


@pytest.mark.parametrize("path", ORGANIZATIONS, ids=lambda p: p.name)
def test_organization_files(path: Path) -> None:
    entries = _load(path)
    assert isinstance(entries, list)
    assert entries
    for entry in entries:
        assert re.fullmatch(r"[a-z0-9_]+", entry["id"]), entry["id"]
        assert entry["qid"] is None or QID.match(entry["qid"]), entry
        assert entry["kind"] in ("organization", "programme"), entry
        names = entry["names"]
        assert names.get("en"), entry["id"]
        assert names.get("fr"), entry["id"]
        assert all(isinstance(n, str) and n.strip() for values in names.values() for n in values), entry["id"]
        assert all(isinstance(a, str) and a.strip() for a in entry.get("acronyms") or []), entry["id"]


def test_organization_ids_are_unique_and_parents_exist() -> None:
    entries = _organizations()
    ids = [e["id"] for e in entries]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    assert len(ids) >= 500
    missing = {e["parent"] for e in entries if e.get("parent") and e["parent"] not in set(ids)}
    assert missing == set()


def test_countries_file() -> None:
    import pycountry

    entries = _load(DATA / "countries.yaml")
    codes = [e["alpha2"] for e in entries]
    assert len(codes) == len(set(codes))
    assert {c.alpha_2 for c in pycountry.countries} <= set(codes)
    for entry in entries:
        assert entry["qid"] is None or QID.match(entry["qid"]), entry
        for values in (entry.get("adjectives") or {}).values():
            assert all(isinstance(v, str) and v.strip() for v in values), entry["alpha2"]


def test_places_file() -> None:
    entries = _load(DATA / "places.yaml")
    ids = [e["id"] for e in entries]
    assert len(ids) == len(set(ids))
    for entry in entries:
        assert entry["qid"] is None or QID.match(entry["qid"]), entry
        assert entry["names"].get("en"), entry["id"]
        assert entry["names"].get("fr"), entry["id"]


PERSONS = sorted((DATA / "persons").glob("*.yaml"))
_YEAR_MONTH = re.compile(r"^[0-9]{4}(-[0-9]{2})?$")


@pytest.mark.parametrize("path", PERSONS, ids=lambda p: p.name)
def test_person_files(path: Path) -> None:
    import pycountry

    codes = {c.alpha_2 for c in pycountry.countries} | {"XK"}
    organizations = {e["id"] for e in _organizations()}
    entries = _load(path)
    assert isinstance(entries, list)
    assert entries
    for entry in entries:
        assert set(entry) == {"id", "qid", "names", "short", "country", "organization", "offices"}, entry.get("id")
        assert re.fullmatch(r"[a-z0-9_]+", entry["id"]), entry["id"]
        assert entry["qid"] is None or QID.match(entry["qid"]), entry["id"]
        assert entry["names"], entry["id"]
        assert all(isinstance(n, str) and n.strip() == n and n for n in [*entry["names"], *entry["short"]]), entry["id"]
        assert entry["country"] is None or entry["country"] in codes, entry["id"]
        assert entry["organization"] is None or entry["organization"] in organizations, entry["id"]
        assert entry["country"] or entry["organization"], entry["id"]
        for office in entry["offices"]:
            assert office["en"], entry["id"]
            assert office["fr"], entry["id"]
            assert _YEAR_MONTH.match(str(office["from"])), entry["id"]
            assert office["to"] is None or _YEAR_MONTH.match(str(office["to"])), entry["id"]


def test_person_ids_are_unique_across_files() -> None:
    ids = [entry["id"] for path in PERSONS for entry in _load(path)]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    assert len(ids) >= 1000


def test_event_lexicon_compiles_and_codes_are_in_the_crosswalk() -> None:
    from communique.kb.event_lexicon import event_lexicon

    lexicon = event_lexicon()
    assert {"fr", "en"} <= set(lexicon.triggers)
    for kind in lexicon.kinds.values():
        assert re.fullmatch(r"[0-9]{2,4}", kind.cameo)
    assert {name for name, _, _ in lexicon.triggers["fr"]} == {name for name, _, _ in lexicon.triggers["en"]} - {
        "military_aid",
        "appreciation",
        "responsibility",
    }
