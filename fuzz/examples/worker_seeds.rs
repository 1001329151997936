//! Writes the `worker_messages` seeds of messages from a worker, which cross in postcard and so
//! cannot be written from Python (`fuzz/make_seeds.py` runs this):
//! `cargo +nightly run --manifest-path fuzz/Cargo.toml --example worker_seeds -- DIR`.

use burnrate::pricing::Catalogue;
use burnrate::report::Report;
use burnrate::runner::{FromWorker, Update, UsageNews};
use burnrate::scenario::Scenario;

fn main() {
    let dir = std::env::args().nth(1).expect("usage: worker_seeds DIR");
    // The report of a tiny organisation: one policy set, one month, one draw.
    let mut s = Scenario::default();
    s.scale_developers(3);
    s.months = 1;
    s.policies.truncate(1);
    s.uncertainty.draws = 1;
    let valid = s.validate(&Catalogue::builtin()).expect("a valid scenario");
    let report = Box::new(Report::simulate(&valid));
    let messages = [
        ("ready", FromWorker::Ready),
        (
            "progress",
            FromWorker::Update(Update::Progress {
                generation: 1,
                done: 2,
                total: 200,
                elapsed_ms: 40.0,
            }),
        ),
        (
            "failed",
            FromWorker::Update(Update::Failed {
                generation: 1,
                message: "no".into(),
            }),
        ),
        (
            "finished",
            FromWorker::Update(Update::Finished {
                generation: 2,
                report,
            }),
        ),
        (
            "draws",
            FromWorker::Draws {
                generation: 3,
                start: 100,
            },
        ),
        (
            "usage-progress",
            FromWorker::Usage(UsageNews::Progress {
                generation: 3,
                done: 4_194_304,
                total: 9_000_000,
            }),
        ),
    ];
    for (name, message) in messages {
        let path = format!("{dir}/{name}.bin");
        std::fs::write(&path, message.to_bytes()).unwrap_or_else(|e| panic!("{path}: {e}"));
    }
}
