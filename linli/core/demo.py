"""`linli demo`: every capability adds its demo content here, in order."""

import importlib
import time

LOADERS = ["linli.community.demo"]


def load_all(stdout):
    for name in LOADERS:
        started = time.monotonic()
        importlib.import_module(name).load(stdout=stdout)
        stdout.write(f"  {name.split('.')[1]:<12} {time.monotonic() - started:5.1f} s")
