//! The `burnrate` binary: the command line natively, the browser app on wasm32.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    burnrate::cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {
    burnrate::web::start();
}
