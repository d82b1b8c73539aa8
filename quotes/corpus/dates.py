"""Dates as the corpus steps compare them: the day an ISO date starts with, and days between two."""

from __future__ import annotations

import datetime as dt


def day_of(value: str | None) -> dt.date | None:
    """The date an ISO date (or date-time) string starts with, or None."""
    try:
        return dt.date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def days_apart(a: str | None, b: str | None) -> int | None:
    """Days between two ISO dates, or None when either is unknown."""
    da, db = day_of(a), day_of(b)
    return None if da is None or db is None else abs((da - db).days)
