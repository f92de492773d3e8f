"""The store of documents, merged entities and facts, with curation, queries and search."""

from communique.store.db import Store
from communique.store.keys import entity_key
from communique.store.queries import FactFilter
from communique.store.views import (
    DocumentDetail,
    DocumentSummary,
    EntityDetail,
    EntitySummary,
    FactView,
    Page,
    SearchResult,
)

__all__ = [
    "DocumentDetail",
    "DocumentSummary",
    "EntityDetail",
    "EntitySummary",
    "FactFilter",
    "FactView",
    "Page",
    "SearchResult",
    "Store",
    "entity_key",
]
