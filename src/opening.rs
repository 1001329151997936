//! Which scenario the app opens with, what to tell the user about it, and when the autosave may
//! be replaced.
//!
//! The app opens the scenario of the link in its address (`#s=<payload>`), else the one
//! autosaved in this browser, else the default. A link that cannot be opened never costs the
//! user their own scenario: the autosave is shown instead (the default when there is none), the
//! link's text is kept for the user to copy, and the autosave is only written once the user
//! changes something ([`AutosaveGate`]). An embedded view (`?embed=1`) shows its link or the
//! default and never the viewer's autosave.

use crate::scenario::Scenario;
use crate::share::{self, ShareError};

/// The local-storage key of the autosaved scenario.
pub const AUTOSAVE_KEY: &str = "burnrate.scenario";
/// The local-storage key where an autosave that could not be read is set aside.
pub const BROKEN_KEY: &str = "burnrate.scenario.unreadable";

/// The scenario a page opens with and what to tell the user about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Opening {
    /// The scenario to show.
    pub scenario: Scenario,
    /// Where the scenario came from, or why the link or the autosave could not be used.
    pub notice: Option<String>,
    /// The text of a link that could not be opened (everything after `#s=`), for the user to
    /// copy.
    pub damaged_link: Option<String>,
    /// An autosave that could not be read, to be set aside under [`BROKEN_KEY`].
    pub unreadable_autosave: Option<String>,
}

/// The scenario to open, given the address's fragment (`location.hash`, with or without the
/// leading `#`), the autosave (the text under [`AUTOSAVE_KEY`], if any) and whether the page is
/// an embedded view (which ignores the autosave).
pub fn open(hash: &str, autosave: Option<&str>, embedded: bool) -> Opening {
    let autosave = autosave.filter(|_| !embedded);
    let Some(payload) = hash.trim_start_matches('#').strip_prefix("s=") else {
        return from_autosave(autosave);
    };
    match share::decode(payload) {
        Ok(scenario) => Opening {
            scenario,
            notice: Some("Opened the scenario in the link.".into()),
            damaged_link: None,
            unreadable_autosave: None,
        },
        Err(e) => {
            let fallback = from_autosave(autosave);
            let instead = if fallback.unreadable_autosave.is_some() {
                format!(
                    "The scenario saved in this browser could not be read either; it was set aside under \"{BROKEN_KEY}\". Showing the default scenario instead."
                )
            } else if autosave.is_some() {
                "Showing your last scenario from this browser instead; it is kept as it was until you change something.".into()
            } else {
                "Showing the default scenario instead.".into()
            };
            let copy = if embedded {
                ""
            } else {
                " The link's text is below to copy."
            };
            Opening {
                notice: Some(format!(
                    "The scenario in this link could not be opened: {e}. {instead}{copy}"
                )),
                damaged_link: Some(payload.to_string()),
                ..fallback
            }
        }
    }
}

/// The autosave's scenario, else the default.
fn from_autosave(autosave: Option<&str>) -> Opening {
    let Some(saved) = autosave else {
        return Opening {
            scenario: Scenario::default(),
            notice: None,
            damaged_link: None,
            unreadable_autosave: None,
        };
    };
    match share::decode(saved) {
        Ok(scenario) => Opening {
            scenario,
            notice: Some("Restored your last scenario from this browser.".into()),
            damaged_link: None,
            unreadable_autosave: None,
        },
        Err(e) => {
            let reason = match e {
                ShareError::Damaged(_) | ShareError::NotALink => String::new(),
                other => format!(" ({other})"),
            };
            Opening {
                scenario: Scenario::default(),
                notice: Some(format!(
                    "The scenario saved in this browser could not be read{reason}; it was kept under \"{BROKEN_KEY}\" and the default scenario is shown."
                )),
                damaged_link: None,
                unreadable_autosave: Some(saved.to_string()),
            }
        }
    }
}

/// Decides when the scenario on screen is saved (to the autosave and the address): not the
/// scenario the page opened with, only from the user's first change on, and then every time.
#[derive(Debug, Clone, PartialEq)]
pub struct AutosaveGate {
    /// The scenario the page opened with, until the first change.
    opened: Option<Scenario>,
}

impl AutosaveGate {
    /// A gate for a page that opened `opened`.
    pub fn new(opened: Scenario) -> AutosaveGate {
        AutosaveGate {
            opened: Some(opened),
        }
    }

    /// Whether `current` is to be saved: no while it is still the scenario the page opened
    /// with; yes from the first change on, even if the user later changes it back.
    pub fn should_save(&mut self, current: &Scenario) -> bool {
        if self.opened.as_ref() == Some(current) {
            return false;
        }
        self.opened = None;
        true
    }

    /// The share-link payload to save for `current`, when it is to be saved
    /// ([`AutosaveGate::should_save`]).
    pub fn payload(&mut self, current: &Scenario) -> Option<String> {
        self.should_save(current)
            .then(|| crate::share::encode(current))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str) -> Scenario {
        Scenario {
            name: name.into(),
            ..Scenario::default()
        }
    }

    #[test]
    fn a_first_visit_opens_the_default_scenario_whose_run_the_worker_can_begin() {
        // The page tells the worker to begin the default scenario's run when it opens that
        // scenario (`web::persist::opens_default`): with no link and no autosave, not otherwise.
        assert_eq!(open("", None, false).scenario, Scenario::default());
        assert_eq!(open("#", None, true).scenario, Scenario::default());
        let link = share::encode(&named("linked"));
        assert_ne!(
            open(&format!("#s={link}"), None, false).scenario,
            Scenario::default()
        );
        let saved = share::encode(&named("mine"));
        assert_ne!(open("", Some(&saved), false).scenario, Scenario::default());
    }

    #[test]
    fn a_link_opens_its_scenario() {
        let link = share::encode(&named("linked"));
        let saved = share::encode(&named("mine"));
        let o = open(&format!("#s={link}"), Some(&saved), false);
        assert_eq!(o.scenario.name, "linked");
        assert_eq!(
            o.notice.as_deref(),
            Some("Opened the scenario in the link.")
        );
        assert_eq!((o.damaged_link, o.unreadable_autosave), (None, None));
    }

    #[test]
    fn a_damaged_link_shows_the_autosave_and_keeps_the_link_text() {
        let saved = share::encode(&named("mine"));
        let o = open("#s=1.damaged", Some(&saved), false);
        assert_eq!(o.scenario.name, "mine");
        assert_eq!(o.damaged_link.as_deref(), Some("1.damaged"));
        let notice = o.notice.unwrap();
        assert!(
            notice.contains("this link is damaged or incomplete"),
            "{notice}"
        );
        assert!(notice.contains("your last scenario"), "{notice}");
        assert!(!notice.contains("decompress"), "no decoder words: {notice}");
        assert_eq!(o.unreadable_autosave, None);
    }

    #[test]
    fn a_cut_off_link_says_it_is_damaged_in_plain_words() {
        let link = share::encode(&named("linked"));
        for cut in [&link[..link.len() / 2], "1.!!!", "", "hello"] {
            let o = open(&format!("s={cut}"), None, false);
            let notice = o.notice.unwrap();
            assert!(notice.contains("damaged or incomplete"), "{notice}");
            assert!(notice.contains("default scenario"), "{notice}");
            for word in ["Invalid", "symbol", "offset", "decompress", "base64"] {
                assert!(!notice.contains(word), "{notice}");
            }
            assert_eq!(o.scenario, Scenario::default());
            assert_eq!(o.damaged_link.as_deref(), Some(cut));
        }
    }

    #[test]
    fn a_link_from_a_newer_version_says_so() {
        let o = open("#s=9.abc", None, false);
        assert!(o.notice.unwrap().contains("newer version of Burnrate"));
    }

    #[test]
    fn without_a_link_the_autosave_or_the_default_opens() {
        let saved = share::encode(&named("mine"));
        let o = open("", Some(&saved), false);
        assert_eq!(o.scenario.name, "mine");
        assert_eq!(
            o.notice.as_deref(),
            Some("Restored your last scenario from this browser.")
        );
        let o = open("#other", None, false);
        assert_eq!((o.scenario, o.notice), (Scenario::default(), None));
    }

    #[test]
    fn an_unreadable_autosave_is_set_aside() {
        let o = open("", Some("not a scenario"), false);
        assert_eq!(o.scenario, Scenario::default());
        assert_eq!(o.unreadable_autosave.as_deref(), Some("not a scenario"));
        assert!(o.notice.unwrap().contains(BROKEN_KEY));
        let o = open("#s=1.damaged", Some("not a scenario"), false);
        assert_eq!(o.unreadable_autosave.as_deref(), Some("not a scenario"));
        assert_eq!(o.damaged_link.as_deref(), Some("1.damaged"));
        assert!(o.notice.unwrap().contains("default scenario"));
    }

    #[test]
    fn an_embedded_view_never_shows_the_viewers_autosave() {
        let saved = share::encode(&named("mine"));
        assert_eq!(open("", Some(&saved), true).scenario, Scenario::default());
        let o = open("#s=1.damaged", Some(&saved), true);
        assert_eq!(o.scenario, Scenario::default());
        let notice = o.notice.unwrap();
        assert!(notice.contains("default scenario"), "{notice}");
        assert!(
            !notice.contains("below"),
            "an embed has no copy field: {notice}"
        );
        let full = open("#s=1.damaged", None, false).notice.unwrap();
        assert!(full.contains("below to copy"), "{full}");
    }

    #[test]
    fn the_autosave_is_written_from_the_first_change_on() {
        let opened = named("mine");
        let mut gate = AutosaveGate::new(opened.clone());
        assert!(!gate.should_save(&opened), "opening alone saves nothing");
        assert!(!gate.should_save(&opened));
        assert!(gate.should_save(&named("edited")));
        assert!(gate.should_save(&opened), "a change back is saved too");
        let mut gate = AutosaveGate::new(opened.clone());
        assert_eq!(gate.payload(&opened), None);
        let edited = named("edited");
        assert_eq!(gate.payload(&edited), Some(crate::share::encode(&edited)));
    }
}
