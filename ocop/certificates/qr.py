"""The certificate's QR code: the absolute verification address (``SITE_URL`` + ``/v/<code>``),
made with segno (pure Python).

- Error correction Q (25 %): a label on a bag or a bottle gets scuffed, folded and wet; Q
  survives that and still fits the short address in a 33 × 33 symbol (version 4). No
  "boost": the level is fixed, so the same address always gives the same symbol.
- Quiet zone of 4 modules (ISO/IEC 18004), always light: a transparent margin would take the
  packaging's colour and stop phones reading the code.
- The SVG is a standalone file for the packaging designer: a vector with its ``viewBox``, a
  title, and a physical size in millimetres (the symbol 30 mm wide, without its quiet zone).
- The PNG is about 1000 px wide (sharp at 3 cm and well beyond), with its resolution set so
  that it too opens at 30 mm.
"""

import io
import math

import segno
from django.utils import translation
from django.utils.translation import gettext as _

ERROR = "q"
BORDER = 4  # modules of quiet zone
SYMBOL_MM = 30  # the size the files open at (the symbol without its quiet zone)
PNG_PIXELS = 1000  # at least this many pixels wide, quiet zone included
MM_PER_INCH = 25.4
DARK, LIGHT = "#000000", "#ffffff"


def make(url: str) -> segno.QRCode:
    return segno.make(url, error=ERROR, micro=False, boost_error=False)


def code_of(cert) -> segno.QRCode:
    return make(cert.absolute_verify_url())


def modules(cert) -> int:
    """The symbol's width in modules (without the quiet zone): 33 for version 4."""
    return code_of(cert).symbol_size(border=0)[0]


def svg(cert, *, border: int = BORDER, sized: bool = True) -> bytes:
    """A standalone SVG file. ``sized=False`` leaves the size to whoever places it (the PDF
    templates set an exact width); ``border=0`` leaves the quiet zone to the layout."""
    qr = code_of(cert)
    n = qr.symbol_size(border=0)[0]
    with translation.override("vi"):
        title = _("Mã QR tra cứu giấy chứng nhận OCOP số %(number)s") % {"number": cert.number}
    out = io.BytesIO()
    qr.save(
        out,
        kind="svg",
        border=border,
        dark=DARK,
        light=LIGHT,
        xmldecl=True,
        title=title,
        desc=cert.absolute_verify_url(),
        svgclass=None,
        lineclass=None,
        omitsize=True,
    )
    text = out.getvalue()
    if sized:
        # segno's own scaling leaves the last row of the light background unpainted; a
        # size on the root element over the one-unit-per-module viewBox scales it exactly.
        mm = f"{(n + 2 * border) * SYMBOL_MM / n:.3f}mm"
        text = text.replace(b"<svg ", f'<svg width="{mm}" height="{mm}" '.encode(), 1)
    return text


def png(cert, *, scale: int | None = None, border: int = BORDER) -> bytes:
    """A PNG of about ``PNG_PIXELS`` wide unless ``scale`` (pixels per module) is given."""
    qr = code_of(cert)
    n = qr.symbol_size(border=0)[0]
    scale = scale or math.ceil(PNG_PIXELS / (n + 2 * border))
    dpi = round(scale * n / (SYMBOL_MM / MM_PER_INCH))
    out = io.BytesIO()
    qr.save(out, kind="png", scale=scale, border=border, dark=DARK, light=LIGHT, dpi=dpi)
    return out.getvalue()
