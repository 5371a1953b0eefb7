"""The report notebooks, installed with the kit as the package ``analysis.notebooks``.

This folder is both where researchers open the notebooks (JupyterLab, from the checkout) and
the package data that ``mediakit report`` runs, in a checkout and in an installed wheel alike
(see ``[tool.setuptools]`` in pyproject.toml and ``analysis.report.params.notebook_path``).
"""
