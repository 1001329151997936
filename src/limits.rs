//! The limits on what one input may ask for, each checked before the work it bounds starts and
//! refused with a message naming the limit and the value found (README.md, "Limits").
//!
//! They are sized so that the default scenario, every preset and an organisation of any size
//! at the default 200 draws run, while one run stays within a few hundred MB. Work counts the
//! developers simulated: above [`crate::sampling::SAMPLE_ABOVE`] developers a draw simulates a
//! sample of about [`crate::sampling::SAMPLE_SIZE`] (1,000,000 developers × 24 months × 200
//! draws × 3 policy sets is then 7.2 × 10⁸, 50 s on one core, 28 s on two).

use crate::scenario::{Scenario, ScenarioError, ValidScenario};
use crate::sim::QUANTITIES;

/// Most cost centres in one organisation.
pub(crate) const MAX_COST_CENTRES: usize = 100;

/// Most teams in one organisation, across all cost centres.
pub(crate) const MAX_TEAMS: usize = 1_000;

/// Most work one run may ask for [simulated developers × months × draws × policy sets]:
/// 100,000 developers (the most simulated individually) × 24 months × 200 draws × 3 policy sets
/// is 1.4 × 10⁹.
pub(crate) const MAX_WORK: u64 = 2_000_000_000;

/// Most figures one run keeps until its report is built [numbers of 8 bytes]:
/// draws × policy sets × months × (cost centres + 1) × (19 quantities + models). 32 × 10⁶ is
/// 256 MB; the default scenario keeps 1.7 × 10⁶.
pub(crate) const MAX_RESULT_NUMBERS: u64 = 32_000_000;

/// Most bytes a share link may inflate to: a scenario is a few kilobytes.
pub(crate) const MAX_SCENARIO_BYTES: usize = 2 * 1024 * 1024;

/// Largest price table imported [bytes]: LiteLLM's full file is about 1.5 MB, a 1,000,000-row
/// CSV about 70 MB.
pub(crate) const MAX_IMPORT_BYTES: usize = 128 * 1024 * 1024;

/// Deepest nesting of arrays and objects in a JSON scenario or price table; both need fewer
/// than 10 levels.
pub(crate) const MAX_JSON_DEPTH: usize = 32;

/// Developers a draw simulates for an organisation of `developers`: all of them, or a sample.
pub fn simulated(developers: u64) -> u64 {
    crate::sampling::Sampling::for_organisation(developers).simulated(developers)
}

/// Work a run asks for [developers × months × draws × policy sets].
pub fn work(developers: u64, months: u32, draws: u32, policy_sets: usize) -> u64 {
    developers
        .saturating_mul(u64::from(months))
        .saturating_mul(u64::from(draws))
        .saturating_mul(policy_sets as u64)
}

/// Figures a run keeps until its report is built (see [`MAX_RESULT_NUMBERS`]).
pub(crate) fn result_numbers(
    draws: u32,
    policy_sets: usize,
    months: u32,
    cost_centres: usize,
    models: usize,
) -> u64 {
    u64::from(draws)
        .saturating_mul(policy_sets as u64)
        .saturating_mul(u64::from(months))
        .saturating_mul(cost_centres as u64 + 1)
        .saturating_mul((QUANTITIES + models) as u64)
}

/// The deepest nesting of arrays and objects in `text`, scanned without parsing (brackets
/// inside strings do not count); stops counting once past `limit`.
pub(crate) fn json_depth(text: &[u8], limit: usize) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let (mut in_string, mut escaped) = (false, false);
    for &b in text {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
                if deepest > limit {
                    return deepest;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

fn over(field: &str, value: impl ToString, allowed: String) -> ScenarioError {
    ScenarioError::OutOfRange {
        field: field.to_string(),
        value: value.to_string(),
        allowed,
    }
}

/// Refuses an organisation with more cost centres or teams than the limits, before any of it
/// is validated.
pub(crate) fn check_organisation(s: &Scenario) -> Result<(), ScenarioError> {
    let cost_centres = s.organisation.cost_centres.len();
    if cost_centres > MAX_COST_CENTRES {
        return Err(over(
            "organisation.cost_centres",
            format!("{cost_centres} cost centres"),
            format!("at most {MAX_COST_CENTRES}, the limit on cost centres"),
        ));
    }
    let teams: usize = s
        .organisation
        .cost_centres
        .iter()
        .map(|c| c.teams.len())
        .sum();
    if teams > MAX_TEAMS {
        return Err(over(
            "organisation (teams in all)",
            teams,
            format!("at most {MAX_TEAMS}, the limit on teams"),
        ));
    }
    Ok(())
}

/// The most draws the rest of `s` allows (with `cost_centres` and `models` as validation
/// resolves them): within [`MAX_WORK`], and within [`MAX_RESULT_NUMBERS`].
pub(crate) fn most_draws(s: &Scenario, cost_centres: usize, models: usize) -> (u64, u64) {
    let developers = simulated(s.developers());
    let work = work(developers, s.months, 1, s.policies.len()).max(1);
    let figures = result_numbers(1, s.policies.len(), s.months, cost_centres, models).max(1);
    (MAX_WORK / work, MAX_RESULT_NUMBERS / figures)
}

/// Refuses a run that asks for more work than [`MAX_WORK`] or would keep more figures than
/// [`MAX_RESULT_NUMBERS`], naming the most draws the rest of the scenario allows.
pub(crate) fn check_run(
    s: &Scenario,
    cost_centres: usize,
    models: usize,
) -> Result<(), ScenarioError> {
    let draws = s.uncertainty.draws;
    let policy_sets = s.policies.len();
    let (by_work, by_figures) = most_draws(s, cost_centres, models);
    if u64::from(draws) > by_work {
        return Err(over(
            "uncertainty.draws",
            draws,
            format!(
                "at most {by_work} for {} simulated developers × {} months × {policy_sets} policy sets: the limit on work is {MAX_WORK} developer-months × draws × policy sets",
                simulated(s.developers()),
                s.months,
            ),
        ));
    }
    if u64::from(draws) > by_figures {
        return Err(over(
            "uncertainty.draws",
            draws,
            format!(
                "at most {by_figures} for {policy_sets} policy sets × {} months × {} cost centres and {models} models: the limit on figures kept is {MAX_RESULT_NUMBERS} numbers",
                s.months,
                cost_centres,
            ),
        ));
    }
    Ok(())
}

/// Refuses a sensitivity analysis (one policy set; a base run and two per prior, `draws` draws
/// each) that asks for more work than [`MAX_WORK`].
pub(crate) fn check_sensitivity(v: &ValidScenario, draws: u32) -> Result<(), String> {
    let runs = 1 + 2 * v.priors.len() as u32;
    let developers = simulated(v.scenario.developers());
    let asked = work(
        developers,
        v.months.len() as u32,
        draws.saturating_mul(runs),
        1,
    );
    if asked > MAX_WORK {
        return Err(format!(
            "the sensitivity analysis ({runs} runs of {draws} draws) asks for {asked} developer-months × draws, more than {MAX_WORK}, the limit on work per run"
        ));
    }
    Ok(())
}

/// `Err` naming the limit when `text` nests deeper than [`MAX_JSON_DEPTH`].
pub(crate) fn check_json_depth(text: &[u8]) -> Result<(), String> {
    if json_depth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH {
        Err(format!(
            "nested more than {MAX_JSON_DEPTH} levels deep (the limit on JSON nesting)"
        ))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_counts_brackets_outside_strings() {
        assert_eq!(json_depth(br#"{"a":[1,{"b":"[[[{"}]}"#, 100), 3);
        assert_eq!(json_depth(br#"{"a":"\"[["}"#, 100), 1);
        assert_eq!(json_depth(b"42", 100), 0);
        let deep = "[".repeat(10_000);
        assert_eq!(json_depth(deep.as_bytes(), 5), 6);
        assert!(check_json_depth(deep.as_bytes())
            .unwrap_err()
            .contains("more than 32 levels"));
        assert!(check_json_depth(b"[[[]]]").is_ok());
    }

    #[test]
    fn work_and_results_saturate_instead_of_overflowing() {
        assert_eq!(work(u64::MAX, 120, 10_000, 12), u64::MAX);
        assert_eq!(work(2_000, 24, 200, 3), 28_800_000);
        assert_eq!(simulated(85_000), 85_000);
        assert_eq!(simulated(1_000_000), crate::sampling::SAMPLE_SIZE);
        assert_eq!(
            result_numbers(200, 3, 24, 4, 4),
            200 * 3 * 24 * 5 * (QUANTITIES as u64 + 4)
        );
    }
}
