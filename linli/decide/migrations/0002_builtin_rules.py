"""The counting rules every neighborhood can use: PRC Civil Code Art. 278, and a simple majority."""

from django.db import migrations

RULES = [
    # key, name, name_en, turnout area, turnout heads, pass area (num, den, strict), pass heads, owners' headcount
    (
        "art278-major",
        "业主共同决定（第278条第6–8项：筹集维修资金、改建重建、改变共有部分用途或经营）",
        "Owners' decision, Art. 278 items 6–8 (raising the maintenance fund, rebuilding, changing the use of common parts)",
        (2, 3),
        (2, 3),
        (3, 4, False),
        (3, 4, False),
        True,
    ),
    (
        "art278-ordinary",
        "业主共同决定（第278条其他事项：使用维修资金、选举业委会、选聘物业等）",
        "Owners' decision, other Art. 278 matters (using the maintenance fund, electing the owners' committee, hiring the property manager…)",
        (2, 3),
        (2, 3),
        (1, 2, True),
        (1, 2, True),
        True,
    ),
    (
        "simple-majority",
        "居民简单多数（过半数同意）",
        "Residents' simple majority (more than half for)",
        (0, 0),
        (0, 0),
        (0, 0, False),
        (1, 2, True),
        False,
    ),
]


def add(apps, schema_editor):
    Rule = apps.get_model("decide", "Rule")
    for key, name, name_en, ta, th, pa, ph, owners in RULES:
        Rule.objects.update_or_create(
            neighborhood=None,
            key=key,
            defaults=dict(
                name=name,
                name_en=name_en,
                turnout_area_num=ta[0],
                turnout_area_den=ta[1],
                turnout_heads_num=th[0],
                turnout_heads_den=th[1],
                pass_area_num=pa[0],
                pass_area_den=pa[1],
                pass_area_strict=pa[2],
                pass_heads_num=ph[0],
                pass_heads_den=ph[1],
                pass_heads_strict=ph[2],
                owners_headcount=owners,
            ),
        )


class Migration(migrations.Migration):
    dependencies = [("decide", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
