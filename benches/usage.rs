//! Benchmark of the usage importers: `cargo bench --bench usage` (figure in the README).

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    divan::main();
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod benches {
    use burnrate::pricing::Catalogue;
    use burnrate::usage::{import_reader, Source};
    use divan::{black_box, Bencher};

    /// A Copilot AI usage report of `n` rows: 2,000 users, 3 models, 2 SKUs, 12 months.
    fn copilot_report(n: usize) -> Vec<u8> {
        let models = ["Auto: Claude Haiku 4.5", "Claude Sonnet 4.6", "GPT-5.5"];
        let mut s = String::with_capacity(n * 200);
        s.push_str("date,username,product,sku,model,quantity,unit_type,applied_cost_per_quantity,gross_amount,discount_amount,net_amount,total_monthly_quota,organization,repository,cost_center_name,aic_quantity,aic_gross_amount,input,output,cache_read,cache_write\n");
        for i in 0..n {
            let sku = if i % 5 == 0 {
                "coding_agent_ai_credit"
            } else {
                "copilot_ai_credit"
            };
            s.push_str(&format!(
                "2026-{:02}-{:02},dev-{},copilot,{sku},{},{}.5,ai-credits,0.01,0.{:02},0.{:02},0,1900,acme,web,cc-{},0,0,{},{},{},{}\n",
                1 + (i / 28) % 12,
                1 + i % 28,
                i % 2000,
                models[i % 3],
                i % 90,
                i % 97,
                i % 97,
                i % 8,
                100 + i % 300,
                2000 + i % 5000,
                50_000 + i % 200_000,
                3000 + i % 9000,
            ));
        }
        s.into_bytes()
    }

    /// Import 1,000,000 generated Copilot rows (about 180 MB) from memory: detection, parsing,
    /// model normalisation and the summary.
    #[divan::bench(sample_count = 5)]
    fn import_one_million_copilot_rows(bencher: Bencher) {
        let bytes = copilot_report(1_000_000);
        let catalogue = Catalogue::builtin();
        bencher.bench(|| {
            let mut rows = 0u64;
            let s = import_reader(
                black_box(bytes.as_slice()),
                "copilot.csv",
                None,
                &catalogue,
                &mut |_| rows += 1,
            )
            .unwrap();
            assert_eq!((s.format, rows), (Source::Copilot, 1_000_000));
            s
        });
    }
}
