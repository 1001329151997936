#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora (fuzz/seeds/<target>/) from the test fixtures, the
presets and the golden share link, trimming large files to a few entries.

Usage: fuzz/make_seeds.py [path/to/burnrate]  (default: target/debug/burnrate; build it first)
"""
import base64, json, pathlib, shutil, subprocess, sys, zlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures"
SEEDS = ROOT / "fuzz" / "seeds"
CLI = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "target" / "debug" / "burnrate")


def burnrate(*args, stdin=None):
    return subprocess.run([CLI, *args], check=True, capture_output=True, text=True, input=stdin).stdout


def write(target, name, data):
    path = SEEDS / target / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode())


def link_json(link):
    version, data = link.strip().split(".", 1)
    return zlib.decompress(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)), -15).decode()


def text(path):
    return (FIX / path).read_text()


# Price tables, large ones trimmed to their first entries.
litellm_full = json.loads(text("litellm-full-1.106.2.json"))
litellm_sample = json.loads(text("litellm-sample.json"))
openrouter = json.loads(text("openrouter-models-2026-08-01.json"))
tables = {
    "import_litellm": {
        "full-first-12.json": json.dumps(dict(list(litellm_full.items())[:12]), indent=1),
        "sample-first-24.json": json.dumps(dict(list(litellm_sample.items())[:24]), indent=1),
        "odd-entries.json": text("import/litellm-odd-entries.json"),
    },
    "import_openrouter": {
        "models-first-4.json": json.dumps({"data": openrouter["data"][:4]}),
        "duplicates.json": text("import/openrouter-duplicates.json"),
    },
    "import_llm_prices": {
        **{f"vendor-{p.name}": p.read_text() for p in sorted((FIX / "llm-prices").glob("*.json"))},
        "current-v1.json": text("import/llm-prices-current-v1.json"),
        "historical-v1.json": text("import/llm-prices-historical-v1.json"),
    },
    "import_csv": {p.name: p.read_text() for p in sorted((FIX / "import").glob("*.csv"))},
    "import_burnrate": {
        "builtin.json": (ROOT / "pricing-data" / "catalogue.json").read_text(),
        "small.json": text("catalogue-small.json"),
        "negative-price.json": text("catalogue-negative-price.json"),
    },
}
shutil.rmtree(SEEDS, ignore_errors=True)
for target, files in tables.items():
    for name, data in files.items():
        write(target, name, data)
        if len(data) > 16_000:
            continue
        write("detect_format", f"{target[7:]}-{name}", data)
        pick = ["burnrate", "litellm", "openrouter", "llm_prices", "csv"].index(target[7:])
        write("roundtrip_import", f"{target[7:]}-{name}", bytes([pick]) + data.encode())
        write("roundtrip_import", f"detected-{target[7:]}-{name}", b"\x05" + data.encode())

# Scenarios: the default, every preset (from its link) and the scenario fixtures.
presets = [line.split()[0] for line in burnrate("presets").splitlines() if line.strip()]
links = {name: burnrate("scenario", "link", "--preset", name).strip() for name in presets}
links["golden-v1"] = text("share-link-v1.txt").strip()
scenarios = {"default.json": burnrate("scenario", "default")}
scenarios.update({f"{n}.json": json.dumps(json.loads(link_json(l)), indent=1) for n, l in links.items()})
scenarios.update({p: text(p) for p in ["scenario-mandate.json", "scenario-bad-share.json"]})
with_actuals = json.loads(scenarios["default.json"])
with_actuals["actuals"] = {"first_month": with_actuals["start_month"], "monthly_usd": [812.4, 2230.9, 4105.0],
                           "cost_centres": [{"name": "Platform", "monthly_usd": [300.1, 990.0, 1800.2]}]}
scenarios["with-actuals.json"] = json.dumps(with_actuals, indent=1)
for name, doc in scenarios.items():
    for target in ["scenario_json", "roundtrip_scenario"]:
        write(target, name, doc)
    write("share_link", f"packed-{name}", b"\x01" + doc.encode())
for name, link in links.items():
    write("share_link", f"link-{name}", b"\x00" + link.encode())
    write("autosave", f"hash-{name}", b"\x00#s=" + link.encode())
    write("autosave", f"saved-{name}", b"\x01\n" + link.encode())
    write("autosave", f"embedded-{name}", b"\x03#s=" + link.encode() + b"\n" + link.encode())
write("autosave", "damaged-link-and-autosave", b"\x01#s=1.eJyrVkrLz1eyUkpKLFKqBQ\n" + links["baseline"].encode())

# Embed options: the README's example and each chart id.
charts = "monthly-spend,spend-by-kind,cumulative-spend,cost-per-change,adoption,distribution,cost-centres,tornado"
write("embed_options", "readme", "https://intranet.example.com/tools/burnrate/?embed=1&chart=monthly-spend,adoption#s=" + links["baseline"])
write("embed_options", "all-charts", f"/?lang=en&embed=true&chart={charts}&policy=1&metrics=0&x=y#s=1.abc")
write("embed_options", "no-embed", "?chart=tornado&policy=2")

# Worker messages cross as bytes (postcard), both ways: written by the fuzz crate.
subprocess.run(["cargo", "+nightly", "run", "--quiet", "--manifest-path", str(ROOT / "fuzz" / "Cargo.toml"),
                "--example", "worker_seeds", "--", str(SEEDS / "worker_messages")], check=True)

# Usage exports: every fixture, detected (usage_detect) and with its format's byte in front
# (usage_import, the byte's index in `Source::ALL`, the order `burnrate usage import --from` lists).
SOURCES = ["copilot", "copilot-premium", "cursor", "litellm-csv", "litellm-json", "ccusage",
           "anthropic-usage", "claude-code", "openai-usage", "focus"]
for path in sorted((FIX / "usage").iterdir()):
    data = path.read_bytes()
    found = json.loads(burnrate("usage", "import", str(path), "--format", "json"))
    source = found["files"][0]["format"]
    write("usage_detect", path.name, data)
    write("usage_calibrate", path.name, data)
    write("usage_import", path.name, bytes([SOURCES.index(source)]) + data)

# Small scenarios are built from bytes: a few starting points.
for i, seed in enumerate([b"", b"\x00\x00\x31\x00\x17\x00\x01\x00\x2a\x00", bytes(range(64)), b"\x07\x00" * 20]):
    write("simulate_small", f"bytes-{i}", seed)

# Dictionaries: each format's keys, from its seeds and the string literals of its reader.
import re

SYNTAX = ['{', '}', '[', ']', ':', ',', '"', 'null', 'true', 'false', '-0', '1e308', '0.5', '\\u00e9']
READERS = {
    "litellm": ["src/pricing/import/litellm.rs"],
    "openrouter": ["src/pricing/import/openrouter.rs"],
    "llm_prices": ["src/pricing/import/llm_prices.rs"],
    "csv": ["src/pricing/import/csv_table.rs"],
    "burnrate": ["src/pricing/schema.rs", "src/pricing/plans.rs", "src/pricing/rates.rs"],
    "scenario": ["src/scenario/mod.rs", "src/scenario/policy.rs", "src/scenario/params.rs",
                 "src/scenario/terms.rs", "src/scenario/fields.rs", "src/share.rs"],
    "embed": ["src/embed.rs", "src/charts.rs"],
    "worker": ["src/runner.rs", "src/report.rs"],
    "usage": [str(p.relative_to(ROOT)) for p in sorted((ROOT / "src" / "usage").glob("*.rs"))],
}


def keys(value, out):
    if isinstance(value, dict):
        for k, v in value.items():
            if re.fullmatch(r"[a-z0-9_]{2,40}", k):
                out.add(k)
            keys(v, out)
    elif isinstance(value, list):
        for v in value:
            keys(v, out)


def words(reader, seed_dirs):
    found = set()
    for src in READERS[reader]:
        found.update(re.findall(r'"([A-Za-z0-9_.\-]{2,40})"', (ROOT / src).read_text()))
    for d in seed_dirs:
        for p in (SEEDS / d).glob("*.json"):
            try:
                keys(json.loads(p.read_text()), found)
            except ValueError:
                pass
    return found


def dictionary(name, found, quote=True):
    entries = sorted({f'"{w}"' if quote else w for w in found} | set(SYNTAX))
    def escape(e):
        return "".join(c if c.isprintable() and c not in '"\\' else "".join(f"\\x{b:02X}" for b in c.encode()) for c in e)

    lines = [f'kw{i}="{escape(e)}"' for i, e in enumerate(entries)]
    (ROOT / "fuzz" / "dicts" / f"{name}.dict").write_text("\n".join(lines) + "\n")


(ROOT / "fuzz" / "dicts").mkdir(exist_ok=True)
for fmt in ["litellm", "openrouter", "llm_prices", "burnrate"]:
    dictionary(fmt, words(fmt, [f"import_{fmt}"]))
csv_words = words("csv", [])
for p in (SEEDS / "import_csv").glob("*.csv"):
    csv_words.update(p.read_text().splitlines()[0].split(","))
dictionary("csv", csv_words | {",", "\n", "\r\n", '""', "2026-10-01"}, quote=False)
every = set()
for fmt in ["litellm", "openrouter", "llm_prices", "burnrate"]:
    every |= words(fmt, [])
dictionary("prices", every | {"schema_version", "data", "vendor", "prices", "price_history"})
dictionary("scenario", words("scenario", ["scenario_json"]) | {"s=", "#s=", "1."})
dictionary("embed", words("embed", []) | {"?", "&", "=", "#s=", ",", "embed=1", "chart=", "policy=", "metrics=0"}, quote=False)
dictionary("worker", words("worker", ["worker_messages"]) | words("scenario", []))
usage_words = words("usage", ["usage_detect"])
for p in (SEEDS / "usage_detect").glob("*.csv"):
    usage_words.update(w.strip('"') for w in p.read_text().splitlines()[0].split(","))
dictionary("usage", usage_words | {f'"{w}"' for w in usage_words} | {",", "\n", '""', "2026-10-01"}, quote=False)
