"""The reviewer's configuration: a TOML file with a ``[keymap]`` table.

The file lives at ``platformdirs.user_config_path("hedui") / "config.toml"``;
the ``HEDUI_CONFIG`` environment variable names another path (tests use it).
A missing file means the defaults. Example::

    [keymap]
    "review.accept" = "a,y"
    "review.reject" = "d"

Each key of ``[keymap]`` is a binding id (``?`` in the app lists them all) and
its value the comma-separated keys that replace the default ones. Anything else
is an error, one line naming the file and line: a TOML syntax error, another
table, a value that is not a string of keys, an unknown binding id, or a remap
that leaves a key of one screen with two actions (``"review.accept" = "x"``
while ``review.reject`` keeps ``x``) or takes a key another binding shares
(``j`` is both next figure and, while selecting, line down).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from hedui.core.model import HeduiError
from hedui.core.textfile import parse_toml, read_utf8

CONFIG_ENV = "HEDUI_CONFIG"


class ConfigError(HeduiError):
    """A config file that cannot be read or has the wrong shape."""


@dataclass(frozen=True)
class Config:
    keymap: dict[str, str] = field(default_factory=dict)
    path: Path | None = None
    text: str = field(default="", repr=False, compare=False)  # the file, for line numbers


def config_path(environ: dict[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    override = env.get(CONFIG_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs  # deferred: only the reviewer needs it

    return platformdirs.user_config_path("hedui") / "config.toml"


def load_config(path: Path | None = None) -> Config:
    """Read the config; a syntax or shape error is a one-line ``ConfigError``.

    This checks what needs no app: TOML syntax, known top-level tables, and that every
    ``[keymap]`` value is a non-empty string of comma-separated keys. ``check_keymap``
    checks the binding ids and clashes against the app's screens (it imports them).
    """
    path = config_path() if path is None else Path(path)
    if not path.exists():
        return Config(path=path)
    text = read_utf8(path, "config", ConfigError)
    data = parse_toml(path, text, ConfigError)
    for name in data:
        if name not in SECTIONS:
            raise ConfigError(f"{_where(path, text, name)}: unknown setting {name!r} "
                              f"(the config has only a [keymap] table)")
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict):
        raise ConfigError(f"{_where(path, text, 'keymap')}: keymap must be a table of "
                          f"\"binding.id\" = \"keys\"")
    out: dict[str, str] = {}
    for binding_id, keys in keymap.items():
        where = _where(path, text, binding_id)
        if isinstance(keys, dict):  # review.accept = "y" unquoted is a dotted key: a table
            raise ConfigError(f"{where}: keymap: {binding_id!r} is not a binding id; quote the "
                              f"dotted ids (\"{binding_id}.…\" = \"keys\")")
        if not isinstance(keys, str) or not keys.strip():
            raise ConfigError(f"{where}: keymap \"{binding_id}\" must be a non-empty string of "
                              f"keys, like \"a\" or \"a,enter\" (got {_toml_kind(keys)})")
        value = keys.replace(" ", "")
        if any(not k for k in value.split(",")):
            raise ConfigError(f"{where}: keymap \"{binding_id}\" = {keys!r}: an empty key "
                              f"(keys are separated by single commas)")
        out[binding_id] = value
    return Config(keymap=out, path=path, text=text)


SECTIONS = ("keymap",)


def _toml_kind(value: object) -> str:
    return {bool: "true/false", int: "a number", float: "a number", list: "a list",
            dict: "a table"}.get(type(value), "a date or time")


def _line_of(text: str, key: str) -> int | None:
    """1-based line where ``key`` is set in the TOML ``text`` (quoted or bare), if found."""
    quoted = (f'"{key}"', f"'{key}'")
    bare = re.compile(rf"^\s*(?:\[\s*)?{re.escape(key)}\s*[=.\]]")
    lines = text.splitlines()
    for i, line in enumerate(lines, 1):
        body = line.split("#", 1)[0] if not any(q in line for q in quoted) else line
        if any(q in body for q in quoted):
            return i
    for i, line in enumerate(lines, 1):
        if bare.match(line):
            return i
    return None


def _where(path: Path | None, text: str, key: str) -> str:
    line = _line_of(text, key) if text else None
    return f"{path}:{line}" if line else f"{path}"


# -- binding ids and clashes (these need the app's screens, hence textual) ----------------

def screen_bindings() -> dict[str, list]:
    """``{screen class name: its Binding objects}`` for every screen of the app that has
    bindings with ids (imports the screens, so textual)."""
    import importlib
    import inspect
    import pkgutil

    import hedui.app.screens as screens_pkg
    import hedui.app.widgets as widgets_pkg

    out: dict[str, list] = {}
    for pkg, info in [(p, i) for p in (screens_pkg, widgets_pkg) for i in pkgutil.iter_modules(p.__path__)]:
        module = importlib.import_module(f"{pkg.__name__}.{info.name}")
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__:
                continue
            bindings = [b for b in cls.__dict__.get("BINDINGS", ()) if getattr(b, "id", None)]
            if bindings:
                out[name] = bindings
    return out


def check_keymap(config: Config, scopes: dict[str, list] | None = None) -> None:
    """Every id of ``config.keymap`` is a binding of some screen, and after the remap no key
    of a screen does two things and no binding is left without the keys it should have.
    Raises a one-line ``ConfigError`` naming the file (and the line of the id)."""
    if not config.keymap:
        return
    scopes = screen_bindings() if scopes is None else scopes
    keymap, text, path = config.keymap, config.text, config.path
    known = {b.id for bindings in scopes.values() for b in bindings}
    for binding_id in keymap:
        if binding_id not in known:
            import difflib

            close = difflib.get_close_matches(binding_id, sorted(known), n=1, cutoff=0.75)
            hint = f" (did you mean \"{close[0]}\"?)" if close else " (the README's Keys table lists the ids)"
            raise ConfigError(f"{_where(path, text, binding_id)}: keymap: unknown binding id "
                              f"\"{binding_id}\"{hint}")
    for bindings in scopes.values():
        _check_scope(bindings, keymap, path, text)


def _keys(spec: str) -> list[str]:
    return [k.strip() for k in spec.split(",") if k.strip()]


def _check_scope(bindings: list, keymap: dict[str, str], path: Path | None, text: str) -> None:
    default: dict[str, list[str]] = {}
    for b in bindings:  # an id may appear on more than one Binding: union of their keys
        default.setdefault(b.id, [])
        default[b.id] += [k for k in _keys(b.key) if k not in default[b.id]]
    wanted = {bid: (_keys(keymap[bid]) if bid in keymap else keys) for bid, keys in default.items()}
    shared_by_default = {(k, a, b) for a in default for b in default if a != b
                         for k in default[a] if k in default[b]}
    owner: dict[str, str] = {}
    order = sorted(wanted, key=lambda bid: bid not in keymap)  # remapped first: named in the message
    for bid in order:
        for key in wanted[bid]:
            other = owner.get(key)
            if other is not None and (key, other, bid) not in shared_by_default:
                remapped = bid if bid in keymap else other
                rest = other if remapped == bid else bid
                also = "" if rest in keymap else f" (give \"{rest}\" another key too)"
                raise ConfigError(f"{_where(path, text, remapped)}: keymap: {_show(key)} would be the "
                                  f"key of both \"{remapped}\" and \"{rest}\"{also}")
            owner.setdefault(key, bid)
    # keys two bindings share by default (j for next and, while selecting, line down): a
    # remap of one takes them from the other as well, so both must be remapped
    for key, a, b in sorted(shared_by_default):
        if a in keymap and b not in keymap and key in wanted[b]:
            raise ConfigError(f"{_where(path, text, a)}: keymap: \"{a}\" shares {_show(key)} with "
                              f"\"{b}\", which would lose it; remap \"{b}\" too")
    # last, what Textual itself makes of the keymap: every binding has exactly its keys
    got = _applied(bindings, keymap)
    if got is None:
        return
    for bid in order:
        if got.get(bid, set()) != set(wanted[bid]):
            lost = sorted(set(wanted[bid]) - got.get(bid, set()))
            named = bid if bid in keymap else next((k for k in order if k in keymap), bid)
            what = f"would lose {', '.join(map(repr, lost))}" if lost else "would get other keys"
            raise ConfigError(f"{_where(path, text, named)}: keymap: with this remap \"{bid}\" "
                              f"{what}; give each action of a screen keys of its own")


def _applied(bindings: list, keymap: dict[str, str]) -> dict[str, set[str]] | None:
    """``{binding id: keys}`` as Textual applies ``keymap`` to ``bindings`` (None if these are
    not Textual bindings)."""
    try:
        from textual.binding import Binding, BindingsMap
    except ImportError:  # pragma: no cover
        return None
    if not all(isinstance(b, Binding) for b in bindings):
        return None
    bindings_map = BindingsMap(bindings)
    bindings_map.apply_keymap(keymap)
    got: dict[str, set[str]] = {}
    for key, bound in bindings_map.key_to_bindings.items():
        for b in bound:
            got.setdefault(b.id, set()).add(key)
    return got


def _show(key: str) -> str:
    return f"key {key!r}"
