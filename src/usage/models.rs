//! Model labels as exports write them ("Auto: Claude Haiku 4.5", "claude-sonnet-4-5-20250929",
//! "anthropic/claude-opus-4-6", "gpt-5.5-high") matched to catalogue ids.

use crate::pricing::Catalogue;
use serde::Serialize;

/// A model as a usage row names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Model {
    /// The catalogue id when known, else the label as the file wrote it (trimmed).
    pub id: String,
    /// Whether the catalogue knows the model.
    pub known: bool,
}

/// Lower case, with spaces, underscores and dots written as hyphens.
fn canonical(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| match c {
            ' ' | '_' | '.' => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// Suffixes that name a mode of a model rather than another model (Cursor, GitHub).
const MODE_SUFFIXES: [&str; 8] = [
    "-thinking",
    "-high",
    "-medium",
    "-low",
    "-max",
    "-fast",
    "-preview",
    "-latest",
];

/// The candidates a label may match, most literal first: as written, without a picker prefix
/// ("Auto: "), provider prefix ("anthropic/") or "(preview)" note, without a date suffix
/// ("-20250929", "@20250929") and without mode suffixes.
fn candidates(label: &str) -> Vec<String> {
    let mut s = label.trim();
    if let Some((prefix, rest)) = s.split_once(':') {
        if prefix.trim().eq_ignore_ascii_case("auto") {
            s = rest;
        }
    }
    let s = s.rsplit('/').next().unwrap_or(s);
    let s = s.split(" (").next().unwrap_or(s);
    let mut c = family_first(&canonical(s));
    let mut out = vec![c.clone()];
    if let Some(i) = c.rfind(['-', '@']) {
        let tail = &c[i + 1..];
        if tail.len() == 8 && tail.bytes().all(|b| b.is_ascii_digit()) {
            c.truncate(i);
            out.push(c.clone());
        }
    }
    while let Some(suffix) = MODE_SUFFIXES.iter().find(|m| c.ends_with(*m)) {
        c.truncate(c.len() - suffix.len());
        out.push(c.clone());
    }
    out
}

/// Cursor's `claude-4.5-sonnet` written as the catalogue's `claude-sonnet-4-5`.
fn family_first(c: &str) -> String {
    let Some(rest) = c.strip_prefix("claude-") else {
        return c.to_string();
    };
    let parts: Vec<&str> = rest.split('-').collect();
    let version = parts
        .iter()
        .take_while(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        .count();
    match parts.get(version) {
        Some(family) if version > 0 && ["opus", "sonnet", "haiku"].contains(family) => {
            let mut out = vec![*family];
            out.extend(&parts[..version]);
            out.extend(&parts[version + 1..]);
            format!("claude-{}", out.join("-"))
        }
        _ => c.to_string(),
    }
}

/// The catalogue model a label names, or the label itself marked unknown.
pub(crate) fn normalise_model(label: &str, catalogue: &Catalogue) -> Model {
    for candidate in candidates(label) {
        for m in catalogue.models() {
            if canonical(&m.id) == candidate || canonical(&m.name) == candidate {
                return Model {
                    id: m.id.clone(),
                    known: true,
                };
            }
        }
    }
    Model {
        id: label.trim().to_string(),
        known: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(label: &str) -> Model {
        normalise_model(label, &Catalogue::builtin())
    }

    #[test]
    fn labels_match_catalogue_ids() {
        for (label, want) in [
            ("Auto: Claude Haiku 4.5", "claude-haiku-4-5"),
            ("Claude Sonnet 4.6", "claude-sonnet-4-6"),
            ("claude-sonnet-4-5-20250929", "claude-sonnet-4-5"),
            ("anthropic/claude-opus-4-6", "claude-opus-4-6"),
            ("gpt-5.5-high", "gpt-5.5"),
            ("GPT-5.6 Sol", "gpt-5.6-sol"),
            ("claude-opus-4-8-thinking-max", "claude-opus-4-8"),
            ("claude-4.5-sonnet-thinking", "claude-sonnet-4-5"),
            (" gemini-3.1-pro (Preview)", "gemini-3.1-pro"),
        ] {
            assert_eq!(
                id(label),
                Model {
                    id: want.into(),
                    known: true
                },
                "{label}"
            );
        }
    }

    #[test]
    fn unknown_models_keep_their_label() {
        assert_eq!(
            id(" Coding Agent model "),
            Model {
                id: "Coding Agent model".into(),
                known: false
            }
        );
        assert!(!id("Auto: claude-sonnet-4").known);
        assert!(!id("").known);
    }
}
