"""Frames in the comparisons: the ``frame:<scheme>:<frame>`` measures and ``frame_voice``, on
a hand-built corpus of three articles from two outlets."""

import numpy as np
import pandas as pd
import pytest

from analysis import Scores, frame_voice
from analysis.compare import article_measures, compare_outlets, over_time
from analysis.compare.measures import BASE_MEASURES, measure_columns, measure_labels
from analysis.errors import InputError
from analysis.schema import FRAMES, FrameRow
from analysis.schema.rows import rows_frame


def frame_row(article, scheme, frame, present, journalist=0, quoted=0):
    hits = journalist + quoted
    return FrameRow(article_id=article, scheme=scheme, frame=frame, score=0.6 if present else 0.1, present=present,
                    strength=1.0, threshold=0.8, sentences=hits, hits=hits, journalist_hits=journalist, quoted_hits=quoted)


def hand_scores() -> Scores:
    """a1, a2 from Left Post, b1 from Right Daily. Conflict: present in a1 (2 journalist, 1
    quoted hit), a2 (0 journalist, 1 quoted) and b1 (4 journalist); economic: present in b1
    only (1 quoted hit; a2 has a hit but not enough for the frame); policy political: a1 only."""
    articles = pd.DataFrame({"article_id": ["a1", "a2", "b1"], "outlet": ["Left Post", "Left Post", "Right Daily"],
                             "words": [300, 300, 300], "polarity": [0.1, 0.2, -0.3],
                             "published": ["2024-01-05", "2024-02-05", "2024-01-20"]})
    rows = [
        frame_row("a1", "generic", "conflict", True, 2, 1), frame_row("a1", "generic", "economic", False),
        frame_row("a1", "policy", "political", True, 1, 0),
        frame_row("a2", "generic", "conflict", True, 0, 1), frame_row("a2", "generic", "economic", False, 1, 0),
        frame_row("a2", "policy", "political", False),
        frame_row("b1", "generic", "conflict", True, 4, 0), frame_row("b1", "generic", "economic", True, 0, 1),
        frame_row("b1", "policy", "political", False),
    ]
    return Scores(articles=articles, frames=rows_frame(rows, FRAMES))


def test_frame_measures_are_present_as_zero_or_one_after_the_others():
    measures = article_measures(hand_scores())
    names = measure_columns(measures)
    assert names == ["polarity", "frame:generic:conflict", "frame:generic:economic", "frame:policy:political"]
    assert measures["frame:generic:conflict"].tolist() == [1.0, 1.0, 1.0]
    assert measures["frame:generic:economic"].tolist() == [0.0, 0.0, 1.0]
    assert measures["frame:policy:political"].tolist() == [1.0, 0.0, 0.0]
    labels = measure_labels(names)
    assert labels["frame:generic:conflict"] == "generic frame: conflict (share of articles)"
    assert labels["frame:policy:political"] == "policy frame: political (share of articles)"
    assert labels["polarity"] == BASE_MEASURES["polarity"]


def test_frame_measures_follow_the_schemes_order_not_the_tables():
    scores = hand_scores()
    shuffled = scores.frames.iloc[::-1].reset_index(drop=True)
    names = measure_columns(article_measures(Scores(articles=scores.articles, frames=shuffled)))
    assert names[1:] == ["frame:generic:conflict", "frame:generic:economic", "frame:policy:political"]


def test_an_article_without_frame_rows_has_no_value_not_zero():
    scores = hand_scores()
    frames = scores.frames[scores.frames["article_id"] != "a2"]
    measures = article_measures(Scores(articles=scores.articles, frames=frames))
    assert np.isnan(measures.loc[1, "frame:generic:economic"])
    assert measures.loc[2, "frame:generic:economic"] == 1.0


def test_no_frames_table_no_frame_measures():
    scores = hand_scores()
    assert measure_columns(article_measures(Scores(articles=scores.articles))) == ["polarity"]


def test_a_groups_mean_is_the_frames_prevalence():
    comparison = compare_outlets(hand_scores(), min_articles=2, groups=["Left Post"])
    summary = comparison.summary.set_index("measure")
    assert summary.loc["frame:generic:conflict", "mean"] == 1.0
    assert summary.loc["frame:policy:political", "mean"] == 0.5
    assert summary.loc["frame:generic:economic", "mean"] == 0.0
    assert summary.loc["frame:policy:political", "label"] == "policy frame: political (share of articles)"
    # two articles, one with the frame: every resample's mean is 0, 0.5 or 1
    assert 0.0 <= summary.loc["frame:policy:political", "ci_low"] <= 0.5 <= summary.loc["frame:policy:political", "ci_high"] <= 1.0


def test_frames_over_time():
    trend = over_time(hand_scores(), freq="M")
    row = trend[(trend["measure"] == "frame:policy:political") & (trend["group"] == "Left Post")]
    assert row["mean"].tolist() == [1.0, 0.0]  # a1 in January, a2 in February
    assert row["period"].dt.month.tolist() == [1, 2]


def test_frame_voice_by_hand():
    voice = frame_voice(hand_scores())
    assert list(voice.columns) == ["group", "scheme", "frame", "articles", "hits", "journalist_hits", "quoted_hits",
                                   "journalist_share", "ci_low", "ci_high"]
    rows = {(r.group, r.scheme, r.frame): r for r in voice.itertuples(index=False)}
    # a2's economic hit does not count: the frame is not present there
    assert set(rows) == {("Left Post", "generic", "conflict"), ("Left Post", "policy", "political"),
                         ("Right Daily", "generic", "conflict"), ("Right Daily", "generic", "economic")}
    left = rows["Left Post", "generic", "conflict"]
    assert (left.articles, left.hits, left.journalist_hits, left.quoted_hits) == (2, 4, 2, 2)
    assert left.journalist_share == pytest.approx((2 / 3 + 0 / 1) / 2)  # mean of per-article shares, not 2/4
    assert 0.0 <= left.ci_low <= left.journalist_share <= left.ci_high <= 2 / 3
    right = rows["Right Daily", "generic", "conflict"]
    assert (right.articles, right.journalist_share) == (1, 1.0)
    assert np.isnan(right.ci_low) and np.isnan(right.ci_high)  # one article: no interval
    assert rows["Right Daily", "generic", "economic"].journalist_share == 0.0
    assert list(voice["group"]) == ["Left Post", "Left Post", "Right Daily", "Right Daily"]


def test_frame_voice_groups_are_kept_in_the_order_asked_and_reproducible():
    voice = frame_voice(hand_scores(), groups=["Right Daily", "Left Post"])
    assert list(dict.fromkeys(voice["group"])) == ["Right Daily", "Left Post"]
    assert frame_voice(hand_scores(), groups=["Right Daily"])["group"].unique().tolist() == ["Right Daily"]
    pd.testing.assert_frame_equal(frame_voice(hand_scores()), frame_voice(hand_scores()))


def test_frame_voice_without_frames_or_column():
    scores = hand_scores()
    assert frame_voice(Scores(articles=scores.articles)).empty
    with pytest.raises(InputError):
        frame_voice(scores, by="bias")


def test_scored_article_has_every_frame_measure(seed_scores):
    names = measure_columns(article_measures(seed_scores))
    frames = [n for n in names if n.startswith("frame:")]
    assert len(frames) == 19 and frames[0] == "frame:generic:conflict"
    assert names[: len(names) - 19] == [n for n in names if not n.startswith("frame:")]


def test_frame_voice_above_the_switch_agrees_with_the_bootstrap_within_monte_carlo_error():
    """A group of 600 articles carrying the frame: the interval resampled (exact_max above 600)
    and drawn from the large-sample limit (exact_max 100) agree within Monte Carlo error on
    several seeds, and are not the same draws."""
    rng = np.random.default_rng(5)
    journalist, quoted = rng.integers(0, 4, 600), rng.integers(1, 3, 600)
    ids = [f"a{i}" for i in range(600)]
    articles = pd.DataFrame({"article_id": ids, "outlet": "Only", "words": 300})
    rows = [frame_row(a, "generic", "conflict", True, int(j), int(q)) for a, j, q in zip(ids, journalist, quoted)]
    scores = Scores(articles=articles, frames=rows_frame(rows, FRAMES))
    shares = journalist / (journalist + quoted)
    se = shares.std() / np.sqrt(len(shares))
    for seed in (1, 2, 3):
        exact = frame_voice(scores, seed=seed, exact_max=10_000).iloc[0]
        limit = frame_voice(scores, seed=seed, exact_max=100).iloc[0]
        assert exact.journalist_share == limit.journalist_share == pytest.approx(shares.mean())
        assert limit.ci_low != exact.ci_low
        # a 2.5% end point of 2,000 draws has a Monte Carlo SD of about 0.06 SE; allow 4 of them
        assert abs(limit.ci_low - exact.ci_low) < 0.25 * se and abs(limit.ci_high - exact.ci_high) < 0.25 * se
        assert limit.ci_high - limit.ci_low == pytest.approx(2 * 1.96 * se, rel=0.1)


def test_frame_voice_reads_only_present_rows_from_a_folder_and_keeps_the_tables_order(tmp_path):
    """From a folder of several parts, ``frame_voice`` reads only the rows of present frames
    (``read_scored``'s ``where``, part by part) and gives the in-memory table; the frames stay
    in the table's order even when a later pair is the first present (economic in b1 only,
    after conflict and political in a1: economic still comes second)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from analysis.io.parquet import write_manifest
    from analysis.io.scored import read_scored

    scores = hand_scores()
    folder = tmp_path / "run"
    parts = {"articles": [scores.articles], "frames": [scores.frames.iloc[:4], scores.frames.iloc[4:]]}
    for name, pieces in parts.items():
        (folder / name).mkdir(parents=True)
        for i, piece in enumerate(pieces):
            pq.write_table(pa.Table.from_pandas(piece, preserve_index=False), folder / name / f"part-{i:05d}.parquet")
    write_manifest(folder, {"tables": list(parts), "counts": {"read": 3, "scored": 3, "rejected": 0},
                            "parts": {name: [f"{name}/part-{i:05d}.parquet" for i in range(len(p))] for name, p in parts.items()}})
    got = frame_voice(Scores.from_folder(folder), "outlet")
    pd.testing.assert_frame_equal(got, frame_voice(scores, "outlet"), check_exact=True)
    right = got[got["group"] == "Right Daily"]
    assert right["frame"].tolist() == ["conflict", "economic"]
    present = read_scored(folder, "frames", ["article_id", "frame", "present"], where=lambda f: f["present"].to_numpy())
    assert present["article_id"].astype(str).tolist() == ["a1", "a1", "a2", "b1", "b1"]
    assert isinstance(present["frame"].dtype, pd.CategoricalDtype)
