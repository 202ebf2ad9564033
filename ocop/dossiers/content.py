"""The producer's part of a dossier, section by section (Mẫu 01 and Mẫu 02 of Phụ lục III).

Each field is (key, label, kind). The text lives in ``DossierVersion.content`` as
``{section: {key: value}}``, so a version is one row and a frozen copy is exact.
Part III (the criteria sheet) is kept apart in ``answers``, ``notes`` and evidence links.

Some sections belong to one kind of dossier only (``Section.kinds``): an upgrade states its
changes (Điều 6.1.b), a re-evaluation its updates since recognition (Điều 6.1.c). A section
with ``evidence`` has its own evidence links (``EvidenceLink.criterion`` = the section key).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ocop.dossiers.enums import DossierKind

TEXT, LONG, CHECK, NUMBER = "text", "long", "check", "number"


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: str = LONG
    required: bool = False
    max_value: int = 1000  # NUMBER fields only


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    fields: tuple[Field, ...]
    help: str = ""
    kinds: frozenset[str] | None = None  # the dossier kinds it belongs to; None: every kind
    evidence: bool = False  # the section links evidence documents of its own
    evidence_required: bool = False  # ... at least one before submission

    def applies_to(self, kind) -> bool:
        return self.kinds is None or kind in self.kinds


BIG = 10**15  # quantities and đồng: no small ceiling


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
    # Điều 6.1.b: an upgrade "phải thể hiện rõ nội dung và tài liệu minh chứng về những thay
    # đổi so với sản phẩm OCOP đã được công nhận".
    Section(
        "changes",
        _("Những thay đổi so với sản phẩm OCOP đã được công nhận"),
        (
            Field(
                "changes",
                _(
                    "Nội dung những thay đổi so với sản phẩm đã được công nhận (sản phẩm, "
                    "nguyên liệu, công nghệ, chất lượng, bao bì, nhãn mác, thị trường…)"
                ),
                LONG,
                required=True,
            ),
        ),
        help=_(
            "Hồ sơ nâng hạng phải nêu rõ những thay đổi và kèm tài liệu minh chứng (ít nhất "
            "một tài liệu) cho những thay đổi đó."
        ),
        kinds=frozenset({DossierKind.UPGRADE}),
        evidence=True,
        evidence_required=True,
    ),
    # Điều 6.1.c: a re-evaluation updates "những nội dung mới và kết quả sau thời gian sản
    # phẩm OCOP được công nhận" on each of these, and adds the time-limited legal papers.
    Section(
        "updates",
        _("Cập nhật sau thời gian được công nhận"),
        (
            Field("raw_materials", _("Nguyên liệu"), required=True),
            Field("technology", _("Công nghệ sử dụng"), required=True),
            Field("packaging", _("Bao bì, nhãn mác"), required=True),
            Field("quality_declaration", _("Công bố chất lượng"), required=True),
            Field("periodic_tests", _("Các phiếu kiểm nghiệm định kỳ"), required=True),
            Field("markets", _("Thị trường tiêu thụ"), required=True),
            Field(
                "output",
                _("Sản lượng năm gần nhất (số lượng mỗi năm)"),
                NUMBER,
                required=True,
                max_value=BIG,
            ),
            Field(
                "output_unit",
                _("Đơn vị tính của sản lượng (kg, lít, hộp, lượt khách…)"),
                TEXT,
                required=True,
            ),
            Field(
                "revenue",
                _("Doanh thu năm gần nhất (đồng/năm)"),
                NUMBER,
                required=True,
                max_value=BIG,
            ),
            Field("renewed_papers", _("Giấy tờ pháp lý có thời hạn đã gia hạn")),
        ),
        help=_(
            "Hồ sơ đánh giá lại cập nhật những nội dung mới và kết quả sau thời gian được "
            "công nhận, và bổ sung minh chứng các giấy tờ pháp lý có thời hạn (chọn ở dưới). "
            "Giấy tờ pháp lý đã hết hạn phải được thay bằng bản còn hiệu lực trước khi nộp."
        ),
        kinds=frozenset({DossierKind.RE_EVALUATION}),
        evidence=True,
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
# Sections of every kind: what a dossier and the one it is based on both have.
COMMON = tuple(s for s in SECTIONS if s.kinds is None)
# Sections of one kind only: never carried from the base dossier into a new one.
KIND_ONLY = tuple(s for s in SECTIONS if s.kinds is not None)
EVIDENCE_SECTIONS = frozenset(s.key for s in SECTIONS if s.evidence)


def sections_for(kind) -> tuple[Section, ...]:
    """The sections of a dossier of ``kind``, in form order (``None``: the common ones)."""
    return tuple(s for s in SECTIONS if s.applies_to(kind))


def value(content: dict, section: str, key: str):
    return (content.get(section) or {}).get(key)


def _empty(v) -> bool:
    return v is None or v is False or not str(v).strip()


def missing(content: dict, kind) -> list[tuple[Section, Field]]:
    """Required fields of a ``kind`` dossier left empty, in form order (0 is a value)."""
    return [
        (s, f)
        for s in sections_for(kind)
        for f in s.fields
        if f.required and _empty(value(content, s.key, f.key))
    ]


def changes(
    before: dict, after: dict, sections: tuple[Section, ...] = SECTIONS
) -> list[tuple[Section, Field, object, object]]:
    """Fields of ``sections`` whose value differs between two versions' content."""
    out = []
    for s in sections:
        for f in s.fields:
            old, new = value(before, s.key, f.key), value(after, s.key, f.key)
            if (old or "") != (new or ""):
                out.append((s, f, old, new))
    return out
