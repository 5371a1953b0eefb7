"""Every module of the kit imports on its own, first, as a user's script or a worker might import
it: a circular import between two subpackages shows only when one of them is imported before the
other (``analysis.validate.roles`` imported first once failed so, while every test that imported
``analysis.measures.actors`` first passed)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import analysis

CHECK = r"""
import importlib, sys, traceback
failed = []
for name in sys.argv[1:]:
    for loaded in [m for m in sys.modules if m == "analysis" or m.startswith("analysis.")]:
        del sys.modules[loaded]  # the kit's modules afresh; pandas and the rest stay loaded (speed)
    try:
        importlib.import_module(name)
    except Exception:
        failed.append(name + ": " + traceback.format_exc().strip().splitlines()[-1])
print("\n".join(failed))
sys.exit(1 if failed else 0)
"""


def test_every_module_imports_first():
    names = sorted(m.name for m in pkgutil.walk_packages(analysis.__path__, "analysis.")
                   if not m.name.endswith("__main__"))
    assert len(names) > 50  # the walk found the package's modules
    done = subprocess.run([sys.executable, "-c", CHECK, *names], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]
