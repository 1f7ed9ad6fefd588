"""The picker's search as one types (htmx): <option>s for the select of a link field."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import linkables


@require_GET
@login_required
def link_search(request):
    """What the person may see of one kind in one neighborhood, matching the typed text.
    The neighborhood's own rules decide per row (linkables.search asks each row's perm)."""
    from django.apps import apps

    Neighborhood = apps.get_model("community", "Neighborhood")  # core imports no app module
    neighborhood = Neighborhood.objects.filter(slug=request.GET.get("n", "")[:50]).first()
    kind_field = request.GET.get("kind_field", "link_kind")[:40]
    query = next((v for k, v in request.GET.items() if k.endswith("_q")), "")
    found = linkables.search(request.user, neighborhood, request.GET.get(kind_field, ""), query)
    return render(request, "core/link_options.html", {"found": found, "query": query})
