//! otalint: a validator and linter for the responses hotel suppliers send to SAP Concur.
//!
//! The library checks one file at a time with [`Linter::check_file`]; the binary adds
//! discovery, reporting and exit codes on top (see `app` and `commands`). `ARCHITECTURE.md`
//! walks through the modules.

#![forbid(unsafe_code)]

mod names;

pub mod app;
pub mod baseline;
pub mod cli;
pub mod commands;
pub mod config;
pub mod detect;
pub mod diagnostic;
pub mod discover;
pub mod document;
pub mod error;
pub mod gate;
pub mod input;
pub mod lint;
pub mod paths;
pub mod payload;
#[cfg(feature = "probe")]
pub mod probe;
pub mod profile;
pub mod report;
pub mod rule;
pub mod rules;
pub mod selector;
pub mod session;
pub mod suggest;

pub use diagnostic::{Diagnostic, Level};
pub use lint::{BodyOutcome, FileOutcome, Linter};
pub use profile::{Profile, ProfileSet};
pub use rule::PayloadLocation;
