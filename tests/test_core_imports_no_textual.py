"""The headless core never imports textual (harlequin's check, done twice)."""
import pkgutil
import subprocess
import sys

import hedui.core


def test_core_modules_import_without_textual():
    names = [f"hedui.core.{m.name}" for m in pkgutil.iter_modules(hedui.core.__path__)]
    assert "hedui.core.model" in names
    code = (
        "import importlib, sys\n"
        f"for n in {names!r}: importlib.import_module(n)\n"
        "import hedui.cli\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"core pulled in textual: {out.stdout}"


def test_core_sources_have_no_textual_import():
    import pathlib
    import re

    core = pathlib.Path(hedui.core.__file__).parent
    for path in core.rglob("*.py"):
        src = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(import textual|from textual)", src, re.M), path
