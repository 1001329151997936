//! Benchmarks of the core: `cargo bench --bench simulate` (figures in the README).

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    divan::main();
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod benches {
    use burnrate::pricing::STANDARD;
    use burnrate::pricing::{import, Catalogue, PriceQuery, UsageBundle, BUILTIN_CATALOGUE_JSON};
    use burnrate::report::Report;
    use burnrate::scenario::Scenario;
    use burnrate::sim;
    use burnrate::units::Tokens;
    use divan::{black_box, Bencher};

    fn scenario(developers: u32, draws: u32) -> burnrate::scenario::ValidScenario {
        let mut s = Scenario::default();
        s.scale_developers(developers);
        s.uncertainty.draws = draws;
        s.validate(&Catalogue::builtin()).unwrap()
    }

    /// The full default Monte Carlo: 200 draws × 4 policy sets × 2,000 developers × 24 months,
    /// percentiles included, on every core.
    #[divan::bench(sample_count = 10)]
    fn full_default_monte_carlo(bencher: Bencher) {
        let v = scenario(2000, 200);
        bencher.bench(|| Report::simulate(black_box(&v)));
    }

    /// The full default Monte Carlo on 1 and 2 threads, side by side: the speed-up of threads.
    #[divan::bench(args = [1, 2], sample_count = 10)]
    fn full_default_monte_carlo_on_threads(bencher: Bencher, threads: usize) {
        let v = scenario(2000, 200);
        bencher.bench(|| {
            let draws = sim::threads::run(black_box(&v), threads, &|| {}).unwrap();
            Report::new(&v, &draws)
        });
    }

    /// The default run's report from its 200 draws: what the coordinating worker does, alone,
    /// once every worker's draws are in.
    #[divan::bench(sample_count = 20)]
    fn report_from_default_draws(bencher: Bencher) {
        let v = scenario(2000, 200);
        let draws = sim::run(&v);
        bencher.bench(|| Report::new(black_box(&v), black_box(&draws)));
    }

    /// One draw (4 policy sets, 24 months) at several organisation sizes: above 100,000
    /// developers, a sample of about 50,000.
    #[divan::bench(args = [2_000, 20_000, 100_000, 200_000, 1_000_000], sample_count = 10)]
    fn one_draw(bencher: Bencher, developers: u32) {
        let v = scenario(developers, 1);
        let params = sim::draw_parameters(&v);
        bencher.bench(|| sim::run_draws(black_box(&v), &params, 0..1));
    }

    /// The page's first report: the default run's preliminary report, from a new job to the
    /// report and its message to the page in bytes (what a first visit waits for).
    #[divan::bench(sample_count = 20)]
    fn preliminary_report(bencher: Bencher) {
        use burnrate::runner::{FromWorker, Job, Task, Update};
        let v = scenario(2000, 200);
        bencher.bench(|| {
            let mut job = Job::new(0, Task::Report, v.clone());
            loop {
                let news = job.step(&|| 0.0);
                if let Some(u) = news
                    .into_iter()
                    .find(|u| matches!(u, Update::Preliminary { .. }))
                {
                    return FromWorker::Update(u).to_bytes();
                }
            }
        });
    }

    /// Draws scale linearly: 50 draws of the default organisation.
    #[divan::bench(sample_count = 10)]
    fn fifty_draws(bencher: Bencher) {
        let v = scenario(2000, 50);
        bencher.bench(|| sim::run(black_box(&v)));
    }

    /// Parsing and validating the built-in price table (`Catalogue::builtin` does it once per
    /// process and then clones it).
    #[divan::bench]
    fn parse_builtin_catalogue() -> Catalogue {
        Catalogue::from_json(black_box(BUILTIN_CATALOGUE_JSON), "catalogue.json").unwrap()
    }

    fn bundle() -> UsageBundle {
        UsageBundle {
            input: Tokens(12_000.0),
            cache_read: Tokens(180_000.0),
            cache_write_5m: Tokens(9_000.0),
            output: Tokens(2_500.0),
            ..UsageBundle::default()
        }
    }

    /// Pricing one usage bundle with prices already resolved (what the simulation does).
    #[divan::bench]
    fn price_one_bundle_resolved(bencher: Bencher) {
        let catalogue = Catalogue::builtin();
        let q = PriceQuery {
            day: "2026-10-01".parse().unwrap(),
            service_tier: STANDARD,
            region: None,
        };
        let prices = catalogue.get("gpt-5.4").unwrap().prices(&q, 0).unwrap();
        let bundle = bundle();
        bencher.bench(|| prices.cost(black_box(&bundle)).total());
    }

    /// Pricing one usage bundle from scratch: date, service and context tiers resolved.
    #[divan::bench]
    fn price_one_bundle_with_resolution(bencher: Bencher) {
        let catalogue = Catalogue::builtin();
        let model = catalogue.get("gpt-5.4").unwrap();
        let q = PriceQuery {
            day: "2026-10-01".parse().unwrap(),
            service_tier: "priority",
            region: Some("eu"),
        };
        let bundle = bundle();
        bencher.bench(|| model.cost(black_box(&bundle), &q).unwrap().total());
    }

    /// Importing LiteLLM's whole table (4,242 entries, 3 MB).
    #[divan::bench(sample_count = 20)]
    fn import_full_litellm_table(bencher: Bencher) {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/litellm-full-1.106.2.json"
        ))
        .unwrap();
        let day = "2026-10-01".parse().unwrap();
        bencher.bench(|| {
            import::import(
                black_box(&text),
                Some(import::Format::Litellm),
                "litellm.json",
                day,
            )
            .unwrap()
        });
    }
}
