//! Opening the page: an arbitrary address fragment and autosave (split at the first newline;
//! the first byte says whether there is an autosave and whether the view is embedded). The page
//! always opens a scenario, and the autosave is never rewritten before the user changes
//! something.
#![no_main]

use burnrate::opening::{open, AutosaveGate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let Some(text) = burnrate_fuzz::text(rest) else {
        return;
    };
    let (hash, saved) = text.split_once('\n').unwrap_or((text, ""));
    let autosave = (flags & 1 == 1).then_some(saved);
    let opening = open(hash, autosave, flags & 2 == 2);
    if opening.unreadable_autosave.is_some() {
        assert!(opening.notice.is_some());
    }
    let mut gate = AutosaveGate::new(opening.scenario.clone());
    assert!(!gate.should_save(&opening.scenario));
});
