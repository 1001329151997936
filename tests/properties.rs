//! Property tests of the model's invariants over random inputs (proptest, native only).
#![cfg(not(target_arch = "wasm32"))]

use burnrate::adoption::bass_step;
use burnrate::calendar::Date;
use burnrate::pricing::{Catalogue, PriceQuery, UsageBundle, STANDARD};
use burnrate::report::Report;
use burnrate::scenario::Scenario;
use burnrate::sim::{simulate, Outcome};
use burnrate::units::{Tokens, Usd};
use proptest::prelude::*;

fn run(s: &Scenario) -> Outcome {
    simulate(&s.validate(&Catalogue::builtin()).unwrap())
}

fn scenario(seed: u64, developers: u32) -> Scenario {
    Scenario {
        seed,
        developers,
        ..Scenario::default()
    }
}

proptest! {
    #[test]
    fn a_bass_step_stays_in_the_unit_interval_and_never_falls(
        f in 0.0f64..1.0, p in 0.001f64..0.5, q in 0.0f64..5.0, dt in 0.0f64..12.0
    ) {
        let next = bass_step(f, p, q, dt);
        prop_assert!((0.0..=1.0).contains(&next));
        prop_assert!(next >= f - 1e-12);
    }

    #[test]
    fn a_bundle_costs_the_sum_of_its_parts_and_never_less_with_more_tokens(
        input in 0u64..10_000_000, read in 0u64..100_000_000, output in 0u64..1_000_000,
        extra in 1u64..1_000_000, model in 0usize..64, day in 0i32..1000
    ) {
        let catalogue = Catalogue::builtin();
        let m = &catalogue.models()[model % catalogue.models().len()];
        let q = PriceQuery {
            day: "2026-01-01".parse::<Date>().unwrap().plus_days(day),
            service_tier: STANDARD,
            region: None,
        };
        let bundle = UsageBundle {
            input: Tokens(input as f64),
            cache_read: Tokens(read as f64),
            output: Tokens(output as f64),
            ..UsageBundle::default()
        };
        let c = m.cost(&bundle, &q).unwrap();
        prop_assert!((c.total().0 - (c.input.0 + c.cache_read.0 + c.output.0)).abs() < 1e-9);
        let more = UsageBundle { output: Tokens((output + extra) as f64), ..bundle };
        prop_assert!(m.cost(&more, &q).unwrap().total().0 >= c.total().0);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn zero_market_potential_means_zero_spend(seed in 0u64..1000, n in 1u32..500) {
        let mut s = scenario(seed, n);
        s.adoption.market_potential = 0.0;
        let out = run(&s);
        prop_assert!(out.months.iter().all(|m| m.spend == Usd(0.0) && m.adopted == 0));
    }

    #[test]
    fn adoption_never_falls_and_every_output_is_finite(
        seed in 0u64..1000, n in 1u32..800, mandate in any::<bool>(), q in 0.0f64..5.0
    ) {
        let mut s = scenario(seed, n);
        s.mandate.enabled = mandate;
        s.adoption.q = q;
        let out = run(&s);
        for w in out.months.windows(2) {
            prop_assert!(w[1].adopted >= w[0].adopted);
        }
        prop_assert!(out.months.iter().all(|m| m.spend.0.is_finite() && m.spend.0 >= 0.0));
        let r = Report::new(&s.name, &out);
        let total: f64 = r.months.iter().map(|m| m.spend_usd).sum();
        prop_assert!((total - r.summary.total_spend_usd).abs() <= 1e-9 * total.max(1.0));
        prop_assert!((0.0..=1.0).contains(&r.summary.top10_share));
    }

    #[test]
    fn a_mandate_never_lowers_adoption(seed in 0u64..1000, n in 10u32..800) {
        let base = run(&scenario(seed, n));
        let mut s = scenario(seed, n);
        s.mandate.enabled = true;
        let mandated = run(&s);
        for (b, m) in base.months.iter().zip(&mandated.months) {
            prop_assert!(m.adopted >= b.adopted);
        }
    }
}
