"""Pages for `make bench`: the guide search (with 5,000 items after generate) and the scoreboard."""

from django.utils import timezone

PAGES = [
    dict(name="sorting.search", path="/sorting/n/binjiang/?q=kqsp", user="resident"),
    dict(name="sorting.search-en", path="/sorting/n/binjiang/?q=newpaper", user="emma"),
    dict(name="sorting.search-api", path="/api/v1/sorting/n/binjiang/search?q=%E7%94%B5%E6%B1%A0", user="resident"),
    dict(name="sorting.scoreboard", path="/sorting/n/binjiang/scoreboard/", user="resident"),
]


def generate(scale: int, stdout):
    """Local items up to 5,000 in the demo neighborhood's guide (idempotent), for the search figure."""
    from linli.community.models import Neighborhood

    from . import guide
    from .models import Item

    neighborhood = Neighborhood.objects.filter(slug="binjiang").first()
    if neighborhood is None:
        return
    have = Item.objects.filter(status=Item.Status.PUBLISHED).count()
    wanted = max(0, 5000 - have)
    curated = guide.curated_rows()
    rows = []
    for n in range(wanted):
        r = curated[n % len(curated)]
        name = f"{r['name_zh']}（本地{n // len(curated) + 1}-{n}）"
        rows.append(Item(neighborhood=neighborhood, name_zh=name, name_en=f"{r['name_en']} {n}", synonyms=r["synonyms"], kind=r["kind"],
                         preparation=r["preparation"], search_keys=guide.keys_for(r["name_zh"], r["synonyms"]),
                         search_tokens=guide.tokens_for(r["name_zh"], r["synonyms"])))
    Item.objects.bulk_create(rows, batch_size=1000)
    guide.bump_version()
    stdout.write(f"sorting: {wanted} items added (guide now ≥ 5,000 at {timezone.now():%H:%M})\n")
