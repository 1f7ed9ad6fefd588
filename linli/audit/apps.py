from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "linli.audit"
    label = "audit"
    verbose_name = _("Audit log")
    # Staff pages of a neighborhood: (url name taking the slug, label, permission); see community/staff_nav.html.
    staff_nav = [("audit:audit-log", _("Audit log"), "audit.view_log")]
