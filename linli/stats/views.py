from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from linli.community.shortcuts import neighborhood_or_404

from . import actions, selectors
from .forms import LevelFormSet


@login_required
@require_http_methods(["GET", "POST"])
def levels_edit(request, slug):
    neighborhood = neighborhood_or_404(request, slug, "stats.configure_levels")
    initial = [
        {"min_points": p, "title": t, "title_en": e}
        for _l, p, t, e in selectors.level_titles(neighborhood.pk)
    ]
    formset = LevelFormSet(request.POST or None, initial=initial)
    if request.method == "POST" and formset.is_valid():
        rows = [
            (
                f.cleaned_data["min_points"],
                f.cleaned_data["title"],
                f.cleaned_data.get("title_en", ""),
            )
            for f in formset
            if f.cleaned_data
        ]
        try:
            actions.levels_set(neighborhood=neighborhood, actor=request.user, levels=rows)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("Level titles saved."))
            return redirect("stats:levels-edit", neighborhood.slug)
    return render(
        request, "stats/levels_edit.html", {"neighborhood": neighborhood, "formset": formset}
    )
