from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .actions import MAX_WEEKS
from .models import Space


class BookingForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(
        label=_("From"), widget=forms.TimeInput(attrs={"type": "time", "step": 900}, format="%H:%M")
    )
    end = forms.TimeField(
        label=_("Until"),
        widget=forms.TimeInput(attrs={"type": "time", "step": 900}, format="%H:%M"),
    )
    purpose = forms.CharField(
        label=_("What for"),
        max_length=200,
        help_text=_("e.g. a reading morning for children, a building meeting"),
    )
    weeks = forms.IntegerField(
        label=_("Weeks"),
        min_value=1,
        max_value=MAX_WEEKS,
        initial=1,
        help_text=_("1 for once; more for the same time every week."),
    )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        tz = timezone.get_current_timezone()
        data["starts_at"] = timezone.make_aware(datetime.combine(data["date"], data["start"]), tz)
        data["ends_at"] = timezone.make_aware(datetime.combine(data["date"], data["end"]), tz)
        return data


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class SpaceForm(forms.ModelForm):
    class Meta:
        model = Space
        fields = [
            "name",
            "name_en",
            "location",
            "description",
            "rules",
            "area",
            "capacity",
            "opens_at",
            "closes_at",
            "max_minutes",
            "max_open_per_household",
            "max_weeks_ahead",
            "photo",
            "active",
        ]
        widgets = {
            "opens_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "closes_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "description": forms.Textarea(attrs={"rows": 4}),
            "rules": forms.Textarea(attrs={"rows": 4}),
        }
