from django import forms

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
