from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import AgendaItem, Meeting

WHEN = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind of meeting"), choices=Meeting.Kind.choices)
    title = forms.CharField(label=_("title"), max_length=100)
    starts_at = forms.DateTimeField(label=_("starts"), widget=WHEN)
    ends_at = forms.DateTimeField(label=_("ends"), widget=WHEN)
    place = forms.CharField(label=_("place"), max_length=120)
    description = forms.CharField(
        label=_("description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AgendaItemForm(forms.Form):
    title = forms.CharField(
        label=pgettext_lazy("agenda", "item"),
        max_length=200,
        required=False,
        help_text=_("Left empty, the linked topic's, decision's or proposal's title is used."),
    )
    link_kind = forms.ChoiceField(
        label=_("links to"), choices=AgendaItem.Link.choices, required=False
    )
    link_id = forms.IntegerField(label=_("number"), min_value=1, required=False)


class SheetForm(forms.Form):
    sheet = forms.CharField(
        label=_("paper sign-in sheet"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One person per line: name, building or organisation."),
    )


class MinuteForm(forms.Form):
    text = forms.CharField(
        label=_("point"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    agenda_item = forms.TypedChoiceField(
        label=_("agenda item"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].choices = [("", "—")] + [(i.pk, i.title) for i in items]


class ToRequestForm(forms.Form):
    category = forms.TypedChoiceField(label=_("category"), coerce=int)
    public = forms.BooleanField(label=_("public request"), required=False)

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [(c.pk, c.name) for c in categories]


class ToDecisionForm(forms.Form):
    title = forms.CharField(label=_("motion"), max_length=200, required=False)
    voting_opens_at = forms.DateTimeField(label=_("voting opens"), widget=WHEN)
    voting_closes_at = forms.DateTimeField(label=_("voting closes"), widget=WHEN)
