"""The store of documents, entities and facts."""

from communique.store.db import Store, entity_key

__all__ = ["Store", "entity_key"]
