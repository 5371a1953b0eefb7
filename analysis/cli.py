"""``mediakit``: a thin command line over ``analysis``.

    mediakit score PATH --out DIR [--format NAME] [--lexicon FILE] [--lexicon-mode add|replace] [--dictionary FILE ...]
                  [--model MODEL.json ...] [--settings FILE.json] [--chunk-size N] [--engine local|dask] [--workers N] [--scheduler ADDRESS]
    mediakit report article PATH [--out DIR] [--lexicon FILE] [--dictionary FILE ...] [--figures] [--kernel] [-p NAME VALUE ...]
    mediakit report article CORPUS --each [--format F] [--workers N] [--kernel] [--out DIR]
    mediakit report corpus CORPUS [--format F] [--by COLUMN] [--outlets A B ...] [--min-articles N] [--dictionary FILE ...]
                           [--engine local|dask] [--scheduler ADDRESS] [--figures] [--out DIR]
    mediakit report compare CORPUS [same options as corpus]
    mediakit validate DATASET --format {basil,babe,newsmtsc,nfc,semeval-frames,nfc-roles,basil-actors,newsmtsc-actors} [--out DIR] [--write-precision]
    mediakit validate CODED --format coded [--text COL] [--label COL] [--coder COL ...] [--measure biased|frame:S:F|MODEL.json]
                      [--settings FILE.json] [--fit FILE.json] [--out DIR]
    mediakit sample SCORED_OR_CORPUS --n N [--unit sentence|article] [--stratify COL ...] [--seed S] --out FILE.csv
    mediakit train CODED --format coded [--text COL] [--label COL] [--group COL] [--licence TEXT] [--threshold OBJECTIVE] --out MODEL.json
    mediakit kwic FOLDER_OR_CORPUS PATTERN [--window N] [--by COLUMN] [--limit N] [--case]
    mediakit report codebook BABE.csv [--limit N] [--sample-size N] [--seed S] [--out DIR]
    mediakit report validate [--basil DIR] [--babe CSV] [--newsmtsc DIR] [--nfc PATH] [--nfc-roles DIR] [--semeval-frames PATH] [--figures] [--out DIR]

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
    score.add_argument("--actors", action="store_true",
                       help="also find the actors (people, organisations, places), their mentions, quoting, sentiment "
                            "towards them and narrative role (tables actors, mentions; slower)")
    score.add_argument("--actor-map", metavar="FILE",
                       help="canonical actor names and their aliases (CSV or YAML) merged with what is found; implies --actors")
    score.add_argument("--dictionary", metavar="FILE", action="append",
                       help="a dictionary of your own categories (kit CSV/YAML, quanteda YAML or LIWC .dic) counted per "
                            "article (tables dictionary, dictionary_hits); repeatable")
    score.add_argument("--model", metavar="MODEL.json", action="append",
                       help="a codebook model trained with mediakit (analysis.codebook.train) applied to every sentence or "
                            "article (table model_labels; the manifest records its card); repeatable")
    score.add_argument("--settings", metavar="FILE.json",
                       help="thresholds fitted on your coding (mediakit validate --format coded --fit): the sentence flag's "
                            "threshold instead of the packaged one; recorded in the manifest")
    score.add_argument("--scheduler", metavar="ADDRESS",
                       help="dask: scheduler address, e.g. tcp://scheduler-host:8786 (default $DASK_SCHEDULER_ADDRESS, else a LocalCluster)")

    from analysis.report.params import CORPUS_PARAMS

    report = sub.add_parser("report", help="run a papermill report and render it to HTML")
    kinds = report.add_subparsers(dest="kind", required=True)
    out_help = "folder for the .ipynb and .html (default: reports/ in the current folder)"
    article = kinds.add_parser("article", help="the framing report for one article")
    article.add_argument("path", help="the article file (with --each: a corpus)")
    article.add_argument("--out", help=out_help)
    article.add_argument("--each", action="store_true", help="PATH is a corpus: one report per article and index.html "
                         "linking them; resumable (reports already written for the same inputs are skipped)")
    article.add_argument("--format", help="with --each: the corpus format (e.g. jsonl, basil); default: by suffix")
    article.add_argument("--workers", type=int, metavar="N", help="with --each: processes, one kernel each (default: all cores)")
    _lexicon_options(article)
    article.set_defaults(lexicon_mode=None)  # not given: the report's default (add); see _report
    _report_options(article, dictionary=True)
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
        corpus.add_argument("--engine", choices=("local", "dask"),
                            help="where the comparison runs: local (default) or dask (a `mediakit score` folder's parts on a Dask cluster)")
        corpus.add_argument("--scheduler", metavar="ADDRESS",
                            help="dask: scheduler address (default $DASK_SCHEDULER_ADDRESS, else a LocalCluster)")
        corpus.add_argument("--out", help=out_help)
        _report_options(corpus, dictionary=True)
        _parameter_option(corpus)
    report_validate = kinds.add_parser("validate", help="the validation report: the kit against annotated datasets")
    for name, what in (("basil", "the BASIL folder (articles/, annotations/)"), ("babe", "BABE's final_labels_SG2.csv"),
                       ("newsmtsc", "a NewsMTSC folder of dev-*.jsonl or one .jsonl"),
                       ("nfc", "a Narrative Frames Corpus articles.jsonl (or its folder)"),
                       ("nfc-roles", "a Narrative Frames Corpus folder (articles.jsonl, roles.jsonl): narrative roles"),
                       ("semeval-frames", "a SemEval-2023 Task 3 frames .jsonl (or its folder)")):
        report_validate.add_argument(f"--{name}", help=what)
    report_validate.add_argument("--out", help=out_help)
    _report_options(report_validate, dictionary=False)
    codebook = kinds.add_parser("codebook", help="the codebook loop on BABE: sample, code, validate, train, score, compare outlets")
    codebook.add_argument("babe", help="BABE's final_labels_SG2.csv")
    codebook.add_argument("--limit", type=int, help="score only this many of BABE's sentences (default: all)")
    codebook.add_argument("--sample-size", type=int, help="sentences drawn for the coding sheet (default 400)")
    codebook.add_argument("--seed", type=int, help="the seed of every draw (default 0)")
    codebook.add_argument("--out", help=out_help)

    kwic = sub.add_parser("kwic", help="keyword in context: every match of a word, phrase, wildcard or lexicon term")
    kwic.add_argument("path", help="a `mediakit score` folder (searched without rescoring), or a corpus or article file")
    kwic.add_argument("pattern", help="words (econ*, 'war of words'), or term:ENTRY / category:NAME of the lexicon")
    kwic.add_argument("--window", type=int, default=6, metavar="N", help="words of context on each side (default 6)")
    kwic.add_argument("--by", metavar="COLUMN", help="sort by this column (outlet, match, right, … or any articles column)")
    kwic.add_argument("--limit", type=int, default=100, metavar="N", help="print at most N matches (default 100)")
    kwic.add_argument("--case", action="store_true", help="match case exactly")

    validate = sub.add_parser("validate", help="measure the kit and baselines against an annotated dataset")
    validate.add_argument("dataset", help="the dataset file or folder")
    validate.add_argument("--format", required=True, choices=("basil", "babe", "newsmtsc", "nfc", "semeval-frames", "nfc-roles", "basil-actors",
                                                                   "newsmtsc-actors", "coded"),
                          help="the dataset's format (nfc: generic frames; semeval-frames: policy frames; "
                               "coded: your coding sheet, see --text --label --coder --measure)")
    validate.add_argument("--text", default="text", help="coded: the column holding each unit's text (default text)")
    validate.add_argument("--label", default="label", help="coded: the column of the reference code (default label)")
    validate.add_argument("--coder", nargs="+", default=[], metavar="COL",
                          help="coded: coder columns; with two or more, inter-coder agreement and the majority too")
    validate.add_argument("--group", help="coded: the column units cluster in for the bootstrap (default article_id when present)")
    validate.add_argument("--measure", default="biased", help="coded: biased (the sentence flag), frame:SCHEME:FRAME, or a model file from mediakit train (.json)")
    validate.add_argument("--settings", metavar="FILE.json",
                          help="coded, --measure biased: the sentence flag at this settings file's threshold (default: the packaged one)")
    validate.add_argument("--fit", metavar="FILE.json",
                          help="coded, --measure biased: choose the threshold that maximises macro-F1 on these codes, print it "
                               "and write it to this settings file (for mediakit score --settings)")
    validate.add_argument("--out", help="folder for figures.csv, outlets.csv, errors.csv, precision.csv (errors quote the dataset)")
    validate.add_argument("--write-precision", action="store_true",
                          help="store the measured precision with the packaged lexicon (loaded_language.precision.csv)")
    _lexicon_options(validate)

    sample = sub.add_parser("sample", help="draw a coding sheet (CSV) and its design (.design.json) from scored results")
    sample.add_argument("path", help="a `mediakit score` folder, or a corpus / article to score first")
    sample.add_argument("--format", help="corpus format (default: from the suffix)")
    sample.add_argument("--unit", choices=("sentence", "article"), default="sentence", help="what is coded (default sentence)")
    sample.add_argument("--n", type=int, required=True, help="units to draw")
    sample.add_argument("--stratify", nargs="+", default=[], metavar="COL",
                        help="strata by these columns, e.g. outlet biased (equal allocation: rare strata are not missed)")
    sample.add_argument("--allocation", choices=("equal", "proportional"), default="equal")
    sample.add_argument("--seed", type=int, default=0, help="the draw's seed (default 0): the same seed draws the same sheet")
    sample.add_argument("--label", nargs="+", default=["label"], metavar="COL", help="empty label columns (default label)")
    sample.add_argument("--out", required=True, help="the sheet, FILE.csv; the design goes to FILE.design.json")

    train = sub.add_parser("train", help="learn your codes from a coded sheet: a JSON model file with its model card")
    train.add_argument("dataset", help="the coded CSV")
    train.add_argument("--format", choices=("coded",), default="coded", help="coded (the only format)")
    train.add_argument("--text", default="text", help="the column holding each unit's text (default text)")
    train.add_argument("--label", default="label", help="the column of the codes to learn (default label)")
    train.add_argument("--unit", choices=("sentence", "article"), default="sentence")
    train.add_argument("--group", help="the column units cluster in for cross-validation (default article_id when present)")
    train.add_argument("--licence", default="not stated", help="the licence of your coded data, recorded in the model card")
    train.add_argument("--threshold", choices=("macro_f1", "f1", "balanced_accuracy"),
                       help="with two labels, choose the decision threshold (and C) by this cross-validated objective "
                            "(f1: of the second label, e.g. yes); default: probability 0.5, C by macro-F1")
    train.add_argument("--out", required=True, help="the model file (JSON)")
    return parser


def _parameter_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                        help="a notebook parameter the options above do not set (VALUE read as YAML: 3, true, null, text)")


def _report_options(parser: argparse.ArgumentParser, *, dictionary: bool) -> None:
    if dictionary:
        parser.add_argument("--dictionary", metavar="FILE", action="append",
                            help="a dictionary of your own categories (kit CSV/YAML, quanteda YAML or LIWC .dic), counted, "
                                 "marked and compared in the report; repeatable")
    parser.add_argument("--figures", action="store_true",
                        help="also write each figure (SVG, PDF) and table (CSV) the report shows, in NAME-figures/ beside the HTML")
    parser.add_argument("--kernel", action="store_true",
                        help="run the notebook in a Jupyter kernel (slower) instead of in this process")


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
            if args.kind == "codebook":
                return _report_codebook(args)
            return _report_validate(args) if args.kind == "validate" else _report(args)
        if args.command == "validate":
            if args.format != "coded" and (args.fit or args.settings):
                raise ParameterError("--fit and --settings apply to --format coded", field="fit" if args.fit else "settings")
            return _validate_coded(args) if args.format == "coded" else _validate(args)
        if args.command == "sample":
            return _sample(args)
        if args.command == "train":
            return _train(args)
        if args.command == "kwic":
            return _kwic(args)
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
                       workers=args.workers, scheduler=args.scheduler, actors=args.actors, actor_map=args.actor_map,
                       dictionaries=args.dictionary, outlet_map=args.outlet_map, models=args.model, settings=args.settings)
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
                    "outlet_map": "--outlet-map", "dictionaries": "--dictionary", "figures_dir": "--figures",
                    "engine": "--engine", "scheduler": "--scheduler"}


def _report(args) -> int:
    """The parameters given by the arguments, then ``-p`` for the rest (inputs and values are
    checked by ``run_report``, before the kernel starts)."""
    path = Path(args.path).resolve()
    if args.kind == "article" and args.each:
        return _report_each(args, path)
    if args.kind == "article" and (args.format or args.workers):
        raise ParameterError("--format and --workers go with --each", field="--format" if args.format else "--workers")
    if args.kind == "article":
        lexicon = str(Path(args.lexicon).resolve()) if args.lexicon else None
        given = {"article_path": str(path), "lexicon_path": lexicon, "lexicon_mode": args.lexicon_mode}
    else:
        given = {"corpus_path": str(path), "format": args.format, "by": args.by, "outlets": args.outlets,
                 "min_articles": args.min_articles, "engine": args.engine, "scheduler": args.scheduler,
                 "outlet_map": str(Path(args.outlet_map).resolve()) if args.outlet_map else None}
    report_name = f"{path.stem}-{args.kind}"
    given["dictionaries"] = [str(Path(file).resolve()) for file in args.dictionary] if args.dictionary else None
    given["figures_dir"] = figures_dir(report_name) if args.figures else None
    given = {name: value for name, value in given.items() if value is not None}
    options = {}
    for name, value in args.parameter:
        if name in given or name in options:
            where = REPORT_ARGUMENTS[name] if name in given else f"an earlier -p {name}"
            raise ParameterError(f"set by {where}; -p {name} would replace it", field=name)
        options[name] = _yaml_value(name, value)
    return _run_report(args.kind, {**given, **options}, args.out, name=report_name, kernel=args.kernel)


def figures_dir(name: str) -> str:
    """``--figures``: the report ``name``'s figures and tables go to ``name-figures/``, relative,
    so beside the report's HTML (``run_report`` writes it with the report)."""
    return f"{name}-figures"


def _report_each(args, path: Path) -> int:
    """``report article CORPUS --each``: every record listed, the rejected and failed on stderr;
    exit 1 when a report failed to run (a rejected record is the input's, as with ``score``)."""
    import pandas as pd

    from analysis.report.each import report_each

    if args.parameter:
        raise ParameterError("-p does not go with --each; use --lexicon and --lexicon-mode", field="-p")
    table = report_each(path, out_dir=args.out, format=args.format, lexicon_path=args.lexicon,
                        lexicon_mode=args.lexicon_mode or "add", workers=args.workers, kernel=args.kernel)
    counts = table["status"].value_counts()
    print(f"read {len(table):,}: " + ", ".join(f"{int(counts.get(s, 0)):,} {s}" for s in ("written", "skipped", "rejected", "failed")))
    for r in table[table["status"].isin(["rejected", "failed"])].itertuples(index=False):
        where = f"{r.source}:{int(r.line)}" if pd.notna(r.line) else f"{r.source}"
        print(f"  {r.status}: {where}: {r.field + ': ' if isinstance(r.field, str) else ''}{r.reason}", file=sys.stderr)
    index = Path(args.out if args.out is not None else "reports").resolve() / "index.html"
    print(f"index: {index}")
    return 1 if counts.get("failed", 0) else 0


def _yaml_value(name: str, value: str):
    try:
        return yaml.safe_load(value)
    except yaml.YAMLError as error:
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise ParameterError(f"-p value {value!r} is not valid YAML: {problem}", field=name) from None


def _run_report(kind: str, parameters: dict, out, *, name: str, kernel: bool = False) -> int:
    from analysis.report import run_report

    files = run_report(kind, parameters, out_dir=out, name=name, kernel=kernel)
    print(f"report: {files.html}")
    print(f"notebook: {files.notebook}")
    if files.figures is not None:
        print(f"figures and tables: {files.figures}")
    return 0


def _kwic(args) -> int:
    from analysis.explore.kwic import concordance_lines, kwic

    table = kwic(args.path, args.pattern, window=args.window, by=args.by, limit=args.limit + 1, case=args.case)
    shown = table.head(args.limit)
    for line in concordance_lines(shown, by=args.by):
        print(line)
    more = " (more not shown: raise --limit)" if len(table) > args.limit else ""
    print(f"{len(shown)} matches of {args.pattern!r} in {shown['article_id'].nunique()} articles{more}")
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


def _sample(args) -> int:
    from analysis.codebook import sample
    from analysis.scoring.load import load_scores

    drawn = sample(load_scores(args.path, format=args.format), unit=args.unit, n=args.n, stratify=args.stratify,
                   seed=args.seed, allocation=args.allocation, labels=args.label)
    sheet, design = drawn.write(args.out)
    print(drawn.design.to_string(index=False))
    print(f"{len(drawn.sheet)} {args.unit}s of {drawn.settings['population']} written to {sheet}; design in {design}")
    return 0


def _train(args) -> int:
    from analysis.codebook.learn import save_model, train
    from analysis.validate.readers import read_coded

    coded = read_coded(args.dataset, text=args.text, label=args.label, group=args.group)
    group = args.group or ("article_id" if "article_id" in coded.columns else None)
    model = train(coded[args.text].tolist(), coded[args.label].tolist(), groups=None if group is None else coded[group].tolist(),
                  file=args.dataset, licence=args.licence, unit=args.unit, threshold=args.threshold)
    path = save_model(model, args.out)
    card = model["card"]
    for row in card["cv"]:
        if row["label"] is None:
            print(f"cross-validated {row['statistic']}: {row['value']:.3f} ({row['low']:.3f}–{row['high']:.3f}), "
                  f"{row['n']} units in {row['groups']} groups")
    print(f"model ({', '.join(card['labels'])}) written to {path}")
    return 0


def _validate_coded(args) -> int:
    from analysis.codebook import read_settings, validate_coded
    from analysis.codebook.measure import is_flag, measure_labels
    from analysis.lexicon import load_lexicon
    from analysis.validate.readers import as_flag, read_coded

    if (args.fit or args.settings) and args.measure != "biased":
        raise ParameterError(f"--fit and --settings set the sentence flag's threshold: use --measure biased, not {args.measure!r}",
                             field="measure")
    settings = read_settings(args.settings)
    probe = read_coded(args.dataset, text=args.text, label=args.label, coders=args.coder, group=args.group)
    group = args.group or ("article_id" if "article_id" in probe.columns else None)
    coded = probe.copy()
    coded.attrs = probe.attrs
    for column in dict.fromkeys([args.label, *args.coder]) if is_flag(args.measure) else ():
        coded[column] = as_flag(probe, column)
    lexicon = load_lexicon(args.lexicon, mode=args.lexicon_mode)
    predicted = measure_labels(coded[args.text].tolist(), args.measure, lexicon, settings=settings)
    result = validate_coded(coded, predicted, label=args.label, coders=args.coder, groups=group, measure=args.measure)
    for note in result.notes:
        print(note)
    print(result.figures.round(3).to_string(index=False))
    if not result.intercoder.empty:
        print("the coders among themselves:")
        print(result.intercoder.round(3).to_string(index=False))
    print(f"{len(result.disagreements)} disagreements with {args.label}")
    if args.out:
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        result.figures.to_csv(out / "agreement.csv", index=False)
        result.intercoder.to_csv(out / "intercoder.csv", index=False)
        result.confusion.to_csv(out / "confusion.csv", index=False)
        result.disagreements.to_csv(out / "disagreements.csv", index=False)
        print(f"agreement, intercoder, confusion and disagreements written to {out}")
    if args.fit:
        _fit_settings(args, coded, lexicon, settings)
    return 0


def _fit_settings(args, coded, lexicon, current) -> None:
    """``validate --fit``: the sentence flag's threshold chosen on these codes, written as settings."""
    from analysis.codebook.settings import fit_on_coded, write_settings

    fitted = fit_on_coded(coded, text=args.text, label=args.label, lexicon=lexicon, file=args.dataset, current=current)
    path = write_settings(fitted, args.fit)
    info = fitted.fitted
    print(f"fitted bias threshold {fitted.bias_threshold:g} (macro-F1 {info['macro_f1']:.3f} on these {info['units']} units; "
          f"{info['current_macro_f1']:.3f} at {current.bias_threshold:g}) written to {path}")
    print("the fitted figure is measured on the units it was fitted on: check it on other coded units "
          f"(mediakit validate OTHER.csv --format coded --settings {path})")


def _report_codebook(args) -> int:
    given = {"babe_path": str(Path(args.babe).resolve()), "limit": args.limit, "sample_size": args.sample_size, "seed": args.seed}
    return _run_report("codebook", {k: v for k, v in given.items() if v is not None}, args.out, name="codebook")


def _report_validate(args) -> int:
    names = ("basil", "babe", "newsmtsc", "nfc", "nfc_roles", "semeval_frames")
    parameters = {f"{name}_path": str(Path(value).resolve()) for name in names if (value := getattr(args, name))}
    if not parameters:
        raise MediakitError("give at least one of --basil, --babe, --newsmtsc, --nfc, --nfc-roles, --semeval-frames", field="dataset")
    if args.figures:
        parameters["figures_dir"] = figures_dir("validation")
    return _run_report("validate", parameters, args.out, name="validation", kernel=args.kernel)


if __name__ == "__main__":
    sys.exit(main())
