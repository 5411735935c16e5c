"""Refused report files get an accurate reason: a stray NUL is not 'UTF-16 without a BOM'."""
from __future__ import annotations

import pytest

from hedui.cli import main
from hedui.core.text.decoding import DecodeFailure, decode_report_bytes


def _reason(data: bytes) -> str:
    with pytest.raises(DecodeFailure) as info:
        decode_report_bytes(data)
    return str(info.value)


def test_latin1_with_one_nul_is_not_called_utf16():
    data = "Café résumé naïve\x00 über".encode("latin-1")
    assert _reason(data) == "not a text report: 1 NUL byte (at byte 17)"


def test_a_few_nuls_are_counted_many_are_binary():
    assert _reason("工会报告".encode() + b"\0abc\0") == "not a text report: 2 NUL bytes (first at byte 12)"
    assert _reason(b"\x00\x01binary\x00" * 50) == "not a text report (binary data: NUL bytes)"


def test_nul_characters_after_a_bom():
    data = b"\xff\xfe" + "工会报告\x00".encode("utf-16-le")
    assert _reason(data) == "not a text report: 1 NUL character (at character 4)"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_still_named(codec):
    data = ("2023年工作报告 (report) 全年增长12%\n" * 3).encode(codec)
    assert "UTF-16 without a byte-order mark" in _reason(data)


def test_undecodable_without_nuls():
    data = b"abc \x80\xff\xfe\x80 def"
    assert _reason(data) == "cannot decode as UTF-8, UTF-16 (with BOM), GB18030 or Big5"


def test_through_the_command(tmp_path, capsys):
    p = tmp_path / "latin.txt"
    p.write_bytes("Café\x00 résumé".encode("latin-1"))
    assert main(["extract", str(p)]) == 1
    err = capsys.readouterr().err
    assert err == f"hedui: {p}: not a text report: 1 NUL byte (at byte 4)\n"
