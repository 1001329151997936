//! Named scenarios that reproduce the validation cases of the model (MODEL.md §12), and the
//! default policy sets.

use super::policy::{
    Accountability, AccountabilityKind, Leaderboard, Mandate, Metric, PolicySet, RunCap,
    UserBudget, Window,
};
use super::Scenario;
use crate::calendar::YearMonth;

/// Preset names with a one-line description, in the order `burnrate presets` lists them.
pub const PRESETS: &[(&str, &str)] = &[
    (
        "baseline",
        "No policies: adoption by diffusion alone (V1 usage level, V2 concentration)",
    ),
    (
        "mandate-80",
        "An 80%+ adoption mandate from the start, against no mandate",
    ),
    (
        "kirorank-token-board",
        "A raw-token leaderboard in months 3–9 under a mandate, against the mandate alone (V5)",
    ),
    (
        "deployment-board",
        "A normalized-deployments leaderboard instead of a raw-token one (V6)",
    ),
    (
        "uber-cap-1500",
        "A $1,500 per user per month cap, against none (V3)",
    ),
    (
        "daily-budget",
        "A token leaderboard alone, with a $5 per-run cap, and with a $50 daily budget (V7)",
    ),
    (
        "ticket-and-chargeback",
        "A token leaderboard alone and with a ticket-owner rule and chargeback",
    ),
];

/// A preset's name for people, e.g. `kirorank-token-board` → "Raw-token leaderboard"; the
/// id itself for an unknown preset.
pub fn preset_title(id: &str) -> &str {
    match id {
        "baseline" => "No policies",
        "mandate-80" => "Adoption mandate",
        "kirorank-token-board" => "Raw-token leaderboard",
        "deployment-board" => "Deployments leaderboard",
        "uber-cap-1500" => "Monthly cap per user",
        "daily-budget" => "Run cap and daily budget",
        "ticket-and-chargeback" => "Ticket rule and chargeback",
        other => other,
    }
}

fn month(offset: u32) -> Option<YearMonth> {
    Some(super::default_start_month().plus(offset))
}

fn named(name: &str) -> PolicySet {
    PolicySet {
        name: name.into(),
        ..PolicySet::default()
    }
}

fn mandate() -> Option<Mandate> {
    Some(Mandate::default())
}

/// A leaderboard on `metric` in months 3–9 (Kirorank ran for about seven months).
fn board(metric: Metric) -> Option<Leaderboard> {
    Some(Leaderboard {
        start: month(2),
        end: month(8),
        metric,
        ..Leaderboard::default()
    })
}

fn with_mandate(name: &str) -> PolicySet {
    PolicySet {
        mandate: mandate(),
        ..named(name)
    }
}

fn token_board(name: &str) -> PolicySet {
    PolicySet {
        leaderboard: board(Metric::RawTokens),
        ..with_mandate(name)
    }
}

/// The default scenario's policy sets: single changes to one baseline (an adoption mandate),
/// so each difference has one cause: a Kirorank-style token board, a deployment board, and
/// guard rails (ticket-owner rule and chargeback).
pub(crate) fn default_policies() -> Vec<PolicySet> {
    vec![
        with_mandate("Baseline: mandate only"),
        token_board("+ token leaderboard"),
        PolicySet {
            leaderboard: board(Metric::NormalizedDeployments),
            ..with_mandate("+ deployment leaderboard")
        },
        PolicySet {
            ticket_rule: Some(Window::default()),
            accountability: Some(Accountability::default()),
            ..with_mandate("+ guard rails (ticket rule, chargeback)")
        },
    ]
}

/// The preset scenario called `name`.
pub fn preset(name: &str) -> Option<Scenario> {
    let policies = match name {
        "baseline" => vec![named("No policy")],
        "mandate-80" => vec![named("No mandate"), with_mandate("Mandate 80%+")],
        "kirorank-token-board" => vec![
            with_mandate("Mandate only"),
            token_board("Mandate + token leaderboard (months 3–9)"),
        ],
        "deployment-board" => vec![
            token_board("Mandate + token leaderboard"),
            PolicySet {
                leaderboard: board(Metric::NormalizedDeployments),
                ..with_mandate("Mandate + deployment leaderboard")
            },
        ],
        "uber-cap-1500" => vec![
            with_mandate("Mandate, no cap"),
            PolicySet {
                user_budget: Some(UserBudget {
                    monthly_usd: Some(1500.0),
                    ..UserBudget::default()
                }),
                ..with_mandate("Mandate + $1,500 per user per month")
            },
        ],
        "daily-budget" => vec![
            token_board("Token leaderboard"),
            PolicySet {
                run_cap: Some(RunCap::default()),
                ..token_board("Token leaderboard + $5 per-run cap")
            },
            PolicySet {
                user_budget: Some(UserBudget {
                    daily_usd: Some(50.0),
                    ..UserBudget::default()
                }),
                ..token_board("Token leaderboard + $50 daily budget")
            },
        ],
        "ticket-and-chargeback" => vec![
            token_board("Token leaderboard"),
            PolicySet {
                ticket_rule: Some(Window::default()),
                accountability: Some(Accountability {
                    kind: AccountabilityKind::Chargeback,
                    ..Accountability::default()
                }),
                ..token_board("Token leaderboard + ticket rule + chargeback")
            },
        ],
        _ => return None,
    };
    let description = PRESETS.iter().find(|p| p.0 == name)?.1;
    Some(Scenario {
        name: format!("{name}: {description}"),
        policies,
        ..Scenario::default()
    })
}

/// Policy sets a user can add to a scenario, one per lever, as the app offers them.
pub fn policy_templates() -> Vec<PolicySet> {
    vec![
        named("No policy"),
        with_mandate("Mandate 80%+"),
        token_board("Mandate + token leaderboard"),
        PolicySet {
            leaderboard: board(Metric::NormalizedDeployments),
            ..with_mandate("Mandate + deployment leaderboard")
        },
        PolicySet {
            user_budget: Some(UserBudget {
                monthly_usd: Some(1500.0),
                ..UserBudget::default()
            }),
            ..with_mandate("Mandate + $1,500 per user per month")
        },
        PolicySet {
            user_budget: Some(UserBudget {
                daily_usd: Some(50.0),
                ..UserBudget::default()
            }),
            ..token_board("Token leaderboard + $50 daily budget")
        },
        PolicySet {
            run_cap: Some(RunCap::default()),
            ..with_mandate("Mandate + $5 per-run cap")
        },
        PolicySet {
            ticket_rule: Some(Window::default()),
            accountability: Some(Accountability::default()),
            ..token_board("Token leaderboard + ticket rule + chargeback")
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_has_a_name_for_people_apart_from_its_id() {
        let titles: Vec<&str> = PRESETS.iter().map(|(id, _)| preset_title(id)).collect();
        for ((id, _), title) in PRESETS.iter().zip(&titles) {
            assert_ne!(id, title, "{id} has no name for people");
            assert!(title.chars().next().unwrap().is_uppercase(), "{title}");
        }
        let mut unique = titles.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), titles.len(), "names tell presets apart");
        assert_eq!(preset_title("no-such"), "no-such");
    }
}
