"""A seam through which the apps below moderation (community) have what people write screened.

Moderation stands above community in the layers, so community cannot import it; moderation
plugs its `screen.screened` in here at start-up (moderation/apps.py) and community calls
`screened(...)` as any app would. Without moderation installed nothing is screened.
"""


def _nothing(target, part=None):
    return None


_nothing.verdict = None
_screen = None


def plug(screen) -> None:
    global _screen
    _screen = screen


def screened(**kwargs):
    """moderation.screen.screened(**kwargs) if moderation is installed; else a no-op holder."""
    return _screen(**kwargs) if _screen is not None else _nothing
