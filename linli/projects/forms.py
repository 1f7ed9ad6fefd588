from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from linli.core.linkables import add_picker_fields, describe, picked

from .models import STAGE_ORDER, Link, Photo, Stage


class ProjectForm(forms.Form):
    title = forms.CharField(label=pgettext_lazy("project field", "Title"), max_length=120)
    description = forms.CharField(
        label=pgettext_lazy("project field", "Description"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Markdown: **bold**, lists, links."),
    )
    compound = forms.ModelChoiceField(
        label=_("Compound"), queryset=None, required=False, empty_label=_("the whole neighborhood")
    )
    place_text = forms.CharField(
        label=_("Place"),
        max_length=200,
        required=False,
        help_text=_(
            'Describe where, e.g. "between buildings 7 and 8". You can also mark it on the site plan after saving.'
        ),
    )
    budget = forms.DecimalField(
        label=_("Budget (yuan)"), max_digits=12, decimal_places=2, min_value=0, required=False
    )

    def __init__(self, *args, compounds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["compound"].queryset = compounds


class SitePlanForm(forms.Form):
    compound = forms.ModelChoiceField(label=_("Compound"), queryset=None)
    image = forms.FileField(
        label=_("Site plan image"), help_text=_("JPEG, PNG or WebP, at most 10 MB.")
    )

    def __init__(self, *args, compounds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["compound"].queryset = compounds


class StageForm(forms.Form):
    to_stage = forms.ChoiceField(label=_("New stage"), choices=Stage.choices)
    reason = forms.CharField(
        label=_("Why"),
        max_length=500,
        required=False,
        help_text=_("Needed when a stage is skipped or the project goes back."),
    )

    def __init__(self, *args, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        if current and "to_stage" not in self.initial:
            index = STAGE_ORDER.index(current)
            self.initial["to_stage"] = STAGE_ORDER[min(index + 1, len(STAGE_ORDER) - 1)]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(
                attrs={"accept": "image/jpeg,image/png,image/webp,image/gif,application/pdf"}
            ),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class VersionForm(forms.Form):
    summary = forms.CharField(
        label=_("What changed and why"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5})
    )
    files = MultipleFileField(
        label=_("Drawings"),
        required=False,
        help_text=_("Images (JPEG, PNG, WebP) up to 10 MB or PDFs up to 20 MB; at most 12 files."),
    )


class AnswerForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Feedback"), choices=[("", "–")] + Link.Kind.choices, required=False
    )
    label = forms.CharField(
        label=pgettext_lazy("project field", "Title"), max_length=200, required=False
    )
    url = forms.CharField(
        label=pgettext_lazy("project field", "Link"), max_length=300, required=False
    )
    object_id = forms.IntegerField(
        label=pgettext_lazy("project field", "Number"), min_value=1, max_value=2**62, required=False
    )


AnswerFormSet = forms.formset_factory(AnswerForm, extra=2, max_num=10)


class LinkForm(forms.Form):
    kind = forms.ChoiceField(
        label=pgettext_lazy("project field", "Kind"), choices=Link.Kind.choices
    )
    label = forms.CharField(label=pgettext_lazy("project field", "Title"), max_length=200)
    url = forms.CharField(
        label=pgettext_lazy("project field", "Link"),
        max_length=300,
        required=False,
        help_text=_("A page of this site, starting with /."),
    )
    object_id = forms.IntegerField(
        label=pgettext_lazy("project field", "Number"), min_value=1, max_value=2**62, required=False
    )

    def __init__(self, *args, user=None, neighborhood=None, **kwargs):
        """With `user`: pick the topic, consultation, decision or request by its title (its
        kind, title, link and number follow); the typed fields stay for anything else."""
        super().__init__(*args, **kwargs)
        self.user = user
        if user is None:
            return
        add_picker_fields(
            self,
            user=user,
            neighborhood=neighborhood,
            keys=PICKED_KINDS,
            kind_field="target_kind",
            id_field="target_id",
            label=_("Link to"),
        )
        self.order_fields(["target_kind", "target_id_q", "target_id"])
        for name in ("kind", "label"):
            self.fields[name].required = False
        self.fields["kind"].choices = [("", "–")] + Link.Kind.choices
        self.fields["label"].help_text = _("Only for something not in the list above.")

    def clean(self):
        data = super().clean()
        if self.user is None:
            return data
        key, pk = picked(self, "target_kind", "target_id")
        for name in ("target_kind", "target_id", "target_id_q"):
            data.pop(name, None)
        if key:
            found = describe(self.user, key, pk)
            if found is None:
                raise forms.ValidationError(_("Choose something you can see."))
            data.update(
                kind=PICKED_KINDS[key], label=found.title[:200], url=found.url, object_id=pk
            )
        elif not data.get("kind") or not data.get("label"):
            raise forms.ValidationError(
                _("Choose what to link to, or give the kind and title of something else.")
            )
        return data


# What a project links to, by picker kind (linli/core/linkables.py) → Link.Kind.
PICKED_KINDS = {
    "forum.topic": Link.Kind.TOPIC,
    "consult.consultation": Link.Kind.CONSULTATION,
    "decide.decision": Link.Kind.DECISION,
    "office.request": Link.Kind.REQUEST,
}


class PhotoForm(forms.Form):
    kind = forms.ChoiceField(
        label=pgettext_lazy("project field", "Photo"), choices=Photo.Kind.choices
    )
    image = forms.FileField(label=pgettext_lazy("project field", "Image"))
    caption = forms.CharField(
        label=pgettext_lazy("project field", "Caption"), max_length=200, required=False
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("How satisfied are you?"),
        coerce=int,
        choices=[(i, "★" * i) for i in range(5, 0, -1)],
        widget=forms.RadioSelect,
    )


class TeamAddForm(forms.Form):
    profile = forms.IntegerField(min_value=1, max_value=2**62, widget=forms.HiddenInput)
    role = forms.CharField(label=pgettext_lazy("project field", "Role"), max_length=60)
