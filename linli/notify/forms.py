from django import forms
from django.utils.translation import gettext_lazy as _

from . import kinds
from .kinds import Channel


class PreferencesForm(forms.Form):
    """One choice per kind of notification."""

    def __init__(self, *args, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for key, kind in sorted(kinds.KINDS.items()):
            self.fields[key] = forms.ChoiceField(
                label=kind.label,
                choices=Channel.CHOICES,
                initial=current.get(key, kind.default),
                widget=forms.RadioSelect,
            )


class EmailForm(forms.Form):
    address = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("We send a link to this address; it receives email once you open the link."),
    )
