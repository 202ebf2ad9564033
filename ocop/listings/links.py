"""Shop links a producer pastes (one per line): checked, normalised and named by their host.

Pure functions, no database. What is refused, each time with a message that names the line:

- anything but ``http`` and ``https`` (``javascript:``, ``data:``, ``mailto:``, ``file:``…,
  in any letter case);
- spaces, tabs or control characters inside the address (a browser would drop some of them
  silently: ``java\\tscript:`` must not slip through);
- an address without a real host (a name with a dot, ``shopee.vn``; not an IP address, not
  ``localhost``), with a user name or password in it (``https://a@b.vn``), a bad port;
- more than ``MAX_LENGTH`` characters, more than ``MAX_LINKS`` links.

An address without a scheme that starts with a host (``shopee.vn/shop/123``) gets
``https://``. A host written in Unicode (``gốmbáttràng.vn``) is kept in its IDNA form
(``xn--…``), the one every browser and DNS resolver reads the same way; a path with
non-ASCII letters is percent-encoded. The same address given twice counts once.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MAX_LINKS = 10
MAX_LENGTH = 500

WEBSITE = "website"
# kind: (label, hosts). A host matches itself and its subdomains (m.facebook.com, vt.tiktok.com).
KINDS: dict[str, tuple[object, tuple[str, ...]]] = {
    "shopee": ("Shopee", ("shopee.vn", "shp.ee")),
    "tiktok": ("TikTok Shop", ("tiktok.com",)),
    "lazada": ("Lazada", ("lazada.vn", "lzd.co")),
    "tiki": ("Tiki", ("tiki.vn", "ti.ki")),
    "postmart": ("Postmart", ("postmart.vn",)),
    "voso": ("Voso", ("voso.vn",)),
    "facebook": ("Facebook", ("facebook.com", "fb.com", "fb.me")),
    "zalo": ("Zalo", ("zalo.me",)),
    WEBSITE: (gettext_lazy("Trang web riêng"), ()),
}

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
# Characters kept as they are in a path, query or fragment (RFC 3986 reserved and unreserved
# ones, and "%" of an existing escape); everything else is percent-encoded as UTF-8.
_SAFE = "/:@!$&'()*+,;=-._~%?#[]"
_LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")


class BadLink(ValueError):
    """One address that cannot be used; ``str()`` is the reason, for the user."""


class BadLinks(ValueError):
    """The list as a whole was refused; ``messages`` has one line per problem."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class Link:
    kind: str
    url: str

    @property
    def label(self) -> str:
        return label(self.kind)

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "url": self.url}


def label(kind: str) -> str:
    """The name shown for a kind of link ("Shopee", "Trang web riêng")."""
    return str(KINDS.get(kind, KINDS[WEBSITE])[0])


def kind_of(host: str) -> str:
    """The kind of a (lower-case, ASCII) host: ``shopee``… or ``website``."""
    host = host.lower().rstrip(".")
    for kind, (_label, hosts) in KINDS.items():
        if any(host == h or host.endswith("." + h) for h in hosts):
            return kind
    return WEBSITE


def check(raw: str) -> Link:
    """One address, checked and normalised, or ``BadLink``."""
    text = (raw or "").strip()
    if not text:
        raise BadLink(_("địa chỉ trống."))
    if len(text) > MAX_LENGTH:
        raise BadLink(_("địa chỉ dài quá %(max)d ký tự.") % {"max": MAX_LENGTH})
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in text):
        raise BadLink(_("địa chỉ không được có dấu cách hay ký tự điều khiển."))
    text = _with_scheme(text)
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise BadLink(_("địa chỉ không hợp lệ (tên miền hoặc cổng sai).")) from None
    if parts.scheme not in ("http", "https"):
        raise BadLink(_("chỉ nhận địa chỉ web bắt đầu bằng http:// hoặc https://."))
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise BadLink(_("không được ghi tên đăng nhập hay mật khẩu trong địa chỉ."))
    host = _host(parts.hostname or "")
    netloc = host if port is None else f"{host}:{port}"
    url = urlunsplit(
        (
            parts.scheme,
            netloc,
            quote(parts.path, safe=_SAFE) or "/",
            quote(parts.query, safe=_SAFE),
            quote(parts.fragment, safe=_SAFE),
        )
    )
    if len(url) > MAX_LENGTH:
        raise BadLink(_("địa chỉ dài quá %(max)d ký tự.") % {"max": MAX_LENGTH})
    return Link(kind_of(host), url)


def parse(text: str) -> list[Link]:
    """The links of a text, one per line (blank lines skipped), or ``BadLinks``."""
    return check_all((text or "").splitlines())


def check_all(lines: Iterable[str]) -> list[Link]:
    """Check every address; ``BadLinks`` names each bad one by its line."""
    numbered = [(n, line.strip()) for n, line in enumerate(lines, start=1) if line.strip()]
    if len(numbered) > MAX_LINKS:
        raise BadLinks(
            [
                _("Tối đa %(max)d liên kết; bạn đã nhập %(count)d.")
                % {"max": MAX_LINKS, "count": len(numbered)}
            ]
        )
    links: list[Link] = []
    errors: list[str] = []
    for number, line in numbered:
        try:
            link = check(line)
        except BadLink as exc:
            errors.append(_("Dòng %(line)d: %(error)s") % {"line": number, "error": exc})
        else:
            if link not in links:
                links.append(link)
    if errors:
        raise BadLinks(errors)
    return links


def from_stored(items: Iterable[dict[str, Any]]) -> list[Link]:
    """Links kept in a payload or on a listing (``[{"kind", "url"}]``), checked again."""
    return check_all(str(item.get("url", "")) for item in items if isinstance(item, dict))


def as_text(items: Iterable[dict[str, Any]]) -> str:
    """Stored links as the form shows them: one address per line."""
    return "\n".join(str(item.get("url", "")) for item in items if isinstance(item, dict))


def _with_scheme(text: str) -> str:
    if text.startswith("//"):
        return "https:" + text
    match = _SCHEME.match(text)
    # "shopee.vn:443/x" reads as a scheme "shopee.vn"; a real scheme has no dot in it.
    if match and "." not in match.group(1):
        return match.group(1).lower() + text[match.end(1) :]
    host = re.split(r"[/?#:]", text, maxsplit=1)[0]
    if "." in host:
        return "https://" + text
    raise BadLink(_("không phải là một địa chỉ web (ví dụ https://shopee.vn/ten-cua-hang)."))


def _host(hostname: str) -> str:
    """The host in IDNA form, or ``BadLink``: a name with a dot and an alphabetic top level."""
    name = hostname.rstrip(".")
    try:
        ascii_name = name.encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise BadLink(_("tên miền không hợp lệ.")) from None
    labels = ascii_name.split(".")
    if len(labels) < 2 or not all(_LABEL.match(part) for part in labels):
        raise BadLink(_("thiếu tên miền hợp lệ (ví dụ shopee.vn)."))
    top = labels[-1]
    if not (top.isalpha() or top.startswith("xn--")):
        raise BadLink(_("hãy ghi tên miền, không ghi địa chỉ IP."))
    return ascii_name
