//! The simulation's numbers are reproducible bit for bit; `tests/web.rs` checks the same
//! fingerprint in the browser build.
#![cfg(not(target_arch = "wasm32"))]

mod common;

#[test]
fn default_scenario_fingerprint_is_stable() {
    let r = common::default_report();
    assert_eq!(
        common::fingerprint(&r),
        common::fingerprint(&common::default_report())
    );
    assert_eq!(common::fingerprint(&r), common::DEFAULT_FINGERPRINT);
}

#[test]
fn another_seed_gives_other_numbers() {
    let mut s = common::small_default();
    s.uncertainty.seed += 1;
    let v = s
        .validate(&burnrate::pricing::Catalogue::builtin())
        .unwrap();
    let other = burnrate::report::Report::simulate(&v);
    assert_ne!(
        common::fingerprint(&other),
        common::fingerprint(&common::default_report())
    );
}

#[test]
fn one_two_or_three_threads_give_the_same_bytes() {
    let v = common::small_default()
        .validate(&burnrate::pricing::Catalogue::builtin())
        .unwrap();
    let report = |threads| {
        let draws = burnrate::sim::threads::run(&v, threads, &|| {}).unwrap();
        burnrate::report::Report::new(&v, &draws).to_json()
    };
    let one = report(1);
    assert_eq!(report(2), one);
    assert_eq!(report(3), one);
    assert_eq!(
        common::fingerprint(&burnrate::report::Report::simulate(&v)),
        common::DEFAULT_FINGERPRINT
    );
}
