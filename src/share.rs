//! Share links: the whole scenario in a URL fragment, versioned and compressed, and migrated
//! forward when it was made by an older version of the format.
//!
//! A link payload is `<link version>.<base64url(deflate(scenario JSON))>`, e.g. `1.eJyr…`. The
//! link version names this encoding; the scenario document inside carries its own `version`, and
//! [`migrate`] upgrades older documents step by step before they are parsed, so a link made today
//! still opens after the format evolves.

use crate::scenario::{Scenario, ScenarioError};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::Value;
use thiserror::Error;

/// The link encoding this build writes.
pub(crate) const LINK_VERSION: u32 = 1;

/// The most a link may inflate to [bytes]: a scenario is a few kilobytes; anything larger is
/// refused rather than decompressed (a zip bomb in a URL).
pub(crate) use crate::limits::MAX_SCENARIO_BYTES;

/// Why a link could not be opened.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ShareError {
    /// The payload is not `<version>.<data>`.
    #[error("this link is damaged or incomplete: it does not hold a Burnrate scenario")]
    NotALink,
    /// The link was made by a newer Burnrate.
    #[error("the link was made by a newer version of Burnrate (link format {found}; this version reads up to {LINK_VERSION})")]
    NewerLink {
        /// The link version found.
        found: u32,
    },
    /// The data inflates past [`MAX_SCENARIO_BYTES`] (a deflate bomb).
    #[error("this link's scenario unpacks to more than {} MiB, the most a share link may hold", MAX_SCENARIO_BYTES / (1024 * 1024))]
    TooLarge,
    /// The data is damaged (truncated or edited); the detail is for developers and is not part
    /// of the message.
    #[error("this link is damaged or incomplete (part of it is missing or was changed)")]
    Damaged(String),
    /// The scenario inside does not parse.
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
}

/// The link payload of a scenario.
pub fn encode(scenario: &Scenario) -> String {
    let json = serde_json::to_vec(scenario).expect("a scenario always serialises");
    let packed = miniz_oxide::deflate::compress_to_vec(&json, 9);
    format!("{LINK_VERSION}.{}", URL_SAFE_NO_PAD.encode(packed))
}

/// The scenario of a link payload, migrated to the current format.
pub fn decode(payload: &str) -> Result<Scenario, ShareError> {
    let (version, data) = payload.trim().split_once('.').ok_or(ShareError::NotALink)?;
    let version: u32 = version.parse().map_err(|_| ShareError::NotALink)?;
    if version > LINK_VERSION {
        return Err(ShareError::NewerLink { found: version });
    }
    let packed = URL_SAFE_NO_PAD
        .decode(data.trim_end_matches('='))
        .map_err(|e| ShareError::Damaged(e.to_string()))?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_SCENARIO_BYTES)
        .map_err(|e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => ShareError::TooLarge,
            status => ShareError::Damaged(format!("cannot decompress ({status:?})")),
        })?;
    crate::limits::check_json_depth(&json).map_err(|message| ScenarioError::Malformed {
        file: "the link".into(),
        message,
    })?;
    let value: Value =
        serde_json::from_slice(&json).map_err(|e| ShareError::Damaged(e.to_string()))?;
    Ok(Scenario::from_value(value, "the link")?)
}

/// One step of the scenario format: upgrades a document of version `n` to `n + 1` in place.
type Step = fn(&mut serde_json::Map<String, Value>);

/// The format's steps from version 1 upward: `STEPS[0]` upgrades version 1 to 2, and so on.
/// Version 1 is current, so there are none yet; a format change adds its step here and raises
/// [`crate::scenario::SCENARIO_VERSION`] (a test keeps the two in step).
const STEPS: &[Step] = &[];

/// Upgrades a scenario document to the current format version, one version at a time.
/// A document without `version` is taken as version 1 (the first published format); a
/// `version` that is not a whole number from 1 to [`crate::scenario::SCENARIO_VERSION`] is
/// refused, naming the field (a higher one was written by a newer Burnrate).
pub fn migrate(value: Value) -> Result<Value, ScenarioError> {
    migrate_with(value, STEPS)
}

fn migrate_with(mut value: Value, steps: &[Step]) -> Result<Value, ScenarioError> {
    let current = 1 + steps.len() as u64;
    let version = match value.get("version") {
        None => 1,
        Some(v) => match v.as_u64() {
            Some(n) if (1..=current).contains(&n) => n,
            _ => {
                let newer = v.as_u64().is_some_and(|n| n > current);
                return Err(ScenarioError::OutOfRange {
                    field: "version".into(),
                    value: v.to_string(),
                    allowed: if newer {
                        format!("1–{current}; a newer version of Burnrate wrote this scenario")
                    } else {
                        format!("a whole number from 1 to {current}")
                    },
                });
            }
        },
    };
    if let Some(object) = value.as_object_mut() {
        for step in &steps[version.max(1) as usize - 1..] {
            step(object);
        }
        object.insert("version".into(), Value::from(current));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::SCENARIO_VERSION;

    #[test]
    fn a_scenario_round_trips_through_a_short_link() {
        let mut s = Scenario {
            name: "Copilot rollout — Q3 (€ budget)".into(),
            ..Scenario::default()
        };
        s.uncertainty.draws = 77;
        let link = encode(&s);
        assert!(link.starts_with("1."));
        assert!(link.len() < 3000, "{} characters", link.len());
        assert!(link[2..]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        assert_eq!(decode(&link).unwrap(), s);
    }

    #[test]
    fn damaged_newer_and_foreign_links_are_refused_with_a_reason() {
        let link = encode(&Scenario::default());
        assert_eq!(decode("hello"), Err(ShareError::NotALink));
        assert_eq!(decode("9.abc"), Err(ShareError::NewerLink { found: 9 }));
        assert!(matches!(
            decode(&link[..link.len() / 2]),
            Err(ShareError::Damaged(_))
        ));
        assert!(matches!(decode("1.!!!"), Err(ShareError::Damaged(_))));
        let newer = serde_json::json!({ "version": 99 });
        let packed = miniz_oxide::deflate::compress_to_vec(newer.to_string().as_bytes(), 9);
        let link = format!("1.{}", URL_SAFE_NO_PAD.encode(packed));
        let e = decode(&link).unwrap_err();
        assert!(e.to_string().contains("`version` = 99"), "{e}");
        assert!(e.to_string().contains("newer version of Burnrate"), "{e}");
    }

    #[test]
    fn a_zip_bomb_is_refused() {
        let huge = vec![b' '; MAX_SCENARIO_BYTES + 10];
        let packed = miniz_oxide::deflate::compress_to_vec(&huge, 9);
        let link = format!("1.{}", URL_SAFE_NO_PAD.encode(packed));
        assert_eq!(decode(&link), Err(ShareError::TooLarge));
        assert!(ShareError::TooLarge.to_string().contains("more than 2 MiB"));
    }

    #[test]
    fn the_steps_and_the_format_version_agree() {
        assert_eq!(1 + STEPS.len() as u32, SCENARIO_VERSION);
    }

    #[test]
    fn older_documents_go_through_every_later_step_in_order() {
        // Two hypothetical format changes: 1 → 2 renames `months` to `horizon`, 2 → 3 turns
        // the horizon into years.
        let rename: Step = |o| {
            if let Some(m) = o.remove("months") {
                o.insert("horizon".into(), m);
            }
        };
        let to_years: Step = |o| {
            let months = o.get("horizon").and_then(Value::as_f64).unwrap_or(0.0);
            o.insert("horizon".into(), Value::from(months / 12.0));
        };
        let steps: &[Step] = &[rename, to_years];
        let v1 = migrate_with(serde_json::json!({ "months": 24 }), steps).unwrap();
        assert_eq!(v1, serde_json::json!({ "version": 3, "horizon": 2.0 }));
        let v2 = serde_json::json!({ "version": 2, "horizon": 36 });
        assert_eq!(
            migrate_with(v2, steps).unwrap(),
            serde_json::json!({ "version": 3, "horizon": 3.0 })
        );
        let v3 = serde_json::json!({ "version": 3, "horizon": 1.5 });
        assert_eq!(migrate_with(v3.clone(), steps).unwrap(), v3);
        for bad in [
            serde_json::json!(4),
            serde_json::json!(0),
            serde_json::json!(-1),
            serde_json::json!(1.5),
            serde_json::json!("2"),
        ] {
            let e = migrate_with(serde_json::json!({ "version": bad }), steps).unwrap_err();
            assert_eq!(e.field(), "version", "{bad}");
        }
    }

    #[test]
    fn a_document_without_a_version_is_read_as_version_1() {
        let migrated = migrate(serde_json::json!({ "months": 12 })).unwrap();
        assert_eq!(migrated["version"], 1);
    }
}
