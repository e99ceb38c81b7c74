#!/usr/bin/env python3
"""Print core/src/validate/iban_table.rs: the IBAN length of every country in the SWIFT IBAN
registry, as packaged by the iban_validate crate (src/generated.rs, `country_pattern`: the BBAN as
(length, character class) parts, so the IBAN length is 4 + the sum of the parts).

    python3 core/src/validate/gen_iban_table.py > core/src/validate/iban_table.rs

Needs only python3 (standard library) and cargo: the crate's source is fetched the ordinary way,
into cargo's own cache, by a throwaway project in a temporary folder that depends on exactly
that version; `cargo metadata` says where its source lies. `make check-generated` runs this and
compares with the committed file.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

CRATE, VERSION = "iban_validate", "5.0.1"

HEADER = f"""\
// Generated from the SWIFT IBAN registry as packaged by the {CRATE} {VERSION} crate
// (src/generated.rs, country_pattern): length = 4 + the BBAN length. Do not edit by hand.

/// IBAN length per country code, sorted by country code.
pub(crate) static IBAN_LENGTHS: &[(&str, u8)] = &[
"""
FOOTER = "];\n"

MANIFEST = f"""\
[package]
name = "iban-table-source"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
{CRATE} = "={VERSION}"

[workspace]
"""


def cargo(args, cwd) -> str:
    r = subprocess.run(["cargo", *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"cargo {' '.join(args)} failed:\n{r.stderr.strip()}")
    return r.stdout


def crate_source() -> str:
    """The text of the crate's src/generated.rs, from cargo's cache (fetched when missing)."""
    with tempfile.TemporaryDirectory(prefix="gen-iban-table-") as tmp:
        (Path(tmp) / "src").mkdir()
        (Path(tmp) / "src" / "lib.rs").write_text("")
        (Path(tmp) / "Cargo.toml").write_text(MANIFEST)
        try:
            cargo(["fetch", "-q"], tmp)
        except RuntimeError as online:
            try:  # no network, but the crate may be in cargo's cache
                cargo(["fetch", "-q", "--offline"], tmp)
            except RuntimeError:
                raise online from None
        meta = json.loads(cargo(["metadata", "--format-version", "1", "--offline"], tmp))
    [pkg] = [p for p in meta["packages"] if p["name"] == CRATE and p["version"] == VERSION]
    return (Path(pkg["manifest_path"]).parent / "src" / "generated.rs").read_text(encoding="utf-8")


def lengths(source: str) -> dict[str, int]:
    """country code -> IBAN length, read strictly from `country_pattern`."""
    body = re.search(r"fn country_pattern\(country_code: &str\) -> Option<&\[\(usize, CharacterType\)\]> \{"
                     r".*?match country_code \{\n(.*?)\n\s*_ => None,\n\s*\}\n\}", source, re.S)
    if body is None:
        raise RuntimeError("country_pattern not found in src/generated.rs")
    arm = re.compile(r'\s*"([A-Z]{2})" => Some\(\[((?:\(\d+, [ACN]\)(?:, )?)+)\]\.borrow\(\)\),')
    out = {}
    for line in body.group(1).split("\n"):
        m = arm.fullmatch(line)
        if m is None:
            raise RuntimeError(f"unexpected line in country_pattern: {line!r}")
        cc, parts = m.groups()
        n = 4 + sum(int(k) for k in re.findall(r"\((\d+), [ACN]\)", parts))
        if cc in out or not 5 <= n <= 34:  # ISO 13616: at most 34 characters
            raise RuntimeError(f"{cc}: duplicate or impossible length {n}")
        out[cc] = n
    if len(out) < 50:
        raise RuntimeError(f"only {len(out)} countries in country_pattern")
    return out


def main() -> int:
    try:
        table = lengths(crate_source())
    except (RuntimeError, OSError, ValueError) as e:
        print(f"gen_iban_table: {e}", file=sys.stderr)
        return 1
    sys.stdout.write(HEADER + "".join(f'    ("{cc}", {n}),\n' for cc, n in sorted(table.items())) + FOOTER)
    return 0


if __name__ == "__main__":
    sys.exit(main())
