//! The subcommands, one file each; `check`'s pipeline is in [`crate::app`].

pub mod check;
pub mod completions;
pub mod config;
pub mod explain;
pub mod rules;
pub mod sources;
