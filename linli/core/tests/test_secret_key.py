"""The SECRET_KEY generated into a new var/ is one key, whatever number of processes start at once."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = (
    "import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings.base'\n"
    "from django.conf import settings; print(settings.SECRET_KEY)\n"
)


def test_processes_starting_together_on_a_new_var_share_one_secret_key(tmp_path):
    env = {**os.environ, "LINLI_VAR": str(tmp_path)}
    env.pop("SECRET_KEY", None)
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
        )
        for _ in range(8)
    ]
    keys = {process.communicate(timeout=120)[0].strip() for process in processes}
    assert len(keys) == 1 and "" not in keys
    assert (tmp_path / "secret_key").read_text().strip() in keys
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("secret_key")] == ["secret_key"]
