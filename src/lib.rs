//! Burnrate: simulate what an organisation spends on AI coding tools under adoption and
//! incentive policies, how much of it is waste, and what it gets for it.
//!
//! The core (`pricing`, `scenario`, `population`, `adoption`, `leaderboard`, `caps`, `outcomes`,
//! `sampling`, `sim`, `stats`, `streams`, `report`, `view`, `charts`, `session`, `share`,
//! `opening`, `limits`) is plain Rust with no web dependencies (`streams` computes its blocks
//! with WebAssembly SIMD when built for wasm32); the native CLI (`cli`) and the browser app
//! (`web`, wasm32 only) are thin shells over it.

pub mod adoption;
pub mod calendar;
pub mod calibrate;
pub mod caps;
pub mod charts;
pub mod diagnostic_charts;
pub mod downloads;
pub mod embed;
pub mod export;
pub mod fiscal;
pub mod head_start;
pub mod leaderboard;
pub mod limits;
pub mod opening;
pub mod outcomes;
pub mod pool;
pub mod population;
pub mod pricing;
pub mod reforecast;
pub mod report;
pub mod runner;
pub mod sampling;
pub mod scenario;
pub mod sensitivity;
pub mod session;
pub mod share;
pub mod sim;
pub mod solve;
pub mod spreadsheet;
pub mod stats;
pub mod streams;
pub mod units;
pub mod usage;
pub mod verdict;
pub mod view;
pub mod workbook;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(target_arch = "wasm32")]
pub mod web;
