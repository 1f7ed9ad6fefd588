"""The site's icons: Heroicons (MIT, https://heroicons.com, npm package `heroicons` 2.2.0,
24 px outline set), vendored as one SVG sprite, static/icons/heroicons.svg, beside its
licence. Pages refer to a symbol with `{% icon "home" %}` (templatetags/linli.py), an
`<svg><use href="…#home">` that the browser caches once for every page: no CDN, no
JavaScript, a few hundred bytes per page.

To add an icon, add its Heroicons name to NAMES and rebuild the sprite from the package:

    npm pack heroicons@2.2.0 && tar xzf heroicons-2.2.0.tgz
    python -m linli.core.icons package/24/outline > static/icons/heroicons.svg
"""

import re
import sys
from pathlib import Path

NAMES = (
    "arrow-right-start-on-rectangle",
    "bell",
    "briefcase",
    "building-office-2",
    "calendar-days",
    "chart-bar",
    "chat-bubble-left-right",
    "check-badge",
    "chevron-down",
    "clipboard-document-list",
    "heart",
    "home",
    "home-modern",
    "key",
    "language",
    "megaphone",
    "scale",
    "shield-check",
    "sparkles",
    "squares-2x2",
    "trash",
    "user-circle",
    "user-group",
    "wrench-screwdriver",
)
SPRITE = "icons/heroicons.svg"


def build_sprite(folder: Path) -> str:
    """One <svg> of <symbol>s, one per name, from the package's single-icon files."""
    symbols = []
    for name in NAMES:
        text = (folder / f"{name}.svg").read_text()
        inner = re.search(r"<svg[^>]*>(.*)</svg>", text, re.S).group(1).strip()
        inner = re.sub(r"\s*\n\s*", "", inner)
        symbols.append(
            f'<symbol id="{name}" viewBox="0 0 24 24" fill="none" stroke="currentColor" '
            f'stroke-width="1.5">{inner}</symbol>'
        )
    return (
        "<!-- Heroicons 2.2.0 (MIT licence, see LICENSE beside this file), 24px outline -->\n"
        '<svg xmlns="http://www.w3.org/2000/svg">\n' + "\n".join(symbols) + "\n</svg>\n"
    )


if __name__ == "__main__":  # pragma: no cover
    sys.stdout.write(build_sprite(Path(sys.argv[1])))
