import codecs
import json

import pytest

from analysis import InputError, load_article

BODY = "Officials slammed the plan on Monday.\nThe minister said it would pass.\n"


def test_seed_layout(seed_article):
    a = seed_article
    assert a.id == "xi-moscow-visit"
    assert a.title is None  # the seed starts with its bullets
    kinds = [p.kind for p in a.parts]
    assert kinds == ["highlight", "highlight", "highlight", "body"]
    assert a.text[a.parts[0].start:a.parts[0].end] == "Xi Jinping, the Chinese leader will go to Moscow next week."
    assert a.text[a.body.start:].startswith("Xi Jinping, the Chinese leader, will go to Moscow")
    # the body stops before the CMS shortcode, which is listed as removed
    assert a.text[:a.body.end].endswith("will give them a new impetus,” he added.")
    (removed,) = a.removed
    assert removed.kind == "cms_shortcode"
    assert a.text[removed.start:removed.end] == removed.text
    assert removed.text.startswith("[embedpost slug=")
    assert len(a.masked) == len(a.text)
    assert "embedpost" not in a.masked


def test_text_is_kept_exactly_as_read(seed_path, seed_article):
    assert seed_article.text == seed_path.read_text(encoding="utf-8")


def test_title_line_then_bullets(write):
    a = load_article(write("a.txt", "Leaders meet in Moscow\n- First point.\n- Second point.\n" + BODY))
    assert a.title == "Leaders meet in Moscow"
    assert [p.kind for p in a.parts] == ["title", "highlight", "highlight", "body"]


@pytest.mark.parametrize(
    "raw, encoding",
    [
        (BODY.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + BODY.encode("utf-8"), "utf-8-sig"),
        (BODY.encode("utf-16"), "utf-16"),  # Python writes a BOM
        (codecs.BOM_UTF16_BE + BODY.encode("utf-16-be"), "utf-16"),
    ],
)
def test_accepted_encodings(write, raw, encoding):
    a = load_article(write("a.txt", raw))
    assert a.text == BODY  # the BOM is not part of the text
    assert a.encoding == encoding


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "is empty"),
        (b"  \n\n ", "is empty"),
        ("Caf\u00e9 au lait, said the minister.".encode("latin-1"), "is not valid UTF-8"),
        (bytes(range(256)) * 4, "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ],
)
def test_rejected_inputs_are_named(write, content, message):
    path = write("bad.txt", content)
    with pytest.raises(InputError) as caught:
        load_article(path)
    assert message in str(caught.value)
    assert caught.value.file == str(path)


def test_missing_path_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_article(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        load_article(tmp_path)


def test_json_article(write):
    a = load_article(write("a.json", json.dumps({"title": "T", "text": BODY, "outlet": "Wire", "id": 7})))
    assert (a.title, a.outlet, a.id, a.text) == ("T", "Wire", "7", BODY)


@pytest.mark.parametrize(
    "record, field",
    [({"title": "no text"}, "text"), ({"text": 5}, "text"), ({"text": "   "}, "text"), ({"text": "x", "title": 3}, "title")],
)
def test_json_bad_fields_name_the_field(write, record, field):
    with pytest.raises(InputError) as caught:
        load_article(write("a.json", json.dumps(record)))
    assert caught.value.field == field


def test_json_syntax_error_names_the_line(write):
    with pytest.raises(InputError) as caught:
        load_article(write("a.json", '{\n "text": "x",\n oops\n}'))
    assert caught.value.line == 3


def test_markdown_syntax_is_set_aside_not_deleted(write):
    md = "# A **bold** plan\n\nThe [minister](https://example.org/x) *slammed* it.\n"
    a = load_article(write("a.md", md))
    assert a.text == md
    # the title is taken from the masked heading: "#" and each "**" set aside as spaces
    assert a.title == "A   bold   plan"
    assert "https://example.org" not in a.masked
    assert {r.kind for r in a.removed} >= {"markdown_syntax", "markdown_link_target"}
    start = a.masked.index("minister")
    assert a.text[start:start + 8] == "minister"


def test_html_main_text(write):
    html = """<html><head><title>Big vote</title></head><body>
    <nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Big vote</h1>
    <p>The rubber-stamp legislature approved the plan on Friday after a short debate in the capital.</p>
    <p>Critics slammed the decision, calling it a sham that ignored months of public protest.</p>
    <p>The government said the law would take effect next month, according to officials.</p>
    </article><footer>Copyright 2026 Example News. All rights reserved.</footer></body></html>"""
    a = load_article(write("a.html", html))
    assert "rubber-stamp legislature approved" in a.text
    assert "Copyright" not in a.text and "Home" not in a.text
    assert a.format == "html"


def test_html_without_text_is_an_error(write):
    with pytest.raises(InputError, match="no main article text"):
        load_article(write("a.html", "<html><head><title>x</title></head><body><script>var a=1;</script></body></html>"))


def test_cleaning_keeps_editorial_brackets(write):
    a = load_article(write("a.txt", "He said the plan [sic] was fine. [caption id=\"1\"]Photo[/caption] More text.\n"))
    kinds = [(r.kind, r.text) for r in a.removed]
    assert ("cms_shortcode", '[caption id="1"]') in kinds and ("cms_shortcode", "[/caption]") in kinds
    assert "[sic]" in a.masked


def test_masked_writes_every_horizontal_space_as_a_plain_one_and_keeps_the_offsets():
    # a no-break, a narrow no-break and a thin space: the measures' patterns match " " or a tab
    # between words, so each is " " in masked; the text itself is untouched
    from analysis.io.article_file import make_article
    from analysis.measures.quotes import quotes

    text = "A headline\n\n“We will win,”\u00a0said John\u202fSmith on\u2009Monday."
    a = make_article(text, fmt="text", id="s")
    assert a.text == text and len(a.masked) == len(text)
    assert a.masked == text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " ")
    said = quotes(a)
    assert (said["speaker"][0], said["cue"][0]) == ("John Smith", "after")
    start = text.index("John")
    assert (said["speaker_start"][0], said["speaker_end"][0]) == (start, start + len("John\u202fSmith"))
    assert make_article("No odd spaces here.", fmt="text", id="p").masked == "No odd spaces here."
