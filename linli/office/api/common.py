"""The office API's router and helpers."""

from ninja import Router

router = Router(tags=["office"])


PREFIX = "/"
