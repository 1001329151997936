//! Benchmark of the usage importers and the calibration: `cargo bench --bench usage` (figures
//! in docs/measurements.md). The 1,000,000-row report is generated once, into memory, before anything
//! is timed: the timed region reads it and calibrates, nothing else.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    divan::main();
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod benches {
    use burnrate::calibrate::{Options, UsageSums};
    use burnrate::pricing::Catalogue;
    use burnrate::scenario::Scenario;
    use burnrate::usage::{import_reader, Source};
    use divan::{black_box, Bencher};
    use std::io::Write;
    use std::sync::OnceLock;

    /// Rows of the generated report.
    const ROWS: usize = 1_000_000;

    /// A Copilot AI usage report of `n` rows (about 190 bytes each): 2,000 people adopting
    /// over 12 months (person `p` starts in month `p % 12`), levels spread over two orders of
    /// magnitude, 3 models, 8 cost centres.
    fn copilot_report(n: usize) -> Vec<u8> {
        let mut out = Vec::with_capacity(n * 200);
        out.extend_from_slice(b"date,username,product,sku,model,quantity,unit_type,applied_cost_per_quantity,gross_amount,discount_amount,net_amount,total_monthly_quota,organization,repository,cost_center_name,aic_quantity,aic_gross_amount,input,output,cache_read,cache_write\n");
        for i in 0..n {
            let person = i % 2000;
            let month = (person % 12).max((i / 2000 / 42) % 12);
            let level = 1 + (person * 7919) % 400;
            let sku = if i % 5 == 0 {
                "coding_agent_ai_credit"
            } else {
                "copilot_ai_credit"
            };
            writeln!(
                out,
                "2026-{:02}-{:02},dev-{person},copilot,{sku},{},{level}.5,ai-credits,0.01,{}.{:02},0,0,1900,acme,web,cc-{},0,0,{},{},{},{}",
                1 + month,
                1 + i % 28,
                ["Claude Sonnet 4.6", "Auto: Claude Haiku 4.5", "GPT-5.5"][i % 3],
                level / 40,
                level % 100,
                person % 8,
                100 + level,
                2000 + level * 10,
                50_000 + level * 500,
                3000 + level * 20,
            )
            .expect("writing to memory never fails");
        }
        out
    }

    /// The report, generated on first use and shared by the benchmarks.
    fn report() -> &'static [u8] {
        static REPORT: OnceLock<Vec<u8>> = OnceLock::new();
        REPORT.get_or_init(|| copilot_report(ROWS))
    }

    /// Import 1,000,000 Copilot rows from memory and calibrate the default scenario to them:
    /// detection, parsing, model normalisation, the sums and every fit.
    #[divan::bench(sample_count = 5)]
    fn import_and_calibrate_one_million_copilot_rows(bencher: Bencher) {
        let bytes = report();
        let catalogue = Catalogue::builtin();
        let base = Scenario::default();
        bencher.bench(|| {
            let mut sums = UsageSums::new(&base);
            let s = import_reader(
                black_box(bytes),
                "copilot.csv",
                None,
                &catalogue,
                &mut |row| sums.add(&row),
            )
            .unwrap();
            assert_eq!((s.format, s.rows_imported), (Source::Copilot, ROWS as u64));
            sums.file(s.format);
            sums.fit(&base, Options::default(), &catalogue).unwrap()
        });
    }

    /// Import 1,000,000 Copilot rows from memory, without calibrating: detection, parsing,
    /// model normalisation and the summary.
    #[divan::bench(sample_count = 5)]
    fn import_one_million_copilot_rows(bencher: Bencher) {
        let bytes = report();
        let catalogue = Catalogue::builtin();
        bencher.bench(|| {
            let mut rows = 0u64;
            let s = import_reader(
                black_box(bytes),
                "copilot.csv",
                None,
                &catalogue,
                &mut |_| rows += 1,
            )
            .unwrap();
            assert_eq!((s.format, rows), (Source::Copilot, ROWS as u64));
            s
        });
    }
}
