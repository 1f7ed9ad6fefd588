from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Shift


class ShiftForm(forms.Form):
    sort = forms.ChoiceField(label=_("duty"), choices=Shift.Sort.choices)
    title = forms.CharField(label=_("title"), max_length=80)
    place = forms.CharField(label=_("place"), max_length=120)
    starts_at = forms.DateTimeField(
        label=_("starts"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    ends_at = forms.DateTimeField(
        label=_("ends"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    places = forms.IntegerField(label=_("places"), min_value=1, max_value=500)
    hours = forms.DecimalField(
        label=_("hours credited"),
        required=False,
        min_value=0.5,
        max_value=24,
        decimal_places=1,
        help_text=_("Leave empty to credit the shift's length."),
    )
    description = forms.CharField(
        label=_("what to do"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    repeat_weeks = forms.IntegerField(
        label=_("repeat weekly for"),
        required=False,
        min_value=1,
        max_value=52,
        help_text=_("Number of weeks (leave empty for one shift)."),
    )

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["repeat_weeks"]


class SwapForm(forms.Form):
    to_shift = forms.ModelChoiceField(
        label=_("Move to"), queryset=Shift.objects.none(), empty_label=None
    )

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_shift"].queryset = Shift.objects.filter(pk__in=[t.pk for t in targets])
        from django.utils import timezone
        from django.utils.translation import gettext as _t

        self.fields["to_shift"].choices = [
            (
                t.pk,
                _t("%(title)s · %(when)s · %(free)s free")
                % {
                    "title": t.title,
                    "when": f"{timezone.localtime(t.starts_at):%m-%d %H:%M}",
                    "free": t.free,
                },
            )
            for t in targets
        ]


class ConsentForm(forms.Form):
    show_on_profile = forms.BooleanField(
        label=_("show my volunteer hours to my neighbours"), required=False
    )
