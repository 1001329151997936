//! The model's numeric parameters: defaults, allowed ranges, units, sources and evidence grades,
//! declared once, as the parameters' entries of the field registry ([`PARAMS`], the end of
//! [`super::FIELDS`]). The JSON groups (`usage`, `adoption`, …), validation, Monte Carlo priors
//! (which name a parameter by its path, e.g. `usage.sigma`) and the documentation all read them.
//!
//! Grades: A official docs or peer-reviewed, B reputable reporting or vendor telemetry, C blog or
//! unverified, — assumption (no published figure found).

use super::fields::{Evidence, FieldKind, FieldSpec, Section};
use serde::{Deserialize, Serialize};

macro_rules! params {
    ($(
        $(#[$gmeta:meta])*
        $group:ident: $Ty:ident {
            $( $field:ident = $default:expr, [$lo:expr, $hi:expr], $unit:expr, $grade:expr, $source:expr; )*
        }
    )*) => {
        $(
            $(#[$gmeta])*
            #[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
            #[serde(default, deny_unknown_fields)]
            pub struct $Ty {
                $(
                    #[doc = concat!("[", $unit, "] (", $grade, ") ", $source)]
                    pub $field: f64,
                )*
            }

            impl Default for $Ty {
                fn default() -> Self {
                    $Ty { $( $field: $default, )* }
                }
            }
        )*

        /// Every numeric parameter, by group.
        #[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
        pub struct Params {
            $(
                $(#[$gmeta])*
                pub $group: $Ty,
            )*
        }

        impl Params {
            /// The parameter at `path` (e.g. `usage.sigma`), for priors and validation.
            pub(crate) fn get_mut(&mut self, path: &str) -> Option<&mut f64> {
                match path {
                    $( $( concat!(stringify!($group), ".", stringify!($field)) => Some(&mut self.$group.$field), )* )*
                    _ => None,
                }
            }

            /// The value at `path`.
            pub fn get(&self, path: &str) -> Option<f64> {
                let mut copy = *self;
                copy.get_mut(path).map(|v| *v)
            }
        }

        /// Every parameter's registry entry, in document order; labelled by its name within
        /// its group, its default written as in this table.
        pub const PARAMS: &[FieldSpec] = &[
            $( $( FieldSpec {
                path: concat!(stringify!($group), ".", stringify!($field)),
                section: Section::Param,
                label: stringify!($field),
                unit: $unit,
                kind: FieldKind::Number,
                min: $lo,
                max: $hi,
                default: stringify!($default),
                optional: false,
                help: "",
                evidence: Some(Evidence { grade: $grade, source: $source }),
            }, )* )*
        ];
    };
}

params! {
    /// How much developers use the tools.
    usage: Usage {
        mean_spend_usd = 200.0, [1.0, 100_000.0], "USD per active agentic developer-month at full ramp, at the reference model's built-in list price on 2026-11-22", "A",
            "Claude Code cost docs: $150–250 per developer per month";
        sigma = 1.25, [0.0, 3.0], "log-sd of per-developer demand", "A/B",
            "docs mean vs P90; an 800-developer public leaderboard (top 10% = 51% of spend); Jellyfish";
        completion_usd = 15.0, [0.0, 1_000.0], "USD per completion-only user-month, at the reference model's built-in list price on 2026-11-22", "A",
            "Cursor usage guidance: tab users stay within $10–20";
        agentic_share = 0.7, [0.0, 1.0], "share of adopters who run agents (teams may override)", "—",
            "assumption";
        agentic_growth = 0.0, [0.0, 0.5], "share of completion-only adopters who turn agentic each month", "—",
            "assumption";
        active_days = 15.0, [1.0, 31.0], "active days per month", "A",
            "Claude Code cost docs: ≈$13 per active day and $150–250 per month";
    }
    /// Bass diffusion of adoption, churn and the learning ramp.
    adoption: Adoption {
        p = 0.03, [0.001, 0.5], "per month (Bass innovation)", "A/B",
            "fitted to an internal rollout (arXiv 2509.19708)";
        q = 1.0, [0.0, 5.0], "per month (Bass imitation)", "A/B",
            "fitted to Uber's 32% → 84% in one month";
        market_potential = 0.70, [0.0, 1.0], "share of developers who ever adopt without a mandate", "B",
            "Jellyfish 2026 benchmark: median weekly-active 71%";
        board_push = 0.02, [0.0, 1.0], "extra innovation push while a leaderboard is on, per month", "—",
            "assumption";
        churn = 0.0, [0.0, 0.5], "share of adopters who stop each month", "—",
            "assumption";
        ramp_floor = 0.5, [0.0, 1.0], "usage in the adoption month, share of full usage", "—",
            "qualitative (Anthropic internal study)";
        ramp_months = 2.0, [0.1, 24.0], "learning-ramp time constant, months", "—",
            "qualitative (Anthropic internal study)";
    }
    /// Shipped changes and their quality.
    output: Output {
        baseline_changes = 6.0, [0.1, 100.0], "shipped changes per developer-month without AI", "C",
            "Jellyfish/OpenAI: 1.36 PRs per engineer-week at 0% AI";
        sigma_y = 0.5, [0.0, 2.0], "log-sd of baseline output", "—",
            "assumption";
        rho = 0.6, [-1.0, 1.0], "correlation of baseline output with demand", "—",
            "assumption";
        uplift_median = 0.25, [-0.5, 2.0], "median output uplift of an adopter at median usage", "A",
            "field RCTs (≈4,900 developers): +26% PRs, CI 6–46%";
        elasticity = 0.3, [0.0, 1.0], "output elasticity to usage", "B",
            "Jellyfish: 10× tokens ≈ 2× output";
        pass_through = 0.5, [0.0, 1.0], "share of individual gains that reach shipped output", "—",
            "between Faros (org level ≈ flat) and PR-level gains";
        unshipped_share = 0.30, [0.0, 1.0], "share of productive tokens spent on work that never ships", "C",
            "≈ 1 − AI PR merge rate (60–80%)";
        failure_rate = 0.08, [0.0, 1.0], "baseline change-failure rate", "B",
            "DORA 2024";
        defect_sensitivity = 0.2, [0.0, 2.0], "rise in failures per 25% AI share of output", "B",
            "DORA 2024: −7.2% stability per +25% adoption";
        effort_substitution = 0.0, [0.0, 1.0], "share of a gamer's real output lost to gaming", "—",
            "assumption (off by default)";
    }
    /// Leaderboard gaming: who games, how hard, and how it spreads.
    gaming: Gaming {
        propensity_a = 2.0, [0.1, 50.0], "Beta(a, b) shape a of gaming propensity", "—",
            "qualitative reporting only (mean 0.25)";
        propensity_b = 6.0, [0.1, 50.0], "Beta(a, b) shape b of gaming propensity", "—",
            "qualitative reporting only (mean 0.25)";
        weight_top = 1.0, [0.0, 10.0], "hazard weight of chasing the next tier", "A (shape) / —",
            "U-shaped rank response (Gill et al.)";
        weight_bottom = 0.6, [0.0, 10.0], "hazard weight of escaping the bottom", "A (shape) / —",
            "U-shaped rank response (Gill et al.)";
        weight_social = 1.5, [0.0, 10.0], "hazard weight of last month's gamer share (contagion)", "—",
            "assumption";
        reach_width = 0.5, [0.01, 10.0], "width h of the pull of a reachable tier, share of the cut-off", "—",
            "superstar effect (Brown 2011)";
        escalation = 0.25, [0.0, 5.0], "margin above a cut-off that gamers aim for", "—",
            "assumption";
        padding = 1.0, [0.0, 20.0], "minimum padding, share of own productive spend", "—",
            "assumption";
        ceiling = 30.0, [1.0, 1_000.0], "most a gamer adds, multiple of median productive spend", "—",
            "Meta's top user ≈ 400× mean is an upper bound";
        floor_percentile = 0.2, [0.0, 1.0], "percentile below which users feel flagged", "—",
            "assumption";
        split_max = 0.4, [0.0, 5.0], "largest share by which a gamer inflates deployments", "—",
            "assumption";
        split_overhead = 0.05, [0.0, 1.0], "token overhead of splitting, share of productive spend at split_max", "—",
            "assumption";
    }
    /// Agent runs, for per-run caps.
    runs: Runs {
        runs_per_day = 4.0, [0.1, 1_000.0], "agent runs per active day", "C",
            "weak";
        sigma_run = 1.2, [0.01, 5.0], "log-sd of run cost", "C",
            "weak";
        resume_share = 0.4, [0.0, 1.0], "share of capped runs that are resumed", "—",
            "assumption";
    }
    /// Effects of the ticket rule and of showback / chargeback.
    effects: Effects {
        ticket_game = 0.7, [0.0, 1.0], "cut in gaming hazard under the ticket rule", "—",
            "mechanism exists (trace-id required); effect assumed";
        ticket_orphan = 0.4, [0.0, 1.0], "cut in unshipped (orphan) tokens under the ticket rule", "—",
            "assumption";
        ticket_friction = 0.03, [0.0, 1.0], "cut in productive use from ticket friction", "—",
            "assumption";
        showback_productive = 0.03, [0.0, 1.0], "cut in productive demand under showback", "C",
            "FinOps vendor reports";
        showback_waste = 0.2, [0.0, 1.0], "cut in gaming and orphan tokens under showback", "C",
            "FinOps vendor reports";
        chargeback_productive = 0.08, [0.0, 1.0], "cut in productive demand under chargeback", "C",
            "FinOps vendor reports";
        chargeback_waste = 0.5, [0.0, 1.0], "cut in gaming and orphan tokens under chargeback", "C",
            "FinOps vendor reports; no effect without accountability (Sen & Yardley 1989)";
    }
}

/// Every parameter as a Markdown table (the one in `docs/MODEL.md`).
pub fn parameter_table() -> String {
    let mut out = String::from(
        "| parameter | default | allowed | unit | grade | source |\n|---|---|---|---|---|---|\n",
    );
    for p in PARAMS {
        let e = p.evidence.unwrap_or(NO_EVIDENCE);
        out += &format!(
            "| `{}` | {} | {} – {} | {} | {} | {} |\n",
            p.path,
            p.default_value().unwrap_or_default(),
            p.min,
            p.max,
            p.unit,
            e.grade,
            e.source
        );
    }
    out
}

const NO_EVIDENCE: Evidence = Evidence {
    grade: "",
    source: "",
};

/// One parameter as `burnrate scenario parameters --format json` lists it.
#[derive(Serialize)]
struct ParamRow {
    path: &'static str,
    default: f64,
    min: f64,
    max: f64,
    unit: &'static str,
    source: &'static str,
    grade: &'static str,
}

/// Every parameter as a JSON list of `{path, default, min, max, unit, source, grade}`.
pub fn parameters_json() -> String {
    let rows: Vec<ParamRow> = PARAMS
        .iter()
        .map(|p| {
            let e = p.evidence.unwrap_or(NO_EVIDENCE);
            ParamRow {
                path: p.path,
                default: p.default_value().unwrap_or_default(),
                min: p.min,
                max: p.max,
                unit: p.unit,
                source: e.source,
                grade: e.grade,
            }
        })
        .collect();
    serde_json::to_string_pretty(&rows).expect("serialisable") + "\n"
}

/// The groups of the model parameters (`usage`, `adoption`, …), in the table's order.
pub fn param_groups() -> Vec<&'static str> {
    PARAMS.iter().fold(Vec::new(), |mut groups, p| {
        let group = p.path.split('.').next().unwrap_or_default();
        if !groups.contains(&group) {
            groups.push(group);
        }
        groups
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_is_in_its_range_and_reachable_by_path() {
        let mut p = Params::default();
        for spec in PARAMS {
            let default = spec.default_value().unwrap();
            assert!((spec.min..=spec.max).contains(&default), "{}", spec.path);
            assert_eq!(p.get(spec.path), Some(default), "{}", spec.path);
            *p.get_mut(spec.path).unwrap() = spec.max;
            assert_eq!(p.get(spec.path), Some(spec.max));
        }
        assert_eq!(p.get("usage.nonsense"), None);
    }
}
