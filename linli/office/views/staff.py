"""Staff pages: categories and their service levels; Open311 keys."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from linli.community.shortcuts import neighborhood_or_404
from linli.core.errors import first_message

from .. import actions, selectors
from ..forms import CategoryForm
from ..models import ApiKey, Category


@login_required
@require_http_methods(["GET", "POST"])
def category_list(request, slug, pk=None):
    neighborhood = neighborhood_or_404(request, slug, "office.manage_categories")
    category = get_object_or_404(Category, pk=pk, neighborhood=neighborhood) if pk else None
    form = CategoryForm(request.POST or None, instance=category)
    if request.method == "POST" and form.is_valid():
        try:
            actions.category_save(
                actor=request.user,
                neighborhood=neighborhood,
                category=Category.objects.get(pk=pk) if pk else None,
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, first_message(error))
        else:
            messages.success(request, _("Saved."))
            return redirect("office:category-list", slug=slug)
    return render(
        request,
        "office/category_list.html",
        {
            "neighborhood": neighborhood,
            "form": form,
            "category": category,
            "categories": list(selectors.categories_of(neighborhood, active_only=False)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def apikey_list(request, slug):
    neighborhood = neighborhood_or_404(request, slug, "office.manage_api_keys")
    new_key = None
    if request.method == "POST":
        try:
            if request.POST.get("revoke"):
                key = get_object_or_404(
                    ApiKey,
                    pk=request.POST["revoke"] if request.POST["revoke"].isdigit() else 0,
                    neighborhood=neighborhood,
                )
                actions.apikey_revoke(actor=request.user, key=key)
                messages.success(request, _("The key no longer works."))
            else:
                _row, new_key = actions.apikey_create(
                    actor=request.user, neighborhood=neighborhood, name=request.POST.get("name", "")
                )
        except ValidationError as error:
            messages.error(request, first_message(error))
    keys = selectors.api_keys_of(neighborhood)
    return render(
        request,
        "office/apikey_list.html",
        {
            "neighborhood": neighborhood,
            "keys": keys,
            "new_key": new_key,
            "base": request.build_absolute_uri("/open311/v2/"),
        },
    )
