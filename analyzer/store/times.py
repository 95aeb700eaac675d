"""Times as the store keeps them: ISO-8601 UTC text with microseconds and a Z, which sorts as time does in
both databases."""
from __future__ import annotations

from datetime import datetime, timezone


def now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
