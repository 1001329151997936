//! The prices sub-state: the base table, an import, hand-entered prices and the table they make
//! together, with what went wrong last.

use crate::calendar::Date;
use crate::pricing::check_price;
use crate::pricing::import::{import, Format, ImportSummary, Imported};
use crate::pricing::rates::{PricePeriod, RateSet, ServiceRates};
use crate::pricing::{Catalogue, ModelPrice, PriceChange};
use crate::scenario::Scenario;
use crate::units::UsdPerMTok;
use std::collections::BTreeMap;
use std::rc::Rc;

/// A price table the user imported.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedTable {
    /// The imported models.
    pub catalogue: Rc<Catalogue>,
    /// What the import did.
    pub summary: ImportSummary,
    /// Laid over the base table (true) or used instead of it (false).
    pub merge: bool,
    /// How long parsing and validating took [ms].
    pub elapsed_ms: f64,
    /// How many imports this session has made, this one included.
    pub sequence: u32,
}

/// Why the last import or hand-entered price was refused (in words:
/// [`super::pricing_error_message`]).
#[derive(Debug, Clone, PartialEq)]
pub enum PricingError {
    /// The import failed, for this reason; the prices in use stay.
    ImportRefused(String),
    /// A hand-entered price cannot be used.
    Price {
        /// The model priced.
        model: String,
        /// Which price: `input`, `cache read` or `output`.
        field: &'static str,
        /// Why.
        problem: PriceProblem,
    },
}

/// Why a hand-entered price cannot be used.
#[derive(Debug, Clone, PartialEq)]
pub enum PriceProblem {
    /// The text typed is not a number.
    NotANumber(String),
    /// The number is not a valid price, for this reason.
    OutOfRange(f64, String),
    /// The price is required.
    Required,
}

/// Which prices are in use, and why, when it is not the served copy (in words:
/// [`super::pricing_notice_message`]).
#[derive(Debug, Clone, PartialEq)]
pub enum PricingNotice {
    /// The served table could not be used, for this reason: the built-in one is.
    BuiltIn(String),
}

/// What the user (or the pricing fetch) does to the prices.
#[derive(Debug, Clone, PartialEq)]
pub enum PriceAction {
    /// The served pricing file was read (or failed to).
    Loaded(Result<Catalogue, String>),
    /// A price table was imported (or failed to be).
    Imported {
        /// The import, or why it failed.
        result: Result<Imported, String>,
        /// Lay it over the base table instead of replacing it.
        merge: bool,
        /// How long the import took [ms].
        elapsed_ms: f64,
    },
    /// Go back to the base table.
    ClearImport,
    /// The user entered a price for a model no table prices [USD / 1M tokens, as typed].
    AddManual {
        /// The model id.
        model: String,
        /// Input price.
        input: String,
        /// Cache-read price (empty: the input price).
        cache_read: String,
        /// Output price.
        output: String,
        /// Today, recorded as the day the price was entered.
        as_of: Date,
    },
}

impl PriceAction {
    /// The served price table's text read from `url` (or why it could not be fetched), as the
    /// action that loads it: the table, or why it is not one. `None` when the text is the
    /// built-in table's, byte for byte (a deployment that has not replaced the file): those
    /// prices are in use from the start, so there is nothing to read and nothing changes.
    pub fn served(url: &str, text: Result<String, String>) -> Option<PriceAction> {
        if text.as_deref() == Ok(crate::pricing::BUILTIN_CATALOGUE_JSON) {
            return None;
        }
        Some(PriceAction::Loaded(text.and_then(|t| {
            Catalogue::from_json(&t, url).map_err(|e| e.to_string())
        })))
    }
}

impl PriceAction {
    /// A price table's text read from `name` (or why it could not be read), imported as the
    /// format named `format` (any other name, e.g. `auto`: detected from the text) and laid over
    /// the table in use when `merge`; dated `as_of` where the table has no date. `clock` reads
    /// a clock in milliseconds, to time the import.
    pub fn import(
        text: Result<String, String>,
        (format, merge): (&str, bool),
        name: &str,
        as_of: Date,
        clock: impl Fn() -> f64,
    ) -> PriceAction {
        let started = clock();
        let format = format.parse::<Format>().ok();
        let result = text.and_then(|t| import(&t, format, name, as_of).map_err(|e| e.to_string()));
        PriceAction::Imported {
            result,
            merge,
            elapsed_ms: clock() - started,
        }
    }
}

/// The names of the price-table formats an import can be asked to read.
pub fn import_formats() -> impl Iterator<Item = &'static str> {
    Format::ALL.into_iter().map(Format::name)
}

/// Why `address`, typed as where a price table is, is not one the page may fetch; `None` when it
/// may: an `https://` address, or one on the page's own site, `origin` (`http://host:port`). The
/// page's content security policy lets it read nothing else.
pub fn url_problem(address: &str, origin: &str) -> Option<String> {
    let address = address.trim();
    let lower = address.to_ascii_lowercase();
    let own = !origin.is_empty() && lower.starts_with(&format!("{}/", origin.to_ascii_lowercase()));
    let secure = lower
        .strip_prefix("https://")
        .is_some_and(|host| !host.is_empty());
    if secure || own {
        None
    } else {
        Some(format!(
            "…or from a URL: {} is not an address this page can read (allowed: one that starts \
             with https://, or one on this page's own site).",
            crate::scenario::quoted(address)
        ))
    }
}

/// What the page says when the browser could not fetch `address` at all: no answer, or a
/// server that does not let other sites read the file.
pub fn unreachable(address: &str) -> String {
    format!(
        "{address}: could not be fetched: the server did not answer, or it does not let other \
         sites read the file (CORS). Download the file and import it from this computer instead."
    )
}

/// The prices of the session.
#[derive(Debug, Clone, PartialEq)]
pub struct Prices {
    /// The base prices: the served copy once loaded, the built-in one until then or on failure.
    pub base: Rc<Catalogue>,
    /// A table the user imported, if any.
    pub import: Option<ImportedTable>,
    /// Prices the user entered by hand (or the scenario carried) for models no table prices.
    pub(crate) manual: Vec<ModelPrice>,
    /// Prices in use: the base table, the import and the hand-entered prices combined.
    pub catalogue: Rc<Catalogue>,
    /// List prices in use that differ from the base table on the scenario's first day.
    pub changes: Vec<PriceChange>,
    /// Why the last import or hand-entered price was refused; the prices in use stay.
    pub error: Option<PricingError>,
    /// Which prices are in use, and why, when it is not the served copy.
    pub notice: Option<PricingNotice>,
}

impl Prices {
    /// The built-in table with the prices `scenario` carries laid over it.
    pub fn new(scenario: &Scenario) -> Prices {
        let base = Rc::new(crate::scenario::builtin_prices().clone());
        let mut prices = Prices {
            catalogue: base.clone(),
            base,
            import: None,
            manual: carried_prices(scenario),
            changes: Vec::new(),
            error: None,
            notice: None,
        };
        if !prices.manual.is_empty() {
            prices.recompose(scenario.start_month.first_day());
        }
        prices
    }

    /// Takes the prices `scenario` carries as hand-entered ones, replacing any for the same
    /// models (a scenario is opened).
    pub fn carry(&mut self, scenario: &Scenario) {
        let carried = carried_prices(scenario);
        self.manual.retain(|m| carried.iter().all(|c| c.id != m.id));
        self.manual.extend(carried);
        self.recompose(scenario.start_month.first_day());
    }

    /// Puts back `manual` as the hand-entered prices (a replaced scenario is restored); `day`
    /// is the scenario's first day.
    pub(crate) fn set_manual(&mut self, manual: Vec<ModelPrice>, day: Date) {
        self.manual = manual;
        self.recompose(day);
    }

    /// Applies `action`; `day` is the scenario's first day. Whether the scenario should run
    /// again (the prices in use may have changed).
    pub fn apply(&mut self, action: PriceAction, day: Date) -> bool {
        match action {
            PriceAction::Loaded(Ok(catalogue)) => {
                self.base = Rc::new(catalogue);
                self.notice = None;
                self.recompose(day);
            }
            PriceAction::Loaded(Err(reason)) => {
                self.notice = Some(PricingNotice::BuiltIn(reason));
            }
            PriceAction::Imported {
                result,
                merge,
                elapsed_ms,
            } => match result {
                Ok(imported) => {
                    let sequence = self.import.as_ref().map_or(0, |i| i.sequence) + 1;
                    self.import = Some(ImportedTable {
                        catalogue: Rc::new(imported.catalogue),
                        summary: imported.summary,
                        merge,
                        elapsed_ms,
                        sequence,
                    });
                    self.error = None;
                    self.recompose(day);
                }
                Err(e) => {
                    self.error = Some(PricingError::ImportRefused(e));
                    return false;
                }
            },
            PriceAction::ClearImport => {
                self.import = None;
                self.error = None;
                self.recompose(day);
            }
            PriceAction::AddManual {
                model,
                input,
                cache_read,
                output,
                as_of,
            } => match manual_price(&model, &input, &cache_read, &output, as_of) {
                Ok(price) => {
                    self.manual.retain(|m| m.id != price.id);
                    self.manual.push(price);
                    self.error = None;
                    self.recompose(day);
                }
                Err((field, problem)) => {
                    self.error = Some(PricingError::Price {
                        model,
                        field,
                        problem,
                    });
                    return false;
                }
            },
        }
        true
    }

    /// Recombines the base table, the import and the hand-entered prices.
    fn recompose(&mut self, day: Date) {
        let mut c = match &self.import {
            None => (*self.base).clone(),
            Some(i) if i.merge => self.base.merged_with(&i.catalogue, day).0,
            Some(i) => (*i.catalogue).clone(),
        };
        if let Ok(manual) = Catalogue::from_parts(
            "prices entered by hand".into(),
            self.manual.clone(),
            Vec::new(),
            "prices entered by hand",
        ) {
            c = c.merged_with(&manual, day).0;
        }
        let mut changes = self.base.merged_with(&c, day).1;
        changes.extend(
            self.base
                .models()
                .iter()
                .filter(|m| c.get(&m.id).is_none())
                .map(|m| PriceChange {
                    model: m.id.clone(),
                    field: "model",
                    before: m.list_prices_on(day).map(|p| p.input),
                    after: None,
                }),
        );
        self.changes = changes;
        self.catalogue = Rc::new(c);
    }
}

/// The prices a scenario carries, as hand-entered prices of the session (an invalid entry is
/// left to validation, which names it).
fn carried_prices(scenario: &Scenario) -> Vec<ModelPrice> {
    match scenario.pricing.carried() {
        Ok(Some(c)) => c.models().to_vec(),
        _ => Vec::new(),
    }
}

/// A hand-entered price [USD / 1M tokens, as typed], validated like any table's; or which price
/// cannot be used and why.
fn manual_price(
    model: &str,
    input: &str,
    cache_read: &str,
    output: &str,
    as_of: Date,
) -> Result<ModelPrice, (&'static str, PriceProblem)> {
    let parse = |field: &'static str, text: &str| {
        let t = text.trim();
        if t.is_empty() {
            return Ok(None);
        }
        let v: f64 = t
            .parse()
            .map_err(|_| (field, PriceProblem::NotANumber(text.to_string())))?;
        check_price(v)
            .map(|v| Some(UsdPerMTok(v)))
            .map_err(|e| (field, PriceProblem::OutOfRange(v, e)))
    };
    let required = |field: &'static str, text: &str| {
        parse(field, text)?.ok_or((field, PriceProblem::Required))
    };
    Ok(ModelPrice {
        id: model.to_string(),
        name: model.to_string(),
        provider: "entered by hand".into(),
        periods: vec![PricePeriod {
            from: None,
            to: None,
            standard: ServiceRates {
                base: RateSet {
                    input: Some(required("input", input)?),
                    cache_read: parse("cache read", cache_read)?,
                    output: Some(required("output", output)?),
                    ..RateSet::default()
                },
                context_tiers: Vec::new(),
            },
            service_tiers: BTreeMap::new(),
        }],
        regions: BTreeMap::new(),
        source: "entered by hand".into(),
        checked: as_of,
        verified: false,
        note: "Entered by hand in the app.".into(),
    })
}
