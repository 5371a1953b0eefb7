"""Reports: papermill-parameterised notebooks rendered to static HTML.

``run_report`` executes a notebook; ``figures`` and ``render`` are what the notebooks call to
plot and display. Nothing here computes a measure: that is ``analysis``'s job.
"""

from analysis.report.params import REPORTS, check_parameters
from analysis.report.run import ReportFiles, run_report

__all__ = ["REPORTS", "ReportFiles", "check_parameters", "run_report"]
