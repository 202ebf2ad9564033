"""The holes a probe of the running app found in the upload checks, each closed: images with
too many pixels, PDFs taken by their first bytes, Office files with OLE objects or unpacking
to 1000 times their size, and download names cut at a "/" or given a second extension."""

import io
import time
import warnings
import zipfile
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote

import pypdf
import pytest
from django.core.files.base import ContentFile
from django.utils import translation
from PIL import Image, ImageFile
from pypdf import PdfWriter

from ocop.lib import uploads
from ocop.lib.pdf import render_pdf
from ocop.lib.uploads import UploadRefused, inspect, make_thumbnail
from ocop.producers.models import EvidenceDocument
from tests.lib.pdfs import CATALOG, PAGE, PAGES, PDF, make_pdf, one_page
from tests.lib.test_uploads import DOCX_MAIN, RELS, content_types, docx, package, refusal, upload

MiB = 1024 * 1024
ROOT = Path(__file__).resolve().parents[2]


def png(size, mode="1", **options) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size).save(out, "PNG", **options)
    return out.getvalue()


@pytest.fixture
def decoded(monkeypatch):
    """The (format, size) of every image Pillow decodes, at the size it decodes it."""
    seen = []
    load = ImageFile.ImageFile.load

    def spy(self):
        if self.tile:  # not yet decoded
            seen.append((self.format, self.size))
        return load(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", spy)
    return seen


# --- 1. images: pixels counted from the header, big photos decoded small -----------------------

PIXELS = "quá nhiều điểm ảnh"


def test_the_probes_png_just_under_pillows_limit_is_refused_from_its_header(settings, decoded):
    if hasattr(settings, "OCOP_IMAGE_MAX_PIXELS"):
        del settings.OCOP_IMAGE_MAX_PIXELS  # the default
    data = png((9400, 9400))  # 88.4 MP: Pillow itself neither warns nor refuses
    assert len(data) < 300_000
    started = time.monotonic()
    with translation.override("vi"):
        message = refusal(data)
    assert PIXELS in message
    assert "Giới hạn là 52 megapixel" in message
    assert decoded == []  # refused before anything was decoded
    assert time.monotonic() - started < 1


def test_a_full_resolution_50_mp_phone_photo_passes_by_default(settings):
    if hasattr(settings, "OCOP_IMAGE_MAX_PIXELS"):
        del settings.OCOP_IMAGE_MAX_PIXELS
    assert inspect(upload(png((8192, 6144)))).kind == "png"  # 50.3 MP


def test_the_pixel_limit_is_a_setting_stated_in_megapixels(settings):
    settings.OCOP_IMAGE_MAX_PIXELS = 1_500_000
    with translation.override("vi"):
        message = refusal(png((1500, 1001)))
    assert message == (
        "Ảnh có quá nhiều điểm ảnh, không xử lý được. Giới hạn là 1,5 megapixel; "
        "hãy thu nhỏ ảnh rồi gửi lại."
    )
    assert inspect(upload(png((1500, 1000)))).kind == "png"


def test_thumbnail_refuses_too_many_pixels_too(settings, decoded):
    settings.OCOP_IMAGE_MAX_PIXELS = 1_000_000
    with pytest.raises(UploadRefused) as caught:
        make_thumbnail(upload(png((2000, 1000))))
    assert PIXELS in str(caught.value)
    assert decoded == []


def test_a_big_jpeg_is_checked_at_an_eighth_of_its_size(decoded):
    out = io.BytesIO()
    Image.effect_noise((2400, 1600), 50).convert("RGB").save(out, "JPEG")
    assert inspect(upload(out.getvalue())).kind == "jpeg"
    assert decoded == [("JPEG", (300, 200))]  # every block read, 1/64 of the memory


def test_a_big_png_is_reduced_before_it_is_laid_on_white(monkeypatch):
    converted, composited = [], []
    convert, composite = Image.Image.convert, Image.alpha_composite

    def spy_convert(self, *args, **kwargs):
        converted.append(self.size)
        return convert(self, *args, **kwargs)

    def spy_composite(under, over):
        composited.append(over.size)
        return composite(under, over)

    monkeypatch.setattr(Image.Image, "convert", spy_convert)
    monkeypatch.setattr(Image, "alpha_composite", spy_composite)
    source = png((3000, 2000), mode="RGBA")
    thumb = Image.open(make_thumbnail(upload(source)))
    assert thumb.size == (320, 213)
    assert composited == [(750, 500)]  # reduced 4× first
    # One full-size copy at most: Pillow premultiplies the alpha to reduce.
    assert converted.count((3000, 2000)) <= 1


def test_a_reduced_thumbnail_is_still_turned_upright():
    picture = Image.new("RGB", (2000, 1000), (220, 0, 0))
    picture.paste((0, 0, 220), (1000, 0, 2000, 1000))
    exif = Image.Exif()
    exif[0x0112] = 6  # shown rotated 90° clockwise
    out = io.BytesIO()
    picture.save(out, "PNG", exif=exif)
    thumb = Image.open(make_thumbnail(upload(out.getvalue())))
    assert thumb.size == (160, 320)
    red, _, blue = thumb.getpixel((80, 20))
    assert red > 150 and blue < 80  # the left (red) half is now on top
    red, _, blue = thumb.getpixel((80, 300))
    assert blue > 150 and red < 80


# --- 2. PDFs: parsed, with pages and without scripts; served as attachments --------------------

BROKEN_PDF = "Tệp PDF bị hỏng hoặc không đọc được."
SCRIPTS = "Tệp PDF có mã JavaScript hoặc lệnh tự chạy chương trình, không được nhận."
JS = b"/J#61vaScript"  # the name /JavaScript written so that no byte scan sees it


def typst_pdf() -> bytes:
    return render_pdf(ROOT / "ocop" / "dossiers" / "documents" / "mau01.typ", {})


def pillow_pdf(pages: int = 1) -> bytes:
    out = io.BytesIO()
    first, *more = [Image.new("RGB", (600, 800), (255, 255, 255)) for _ in range(pages)]
    first.save(out, "PDF", save_all=True, append_images=more, resolution=150)
    return out.getvalue()


def pypdf_pdf(**encrypt) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    if encrypt:
        writer.encrypt(**encrypt)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "make",
    [
        typst_pdf,
        pillow_pdf,
        lambda: pillow_pdf(pages=3),
        pypdf_pdf,
        lambda: PDF,
        lambda: one_page(b" /OpenAction [3 0 R /Fit]"),  # open at a page: a destination
        lambda: one_page(b" /OpenAction <</S /URI /URI (https://ocop.gov.vn/)>>"),
        lambda: PDF + b"\r\n\x00\x00" * 200,  # junk after %%EOF, within the last 1024 bytes
        lambda: PDF.replace(b"0000000015 00000 n", b"0000000099 00000 n"),  # a wrong offset
        lambda: pypdf_pdf(user_password="", owner_password="chu", algorithm="RC4-128"),
    ],
    ids=[
        "typst",
        "pillow",
        "pillow-3-pages",
        "pypdf",
        "hand-written",
        "open-at-page",
        "open-uri",
        "trailing-junk",
        "wrong-xref-offset",
        "no-copy-permissions",
    ],
)
def test_real_pdfs_pass(make):
    data = make()
    assert inspect(upload(data)).kind == "pdf"


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n<!DOCTYPE html><html><body><script>alert(1)</script></body></html>\n",
        b"%PDF-1.4\n<html><body>hello</body></html>\n%%EOF\n",
        b"%PDF-1.7\n" + bytes(5000),
    ],
    ids=["html", "html-with-eof-marker", "header-and-zeros"],
)
def test_a_page_that_only_starts_like_a_pdf_is_refused(data):
    assert refusal(data) == BROKEN_PDF


@pytest.mark.parametrize("cut", [0.5, 0.9])
def test_a_truncated_pdf_is_refused(cut):
    data = typst_pdf()
    assert refusal(data[: int(len(data) * cut)]) == BROKEN_PDF
    assert refusal(PDF[:-7]) == BROKEN_PDF  # only its %%EOF line missing


def test_a_pdf_with_junk_far_after_its_end_is_refused():
    assert refusal(PDF + bytes(5000)) == BROKEN_PDF


@pytest.mark.parametrize(
    "data",
    [
        make_pdf(CATALOG % b"", b"<</Type /Pages /Kids [] /Count 0>>"),
        make_pdf(CATALOG % b"", b"<</Type /Pages /Kids [2 0 R] /Count 1>>"),  # a loop
        make_pdf(CATALOG % b"", PAGES, PAGE % b"", trailer=b""),  # no /Root
        make_pdf(b"<</Type /Pages /Kids [] /Count 0>>"),  # the catalog is not a dictionary
    ],
    ids=["no-pages", "page-tree-loop", "no-root", "root-not-catalog"],
)
def test_a_pdf_without_a_page_is_refused(data):
    assert refusal(data) == BROKEN_PDF


@pytest.mark.parametrize(
    "data",
    [
        # the probe's file: JavaScript run on opening
        one_page(b" /OpenAction <</S /JavaScript /JS (app.alert(1))>>"),
        one_page(b" /OpenAction 4 0 R", b"", b"<</S %s /JS (app.alert(1))>>" % JS),
        one_page(b" /OpenAction <</S /L#61unch /F (cmd.exe)>>"),
        one_page(b" /OpenAction <</JS (app.alert(1))>>"),
        one_page(b" /AA <</WC 4 0 R>>", b"", b"<</S %s /JS (x)>>" % JS),
        one_page(b" /Names <</J#61vaScript 4 0 R>>", b"", b"<</Names [(a) 5 0 R]>>"),
        one_page(b"", b" /AA <</O <</S %s /JS (x)>>>>" % JS),
        one_page(
            b"",
            b" /Annots [4 0 R]",
            b"<</Type /Annot /Subtype /Link /Rect [0 0 9 9] "
            b"/A <</S /URI /URI (x) /Next [<</S %s /JS (y)>>]>>>>" % JS,
        ),
        one_page(b"", b"", b"<</Whatever /Launch>>"),  # seen in the raw bytes
    ],
    ids=[
        "open-action-js",
        "open-action-js-hidden",
        "open-action-launch",
        "open-action-js-key",
        "document-will-close",
        "names-javascript",
        "page-opens",
        "link-then-js",
        "raw-launch",
    ],
)
def test_a_pdf_with_javascript_or_launch_actions_is_refused(data):
    assert refusal(data) == SCRIPTS


def test_a_pdf_locked_by_a_password_is_refused():
    data = pypdf_pdf(user_password="mat-khau", algorithm="RC4-128")
    assert "mật khẩu" in refusal(data)


def test_a_pdf_that_needs_the_missing_aes_library_is_refused_as_locked(monkeypatch):
    def needs_aes(self):
        raise pypdf.errors.DependencyError("cryptography is required for AES")

    monkeypatch.setattr(uploads._PdfWalk, "check", needs_aes)
    assert "mật khẩu" in refusal(PDF)


def test_a_hostile_pdf_does_not_hold_the_worker(monkeypatch):
    # thousands of pages that do not exist: each one makes pypdf search the whole file
    monkeypatch.setattr(uploads, "PDF_MAX_SECONDS", 0.3, raising=False)
    kids = b" ".join(b"%d 0 R" % number for number in range(100, 20_000))
    data = make_pdf(CATALOG % b"", b"<</Type /Pages /Kids [%s] /Count 1>>" % kids)
    started = time.monotonic()
    assert refusal(data) == BROKEN_PDF
    assert time.monotonic() - started < 2


def test_a_pdf_with_too_many_cross_references_is_refused(monkeypatch):
    monkeypatch.setattr(uploads, "PDF_MAX_XREF_ENTRIES", 10, raising=False)
    many = make_pdf(CATALOG % b"", PAGES, PAGE % b"", *[b"<<>>"] * 10)
    assert refusal(many) == BROKEN_PDF
    assert inspect(upload(PDF)).kind == "pdf"


def stored(data: bytes, kind: str):
    content_type, extension = uploads.KINDS[kind]
    return SimpleNamespace(
        file=ContentFile(data, name=f"evidence/x{extension}"),
        thumbnail=ContentFile(png((32, 32), mode="RGB"), name="thumb.webp"),
        content_type=content_type,
        extension=extension,
        is_image=content_type.startswith("image/"),
    )


@pytest.mark.parametrize(
    ("kind", "data", "disposition"),
    [
        ("pdf", PDF, "attachment"),
        ("docx", docx(), "attachment"),
        ("png", png((8, 8), mode="RGB"), "inline"),
    ],
    ids=["pdf", "docx", "png"],
)
def test_only_images_are_served_inline(kind, data, disposition):
    response = uploads.serve(stored(data, kind), title="Giấy phép")
    assert response["Content-Disposition"].split(";")[0] == disposition
    assert response["Content-Type"] == uploads.KINDS[kind][0]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == data


def test_a_thumbnail_is_served_inline():
    response = uploads.serve(stored(PDF, "pdf"), title="Ảnh", thumbnail=True)
    assert response["Content-Disposition"].startswith("inline;")
    assert response["Content-Type"] == "image/webp"


@pytest.mark.django_db
def test_a_pdf_in_the_evidence_library_downloads(producer, producer_user, client_for, settings):
    assert "django.middleware.security.SecurityMiddleware" in settings.MIDDLEWARE
    assert settings.SECURE_CONTENT_TYPE_NOSNIFF
    client = client_for(producer_user)
    response = client.post(
        f"/chu-the/{producer.code}/tai-lieu/",
        {"kind": "lab_test", "title": "Giấy chứng nhận số 12/2025", "file": upload(PDF, "a.pdf")},
    )
    assert response.status_code == 302
    document = EvidenceDocument.objects.get()
    response = client.get(f"/chu-the/{producer.code}/tai-lieu/{document.code}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert filename_of(response) == "Giấy chứng nhận số 12-2025.pdf"
    assert response["X-Content-Type-Options"] == "nosniff"


# --- 3. Office: content types, not part names; unpacked size relative to the file -----------

ACTIVE = "đối tượng nhúng"
OLE = "application/vnd.openxmlformats-officedocument.oleObject"
OLE_BYTES = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)


def docx_with(parts: dict[str, bytes | str], types: dict[str, str], defaults=None) -> bytes:
    """A DOCX with more parts, their content types declared as overrides (and defaults)."""
    extra = "".join(
        f'<Override PartName="/{name}" ContentType="{ctype}"/>' for name, ctype in types.items()
    )
    extra += "".join(
        f'<Default Extension="{ext}" ContentType="{ctype}"/>'
        for ext, ctype in (defaults or {}).items()
    )
    declared = content_types("word/document.xml", DOCX_MAIN)
    return _docx(declared.replace("</Types>", extra + "</Types>"), parts)


def _docx(declared: str, parts: dict[str, bytes | str]) -> bytes:
    base = {
        "[Content_Types].xml": declared,
        "_rels/.rels": RELS.format(target="word/document.xml"),
        "word/document.xml": (
            '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.'
            'openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>'
        ),
    }
    return package({**base, **parts})


def test_an_ole_object_under_another_name_is_refused():
    data = docx_with({"word/embeddings/thing.dat": OLE_BYTES}, {"word/embeddings/thing.dat": OLE})
    assert ACTIVE in refusal(data)


def test_an_ole_object_typed_by_its_extension_is_refused():
    data = docx_with({"word/objects/a.bin": OLE_BYTES}, {}, defaults={"bin": OLE})
    assert ACTIVE in refusal(data)


def test_an_activex_control_is_refused():
    data = docx_with(
        {"word/activeX/activeX1.xml": "<ax:ocx/>"},
        {"word/activeX/activeX1.xml": "application/vnd.ms-office.activeX+xml"},
    )
    assert ACTIVE in refusal(data)


@pytest.mark.parametrize(
    "ctype", ["application/octet-stream", "application/x-msdownload", "text/html", None]
)
def test_an_embedding_that_is_not_an_office_document_or_an_image_is_refused(ctype):
    types = {"word/embeddings/setup.exe": ctype} if ctype else {}
    data = docx_with({"word/embeddings/setup.exe": b"MZ\x90\x00" + bytes(200)}, types)
    assert ACTIVE in refusal(data)


def test_a_charts_embedded_workbook_and_embedded_images_pass():
    sheet = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    data = docx_with(
        {"word/embeddings/Microsoft_Excel_Worksheet.xlsx": b"PK", "word/embeddings/a.png": b"x"},
        {"word/embeddings/Microsoft_Excel_Worksheet.xlsx": sheet},
        defaults={"png": "image/png"},
    )
    assert inspect(upload(data)).kind == "docx"


def test_an_excel_4_macro_sheet_is_refused():
    data = docx_with(
        {"word/macro.xml": "<xm:macrosheet/>"},
        {"word/macro.xml": "application/vnd.ms-excel.macrosheet+xml"},
    )
    assert "macro" in refusal(data)


def test_a_vba_project_under_another_name_is_refused():
    data = docx_with(
        {"word/settings2.bin": OLE_BYTES},
        {"word/settings2.bin": "application/vnd.ms-office.vbaProject"},
    )
    assert "macro" in refusal(data)


def settings_rels(target: str, kind: str, mode: str = "External") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
        f'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" '
        f'Target="{target}" TargetMode="{mode}"/></Relationships>'
    )


def test_a_remote_template_is_refused():
    rels = settings_rels("https://example.test/mau.dotm", "attachedTemplate")
    data = docx_with({"word/_rels/settings.xml.rels": rels}, {})
    assert ACTIVE in refusal(data)


def test_an_external_hyperlink_passes():
    rels = settings_rels("https://ocop.gov.vn/", "hyperlink")
    data = docx_with({"word/_rels/document.xml.rels": rels}, {})
    assert inspect(upload(data)).kind == "docx"


def test_a_doctype_in_the_content_types_is_refused():
    declared = content_types("word/document.xml", DOCX_MAIN).replace(
        "<Types", '<!DOCTYPE t [<!ENTITY a "aaaaaaaa">]><Types', 1
    )
    assert "Word/Excel bị hỏng" in refusal(_docx(declared, {}))


def test_a_main_part_of_another_type_is_not_a_word_file():
    declared = content_types("word/document.xml", "application/xml")
    assert "Không nhận loại tệp này" in refusal(_docx(declared, {}))


@pytest.fixture(scope="module")
def probes_bomb() -> bytes:
    """A DOCX of about 190 KB that unpacks to 190 MiB: one part of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in {
            "[Content_Types].xml": content_types("word/document.xml", DOCX_MAIN),
            "_rels/.rels": RELS.format(target="word/document.xml"),
            "word/document.xml": "<w:document/>",
        }.items():
            zf.writestr(name, data)
        with zf.open("word/media/image1.bin", "w") as part:
            zero = bytes(MiB)
            for _ in range(190):
                part.write(zero)
    return out.getvalue()


def test_the_probes_zip_bomb_is_refused(probes_bomb):
    assert len(probes_bomb) < 250_000
    assert refusal(probes_bomb) == "Tệp Word/Excel quá lớn khi giải nén."


def test_unpacked_size_is_relative_to_the_files_own_size():
    small = docx(extra={"word/media/padding.bin": bytes(9 * MiB)})  # the 10 MiB floor
    assert inspect(upload(small)).kind == "docx"
    big = docx(extra={"word/media/padding.bin": bytes(12 * MiB)})  # ~12 KB: 1000 times
    assert "giải nén" in refusal(big)
    assert len(big) * uploads.OFFICE_MAX_RATIO < 12 * MiB


def test_declared_sizes_are_not_trusted():
    data = bytearray(docx(extra={"word/media/a.bin": bytes(200_000)}))
    # Say the part unpacks to 1000 bytes, in its local header and in the central directory.
    name = b"word/media/a.bin"
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        at = data.find(signature)
        while at != -1:
            if data[at + name_at : at + name_at + len(name)] == name:
                data[at + size_at : at + size_at + 4] = (1000).to_bytes(4, "little")
            at = data.find(signature, at + 4)
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        assert zf.getinfo("word/media/a.bin").file_size == 1000
    assert "Word/Excel bị hỏng" in refusal(bytes(data))


def test_an_unusual_compression_method_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_BZIP2) as zf:
        zf.writestr("[Content_Types].xml", content_types("word/document.xml", DOCX_MAIN))
        zf.writestr("_rels/.rels", RELS.format(target="word/document.xml"))
        zf.writestr("word/document.xml", "<w:document/>")
    assert "Word/Excel bị hỏng" in refusal(out.getvalue())


def test_two_parts_of_one_name_are_refused():
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("[Content_Types].xml", content_types("word/document.xml", DOCX_MAIN))
            zf.writestr("_rels/.rels", RELS.format(target="word/document.xml"))
            zf.writestr("word/document.xml", "<w:document/>")
            zf.writestr("word/document.xml", "<w:document>khác</w:document>")
    assert "Word/Excel bị hỏng" in refusal(out.getvalue())


# --- 4. download names -------------------------------------------------------------------------


def filename_of(response) -> str:
    disposition = response["Content-Disposition"]
    if "filename*=utf-8''" in disposition:
        return unquote(disposition.split("filename*=utf-8''", 1)[1])
    return disposition.split('filename="', 1)[1].rstrip('"')


@pytest.mark.parametrize(
    ("title", "kind", "expected"),
    [
        ("Giấy chứng nhận số 12/2025", "pdf", "Giấy chứng nhận số 12-2025.pdf"),
        ("bao-cao.pdf", "pdf", "bao-cao.pdf"),
        ("Biên bản kiểm tra.PDF", "pdf", "Biên bản kiểm tra.PDF"),
        ("Hợp đồng 01\\HĐ", "docx", "Hợp đồng 01-HĐ.docx"),
        ("ảnh.jpeg", "jpeg", "ảnh.jpeg"),
        ("../../etc/passwd", "pdf", "etc-passwd.pdf"),
        ("Phiếu\r\nSet-Cookie: x", "pdf", "Phiếu--Set-Cookie: x.pdf"),
        ("hoa-don\u202efdp.exe", "pdf", "hoa-don-fdp.exe.pdf"),
        ("   ", "pdf", "tai-lieu.pdf"),
    ],
)
def test_serve_names_the_download_from_its_title(title, kind, expected):
    data = PDF if kind == "pdf" else docx() if kind == "docx" else png((4, 4), mode="RGB")
    response = uploads.serve(stored(data, kind), title=title)
    assert filename_of(response) == expected


def test_a_long_title_is_cut_and_keeps_its_extension():
    from ocop.lib.text import download_name

    name = download_name("Giấy chứng nhận an toàn thực phẩm " * 10, ".pdf")
    assert name.endswith(".pdf") and not name.endswith(" .pdf")
    assert len(name) <= 100 and len(name.encode()) <= 240
    assert name.startswith("Giấy chứng nhận an toàn thực phẩm")
    assert download_name("ế" * 200, ".docx").endswith("ế.docx")
    assert len(download_name("ế" * 200, ".docx").encode()) <= 240


def test_download_name_never_doubles_an_extension():
    from ocop.lib.text import download_name

    assert download_name("bao-cao.pdf", ".pdf") == "bao-cao.pdf"
    assert download_name("BAO-CAO.Pdf", ".pdf") == "BAO-CAO.Pdf"
    assert download_name("anh.jpg", ".jpg") == "anh.jpg"
    assert download_name("anh.jpeg", ".jpg") == "anh.jpeg"
    assert download_name("bao-cao.docx", ".pdf") == "bao-cao.docx.pdf"  # it is a PDF
    assert download_name("tài liệu.", ".pdf") == "tài liệu.pdf"
    assert download_name("", ".pdf") == "tai-lieu.pdf"
    assert download_name("/", ".pdf", fallback="giay-to") == "giay-to.pdf"
