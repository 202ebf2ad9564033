"""The one check every uploaded evidence file goes through.

The kind of a file is decided by its content, never by its name or the browser's content type:
PDF, JPEG, PNG, WebP, DOCX and XLSX are accepted. Images must decode fully with Pillow (and not
be decompression bombs); Word and Excel files must be well-formed Office Open XML packages
without macros and without an absurd unpacked size. Anything else is refused with
``UploadRefused``, whose message is meant for the user.

``inspect()`` streams a SHA-256 of the file and rewinds it, so the caller can save it next.
``make_thumbnail()`` gives a small WebP of an image, without its EXIF metadata.
"""

import contextlib
import hashlib
import io
import math
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from django import forms
from django.conf import settings
from django.core.files.base import ContentFile, File
from django.utils.formats import number_format
from django.utils.translation import gettext
from PIL import Image, ImageOps

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
CHUNK = 64 * 1024
ZIP_BOMB_RATIO = 10  # unpacked Office files may be this many times the size limit, no more

KINDS: dict[str, tuple[str, str]] = {
    "pdf": ("application/pdf", ".pdf"),
    "jpeg": ("image/jpeg", ".jpg"),
    "png": ("image/png", ".png"),
    "webp": ("image/webp", ".webp"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".docx",
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
}
IMAGE_KINDS = {"jpeg", "png", "webp"}

# For the file picker's ``accept``: extensions (".jpeg" too) and content types.
ACCEPT = ",".join(
    [ext for _, ext in KINDS.values()] + [".jpeg"] + [ctype for ctype, _ in KINDS.values()]
)

_PILLOW_FORMATS = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}
_OFFICE_MAIN_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
_CONTENT_TYPES = "[Content_Types].xml"

FileLike = File | IO[bytes]


class UploadRefused(Exception):
    """An uploaded file that is not accepted; ``str()`` is the message for the user."""


@dataclass(frozen=True)
class Inspected:
    kind: str
    content_type: str
    extension: str
    size: int
    sha256: str


def inspect(f: FileLike, *, max_bytes: int | None = None) -> Inspected:
    """Check an uploaded file and describe it, or raise ``UploadRefused``.

    ``max_bytes`` defaults to the ``OCOP_UPLOAD_MAX_BYTES`` setting. The file is rewound
    afterwards, whatever the outcome.
    """
    limit = max_bytes if max_bytes is not None else _setting_max_bytes()
    try:
        size = _size(f)
        if size == 0:
            raise UploadRefused(gettext("Tệp rỗng."))
        if size > limit:
            raise _too_large(size, limit)
        f.seek(0)
        kind = _sniff(f.read(16))
        if kind is None:
            raise _unknown_kind()
        if kind in IMAGE_KINDS:
            _check_image(f, kind)
        elif kind == "zip":
            kind = _check_office(f, limit)
        digest, counted = _sha256(f, limit)
    finally:
        _rewind(f)
    content_type, extension = KINDS[kind]
    return Inspected(kind, content_type, extension, counted, digest)


def make_thumbnail(f: FileLike, *, size: int = 320) -> ContentFile:
    """A WebP of the image fitting within ``size`` × ``size``, upright, with no metadata."""
    try:
        f.seek(0)
        with Image.open(f, formats=list(_PILLOW_FORMATS.values())) as image:  # never EPS &c.
            _refuse_bomb(image)
            image.draft("RGB", (size, size))  # JPEG: decode at a reduced scale, much faster
            upright = ImageOps.exif_transpose(image)
            rgb = _flatten(upright)
            rgb.thumbnail((size, size))
            clean = Image.new("RGB", rgb.size)  # a fresh image: no EXIF, XMP or ICC carried over
            clean.paste(rgb)
    except UploadRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _bomb() from None
    except Exception:  # Pillow raises many exception types for damaged images
        raise _broken_image() from None
    finally:
        _rewind(f)
    out = io.BytesIO()
    clean.save(out, "WEBP", quality=80)
    return ContentFile(out.getvalue(), name="thumbnail.webp")


class EvidenceFileField(forms.FileField):
    """A file field that runs ``inspect()``; the result is kept as ``uploaded_file.inspected``."""

    def __init__(self, *, max_bytes: int | None = None, **kwargs):
        self.max_bytes = max_bytes
        kwargs.setdefault("allow_empty_file", True)  # so an empty file gets our own message
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "accept": ACCEPT}

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if uploaded and uploaded is not initial:
            try:
                uploaded.inspected = inspect(uploaded, max_bytes=self.max_bytes)
            except UploadRefused as exc:
                raise forms.ValidationError(str(exc), code="upload_refused") from None
        return uploaded


# --- helpers -----------------------------------------------------------------------------------


def _setting_max_bytes() -> int:
    return getattr(settings, "OCOP_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES)


def _size(f: FileLike) -> int:
    size = getattr(f, "size", None)
    if size is None:
        f.seek(0, os.SEEK_END)
        size = f.tell()
    return size


def _rewind(f: FileLike) -> None:
    with contextlib.suppress(AttributeError, OSError, ValueError):  # not seekable, or closed
        f.seek(0)


def _sniff(head: bytes) -> str | None:
    """The kind announced by the first bytes; "zip" is checked further as DOCX or XLSX."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    return None


def _sha256(f: FileLike, limit: int) -> tuple[str, int]:
    digest, counted = hashlib.sha256(), 0
    for chunk in _chunks(f):
        counted += len(chunk)
        if counted > limit:  # the announced size was wrong; never read past the limit
            raise _too_large(counted, limit)
        digest.update(chunk)
    if counted == 0:
        raise UploadRefused(gettext("Tệp rỗng."))
    return digest.hexdigest(), counted


def _chunks(f: FileLike) -> Iterator[bytes]:
    if hasattr(f, "chunks"):
        yield from f.chunks(CHUNK)
        return
    f.seek(0)
    while chunk := f.read(CHUNK):
        yield chunk


def _check_image(f: FileLike, kind: str) -> None:
    """The image decodes fully, as the format its magic bytes announce, and is not a bomb."""
    formats = [_PILLOW_FORMATS[kind]]
    try:
        f.seek(0)
        with Image.open(f, formats=formats) as image:
            _refuse_bomb(image)
            if image.format != formats[0]:
                raise _broken_image()
            image.verify()
        f.seek(0)
        with Image.open(f, formats=formats) as image:  # verify() leaves the image unusable
            image.load()
    except UploadRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _bomb() from None
    except Exception:  # Pillow raises many exception types for damaged images
        raise _broken_image() from None


def _flatten(image: Image.Image) -> Image.Image:
    """RGB, with any transparency laid on white (not the black a plain conversion gives)."""
    if image.mode in {"RGBA", "LA", "PA"} or "transparency" in image.info:
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    return image.convert("RGB")


def _refuse_bomb(image: Image.Image) -> None:
    """Pillow only warns between MAX_IMAGE_PIXELS and twice that; we refuse from the limit."""
    limit = Image.MAX_IMAGE_PIXELS
    if limit is not None and image.width * image.height > limit:
        raise _bomb()


def _check_office(f: FileLike, limit: int) -> str:
    """A DOCX or XLSX package, without macros, that does not unpack to an absurd size."""
    try:
        f.seek(0)
        with zipfile.ZipFile(f) as package:
            members = package.infolist()
            names = {m.filename for m in members}
            found = [kind for kind, part in _OFFICE_MAIN_PARTS.items() if part in names]
            if _CONTENT_TYPES not in names or len(found) != 1:
                raise _unknown_kind()
            if any(os.path.basename(m.filename).lower() == "vbaproject.bin" for m in members):
                raise _macros()
            if sum(m.file_size for m in members) > ZIP_BOMB_RATIO * limit:
                raise UploadRefused(gettext("Tệp Word/Excel quá lớn khi giải nén."))
            with package.open(_CONTENT_TYPES) as types:
                declared = types.read(CHUNK * 16).lower()
            if b"macroenabled" in declared or b"vbaproject" in declared:
                raise _macros()
            if package.testzip() is not None:  # every member's CRC, sizes bounded above
                raise _broken_office()
    except UploadRefused:
        raise
    except Exception:  # zipfile and zlib raise many exception types for damaged archives
        raise _broken_office() from None
    return found[0]


_UNITS = (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024))


def _human_size(n: int, *, up: bool = False) -> str:
    """One decimal, dropped when nought, in the user's number format: "25,3 MB", "20 MB".

    ``up`` rounds up, so a file just over the limit never shows as equal to it.
    """
    unit, scale = next(((unit, scale) for unit, scale in _UNITS if n >= scale), ("B", 1))
    tenths = n * 10 / scale
    value = (math.ceil(tenths) if up else round(tenths)) / 10
    shown = number_format(value, decimal_pos=0 if value == int(value) else 1)
    return f"{shown} {unit}"


def _too_large(size: int, limit: int) -> UploadRefused:
    return UploadRefused(
        gettext("Tệp quá lớn: %(size)s. Giới hạn là %(limit)s.")
        % {"size": _human_size(size, up=True), "limit": _human_size(limit)}
    )


def _unknown_kind() -> UploadRefused:
    return UploadRefused(
        gettext("Không nhận loại tệp này. Chỉ nhận PDF, JPEG, PNG, WebP, DOCX, XLSX.")
    )


def _broken_image() -> UploadRefused:
    return UploadRefused(gettext("Tệp ảnh bị hỏng hoặc không đọc được."))


def _bomb() -> UploadRefused:
    return UploadRefused(gettext("Ảnh có quá nhiều điểm ảnh, không xử lý được."))


def _broken_office() -> UploadRefused:
    return UploadRefused(gettext("Tệp Word/Excel bị hỏng hoặc không đọc được."))


def _macros() -> UploadRefused:
    return UploadRefused(gettext("Tệp Word/Excel có macro không được nhận."))


def serve(stored, *, title: str, thumbnail: bool = False):
    """A private download of a checked upload (``file``, ``thumbnail``, ``content_type``,
    ``extension``, ``is_image``): shown in the browser when it is an image or a PDF, kept
    out of shared caches, never sniffed as another type."""
    from django.http import FileResponse

    handle = (stored.thumbnail if thumbnail else stored.file).open("rb")
    response = FileResponse(
        handle,
        content_type="image/webp" if thumbnail else stored.content_type,
        as_attachment=not (thumbnail or stored.is_image or stored.extension == ".pdf"),
        filename=f"{title[:80]}{'.webp' if thumbnail else stored.extension}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response
