"""Forms of the listing pages. They check what a form can (lengths, the shop links through
``links``, photos among the producer's images); ``actions`` checks it all again, and its
refusals are shown with the form as sent."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ocop.lib.forms import long_text
from ocop.listings import links
from ocop.listings.actions import MAX_PHOTOS, MAX_REASON, MAX_TEXT


class ShopLinksField(forms.CharField):
    """Addresses, one per line; cleaned to a list of ``links.Link``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Nơi bán trực tuyến"))
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}))
        super().__init__(required=False, **kwargs)

    def clean(self, value):
        text = super().clean(value)
        try:
            return links.parse(text)
        except links.BadLinks as exc:
            raise forms.ValidationError(exc.messages, code="bad_links") from None


def links_help() -> str:
    """Said when the form is made (in the visitor's language), not when the module loads."""
    return _(
        "Mỗi dòng một địa chỉ, tối đa %(max)d: gian hàng Shopee, TikTok Shop, Lazada, "
        "Tiki, Postmart, Voso, trang Facebook, Zalo hoặc trang web riêng."
    ) % {"max": links.MAX_LINKS}


def _story(label):
    return long_text(label, max_length=MAX_TEXT, rows=8, required=False)


class ProducerListingForm(forms.Form):
    profile = _story(_("Giới thiệu chủ thể"))
    shop_links = ShopLinksField()
    show_phone = forms.BooleanField(label=_("Công khai số điện thoại"), required=False)
    show_email = forms.BooleanField(label=_("Công khai e-mail"), required=False)

    def __init__(self, *args, producer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shop_links"].help_text = links_help()
        if producer is not None:
            self.fields["show_phone"].help_text = producer.phone or _(
                "Chủ thể chưa ghi số điện thoại."
            )
            self.fields["show_email"].help_text = producer.email or _("Chủ thể chưa ghi e-mail.")


class ProductListingForm(forms.Form):
    story = _story(_("Câu chuyện sản phẩm"))
    shop_links = ShopLinksField()
    photos = forms.MultipleChoiceField(
        label=_("Ảnh sản phẩm"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _(
                "Ảnh đã chọn không có trong thư viện tài liệu của chủ thể, hoặc không phải là ảnh."
            ),
        },
    )

    def __init__(self, *args, images=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shop_links"].help_text = links_help()
        self.images = list(images)
        self.fields["photos"].choices = [(d.code, d.title) for d in self.images]
        self.fields["photos"].help_text = _(
            "Chọn tối đa %(max)d ảnh trong thư viện tài liệu minh chứng của chủ thể."
        ) % {"max": MAX_PHOTOS}

    def clean_photos(self):
        photos = self.cleaned_data["photos"]
        if len(photos) > MAX_PHOTOS:
            raise forms.ValidationError(
                _("Chọn tối đa %(max)d ảnh; bạn đã chọn %(count)d."),
                params={"max": MAX_PHOTOS, "count": len(photos)},
            )
        return photos

    def chosen(self) -> set[str]:
        return {str(v) for v in (self["photos"].value() or [])}


def _reason_field(label, message):
    return long_text(label, message, max_length=MAX_REASON, rows=3)


class DeclineForm(forms.Form):
    reason = _reason_field(
        _("Lý do không duyệt"), _("Hãy ghi lý do không duyệt để chủ thể biết cần sửa gì.")
    )


class HideForm(forms.Form):
    reason = _reason_field(_("Lý do ẩn"), _("Hãy ghi lý do ẩn để chủ thể biết cần sửa gì."))
