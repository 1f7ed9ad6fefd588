"""The demo neighborhood: one street, one neighborhood, two compounds, ~2,000 households, ~5,000 residents.

Deterministic (seeded) and idempotent: a second run finds the neighborhood and only
resets the demo logins' passwords. Bulk inserts keep it well under 30 s.
"""

import random
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from .actions import counters_refresh
from .models import (
    Building,
    Compound,
    Household,
    Neighborhood,
    Owner,
    OwnerUnit,
    Resident,
    Role,
    Street,
)

DEMO_PASSWORD = "linli-demo-2026"
SLUG = "binjiang"

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏辉建文志宇浩然子涵梓萱一诺欣怡嘉怡思远俊杰晨曦雨桐若曦佳琪梦瑶振宇晓东立新海燕春梅秋菊冬雪国庆建国卫东玲琳雯婷倩颖蕾蕊莉"
FOREIGN = [
    ("Emma", "Fischer"),
    ("Lucas", "Martin"),
    ("Sofia", "Rossi"),
    ("Kenji", "Tanaka"),
    ("Min-jun", "Kim"),
    ("Olivia", "Smith"),
    ("Noah", "Johnson"),
    ("Chloé", "Dubois"),
    ("Mateo", "García"),
    ("Anna", "Kowalska"),
    ("Liam", "O'Brien"),
    ("Yuki", "Sato"),
    ("Priya", "Sharma"),
    ("Jonas", "Berg"),
    ("Ava", "Müller"),
    ("Ethan", "Brown"),
    ("Isabella", "Silva"),
    ("Hana", "Novak"),
]

DEMO_LOGINS = [
    # username, role label, display name, real name, language
    ("secretary", "书记 Secretary", "王书记", "王秀英", "zh-hans"),
    ("staff", "居委干部 Committee staff", "李老师", "李建国", "zh-hans"),
    ("leader", "楼组长 Building leader (A 7号楼)", "陈阿姨", "陈桂英", "zh-hans"),
    ("owners", "业委会 Owners' committee (滨江花园)", "周主任", "周振宇", "zh-hans"),
    ("property", "物业 Property manager (滨江花园)", "物业小刘", "刘洋", "zh-hans"),
    ("resident", "居民 Resident (A 7号楼)", "小张", "张梓萱", "zh-hans"),
    ("emma", "Foreign resident, reads English (A 12号楼)", "Emma", "Emma Fischer", "en"),
    ("street", "街道 Street staff", "街道赵科长", "赵卫东", "zh-hans"),
    ("admin", "Administrator (Django admin)", "管理员", "", "zh-hans"),
]


def _chinese_name(rng):
    given = rng.choice(GIVEN) if rng.random() < 0.3 else rng.choice(GIVEN) + rng.choice(GIVEN)
    return rng.choice(SURNAMES) + given


def _phone(rng):
    return "1" + rng.choice("3578") + "".join(rng.choice("0123456789") for _ in range(9))


@transaction.atomic
def load(stdout=None):
    rng = random.Random(2026)
    if Neighborhood.objects.filter(slug=SLUG).exists():
        _reset_logins()
        return Neighborhood.objects.get(slug=SLUG)
    street = Street.objects.create(name="浦江街道", name_en="Pujiang Street")
    neighborhood = Neighborhood.objects.create(
        street=street, name="滨江居民区", name_en="Binjiang Neighborhood", slug=SLUG
    )
    a = Compound.objects.create(
        neighborhood=neighborhood,
        name="滨江花园",
        name_en="Riverside Gardens",
        address="浦江路 1288 弄",
    )
    b = Compound.objects.create(
        neighborhood=neighborhood, name="樱桃苑", name_en="Cherry Court", address="樱桃路 66 弄"
    )
    # Compound A: 20 high-rise towers, 22 floors × 4 flats = 1,760 households.
    # Compound B: 8 six-storey blocks, 2 units × 6 floors × 2 flats = 192 households.
    buildings = [
        Building(compound=a, neighborhood=neighborhood, number=str(n), sort_key=n, floors=22)
        for n in range(1, 21)
    ]
    buildings += [
        Building(compound=b, neighborhood=neighborhood, number=str(n), sort_key=n, floors=6)
        for n in range(1, 9)
    ]
    Building.objects.bulk_create(buildings)
    buildings = list(
        Building.objects.filter(neighborhood=neighborhood)
        .select_related("compound")
        .order_by("compound__name", "sort_key")
    )
    households = []
    for building in buildings:
        if building.compound_id == a.pk:
            for floor in range(1, 23):
                for flat in range(1, 5):
                    area = (
                        Decimal(
                            rng.choice([68, 75, 89, 92, 108, 118, 125, 138, 142, 156, 168, 180])
                        )
                        + Decimal(rng.randrange(0, 100)) / 100
                    )
                    households.append(
                        Household(
                            building=building,
                            neighborhood=neighborhood,
                            unit="",
                            room=f"{floor}{flat:02d}",
                            area=min(area, Decimal("180.00")),
                            owner_occupied=rng.random() < 0.72,
                        )
                    )
        else:
            for unit in (1, 2):
                for floor in range(1, 7):
                    for flat in (1, 2):
                        area = Decimal(rng.randrange(60, 96)) + Decimal(rng.randrange(0, 100)) / 100
                        households.append(
                            Household(
                                building=building,
                                neighborhood=neighborhood,
                                unit=str(unit),
                                room=f"{floor}0{flat}",
                                area=area,
                                owner_occupied=rng.random() < 0.8,
                            )
                        )
    Household.objects.bulk_create(households, batch_size=2000)
    households = list(
        Household.objects.filter(neighborhood=neighborhood)
        .select_related("building__compound")
        .order_by("building__compound__name", "building__sort_key", "unit", "room")
    )

    now = timezone.now()
    people, n = [], 0
    unusable = make_password(None)
    for household in households:
        # About 8% of households have nobody signed up yet: their letters are still in the mailbox.
        if rng.random() < 0.08:
            continue
        size = rng.choices([1, 2, 3, 4, 5], weights=[12, 30, 30, 20, 8])[0]
        foreign = rng.random() < 0.03
        for _ in range(size):
            n += 1
            if foreign:
                first, last = rng.choice(FOREIGN)
                real, display, language = f"{first} {last}", first, "en"
            else:
                real = _chinese_name(rng)
                display = rng.choice(
                    [real[0] + rng.choice("老师阿姨叔叔姐哥"), "小" + real[0], real[1:], real[1:]]
                )
                language = "zh-hans"
            people.append(
                Resident(
                    username=f"r{n:05d}",
                    password=unusable,
                    display_name=display,
                    real_name=real,
                    phone=_phone(rng),
                    household=household,
                    verified_at=now,
                    language=language,
                    date_joined=now,
                )
            )
    Resident.objects.bulk_create(people, batch_size=2000)

    by_key = {(h.building.compound_id, h.building.number, h.unit, h.room): h for h in households}
    first_of_building = {}
    for building_id, person_id in (
        Resident.objects.filter(household__neighborhood=neighborhood)
        .order_by("household__building_id", "id")
        .values_list("household__building_id", "id")
    ):
        first_of_building.setdefault(building_id, person_id)
    Role.objects.bulk_create(
        [
            Role(
                person_id=pid,
                kind=Role.Kind.BUILDING_LEADER,
                neighborhood=neighborhood,
                building_id=bid,
            )
            for bid, pid in first_of_building.items()
        ]
    )

    _create_logins(street, neighborhood, by_key, a, b)
    owners = _owner_register(neighborhood, households, rng)
    _compound_roles(neighborhood, a, b)
    counters_refresh(neighborhood=neighborhood)
    if stdout:
        stdout.write(f"  community: {owners} owners in the registers of {a.name} and {b.name}")
    return neighborhood


def _owner_register(neighborhood, households, rng):
    """Each compound's owner register, apart from its residents: most owner-occupied flats are
    owned by one of their residents, a third of them with a co-owner (a spouse, sometimes one
    who is not signed up); let flats are owned by people who live elsewhere, some of them
    investors with several flats; 孙先生 owns three flats in 滨江花园 3号楼; the developer still
    holds ten unsold flats in 樱桃苑 8号楼; a few flats have no owner on record yet."""
    members: dict[int, list[tuple[int, str, str]]] = {}
    for hid, pid, real, phone in (
        Resident.objects.filter(household__neighborhood=neighborhood)
        .order_by("id")
        .values_list("household_id", "id", "real_name", "phone")
    ):
        members.setdefault(hid, []).append((pid, real, phone))
    owners: dict[tuple[int, str], Owner] = {}
    titles: list[tuple[tuple[int, str], Household]] = []

    def own(household, key, name, phone="", resident_id=None, developer=False):
        compound_id = household.building.compound_id
        if (compound_id, key) not in owners:
            owners[(compound_id, key)] = Owner(
                neighborhood=neighborhood,
                compound_id=compound_id,
                name=name,
                phone=phone,
                identity=key,
                is_developer=developer,
                resident_id=resident_id,
            )
        titles.append(((compound_id, key), household))

    investors = {
        cid: [(f"inv-{cid}-{i}", _chinese_name(rng), _phone(rng)) for i in range(12)]
        for cid in {h.building.compound_id for h in households}
    }
    sun = [
        h for h in households if h.building.compound.name == "滨江花园" and h.building.number == "3"
    ][:3]
    unsold = [
        h for h in households if h.building.compound.name == "樱桃苑" and h.building.number == "8"
    ][:10]
    for n, h in enumerate(households):
        if h in sun:
            own(h, "demo-sun", "孙建华", "13916668888")
        elif h in unsold:
            own(h, "developer", "滨江置业有限公司", "02158880000", developer=True)
        elif n % 60 == 7:
            continue  # not yet on record: the register shows these to follow up
        elif h.owner_occupied and members.get(h.pk):
            pid, real, phone = members[h.pk][0]
            own(h, f"demo-r{pid}", real, phone, resident_id=pid)
            if rng.random() < 0.33:
                if len(members[h.pk]) > 1:
                    pid2, real2, phone2 = members[h.pk][1]
                    own(h, f"demo-r{pid2}", real2, phone2, resident_id=pid2)
                else:
                    own(h, f"demo-c{n}", _chinese_name(rng), _phone(rng))
        elif rng.random() < 0.2:
            own(h, *rng.choice(investors[h.building.compound_id]))
        else:
            own(h, f"demo-l{n}", _chinese_name(rng), _phone(rng))
    Owner.objects.bulk_create(owners.values(), batch_size=2000)
    ids = dict(
        ((c, k), pk)
        for c, k, pk in Owner.objects.filter(neighborhood=neighborhood).values_list(
            "compound_id", "identity", "pk"
        )
    )
    OwnerUnit.objects.bulk_create(
        [
            OwnerUnit(
                owner_id=ids[key],
                household=h,
                neighborhood=neighborhood,
                compound_id=h.building.compound_id,
            )
            for key, h in titles
        ],
        batch_size=2000,
    )
    return len(owners)


def _compound_roles(neighborhood, a, b):
    """The demo's owners' committee member and property manager serve 滨江花园; 樱桃苑 has an
    owners' committee of its own (two residents of its building 1)."""
    K = Role.Kind
    Role.objects.filter(
        person__username__in=["owners", "property"],
        kind__in=[K.OWNERS_COMMITTEE, K.PROPERTY_MANAGER],
    ).update(compound=a)
    cherry = list(
        Resident.objects.filter(household__building__compound=b, household__building__number="1")
        .order_by("id")
        .values_list("id", flat=True)[:2]
    )
    Role.objects.bulk_create(
        [
            Role(person_id=pid, kind=K.OWNERS_COMMITTEE, neighborhood=neighborhood, compound=b)
            for pid in cherry
        ]
    )


def _create_logins(street, neighborhood, by_key, a, b):
    password = make_password(DEMO_PASSWORD)
    homes = {
        "secretary": by_key[(a.pk, "3", "", "602")],
        "staff": by_key[(a.pk, "5", "", "1103")],
        "leader": by_key[(a.pk, "7", "", "801")],
        "owners": by_key[(a.pk, "9", "", "1504")],
        "property": None,
        "resident": by_key[(a.pk, "7", "", "1202")],
        "emma": by_key[(a.pk, "12", "", "2001")],
        "street": None,
        "admin": None,
    }
    now = timezone.now()
    people = {}
    for username, _label, display, real, language in DEMO_LOGINS:
        household = homes[username]
        people[username] = Resident.objects.create(
            username=username,
            password=password,
            display_name=display,
            real_name=real,
            language=language,
            phone="13800000000" if household else "",
            household=household,
            verified_at=now if household else None,
            is_staff=username == "admin",
            is_superuser=username == "admin",
        )
    seven = by_key[(a.pk, "7", "", "801")].building
    Role.objects.filter(kind=Role.Kind.BUILDING_LEADER, building=seven).delete()
    K = Role.Kind
    Role.objects.bulk_create(
        [
            Role(person=people["secretary"], kind=K.SECRETARY, neighborhood=neighborhood),
            Role(person=people["secretary"], kind=K.COMMITTEE_STAFF, neighborhood=neighborhood),
            Role(person=people["staff"], kind=K.COMMITTEE_STAFF, neighborhood=neighborhood),
            Role(
                person=people["leader"],
                kind=K.BUILDING_LEADER,
                neighborhood=neighborhood,
                building=seven,
            ),
            Role(person=people["owners"], kind=K.OWNERS_COMMITTEE, neighborhood=neighborhood),
            Role(person=people["property"], kind=K.PROPERTY_MANAGER, neighborhood=neighborhood),
            Role(person=people["street"], kind=K.STREET_STAFF, street=street),
            # The demo `street` login also heads the street office: it grants street staff
            # in the app (/staff/street/<id>/roles/), such as its colleague 钱干事.
            Role(person=people["street"], kind=K.STREET_HEAD, street=street),
        ]
    )
    colleague = Resident.objects.create(
        username="street_qian", display_name="街道钱干事", real_name="钱晓燕"
    )
    colleague.set_unusable_password()
    colleague.save(update_fields=["password"])
    Role.objects.create(
        person=colleague, kind=K.STREET_STAFF, street=street, granted_by=people["street"]
    )


def _reset_logins():
    password = make_password(DEMO_PASSWORD)
    Resident.objects.filter(username__in=[u for u, *_ in DEMO_LOGINS]).update(
        password=password, is_active=True
    )


def introduce(stdout):
    """What `linli demo` prints once the demo is loaded: who to sign in as."""
    stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD})")
    for username, label, *_ in DEMO_LOGINS:
        stdout.write(f"  {username:<10} {label}")
