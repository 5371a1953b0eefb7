"""Start-up cost of the kit (issue #16): ``import analysis`` loads none of the measures'
libraries, and the scoring path does not load TextBlob's NLTK (nor SciPy through it)."""

import subprocess
import sys


def _loaded_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    return set(out.split())


def test_import_analysis_is_lazy_but_keeps_its_names():
    loaded = _loaded_after("import analysis")
    assert not {"pandas", "numpy", "textblob", "duckdb"} & loaded
    code = ("import analysis; missing = [n for n in analysis.__all__ if getattr(analysis, n, None) is None]; "
            "assert not missing, missing; assert set(analysis.__all__) <= set(dir(analysis))")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_unknown_name_is_an_attribute_error():
    import analysis

    try:
        analysis.no_such_function
    except AttributeError as error:
        assert "no_such_function" in str(error)
    else:
        raise AssertionError("analysis.no_such_function did not raise")


def test_scoring_does_not_import_nltk_and_textblob_still_works():
    loaded = _loaded_after("import analysis.scoring.score")
    assert "nltk" not in loaded and "scipy.stats" not in loaded
    # textblob imported afterwards is the whole package, and agrees with the kit's fast path
    code = ("from analysis.measures.pattern import sentiment; from textblob import TextBlob; "
            "t = 'A truly terrible, shameful decision.'; s = TextBlob(t).sentiment; f = sentiment(t); "
            "assert tuple(f) == (s.polarity, s.subjectivity), (f, s)")
    subprocess.run([sys.executable, "-c", code], check=True)
