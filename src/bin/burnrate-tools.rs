//! `burnrate-tools`: the browser's second WebAssembly module, which reads the files a user
//! imports (usage exports) and calibrates scenarios to them, in a web worker of its own. The
//! page's module leaves that code out, so a first visit does not fetch it; the page starts this
//! module's worker when a file is first imported ([`burnrate::web::tools`]).

#[cfg(target_arch = "wasm32")]
fn main() {
    burnrate::web::tools::serve();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    eprintln!(
        "burnrate-tools is the web page's importer module; on the command line, use `burnrate`"
    );
    std::process::ExitCode::from(2)
}
