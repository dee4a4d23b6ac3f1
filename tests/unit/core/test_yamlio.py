"""YAML from model artefacts: every failure is a YAMLError at a line, never a crash."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from opengauge import api, yamlio
from opengauge.evidence.frontmatter import parse_front_matter

# Values PyYAML's safe constructors fail on with ValueError, KeyError, IndexError, TypeError or
# AttributeError instead of a YAMLError (found by fuzzing model cards and declarations).
UNBUILDABLE = [  # (text, what the message says, 0-based line of the bad value)
    ("x: !!float", "as float", 0),
    ("x: !!int", "as int", 0),
    ("x: !!float abc", "as float", 0),
    ("a: 1\nb:\n  c: [1, !!bool maybe]", "as bool", 2),
    ("? !!float\n: 1", "as float", 0),
    ("x: !!timestamp 2001-13-45", "as timestamp", 0),
    ("a: b\nx: 2001-12-14 21:59:43.10 +99:99", "as timestamp", 1),
    ("x: !!timestamp 2001-12-14 21:59:43.1 -9999999:00", "as timestamp", 0),
]


@pytest.mark.parametrize(("text", "what", "line"), UNBUILDABLE)
def test_unbuildable_values_are_yaml_errors_at_their_line(text: str, what: str, line: int) -> None:
    with pytest.raises(yaml.YAMLError) as info:
        yamlio.load(text)
    assert what in str(info.value)
    mark = getattr(info.value, "problem_mark", None)
    assert mark is not None and mark.line == line


def test_front_matter_with_an_unbuildable_value_is_salvaged_with_its_line() -> None:
    fm = parse_front_matter("---\nlicense: mit\ntags:\n  - !!float abc\n---\n# M\n")
    assert fm.data["license"] == "mit"
    [problem] = fm.problems
    assert problem.code == "yaml-error" and problem.line == 4
    assert "cannot read 'abc' as float" in problem.message


def test_valid_scalars_are_read_as_before() -> None:
    text = "a: 12\nb: 0x1f\nc: 1_000\nd: 1:30\ne: 1.5e3\nf: yes\ng: ~\nh: 2024-01-02\n"
    assert yamlio.load(text) == yaml.load(text, Loader=yaml.SafeLoader)  # noqa: S506


def test_integer_too_long_for_int_stays_as_its_text() -> None:
    huge = "9" * 5000
    assert yamlio.load(f"a: {huge}\nb: -{huge}\nc: 7\n") == {"a": huge, "b": f"-{huge}", "c": 7}


@pytest.mark.parametrize("nest", [
    "x: " + "[" * 600 + "]" * 600,
    "x:\n" + "- " * 600 + "a",
    "x: " + "{a: " * 600 + "1" + "}" * 600,
])
def test_nesting_deeper_than_the_limit_is_refused_before_composing(nest: str) -> None:
    with pytest.raises(yamlio.NestingTooDeep):
        yamlio.load(nest)
    with pytest.raises(yamlio.NestingTooDeep):
        yaml.compose(nest, Loader=yamlio.SafeLoader)


def test_nesting_within_the_limit_is_read() -> None:
    assert yamlio.load("x: " + "[" * 400 + "]" * 400)["x"] is not None
    many = "\n".join(f"k{i}: [a, {{b: c}}, -d]" for i in range(400))  # many marks, shallow
    assert len(yamlio.load(many)) == 400


def test_a_card_nested_100000_deep_does_not_kill_the_process(tmp_path) -> None:
    # libyaml's composer recursed in C once per level: this card overflowed the C stack
    # (a segmentation fault, exit -11). Run in a child so a regression fails only this test.
    root = tmp_path / "org__m"
    root.mkdir()
    (root / "README.md").write_text("---\nlicense: mit\nx: " + "[" * 100_000 + "]" * 100_000
                                    + "\n---\n# M\n", encoding="utf-8")
    code = ("import sys; from opengauge import api; r = api.assess(sys.argv[1]); "
            "print(dict(r.summary)['weights_license'], sorted({f.id for f in r.findings}))")
    done = subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True, text=True,
                          check=False, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("MIT") and "OG-CARD-002" in done.stdout
    assert api  # (imported for the child's sake: the same package under test)


def test_without_libyaml_deep_nesting_within_the_limit_is_a_yaml_error_too() -> None:
    # PyYAML's pure-Python composer and constructor recurse in Python: RecursionError comes
    # before the 512-level limit, and is the same NestingTooDeep. (A child: libyaml is hidden.)
    code = ("import yaml; del yaml.CSafeLoader\n"
            "from opengauge import yamlio\n"
            "assert yamlio.SafeLoader.__mro__[1] is yaml.SafeLoader\n"
            "for nest in ('[' * 510 + ']' * 510, '{a: ' * 510 + '1' + '}' * 510):\n"
            "    try:\n"
            "        yamlio.load('x: ' + nest)\n"
            "    except yamlio.NestingTooDeep:\n"
            "        continue\n"
            "    raise SystemExit('no NestingTooDeep')\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:] + done.stdout
