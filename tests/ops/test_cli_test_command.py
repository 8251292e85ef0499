"""`asb test` hands every word after it to pytest, as the README says (`bin/asb test -k workdays`);
it failed with "unrecognized arguments: -k" before session 21."""

from __future__ import annotations

import pytest

from ops import cli


@pytest.mark.parametrize(
    ("words", "to_pytest"),
    [
        ([], []),
        (["-k", "workdays"], ["-k", "workdays"]),
        (
            ["tests/core", "-k", "workdays", "-n", "0", "-x"],
            ["tests/core", "-k", "workdays", "-n", "0", "-x"],
        ),
        (["--", "-k", "workdays"], ["-k", "workdays"]),
    ],
)
def test_the_words_after_test_go_to_pytest(words: list[str], to_pytest: list[str]) -> None:
    args = cli.build_parser().parse_args(["test", *words])
    assert args.func is cli.cmd_test
    assert args.pytest_args == to_pytest


def test_the_other_commands_still_read_their_options() -> None:
    args = cli.build_parser().parse_args(["run", "--instances", "2"])
    assert (args.func, args.instances) == (cli.cmd_run, 2)
