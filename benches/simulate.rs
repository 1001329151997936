//! Benchmarks of the core: `cargo bench --bench simulate` (figures in the README).

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    divan::main();
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod benches {
    use burnrate::pricing::{Catalogue, UsageBundle};
    use burnrate::report::Report;
    use burnrate::scenario::Scenario;
    use burnrate::sim::simulate;
    use burnrate::units::Tokens;
    use divan::{black_box, Bencher};

    /// One run of the default scenario (24 months) at several organisation sizes.
    #[divan::bench(args = [1_000, 2_000, 20_000, 200_000])]
    fn simulate_default(bencher: Bencher, developers: u32) {
        let s = Scenario {
            developers,
            ..Scenario::default()
        };
        let valid = s.validate(&Catalogue::builtin()).unwrap();
        bencher.bench(|| Report::new(&s.name, &simulate(black_box(&valid))));
    }

    /// Parsing and validating the built-in price table.
    #[divan::bench]
    fn parse_builtin_catalogue() -> Catalogue {
        Catalogue::builtin()
    }

    /// Pricing one usage bundle on an already looked-up model.
    #[divan::bench]
    fn price_one_bundle(bencher: Bencher) {
        let catalogue = Catalogue::builtin();
        let model = catalogue.get("claude-sonnet-4-6").unwrap();
        let bundle = UsageBundle {
            input: Tokens(12_000.0),
            cache_read: Tokens(180_000.0),
            cache_write_5m: Tokens(9_000.0),
            output: Tokens(2_500.0),
            ..UsageBundle::default()
        };
        bencher.bench(|| model.cost(black_box(&bundle)).total());
    }
}
