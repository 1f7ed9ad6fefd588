"""Home-page cards. Each app's home.py has `cards(request) -> list[Card]`; the home page
shows them in order. A card costs its app a fixed number of queries."""

from dataclasses import dataclass, field

from .registry import app_modules


@dataclass
class Card:
    template: str
    order: int = 50
    context: dict = field(default_factory=dict)


def collect_cards(request):
    cards = []
    for module in app_modules("home"):
        if hasattr(module, "cards"):
            cards.extend(module.cards(request) or [])
    return sorted(cards, key=lambda c: c.order)
