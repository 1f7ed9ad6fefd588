from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Activity


class ActivityForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=100)
    category = forms.ChoiceField(label=_("kind of activity"), choices=Activity.Category.choices)
    audience = forms.ChoiceField(label=_("for whom"), choices=Activity.Audience.choices)
    starts_at = forms.DateTimeField(
        label=_("starts"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    ends_at = forms.DateTimeField(
        label=_("ends"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    space = forms.TypedChoiceField(
        label=_("book a space"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("The space is booked for the activity; if it is taken, nothing is published."),
    )
    place = forms.CharField(
        label=_("place"),
        max_length=120,
        required=False,
        help_text=_("Where, if not in a bookable space."),
    )
    capacity = forms.IntegerField(label=_("places"), min_value=1, max_value=1000)
    waiting_list = forms.BooleanField(
        label=_("waiting list when full"), required=False, initial=True
    )
    description = forms.CharField(
        label=_("description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Markdown."),
    )

    def __init__(self, *args, spaces=(), editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["space"].choices = [("", _("no space (give a place)"))] + [
            (s.pk, s.name) for s in spaces
        ]
        if not spaces or editing:  # a booked space is changed through its booking
            del self.fields["space"]
        if editing:
            self.fields["place"].required = True

    def clean(self):
        data = super().clean()
        if not data.get("space") and not (data.get("place") or "").strip():
            self.add_error("place", _("Give a place or choose a space."))
        return data


class CheckinForm(forms.Form):
    code = forms.CharField(
        label=_("check-in code"),
        max_length=8,
        min_length=6,  # codes made before 2026-12 have six digits
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class PhotoForm(forms.Form):
    image = forms.ImageField(label=_("photo"))
    caption = forms.CharField(label=_("caption"), max_length=200, required=False)
