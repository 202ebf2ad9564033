from django import forms
from django.utils.translation import gettext_lazy as _

from ocop.legal.queries import current_product_sets
from ocop.products.enums import ReviewStep
from ocop.products.models import BusinessPlan, Product, ProductIdea


class ProductForm(forms.ModelForm):
    class Meta:
        model = Product
        fields = [
            "name",
            "product_set",
            "description",
            "specifications",
            "standard",
            "ingredients",
            "story",
            "photos",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "specifications": forms.Textarea(attrs={"rows": 2}),
            "ingredients": forms.Textarea(attrs={"rows": 3}),
            "story": forms.Textarea(attrs={"rows": 4}),
            "photos": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, producer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product_set"].queryset = current_product_sets()
        self.fields["photos"].queryset = producer.evidence.current().filter(
            content_type__startswith="image/"
        )
        self.fields["photos"].help_text = _("Ảnh lấy từ thư viện tài liệu của chủ thể.")
        self.fields["product_set"].help_text = _(
            "Mỗi biến thể (dung tích, hương vị) là một sản phẩm riêng."
        )


class IdeaForm(forms.ModelForm):
    class Meta:
        model = ProductIdea
        fields = ["name", "product_set", "description", "origin"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product_set"].queryset = current_product_sets()


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Quyết định"), choices=ReviewStep.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Lý do, nhận xét"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class PlanForm(forms.ModelForm):
    class Meta:
        model = BusinessPlan
        fields = ["kind", "summary", "document"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, producer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = producer.evidence.current()
        self.fields["document"].help_text = _(
            "Tải tệp vào thư viện tài liệu trước, rồi chọn ở đây."
        )
