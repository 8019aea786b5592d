#!/usr/bin/env python3
"""Reads python-stdnum's published test values for IBAN and the Belgian national and BIS numbers.

usage: values.py OUTPUT.json [--cache DIR]

Downloads the pinned python-stdnum source distribution from PyPI (with pip, so a configured index or mirror is
used; the file's SHA-256 is checked), reads the doctests it ships (tests/test_iban.doctest, test_be_*.doctest and
the examples in the docstrings of the modules concerned) and writes, per kind, the values they state valid and
invalid as JSON:

    {"stdnum": "2.1",
     "iban": {"valid": [{"value": "...", "source": "tests/test_iban.doctest:49"}, ...], "invalid": [...]},
     "be_national_number": {"valid": [...], "invalid": [...]}}

python-stdnum is LGPL: its values are read at test time and never committed. Nothing from the archive is
executed; the doctests are read with the standard library's doctest parser and `ast`.

A value's verdict comes from what the doctest expects: a traceback is invalid, a result is valid (an `is_valid`
call says which), and a list comprehension over a block of numbers whose expected result is `[]` states the
whole block (valid when it keeps the numbers that are `not is_valid`). Belgian numbers are valid when any of the
modules nn, bis and ssn accepts them (the scanner reports both as one entity); an IBAN is invalid when any module
rejects it (a country module only counts for its own country's numbers); calls with `check_country=False` say
nothing about the full check and are skipped.
"""

from __future__ import annotations

import argparse
import ast
import doctest
import hashlib
import json
import subprocess
import sys
import tarfile
from pathlib import Path

VERSION = "2.1"
SDIST = f"python_stdnum-{VERSION}.tar.gz"
SHA256 = "6b01645969eb3dfd55061a0114d593753cd9e653cea9083198b7eea12644397a"

# The files read, each with the module its unqualified calls belong to.
SOURCES = {
    "tests/test_iban.doctest": "iban",
    "tests/test_be_iban.doctest": "be.iban",
    "tests/test_be_nn.doctest": "be.nn",
    "tests/test_be_bis.doctest": "be.bis",
    "tests/test_be_ssn.doctest": "be.ssn",
    "stdnum/iban.py": "iban",
    "stdnum/be/iban.py": "be.iban",
    "stdnum/es/iban.py": "es.iban",
    "stdnum/me/iban.py": "me.iban",
    "stdnum/no/iban.py": "no.iban",
    "stdnum/be/nn.py": "be.nn",
    "stdnum/be/bis.py": "be.bis",
    "stdnum/be/ssn.py": "be.ssn",
}

# The functions whose outcome says whether the value is valid (a traceback: not valid).
CHECKS = {"validate", "is_valid", "get_birth_date", "get_birth_year", "get_birth_month"}


def kind(module: str) -> str | None:
    if module == "iban" or module.endswith(".iban"):
        return "iban"
    if module in ("be.nn", "be.bis", "be.ssn"):
        return "be_national_number"
    return None


def download(cache: Path) -> Path:
    """The sdist in `cache`, downloaded with pip when it is not there yet; its hash checked either way."""
    path = cache / SDIST
    if not path.is_file():
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
             f"python-stdnum=={VERSION}", "--dest", str(cache)],
            check=True,
        )
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != SHA256:
        sys.exit(f"{path}: SHA-256 {digest}, expected {SHA256} for python-stdnum {VERSION}")
    return path


def module_of(call: ast.Call, default: str, aliases: dict[str, str]) -> str | None:
    """The module a call's function belongs to: `iban.validate` by its imported name, `validate` the file's."""
    if isinstance(call.func, ast.Attribute) and isinstance(call.func.value, ast.Name):
        return aliases.get(call.func.value.id)
    if isinstance(call.func, ast.Name):
        return default
    return None


def func_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    if isinstance(call.func, ast.Name):
        return call.func.id
    return None


def skips_country_check(call: ast.Call) -> bool:
    return any(k.arg == "check_country" for k in call.keywords)


class Reader:
    """Verdicts per (module, value) of one file's examples."""

    def __init__(self, name: str, default: str, verdicts: list):
        self.name = name
        self.default = default
        self.verdicts = verdicts
        self.aliases: dict[str, str] = {}
        # The current value of `numbers`: a list of strings, or of tuples whose first item is the number.
        self.numbers: list = []
        self.numbers_line = 0

    def add(self, module: str, value: str, valid: bool, line: int) -> None:
        self.verdicts.append((module, value, valid, f"{self.name}:{line}"))

    def example(self, ex: doctest.Example, line: int) -> None:
        try:
            tree = ast.parse(ex.source)
        except SyntaxError:
            return
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("stdnum"):
                prefix = node.module[len("stdnum"):].lstrip(".")
                for alias in node.names:
                    full = f"{prefix}.{alias.name}" if prefix else alias.name
                    self.aliases[alias.asname or alias.name] = full
            elif isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "numbers" for t in node.targets
            ):
                self.assign(node.value, line)
            elif isinstance(node, ast.Expr):
                self.expression(node.value, ex.want, line)

    def assign(self, value: ast.expr, line: int) -> None:
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            self.numbers = [x for x in value.value.splitlines()]
            self.numbers_line = line
        elif isinstance(value, ast.ListComp):
            # numbers = [(x[:24].strip(), x[24:]) for x in numbers.splitlines() if x]: the number is the first
            # item, a slice of the line, stripped.
            elt = value.elt
            first = elt.elts[0] if isinstance(elt, ast.Tuple) else elt
            stop = None
            if (
                isinstance(first, ast.Call)
                and isinstance(first.func, ast.Attribute)
                and first.func.attr == "strip"
                and isinstance(first.func.value, ast.Subscript)
                and isinstance(first.func.value.slice, ast.Slice)
                and isinstance(first.func.value.slice.upper, ast.Constant)
            ):
                stop = first.func.value.slice.upper.value
            self.numbers = [(x[:stop].strip(),) for x in self.numbers if x] if stop else []

    def expression(self, expr: ast.expr, want: str, line: int) -> None:
        if isinstance(expr, ast.Call):
            self.call(expr, want, line)
        elif isinstance(expr, ast.ListComp):
            self.block(expr, want, line)
        elif isinstance(expr, ast.Compare) and isinstance(expr.left, ast.Call):
            # `to_bic(...) is None` and the like: not a check.
            return

    def call(self, call: ast.Call, want: str, line: int) -> None:
        name = func_name(call)
        if name not in CHECKS or skips_country_check(call) or not call.args:
            return
        arg = call.args[0]
        if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
            return
        module = module_of(call, self.default, self.aliases)
        if module is None or kind(module) is None:
            return
        want = want.strip()
        if name == "is_valid":
            if want not in ("True", "False"):
                return
            valid = want == "True"
        else:
            valid = not want.startswith("Traceback")
        self.add(module, arg.value, valid, line)

    def block(self, comp: ast.ListComp, want: str, line: int) -> None:
        """`[x for x in numbers.splitlines() if x and not iban.is_valid(x)]` and its kin."""
        if len(comp.generators) != 1:
            return
        calls = [n for n in ast.walk(comp.generators[0]) if isinstance(n, ast.Call) and func_name(n) in CHECKS]
        if len(calls) != 1 or skips_country_check(calls[0]):
            return
        check = calls[0]
        module = module_of(check, self.default, self.aliases)
        if module is None or kind(module) is None:
            return
        negated = any(
            isinstance(n, ast.UnaryOp) and isinstance(n.op, ast.Not) and n.operand is check
            for n in ast.walk(comp.generators[0])
        )
        try:
            listed = ast.literal_eval(want.strip() or "None")
        except (ValueError, SyntaxError):
            return
        if not isinstance(listed, list):
            return
        # The comprehension keeps the numbers that fail its condition's expectation: with `not`, the invalid ones.
        values = [x[0] if isinstance(x, tuple) else x for x in self.numbers if x]
        for value in values:
            if isinstance(value, str) and value:
                kept = value in listed
                valid = kept != negated
                self.add(module, value, valid, self.numbers_line)


def read_file(name: str, text: str, default: str, verdicts: list) -> None:
    reader = Reader(name, default, verdicts)
    parser = doctest.DocTestParser()
    if name.endswith(".py"):
        docstring = ast.get_docstring(ast.parse(text), clean=False) or ""
        text = docstring
    for ex in parser.get_examples(text):
        reader.example(ex, ex.lineno + 1)


def collect(sdist: Path) -> dict:
    verdicts: list = []
    with tarfile.open(sdist) as tar:
        root = f"python_stdnum-{VERSION}/"
        for name, default in SOURCES.items():
            member = tar.extractfile(root + name)
            if member is None:
                sys.exit(f"{sdist}: no {name}")
            read_file(name, member.read().decode("utf-8"), default, verdicts)
    out: dict = {"stdnum": VERSION}
    for k in ("iban", "be_national_number"):
        valid: dict[str, str] = {}
        invalid: dict[str, str] = {}
        for module, value, ok, source in verdicts:
            if kind(module) != k:
                continue
            # A country module's verdict on another country's IBAN says only that it is not of its country.
            if k == "iban" and module != "iban":
                country = module.split(".")[0].upper()
                if value.replace(" ", "")[:2].upper() != country:
                    continue
            (valid if ok else invalid).setdefault(value, source)
        if k == "iban":
            valid = {v: s for v, s in valid.items() if v not in invalid}
        else:
            invalid = {v: s for v, s in invalid.items() if v not in valid}
        out[k] = {
            "valid": [{"value": v, "source": s} for v, s in valid.items()],
            "invalid": [{"value": v, "source": s} for v, s in invalid.items()],
        }
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("output", type=Path, help="the JSON file to write")
    ap.add_argument("--cache", type=Path, help="where the sdist is kept (default: beside OUTPUT)")
    args = ap.parse_args()
    cache = args.cache or args.output.parent / "stdnum-sdist"
    values = collect(download(cache))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(values, indent=1, ensure_ascii=False) + "\n")
    counts = ", ".join(
        f"{k} {len(values[k]['valid'])} valid / {len(values[k]['invalid'])} invalid"
        for k in ("iban", "be_national_number")
    )
    print(f"python-stdnum {VERSION}: {counts} -> {args.output}")


if __name__ == "__main__":
    main()
