"""The Phụ lục III forms (QĐ 26/2026/QĐ-TTg) render from their data dicts: Mẫu 01, 02, 03."""

import re
from pathlib import Path

import pytest

from ocop.lib.pdf import render_pdf
from tests.pdf import flat, text_of

DOCUMENTS = Path(__file__).resolve().parents[2] / "ocop" / "dossiers" / "documents"
DOTS = "……"


def mau01_data(**changes):
    data = {
        "province_name": "Hà Nội",
        "year": 2026,
        "unit": {
            "name": "Hợp tác xã Gốm sứ Bát Tràng Xanh",
            "representative": "Nguyễn Thị Hằng",
            "title": "Giám đốc",
            "address": "Số 12, thôn Giang Cao, xã Bát Tràng, Thành phố Hà Nội",
            "phone": "0912 345 678",
            "email": "gomxanh@battrang.vn",
        },
        "product_name": "Bình gốm men lam vẽ tay",
        "classification": {
            "sector": "Thủ công mỹ nghệ",
            "group": "Thủ công mỹ nghệ, trang trí",
            "subgroup": "Gốm sứ",
        },
        "kind": "upgrade",
        "samples": "05",
        "place": "Bát Tràng",
        "signed_on": "20/11/2026",
        "representative": "Nguyễn Thị Hằng",
        "receipts": {
            "commune": {
                "number": "07-2026/PĐK-01-00583-2026",
                "received_on": "23/11/2026",
                "receiver": "Trần Văn Minh",
            },
            "province": None,
        },
        "receipt_pattern": "……-……/PĐK-01-00583-2026",
        "footnote": "Theo Phụ lục I về Danh mục phân loại sản phẩm tham gia đánh giá, "
        "phân hạng sản phẩm OCOP.",
    }
    data.update(changes)
    return data


def _row(code, name, level, choice, points, maximum, note="", evidence=()):
    return {
        "code": code,
        "name": name,
        "level": level,
        "is_heading": False,
        "choice": choice,
        "points": points,
        "max": maximum,
        "note": note,
        "evidence": list(evidence),
    }


def _heading(code, name, maximum=""):
    return {
        "code": code,
        "name": name,
        "level": 0,
        "is_heading": True,
        "choice": "",
        "points": "",
        "max": maximum,
        "note": "",
        "evidence": [],
    }


def mau02_data(**changes):
    data = {
        "product_name": "Nước mắm cá cơm Phú Quốc 40 độ đạm",
        "version": "Phiên bản 2, nộp ngày 20/11/2026",
        "kind_label": "Đánh giá lại",
        "part1": {
            "producer_name": "Công ty TNHH Nước mắm Hưng Thịnh Phú Quốc",
            "legal_type": "Công ty trách nhiệm hữu hạn",
            "address": "Tổ 3, khu phố 7, đặc khu Phú Quốc, tỉnh An Giang",
            "phone": "0297 3846 123",
            "email": "lienhe@hungthinhpq.vn",
            "representative_name": "Lê Văn Thịnh",
            "gender": "Nam",
            "ethnicity": "Kinh",
            "permanent_address": "Khu phố 7, đặc khu Phú Quốc, tỉnh An Giang",
            "founded_on": "15/03/2012",
            "registration_number": "1701234567",
            "product_description": "Nước mắm cá cơm truyền thống, độ đạm 40°N.\n"
            "Chai thủy tinh 500 ml; TCVN 5107:2018.",
            "checks": {
                "business_registration": True,
                "quality_declaration": True,
                "food_safety_certificate": True,
                "production_condition_certificate": False,
                "ip_registered": True,
                "trademark": True,
                "gi_collective_certification_mark": True,
                "patent": False,
                "industrial_design": False,
                "copyright": False,
                "ip_other": "",
            },
            "history": "2012: thành lập từ nhà thùng của gia đình.\n"
            "2023: sản phẩm được công nhận OCOP 4 sao.",
            "structure": "Giám đốc, 2 phó giám đốc, 3 tổ sản xuất; 28 lao động.",
        },
        "part2": {
            "raw_materials_technology": "Cá cơm than đánh bắt tại vùng biển Phú Quốc, "
            "ủ chượp trong thùng gỗ bời lời 12 tháng.",
            "quality_changes": "Đổi nhãn theo Nghị định 43/2017; thêm tem truy xuất nguồn gốc.",
            "markets": "Siêu thị tại Hà Nội, TP. Hồ Chí Minh; xuất khẩu sang Nhật Bản.",
            "results": "Doanh thu tăng đều qua các năm.",
            "financials": [
                {"year": "2024", "revenue": "1.050.000.000", "profit": "140.000.000"},
                {"year": "2025", "revenue": "1.250.000.000", "profit": "180.000.000"},
            ],
        },
        "part3": {
            "criteria_set": "Bộ số 9: Nước mắm · QĐ 26/2026/QĐ-TTg",
            "rows": [
                _heading("A", "SẢN XUẤT VÀ PHÁT TRIỂN CỘNG ĐỒNG", "35"),
                _heading("A.1", "Tổ chức sản xuất"),
                _row(
                    "1.1",
                    "Nguồn nguyên liệu",
                    1,
                    "Sử dụng 100% nguyên liệu tại địa phương",
                    "5",
                    "5",
                    note="Cá cơm mua của 12 tàu cá tại An Thới.",
                    evidence=[
                        {
                            "title": "Hợp đồng mua cá cơm 2026",
                            "kind": "Hợp đồng",
                            "expires_on": None,
                            "expired": False,
                        },
                        {
                            "title": "Giấy chứng nhận cơ sở đủ điều kiện ATTP",
                            "kind": "Giấy chứng nhận",
                            "expires_on": "01/03/2026",
                            "expired": True,
                        },
                    ],
                ),
                _row("1.2", "Sử dụng lao động địa phương", 2, "", "", "3"),
            ],
            "parts": [
                {
                    "code": "A",
                    "name": "Sản xuất và phát triển cộng đồng",
                    "score": "30",
                    "max": "35",
                },
                {"code": "B", "name": "Kinh doanh và tiếp thị", "score": "20", "max": "25"},
                {"code": "C", "name": "Chất lượng sản phẩm", "score": "32", "max": "40"},
            ],
            "total": "82",
            "stars": 4,
            "stars_text": "4 sao",
        },
        "changes": [
            {
                "field": "Bao bì",
                "before": "Chai nhựa PET 500 ml",
                "after": "Chai thủy tinh 500 ml",
            }
        ],
        "evidence_appendix": [
            {
                "number": 1,
                "title": "Hợp đồng mua cá cơm 2026",
                "kind": "Hợp đồng",
                "issued_on": "05/01/2026",
                "expires_on": None,
                "expired": False,
                "sha256": "3f7a9c0b12de4455",
            },
            {
                "number": 2,
                "title": "Giấy chứng nhận cơ sở đủ điều kiện ATTP",
                "kind": "Giấy chứng nhận",
                "issued_on": "01/03/2023",
                "expires_on": "01/03/2026",
                "expired": True,
                "sha256": "a1b2c3d4e5f60718",
            },
        ],
        "part4": "Mở rộng vùng nguyên liệu.\nĐăng ký chỉ dẫn địa lý cho dòng sản phẩm mới.",
        "place": "Phú Quốc",
        "signed_on": "20/11/2026",
        "representative": "Lê Văn Thịnh",
    }
    data.update(changes)
    return data


PROPOSAL = (
    "Ủy ban nhân dân Xã Bát Tràng đề nghị Ủy ban nhân dân Thành phố Hà Nội đánh giá, "
    "phân hạng sản phẩm OCOP cho sản phẩm Gốm men lam của Hợp tác xã Gốm sứ Bát Tràng Xanh."
)


def mau03_data(**changes):
    data = {
        "commune_name": "Xã Bát Tràng",
        "province_name": "Thành phố Hà Nội",
        "number": "125/BC-UBND",
        "general": {
            "producer_name": "Hợp tác xã Gốm sứ Bát Tràng Xanh",
            "legal_type": "Hợp tác xã",
            "address": "Số 12, thôn Giang Cao, xã Bát Tràng, Thành phố Hà Nội",
            "representative_name": "Nguyễn Thị Hằng",
            "gender": "Nữ",
            "ethnicity": "Kinh",
            "permanent_address": "Thôn Giang Cao, xã Bát Tràng, Thành phố Hà Nội",
        },
        "product_name": "Gốm men lam",
        "assessments": {
            "raw_materials": "Đất sét trắng mua tại Trúc Thôn.\nMen lam pha chế tại xưởng.",
            "labour": "18 trên 22 lao động là người thường trú tại xã.",
            "idea_origin": "Sản phẩm truyền thống của làng gốm Bát Tràng.",
            "identity": "Kỹ thuật vẽ lam tay truyền từ thế kỷ XV.",
        },
        "proposal": PROPOSAL,
        "place": "Bát Tràng",
        "signed_on": "25/11/2026",
        "signer": "Phạm Quốc Khánh",
    }
    data.update(changes)
    return data


def render(name: str, data: dict) -> bytes:
    return render_pdf(DOCUMENTS / f"{name}.typ", data)


def box_after(text: str, label: str) -> str:
    """The first checkbox printed after `label`."""
    found = re.search(re.escape(label) + r"[^☐☑]{0,5}([☐☑])", text)
    assert found, f"no checkbox after {label!r}"
    return found.group(1)


# ---------------------------------------------------------------- Mẫu 01


def test_mau01_full_data_prints_the_form_and_values():
    pdf = render("mau01", mau01_data())
    assert pdf.startswith(b"%PDF-")
    text = text_of(pdf)
    for expected in (
        "Mẫu số 01",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "PHIẾU ĐĂNG KÝ",
        "Tham gia đánh giá, phân hạng sản phẩm OCOP",
        "của tỉnh Hà Nội năm 2026",
        "Hợp tác xã Gốm sứ Bát Tràng Xanh",
        "Bình gốm men lam vẽ tay",
        "Phân nhóm: Gốm sứ",
        "Sản phẩm mẫu (số lượng): 05",
        "Bát Tràng, ngày 20 tháng 11 năm 2026",
        "(Ký, đóng dấu, ghi rõ họ tên)",
        "PHẦN DÀNH CHO CƠ QUAN QUẢN LÝ",
        "DÀNH CHO ỦY BAN NHÂN DÂN CẤP XÃ",
        "DÀNH CHO CƠ QUAN QUẢN LÝ OCOP CẤP TỈNH",
        "07-2026/PĐK-01-00583-2026",
        "Trần Văn Minh",
        "(Ký, đóng dấu và ghi rõ họ tên)",
    ):
        assert expected in text, expected
    # The province has not received it yet: its block shows the receipt pattern.
    assert "……-……/PĐK-01-00583-2026" in text
    assert flat("Theo Phụ lục I về Danh mục phân loại sản phẩm") in flat(text)


def test_mau01_commune_block_prints_what_was_received_only_when_given():
    receipts = mau01_data()["receipts"]
    commune = {**receipts["commune"], "received": "01 bộ hồ sơ giấy và 01 bộ hồ sơ điện tử"}
    text = text_of(render("mau01", mau01_data(receipts={**receipts, "commune": commune})))
    assert "Hồ sơ đã nhận: 01 bộ hồ sơ giấy và 01 bộ hồ sơ điện tử" in text
    assert "Hồ sơ đã nhận" not in text_of(render("mau01", mau01_data()))


@pytest.mark.parametrize(
    ("kind", "ticked"),
    [("first", "Lần đầu"), ("upgrade", "Nâng hạng"), ("re_evaluation", "Đánh giá lại")],
)
def test_mau01_kind_ticks_one_box(kind, ticked):
    text = text_of(render("mau01", mau01_data(kind=kind)))
    assert text.count("☑") == 1
    for label in ("Lần đầu", "Nâng hạng", "Đánh giá lại:"):
        expected = "☑" if label.startswith(ticked) else "☐"
        assert box_after(text, label) == expected, label


def test_mau01_missing_values_print_dotted_leaders():
    blank = {
        "province_name": None,
        "year": None,
        "unit": dict.fromkeys(("name", "representative", "title", "address", "phone", "email"), ""),
        "product_name": "",
        "classification": {"sector": "", "group": "", "subgroup": ""},
        "kind": None,
        "samples": "",
        "place": None,
        "signed_on": None,
        "representative": "",
        "receipts": {"commune": None, "province": None},
        "receipt_pattern": "",
        "footnote": "",
    }
    pdf = render("mau01", blank)
    text = text_of(pdf)
    assert pdf.startswith(b"%PDF-")
    assert "PHIẾU ĐĂNG KÝ" in text
    assert "☑" not in text
    assert text.count("☐") == 3
    assert "ngày …… tháng …… năm ……" in text
    # The form's own receipt pattern and footnote stand in for the missing ones.
    assert "/PĐK- (Mã tỉnh) - (Mã xã) - (Năm)" in text
    assert flat("Theo Phụ lục I về Danh mục phân loại sản phẩm") in flat(text)
    for label in ("Tên đơn vị:", "Chức vụ:", "Địa chỉ liên hệ:", "Ngày nhận:"):
        assert re.search(re.escape(label) + r"\s*…{3}", text), label


def test_mau01_markup_in_values_is_printed_literally():
    name = "*Đậm* #set page(width: 1cm) $x^2$ ] [ // <nhãn> @ref"
    text = text_of(render("mau01", mau01_data(unit={"name": name})))
    assert f"Tên đơn vị: {name}" in text
    # The rest of the unit was left out: leaders, not a failure.
    assert re.search(r"Chức vụ:\s*…{3}", text)


def test_mau01_empty_dict_still_compiles():
    assert render("mau01", {}).startswith(b"%PDF-")


# ---------------------------------------------------------------- Mẫu 02


def test_mau02_full_data_prints_all_four_parts():
    pdf = render("mau02", mau02_data())
    assert pdf.startswith(b"%PDF-")
    text = text_of(pdf)
    for expected in (
        "Mẫu số 02",
        "BÁO CÁO TỰ ĐÁNH GIÁ VỀ SẢN PHẨM",
        "(Dành cho chủ thể có sản phẩm đăng ký)",
        "Nước mắm cá cơm Phú Quốc 40 độ đạm",
        "Đánh giá lại · Phiên bản 2, nộp ngày 20/11/2026",
        "Phần I",
        "THÔNG TIN CHUNG",
        "Công ty TNHH Nước mắm Hưng Thịnh Phú Quốc",
        "Phần II",
        "1.250.000.000",
        "Phần III",
        "Bộ số 9: Nước mắm",
        "Sử dụng 100% nguyên liệu tại địa phương",
        "Hợp đồng mua cá cơm 2026",
        "(hết hạn 01/03/2026)",
        "TỔNG CỘNG",
        "4 sao",
        "Những thay đổi so với sản phẩm đã được công nhận",
        "Chai thủy tinh 500 ml",
        "Phần IV",
        "KẾ HOẠCH SẢN XUẤT, KINH DOANH",
        "ĐẠI DIỆN THEO PHÁP LUẬT CỦA CƠ SỞ",
        "Phú Quốc, ngày 20 tháng 11 năm 2026",
        "Phụ lục: Danh mục tài liệu minh chứng",
        "a1b2c3d4e5f60718",
    ):
        assert expected in text, expected
    # Every line of a multi-line text is printed, as its own paragraph.
    assert "2023: sản phẩm được công nhận OCOP 4 sao." in text
    assert "Đăng ký chỉ dẫn địa lý cho dòng sản phẩm mới." in text


def test_mau02_checks_tick_the_matching_boxes():
    text = text_of(render("mau02", mau02_data()))
    assert box_after(text, "a) Giấy đăng ký kinh doanh:") == "☑"
    assert box_after(text, "Bằng sáng chế") == "☐"
    assert box_after(text, "Khác (ghi rõ):") == "☐"
    # Eleven boxes: 6 ticked (a, b, food safety, d, trademark, GI), 5 empty.
    assert (text.count("☑"), text.count("☐")) == (6, 5)


def test_mau02_without_changes_omits_the_changes_section():
    text = text_of(render("mau02", mau02_data(changes=[])))
    assert "Những thay đổi so với sản phẩm đã được công nhận" not in text


def test_mau02_missing_values_print_dotted_leaders():
    data = mau02_data(
        product_name="",
        version="",
        kind_label="",
        part1={"checks": {}},
        part2={"financials": []},
        part3={"criteria_set": "", "rows": [], "parts": [], "total": "", "stars": 0},
        changes=[],
        evidence_appendix=[],
        part4="",
        place=None,
        signed_on=None,
        representative="",
    )
    pdf = render("mau02", data)
    text = text_of(pdf)
    assert pdf.startswith(b"%PDF-")
    assert "BÁO CÁO TỰ ĐÁNH GIÁ VỀ SẢN PHẨM" in text
    assert "☑" not in text
    assert "ngày …… tháng …… năm ……" in text
    assert "(Nam/nữ)" in text
    for label in ("1. Tên chủ thể:", "3. Địa chỉ:", "- Họ tên:", "Bộ tiêu chí:"):
        assert re.search(re.escape(label) + r"\s*…{3}", text), label


def test_mau02_empty_dict_still_compiles():
    assert render("mau02", {}).startswith(b"%PDF-")


# ---------------------------------------------------------------- Mẫu 03


def test_mau03_full_data_prints_the_commune_report():
    pdf = render("mau03", mau03_data())
    assert pdf.startswith(b"%PDF-")
    text = text_of(pdf)
    for expected in (
        "Mẫu số 03",
        "ỦY BAN NHÂN DÂN",
        "XÃ BÁT TRÀNG",
        "Số: 125/BC-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Bát Tràng, ngày 25 tháng 11 năm 2026",
        "BÁO CÁO",
        "I. THÔNG TIN CHUNG VỀ HỒ SƠ SẢN PHẨM",
        "Hợp tác xã Gốm sứ Bát Tràng Xanh",
        "5. Sản phẩm đăng ký đánh giá: Gốm men lam",
        "II. ĐÁNH GIÁ MỘT SỐ NỘI DUNG CỦA HỒ SƠ SẢN PHẨM",
        "1. Về sử dụng nguyên liệu địa phương:",
        "4. Bản sắc/trí tuệ địa phương:",
        "Men lam pha chế tại xưởng.",
        "18 trên 22 lao động là người thường trú tại xã.",
        "T.M ỦY BAN NHÂN DÂN XÃ BÁT TRÀNG",
        "(Ký tên và đóng dấu)",
        "Phạm Quốc Khánh",
    ):
        assert expected in text, expected
    assert flat(PROPOSAL) in flat(text)
    assert flat("(Nhận xét về nguồn gốc sản phẩm (truyền thống, sản phẩm mới)") in flat(text)


def test_mau03_missing_values_print_dotted_leaders():
    data = {
        "commune_name": "",
        "province_name": None,
        "number": None,
        "general": dict.fromkeys(
            (
                "producer_name",
                "legal_type",
                "address",
                "representative_name",
                "gender",
                "ethnicity",
                "permanent_address",
            ),
            None,
        ),
        "product_name": "",
        "assessments": {"raw_materials": "", "labour": None, "idea_origin": "", "identity": ""},
        "proposal": "",
        "place": None,
        "signed_on": None,
        "signer": None,
    }
    pdf = render("mau03", data)
    text = text_of(pdf)
    assert pdf.startswith(b"%PDF-")
    assert "XÃ/PHƯỜNG……" in text
    assert "Số:" not in text  # the form has no number line: none is invented
    assert "ngày …… tháng …… năm ……" in text
    assert flat("T.M ỦY BAN NHÂN DÂN XÃ/PHƯỜNG……") in flat(text)
    # The form's own proposal sentence, with leaders for what is unknown.
    assert flat("đề nghị Ủy ban nhân dân tỉnh……") in flat(text)
    for label in ("1. Tên chủ thể:", "- Họ tên:", "5. Sản phẩm đăng ký đánh giá:"):
        assert re.search(re.escape(label) + r"\s*…{3}", text), label


def test_mau03_without_a_number_prints_no_number_line():
    text = text_of(render("mau03", mau03_data(number=None)))
    assert "Bát Tràng, ngày 25 tháng 11 năm 2026" in text
    assert "Số:" not in text and DOTS not in text.split("BÁO CÁO")[0]


def test_mau03_empty_dict_still_compiles():
    assert render("mau03", {}).startswith(b"%PDF-")


# ---------------------------------------------------------------- the commune's letter


def letter_data(**changes):
    data = {
        "commune_name": "Xã Bát Tràng",
        "province_name": "Thành phố Hà Nội",
        "number": "125/UBND-KT",
        "date": "25/11/2026",
        "place": "Bát Tràng",
        "basis": "Căn cứ Quyết định số 26/2026/QĐ-TTg ngày 22/05/2026 ban hành Bộ tiêu chí "
        "và quy trình đánh giá, phân hạng sản phẩm Chương trình Mỗi xã một sản phẩm;",
        "received": "Ủy ban nhân dân Xã Bát Tràng đã tiếp nhận hồ sơ đăng ký tham gia đánh "
        "giá, phân hạng sản phẩm OCOP (phiếu số 01-21/PĐK-01-00583-2026 ngày 20/11/2026).",
        "product": {
            "name": "Bình gốm men lam vẽ tay",
            "product_set": "Bộ số 21: Thủ công mỹ nghệ, trang trí",
            "kind": "Đánh giá lần đầu",
            "producer_name": "Hợp tác xã Gốm sứ Bát Tràng Xanh",
            "address": "Thôn Giang Cao, Xã Bát Tràng, Thành phố Hà Nội",
        },
        "enclosures": [
            "Báo cáo đánh giá một số nội dung của hồ sơ (Mẫu số 03);",
            "Hồ sơ sản phẩm: 01 bộ hồ sơ giấy và 01 bộ hồ sơ điện tử;",
            "05 sản phẩm mẫu.",
        ],
        "signer": "Phạm Quốc Khánh",
    }
    data.update(changes)
    return data


def test_letter_full_data_prints_the_official_letter():
    text = text_of(render("letter", letter_data()))
    for expected in (
        "ỦY BAN NHÂN DÂN",
        "XÃ BÁT TRÀNG",
        "Số: 125/UBND-KT",
        "V/v đề nghị đánh giá, phân hạng sản phẩm OCOP",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Bát Tràng, ngày 25 tháng 11 năm 2026",
        "Kính gửi: Ủy ban nhân dân Thành phố Hà Nội.",
        "Bình gốm men lam vẽ tay",
        "Bộ số 21: Thủ công mỹ nghệ, trang trí",
        "Hợp tác xã Gốm sứ Bát Tràng Xanh",
        "Hồ sơ sản phẩm: 01 bộ hồ sơ giấy và 01 bộ hồ sơ điện tử;",
        "05 sản phẩm mẫu.",
        "Nơi nhận:",
        "TM. ỦY BAN NHÂN DÂN",
        "Phạm Quốc Khánh",
    ):
        assert flat(expected) in flat(text), expected
    assert flat("01-21/PĐK-01-00583-2026") in flat(text)


def test_letter_missing_values_print_dotted_leaders():
    text = text_of(render("letter", letter_data(number=None, date=None, commune_name="")))
    assert "Số: ……" in text and "ngày …… tháng …… năm ……" in text
    assert "XÃ/PHƯỜNG……" in text


def test_letter_empty_dict_still_compiles():
    assert render("letter", {}).startswith(b"%PDF-")
