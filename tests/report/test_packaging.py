"""The kit as a researcher installs it: a wheel in a fresh environment, outside the checkout,
runs a report and writes it under the current folder's ``reports/``."""

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest
from conftest import without_frame_marks
from setuptools import find_packages

ROOT = Path(__file__).resolve().parents[2]


def test_every_package_under_analysis_is_listed_in_pyproject():
    # the packages are listed, not found (analysis.notebooks lives in notebooks/): a new
    # subpackage missing from the list would be missing from the wheel
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert sorted(setuptools["packages"]) == sorted(find_packages(str(ROOT), include=["analysis*"]) + ["analysis.notebooks"])
    assert setuptools["package-dir"] == {"analysis.notebooks": "notebooks"}


def test_notebooks_and_templates_are_found_as_package_data():
    from analysis.report.params import REPORTS, notebook_path

    for kind, (file, _) in REPORTS.items():
        assert notebook_path(kind) == (ROOT / "notebooks" / file).resolve()  # this checkout's, in an editable install


def run(*args, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True, **kwargs)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.mark.slow
def test_a_wheel_installed_outside_the_checkout_writes_the_seed_report(tmp_path, seed_path):
    # build from a copy, so the checkout gets no build/ or egg-info
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache", "reports", "tests", "bench"))
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", tmp_path / "dist", source)
    wheel, = (tmp_path / "dist").glob("mediakit-*.whl")

    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv)  # this interpreter: Python 3.11, without this environment
    python = venv / "bin" / "python"
    # this environment's pip installs into the new one (``--python``), so the new one needs no pip of its own
    run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--quiet", wheel)
    # the dependencies come from this environment: its site-packages as a plain path entry, so
    # the editable install's finder there (a .pth hook) is not run and `analysis` is the wheel's
    purelib = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip())
    (purelib / "_mediakit_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")

    work = tmp_path / "work"
    work.mkdir()
    article = work / seed_path.name
    shutil.copy(seed_path, article)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")  # and so do their data files (nbconvert's templates)
    where = Path(run(python, "-c", "import analysis; print(analysis.__file__)", cwd=work, env=env).stdout.strip())
    assert where.is_relative_to(venv) and not where.is_relative_to(ROOT)
    # the wheel carries the lock file it was built with (setup.py's build step): provenance
    # records its hash, as a checkout does, not "not found"
    recorded = run(python, "-c", "from analysis.provenance import provenance; print(provenance()['lock_file_sha256'])",
                   cwd=work, env=env).stdout.strip()
    assert recorded == hashlib.sha256((ROOT / "requirements.lock").read_bytes()).hexdigest()

    run(venv / "bin" / "mediakit", "report", "article", article.name, cwd=work, env=env)
    html = work / "reports" / "xi-moscow-visit-article.html"
    notebook = work / "reports" / "xi-moscow-visit-article.ipynb"
    page = html.read_text(encoding="utf-8")
    assert re.search(r"<td>lock_file_sha256</td>\s*<td>" + recorded + "</td>", page), "the report's provenance lacks the lock hash"
    assert ">deadly invasion<sub>violence_conflict</sub></mark>" in without_frame_marks(page)
    kernel = re.search(r"<td>python_executable</td>\s*<td>(.*?)</td>", page).group(1)
    assert kernel == str(python)  # the kernel was the new environment's interpreter
    executed = notebook.read_text(encoding="utf-8")
    assert "deadly invasion" in executed
    ran = Path(json.loads(executed)["metadata"]["papermill"]["input_path"])
    assert ran.is_relative_to(venv) and ran.name == "01-article-report.ipynb"  # the wheel's notebook
