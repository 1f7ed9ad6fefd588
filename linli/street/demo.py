"""Demo content for the street office: the street's departments, and one request the
neighborhood escalated, routed by the demo `street` login to the housing office (吹哨报到).
(The street's roles are community's: linli/community/demo.py.) Idempotent."""

from django.db import transaction

from .models import Department

DEPARTMENTS = [
    # name, English name, contact, hours to resolve
    ("城市管理执法中队", "City management enforcement", "城管中队 021-5888 1201", 72),
    ("房屋管理办公室", "Housing office", "房管办 021-5888 1302", 120),
    ("市场监督管理所", "Market supervision office", "市场所 021-5888 1403", 120),
    ("派出所社区警务室", "Police community office", "警务室 021-5888 1504", 48),
    ("社区卫生服务中心", "Community health centre", "卫生中心 021-5888 1605", 96),
]
ESCALATION_REASON = (
    "渗漏已反复维修三次仍未解决，物业称涉及房屋结构，需要房管部门鉴定并协调维修资金，"
    "居委会无法单独解决。"
)


def load(stdout=None):
    from linli.community.demo import SLUG
    from linli.community.models import Neighborhood, Resident
    from linli.office.models import Request

    from . import actions

    neighborhood = Neighborhood.objects.select_related("street").filter(slug=SLUG).first()
    if neighborhood is None:
        return
    street = neighborhood.street
    if Department.objects.filter(street=street).exists():
        return
    logins = {p.username: p for p in Resident.objects.filter(username__in=["street", "secretary"])}
    with transaction.atomic():
        departments = {
            name: Department.objects.create(
                street=street, name=name, name_en=en, contact=contact, resolve_hours=hours
            )
            for name, en, contact, hours in DEPARTMENTS
        }
        head = logins.get("street")
        secretary = logins.get("secretary")
        open_requests = (
            Request.objects.filter(neighborhood=neighborhood, status__in=Request.OPEN)
            .select_related("category", "neighborhood")
            .order_by("-created_at", "-id")
        )
        leaks = open_requests.filter(category__code="leak")
        request = (
            leaks.filter(description__contains="车库").first()
            or leaks.first()
            or open_requests.first()
        )
        if secretary is None or head is None or request is None:
            return
        for person in (secretary, head):
            person.__dict__.pop("_linli_roles", None)
        escalation = actions.escalation_create(
            request=request, actor=secretary, reason=ESCALATION_REASON
        )
        actions.escalation_route(
            escalation=escalation,
            actor=head,
            department=departments["房屋管理办公室"],
            note="请房管办三个工作日内到现场鉴定，并与业委会沟通维修资金使用。",
        )
