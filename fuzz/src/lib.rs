//! What the fuzz targets share: reading the input as text, the day imports are dated, building a
//! small valid scenario from arbitrary bytes, the checks every simulated report must pass, and
//! importing usage exports.

use burnrate::calendar::Date;
use burnrate::pricing::import::{import, Format};
use burnrate::pricing::Catalogue;
use burnrate::report::Report;
use burnrate::scenario::{set_lever, Scenario, LEVERS, PARAMS, PRESETS};
use burnrate::usage::{self, Source};
use std::sync::OnceLock;

mod figures;

/// The input as text, if it is UTF-8 (files and messages are read as text).
pub fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// The day the fuzzed imports are made.
pub fn as_of() -> Date {
    Date::from_ymd(2026, 11, 1).expect("a valid day")
}

/// Imports `data` as `format` (`None`: detected) and formats the outcome as the CLI would,
/// so every message is built too.
pub fn import_text(data: &[u8], format: Option<Format>) {
    let Some(text) = text(data) else { return };
    match import(text, format, "fuzz.json", as_of()) {
        Ok(imported) => {
            assert!(imported.summary.imported > 0);
            assert_eq!(imported.summary.imported, imported.catalogue.models().len());
        }
        Err(e) => drop(e.to_string()),
    }
}

/// Reads arbitrary bytes as small numbers, 0 once they run out.
pub struct Bytes<'a>(&'a [u8]);

impl<'a> Bytes<'a> {
    /// A reader of `data`.
    pub fn new(data: &'a [u8]) -> Self {
        Bytes(data)
    }

    /// The next byte.
    pub fn byte(&mut self) -> u8 {
        let (first, rest) = self.0.split_first().unwrap_or((&0, &[]));
        self.0 = rest;
        *first
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        usize::from(u16::from_le_bytes([self.byte(), self.byte()])) % n
    }

    /// A fraction in [0, 1], both ends included.
    pub fn fraction(&mut self) -> f64 {
        f64::from(u16::from_le_bytes([self.byte(), self.byte()])) / f64::from(u16::MAX)
    }

    /// Whether bytes are left.
    pub fn more(&self) -> bool {
        !self.0.is_empty()
    }
}

/// Most developers, months and draws of a scenario built by [`small_scenario`].
pub const SMALL: (u32, u32, u32) = (50, 24, 2);

/// A small scenario (1–50 developers, 1–24 months, 1–2 draws) made from arbitrary bytes: the
/// default scenario or a preset, with model parameters stated anywhere in their ranges, teams'
/// usage multipliers and agentic shares anywhere in theirs, and policy levers switched on or off.
pub fn small_scenario(data: &[u8]) -> Option<Scenario> {
    let mut b = Bytes::new(data);
    let pick = b.below(PRESETS.len() + 1);
    let mut s = match PRESETS.get(pick) {
        Some((name, _)) => burnrate::scenario::preset(name)?,
        None => Scenario::default(),
    };
    let developers = 1 + b.below(SMALL.0 as usize) as u32;
    s.months = 1 + b.below(SMALL.1 as usize) as u32;
    s.uncertainty.draws = 1 + b.below(SMALL.2 as usize) as u32;
    s.uncertainty.seed = u64::from(b.byte()) << 8 | u64::from(b.byte());
    while b.more() {
        match b.byte() % 5 {
            0 => {
                let spec = &PARAMS[b.below(PARAMS.len())];
                let value = spec.min + b.fraction() * (spec.max - spec.min);
                s.fix_param(spec.path, value);
            }
            1 => {
                let teams: Vec<_> = s
                    .organisation
                    .cost_centres
                    .iter_mut()
                    .flat_map(|c| c.teams.iter_mut())
                    .collect();
                let n = teams.len().max(1);
                if let Some(team) = teams.into_iter().nth(b.below(n)) {
                    team.developers = b.below(100) as u32;
                    team.usage_multiplier = 100.0 * b.fraction() * b.fraction();
                    team.agentic_share = (b.byte().is_multiple_of(2)).then(|| b.fraction());
                }
            }
            2 => {
                let policy = b.below(s.policies.len().max(1));
                let lever = &LEVERS[b.below(LEVERS.len())];
                let on = b.byte().is_multiple_of(2);
                if let Ok(next) = set_lever(&s, policy, lever.key, on, None) {
                    s = next;
                }
            }
            3 => s.uncertainty.priors.clear(),
            _ => {
                // An organisation budget from $1 to about $10M a year, and its fiscal year.
                s.budget.annual_usd = Some(1.0 + 1e7 * b.fraction() * b.fraction());
                s.budget.fiscal_year_start = 1 + b.below(12) as u8;
            }
        }
    }
    s.scale_developers(developers);
    (1..=u64::from(SMALL.0))
        .contains(&s.developers())
        .then_some(s)
}

/// Checks every figure of a report: finite (a figure is only `null` where allowed), every
/// share in [0, 1], and P10 ≤ P50 ≤ P90. Panics naming the figure's path.
pub fn check_report(report: &Report) {
    if let Err(e) = figures::check(report) {
        panic!("{e}");
    }
}

/// The built-in price table, read once: usage rows without a cost are priced with it.
fn builtin_catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(Catalogue::builtin)
}

/// Imports `data` as a usage export (`from`, or detected when `None`) as `burnrate usage import`
/// does; checks that the summary counts the rows it returned and that every quantity is a
/// finite number, and builds the JSON summary and every message.
pub fn usage_import(data: &[u8], from: Option<Source>) {
    match usage::import_bytes(data, "fuzz.csv", from, builtin_catalogue()) {
        Ok((summary, rows)) => {
            assert_eq!(summary.rows_imported, rows.len() as u64);
            for r in &rows {
                let tokens = [r.input, r.cache_read, r.cache_write, r.output];
                assert!(tokens.iter().all(|t| t.0.is_finite()), "{r:?}");
                assert!(r.gross.is_none_or(|u| u.0.is_finite()), "{r:?}");
                assert!(r.net.is_none_or(|u| u.0.is_finite()), "{r:?}");
            }
            assert!(summary.gross_usd.is_finite(), "{summary:?}");
            assert!(summary.net_usd.is_none_or(f64::is_finite), "{summary:?}");
            drop(serde_json::to_string(&summary).expect("a summary serialises"));
        }
        Err(e) => drop(e.to_string()),
    }
}

/// Imports `data` as one usage file and calibrates the default scenario to it, as the page's
/// worker does, and builds the usage panel's view of the outcome: no panic, and a calibrated
/// scenario reads back and validates.
pub fn usage_calibrate(data: &[u8]) {
    use burnrate::calibrate::batch::{run, BatchRequest};
    let request = BatchRequest {
        generation: 1,
        names: vec!["fuzz.csv".into()],
        sizes: vec![data.len() as u64],
        options: burnrate::calibrate::Options {
            cap_usd: Some(1500.0),
            seats: None,
        },
        base: default_scenario_json(),
    };
    let outcome = run(
        &request,
        vec![("fuzz.csv".to_string(), data)],
        &mut |_| {},
        &|| 0.0,
    );
    if let Some(text) = &outcome.scenario {
        let scenario = burnrate::scenario::Scenario::from_json(text, "calibrated")
            .expect("a calibrated scenario reads back");
        scenario
            .validate(builtin_catalogue())
            .expect("a calibrated scenario validates");
    }
    drop(burnrate::view::usage::UsageView::new(&outcome));
    let again = serde_json::to_string(&outcome).expect("an outcome serialises");
    drop(serde_json::from_str::<
        burnrate::calibrate::batch::BatchOutcome,
    >(&again));
}

/// The default scenario as JSON, made once.
fn default_scenario_json() -> String {
    static JSON: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    JSON.get_or_init(|| burnrate::scenario::Scenario::default().to_json())
        .clone()
}

/// The usage format the first byte of `data` names, and the rest of `data` as the file.
pub fn usage_source(data: &[u8]) -> (Source, &[u8]) {
    let (first, rest) = data.split_first().unwrap_or((&0, &[]));
    (Source::ALL[usize::from(*first) % Source::ALL.len()], rest)
}
