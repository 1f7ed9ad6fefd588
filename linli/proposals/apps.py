from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "linli.proposals"
    label = "proposals"
    verbose_name = _("Residents' proposals")
    # Main navigation: (url name, label, permission or None); see linli/core/registry.py.
    nav = [("proposals:index", _("Proposals"), None)]
    nav_icon, nav_group = "check-badge", "have_a_say"  # a Heroicons name; a menu group
    # Staff pages of a neighborhood: (url name taking the slug, label, permission).
    staff_nav = [("proposals:rule", _("Proposal thresholds"), "proposals.set_rule")]
