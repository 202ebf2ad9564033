"""Forms of the promotion pages. They check what a form can (required fields, dates, the end
not before the start) and keep what was typed; ``actions`` checks the rest, and its
refusals are shown with the form as sent."""

from functools import partial

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from ocop.lib.forms import date_field, long_text, soon_date
from ocop.places.models import Province
from ocop.promotion.actions import EVENT_FIELDS, MAX_TEXT, end_before_start
from ocop.promotion.enums import MAY_BE_PERMANENT, EventKind
from ocop.promotion.models import WEB_ONLY, Event

_text = partial(long_text, max_length=MAX_TEXT)
NO_END = _("Hội chợ, lễ hội phải có ngày kết thúc.")


class EventForm(forms.ModelForm):
    """An event's details. Never saved by itself: the view passes ``cleaned_data`` to
    ``actions.create_event`` or ``actions.update_event``."""

    kind = forms.ChoiceField(
        label=_("Loại sự kiện"),
        choices=EventKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Hãy chọn loại sự kiện."),
            "invalid_choice": _("Hãy chọn loại sự kiện."),
        },
    )
    starts_on = date_field(_("Ngày bắt đầu"), _("Hãy ghi ngày bắt đầu."), limit=soon_date)
    ends_on = date_field(
        _("Ngày kết thúc"),
        "",
        limit=soon_date,
        required=False,
        help_text=_("Để trống cho điểm trưng bày, điểm bán hoạt động thường xuyên."),
    )
    description = _text(_("Giới thiệu"), rows=5, required=False)
    website = forms.URLField(
        label=_("Trang web"),
        required=False,
        max_length=300,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"], message=WEB_ONLY)],
        error_messages={"invalid": WEB_ONLY},
    )

    class Meta:
        model = Event
        fields = EVENT_FIELDS
        labels = {
            "name": _("Tên sự kiện"),
            "province": _("Tỉnh, thành phố"),
            "place": _("Địa điểm"),
            "organiser": _("Đơn vị tổ chức"),
            "latitude": _("Vĩ độ"),
            "longitude": _("Kinh độ"),
        }
        error_messages = {
            "name": {"required": _("Hãy ghi tên sự kiện.")},
            "province": {
                "required": _("Hãy chọn tỉnh, thành phố nơi tổ chức sự kiện."),
                "invalid_choice": _("Hãy chọn tỉnh, thành phố bạn quản lý."),
            },
            "place": {"required": _("Hãy ghi địa điểm tổ chức.")},
            "organiser": {"required": _("Hãy ghi đơn vị tổ chức.")},
        }
        widgets = {"place": forms.TextInput()}

    def __init__(self, *args, provinces=None, **kwargs):
        super().__init__(*args, **kwargs)
        province = self.fields["province"]
        province.queryset = (
            Province.objects.order_by("name")
            if provinces is None
            else Province.objects.filter(pk__in=provinces).order_by("name")
        )
        province.empty_label = "—"
        self.fields["latitude"].help_text = _("Không bắt buộc; ví dụ 21.028511.")
        self.fields["longitude"].help_text = _("Không bắt buộc; ví dụ 105.804817.")

    def clean(self):
        data = super().clean()
        kind, starts_on, ends_on = data.get("kind"), data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", end_before_start(starts_on, ends_on))
        elif kind and not ends_on and kind not in MAY_BE_PERMANENT and "ends_on" not in self.errors:
            self.add_error("ends_on", NO_END)
        one_coordinate = (data.get("latitude") is None) != (data.get("longitude") is None)
        if one_coordinate and not {"latitude", "longitude"} & set(self.errors):
            self.add_error("longitude", _("Hãy ghi cả vĩ độ và kinh độ, hoặc để trống cả hai."))
        return data

    def _post_clean(self):
        """The model's checks, on a copy: the event being edited stays as stored until the
        action changes it."""
        if self.instance.pk is not None:
            self.instance = Event.objects.get(pk=self.instance.pk)
        super()._post_clean()


class ApplyForm(forms.Form):
    products = forms.ModelMultipleChoiceField(
        label=_("Sản phẩm tham gia"),
        queryset=None,
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Hãy chọn ít nhất một sản phẩm tham gia."),
            "invalid_choice": _(
                "Sản phẩm đã chọn không còn trong danh sách sản phẩm có giấy chứng nhận "
                "còn hiệu lực."
            ),
            "invalid_pk_value": _(
                "Sản phẩm đã chọn không còn trong danh sách sản phẩm có giấy chứng nhận "
                "còn hiệu lực."
            ),
        },
        help_text=_("Chỉ sản phẩm có giấy chứng nhận OCOP còn hiệu lực được tham gia."),
    )
    note = _text(_("Lời nhắn cho đơn vị tổ chức"), rows=3, required=False)

    def __init__(self, *args, products=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["products"].queryset = products


class AddParticipantForm(forms.Form):
    """The office adds a producer directly: some of its certified products (one producer)."""

    products = forms.ModelMultipleChoiceField(
        label=_("Sản phẩm có giấy chứng nhận còn hiệu lực"),
        queryset=None,
        to_field_name="code",
        widget=forms.SelectMultiple(attrs={"size": 8}),
        error_messages={
            "required": _("Hãy chọn ít nhất một sản phẩm tham gia."),
            "invalid_choice": _("Sản phẩm đã chọn không còn giấy chứng nhận còn hiệu lực."),
            "invalid_pk_value": _("Sản phẩm đã chọn không còn giấy chứng nhận còn hiệu lực."),
        },
        help_text=_("Chọn một hoặc nhiều sản phẩm của cùng một chủ thể."),
    )

    def __init__(self, *args, products=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["products"]
        field.queryset = products
        groups: dict = {}
        for product in products:
            groups.setdefault(product.producer.name, []).append((product.code, product.name))
        field.widget.choices = list(groups.items())

    def clean_products(self):
        products = self.cleaned_data["products"]
        if len({p.producer_id for p in products}) > 1:
            raise forms.ValidationError(_("Hãy chọn sản phẩm của cùng một chủ thể."))
        return products

    def producer(self):
        return self.cleaned_data["products"][0].producer


class DeclineForm(forms.Form):
    reason = _text(_("Lý do không nhận"), _("Hãy ghi lý do không nhận."), rows=2)


class CancelForm(forms.Form):
    reason = _text(_("Lý do hủy"), rows=2, required=False)
