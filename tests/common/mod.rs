//! Helpers shared by the native and browser test suites.

use burnrate::pricing::Catalogue;
use burnrate::report::Report;
use burnrate::scenario::Scenario;

/// Fingerprint of the small default scenario's report, identical natively and in WebAssembly.
/// (Changed when every figure gained its mean across draws, and when demand became tokens
/// calibrated at the built-in list price with list, effective and billed cost; and when the
/// report gained the individual output, the heaviest users and the odds a set costs more, and
/// when the default became a baseline and three single changes; and when the report gained
/// the finance figures: fiscal years, quarters, budget thresholds and every draw's total; and
/// when it gained the budget period and the fiscal year's start month, every earlier value
/// unchanged.)
pub const DEFAULT_FINGERPRINT: u64 = 3_233_339_209_273_691_661;

/// The default scenario, scaled to 300 developers and 8 draws so the browser test stays quick.
pub fn small_default() -> Scenario {
    let mut s = Scenario::default();
    s.scale_developers(300);
    s.uncertainty.draws = 8;
    s
}

/// The report of [`small_default`] on the built-in prices.
pub fn default_report() -> Report {
    let v = small_default()
        .validate(&Catalogue::builtin())
        .expect("default is valid");
    Report::simulate(&v)
}

/// FNV-1a hash of the report's JSON: every number is written in its shortest round-trip form,
/// so any difference in any bit changes it.
pub fn fingerprint(r: &Report) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in r.to_json().bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}
