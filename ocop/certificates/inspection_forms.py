"""Forms of the inspection pages. They check what a form can (required fields, dates,
files through ``ocop.lib.uploads``); ``inspections`` checks the rest, and its refusals are
shown with the form as sent."""

from functools import partial

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ocop.accounts import rules as account_rules
from ocop.certificates.enums import Conclusion, InspectionKind, MarkUse
from ocop.certificates.inspections import MAX_FILES, MAX_TEXT, criteria_of
from ocop.lib import uploads
from ocop.lib.forms import date_field, long_text, past_date, soon_date
from ocop.lib.widgets import LongSelect
from ocop.places.models import Province

_text = partial(long_text, max_length=MAX_TEXT)
_date = date_field

MINISTRY = "bo"
PHOTO_ACCEPT = ".jpg,.jpeg,.png,.webp,.pdf,image/jpeg,image/png,image/webp,application/pdf"


def certificate_label(cert) -> str:
    return _("%(name)s · số %(number)s · %(stars)s sao · %(province)s") % {
        "name": cert.product_name,
        "number": cert.number,
        "stars": cert.stars,
        "province": cert.province.name,
    }


class PlanForm(forms.Form):
    """An inspection's plan (Điều 9.2): the office, the kind, day, scope, team, products."""

    office = forms.ChoiceField(label=_("Cơ quan kiểm tra"))
    kind = forms.ChoiceField(
        label=_("Hình thức kiểm tra"),
        choices=InspectionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Hãy chọn hình thức kiểm tra: định kỳ hoặc đột xuất.")},
    )
    planned_on = _date(_("Ngày kiểm tra"), _("Hãy ghi ngày kiểm tra."), limit=soon_date)
    scope = _text(
        _("Phạm vi, nội dung kiểm tra"),
        _("Hãy ghi phạm vi, nội dung kiểm tra."),
        rows=3,
    )
    basis = forms.CharField(
        label=_("Căn cứ (kế hoạch, quyết định kiểm tra)"), max_length=200, required=False
    )
    inspectors = _text(
        _("Thành phần đoàn kiểm tra"),
        _("Hãy ghi thành phần đoàn kiểm tra."),
        rows=3,
    )
    certificates = forms.ModelMultipleChoiceField(
        label=_("Sản phẩm được kiểm tra"),
        queryset=None,
        to_field_name="code",
        error_messages={
            "required": _("Hãy chọn ít nhất một sản phẩm."),
            "invalid_choice": _("Sản phẩm đã chọn không còn trong danh sách được kiểm tra."),
            "invalid_pk_value": _("Sản phẩm đã chọn không còn trong danh sách được kiểm tra."),
        },
    )

    def __init__(self, *args, user=None, certificates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["certificates"].queryset = certificates
        offices = [
            (str(p.pk), _("Cơ quan quản lý OCOP cấp tỉnh, %(province)s") % {"province": p.name})
            for p in Province.objects.filter(pk__in=account_rules.officer_provinces(user)).order_by(
                "name"
            )
        ]
        if account_rules.is_central(user):
            offices.insert(0, (MINISTRY, _("Cơ quan quản lý OCOP, Bộ Nông nghiệp và Môi trường")))
        self.fields["office"].choices = offices
        if len(offices) == 1:
            self.fields["office"].initial = offices[0][0]
            self.fields["office"].widget = forms.HiddenInput()
            self.office_label = offices[0][1]
        else:
            self.office_label = ""

    def province(self):
        """The chosen province (None: the ministry's office)."""
        office = self.cleaned_data["office"]
        return None if office == MINISTRY else Province.objects.get(pk=int(office))


class AddCertificatesForm(forms.Form):
    certificate = forms.ChoiceField(
        label=_("Thêm sản phẩm vào đợt kiểm tra"),
        widget=LongSelect,
        error_messages={
            "required": _("Hãy chọn sản phẩm chưa có trong đợt kiểm tra."),
            "invalid_choice": _("Hãy chọn sản phẩm chưa có trong đợt kiểm tra."),
        },
    )

    def __init__(self, *args, certificates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["certificate"].choices = [("", "—")] + [
            (c.code, certificate_label(c)) for c in certificates
        ]


class FindingForm(forms.Form):
    criterion = forms.ChoiceField(label=_("Tiêu chí"), required=False)
    meets = forms.TypedChoiceField(
        label=_("Kết quả"),
        choices=[("1", _("Đạt")), ("0", _("Không đạt"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        error_messages={"required": _("Hãy chọn tiêu chí đạt hay không đạt.")},
    )
    note = _text(_("Ghi chú, điều đã thấy"), rows=2, required=False)

    def __init__(self, *args, cert=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion"].choices = [
            ("", _("Chung cho sản phẩm")),
            *[
                (part, [(code, f"{code} {name}"[:120]) for code, name in rows])
                for part, rows in (criteria_of(cert) if cert is not None else [])
            ],
        ]


class ResultForm(forms.Form):
    mark_use = forms.ChoiceField(
        label=_("Sử dụng nhãn hiệu OCOP, thông tin OCOP (Điều 9.3.b)"),
        choices=MarkUse.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    mark_note = _text(_("Ghi chú về nhãn, tem, quảng bá"), rows=2, required=False)
    conclusion = forms.ChoiceField(
        label=_("Kết luận về sản phẩm"),
        choices=Conclusion.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    note = _text(_("Ghi chú"), rows=2, required=False)


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several images or PDFs, each checked by content (``ocop.lib.uploads.inspect``)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_empty_file", True)  # so an empty file gets our own message
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": PHOTO_ACCEPT}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        items = data if isinstance(data, list | tuple) else ([data] if data else [])
        items = [f for f in items if f]
        if not items:
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


class PhotoForm(forms.Form):
    files = PhotosField(
        label=_("Ảnh, biên bản (JPEG, PNG, WebP, PDF)"),
        help_text=_("Tối đa %(n)s tệp mỗi lần.") % {"n": MAX_FILES},
        error_messages={"required": _("Hãy chọn ảnh hoặc tệp PDF để tải lên.")},
    )
    caption = forms.CharField(label=_("Chú thích"), max_length=200, required=False)


class FollowUpForm(forms.Form):
    # Not "action": that name says which form of the page was sent.
    requirement = _text(_("Yêu cầu khắc phục"), _("Hãy ghi yêu cầu khắc phục."), rows=2)
    due_on = _date(_("Hạn hoàn thành"), _("Hãy ghi hạn hoàn thành."), limit=soon_date)


class DoneForm(forms.Form):
    done_on = _date(
        _("Ngày hoàn thành"),
        _("Hãy ghi ngày hoàn thành."),
        limit=past_date,
        initial=timezone.localdate,
    )
    note = _text(_("Kết quả khắc phục"), _("Hãy ghi kết quả khắc phục."), rows=2)


class ConcludeForm(forms.Form):
    number = forms.CharField(
        label=_("Số văn bản kết luận"),
        max_length=60,
        error_messages={"required": _("Hãy ghi số và ngày của văn bản kết luận.")},
    )
    concluded_on = _date(
        _("Ngày kết luận"),
        _("Hãy ghi số và ngày của văn bản kết luận."),
        limit=past_date,
        initial=timezone.localdate,
    )
