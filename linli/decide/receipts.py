"""Ballot receipts: 16 random characters (80 bits) of Crockford's base32, shown as XXXX-XXXX-XXXX-XXXX.

A receipt is drawn at random for every ballot, so it says nothing about the choices; it only lets
whoever holds it check that the ballot is in the count (or that a later ballot replaced it).
"""

import secrets
import unicodedata

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # no I, L, O, U: nothing to misread
LENGTH = 16
_READ_AS = str.maketrans({"I": "1", "L": "1", "O": "0", "U": "V"})


def receipt_new() -> str:
    return "".join(secrets.choice(ALPHABET) for _i in range(LENGTH))


def receipt_normalize(text: str) -> str:
    """The stored form of a typed code ("abcd-efgh…", full-width, misread letters), or "" if it cannot be one."""
    s = unicodedata.normalize("NFKC", text or "")[:80].upper().translate(_READ_AS)
    s = "".join(ch for ch in s if ch.isascii() and ch.isalnum())
    return s if len(s) == LENGTH and all(ch in ALPHABET for ch in s) else ""


def receipt_display(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))
