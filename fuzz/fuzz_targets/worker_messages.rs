//! The worker's messages on arbitrary text: a request (or a share of one for a worker of the
//! pool) is read and its job prepared (validation and limits) as the worker does; an update is read as the page does and crosses again
//! unchanged.
#![no_main]

use burnrate::pool::Part;
use burnrate::runner::{FromWorker, ToWorker};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = burnrate_fuzz::text(data) else {
        return;
    };
    if let Ok(ToWorker::Start(request)) = serde_json::from_str::<ToWorker>(text) {
        if let Err(message) = request.job() {
            assert!(!message.is_empty());
        }
    }
    if let Ok(ToWorker::Share(share)) = serde_json::from_str::<ToWorker>(text) {
        if let Err(message) = Part::new(*share) {
            assert!(!message.is_empty());
        }
    }
    if let Ok(message) = serde_json::from_str::<FromWorker>(text) {
        let again = serde_json::to_string(&message).expect("a message serialises");
        let read: FromWorker = serde_json::from_str(&again).expect("a message written reads back");
        assert_eq!(read, message);
    }
});
