"""The public report form and the office's two small forms.

The public form keeps robots out without an outside service: a honeypot field people never
see (``HONEYPOT``, must stay empty) and a signed timestamp (``new_token``) at least
``FORM_MIN_SECONDS`` and at most ``FORM_MAX_SECONDS`` old. Its photo reaches the view through
``PhotoUploadHandler`` (at most one file, never more than the size limit kept) and is checked
by ``uploads.inspect`` only after everything else passed, so refusals stay cheap.
"""

import io
import re
import tempfile
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from ocop.certificates.enums import ReportKind
from ocop.lib import uploads
from ocop.lib.codes import ALPHABET
from ocop.lib.forms import soon_date
from ocop.places.models import Province

PHOTO_MAX_BYTES = 5 * 1024 * 1024  # a phone's photo; refused above, before any decoding
PHOTO_ACCEPT = "image/jpeg,image/png,image/webp,.jpg,.jpeg,.png,.webp"
FORM_MIN_SECONDS = 3  # a person reads and types for longer than this
FORM_MAX_SECONDS = 6 * 60 * 60
TOKEN_SALT = "ocop.certificates.report-form"
HONEYPOT = "website"
MAX_CODE = 16
DETAILS_MAX = 2000

# Markup of any kind: "<script", "</a", "<!--", "<?php", "<img". A "<" before a digit or a
# space ("giá < 50.000đ", "<3") is ordinary text.
MARKUP = re.compile(r"<\s*[/!?]?\s*[a-zA-Z!?]")
# The three image signatures uploads.inspect knows: a cheap first look, so that a PDF or a
# text file is told "images only" before anything else is read.
IMAGE_HEADS = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")

TOO_LONG = _("Dài quá: tối đa %(limit_value)d ký tự (bạn đã nhập %(show_value)d).")
IMAGES_ONLY = _("Chỉ nhận ảnh JPEG, PNG hoặc WebP.")


def clean_code(code: str) -> str:
    """A verification code as printed under the QR, or "" when it cannot be one."""
    code = (code or "").strip().upper()
    if not code or len(code) > MAX_CODE or any(c not in ALPHABET for c in code):
        return ""
    return code


def new_token(issued: float | None = None) -> str:
    """The form's signed timestamp (``issued``: when the form was shown, default now)."""
    return signing.dumps(int(time.time() if issued is None else issued), salt=TOKEN_SALT)


def token_problem(token: str) -> str | None:
    """Why this token is refused (a message for the sender), or None."""
    try:
        issued = int(signing.loads(token or "", salt=TOKEN_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return str(
            _(
                "Biểu mẫu không còn hợp lệ (có thể đã mở từ lâu). Nội dung bạn nhập vẫn còn: "
                "vui lòng kiểm tra lại rồi bấm “Gửi phản ánh” lần nữa."
            )
        )
    age = time.time() - issued
    if age < FORM_MIN_SECONDS:
        return str(
            _(
                "Biểu mẫu được gửi quá nhanh nên chưa nhận. Vui lòng kiểm tra lại nội dung rồi "
                "bấm “Gửi phản ánh” lần nữa."
            )
        )
    if age > FORM_MAX_SECONDS:
        return str(
            _(
                "Biểu mẫu đã mở quá lâu. Nội dung bạn nhập vẫn còn: vui lòng kiểm tra lại rồi "
                "bấm “Gửi phản ánh” lần nữa."
            )
        )
    return None


def token_to_show(submitted: str) -> str:
    """The token for a form shown again: the submitted one while it is good or only too
    young (its clock keeps running), a new one otherwise."""
    try:
        issued = int(signing.loads(submitted or "", salt=TOKEN_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return new_token()
    if time.time() - issued > FORM_MAX_SECONDS:
        return new_token()
    return submitted


def no_markup(value: str) -> None:
    if value and MARKUP.search(value):
        raise forms.ValidationError(
            _("Xin đừng dùng thẻ HTML hay mã lệnh (như <script>): hãy viết bằng chữ thường."),
            code="markup",
        )


def _text(
    label, max_length: int, *, required: bool = False, error_messages=None, **kwargs
) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        validators=[no_markup],
        error_messages={"max_length": TOO_LONG, **(error_messages or {})},
        **kwargs,
    )


class ReportForm(forms.Form):
    """What a consumer reports. ``certificate``: the one named by ``?ma=`` (then the report
    goes to its province and the province field is not asked)."""

    kind = forms.ChoiceField(
        label=_("Bạn thấy điều gì?"),
        choices=ReportKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Hãy chọn điều bạn thấy ở sản phẩm."),
            "invalid_choice": _("Hãy chọn một nội dung trong danh sách."),
        },
    )
    place = _text(
        _("Nơi bán"),
        300,
        required=True,
        help_text=_("Tên cửa hàng, quầy, chợ hoặc trang bán hàng trên mạng, và địa chỉ."),
        error_messages={"required": _("Hãy ghi nơi bán sản phẩm.")},
    )
    province = forms.ModelChoiceField(
        label=_("Tỉnh, thành phố nơi bán"),
        queryset=Province.objects.order_by("codename"),
        required=False,
        empty_label=_("— Chọn tỉnh, thành phố —"),
        error_messages={"invalid_choice": _("Hãy chọn một tỉnh, thành phố trong danh sách.")},
    )
    product_text = _text(_("Tên sản phẩm ghi trên nhãn (không bắt buộc)"), 200)
    details = _text(
        _("Mô tả thêm (không bắt buộc)"),
        DETAILS_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ví dụ: số sao in trên nhãn, ngày mua, giá bán."),
    )
    photo = forms.FileField(
        label=_("Ảnh sản phẩm, nhãn hoặc nơi bán (không bắt buộc)"),
        required=False,
        allow_empty_file=True,  # so an empty file gets the uploads' own message
        widget=forms.FileInput(attrs={"accept": PHOTO_ACCEPT}),
    )
    contact = _text(
        _("Số điện thoại hoặc e-mail của bạn (không bắt buộc)"),
        200,
        help_text=_("Chỉ cơ quan quản lý OCOP thấy, để hỏi thêm khi cần."),
    )
    # Never shown to people (see the stylesheet); robots fill every field.
    website = forms.CharField(label=_("Để trống ô này"), required=False)
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, certificate=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.certificate = certificate
        self.fields["photo"].help_text = _("Ảnh JPEG, PNG hoặc WebP, tối đa %(size)s MB.") % {
            "size": number_format(PHOTO_MAX_BYTES / (1024 * 1024), decimal_pos=0)
        }
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    def clean(self):
        data = super().clean()
        if (self.data.get(HONEYPOT) or "").strip():
            raise forms.ValidationError(
                _(
                    "Chưa nhận được phản ánh: ô cuối biểu mẫu, ô “Để trống ô này”, phải để "
                    "trống. Vui lòng xóa nội dung ô đó rồi gửi lại."
                ),
                code="honeypot",
            )
        problem = token_problem(self.data.get("started", ""))
        if problem:
            raise forms.ValidationError(problem, code="token")
        if self.certificate is None and not data.get("province") and "province" not in self.errors:
            self.add_error("province", _("Hãy chọn tỉnh, thành phố nơi bán."))
        photo = data.get("photo")
        if photo:
            try:
                check_photo(photo)
            except forms.ValidationError as exc:
                self.add_error("photo", exc)
        return data


def check_photo(photo) -> uploads.Inspected:
    """An image (JPEG, PNG, WebP) of at most ``PHOTO_MAX_BYTES``, through ``uploads.inspect``."""
    try:
        if photo.size <= PHOTO_MAX_BYTES and not _image_head(photo):
            raise forms.ValidationError(IMAGES_ONLY, code="not_image")
        inspected = uploads.inspect(photo, max_bytes=PHOTO_MAX_BYTES)
    except uploads.UploadRefused as exc:
        raise forms.ValidationError(str(exc), code="upload_refused") from None
    if inspected.kind not in uploads.IMAGE_KINDS:
        raise forms.ValidationError(IMAGES_ONLY, code="not_image")
    photo.inspected = inspected
    return inspected


def _image_head(photo) -> bool:
    try:
        photo.seek(0)
        head = photo.read(16)
    finally:
        photo.seek(0)
    return head.startswith(IMAGE_HEADS) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")


class PhotoUploadHandler(FileUploadHandler):
    """Takes the form's one photo and keeps at most ``limit`` bytes of it (in memory, then a
    temporary file); past the limit it only counts, so ``uploads.inspect`` refuses it by its
    size without a byte more stored. Every other file in the request is skipped."""

    def __init__(self, request=None, *, limit: int = PHOTO_MAX_BYTES, field: str = "photo"):
        super().__init__(request)
        self.limit = limit
        self.field = field
        self.taken = False
        self.spool = None
        self.counted = 0

    def new_file(self, field_name, file_name, *args, **kwargs):
        if field_name != self.field or self.taken:
            raise SkipFile
        super().new_file(field_name, file_name, *args, **kwargs)
        self.taken = True
        self.counted = 0
        # Closed with the request (HttpRequest.close), as Django's own uploads are.
        self.spool = tempfile.SpooledTemporaryFile(  # noqa: SIM115
            max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE, dir=settings.FILE_UPLOAD_TEMP_DIR
        )

    def receive_data_chunk(self, raw_data, start):
        self.counted += len(raw_data)
        if self.counted <= self.limit:
            self.spool.write(raw_data)
        return None

    def file_complete(self, file_size):
        if self.counted > self.limit:  # keep nothing of it: its size says enough
            self.spool.close()
            self.spool = io.BytesIO()
        self.spool.seek(0)
        return UploadedFile(
            file=self.spool,
            name=self.file_name,
            content_type=self.content_type,
            size=self.counted,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )

    def upload_interrupted(self):
        if self.spool is not None:
            self.spool.close()


class SkipFiles(FileUploadHandler):
    """Reads no file at all (the sender is over the daily limit: only the text is shown
    again)."""

    def new_file(self, *args, **kwargs):
        raise SkipFile

    def receive_data_chunk(self, raw_data, start):
        return None

    def file_complete(self, file_size):
        return None


# --- the office -----------------------------------------------------------------------------

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CloseForm(forms.Form):
    note = forms.CharField(
        label=_("Kết quả xử lý"),
        max_length=DETAILS_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": TOO_LONG},
    )


class InspectForm(forms.Form):
    planned_on = forms.DateField(
        label=_("Ngày kiểm tra"),
        widget=DATE_INPUT,
        initial=timezone.localdate,
        validators=[soon_date],
    )
    inspectors = forms.CharField(
        label=_("Thành phần đoàn kiểm tra"),
        max_length=DETAILS_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": TOO_LONG},
    )
    scope = forms.CharField(
        label=_("Phạm vi, nội dung kiểm tra"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": TOO_LONG},
    )
