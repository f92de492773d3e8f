"""Alembic migrations of the store: the store's schema is what these scripts create."""
