from django import forms
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe


class LongSelect(forms.Select):
    """A select for long lists (3,321 communes): the options are written in one pass instead
    of through a template each. Give it plain ``(value, label)`` choices (``values_list``),
    not model instances, and a page with every commune renders in a few milliseconds."""

    template_name = "ocop/widgets/select.html"

    def get_context(self, name, value, attrs):
        context = forms.Widget.get_context(self, name, value, attrs)
        chosen = {str(v) for v in self.format_value(value)}
        context["widget"]["options_html"] = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (v, mark_safe(" selected") if str(v) in chosen else "", label)  # noqa: S308
                for v, label in self._flat_choices()
            ),
        )
        return context

    def _flat_choices(self):
        for value, label in self.choices:
            if isinstance(label, list | tuple):
                yield from label
            else:
                yield ("" if value is None else value), label
