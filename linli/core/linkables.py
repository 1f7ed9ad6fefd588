"""Pick, don't type: what one capability can link to in another, found by its title.

Each app that has things worth linking to (a decision, a consultation, a project, a topic, a
request) lists them in `<app>/linkables.py` as `LINKABLES = [Kind(...)]`; core imports no app
and finds those modules by name (linli/core/registry.py). A form that links to something gets
three fields from `add_picker_fields`: the kind, a search box, and a select of what the search
found that the person may see. With JavaScript the select fills as one types (htmx, the
`core:link-search` view); without it a “Find” button sends the form back with the select filled.
Pages show a linked item by its title and link (`describe`), never as "projects.project #1".
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.forms.utils import ErrorDict
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .registry import app_modules

RESULTS = 10


@dataclass(frozen=True)
class Kind:
    key: str  # "<app label>.<model>", the value stored in link fields
    label: Any  # a lazy translated name ("decision")
    rows: Callable[[Any], QuerySet]  # neighborhood (None: every one) → linkable rows, newest first
    fields: tuple[str, ...]  # searched case-insensitively
    title: Callable[[Any], str]
    perm: str  # asked of each row before it is offered or shown


@dataclass(frozen=True)
class Found:
    kind: str
    id: int
    title: str
    url: str
    label: Any = ""


def kinds() -> dict[str, Kind]:
    found = {}
    for module in app_modules("linkables"):
        for kind in getattr(module, "LINKABLES", ()):
            found[kind.key] = kind
    return found


def _found(kind: Kind, row: Any) -> Found:
    return Found(kind.key, row.pk, kind.title(row), row.get_absolute_url(), kind.label)


def search(user: Any, neighborhood: Any, key: str, query: str, limit: int = RESULTS) -> list[Found]:
    """Rows of `key` whose title (or number) matches, that `user` may see; one query."""
    kind = kinds().get(key)
    query = (query or "").strip()[:100]
    if kind is None or neighborhood is None:
        return []
    qs = kind.rows(neighborhood)
    if query:
        match = Q()
        for field in kind.fields:
            match |= Q(**{f"{field}__icontains": query})
        if query.lstrip("#").isdigit():
            match |= Q(pk=int(query.lstrip("#")))
        qs = qs.filter(match)
    rows = list(qs[: limit * 3])
    return [_found(kind, r) for r in rows if user.has_perm(kind.perm, r)][:limit]


def describe(user: Any, key: str, pk: Any, neighborhood: Any = None) -> Found | None:
    """A linked item's title and link, if it exists (in `neighborhood`, when given) and `user`
    may see it."""
    kind = kinds().get(key or "")
    if kind is None or not str(pk or "").isdigit():
        return None
    row = kind.rows(neighborhood).filter(pk=int(pk)).first()
    if row is None or not user.has_perm(kind.perm, row):
        return None
    return _found(kind, row)


def choices_of_kinds(keys: Iterable[str] | None = None) -> list[tuple[str, Any]]:
    every = kinds()
    return [(k, every[k].label) for k in (keys or every) if k in every]


def add_picker_fields(
    form: forms.BaseForm,
    *,
    user: Any,
    neighborhood: Any,
    keys: Iterable[str] | None = None,
    kind_field: str = "link_kind",
    id_field: str = "link_id",
    label: Any = None,
) -> None:
    """Replace `kind_field`/`id_field` of `form` by the picker: a kind, a search box
    (`<id_field>_q`), and a select of what was found (plus the current choice)."""
    data = form.data if form.is_bound else {}
    prefix = f"{form.prefix}-" if form.prefix else ""
    kind = data.get(prefix + kind_field) if form.is_bound else form.initial.get(kind_field)
    current = data.get(prefix + id_field) if form.is_bound else form.initial.get(id_field)
    query = data.get(f"{prefix}{id_field}_q", "") if form.is_bound else ""
    options = search(user, neighborhood, kind, query) if kind else []
    if current and not any(str(f.id) == str(current) for f in options):
        chosen = describe(user, kind, current, neighborhood)
        if chosen is not None:
            options.insert(0, chosen)
    search_url = reverse("core:link-search")
    form.fields[kind_field] = forms.ChoiceField(
        label=label or _("Linked to"),
        choices=[("", _("nothing"))] + choices_of_kinds(keys),
        required=False,
    )
    form.fields[f"{id_field}_q"] = forms.CharField(
        label=_("Find by title or number"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "autocomplete": "off",
                "hx-get": search_url,
                "hx-trigger": "input changed delay:300ms, search",
                "hx-target": f"#id_{prefix}{id_field}",
                "hx-swap": "innerHTML",
                "hx-include": f"#id_{prefix}{kind_field}",
                "hx-vals": f'{{"n": "{getattr(neighborhood, "slug", "")}", "kind_field": "{prefix}{kind_field}"}}',
            }
        ),
        help_text=_(
            "Type part of its title, then choose it below. Without JavaScript press “Find”."
        ),
    )
    form.fields[id_field] = forms.TypedChoiceField(
        label=_("Choose"),
        choices=[("", "—")] + [(f.id, f.title) for f in options],
        coerce=int,
        empty_value=None,
        required=False,
    )
    order = []
    for name in form.fields:
        if name != f"{id_field}_q" and name != id_field:
            order.append(name)
        if name == kind_field:
            order += [f"{id_field}_q", id_field]
    form.order_fields(order)


def picked(form: forms.BaseForm, kind_field: str = "link_kind", id_field: str = "link_id"):
    """(kind, id) chosen in a valid form, ("", None) when nothing is linked."""
    kind, pk = form.cleaned_data.get(kind_field) or "", form.cleaned_data.get(id_field)
    return (kind, pk) if kind and pk else ("", None)


def finding(request, form: forms.BaseForm | None = None) -> bool:
    """The no-JavaScript “Find” button: the form comes back with the search done, nothing saved
    and no errors shown yet (the person has not finished filling it in)."""
    found = request.method == "POST" and "find" in request.POST
    if found and form is not None:
        form._errors = ErrorDict()
    return found
