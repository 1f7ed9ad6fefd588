"""What a person types into a search box, made safe for every database.

PostgreSQL refuses a NUL character in text (psycopg raises before the query is sent), so a
`?q=%00` would be a 500; other control characters match nothing anyway. Every search view
passes its query through `search_query` before filtering with it.
"""

import unicodedata

MAX_LENGTH = 50


def search_query(value, max_length=MAX_LENGTH) -> str:
    """The query without control characters (NUL among them), trimmed and bounded."""
    if not value:
        return ""
    kept = "".join(ch for ch in str(value) if unicodedata.category(ch) != "Cc")
    return kept.strip()[:max_length].strip()
