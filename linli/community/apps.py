from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "linli.community"
    label = "community"
    verbose_name = _("Community")
    # Staff pages of a neighborhood: (url name taking the slug, label, permission on the
    # neighborhood); community/staff_nav.html shows a link only to whom its permission allows.
    staff_nav = [
        ("community:staff-dashboard", _("Overview"), "community.manage_neighborhood"),
        ("community:household-list", _("Households"), "community.list_households"),
        ("community:household-import", _("Import"), "community.import_households"),
        ("community:invitation-index", _("Invitation letters"), "community.open_invitations"),
        (
            "community:verification-list",
            _("Verification requests"),
            "community.view_verifications",
        ),
        ("community:owner-register", _("Owners"), "community.open_owners"),
        ("community:role-list", _("Roles"), "community.manage_roles"),
    ]

    def ready(self):
        from linli.notify.actions import email_writer_register

        from .actions import resident_email_set

        email_writer_register(resident_email_set)
