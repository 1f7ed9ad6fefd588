from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalentConfig(AppConfig):
    name = "linli.talent"
    label = "talent"
    verbose_name = _("Talent pool")
    # Main navigation: (url name, label, permission or None); see linli/core/registry.py.
    nav = [("talent:index", _("Talent pool"), "talent.open_index")]
    nav_icon, nav_group = (
        "sparkles",
        "neighbors",
    )  # a Heroicons name; a group of core/context_processors.py
    # Staff pages of a neighborhood: (url name taking the slug, label, permission); see community/staff_nav.html.
    staff_nav = [
        ("talent:profile-list", _("Talent pool"), "talent.search"),
        ("talent:skill-list", _("Skills"), "talent.manage_skills"),
        ("talent:invitation-list", _("Invitations"), "talent.view_invitations"),
    ]

    def ready(self):
        from . import moderated

        moderated.register()
