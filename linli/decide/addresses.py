"""Reading a household's address as people write it: "7-1204", "7号楼1204", "7-1-1204" (building-unit-room),
"7号楼1单元1204室", with the compound in front when a neighborhood has several ("滨江花园 7-1204")."""

import re
import unicodedata
from typing import NamedTuple

from django.utils.translation import gettext as _

_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−－~～"), "-")
_TOKEN = r"[0-9a-z]+"
# Between building and what follows: a Chinese marker (号楼, 栋…) and/or a dash, comma or slash, or a space.
_AFTER_BUILDING = r"(?:\s*(?:号楼|幢|栋|座|号|楼|\#)\s*[-,/]?\s*|\s*[-,/]\s*|\s+)"
# A building without a digit ("A座") needs its marker, so that a compound's words are not read as one.
_MARKED = r"\s*(?:号楼|幢|栋|座|号|楼)\s*[-,/]?\s*"
_AFTER_UNIT = r"(?:\s*单元\s*[-,/]?\s*|\s*[-,/]\s*|\s+)"
_ADDRESS = re.compile(
    rf"""^(?P<compound>.*?)\s*
    (?:(?:building|bldg\.?|no\.?)\s*)?
    (?:(?P<building>[a-z]*[0-9][0-9a-z]*){_AFTER_BUILDING}|(?P<lettered>[a-z]+){_MARKED})
    (?:(?:unit\s*)?(?!(?:room|rm)\b)(?P<unit>{_TOKEN}){_AFTER_UNIT})?
    (?:(?:room|rm\.?)\s*)?(?P<room>{_TOKEN})\s*(?:室|号|房)?$""",
    re.X | re.I,
)


class Address(NamedTuple):
    compound: str  # "" when not given
    building: str
    unit: str | None  # None when not given (any unit)
    room: str


def parse_address(text: str) -> Address:
    """The parts of an address; ValueError with a message in the user's language when it is not one."""
    s = unicodedata.normalize("NFKC", text or "").translate(_DASHES).strip()
    match = _ADDRESS.match(s) if len(s) <= 120 else None
    if not match:
        raise ValueError(
            _(
                "Write the address as building-room (7-1204), building-unit-room (7-1-1204) or 7号楼1204."
            )
        )
    compound = match["compound"].strip(" ,-/")
    building = match["building"] or match["lettered"]
    return Address(compound, building, match["unit"], match["room"])
