"""Opaque public identifiers (house rule 6): random, unambiguous letters, never database ids."""

import secrets

# No 0/O, 1/I: codes are read aloud over the phone and typed from paper.
ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def opaque_code(prefix: str = "", length: int = 8) -> str:
    """E.g. ``opaque_code("HS-")`` → ``HS-7F3K9Q2M`` (40 bits for 8 letters)."""
    return prefix + "".join(secrets.choice(ALPHABET) for _ in range(length))
