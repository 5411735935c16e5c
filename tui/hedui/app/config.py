"""The reviewer's configuration: a TOML file with a ``[keymap]`` table.

The file lives at ``platformdirs.user_config_path("hedui") / "config.toml"``;
the ``HEDUI_CONFIG`` environment variable names another path (tests use it).
A missing file means the defaults. Example::

    [keymap]
    "review.accept" = "a,enter"
    "review.reject" = "d"

Each key of ``[keymap]`` is a binding id (``?`` in the app lists them all) and
its value the comma-separated keys that replace the default ones.
"""
from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from hedui.core.model import HeduiError

CONFIG_ENV = "HEDUI_CONFIG"


class ConfigError(HeduiError):
    """A config file that cannot be read or has the wrong shape."""


@dataclass(frozen=True)
class Config:
    keymap: dict[str, str] = field(default_factory=dict)
    path: Path | None = None


def config_path(environ: dict[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    override = env.get(CONFIG_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs  # deferred: only the reviewer needs it

    return platformdirs.user_config_path("hedui") / "config.toml"


def load_config(path: Path | None = None) -> Config:
    """Read the config; a syntax or shape error is a one-line ``ConfigError``."""
    path = config_path() if path is None else Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config(path=path)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config ({exc.strerror or exc})") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: config is not UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"\(at line (\d+), column \d+\)", msg)
        line = m.group(1) if m else "?"
        msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", msg)
        raise ConfigError(f"{path}:{line}: TOML syntax error: {msg}") from None
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict):
        raise ConfigError(f"{path}: [keymap] must be a table of binding-id = \"keys\"")
    for binding_id, keys in keymap.items():
        if not isinstance(keys, str) or not keys.strip():
            raise ConfigError(f"{path}: keymap.{binding_id} must be a non-empty string of keys")
    return Config(keymap={k: v.replace(" ", "") for k, v in keymap.items()}, path=path)
