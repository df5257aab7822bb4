//! otalint: a validator and linter for the responses hotel suppliers send to SAP Concur.
//!
//! The library checks one body at a time with [`Linter::check`]; the binary adds discovery,
//! reporting and exit codes on top (see `app`).

#![forbid(unsafe_code)]

pub mod app;
pub mod baseline;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod document;
pub mod input;
pub mod lint;
pub mod path;
pub mod payload;
pub mod profile;
pub mod report;
pub mod rules;

pub use diagnostic::{Diagnostic, Level};
pub use lint::{Checked, Linter};
pub use profile::{PayloadLocation, Profile, ProfileSet};
