"""Forms of the advisory team's page and of the producer's answer. They check what a form
can (required fields, dates, files through ``ocop.lib.uploads``); ``advisory`` checks the
rest, and its refusals are shown with the form as sent."""

import datetime as dt
from functools import partial

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ocop.evaluation.advisory import MAX_FILES, MAX_TEXT
from ocop.evaluation.enums import ReportConclusion, VisitGround
from ocop.lib import uploads
from ocop.lib.forms import date_field, long_text, past_date, soon_date
from ocop.lib.widgets import LongSelect

_text = partial(long_text, max_length=MAX_TEXT)
_date = date_field


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    """Several files, each checked by content (``ocop.lib.uploads.inspect``)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_empty_file", True)  # so an empty file gets our own message
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": uploads.ACCEPT}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        items = data if isinstance(data, list | tuple) else ([data] if data else [])
        items = [f for f in items if f]
        if self.required and not items:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if len(items) > MAX_FILES:
            raise forms.ValidationError(
                _("Mỗi lần tải lên tối đa %(n)s tệp.") % {"n": MAX_FILES}, code="too_many"
            )
        errors = []
        for f in items:
            super().clean(f, initial)
            try:
                f.inspected = uploads.inspect(f)
            except uploads.UploadRefused as exc:
                errors.append(f"{f.name}: {exc}")
        if errors:
            raise forms.ValidationError(errors, code="upload_refused")
        return items


class FindingForm(forms.Form):
    criterion = forms.ChoiceField(label=_("Tiêu chí"), required=False, widget=LongSelect)
    text = _text(_("Nhận xét"), _("Hãy ghi nội dung nhận xét."))

    def __init__(self, *args, sheet=None, **kwargs):
        super().__init__(*args, **kwargs)
        leaves = list(sheet.leaves()) if sheet is not None else []
        self.fields["criterion"].choices = [("", _("Chung cho cả hồ sơ"))] + [
            (leaf.code, f"{leaf.code} {leaf.name}"[:120]) for leaf in leaves
        ]


class RequestForm(forms.Form):
    what = _text(_("Tài liệu cần bổ sung"), _("Hãy ghi tài liệu cần bổ sung."))
    due_on = _date(_("Hạn bổ sung"), _("Hãy ghi hạn bổ sung."), limit=soon_date)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_on"].initial = timezone.localdate() + dt.timedelta(days=7)


class VisitForm(forms.Form):
    # Only on a re-evaluation (Điều 7.6.c); ``advisory.record_visit`` refuses a visit
    # without it, with the article's words, so the form does not require it itself.
    ground = forms.ChoiceField(
        label=_("Lý do khảo sát thực tế (Điều 7.6.c)"),
        choices=VisitGround.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    visited_on = _date(_("Ngày khảo sát"), _("Hãy ghi ngày khảo sát."), limit=past_date)
    people = _text(
        _("Thành phần tham gia"),
        _("Hãy ghi thành phần tham gia khảo sát."),
        rows=2,
        max_length=1000,
    )
    notes = _text(_("Kết quả khảo sát"), _("Hãy ghi kết quả khảo sát."), rows=4)
    files = FilesField(
        label=_("Ảnh, biên bản khảo sát"),
        help_text=_("Tối đa %(n)s tệp PDF, JPEG, PNG, WebP, DOCX, XLSX.") % {"n": MAX_FILES},
    )

    def __init__(self, *args, reevaluation=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not reevaluation:
            del self.fields["ground"]


class VisitFilesForm(forms.Form):
    files = FilesField(label=_("Thêm ảnh, tệp"), required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].error_messages["required"] = _("Hãy chọn tệp để tải lên.")


class LabTestForm(forms.Form):
    what = _text(_("Chỉ tiêu cần kiểm nghiệm"), _("Hãy ghi chỉ tiêu cần kiểm nghiệm."), rows=2)
    lab = forms.CharField(label=_("Đơn vị kiểm nghiệm"), max_length=200, required=False)


class LabResultForm(forms.Form):
    note = _text(_("Kết quả kiểm nghiệm"), _("Hãy ghi kết quả kiểm nghiệm."), rows=2)
    files = FilesField(label=_("Phiếu kết quả"))


class ReportForm(forms.Form):
    conclusion = forms.ChoiceField(
        label=_("Kết luận, đề xuất"),
        choices=ReportConclusion.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Hãy chọn kết luận, đề xuất của Tổ tư vấn."),
            "invalid_choice": _("Hãy chọn kết luận, đề xuất của Tổ tư vấn."),
        },
    )
    text = _text(
        _("Nội dung báo cáo"), _("Hãy ghi nội dung báo cáo đánh giá."), rows=8, max_length=20000
    )


class AnswerForm(forms.Form):
    answer = _text(_("Trả lời"), "", rows=4, required=False)
    documents = forms.ModelMultipleChoiceField(
        label=_("Tài liệu trong thư viện của chủ thể"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Tài liệu đã chọn không còn trong thư viện.")},
    )

    def __init__(self, *args, library=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documents"].queryset = library
        self.fields["documents"].label_from_instance = lambda d: d.title

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("answer") and not data.get("documents"):
            raise forms.ValidationError(
                _("Hãy ghi nội dung trả lời hoặc chọn ít nhất một tài liệu.")
            )
        return data
