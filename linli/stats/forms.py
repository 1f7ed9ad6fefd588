from django import forms
from django.utils.translation import pgettext_lazy


class LevelForm(forms.Form):
    min_points = forms.IntegerField(
        label=pgettext_lazy("member level", "From points"), min_value=0, max_value=10_000_000
    )
    title = forms.CharField(label=pgettext_lazy("member level", "Title"), max_length=20)
    title_en = forms.CharField(
        label=pgettext_lazy("member level", "English title"), max_length=30, required=False
    )


LevelFormSet = forms.formset_factory(
    LevelForm, extra=0, min_num=2, max_num=12, validate_min=True, validate_max=True
)
