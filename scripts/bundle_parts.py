#!/usr/bin/env python3
"""What each part of the page's WebAssembly costs, by twiggy's shallow sizes.

Usage: scripts/bundle_parts.py [WASM]   (default: the release build's module before
wasm-bindgen, target/wasm32-unknown-unknown/web-release/burnrate.wasm, which keeps its function
names; run `trunk build --release` first). Needs twiggy (`cargo install twiggy --locked`).

Sizes are of code and data before wasm-bindgen and wasm-opt, uncompressed, without the custom
sections (names, bindings' descriptions) that the build strips: the shares, not the bytes, carry
over to the gzipped bundle.
"""
import collections
import csv
import io
import re
import subprocess
import sys

WASM = sys.argv[1] if len(sys.argv) > 1 else "target/wasm32-unknown-unknown/web-release/burnrate.wasm"

# First match wins: (part, pattern searched in the item's name).
PARTS = [
    ("reading and writing JSON and postcard (serde, serde_json, serde_path_to_error, postcard)", r"serde|Serialize|Deserialize|postcard"),
    ("page: components and the page's code", r"burnrate::web::"),
    ("Yew's generic machinery (made once per component, hook and callback type)", r"\byew\b|implicit_clone"),
    ("browser bindings (web-sys, js-sys, wasm-bindgen, gloo)", r"web_sys|js_sys|wasm_bindgen|gloo"),
    ("usage importers and calibration", r"burnrate::(usage|calibrate|diagnostic_charts|reforecast)\b|\bcsv(_core)?::"),
    ("price importers and schema", r"burnrate::pricing::(import|schema)|jsonschema"),
    ("charts (plotters)", r"burnrate::charts|plotters"),
    ("exports (spreadsheet, workbook, FOCUS)", r"burnrate::(spreadsheet|workbook|export)\b"),
    ("share links (deflate, base64)", r"burnrate::share|miniz_oxide|base64"),
    ("view data and session", r"burnrate::(view|session|opening|embed)\b"),
    ("scenario and validation", r"burnrate::scenario|burnrate::limits|burnrate::calendar"),
    ("engine and report", r"burnrate::(sim|population|sampling|adoption|leaderboard|caps|outcomes|report|stats|fiscal|verdict|solve|sensitivity|runner|pricing|units)\b|rand|chacha"),
    ("Rust runtime (core, alloc, std, hashbrown, dlmalloc)", r"\b(core|alloc|std|hashbrown|dlmalloc)\b"),
]


def main():
    out = subprocess.run(["twiggy", "top", "-n", "10000000", "-f", "csv", WASM],
                         check=True, capture_output=True, text=True).stdout
    sizes = collections.Counter()
    for row in csv.DictReader(io.StringIO(out)):
        name, size = row["Name"], int(row["ShallowSize"])
        if name.startswith(("Σ", "...")) or "custom section" in name or "function names" in name:
            continue
        if "wbindgen_describe" in name:
            continue
        if name.startswith("data segment"):
            part = "static data (price table, strings)"
        else:
            part = next((p for p, pat in PARTS if re.search(pat, name)), "other")
        sizes[part] += size
    total = sum(sizes.values())
    print(f"| part | bytes | share |\n|---|---|---|")
    for part, size in sizes.most_common():
        print(f"| {part} | {size:,} | {100 * size / total:.0f} % |")
    print(f"| all | {total:,} | 100 % |")


if __name__ == "__main__":
    main()
