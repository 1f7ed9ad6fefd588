from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Category, Party, Request


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    widget = MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class RequestForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("What is it about?"), queryset=Category.objects.none(), empty_label=_("Choose…")
    )
    description = forms.CharField(
        label=_("Describe the problem"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "What, since when, how it affects you. No names or phone numbers of others, please."
        ),
    )
    building = forms.ModelChoiceField(
        label=_("Building"),
        queryset=None,
        required=False,
        empty_label=_("Not a building / outdoors"),
    )
    place = forms.CharField(
        label=_("Where exactly"),
        max_length=120,
        required=False,
        help_text=_("e.g. the east gate, lift 2, the bike shed."),
    )
    photos = PhotosField(label=_("Photos (up to 4)"), required=False)
    public = forms.BooleanField(
        label=_("Public: neighbours can see it and say “me too” (your name is never shown)"),
        required=False,
        initial=True,
    )
    share_phone = forms.BooleanField(
        label=_("The party handling this request may call me on my phone"),
        help_text=_(
            "Off: only committee staff see your phone. Your room is shown to the party handling it."
        ),
        required=False,
        initial=False,
    )

    def __init__(self, *args, neighborhood, **kwargs):
        super().__init__(*args, **kwargs)
        from linli.community.selectors import buildings_of

        self.fields["category"].queryset = Category.objects.filter(
            neighborhood=neighborhood, active=True
        ).order_by("sort", "name")
        self.fields["building"].queryset = buildings_of(neighborhood)
        self.fields["building"].label_from_instance = lambda b: f"{b.compound.name} {b.label}"
        self.fields["category"].label_from_instance = lambda c: (
            f"{c.display_name} · {Party(c.party).label}"
        )


class TransitionForm(forms.Form):
    to = forms.ChoiceField(
        label=_("New status"),
        choices=[
            (s, label) for s, label in Request.Status.choices if s != Request.Status.SUBMITTED
        ],
    )
    note = forms.CharField(
        label=_("Note for the resident"),
        max_length=500,
        required=False,
        help_text=_("Required when rejecting: say why."),
    )

    def __init__(self, *args, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        if current is not None:
            from .actions.requests import NEXT

            self.fields["to"].choices = [
                (s, label) for s, label in Request.Status.choices if s in NEXT[current]
            ]


class TransferForm(forms.Form):
    party = forms.ChoiceField(label=_("Hand over to"), choices=Party.choices)
    reason = forms.CharField(label=_("Why"), max_length=500)


class RateForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How well was it solved?"),
        coerce=int,
        choices=[(5, "★★★★★"), (4, "★★★★"), (3, "★★★"), (2, "★★"), (1, "★")],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("Comment"), max_length=300, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("What is still wrong?"), max_length=500)


class CategoryForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = [
            "name",
            "name_en",
            "code",
            "group",
            "description",
            "party",
            "accept_hours",
            "resolve_hours",
            "sort",
            "active",
        ]


class SlotForm(forms.Form):
    starts_at = forms.ChoiceField(label=_("Time"))
    subject = forms.CharField(label=_("What you want to raise"), max_length=200)

    def __init__(self, *args, starts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts_at"].choices = [
            (s.isoformat(), timezone.localtime(s).strftime("%H:%M")) for s in starts
        ]

    def clean_starts_at(self):
        return datetime.fromisoformat(self.cleaned_data["starts_at"])


class MoveForm(forms.Form):
    date = forms.DateField(label=_("New date"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(
        label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end = forms.TimeField(
        label=_("Until"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def clean(self):
        data = super().clean()
        if not self.errors:
            tz = timezone.get_current_timezone()
            data["starts_at"] = timezone.make_aware(
                datetime.combine(data["date"], data["start"]), tz
            )
            data["ends_at"] = timezone.make_aware(datetime.combine(data["date"], data["end"]), tz)
        return data


class MinuteForm(forms.Form):
    text = forms.CharField(
        label=_("What was raised and answered"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    slot = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ToRequestForm(forms.Form):
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.none())

    def __init__(self, *args, neighborhood, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(
            neighborhood=neighborhood, active=True
        )


class ReceptionDayForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=100, initial=_("Secretary's reception day")
    )
    space = forms.ModelChoiceField(label=_("Space"), queryset=None, required=False)
    place = forms.CharField(label=_("Or place"), max_length=120, required=False)
    week_of_month = forms.TypedChoiceField(
        label=_("Which one in the month"),
        coerce=int,
        choices=[
            (1, _("first")),
            (2, _("second")),
            (3, _("third")),
            (4, _("fourth")),
            (-1, _("last")),
        ],
        initial=2,
    )
    weekday = forms.TypedChoiceField(
        label=_("Weekday"),
        coerce=int,
        choices=[
            (0, _("Monday")),
            (1, _("Tuesday")),
            (2, _("Wednesday")),
            (3, _("Thursday")),
            (4, _("Friday")),
            (5, _("Saturday")),
            (6, _("Sunday")),
        ],
        initial=5,
    )
    start_time = forms.TimeField(
        label=_("From"),
        initial="09:00",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    end_time = forms.TimeField(
        label=_("Until"),
        initial="11:30",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    slot_minutes = forms.IntegerField(
        label=_("Minutes per slot"), initial=15, min_value=5, max_value=120
    )
    starts_on = forms.DateField(label=_("Starting"), widget=forms.DateInput(attrs={"type": "date"}))
    attendees = forms.CharField(label=_("Who receives"), max_length=300, required=False)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, neighborhood, **kwargs):
        super().__init__(*args, **kwargs)
        from linli.spaces.selectors import spaces_of

        self.fields["space"].queryset = spaces_of(neighborhood)
