"""Small, well-formed PDFs written byte by byte for the upload checks: each object at the
offset its cross-reference table gives, a trailer naming the catalog, startxref and %%EOF."""

CATALOG = b"<</Type /Catalog /Pages 2 0 R%s>>"
PAGES = b"<</Type /Pages /Kids [3 0 R] /Count 1>>"
PAGE = b"<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]%s>>"


def make_pdf(*objects: bytes, trailer: bytes = b"/Root 1 0 R", size: int | None = None) -> bytes:
    """Objects 1, 2, 3… in order. ``size`` pads a comment after the header so that the file
    is exactly that many bytes (still a valid PDF)."""
    header = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
    body = _body(objects, trailer, start=len(header))
    pad = b""
    while size is not None and len(header) + len(pad) + len(body) != size:
        # startxref grows by a digit or two as the padding moves the table: settle in a few turns
        pad = b"%" + b"x" * (size - len(header) - len(body) - 2) + b"\n"
        body = _body(objects, trailer, start=len(header) + len(pad))
    data = header + pad + body
    assert size is None or len(data) == size
    return data


def _body(objects: tuple[bytes, ...], trailer: bytes, *, start: int) -> bytes:
    out = bytearray()
    offsets = []
    for number, content in enumerate(objects, start=1):
        offsets.append(start + len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, content)
    xref = start + len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<<%s /Size %d>>\nstartxref\n%d\n%%%%EOF\n" % (
        trailer,
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def one_page(catalog: bytes = b"", page: bytes = b"", *more: bytes, size: int | None = None):
    """A one-page PDF; ``catalog`` and ``page`` are added inside those dictionaries, ``more``
    are objects 4, 5…"""
    return make_pdf(CATALOG % catalog, PAGES, PAGE % page, *more, size=size)


PDF = one_page()
