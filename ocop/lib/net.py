"""The client's address, as one function for every limit that counts per address (sign-in
lock-out and slow-down, consumers' reports, the audit log).

Without a proxy it is ``REMOTE_ADDR``. Behind reverse proxies, ``OCOP_CLIENT_IP_HEADER``
names the header they fill (``X-Forwarded-For``, ``X-Real-IP``) and
``OCOP_TRUSTED_PROXY_COUNT`` how many of them stand in front of the application: each
appends the address it saw, so the address the outermost trusted proxy saw is the N-th from
the right. Entries further left are whatever the client sent and are never read. A header
that is missing, shorter than N or not an address falls back to ``REMOTE_ADDR``.
"""

import ipaddress

from django.conf import settings


def _address(value: str) -> str | None:
    value = value.strip()
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The address of the client as the last trusted proxy saw it (see the module)."""
    if request is None:
        return None
    remote = request.META.get("REMOTE_ADDR") or None
    header = getattr(settings, "OCOP_CLIENT_IP_HEADER", "")
    if not header:
        return remote
    key = header.upper().replace("-", "_")
    raw = request.META.get(key if key.startswith("HTTP_") else f"HTTP_{key}", "")
    entries = [e for e in raw.split(",") if e.strip()]
    count = max(1, getattr(settings, "OCOP_TRUSTED_PROXY_COUNT", 1))
    if len(entries) < count:
        return remote
    return _address(entries[-count]) or remote
