"""The one check every uploaded evidence file goes through.

The kind of a file is decided by its content, never by its name or the browser's content type:
PDF, JPEG, PNG, WebP, DOCX and XLSX are accepted. Anything else is refused with
``UploadRefused``, whose message is meant for the user.

- Images: at most ``OCOP_IMAGE_MAX_PIXELS`` pixels (default 52 megapixels: a full-resolution
  50 MP phone photo is 8192 × 6144 = 50.3 MP), read from the header before anything is
  decoded; then they must decode fully with Pillow (a JPEG at 1/8 scale: every block is still
  read, in 1/64 of the memory).
- PDFs: parsed with pypdf. Refused: no ``%%EOF`` in the last 1024 bytes (a truncated file;
  Acrobat's own rule), a trailer without a catalog, no page, JavaScript or launch actions
  (the catalog's /OpenAction, /AA and /Names /JavaScript, each page's /AA and its
  annotations' actions, and the names /JavaScript and /Launch anywhere in the raw bytes),
  and files pypdf cannot open without a password. pypdf runs non-strict, since scanners and
  old Word versions write slightly wrong cross-reference offsets that readers repair; the
  invariants above are what we insist on. Work is bounded: at most ``PDF_MAX_XREF_ENTRIES``
  cross-references, ``PDF_MAX_LOOKUPS`` objects looked at, ``PDF_MAX_PAGES`` pages, lower
  decompression limits than pypdf's and ``PDF_MAX_SECONDS`` of walking; pages past those
  bounds are left to the scan of the raw bytes (which does not see inside compressed object
  streams). The byte scan can refuse a PDF whose uncompressed text shows the name
  "/JavaScript" itself: a price we accept for evidence papers.
- Word and Excel: well-formed Office Open XML packages, checked by the content types the
  package declares (``[Content_Types].xml``), not by part names: no macro-enabled part, VBA
  project, Excel 4 macro sheet, OLE object or ActiveX control, no embedded part other than an
  Office document or an image under ``*/embeddings/``, no relationship to an external
  template, OLE object, frame or sub-document. Unpacked, a package may be at most
  ``OFFICE_MAX_RATIO`` times its own size (at least ``OFFICE_MIN_UNPACKED``), and never more
  than ``ZIP_BOMB_RATIO`` times the size limit; every part is read (CRC checked) with a counter,
  not trusting the sizes the archive declares.

``inspect()`` streams a SHA-256 of the file and rewinds it, so the caller can save it next.
``make_thumbnail()`` gives a small WebP of an image, without its EXIF metadata, shrinking a
big photo while it decodes (JPEG) or right after (``Image.reduce``).
``serve()`` sends a stored file: images inline, everything else as an attachment.
"""

import contextlib
import hashlib
import io
import itertools
import math
import os
import re
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import IO
from urllib.parse import unquote
from xml.etree import ElementTree

import pypdf
from django import forms
from django.conf import settings
from django.core.files.base import ContentFile, File
from django.utils.formats import number_format
from django.utils.translation import gettext
from PIL import Image
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from ocop.lib.text import download_name

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
CHUNK = 64 * 1024

# Images: a full-resolution 50 MP phone photo (8192 × 6144 = 50.3 MP) passes; decoded, that is
# about 150 MB (RGB). Pillow's own limit (89 MP, only a warning below 179 MP) is far too high
# for a web worker. Override with the OCOP_IMAGE_MAX_PIXELS setting.
DEFAULT_MAX_PIXELS = 52_000_000

# Office files. Real DOCX and XLSX unpack to 5–20 times their size; 100 leaves room for very
# repetitive sheets. The floor lets a small file unpack to a few megabytes whatever its ratio;
# the absolute cap (times the upload size limit: 200 MiB by default) bounds the largest files.
OFFICE_MAX_RATIO = 100
OFFICE_MIN_UNPACKED = 10 * 1024 * 1024
ZIP_BOMB_RATIO = 10  # unpacked Office files are never more than this many times the size limit
OFFICE_MAX_PARTS = 10_000

# PDFs: bounds on the work a hostile file can cause (see the module's docstring).
PDF_EOF_WINDOW = 1024
PDF_MAX_XREF_ENTRIES = 200_000
PDF_MAX_LOOKUPS = 5_000
PDF_MAX_PAGES = 1_000
PDF_MAX_SECONDS = 2.0
_PDF_LIMITS = {
    "zlib_maximum_output_length": 16 * 1024 * 1024,
    "lzw_maximum_output_length": 16 * 1024 * 1024,
    "run_length_maximum_output_length": 16 * 1024 * 1024,
    "stream_decoding_work_maximum_length": 64 * 1024 * 1024,
}

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
        elif kind == "pdf":
            _check_pdf(f, limit)
        elif kind == "zip":
            kind = _check_office(f, size, limit)
        digest, counted = _sha256(f, limit)
    finally:
        _rewind(f)
    content_type, extension = KINDS[kind]
    return Inspected(kind, content_type, extension, counted, digest)


def make_thumbnail(f: FileLike, *, size: int = 320) -> ContentFile:
    """A WebP of the image fitting within ``size`` × ``size``, upright, with no metadata.

    A big photo is shrunk first: a JPEG decodes at 1/2 to 1/8 scale (``draft``), other
    images are reduced by a whole factor right after decoding (``Image.reduce``; with
    transparency Pillow premultiplies at full size once, a palette image is converted first),
    and only then turned upright, laid on white and resampled."""
    try:
        f.seek(0)
        with Image.open(f, formats=list(_PILLOW_FORMATS.values())) as image:  # never EPS &c.
            _refuse_too_many_pixels(image)
            turn = _ORIENTATION.get(image.getexif().get(_EXIF_ORIENTATION, 1))
            image.draft("RGB", (size, size))  # JPEG: decode at a reduced scale, much faster
            small = _reduced(image, size)
            upright = small.transpose(turn) if turn is not None else small
            rgb = _flatten(upright)
            rgb.thumbnail((size, size))
            clean = Image.new("RGB", rgb.size)  # a fresh image: no EXIF, XMP or ICC carried over
            clean.paste(rgb)
    except UploadRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels() from None
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
    """The image is not too large (from its header, before decoding) and decodes fully, as the
    format its magic bytes announce."""
    formats = [_PILLOW_FORMATS[kind]]
    try:
        f.seek(0)
        with Image.open(f, formats=formats) as image:  # reads the header only
            _refuse_too_many_pixels(image)
            if image.format != formats[0]:
                raise _broken_image()
            image.verify()
        f.seek(0)
        with Image.open(f, formats=formats) as image:  # verify() leaves the image unusable
            if kind == "jpeg":
                image.draft(image.mode, (1, 1))  # every block is still decoded, at 1/8 scale
            image.load()
    except UploadRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels() from None
    except Exception:  # Pillow raises many exception types for damaged images
        raise _broken_image() from None


_EXIF_ORIENTATION = 0x0112
_ORIENTATION = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_REDUCIBLE_MODES = {"L", "LA", "RGB", "RGBA", "CMYK", "I", "F", "PA"}


def _reduced(image: Image.Image, size: int) -> Image.Image:
    """The image, shrunk by a whole factor when it is still more than twice the thumbnail
    (Pillow's ``reducing_gap=2``): a cheap box reduction before any other full-size copy."""
    factor = max(image.size) // (2 * size)
    if factor < 2:
        return image
    if image.mode not in _REDUCIBLE_MODES:  # palette, 1-bit, 16-bit grey: Pillow cannot reduce
        image = _flatten(image)
    return image.reduce(factor)


def _flatten(image: Image.Image) -> Image.Image:
    """RGB, with any transparency laid on white (not the black a plain conversion gives)."""
    if image.mode in {"RGBA", "LA", "PA"} or "transparency" in image.info:
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    return image.convert("RGB")


def _max_pixels() -> int:
    """The ``OCOP_IMAGE_MAX_PIXELS`` setting, or Pillow's own limit when that is lower."""
    limit = int(getattr(settings, "OCOP_IMAGE_MAX_PIXELS", DEFAULT_MAX_PIXELS))
    pillow = Image.MAX_IMAGE_PIXELS
    return min(limit, pillow) if pillow is not None else limit


def _refuse_too_many_pixels(image: Image.Image) -> None:
    """Refuse from the size in the header: ``Image.open`` has decoded nothing yet."""
    if image.width * image.height > _max_pixels():
        raise _too_many_pixels()


# --- PDF ---------------------------------------------------------------------------------------

# The names of a JavaScript or launch action, as whole name tokens (a name ends at white
# space or a delimiter), anywhere in the file's bytes. "/JS" alone is not looked for here: three
# bytes turn up by chance in compressed data; an action with /JS also says /S /JavaScript.
_PDF_RISKY_NAME = re.compile(rb"/(?:JavaScript|Launch)(?=[\x00\t\n\x0c\r ()<>\[\]{}/%]|\Z)")
_PDF_XREF_ENTRY = re.compile(rb"\d{10} \d{5} [nf]")
_PDF_RISKY_ACTIONS = {"/JavaScript", "/Launch"}


class _PdfBudgetSpent(Exception):
    """The walk looked at as many objects, or spent as long, as it may."""


def _check_pdf(f: FileLike, limit: int) -> None:
    """A PDF that pypdf opens, with a catalog, at least one page and no JavaScript or launch
    action (see the module's docstring)."""
    f.seek(0)
    data = f.read(limit + 1)
    if b"%%EOF" not in data[-PDF_EOF_WINDOW:]:
        raise _broken_pdf()  # truncated, or not a PDF past its first bytes
    if _PDF_RISKY_NAME.search(data):
        raise _pdf_scripts()
    if _count(_PDF_XREF_ENTRY.finditer(data), PDF_MAX_XREF_ENTRIES + 1) > PDF_MAX_XREF_ENTRIES:
        raise _broken_pdf()  # parsing that many cross-references would take seconds
    try:
        with pypdf.apply_configuration(**_PDF_LIMITS):
            reader = pypdf.PdfReader(
                io.BytesIO(data),
                strict=False,
                xref_stream_maximum_entries=PDF_MAX_XREF_ENTRIES,
            )
            if reader.is_encrypted and not _opens_without_password(reader):
                raise _pdf_locked()
            _PdfWalk(reader).check()
    except UploadRefused:
        raise
    except (pypdf.errors.DependencyError, pypdf.errors.FileNotDecryptedError):
        raise _pdf_locked() from None  # AES needs the cryptography package, not installed
    except Exception:  # pypdf raises many exception types for damaged files
        raise _broken_pdf() from None


def _count(items: Iterator[object], at_most: int) -> int:
    return sum(1 for _ in itertools.islice(items, at_most))


def _opens_without_password(reader: pypdf.PdfReader) -> bool:
    """Encrypted only to restrict printing or copying: the empty user password opens it."""
    try:
        return reader.decrypt("") != pypdf.PasswordType.NOT_DECRYPTED
    except Exception:  # a missing AES library, a damaged /Encrypt dictionary
        return False


class _PdfWalk:
    """Looks at the catalog, then the page tree depth first, for JavaScript or launch actions,
    within ``PDF_MAX_LOOKUPS`` objects, ``PDF_MAX_PAGES`` pages and ``PDF_MAX_SECONDS``.

    The catalog is always looked at whole, and at least one page must be found; past the
    budget the remaining pages are left to the scan of the raw bytes."""

    def __init__(self, reader: pypdf.PdfReader):
        self.reader = reader
        self.lookups = 0
        self.deadline = time.monotonic() + PDF_MAX_SECONDS
        self.seen: set[tuple[int, int]] = set()
        self.pages_found = 0

    def check(self) -> None:
        catalog = self.get(self.reader.trailer.get("/Root"))
        if not isinstance(catalog, DictionaryObject):
            raise _broken_pdf()
        self.refuse_actions(catalog.get("/OpenAction"))
        self.refuse_triggers(catalog.get("/AA"))
        names = self.get(catalog.get("/Names"))
        if isinstance(names, DictionaryObject) and "/JavaScript" in names:
            raise _pdf_scripts()
        with contextlib.suppress(_PdfBudgetSpent):
            self.walk_pages(catalog.get("/Pages"))
        if self.pages_found == 0:
            raise _broken_pdf()

    def walk_pages(self, root: object) -> None:
        stack = [root]
        while stack and self.pages_found < PDF_MAX_PAGES:
            node = self.get(stack.pop())
            if not isinstance(node, DictionaryObject):
                continue
            kids = self.get(node.get("/Kids"))
            if isinstance(kids, ArrayObject):
                stack.extend(reversed(kids[:PDF_MAX_LOOKUPS]))  # first page first
                continue
            if node.get("/Type") not in (None, "/Page"):
                continue
            self.pages_found += 1
            self.refuse_triggers(node.get("/AA"))
            annotations = self.get(node.get("/Annots"))
            if isinstance(annotations, ArrayObject):
                for annotation in annotations[:PDF_MAX_LOOKUPS]:
                    annotation = self.get(annotation)
                    if isinstance(annotation, DictionaryObject):
                        self.refuse_actions(annotation.get("/A"))
                        self.refuse_triggers(annotation.get("/AA"))

    def refuse_triggers(self, triggers: object) -> None:
        """An additional-actions dictionary: an action for each event (open, close, key…)."""
        triggers = self.get(triggers)
        if isinstance(triggers, DictionaryObject):
            for action in list(triggers.values())[:64]:
                self.refuse_actions(action)

    def refuse_actions(self, action: object, depth: int = 0) -> None:
        """An action (a destination array is harmless) and the actions chained by /Next."""
        action = self.get(action)
        if isinstance(action, ArrayObject) and depth > 0:  # /Next may be an array of actions
            for each in action[:64]:
                self.refuse_actions(each, depth + 1)
            return
        if not isinstance(action, DictionaryObject):
            return
        if action.get("/S") in _PDF_RISKY_ACTIONS or "/JS" in action:
            raise _pdf_scripts()
        if "/Next" in action and depth < 8:
            self.refuse_actions(action.get("/Next"), depth + 1)

    def get(self, obj: object) -> object:
        """The object itself (an indirect reference resolved), within the budget; an object
        already looked at once (a loop in the tree) is None."""
        if not isinstance(obj, IndirectObject):
            return obj
        key = (obj.idnum, obj.generation)
        if key in self.seen:
            return None
        self.seen.add(key)
        self.lookups += 1
        if self.lookups > PDF_MAX_LOOKUPS or time.monotonic() > self.deadline:
            raise _PdfBudgetSpent
        return obj.get_object()


# --- Office ------------------------------------------------------------------------------------

_MAIN_CONTENT_TYPES = {
    "docx": {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    },
    "xlsx": {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
    },
}
# Macros: VBA projects and their data, Excel 4 macro sheets, and any macro-enabled part
# (content types containing "macroEnabled": .docm, .xlsm, .dotm… main parts).
_MACRO_CONTENT_TYPES = {
    "application/vnd.ms-office.vbaproject",
    "application/vnd.ms-office.vbaprojectsignature",
    "application/vnd.ms-office.vbaprojectsignatureagile",
    "application/vnd.ms-office.vbaprojectsignaturev3",
    "application/vnd.ms-word.vbadata+xml",
    "application/vnd.ms-excel.macrosheet+xml",
    "application/vnd.ms-excel.intlmacrosheet+xml",
    "application/vnd.ms-excel.macrosheet",
}
# Objects that run or load code: OLE objects (an embedded "Package" can be any program) and
# ActiveX controls, in whatever part they are stored and under whatever name.
_ACTIVE_CONTENT_TYPES = {
    "application/vnd.openxmlformats-officedocument.oleobject",
    "application/vnd.ms-office.activex+xml",
    "application/vnd.ms-office.activex",
}
# What may sit under word/embeddings/ or xl/embeddings/: Office documents (a chart's data is
# an embedded workbook) and images. Anything else there (an unknown or binary type, or no type)
# is an object Word or Excel would hand to another program.
_EMBEDDABLE_CONTENT_TYPES = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
_EMBEDDINGS = ("word/embeddings/", "xl/embeddings/")
_ZIP_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
# Relationships that make Word or Excel fetch something from outside when the file opens
# (a remote template with macros, an OLE object, a frame, a sub-document). Hyperlinks are fine.
_EXTERNAL_RELATIONSHIPS = ("/attachedtemplate", "/oleobject", "/frame", "/subdocument")


def _check_office(f: FileLike, size: int, limit: int) -> str:
    """A DOCX or XLSX package, without macros or active objects, that does not unpack to an
    absurd size (see the module's docstring)."""
    allowed = min(max(OFFICE_MIN_UNPACKED, OFFICE_MAX_RATIO * size), ZIP_BOMB_RATIO * limit)
    try:
        f.seek(0)
        with zipfile.ZipFile(f) as package:
            members = [m for m in package.infolist() if not m.is_dir()]
            names = {m.filename for m in members}
            if len(members) > OFFICE_MAX_PARTS or len({n.lower() for n in names}) != len(members):
                raise _broken_office()  # two parts of one name: which one would Word read?
            found = [kind for kind, part in _OFFICE_MAIN_PARTS.items() if part in names]
            if _CONTENT_TYPES not in names or len(found) != 1:
                raise _unknown_kind()
            if any(os.path.basename(m.filename).lower() == "vbaproject.bin" for m in members):
                raise _macros()
            if any(m.compress_type not in _ZIP_METHODS for m in members):
                raise _broken_office()  # Office only stores or deflates
            if sum(m.file_size for m in members) > allowed:
                raise _unpacks_too_large()
            defaults, overrides = _content_types(package)
            declared = set(defaults.values()) | set(overrides.values())
            if any(_is_macro(ctype) for ctype in declared):
                raise _macros()
            main = _part_type(_OFFICE_MAIN_PARTS[found[0]], defaults, overrides)
            if main not in _MAIN_CONTENT_TYPES[found[0]]:
                raise _unknown_kind()
            for member in members:
                ctype = _part_type(member.filename, defaults, overrides)
                if ctype in _ACTIVE_CONTENT_TYPES or _is_foreign_embedding(member.filename, ctype):
                    raise _active_objects()
                if member.filename.lower().endswith(".rels") and _loads_from_outside(
                    package, member
                ):
                    raise _active_objects()
            _read_every_part(package, members, allowed)
    except UploadRefused:
        raise
    except Exception:  # zipfile, zlib and expat raise many exception types for damaged files
        raise _broken_office() from None
    return found[0]


def _content_types(package: zipfile.ZipFile) -> tuple[dict[str, str], dict[str, str]]:
    """The package's declared content types, lower-cased: by extension and by part name."""
    defaults: dict[str, str] = {}
    overrides: dict[str, str] = {}
    for tag, attrib in _xml(package, package.getinfo(_CONTENT_TYPES)):
        ctype = (attrib.get("ContentType") or "").strip().lower()
        if tag == "Default":
            defaults[(attrib.get("Extension") or "").lower()] = ctype
        elif tag == "Override":
            overrides[unquote(attrib.get("PartName") or "").lstrip("/").lower()] = ctype
    return defaults, overrides


def _part_type(name: str, defaults: dict[str, str], overrides: dict[str, str]) -> str:
    """A part's content type: its override, else its extension's default ("" for none)."""
    name = name.lower()
    if name in overrides:
        return overrides[name]
    return defaults.get(name.rsplit(".", 1)[-1] if "." in name else "", "")


def _is_macro(ctype: str) -> bool:
    return "macroenabled" in ctype or "vbaproject" in ctype or ctype in _MACRO_CONTENT_TYPES


def _is_foreign_embedding(name: str, ctype: str) -> bool:
    if not name.lower().startswith(_EMBEDDINGS):
        return False
    return not (ctype in _EMBEDDABLE_CONTENT_TYPES or ctype.startswith("image/"))


def _loads_from_outside(package: zipfile.ZipFile, rels: zipfile.ZipInfo) -> bool:
    for _tag, attrib in _xml(package, rels):
        kind = (attrib.get("Type") or "").lower()
        external = (attrib.get("TargetMode") or "").lower() == "external"
        if external and kind.endswith(_EXTERNAL_RELATIONSHIPS):
            return True
    return False


class _StartTags:
    """An expat target that keeps only each element's local name and attributes (a part with
    thousands of relationships costs no tree), and stops at a DOCTYPE: Office never writes
    one, and it is the way to entity expansion ("billion laughs")."""

    def __init__(self) -> None:
        self.tags: list[tuple[str, dict[str, str]]] = []

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.tags.append((tag.rsplit("}", 1)[-1], attrib))

    def end(self, tag: str) -> None:
        pass

    def data(self, data: str) -> None:
        pass

    def doctype(self, name: str, pubid: str | None, system: str | None) -> None:
        raise _broken_office()

    def close(self) -> list[tuple[str, dict[str, str]]]:
        return self.tags


def _xml(package: zipfile.ZipFile, member: zipfile.ZipInfo) -> list[tuple[str, dict[str, str]]]:
    """The start tags of an XML part, streamed through expat."""
    parser = ElementTree.XMLParser(target=_StartTags())  # noqa: S314 - a DOCTYPE is refused
    with package.open(member) as part:
        while chunk := part.read(CHUNK):
            parser.feed(chunk)
    return parser.close()


def _read_every_part(
    package: zipfile.ZipFile, members: list[zipfile.ZipInfo], allowed: int
) -> None:
    """Unpack every part, counting what comes out (not trusting the declared sizes); zipfile
    checks each part's CRC at its end."""
    unpacked = 0
    for member in members:
        with package.open(member) as part:
            while chunk := part.read(CHUNK):
                unpacked += len(chunk)
                if unpacked > allowed:
                    raise _unpacks_too_large()


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


def _too_many_pixels() -> UploadRefused:
    return UploadRefused(
        gettext(
            "Ảnh có quá nhiều điểm ảnh, không xử lý được. Giới hạn là %(limit)s megapixel; "
            "hãy thu nhỏ ảnh rồi gửi lại."
        )
        % {"limit": _megapixels(_max_pixels())}
    )


def _megapixels(pixels: int) -> str:
    """In the user's number format, one decimal at most: "52", "50,3"."""
    value = Decimal(pixels) / 1_000_000
    shown = value.quantize(Decimal("0.1") if value >= 1 else Decimal("0.001"))
    return number_format(shown.normalize() if shown == shown.to_integral() else shown)


def _broken_pdf() -> UploadRefused:
    return UploadRefused(gettext("Tệp PDF bị hỏng hoặc không đọc được."))


def _pdf_scripts() -> UploadRefused:
    return UploadRefused(
        gettext("Tệp PDF có mã JavaScript hoặc lệnh tự chạy chương trình, không được nhận.")
    )


def _pdf_locked() -> UploadRefused:
    return UploadRefused(
        gettext("Tệp PDF được đặt mật khẩu hoặc mã hóa. Hãy gửi bản không đặt mật khẩu.")
    )


def _broken_office() -> UploadRefused:
    return UploadRefused(gettext("Tệp Word/Excel bị hỏng hoặc không đọc được."))


def _macros() -> UploadRefused:
    return UploadRefused(gettext("Tệp Word/Excel có macro không được nhận."))


def _active_objects() -> UploadRefused:
    return UploadRefused(
        gettext(
            "Tệp Word/Excel có đối tượng nhúng (OLE, ActiveX) hoặc liên kết tới mẫu, đối tượng "
            "bên ngoài, không được nhận. Hãy lưu thành PDF rồi gửi."
        )
    )


def _unpacks_too_large() -> UploadRefused:
    return UploadRefused(gettext("Tệp Word/Excel quá lớn khi giải nén."))


def serve(stored, *, title: str, thumbnail: bool = False):
    """A private download of a checked upload (``file``, ``thumbnail``, ``content_type``,
    ``extension``, ``is_image``), named from ``title`` (``download_name``).

    Only images are shown in the browser (a JPEG, PNG or WebP that ``inspect`` decoded, or our
    own WebP thumbnail), under the project's Content-Security-Policy; everything else, PDFs
    included, is an attachment, so no document ever runs in the site's origin. Kept out of
    shared caches, never sniffed as another type (SecurityMiddleware adds ``nosniff`` too)."""
    from django.http import FileResponse

    handle = (stored.thumbnail if thumbnail else stored.file).open("rb")
    response = FileResponse(
        handle,
        content_type="image/webp" if thumbnail else stored.content_type,
        as_attachment=not (thumbnail or stored.is_image),
        filename=download_name(title, ".webp" if thumbnail else stored.extension),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response
