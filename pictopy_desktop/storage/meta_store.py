"""The library's small key-value store (the ``Meta`` table): counters and markers kept between runs.

Values are text; ``meta_int`` and ``meta_add`` read and bump numbers. Callers own their
keys (the people modules' are in ``people/people_store.py``). No Qt.
"""

from __future__ import annotations

from pictopy_desktop.storage.tables import Meta


def meta_get(key: str, default: str | None = None) -> str | None:
    """The value stored under ``key``, or ``default``."""
    row = Meta.get_or_none(Meta.key == key)
    return default if row is None else row.value


def meta_set(key: str, value: object) -> None:
    """Store ``value`` (as text) under ``key``, replacing what was there."""
    Meta.insert(key=key, value=str(value)).on_conflict_replace().execute()


def meta_int(key: str, default: int = 0) -> int:
    """The number stored under ``key``; ``default`` when absent or not a number."""
    try:
        return int(float(meta_get(key, str(default)) or default))
    except ValueError:
        return default


def meta_add(key: str, amount: int) -> int:
    """Add ``amount`` to the number under ``key``; returns the new value."""
    value = meta_int(key) + amount
    meta_set(key, value)
    return value
