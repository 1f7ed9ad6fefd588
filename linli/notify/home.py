from linli.core.home import Card

from . import selectors


def cards(request):
    if not request.user.is_authenticated:
        return []
    latest = selectors.latest_unread(request.user)
    return [Card("notify/card.html", order=20, context={"latest": latest})] if latest else []
