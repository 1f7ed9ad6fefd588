"""What every app's api.py shares: bounds for path and query parameters.

Bounds keep bad input a 422 with a message instead of a database error: an id larger than
the databases hold would otherwise crash the query; a slug that is not one is refused
before any lookup.
"""

MAX_ID = 2**63 - 1  # the largest primary key the databases hold; a bigger number is a 422
SLUG = r"^[-a-zA-Z0-9_]+$"  # a neighborhood's (or any) slug in a path
