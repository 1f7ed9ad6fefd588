"""Uploaded files, served after asking the rules (not from a public media URL)."""

import io
import mimetypes

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from PIL import Image

from linli.core.perms import require

from ..models import DesignFile, Photo, SitePlan


def _serve(request, field, name, obj_for_rules):
    require(request.user, "projects.view_project", obj_for_rules)
    if not field or not default_storage.exists(field.name):
        raise Http404
    content_type = mimetypes.guess_type(field.name)[0] or "application/octet-stream"
    response = FileResponse(default_storage.open(field.name, "rb"), content_type=content_type)
    disposition = (
        "inline"
        if content_type.startswith("image/") or content_type == "application/pdf"
        else "attachment"
    )
    response["Content-Disposition"] = f'{disposition}; filename="{field.name.rsplit("/", 1)[-1]}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
@cache_control(private=True, max_age=86400)
def design_file(request, pk):
    row = get_object_or_404(DesignFile.objects.select_related("version__project"), pk=pk)
    return _serve(request, row.file, row.name, row.version.project)


@require_GET
@cache_control(private=True, max_age=86400)
def photo_file(request, pk):
    row = get_object_or_404(Photo.objects.select_related("project"), pk=pk)
    return _serve(request, row.file, "", row.project)


@require_GET
@cache_control(private=True, max_age=86400)
def siteplan_file(request, pk):
    plan = get_object_or_404(SitePlan, pk=pk)
    width = request.GET.get("w", "")
    if width != "320":
        return _serve(request, plan.image, "", plan.neighborhood)
    require(request.user, "projects.view_project", plan.neighborhood)
    thumb = f"projects/siteplans/thumb-{plan.pk}-320.png"
    if not default_storage.exists(thumb):
        if not default_storage.exists(plan.image.name):
            raise Http404
        with default_storage.open(plan.image.name, "rb") as source, Image.open(source) as image:
            height = round(image.height * 320 / image.width)
            out = io.BytesIO()
            image.convert("RGB").resize((320, height)).save(out, "PNG", optimize=True)
        default_storage.save(thumb, io.BytesIO(out.getvalue()))
    with default_storage.open(thumb, "rb") as f:
        return HttpResponse(f.read(), content_type="image/png")
