"""Load the shipped list of items (data/items.csv) so that a new installation has a guide."""

from django.db import migrations


def load(apps, schema_editor):
    from linli.sorting import guide

    Item = apps.get_model("sorting", "Item")
    existing = set(Item.objects.filter(neighborhood=None).values_list("name_zh", flat=True))
    Item.objects.bulk_create(
        [
            Item(
                name_zh=r["name_zh"],
                name_en=r["name_en"],
                synonyms=r["synonyms"],
                kind=r["kind"],
                preparation=r["preparation"],
                status="published",
                search_keys=guide.keys_for(r["name_zh"], r["synonyms"]),
            )
            for r in guide.curated_rows()
            if r["name_zh"] not in existing
        ],
        batch_size=500,
    )


class Migration(migrations.Migration):
    dependencies = [("sorting", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
