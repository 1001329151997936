//! Benchmark of the usage importers: `cargo bench --bench usage` (figure in the README).

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
    use std::io::Read;

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

    /// A Copilot AI usage report of `n` rows written as it is read, a row at a time, so the
    /// file never exists whole: 2,000 people adopting over 12 months, lognormal-ish levels.
    struct Generated {
        row: usize,
        rows: usize,
        line: Vec<u8>,
        at: usize,
    }

    impl Generated {
        fn new(rows: usize) -> Generated {
            Generated {
                row: 0,
                rows,
                line: b"date,username,product,sku,model,quantity,unit_type,applied_cost_per_quantity,gross_amount,discount_amount,net_amount,total_monthly_quota,organization,repository,cost_center_name,aic_quantity,aic_gross_amount,input,output,cache_read,cache_write\n".to_vec(),
                at: 0,
            }
        }

        fn next_line(&mut self) {
            let i = self.row;
            let person = i % 2000;
            // Person p starts in month p % 12 (later people later), 1 row a day-model.
            let month = (person % 12).max((i / 2000 / 42) % 12);
            let level = 1 + (person * 7919) % 400;
            self.line.clear();
            use std::io::Write;
            let _ = writeln!(
                self.line,
                "2026-{:02}-{:02},dev-{person},copilot,copilot_ai_credit,{},{level}.5,ai-credits,0.01,{}.{:02},0,0,1900,acme,web,cc-{},0,0,{},{},{},{}",
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
            );
            self.at = 0;
            self.row += 1;
        }
    }

    impl Read for Generated {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.at == self.line.len() {
                if self.row == self.rows {
                    return Ok(0);
                }
                self.next_line();
            }
            let n = buf.len().min(self.line.len() - self.at);
            buf[..n].copy_from_slice(&self.line[self.at..self.at + n]);
            self.at += n;
            Ok(n)
        }
    }

    /// Import 1,000,000 Copilot rows generated as they are read (streaming, memory bounded)
    /// and calibrate the default scenario to them: parsing, the sums and every fit.
    #[divan::bench(sample_count = 5)]
    fn import_and_calibrate_one_million_copilot_rows(bencher: Bencher) {
        let catalogue = Catalogue::builtin();
        let base = Scenario::default();
        bencher.bench(|| {
            let mut sums = UsageSums::new(&base);
            let reader = std::io::BufReader::with_capacity(256 * 1024, Generated::new(1_000_000));
            let s = import_reader(reader, "copilot.csv", None, &catalogue, &mut |row| {
                sums.add(&row)
            })
            .unwrap();
            assert_eq!((s.format, s.rows_imported), (Source::Copilot, 1_000_000));
            sums.file(s.format);
            sums.fit(&base, Options::default(), &catalogue).unwrap()
        });
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
