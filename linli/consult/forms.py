from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from linli.community.models import Building, Compound

from .models import Choice, Consultation, Question


class ConsultationForm(forms.ModelForm):
    opens_at = forms.DateTimeField(
        label=_("Opens"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    closes_at = forms.DateTimeField(
        label=_("Closes"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )

    class Meta:
        model = Consultation
        fields = [
            "title",
            "body",
            "compounds",
            "buildings",
            "owners_only",
            "per",
            "anonymous",
            "opens_at",
            "closes_at",
        ]
        widgets = {
            "compounds": forms.CheckboxSelectMultiple,
            "buildings": forms.CheckboxSelectMultiple,
            "body": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, neighborhood, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["compounds"].queryset = Compound.objects.filter(neighborhood=neighborhood)
        self.fields["buildings"].queryset = (
            Building.objects.filter(neighborhood=neighborhood)
            .select_related("compound")
            .order_by("compound__name", "sort_key")
        )
        self.fields["buildings"].label_from_instance = lambda b: f"{b.compound.name} {b.label}"


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=pgettext_lazy("question", "Kind"), choices=Question.Kind.choices)
    text = forms.CharField(label=_("Question"), max_length=300)
    choices = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line (for single choice, multiple choice and ranking)."),
    )
    required = forms.BooleanField(label=_("Required"), required=False, initial=True)
    show_if = forms.ModelChoiceField(
        label=_("Ask only if this was chosen"), queryset=Choice.objects.none(), required=False
    )

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["show_if"].queryset = Choice.objects.filter(
            question__consultation=consultation
        ).select_related("question")
        self.fields["show_if"].label_from_instance = lambda c: f"{c.question.text} → {c.label}"


def answers_from_post(questions, post, files) -> dict:
    """The raw answers of the questionnaire form, by question id (ValueError for a rank given twice)."""
    raw = {}
    for q in questions:
        name = f"q{q.pk}"
        if q.kind == Question.Kind.MULTIPLE:
            raw[q.pk] = post.getlist(name)
        elif q.kind == Question.Kind.RANKING:
            ranked = []
            for c in q.choices.all():
                v = (post.get(f"{name}_{c.pk}") or "").strip()
                if v:
                    if not v.isdigit():
                        raise ValueError(_("Ranks are numbers."))
                    ranked.append((int(v), c.pk))
            if len({r for r, _c in ranked}) != len(ranked):
                raise ValueError(_("Give each rank to one choice only."))
            raw[q.pk] = [c for _r, c in sorted(ranked)]
        elif q.kind == Question.Kind.IMAGE:
            raw[q.pk] = files.get(name)
        else:
            raw[q.pk] = post.get(name, "")
    return raw


class QuestionEditForm(forms.Form):
    text = forms.CharField(label=_("Question"), max_length=300)
    choices = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line. Choices that stay keep the questions that depend on them."),
    )
    required = forms.BooleanField(label=_("Required"), required=False)

    def __init__(self, *args, question, **kwargs):
        super().__init__(*args, **kwargs)
        if not question.has_choices:
            del self.fields["choices"]
