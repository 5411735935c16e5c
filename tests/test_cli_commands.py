"""The CLI registers only the command it is given (``cli.build_parser(argv)``): its map from
command names to modules must name every command the modules register, and a command
must parse the same way alone as among all."""
from __future__ import annotations

import argparse

import pytest

from hedui.cli import COMMAND_MODULES, build_parser, main


def _commands(parser: argparse.ArgumentParser) -> set[str]:
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return set(sub.choices)


def test_the_map_names_every_registered_command_and_no_other():
    assert _commands(build_parser()) == set(COMMAND_MODULES)


@pytest.mark.parametrize("name", sorted(COMMAND_MODULES))
def test_a_named_command_is_registered_alone_with_its_module(name):
    alone = build_parser([name])
    assert name in _commands(alone)
    module = COMMAND_MODULES[name]
    assert _commands(alone) == {n for n, m in COMMAND_MODULES.items() if m == module}


def test_a_command_parses_alike_alone_and_among_all():
    argv = ["extract", "--excluded", "--jobs", "2", "a.txt"]
    alone, among = build_parser(argv).parse_args(argv), build_parser().parse_args(argv)
    assert {k: v for k, v in vars(alone).items() if k != "run"} == {k: v for k, v in vars(among).items() if k != "run"}


def test_an_unknown_command_is_refused_naming_the_choices(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["nope"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'nope'" in err and "'extract'" in err and "'review'" in err
