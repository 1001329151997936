//! The worker's messages on arbitrary input: a request (or a share of one for a worker of the
//! pool), as text, is read and its job prepared (validation and limits) as the worker does; a
//! question for the solver, as bytes, is read, crosses again unchanged and is validated; a
//! message from a worker, as bytes, is read as the page does and crosses again unchanged (an
//! imported price table is read back as the page reads it); a file to export, as bytes, is
//! made as the tools worker makes it.
#![no_main]

use burnrate::pool::Part;
use burnrate::runner::{ExportRequest, FromWorker, SolveRequest, ToWorker};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(message) = FromWorker::from_bytes(data) {
        // Compared as bytes: a figure may be NaN in postcard, and NaN is not equal to itself.
        let bytes = message.to_bytes();
        let read = FromWorker::from_bytes(&bytes).expect("a message written reads back");
        assert_eq!(read.to_bytes(), bytes);
        if let FromWorker::Prices(imported) = read {
            // The page reads the imported table back: an error at worst, never a panic.
            let _ = imported.into_action(|| 0.0);
        }
    }
    if let Ok(request) = SolveRequest::from_bytes(data) {
        let read = SolveRequest::from_bytes(&request.to_bytes()).expect("a question reads back");
        assert_eq!(read, request);
        if let Err(message) = request.valid() {
            assert!(!message.is_empty());
        }
    }
    if let Ok(request) = ExportRequest::from_bytes(data) {
        // As the tools worker makes it: the file, or why not in words.
        if let Err(message) = request.file() {
            assert!(!message.is_empty());
        }
    }
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
});
