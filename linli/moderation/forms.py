from django import forms
from django.utils.translation import gettext_lazy as _

from .actions import MUTE_DAYS_MAX, NOTE_MAX, WORD_MAX
from .models import Word


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[(d, d) for d in ("approve", "hide", "delete", "warn", "mute", "ban")],
        error_messages={
            "required": _("Choose what to do with the post."),
            "invalid_choice": _("Choose what to do with the post."),
        },
    )
    note = forms.CharField(
        label=_("Reason (the author is told)"), max_length=NOTE_MAX, required=False
    )
    days = forms.IntegerField(
        label=_("Mute for (days)"), min_value=1, max_value=MUTE_DAYS_MAX, required=False, initial=7
    )


class AppealForm(forms.Form):
    note = forms.CharField(
        label=_("Why should the committee look again?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say why the decision should change.")},
    )


class WordForm(forms.Form):
    word = forms.CharField(
        label=_("Word"), max_length=WORD_MAX, error_messages={"required": _("Write a word.")}
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Word.Kind.choices, initial=Word.Kind.WATCH)
