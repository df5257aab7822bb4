//! Why otalint could not do its job: a run that cannot start ([`Error`], exit 2), a mistake in
//! a rules or configuration file ([`DataError`], with its span), or a path it could not check
//! ([`ToolError`], reported and counted while the run goes on).

use std::fmt;
use std::io;
use std::ops::Range;

/// A problem in a rules or configuration file, with the span of the offending text.
#[derive(Debug, Clone)]
pub struct DataError {
    pub path: String,
    pub text: String,
    pub message: String,
    pub span: Option<Range<usize>>,
}

impl DataError {
    pub fn new(path: &str, text: &str, message: String, span: Option<Range<usize>>) -> Self {
        DataError {
            path: path.to_string(),
            text: text.to_string(),
            message,
            span,
        }
    }
}

/// A path the tool could not check (unreadable, vanished, …).
pub struct ToolError {
    pub path: String,
    pub message: String,
}

/// Why a command could not run; rendered once, by [`crate::app::run`].
pub enum Error {
    /// The command line asks for something impossible.
    Usage(String),
    /// A rules data file is wrong.
    RulesFile(DataError),
    /// The configuration file is wrong.
    Config(DataError),
    /// The probe scenario is wrong.
    Scenario(DataError),
    /// Reading or writing failed.
    Io(io::Error),
}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Io(e)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(m) => f.write_str(m),
            Error::RulesFile(e) | Error::Config(e) | Error::Scenario(e) => {
                write!(f, "{}: {}", e.path, e.message)
            }
            Error::Io(e) => write!(f, "{e}"),
        }
    }
}

impl Error {
    /// The error as printed on stderr: a file's mistake with its source lines.
    pub fn render(&self, color: bool, width: usize) -> String {
        use crate::report::human::render_data_error;
        match self {
            Error::Usage(m) => format!("error: {m}\n"),
            Error::Io(e) => format!("error: {e}\n"),
            Error::Scenario(e) => render_data_error(
                e,
                "invalid probe scenario",
                "`otalint probe --init` writes a commented scenario; the format is in docs/probe.md (The scenario file)",
                color,
                width,
            ),
            Error::RulesFile(e) => render_data_error(
                e,
                "invalid rules file",
                "the format is described in rules/README.md",
                color,
                width,
            ),
            Error::Config(e) if e.text.is_empty() => {
                format!("error: configuration {}: {}\n", e.path, e.message)
            }
            Error::Config(e) => render_data_error(
                e,
                "invalid configuration",
                "the keys are described in the README's Configuration section; --no-config ignores the file",
                color,
                width,
            ),
        }
    }
}
