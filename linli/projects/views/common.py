from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404

from linli.core.perms import require

from ..models import Project


def add_errors(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def load_project(request, pk, perm="projects.view_project"):
    project = get_object_or_404(Project.objects.select_related("neighborhood"), pk=pk)
    require(request.user, perm, project)
    return project
