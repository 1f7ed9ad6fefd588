from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Check, CollectionDay, Kind

KIND_CHOICES = [(k, label) for k, label in Kind.choices]


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Which bin? Type an item"),
        max_length=40,
        required=False,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": _("e.g. 奶茶杯, battery, kqs"),
                "autocomplete": "off",
            }
        ),
    )
    kind = forms.ChoiceField(
        label=_("Or pick a kind"), choices=[("", _("all kinds"))] + KIND_CHOICES, required=False
    )


class ItemForm(forms.Form):
    name_zh = forms.CharField(label=_("Chinese name"), max_length=40)
    name_en = forms.CharField(label=_("English name"), max_length=60, required=False)
    synonyms = forms.CharField(
        label=_("other names"),
        max_length=200,
        required=False,
        help_text=_("Other names people use, separated by |, e.g. 利乐包|奶盒"),
    )
    kind = forms.ChoiceField(label=_("kind"), choices=KIND_CHOICES)
    note = forms.CharField(
        label=_("how to prepare it"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SuggestForm(forms.Form):
    name_zh = forms.CharField(label=_("Item (in Chinese if you can)"), max_length=40)
    name_en = forms.CharField(label=_("English name"), max_length=60, required=False)
    kind = forms.ChoiceField(
        label=_("Which bin do you think?"),
        choices=[("", _("I don't know"))] + KIND_CHOICES,
        required=False,
    )
    note = forms.CharField(
        label=_("Anything else staff should know"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DecideForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=KIND_CHOICES)
    note = forms.CharField(label=_("how to prepare it"), max_length=300, required=False)


class PointForm(forms.Form):
    compound = forms.ModelChoiceField(label=_("compound"), queryset=None)
    name = forms.CharField(label=_("name"), max_length=60)
    name_en = forms.CharField(label=_("English name"), max_length=80, required=False)
    location = forms.CharField(label=_("where"), max_length=120, required=False)
    times = forms.CharField(
        label=_("drop-off times"), max_length=100, help_text=_("For example 7:00-9:00, 18:00-20:00")
    )
    kinds = forms.MultipleChoiceField(
        label=_("kinds taken"),
        choices=KIND_CHOICES[:4],
        widget=forms.CheckboxSelectMultiple,
        initial=[k for k, _l in KIND_CHOICES[:4]],
    )

    def __init__(self, *args, compounds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["compound"].queryset = compounds


class CollectionDayForm(forms.ModelForm):
    class Meta:
        model = CollectionDay
        fields = ["sort", "compound", "starts_at", "ends_at", "place", "note"]
        widgets = {
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "ends_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }

    def __init__(self, *args, compounds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["compound"].queryset = compounds


class CheckForm(forms.ModelForm):
    class Meta:
        model = Check
        fields = ["building", "point", "day", "result", "note", "photo"]
        widgets = {"day": forms.DateInput(attrs={"type": "date"}), "result": forms.RadioSelect}

    def __init__(self, *args, buildings, points, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["building"].queryset = buildings
        self.fields["point"].queryset = points
