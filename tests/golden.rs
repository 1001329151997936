//! Golden output: `burnrate simulate --format json` for the default scenario and every preset
//! produces exactly the bytes recorded in `tests/golden/digests.txt` (SHA-256 and length).
//!
//! A restructuring of the code must not change a single byte. A deliberate change of the model
//! or the report re-records the digests with `BURNRATE_BLESS=1 cargo test --test golden`, and the
//! commit says why the numbers moved. On a mismatch the actual output is kept under
//! `target/tmp/golden/` for comparison with the previous build's.
#![cfg(not(target_arch = "wasm32"))]

use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

fn digests_file() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/digests.txt")
}

fn burnrate(args: &[&str]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_burnrate"))
        .args(args)
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "burnrate {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// "default" and every preset the CLI lists, so a new preset cannot go unrecorded.
fn scenario_names() -> Vec<String> {
    let listing = String::from_utf8(burnrate(&["presets"])).expect("UTF-8 listing");
    let mut names = vec!["default".to_string()];
    names.extend(
        listing
            .lines()
            .filter_map(|l| l.split_whitespace().next())
            .map(str::to_string),
    );
    names
}

fn simulate_json(name: &str) -> Vec<u8> {
    if name == "default" {
        burnrate(&["simulate", "--format", "json"])
    } else {
        burnrate(&["simulate", "--preset", name, "--format", "json"])
    }
}

fn record(bytes: &[u8]) -> String {
    format!("{:x} {}", Sha256::digest(bytes), bytes.len())
}

#[test]
fn simulate_json_is_byte_identical_to_the_recorded_output() {
    let names = scenario_names();
    assert!(names.len() >= 8, "the default and at least 7 presets");
    let actual: BTreeMap<String, Vec<u8>> = std::thread::scope(|s| {
        let handles: Vec<_> = names
            .iter()
            .map(|n| s.spawn(move || (n.clone(), simulate_json(n))))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    if std::env::var_os("BURNRATE_BLESS").is_some() {
        let text: String = actual
            .iter()
            .map(|(n, b)| format!("{n} {}\n", record(b)))
            .collect();
        std::fs::write(digests_file(), text).expect("write the digests");
        return;
    }
    let recorded = std::fs::read_to_string(digests_file()).expect("tests/golden/digests.txt");
    let recorded: BTreeMap<&str, &str> =
        recorded.lines().filter_map(|l| l.split_once(' ')).collect();
    let keep = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("golden");
    let mut differing = Vec::new();
    for (name, bytes) in &actual {
        let got = record(bytes);
        match recorded.get(name.as_str()) {
            Some(want) if *want == got => {}
            want => {
                std::fs::create_dir_all(&keep).unwrap();
                std::fs::write(keep.join(format!("{name}.json")), bytes).unwrap();
                differing.push(format!("{name}: recorded {want:?}, now {got}"));
            }
        }
    }
    assert!(
        differing.is_empty(),
        "simulate --format json changed (output kept in {}):\n{}",
        keep.display(),
        differing.join("\n")
    );
}
