"""Report loading: encoding detection by strict decoding, never-altered text, one-line errors."""
from __future__ import annotations

import hashlib
import pathlib

import opencc
import pytest

from hedui.core.text.artefact_rules import load_artefact_rules
from hedui.core.text.decoding import decode_report_bytes, plausibility
from hedui.core.model import ReportError, RulesError
from hedui.core.text.report import load_report

ROOT = pathlib.Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
DEV = sorted((ROOT / "tests/data/dev/reports").glob("*.txt"))
HELDOUT = ROOT / "tests/data/heldout/reports"


@pytest.fixture(scope="module")
def rules():
    return load_artefact_rules()


def _paragraphs(path: pathlib.Path, n: int = 2000) -> str:
    return path.read_text(encoding="utf-8")[:n]


@pytest.fixture(scope="module")
def simplified_text() -> str:
    """Real simplified report text that GBK can encode (a seed, with CRLF and odd spacing kept)."""
    t = _paragraphs(ROOT / "seeds/wuwei-2022.txt") + "\r\n  last line\r\n"
    return t.encode("gbk", errors="ignore").decode("gbk")


@pytest.fixture(scope="module")
def traditional_text() -> str:
    """Real report text in traditional characters that Big5 can encode."""
    t = opencc.OpenCC("s2t").convert(_paragraphs(ROOT / "seeds/zhuzhou-2020.txt"))
    return t.encode("big5", errors="ignore").decode("big5")


@pytest.mark.parametrize("path", SEEDS + DEV, ids=lambda p: p.name)
def test_real_reports_load_unaltered(path, rules):
    raw = path.read_bytes()
    report = load_report(path, artefact_rules=rules)
    assert report.encoding == "utf-8"
    assert report.text == raw.decode("utf-8")  # nothing normalised
    assert report.sha256 == hashlib.sha256(raw).hexdigest()
    assert report.path == path
    assert list(report.artefacts) == sorted(report.artefacts, key=lambda a: (a.start, a.end, a.kind))


def test_real_big5_page_is_detected(rules):
    path = HELDOUT / "big5-web-page.txt"
    raw = path.read_bytes()
    report = load_report(path, artefact_rules=rules)
    assert report.encoding == "big5"
    assert report.text == raw.decode("big5")
    assert "雲峰縣" in report.text


@pytest.mark.parametrize("codec", ["gb18030", "gbk"])
def test_gb_encodings_detected_as_gb18030(tmp_path, rules, simplified_text, codec):
    p = tmp_path / f"r-{codec}.txt"
    p.write_bytes(simplified_text.encode(codec))
    report = load_report(p, artefact_rules=rules)
    assert report.encoding == "gb18030"
    assert report.text == simplified_text
    assert "\r\n" in report.text


@pytest.mark.parametrize("codec", ["big5", "cp950"])
def test_big5_detected_although_gb18030_also_decodes(tmp_path, rules, traditional_text, codec):
    data = traditional_text.encode(codec)
    data.decode("gb18030")  # the trap: GB18030 decodes it too, as nonsense
    p = tmp_path / "r.txt"
    p.write_bytes(data)
    report = load_report(p, artefact_rules=rules)
    assert report.encoding in ("big5", "cp950")
    assert report.text == traditional_text


def test_gb18030_beyond_gbk(tmp_path, rules):
    text = "工会报告𠀀€增长12%"  # a CJK Ext-B character and the euro sign need 4-byte GB18030
    p = tmp_path / "r.txt"
    p.write_bytes(text.encode("gb18030"))
    assert load_report(p, artefact_rules=rules).text == text


@pytest.mark.parametrize(
    "bom,codec,name",
    [(b"\xef\xbb\xbf", "utf-8", "utf-8-sig"), (b"\xff\xfe", "utf-16-le", "utf-16-le"),
     (b"\xfe\xff", "utf-16-be", "utf-16-be")],
)
def test_byte_order_marks(tmp_path, rules, simplified_text, bom, codec, name):
    p = tmp_path / "r.txt"
    p.write_bytes(bom + simplified_text.encode(codec))
    report = load_report(p, artefact_rules=rules)
    assert report.encoding == name
    assert report.text == simplified_text  # the BOM belongs to the encoding, not the text
    assert not report.text.startswith("\ufeff")


def test_plausibility_separates_real_text_from_wrong_decoding(traditional_text, simplified_text):
    big5 = traditional_text.encode("big5")
    assert plausibility(traditional_text) > 0.9
    assert plausibility(simplified_text) > 0.9
    assert plausibility(big5.decode("gb18030")) < plausibility(traditional_text) - 0.2


def test_short_gbk_that_big5_can_decode_stays_gb():
    # GB2312 level-1 text whose bytes are also valid Big5 (as other characters)
    for word in ["增长百分之五", "我们的工作很好", "工会", "产业工人"]:
        data = word.encode("gbk")
        assert decode_report_bytes(data) == (word, "gb18030")


# ---------------------------------------------------------------- bad input


def _one_line_error(exc: pytest.ExceptionInfo, path) -> str:
    msg = str(exc.value)
    assert "\n" not in msg
    assert msg.startswith(f"{path}: ")
    return msg


def test_missing_file(tmp_path):
    p = tmp_path / "nope.txt"
    with pytest.raises(ReportError) as exc:
        load_report(p)
    assert "no such file" in _one_line_error(exc, p)


def test_directory(tmp_path):
    with pytest.raises(ReportError) as exc:
        load_report(tmp_path)
    assert "directory" in _one_line_error(exc, tmp_path)


def test_empty_path():
    with pytest.raises(ReportError) as exc:
        load_report("")
    assert "\n" not in str(exc.value) and "no report file" in str(exc.value)


def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    with pytest.raises(ReportError) as exc:
        load_report(p)
    assert "empty" in _one_line_error(exc, p)


def test_binary_junk_with_nuls(tmp_path):
    p = tmp_path / "junk.txt"
    p.write_bytes(bytes(range(256)) * 64)
    with pytest.raises(ReportError) as exc:
        load_report(p)
    assert "not a text report" in _one_line_error(exc, p)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_named(tmp_path, codec):
    p = tmp_path / "u16.txt"
    p.write_bytes("2023年工作报告 (report) 全年增长12%".encode(codec))
    with pytest.raises(ReportError) as exc:
        load_report(p)
    assert "UTF-16 without a byte-order mark" in _one_line_error(exc, p)


def test_bytes_that_gb18030_decodes_into_rare_characters_are_refused(tmp_path):
    # two-byte codes of GBK's third area (lead 0x81-0xA0): strictly valid GB18030, not Big5,
    # decoding to rare characters no report is written in
    data = bytes(b for i in range(300) for b in (0x81 + i % 32, 0x40 + (i * 7) % 63))
    data.decode("gb18030")
    p = tmp_path / "junk.txt"
    p.write_bytes(data)
    with pytest.raises(ReportError) as exc:
        load_report(p)
    assert "cannot decode: not UTF-8, and as gb18030 it is not Chinese text" in _one_line_error(exc, p)


def test_utf8_text_with_nuls_is_binary(tmp_path):
    p = tmp_path / "nul.txt"
    p.write_bytes("工会".encode() + b"\0" * 100)
    with pytest.raises(ReportError) as exc:
        load_report(p)
    assert "not a text report" in _one_line_error(exc, p)


def test_undecodable(tmp_path):
    p = tmp_path / "bad.txt"
    p.write_bytes("工会报告".encode("gbk") + b"\xff\xff\x80\xff")
    with pytest.raises(ReportError) as exc:
        load_report(p)
    assert "cannot decode" in _one_line_error(exc, p)


def test_damaged_utf8_is_refused_not_read_as_gb18030(tmp_path):
    raw = (ROOT / "seeds/echeng-2019h1.txt").read_bytes()
    lead = next(i for i in range(len(raw) // 2, len(raw)) if raw[i] >= 0xE0)
    p = tmp_path / "cut.txt"
    p.write_bytes(raw[:lead] + raw[lead + 1:])  # one byte lost in the middle
    raw[:lead].decode("utf-8")  # the text before the damage is valid UTF-8
    with pytest.raises(ReportError) as exc:
        load_report(p)
    assert f"invalid UTF-8 at byte {lead}" in _one_line_error(exc, p)


def test_broken_utf16_after_bom(tmp_path):
    p = tmp_path / "u16.txt"
    p.write_bytes(b"\xff\xfe" + "工会".encode("utf-16-le") + b"\x00\xd8")  # lone surrogate
    with pytest.raises(ReportError) as exc:
        load_report(p)
    assert "utf-16-le" in _one_line_error(exc, p)


def test_unreadable_file(tmp_path, monkeypatch):
    p = tmp_path / "secret.txt"
    p.write_text("工会", encoding="utf-8")

    def refuse(self):  # permission bits do not stop root, so fail the read itself
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(pathlib.Path, "read_bytes", refuse)
    with pytest.raises(ReportError) as exc:
        load_report(p)
    assert "permission denied" in _one_line_error(exc, p)


def test_io_error_is_one_line(tmp_path, monkeypatch):
    p = tmp_path / "r.txt"
    p.write_text("工会", encoding="utf-8")

    def broken(self):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(pathlib.Path, "read_bytes", broken)
    with pytest.raises(ReportError) as exc:
        load_report(p)
    assert "cannot read (Input/output error)" in _one_line_error(exc, p)


def test_bad_rules_dir_gives_rules_error(tmp_path):
    (tmp_path / "artefacts.toml").write_text('[[rule]]\nid = "x"\nkind = "pinyin"\npattern = "("\n', "utf-8")
    report = tmp_path / "r.txt"
    report.write_text("工会", encoding="utf-8")
    with pytest.raises(RulesError) as exc:
        load_report(report, rules_dir=tmp_path)
    assert str(exc.value).startswith(f"{tmp_path / 'artefacts.toml'}:2: ")
