//! The workers' messages on arbitrary bytes: a message to a worker is read, crosses again
//! unchanged and is taken as the worker takes it (a run's job prepared with validation and
//! limits, a share of one made for a worker of the pool, a question for the solver validated);
//! a message from a worker is read as the page does and crosses again unchanged (an imported
//! price table is read back as the page reads it); a file to export is made as the tools worker
//! makes it.
#![no_main]

use burnrate::pool::Part;
use burnrate::runner::{ExportRequest, FromWorker, ToWorker};
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
    if let Ok(message) = ToWorker::from_bytes(data) {
        let read = ToWorker::from_bytes(&message.to_bytes()).expect("a message reads back");
        assert_eq!(read.to_bytes(), message.to_bytes());
        // As the worker takes it: the job prepared, the share made or the question validated,
        // or why not in words.
        let refused = match message {
            ToWorker::Start(request) => request.job().err(),
            ToWorker::Share(share) => Part::new(*share).err(),
            ToWorker::Solve(request) => request.valid().err(),
            _ => None,
        };
        if let Some(message) = refused {
            assert!(!message.is_empty());
        }
    }
    if let Ok(request) = ExportRequest::from_bytes(data) {
        // As the tools worker makes it: the file, or why not in words.
        if let Err(message) = request.file() {
            assert!(!message.is_empty());
        }
    }
});
