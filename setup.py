"""The one build step pyproject.toml cannot declare: the lock file ships inside the package.

``requirements.lock`` sits at the top of the checkout (where ``pip install -r`` and ``uv pip
compile -o`` name it), outside ``analysis/``, so package data cannot list it. A wheel copies it
to ``analysis/requirements.lock``, where ``analysis.provenance`` reads it, so a report made from
a wheel install records the hash of the lock the wheel was built with, not "not found". An
editable install reads the checkout's own lock file and needs no copy.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

LOCK = "requirements.lock"


class build_py_with_lock(build_py):
    def run(self):
        super().run()
        if not self.editable_mode:
            self.copy_file(LOCK, str(Path(self.build_lib) / "analysis" / LOCK), preserve_mode=False)

    def get_outputs(self, include_bytecode=True):
        outputs = super().get_outputs(include_bytecode)
        return outputs if self.editable_mode else [*outputs, str(Path(self.build_lib) / "analysis" / LOCK)]


setup(cmdclass={"build_py": build_py_with_lock})
