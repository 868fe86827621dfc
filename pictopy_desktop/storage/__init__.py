"""The storage layer: Peewee tables over one SQLite file, versioned by migrations. No Qt."""
