"""Keeps the search index true to the database (filled in by the search work)."""
