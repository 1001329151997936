//! Share links: the whole scenario in a URL fragment, versioned and compressed, and migrated
//! forward when it was made by an older version of the format.
//!
//! A link payload is `<link version>.<base64url(deflate(scenario JSON))>`, e.g. `1.eJyr…`. The
//! link version names this encoding; the scenario document inside carries its own `version`, and
//! [`migrate`] upgrades older documents step by step before they are parsed, so a link made today
//! still opens after the format evolves.

use crate::scenario::{Scenario, ScenarioError, SCENARIO_VERSION};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::Value;
use thiserror::Error;

/// The link encoding this build writes.
pub const LINK_VERSION: u32 = 1;

/// The most a link may inflate to [bytes]: a scenario is a few kilobytes; anything larger is
/// refused rather than decompressed (a zip bomb in a URL).
pub const MAX_SCENARIO_BYTES: usize = 2 * 1024 * 1024;

/// Why a link could not be opened.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ShareError {
    /// The payload is not `<version>.<data>`.
    #[error("the link is not a Burnrate scenario link (expected `1.` followed by data)")]
    NotALink,
    /// The link was made by a newer Burnrate.
    #[error("the link was made by a newer version of Burnrate (link format {found}; this version reads up to {LINK_VERSION})")]
    NewerLink {
        /// The link version found.
        found: u32,
    },
    /// The data is damaged (truncated or edited).
    #[error("the link is damaged: {0}")]
    Damaged(String),
    /// The scenario inside is from a newer format.
    #[error("the scenario in the link is format version {found}; this version of Burnrate reads up to {SCENARIO_VERSION}")]
    NewerScenario {
        /// The scenario version found.
        found: u64,
    },
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
        .map_err(|e| ShareError::Damaged(format!("cannot decompress ({:?})", e.status)))?;
    let value: Value =
        serde_json::from_slice(&json).map_err(|e| ShareError::Damaged(e.to_string()))?;
    let value = migrate(value)?;
    Ok(
        serde_json::from_value(value).map_err(|e| ScenarioError::Malformed {
            file: "the link".into(),
            message: e.to_string(),
        })?,
    )
}

/// Upgrades a scenario document to the current format version, one version at a time.
/// A document without `version` is taken as version 1 (the first published format).
pub fn migrate(mut value: Value) -> Result<Value, ShareError> {
    let version = value.get("version").and_then(Value::as_u64).unwrap_or(1);
    if version > u64::from(SCENARIO_VERSION) {
        return Err(ShareError::NewerScenario { found: version });
    }
    // Each future format version adds one step here: `2 => v1_to_v2(&mut value)`, and so on;
    // version 1 is current, so there is nothing to do yet.
    if let Some(object) = value.as_object_mut() {
        object.insert("version".into(), Value::from(SCENARIO_VERSION));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(decode(&link), Err(ShareError::NewerScenario { found: 99 }));
    }

    #[test]
    fn a_zip_bomb_is_refused() {
        let huge = vec![b' '; MAX_SCENARIO_BYTES + 10];
        let packed = miniz_oxide::deflate::compress_to_vec(&huge, 9);
        let link = format!("1.{}", URL_SAFE_NO_PAD.encode(packed));
        assert!(matches!(decode(&link), Err(ShareError::Damaged(_))));
    }

    #[test]
    fn a_document_without_a_version_is_read_as_version_1() {
        let migrated = migrate(serde_json::json!({ "months": 12 })).unwrap();
        assert_eq!(migrated["version"], 1);
    }
}
