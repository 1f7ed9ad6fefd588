"""What a person did in projects, for their talent profile (linli/core/registry.py)."""

from .selectors import work_of


def work(person_id) -> dict:
    """Their team roles and design versions: {"roles": […], "versions": […]} (two queries)."""
    return work_of(person_id)
