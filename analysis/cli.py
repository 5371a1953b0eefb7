"""``mediakit``: a thin command line over ``analysis``.

    mediakit score PATH --out DIR [--format NAME] [--lexicon FILE] [--lexicon-mode add|replace]
                  [--chunk-size N] [--engine local|dask] [--workers N] [--scheduler ADDRESS]
    mediakit report article PATH [--out DIR] [--lexicon FILE] [-p NAME VALUE ...]
    mediakit report corpus CORPUS [--format F] [--by COLUMN] [--outlets A B ...] [--min-articles N] [--out DIR]
    mediakit report compare CORPUS [same options as corpus]
    mediakit validate DATASET --format {basil,babe,newsmtsc,nfc,semeval-frames} [--out DIR] [--write-precision]
    mediakit report validate [--basil DIR] [--babe CSV] [--newsmtsc DIR] [--nfc PATH] [--semeval-frames PATH] [--out DIR]

Errors in the input are reported as ``mediakit: error: FILE:LINE: FIELD: message`` with exit
status 2, never as a traceback; so are an output folder that cannot be used and a file that
cannot be read or written. Ctrl-C prints one line and exits with status 130.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from analysis.errors import InvariantError, MediakitError, ParameterError

#: How many rejected records are listed on stderr; the rest are in the ``rejected`` table.
SHOW_REJECTED = 20

EXIT_INPUT_ERROR = 2
#: A broken guarantee of the kit (``InvariantError``): a bug, not the user's input (sysexits' EX_SOFTWARE).
EXIT_INTERNAL_ERROR = 70
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports a command stopped by Ctrl-C


def _parser() -> argparse.ArgumentParser:
    from analysis.scoring.run import DEFAULT_CHUNK_SIZE

    parser = argparse.ArgumentParser(prog="mediakit", description="Framing, loaded language, sentiment and sourcing in news.")
    sub = parser.add_subparsers(dest="command", required=True)

    score = sub.add_parser("score", help="score an article file or a corpus and write Parquet tables")
    score.add_argument("path", help="an article file (.txt .md .html .json), or a corpus: .jsonl .csv .parquet or a folder")
    score.add_argument("--out", required=True, help="folder for the tables: DIR/<table>/part-NNNNN.parquet, manifest.json")
    score.add_argument("--format", help="corpus format (jsonl, csv, parquet, folder, basil, or any registered); "
                                        "default: from the suffix, or the folder's layout")
    _lexicon_options(score)
    score.add_argument("--outlet-map", metavar="FILE", help="a CSV (name,canonical) or YAML (name: canonical) "
                       "of outlet spellings to merge; outlet_raw keeps the input's")
    score.add_argument("--chunk-size", type=int, default=DEFAULT_CHUNK_SIZE, metavar="N",
                       help=f"records scored and written together (default {DEFAULT_CHUNK_SIZE}); memory grows with it, not with the corpus")
    score.add_argument("--engine", choices=("local", "dask"), default="local",
                       help="local (default): processes on this machine; dask: a Dask cluster")
    score.add_argument("--workers", type=int, metavar="N",
                       help="local: worker processes (default: all cores; 1 = this process); dask: LocalCluster workers")
    score.add_argument("--scheduler", metavar="ADDRESS",
                       help="dask: scheduler address, e.g. tcp://scheduler-host:8786 (default $DASK_SCHEDULER_ADDRESS, else a LocalCluster)")

    from analysis.report.params import CORPUS_PARAMS

    report = sub.add_parser("report", help="run a papermill report and render it to HTML")
    kinds = report.add_subparsers(dest="kind", required=True)
    out_help = "folder for the .ipynb and .html (default: reports/ in the current folder)"
    article = kinds.add_parser("article", help="the framing report for one article")
    article.add_argument("path", help="the article file")
    article.add_argument("--out", help=out_help)
    _lexicon_options(article)
    article.set_defaults(lexicon_mode=None)  # not given: the report's default (add); see _report
    _parameter_option(article)
    for kind, help in (("corpus", "what is in a corpus: counts, measures by group, categories, time"),
                       ("compare", "compare outlets: CIs, pairwise tests, within-event pairs, distinctive terms")):
        corpus = kinds.add_parser(kind, help=help)
        corpus.add_argument("path", help="a corpus (.jsonl, or a folder/file with --format) or a `mediakit score` folder")
        corpus.add_argument("--format", help="the corpus format (e.g. jsonl, basil); default: by suffix")
        corpus.add_argument("--by", help=f"the articles column to group by (default: {CORPUS_PARAMS['by'].default})")
        corpus.add_argument("--outlet-map", metavar="FILE", help="a CSV or YAML of outlet spellings to merge")
        corpus.add_argument("--outlets", nargs="+", metavar="GROUP", help="only these groups, in this order")
        corpus.add_argument("--min-articles", type=int, help="groups with fewer articles are listed as excluded "
                                                             f"(default: {CORPUS_PARAMS['min_articles'].default})")
        corpus.add_argument("--out", help=out_help)
        _parameter_option(corpus)
    report_validate = kinds.add_parser("validate", help="the validation report: the kit against annotated datasets")
    for name, what in (("basil", "the BASIL folder (articles/, annotations/)"), ("babe", "BABE's final_labels_SG2.csv"),
                       ("newsmtsc", "a NewsMTSC folder of dev-*.jsonl or one .jsonl"),
                       ("nfc", "a Narrative Frames Corpus articles.jsonl (or its folder)"),
                       ("semeval-frames", "a SemEval-2023 Task 3 frames .jsonl (or its folder)")):
        report_validate.add_argument(f"--{name}", help=what)
    report_validate.add_argument("--out", help=out_help)

    validate = sub.add_parser("validate", help="measure the kit and baselines against an annotated dataset")
    validate.add_argument("dataset", help="the dataset file or folder")
    validate.add_argument("--format", required=True, choices=("basil", "babe", "newsmtsc", "nfc", "semeval-frames"),
                          help="the dataset's format (nfc: generic frames; semeval-frames: policy frames)")
    validate.add_argument("--out", help="folder for figures.csv, outlets.csv, errors.csv, precision.csv (errors quote the dataset)")
    validate.add_argument("--write-precision", action="store_true",
                          help="store the measured precision with the packaged lexicon (loaded_language.precision.csv)")
    _lexicon_options(validate)
    return parser


def _parameter_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                        help="a notebook parameter the options above do not set (VALUE read as YAML: 3, true, null, text)")


def _lexicon_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lexicon", help="a lexicon file (CSV or YAML) to add to ours")
    parser.add_argument("--lexicon-mode", choices=("add", "replace"), default="add",
                        help="add (default): extend our lexicon; replace: use only the file's entries")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "score":
            return _score(args)
        if args.command == "report":
            return _report_validate(args) if args.kind == "validate" else _report(args)
        if args.command == "validate":
            return _validate(args)
    except InvariantError as error:  # the kit's own fault: say so, and what to send
        print(f"mediakit: internal error (please report it, with this line): {error}", file=sys.stderr)
        return EXIT_INTERNAL_ERROR
    except MediakitError as error:
        print(f"mediakit: error: {error}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    except OSError as error:  # a file the kit could not read or write, named; never a traceback
        where = ": ".join(str(name) for name in (error.filename, error.filename2) if name is not None)
        reason = error.strerror or str(error)
        print(f"mediakit: error: {where + ': ' if where else ''}{reason}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    except KeyboardInterrupt:
        resume = "; run the same command again to resume" if args.command == "score" else ""
        print(f"mediakit: error: interrupted{resume}", file=sys.stderr)
        return EXIT_INTERRUPTED
    return 1


def _score(args) -> int:
    import pandas as pd

    from analysis.lexicon import load_lexicon
    from analysis.scoring.run import score_corpus

    lexicon = load_lexicon(args.lexicon, mode=args.lexicon_mode)
    run = score_corpus(args.path, args.out, format=args.format, lexicon=lexicon, chunk_size=args.chunk_size, engine=args.engine,
                       workers=args.workers, scheduler=args.scheduler, outlet_map=args.outlet_map)
    print(run.summary())
    chunks, reused = run.manifest["run"]["chunks"], run.manifest["run"]["reused_chunks"]
    if reused:
        print(f"resumed: {reused} of {chunks} chunks were already finished")
    n_rejected = run.counts["rejected"]
    if n_rejected:
        for row in run.rejected.head(SHOW_REJECTED).itertuples(index=False):
            where = f"{row.source}:{row.line}" if pd.notna(row.line) else f"{row.source}"
            print(f"  rejected {where}: {row.field + ': ' if isinstance(row.field, str) else ''}{row.reason}", file=sys.stderr)
        if n_rejected > SHOW_REJECTED:
            print(f"  … and {n_rejected - SHOW_REJECTED} more in the rejected table", file=sys.stderr)
    print(f"tables written to {run.folder}")
    return 0


#: The report parameters the command's own arguments set, and the argument that sets each.
REPORT_ARGUMENTS = {"article_path": "PATH", "corpus_path": "PATH", "lexicon_path": "--lexicon", "lexicon_mode": "--lexicon-mode",
                    "format": "--format", "by": "--by", "outlets": "--outlets", "min_articles": "--min-articles",
                    "outlet_map": "--outlet-map"}


def _report(args) -> int:
    """The parameters given by the arguments, then ``-p`` for the rest (inputs and values are
    checked by ``run_report``, before the kernel starts)."""
    path = Path(args.path).resolve()
    if args.kind == "article":
        lexicon = str(Path(args.lexicon).resolve()) if args.lexicon else None
        given = {"article_path": str(path), "lexicon_path": lexicon, "lexicon_mode": args.lexicon_mode}
    else:
        given = {"corpus_path": str(path), "format": args.format, "by": args.by, "outlets": args.outlets,
                 "min_articles": args.min_articles,
                 "outlet_map": str(Path(args.outlet_map).resolve()) if args.outlet_map else None}
    given = {name: value for name, value in given.items() if value is not None}
    options = {}
    for name, value in args.parameter:
        if name in given or name in options:
            where = REPORT_ARGUMENTS[name] if name in given else f"an earlier -p {name}"
            raise ParameterError(f"set by {where}; -p {name} would replace it", field=name)
        options[name] = _yaml_value(name, value)
    return _run_report(args.kind, {**given, **options}, args.out, name=f"{path.stem}-{args.kind}")


def _yaml_value(name: str, value: str):
    try:
        return yaml.safe_load(value)
    except yaml.YAMLError as error:
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise ParameterError(f"-p value {value!r} is not valid YAML: {problem}", field=name) from None


def _run_report(kind: str, parameters: dict, out, *, name: str) -> int:
    from analysis.report import run_report

    files = run_report(kind, parameters, out_dir=out, name=name)
    print(f"report: {files.html}")
    print(f"notebook: {files.notebook}")
    return 0


def _validate(args) -> int:
    from analysis.lexicon import load_lexicon
    from analysis.validate import validate
    from analysis.validate.precision import write_precision

    lexicon = load_lexicon(args.lexicon, mode=args.lexicon_mode)
    if args.write_precision and args.lexicon:
        raise MediakitError("--write-precision measures the packaged lexicon; drop --lexicon", field="lexicon")
    result = validate(args.dataset, args.format, lexicon=lexicon)
    for note in result.notes:
        print(note)
    print(result.headline(intervals=True).round(3).to_string())
    if not result.differences.empty:
        agreed = result.differences[result.differences["annotators_excludes_zero"]]
        print(f"bias groups: {len(agreed)} annotated differences in frame prevalence exclude zero; "
              f"the kit's has the same sign in {int(agreed['same_sign'].sum())}")
        print(agreed[["frame", "group_a", "group_b", "annotators_diff", "kit_diff", "same_sign"]].round(3).to_string(index=False))
    elif not result.outlets.empty:
        print("the kit per outlet (all items):")
        print(result.by_outlet().round(3).to_string())
    if args.out:
        print(f"figures, errors and precision written to {result.write(args.out)}")
    if args.write_precision:
        if result.precision.empty:
            print(f"no lexicon precision is measured on {args.format}", file=sys.stderr)
        else:
            path = write_precision(result.precision, lexicon_version=lexicon.version, headline=result.headline())
            print(f"precision written to {path}")
    return 0


def _report_validate(args) -> int:
    names = ("basil", "babe", "newsmtsc", "nfc", "semeval_frames")
    parameters = {f"{name}_path": str(Path(value).resolve()) for name in names if (value := getattr(args, name))}
    if not parameters:
        raise MediakitError("give at least one of --basil, --babe, --newsmtsc, --nfc, --semeval-frames", field="dataset")
    return _run_report("validate", parameters, args.out, name="validation")


if __name__ == "__main__":
    sys.exit(main())
