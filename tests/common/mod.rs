//! Helpers shared by the native and browser test suites.

use burnrate::pricing::Catalogue;
use burnrate::report::Report;
use burnrate::scenario::Scenario;
use burnrate::sim::simulate;

/// Fingerprint of the default scenario's report, identical natively and in WebAssembly.
pub const DEFAULT_FINGERPRINT: u64 = 10_839_256_960_069_244_422;

/// The report of the default scenario on the built-in prices.
pub fn default_report() -> Report {
    let s = Scenario::default();
    let v = s.validate(&Catalogue::builtin()).expect("default is valid");
    Report::new(&s.name, &simulate(&v))
}

/// An order-sensitive hash of every number in the report's monthly table and summary (FNV-1a
/// over the IEEE-754 bits), so any difference in any bit changes it.
pub fn fingerprint(r: &Report) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |x: f64| {
        for b in x.to_bits().to_le_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    for m in &r.months {
        for x in [
            m.adopted_share,
            m.tokens,
            m.spend_usd,
            m.cumulative_spend_usd,
        ] {
            eat(x);
        }
    }
    eat(r.summary.top10_share);
    eat(r.summary.final_spend_per_adopter_usd);
    h
}
