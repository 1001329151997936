#!/usr/bin/env bash
# Runs fuzz targets one after another, each from its committed seeds (fuzz/seeds/<target>) and
# its dictionary, keeping what it finds in fuzz/corpus/<target> (not committed). Fails on the
# first crash, timeout or memory blow-up; the input is left in fuzz/artifacts/<target>/.
#
# Usage: fuzz/run.sh SECONDS [TARGET…]      (default: every target)
#   FUZZ_RUNS=N  stop each target after N executions instead (SECONDS still caps it)
# Prints one line per target: executions, coverage (cov: edges, ft: features) and seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:?usage: fuzz/run.sh SECONDS [TARGET…]}
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(cargo +nightly fuzz list --fuzz-dir fuzz)

dict_of() {
  case $1 in
    import_litellm) echo litellm ;;
    import_openrouter) echo openrouter ;;
    import_llm_prices) echo llm_prices ;;
    import_csv) echo csv ;;
    usage_detect | usage_import | usage_calibrate) echo usage ;;
    import_burnrate) echo burnrate ;;
    detect_format | roundtrip_import) echo prices ;;
    scenario_json | roundtrip_scenario | share_link | autosave) echo scenario ;;
    embed_options) echo embed ;;
    worker_messages) echo worker ;;
  esac
}

# The usage targets read whole exports: without a cap their corpus grows to inputs of tens of KB
# and a run slows to a few hundred executions per second. 16 KB holds a header and ~150 rows.
# simulate_small's input is a list of edits to a scenario: uncapped, its corpus grew to inputs of
# 1.2 KB (hundreds of edits, each a round trip through the scenario's JSON) and a run slowed
# from about 340 to 190 executions per second. 256 bytes hold forty edits and more.
max_len_of() {
  case $1 in
    usage_detect | usage_import | usage_calibrate) echo 16384 ;;
    simulate_small) echo 256 ;;
  esac
}

# Built once: no sanitizer (the crate has no unsafe code; panics, hangs and memory are what is
# looked for), debug assertions on so that arithmetic overflow is a finding.
flags=(--fuzz-dir fuzz --sanitizer none --debug-assertions)
# The simulating targets split draws over rayon's threads: in a fuzzer the second thread spent
# its time waiting for work (a fifth of the CPU) and ran fewer inputs per second than one
# (235 against 264 a second replaying simulate_small's corpus), and it took the core another
# target could use.
export RAYON_NUM_THREADS=1
cargo +nightly fuzz build "${flags[@]}"
# The checks the targets share (fuzz/src) have tests of their own: a check that passes
# everything would make every run look clean.
cargo +nightly test --quiet --manifest-path fuzz/Cargo.toml --lib
mkdir -p fuzz/logs
summary=()
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
  args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
        -artifact_prefix="fuzz/artifacts/$t/")
  [ -z "${FUZZ_RUNS:-}" ] || args+=(-runs="$FUZZ_RUNS")
  m=$(max_len_of "$t")
  [ -z "$m" ] || args+=(-max_len="$m")
  d=$(dict_of "$t")
  [ -z "$d" ] || args+=(-dict="fuzz/dicts/$d.dict")
  log="fuzz/logs/$t.log"
  start=$(date +%s)
  if ! cargo +nightly fuzz run "${flags[@]}" "$t" "fuzz/corpus/$t" "fuzz/seeds/$t" -- "${args[@]}" >"$log" 2>&1; then
    tail -n 40 "$log"
    # The finding itself, so that a CI log alone reproduces it: what went wrong and the input.
    grep -a -m 3 -A 3 -E "panicked at|^==[0-9]+== ERROR|out-of-memory|timeout after" "$log" || true
    for f in "fuzz/artifacts/$t"/*; do
      if [ -f "$f" ]; then printf 'input %s (base64): %s\n' "$f" "$(head -c 65536 "$f" | base64 -w 0)"; fi
    done
    echo "fuzz target $t FAILED (log: $log; input: fuzz/artifacts/$t/)" >&2
    exit 1
  fi
  took=$(($(date +%s) - start))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -n 1)
  summary+=("$(printf '%-20s %12s execs  %-22s %6ss' "$t" "$execs" "$cov" "$took")")
  echo "${summary[-1]}"
done
printf '%s\n' "fuzzing passed:" "${summary[@]}"
