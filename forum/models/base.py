"""Shared column helpers."""
from datetime import datetime, timezone


def utcnow() -> datetime:
    """Naive UTC timestamp: stored identically by SQLite and PostgreSQL."""
    return datetime.now(timezone.utc).replace(tzinfo=None)
