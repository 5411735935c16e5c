"""The reviewer's config: every mistake is one line naming the file (and line), never ignored."""
from __future__ import annotations

from pathlib import Path

import pytest

from hedui.app.config import ConfigError, check_keymap, load_config
from hedui.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "guangxi-2023.txt"


def _check(tmp_path: Path, text: str):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    config = load_config(path)
    check_keymap(config)
    return config


def _error(tmp_path: Path, text: str) -> str:
    with pytest.raises(ConfigError) as info:
        _check(tmp_path, text)
    msg = str(info.value)
    assert "\n" not in msg and str(tmp_path / "config.toml") in msg
    assert "Error" not in msg.replace("TOML syntax error", "")  # no exception class names
    return msg


@pytest.mark.parametrize("text", [
    '[keymap]\n"review.accept" = "y"\n"review.help" = "f1"\n',
    '[keymap]\n"review.accept" = "y"\n"review.reject" = "d,delete"\n',  # the README's example
    '[keymap]\n"review.accept" = "x"\n"review.reject" = "a"\n',  # a swap
    '[keymap]\n"review.next" = "space"\n"select.down" = "ctrl+j"\n',  # both sharers remapped
    '[keymap]\n"help.close" = "escape,q"\n',
    "# nothing remapped\n",
])
def test_good_keymaps(tmp_path, text):
    _check(tmp_path, text)


def test_toml_syntax_error_names_the_line(tmp_path):
    msg = _error(tmp_path, '[keymap]\n"review.accept" = "y"\n"review.reject" = \n')
    assert ":3: TOML syntax error" in msg


def test_unknown_binding_id(tmp_path):
    msg = _error(tmp_path, '[keymap]\n"review.accept" = "y"\n"review.bogus" = "k2"\n')
    assert ":3:" in msg and '"review.bogus"' in msg and "unknown binding id" in msg
    msg = _error(tmp_path, '[keymap]\n"review.acept" = "y"\n')
    assert ":2:" in msg and 'did you mean "review.accept"' in msg


@pytest.mark.parametrize("value, kind", [("3", "a number"), ('["a"]', "a list"), ("true", "true/false"),
                                         ('""', None), ('"a,"', None)])
def test_values_must_be_strings_of_keys(tmp_path, value, kind):
    msg = _error(tmp_path, f'[keymap]\n\n"review.accept" = {value}\n')
    assert ":3:" in msg and "review.accept" in msg
    if kind:
        assert kind in msg


def test_unquoted_dotted_id(tmp_path):
    msg = _error(tmp_path, "[keymap]\nreview.accept = \"y\"\n")
    assert ":2:" in msg and "quote" in msg


def test_other_tables_are_not_ignored(tmp_path):
    msg = _error(tmp_path, '[keymaps]\n"review.accept" = "y"\n')
    assert ":1:" in msg and "keymaps" in msg


def test_a_remap_onto_a_key_in_use_is_a_clash(tmp_path):
    msg = _error(tmp_path, '[keymap]\n"review.accept" = "x"\n')
    assert ":2:" in msg and '"review.accept"' in msg and '"review.reject"' in msg and "'x'" in msg
    msg = _error(tmp_path, '[keymap]\n"review.accept" = "y"\n"review.reject" = "y"\n')
    assert "review.accept" in msg and "review.reject" in msg
    # the selection keys live on the same screen
    msg = _error(tmp_path, '[keymap]\n"review.accept" = "enter"\n')
    assert "select.confirm" in msg


def test_a_remap_that_takes_a_shared_key_from_another_binding(tmp_path):
    msg = _error(tmp_path, '[keymap]\n"review.next" = "space"\n')
    assert ":2:" in msg and "select.down" in msg


@pytest.fixture
def no_app(monkeypatch):
    import hedui.app.app as app_module
    import hedui.app.extraction_process as ep

    def refuse(*args, **kwargs):
        raise AssertionError("the app was started")

    monkeypatch.setattr(ep, "start_extraction", lambda *a, **k: None)
    monkeypatch.setattr(app_module, "make_app", refuse)


@pytest.mark.parametrize("text, where", [
    ('[keymap]\n"review.bogus" = "y"\n', ":2:"),
    ('[keymap]\n"review.accept" = "x"\n', ":2:"),
    ('[keymap]\n"review.accept" = 1\n', ":2:"),
    ("[keymap\n", ":1:"),
])
def test_review_stops_before_the_app(tmp_path, monkeypatch, capsys, no_app, text, where):
    config = tmp_path / "config.toml"
    config.write_text(text, encoding="utf-8")
    monkeypatch.setenv("HEDUI_CONFIG", str(config))
    assert main(["review", str(SEED), "--sessions", str(tmp_path / "sessions")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"hedui: {config}{where} ")
