from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Department


class EscalateForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the neighborhood cannot solve it"),
        min_length=5,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The street sees the request and this reason; the reporter is told."),
    )


class RouteForm(forms.Form):
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none())
    note = forms.CharField(label=_("Note for the department"), max_length=500, required=False)

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Answer, or why it is returned"),
        min_length=5,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class DepartmentForm(forms.ModelForm):
    class Meta:
        model = Department
        fields = ["name", "name_en", "contact", "resolve_hours", "active"]
