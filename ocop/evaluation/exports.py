"""The round's result table as an Excel workbook, for the provinces' own reports: the same
rows and headings as the PDF (``documents.result_rows``), numbers kept as numbers."""

import io

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ocop.evaluation import documents
from ocop.evaluation.models import Round

NUMBER_FORMATS = {"number": "0", "mean": "0.00", "stars": "0"}
MIN_WIDTH, MAX_WIDTH = 6, 60
HEAD_FILL = PatternFill("solid", start_color="E8E8E8")


def _cell_value(key: str, value):
    if value is None or value == "":
        return None
    if key == "mean":
        return float(value)
    return value


def _width(values) -> int:
    longest = max((len(str(v)) for v in values if v is not None), default=0)
    return max(MIN_WIDTH, min(MAX_WIDTH, longest + 2))


def results_xlsx(rnd: Round) -> bytes:
    with translation.override("vi"):
        columns = documents.result_columns()
        rows = documents.result_rows(rnd)
        book = Workbook()
        sheet = book.active
        sheet.title = _("Kết quả")
        book.properties.title = f"{rnd.council.name} · {rnd}"
        book.properties.creator = _("Nền tảng số Chương trình OCOP")
        sheet.append([label for _key, label in columns])
        for row in rows:
            sheet.append([_cell_value(key, row[key]) for key, _label in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEAD_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for index, (key, label) in enumerate(columns, start=1):
        letter = get_column_letter(index)
        values = [label] + [row[key] for row in rows]
        sheet.column_dimensions[letter].width = _width(values)
        if key in NUMBER_FORMATS:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = NUMBER_FORMATS[key]
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = sheet.dimensions
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
