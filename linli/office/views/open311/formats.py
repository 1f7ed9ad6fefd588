"""Open311 answers in JSON or XML, and its errors."""

import json
from xml.sax.saxutils import escape

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext as _

from linli.core.errors import first_message


class Open311Error(Exception):
    def __init__(self, status, description):
        super().__init__(description)
        self.status, self.description = status, description


def _xml_value(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return escape(str(value))


def _xml(root, item, rows):
    parts = [f'<?xml version="1.0" encoding="utf-8"?><{root}>']
    for row in rows:
        parts.append(f"<{item}>")
        for key, value in row.items():
            if isinstance(value, list):
                parts.append(
                    f"<{key}>"
                    + "".join(
                        f"<attribute>{''.join(f'<{k}>{_xml_value(v)}</{k}>' for k, v in a.items())}</attribute>"
                        for a in value
                    )
                    + f"</{key}>"
                )
            else:
                parts.append(f"<{key}>{_xml_value(value)}</{key}>")
        parts.append(f"</{item}>")
    parts.append(f"</{root}>")
    return "".join(parts)


def _respond(fmt, rows, root, item, status=200):
    if fmt == "xml":
        return HttpResponse(
            _xml(root, item, rows), content_type="text/xml; charset=utf-8", status=status
        )
    return HttpResponse(
        json.dumps(rows, ensure_ascii=False, default=str),
        content_type="application/json; charset=utf-8",
        status=status,
    )


def _error(fmt, status, description):
    return _respond(
        fmt, [{"code": status, "description": str(description)}], "errors", "error", status=status
    )


def open311(view):
    """Turn Open311Error, ValidationError and PermissionDenied into the spec's error format."""

    def wrapped(request, fmt, *args, **kwargs):
        try:
            return view(request, fmt, *args, **kwargs)
        except Open311Error as error:
            return _error(fmt, error.status, error.description)
        except ValidationError as error:
            return _error(fmt, 400, first_message(error))
        except PermissionDenied as error:
            return _error(fmt, 403, str(error) or _("You do not have permission to do this."))

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped
