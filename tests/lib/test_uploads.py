import hashlib
import io
import zipfile

import pytest
from django import forms
from django.core.files.base import File
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.utils import translation
from PIL import Image

from ocop.lib.uploads import (
    IMAGE_KINDS,
    KINDS,
    EvidenceFileField,
    Inspected,
    UploadRefused,
    inspect,
    make_thumbnail,
)
from tests.lib.pdfs import PDF, one_page

MiB = 1024 * 1024


RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="{target}" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument"/></Relationships>'
)
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def content_types(main_part: str, main_type: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{main_part}" ContentType="{main_type}"/></Types>'
    )


def package(members: dict[str, str | bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out.getvalue()


def docx(main_type: str = DOCX_MAIN, extra: dict[str, str | bytes] | None = None) -> bytes:
    return package(
        {
            "[Content_Types].xml": content_types("word/document.xml", main_type),
            "_rels/.rels": RELS.format(target="word/document.xml"),
            "word/document.xml": (
                '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.'
                'openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>'
                "Giấy chứng nhận</w:t></w:r></w:p></w:body></w:document>"
            ),
            **(extra or {}),
        }
    )


def xlsx() -> bytes:
    return package(
        {
            "[Content_Types].xml": content_types("xl/workbook.xml", XLSX_MAIN),
            "_rels/.rels": RELS.format(target="xl/workbook.xml"),
            "xl/workbook.xml": (
                '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.'
                'openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>'
            ),
        }
    )


def image(fmt: str, size=(40, 30), mode="RGB", color=(200, 30, 30), **options) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, color).save(out, fmt, **options)
    return out.getvalue()


def half_red_half_blue_jpeg(exif: Image.Exif) -> bytes:
    picture = Image.new("RGB", (800, 400), (220, 0, 0))
    picture.paste((0, 0, 220), (400, 0, 800, 400))
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=95, exif=exif)
    return out.getvalue()


def upload(data: bytes, name: str = "tai-lieu.bin") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def refusal(data: bytes, **kwargs) -> str:
    with pytest.raises(UploadRefused) as caught:
        inspect(upload(data), **kwargs)
    return str(caught.value)


GOOD = {
    "pdf": lambda: PDF,
    "jpeg": lambda: image("JPEG"),
    "png": lambda: image("PNG"),
    "webp": lambda: image("WEBP"),
    "docx": docx,
    "xlsx": xlsx,
}


# --- accepted kinds ----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(GOOD))
def test_allowed_kind_is_accepted_with_its_hash(kind):
    data = GOOD[kind]()
    result = inspect(upload(data))
    content_type, extension = KINDS[kind]
    assert result == Inspected(
        kind=kind,
        content_type=content_type,
        extension=extension,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def test_kinds_cover_exactly_the_allowed_types():
    assert set(KINDS) == {"pdf", "jpeg", "png", "webp", "docx", "xlsx"}
    assert {"jpeg", "png", "webp"} == IMAGE_KINDS
    assert KINDS["pdf"] == ("application/pdf", ".pdf")
    assert all(KINDS[kind][0].startswith("image/") for kind in IMAGE_KINDS)


def test_content_wins_over_a_pdf_name_and_content_type():
    data = image("PNG")
    f = SimpleUploadedFile("ho-so.pdf", data, content_type="application/pdf")
    result = inspect(f)
    assert (result.kind, result.content_type, result.extension) == ("png", "image/png", ".png")


def test_hash_of_a_file_larger_than_a_chunk_matches_hashlib():
    data = one_page(size=300_000)
    assert inspect(upload(data)).sha256 == hashlib.sha256(data).hexdigest()


def test_plain_binary_file_objects_are_accepted(tmp_path):
    data = image("WEBP")
    assert inspect(io.BytesIO(data)).kind == "webp"
    path = tmp_path / "anh.webp"
    path.write_bytes(data)
    with path.open("rb") as raw:
        assert inspect(raw).sha256 == hashlib.sha256(data).hexdigest()
    with path.open("rb") as raw:
        assert inspect(File(raw)).size == len(data)


def test_upload_spooled_to_disk_is_inspected_and_thumbnailed():
    data = image("JPEG", size=(640, 480))
    f = TemporaryUploadedFile("anh.jpg", "image/jpeg", len(data), None)
    f.write(data)
    with f:
        assert inspect(f).sha256 == hashlib.sha256(data).hexdigest()
        assert Image.open(make_thumbnail(f)).size == (320, 240)
        assert f.read() == data


@pytest.mark.parametrize("kind", sorted(GOOD))
def test_file_is_rewound_after_inspect(kind):
    f = upload(GOOD[kind]())
    inspect(f)
    assert f.tell() == 0
    assert f.read() == GOOD[kind]()


def test_file_is_rewound_after_a_refusal():
    f = upload(b"MZ\x90\x00" + bytes(100))
    f.read(10)
    with pytest.raises(UploadRefused):
        inspect(f)
    assert f.tell() == 0


# --- refused content ---------------------------------------------------------------------------

NOT_ACCEPTED = "Không nhận loại tệp này"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("chuong-trinh.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + bytes(200)),
        ("anh.jpg", "Đây là một tệp văn bản.\n".encode()),
        ("trang.pdf", b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"),
        ("hinh.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("nen.docx", package({"readme.txt": "không phải tài liệu Word"})),
        ("gia.pdf", b"  %PDF-1.4\n" + PDF),
    ],
)
def test_unknown_content_is_refused_whatever_its_name(name, data):
    with pytest.raises(UploadRefused) as caught:
        inspect(SimpleUploadedFile(name, data, content_type="application/pdf"))
    assert NOT_ACCEPTED in str(caught.value)
    assert "PDF, JPEG, PNG, WebP, DOCX, XLSX" in str(caught.value)


def test_empty_file_is_refused():
    assert refusal(b"") == "Tệp rỗng."


@pytest.mark.parametrize("kind", sorted(IMAGE_KINDS))
def test_truncated_image_is_refused(kind):
    noisy = Image.effect_noise((300, 200), 64).convert("RGB")
    out = io.BytesIO()
    noisy.save(out, kind.upper())
    data = out.getvalue()
    assert "ảnh bị hỏng" in refusal(data[: len(data) // 2])


def test_image_magic_followed_by_garbage_is_refused():
    assert "ảnh bị hỏng" in refusal(b"\x89PNG\r\n\x1a\n" + b"garbage" * 20)
    assert "ảnh bị hỏng" in refusal(b"\xff\xd8\xff\xe0" + b"garbage" * 20)
    assert "ảnh bị hỏng" in refusal(b"RIFF\x00\x01\x00\x00WEBPVP8 " + b"garbage" * 20)


def test_image_with_a_corrupted_chunk_is_refused():
    data = bytearray(image("PNG", size=(64, 64)))
    data[-20] ^= 0xFF  # inside the image data: the CRC no longer matches
    assert "ảnh bị hỏng" in refusal(bytes(data))


def test_decompression_bomb_is_refused(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    # Over twice the limit Pillow raises; between the limit and twice it only warns.
    assert "quá nhiều điểm ảnh" in refusal(image("PNG", size=(100, 100)))
    with pytest.warns(Image.DecompressionBombWarning):
        assert "quá nhiều điểm ảnh" in refusal(image("PNG", size=(40, 40)))
    assert inspect(upload(image("PNG", size=(30, 30)))).kind == "png"


def test_macro_enabled_word_file_is_refused():
    with_vba = docx(DOCM_MAIN, {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0" + bytes(64)})
    assert refusal(with_vba) == "Tệp Word/Excel có macro không được nhận."


def test_vba_project_anywhere_is_refused():
    hidden = docx(extra={"customXml/VBAPROJECT.BIN": b"\xd0\xcf\x11\xe0" + bytes(64)})
    assert "macro" in refusal(hidden)


def test_macro_enabled_content_type_without_vba_member_is_refused():
    assert "macro" in refusal(docx(DOCM_MAIN))


def test_zip_bomb_is_refused():
    bomb = docx(extra={"word/media/padding.xml": bytes(2 * MiB)})  # packs to a few kilobytes
    assert len(bomb) < 50_000
    assert "giải nén" in refusal(bomb, max_bytes=100_000)
    assert inspect(upload(bomb), max_bytes=MiB).kind == "docx"


def test_truncated_office_file_is_refused():
    data = docx()
    assert "Word/Excel bị hỏng" in refusal(data[: len(data) - 30])


def test_office_file_with_a_damaged_member_is_refused():
    data = bytearray(docx(extra={"word/styles.xml": "<styles>" + "x" * 5000 + "</styles>"}))
    start = data.index(b"word/styles.xml") + len("word/styles.xml") + 5
    data[start] ^= 0xFF  # a byte of the deflated member: its CRC no longer matches
    assert "Word/Excel bị hỏng" in refusal(bytes(data))


def test_zip_with_both_word_and_excel_parts_is_refused():
    both = package(
        {
            "[Content_Types].xml": content_types("word/document.xml", DOCX_MAIN),
            "word/document.xml": "<w:document/>",
            "xl/workbook.xml": "<workbook/>",
        }
    )
    assert NOT_ACCEPTED in refusal(both)


# --- size limit --------------------------------------------------------------------------------


def test_oversize_is_refused_by_the_setting(settings):
    settings.OCOP_UPLOAD_MAX_BYTES = 1024
    with translation.override("vi"):
        message = refusal(PDF + bytes(2000))
    assert message.startswith("Tệp quá lớn")
    assert "Giới hạn là 1 KB" in message
    assert inspect(upload(PDF)).kind == "pdf"


def test_oversize_is_refused_by_max_bytes():
    assert "Giới hạn là 100 B" in refusal(PDF, max_bytes=100)
    assert inspect(upload(PDF), max_bytes=len(PDF)).size == len(PDF)


def test_oversize_message_gives_sizes_with_one_decimal():
    data = PDF + bytes(int(25.3 * MiB) - len(PDF))
    with translation.override("vi"):
        assert refusal(data, max_bytes=20 * MiB) == "Tệp quá lớn: 25,3 MB. Giới hạn là 20 MB."
    with translation.override("en"):
        message = refusal(data, max_bytes=20 * MiB)
    assert "25.3 MB" in message
    assert "20 MB" in message


def test_one_byte_over_the_limit_does_not_show_as_the_limit():
    with translation.override("vi"):
        message = refusal(PDF + bytes(MiB - len(PDF) + 1), max_bytes=MiB)
    assert "1,1 MB" in message
    assert "Giới hạn là 1 MB" in message


def test_default_limit_is_twenty_mebibytes(settings):
    del settings.OCOP_UPLOAD_MAX_BYTES
    data = one_page(size=20 * MiB)
    assert inspect(upload(data)).size == 20 * MiB
    assert "Giới hạn là 20 MB" in refusal(data + b"\n")


class CountingReader(io.BytesIO):
    """A real in-memory file that remembers how many bytes were read from it."""

    bytes_read = 0

    def read(self, size=-1):
        data = super().read(size)
        self.bytes_read += len(data)
        return data


def test_oversize_is_refused_before_reading_the_file():
    f = CountingReader(PDF + bytes(5 * MiB))
    with pytest.raises(UploadRefused):
        inspect(f, max_bytes=MiB)
    assert f.bytes_read == 0


# --- thumbnails --------------------------------------------------------------------------------


def test_thumbnail_fits_keeps_aspect_and_is_webp():
    source = upload(image("PNG", size=(2000, 1000)), "anh.png")
    thumb = Image.open(make_thumbnail(source))
    assert thumb.format == "WEBP"
    assert thumb.size == (320, 160)
    assert source.tell() == 0


def test_thumbnail_size_can_be_chosen():
    thumb = Image.open(make_thumbnail(upload(image("JPEG", size=(300, 900))), size=90))
    assert thumb.size == (30, 90)


def test_thumbnail_follows_exif_orientation_and_drops_exif():
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: the camera was turned; display rotated 90° clockwise
    exif[0x010F] = "Máy ảnh của cơ sở"  # Make
    exif[0x0131] = "phần mềm"  # Software
    source = half_red_half_blue_jpeg(exif)
    assert Image.open(io.BytesIO(source)).getexif()[0x0112] == 6

    data = make_thumbnail(upload(source)).read()
    thumb = Image.open(io.BytesIO(data))
    assert thumb.size == (160, 320)  # upright: portrait
    red, _, blue = thumb.getpixel((80, 20))
    assert red > 150 and blue < 80  # the left (red) half is now on top
    red, _, blue = thumb.getpixel((80, 300))
    assert blue > 150 and red < 80
    assert len(thumb.getexif()) == 0
    assert "exif" not in thumb.info
    assert b"EXIF" not in data and "Máy ảnh".encode() not in data


def test_thumbnail_of_a_transparent_image_is_on_white():
    source = upload(image("PNG", size=(50, 50), mode="RGBA", color=(0, 0, 0, 0)))
    thumb = Image.open(make_thumbnail(source))
    assert thumb.mode == "RGB"
    assert thumb.getpixel((25, 25)) >= (250, 250, 250)


def test_thumbnail_of_a_broken_image_is_refused():
    with pytest.raises(UploadRefused):
        make_thumbnail(upload(b"\x89PNG\r\n\x1a\n" + b"garbage" * 20))


# --- form field --------------------------------------------------------------------------------


def test_field_refuses_bad_content_with_the_same_message():
    field = EvidenceFileField()
    with pytest.raises(forms.ValidationError) as caught:
        field.clean(SimpleUploadedFile("giay-phep.pdf", b"MZ\x90\x00" + bytes(100)))
    assert NOT_ACCEPTED in caught.value.messages[0]


def test_field_sets_inspected_on_good_content():
    data = docx()
    cleaned = EvidenceFileField().clean(SimpleUploadedFile("giay-phep.docx", data))
    assert cleaned.inspected.kind == "docx"
    assert cleaned.inspected.sha256 == hashlib.sha256(data).hexdigest()
    assert cleaned.tell() == 0


def test_field_refuses_an_empty_file_with_its_own_message():
    with pytest.raises(forms.ValidationError) as caught:
        EvidenceFileField().clean(SimpleUploadedFile("rong.pdf", b""))
    assert caught.value.messages == ["Tệp rỗng."]


def test_field_honours_max_bytes():
    with pytest.raises(forms.ValidationError) as caught:
        EvidenceFileField(max_bytes=100).clean(SimpleUploadedFile("a.pdf", PDF))
    assert "Giới hạn là 100 B" in caught.value.messages[0]


def test_field_keeps_the_initial_file_when_nothing_is_uploaded():
    field = EvidenceFileField(required=False)
    assert field.clean(None) is None
    assert field.clean(None, initial="evidence/AB/ABC.pdf") == "evidence/AB/ABC.pdf"


def test_field_widget_accepts_only_the_allowed_types():
    class EvidenceForm(forms.Form):
        file = EvidenceFileField()

    assert 'accept="' in str(EvidenceForm()["file"])
    accept = EvidenceFileField().widget.attrs["accept"].split(",")
    for content_type, extension in KINDS.values():
        assert content_type in accept
        assert extension in accept
    assert ".jpeg" in accept
    assert ".exe" not in accept and "image/svg+xml" not in accept
