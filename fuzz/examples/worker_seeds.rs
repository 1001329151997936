//! Writes the `worker_messages` seeds: messages to and from a worker and a file to export, which
//! cross in postcard and so cannot be written from Python (`fuzz/make_seeds.py` runs this):
//! `cargo +nightly run --manifest-path fuzz/Cargo.toml --example worker_seeds -- DIR`.

use burnrate::pricing::Catalogue;
use burnrate::report::Report;
use burnrate::calendar::Date;
use burnrate::downloads::Download;
use burnrate::calibrate::batch::BatchRequest;
use burnrate::pool::Share;
use burnrate::runner::{
    ExportRequest, FromWorker, Prices, PricesImported, Request, SolveRequest, Task, ToWorker,
    Update, UsageNews,
};
use burnrate::scenario::Scenario;
use burnrate::session::PriceAction;
use burnrate::solve::Question;

fn main() {
    let dir = std::env::args().nth(1).expect("usage: worker_seeds DIR");
    // The report of a tiny organisation: one policy set, one month, one draw.
    let mut s = Scenario::default();
    s.scale_developers(3);
    s.months = 1;
    s.policies.truncate(1);
    s.uncertainty.draws = 1;
    let valid = s.validate(&Catalogue::builtin()).expect("a valid scenario");
    let report_of_seed = Report::simulate(&valid);
    let report = Box::new(report_of_seed.clone());
    let answer = Question::Budget { probability: 0.9 }
        .answer(&valid, &Catalogue::builtin(), 0, &|_| {})
        .expect("an answer");
    let imported = PriceAction::import(
        Ok(Catalogue::builtin().to_json()),
        ("burnrate", true),
        "catalogue.json",
        Date::from_ymd(2026, 12, 1).expect("a date"),
        || 0.0,
    );
    let imported = PricesImported::new(imported).expect("an import");
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
            "solving",
            FromWorker::Solving {
                generation: 4,
                runs: 9,
            },
        ),
        (
            "solved",
            FromWorker::Solved {
                generation: 4,
                answer: Ok(Box::new(answer)),
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
        ("prices", FromWorker::Prices(imported)),
        (
            "exported",
            FromWorker::Exported(Ok(Download::Summary.file(&valid, &report_of_seed))),
        ),
    ];
    let question = Question::Headcount {
        budget_usd: 2_400_000.0,
        probability: 0.9,
    };
    let solve = SolveRequest::new(4, question, 0, &valid, &Catalogue::builtin());
    let report_run = Request::new(3, Task::Report, &valid, &Catalogue::builtin());
    let sensitivity = Request {
        generation: 1,
        task: Task::Sensitivity(0),
        scenario: valid.scenario.clone(),
        prices: Prices::Table(Catalogue::builtin().to_json()),
    };
    let requests = [
        ("start-report", ToWorker::Start(Box::new(report_run.clone()))),
        ("start-sensitivity-prices", ToWorker::Start(Box::new(sensitivity))),
        ("cancel", ToWorker::Cancel),
        (
            "pool",
            ToWorker::Pool {
                workers: 2,
                script: "./worker-0123456789abcdef.js".into(),
            },
        ),
        (
            "share",
            ToWorker::Share(Box::new(Share {
                request: report_run,
                start: 0,
                end: 1,
            })),
        ),
        ("head-start", ToWorker::HeadStart),
        ("solve", ToWorker::Solve(Box::new(solve))),
        (
            "import-prices",
            ToWorker::ImportPrices {
                format: "auto".into(),
                name: "prices.json".into(),
                merge: true,
            },
        ),
        (
            "calibrate",
            ToWorker::Calibrate(Box::new(BatchRequest {
                generation: 3,
                names: vec!["copilot.csv".into(), "ccusage/ana.json".into()],
                sizes: vec![70_000, 1_200],
                options: burnrate::calibrate::Options {
                    cap_usd: Some(1500.0),
                    seats: Some(300),
                },
                base: valid.scenario.to_json(),
            })),
        ),
    ];
    let files = messages
        .into_iter()
        .map(|(name, message)| (name, message.to_bytes()))
        .chain(requests.into_iter().map(|(name, message)| (name, message.to_bytes())))
        .chain([(
            "export",
            ExportRequest::bytes(Download::Focus, &valid, &Catalogue::builtin(), &report_of_seed),
        )]);
    for (name, bytes) in files {
        let path = format!("{dir}/{name}.bin");
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
    }
}
