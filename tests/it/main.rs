//! The integration tests, one crate so that a change links one test binary, not seven:
//! the binary end to end (`cli`), configuration (`config`), output formats (`formats`), the
//! hostile corpus (`hostile`), randomly broken input (`mutations`), snapshots of what people
//! read (`snapshots`), and trust on real repositories and captures (`trust`). The rule
//! fixtures run in their own harness, `tests/rules.rs`.

mod captures;
mod cli;
mod common;
mod concur_kit;
mod config;
mod daily;
mod differential;
mod escaping;
mod formats;
mod hostile;
mod mutations;
#[cfg(feature = "probe")]
mod probe;
mod reports;
mod snapshots;
mod trust;
mod walks;
