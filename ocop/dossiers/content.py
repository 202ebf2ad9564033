"""The producer's part of a dossier, section by section (Mẫu 01 and Mẫu 02 of Phụ lục III).

Each field is (key, label, kind). The text lives in ``DossierVersion.content`` as
``{section: {key: value}}``, so a version is one row and a frozen copy is exact.
Part III (the criteria sheet) is kept apart in ``answers``, ``notes`` and evidence links.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

TEXT, LONG, CHECK, NUMBER = "text", "long", "check", "number"


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: str = LONG
    required: bool = False


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    fields: tuple[Field, ...]
    help: str = ""


SECTIONS = (
    Section(
        "mau01",
        _("Phiếu đăng ký (Mẫu 01)"),
        (
            Field("samples", _("Sản phẩm mẫu (số lượng)"), NUMBER),
            Field("place", _("Địa danh ký phiếu"), TEXT),
        ),
    ),
    Section(
        "part1",
        _("Phần I. Thông tin chung"),
        (
            Field("representative_address", _("Địa chỉ thường trú của người đại diện"), TEXT),
            Field(
                "product_description",
                _("Tên sản phẩm/dịch vụ, mô tả về quy cách sản phẩm, tiêu chuẩn"),
                LONG,
                required=True,
            ),
            Field("business_registration", _("Giấy đăng ký kinh doanh"), CHECK),
            Field("quality_declaration", _("Đã công bố chất lượng sản phẩm theo quy định"), CHECK),
            Field(
                "food_safety_certificate",
                _("Giấy chứng nhận cơ sở đủ điều kiện vệ sinh an toàn thực phẩm"),
                CHECK,
            ),
            Field(
                "production_condition_certificate",
                _("Giấy chứng nhận cơ sở đủ điều kiện sản xuất bắt buộc"),
                CHECK,
            ),
            Field("ip_registered", _("Đã có đăng ký sở hữu trí tuệ"), CHECK),
            Field("trademark", _("Giấy chứng nhận đăng ký nhãn hiệu"), CHECK),
            Field(
                "gi_collective_certification_mark",
                _("Quyền sử dụng chỉ dẫn địa lý, nhãn hiệu tập thể, nhãn hiệu chứng nhận"),
                CHECK,
            ),
            Field("patent", _("Bằng sáng chế"), CHECK),
            Field("industrial_design", _("Bằng độc quyền kiểu dáng công nghiệp"), CHECK),
            Field("copyright", _("Giấy chứng nhận bản quyền tác giả"), CHECK),
            Field("ip_other", _("Sở hữu trí tuệ khác (ghi rõ)"), TEXT),
            Field("history", _("Lịch sử hình thành của chủ thể"), LONG, required=True),
            Field("structure", _("Cơ cấu tổ chức của chủ thể"), LONG),
        ),
    ),
    Section(
        "part2",
        _("Phần II. Kết quả thực hiện phương án sản xuất kinh doanh"),
        (
            Field(
                "raw_materials_technology",
                _("Tổ chức vùng nguyên liệu, công nghệ sản xuất, sơ chế, chế biến, đóng gói"),
                required=True,
            ),
            Field(
                "quality_changes",
                _("Sự thay đổi về chất lượng sản phẩm, tiêu chuẩn, bao bì, nhãn mác"),
            ),
            Field("markets", _("Thị trường phân phối sản phẩm"), required=True),
            Field("results", _("Kết quả sản xuất, kinh doanh: doanh thu, lợi nhuận")),
        ),
        help=_("Doanh thu và lợi nhuận các năm lấy từ hồ sơ chủ thể."),
    ),
    Section(
        "part4",
        _("Phần IV. Kế hoạch sản xuất, kinh doanh"),
        (
            Field(
                "plan",
                _("Định hướng, kế hoạch phát triển sản phẩm, tổ chức sản xuất, thị trường"),
                required=True,
            ),
        ),
    ),
)

SECTION_BY_KEY = {s.key: s for s in SECTIONS}


def value(content: dict, section: str, key: str):
    return (content.get(section) or {}).get(key)


def missing(content: dict) -> list[tuple[Section, Field]]:
    """Required fields left empty, in form order."""
    return [
        (s, f)
        for s in SECTIONS
        for f in s.fields
        if f.required and not str(value(content, s.key, f.key) or "").strip()
    ]


def changes(before: dict, after: dict) -> list[tuple[Section, Field, object, object]]:
    """Fields whose value differs between two versions' content."""
    out = []
    for s in SECTIONS:
        for f in s.fields:
            old, new = value(before, s.key, f.key), value(after, s.key, f.key)
            if (old or "") != (new or ""):
                out.append((s, f, old, new))
    return out
