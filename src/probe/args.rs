//! `otalint probe`'s command line (docs/probe.md "Quick start"). The checking and reporting options mean what
//! they mean in `check`: the probe hands them to `check` on the recording.

use std::path::PathBuf;

use clap::Args;

use crate::cli::{ColorChoice, ConfigSource, FailOn, Format, RuleChoice};
use crate::rule::PayloadLocation;

#[derive(Debug, Args)]
#[command(
    after_help = "Progress goes to stderr, one line per exchange; stdout carries the report of the chosen format. Exit status: 0 nothing at or above --fail-on, 1 findings (an incomplete flow is a flow-step-failed error), 2 the probe could not do its job (invalid scenario, missing environment variable, unwritable --har, a recording the redaction check refused)."
)]
pub struct ProbeArgs {
    /// The probe scenario (TOML): where the endpoint is, which environment variables hold the
    /// credentials, what to search and book
    #[arg(long, value_name = "FILE", required_unless_present = "init")]
    pub scenario: Option<PathBuf>,

    /// Write a commented scenario template (default probe.toml); never overwrites a file
    #[arg(long, value_name = "FILE", num_args = 0..=1, default_missing_value = "probe.toml")]
    pub init: Option<PathBuf>,

    /// Run only this service of the scenario
    #[arg(long, value_parser = ["hs2", "hs4"])]
    pub service: Option<String>,

    /// Run only these steps (comma-separated ids such as hs2.search, hs2.book); the steps they
    /// need run too, and a reservation is always cancelled
    #[arg(long, value_delimiter = ',', value_name = "LIST")]
    pub steps: Vec<String>,

    /// Do not run these steps or probes (comma-separated ids)
    #[arg(long, value_delimiter = ',', value_name = "LIST")]
    pub skip: Vec<String>,

    /// The positive flow only, no negative probes
    #[arg(long)]
    pub no_probes: bool,

    /// Never book, even when the scenario has [booking]
    #[arg(long)]
    pub no_booking: bool,

    /// Build and print every request (redacted) in order; send nothing, write nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Client time-out per exchange (default 60s: past Concur's 55 s, so a late answer is
    /// measured rather than lost)
    #[arg(long, value_name = "DUR")]
    pub timeout: Option<String>,

    /// Connection set-up time-out (default 10s)
    #[arg(long, value_name = "DUR")]
    pub connect_timeout: Option<String>,

    /// `env` (ALL_PROXY, HTTPS_PROXY, HTTP_PROXY, NO_PROXY; the default), `none`, or a proxy URL
    #[arg(long, value_name = "URL|env|none")]
    pub proxy: Option<String>,

    /// PEM roots to trust instead of the built-in Mozilla roots
    #[arg(long, value_name = "FILE")]
    pub ca_file: Option<PathBuf>,

    /// Do not verify certificates (the run is marked not certifiable)
    #[arg(long)]
    pub insecure: bool,

    /// Fetch up to N image URLs per hotel (at most 20; http/https, the first 1 MiB each, no
    /// credentials sent) after its content came, and report `image-unreachable`; off by default
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub check_images: usize,

    /// Send each shopping step N times, for timing statistics (booking steps never)
    #[arg(long, value_name = "N")]
    pub repeat: Option<u32>,

    /// Wait this long between requests
    #[arg(long, value_name = "DUR")]
    pub pause: Option<String>,

    /// Where to write the recording (default otalint-probe-<name>-<UTC stamp>.har)
    #[arg(long, value_name = "FILE")]
    pub har: Option<PathBuf>,

    /// Also write the evidence bundle here: the recording, report.md, report.html, the
    /// scenario, the console log, and each exchange's request, response and raw HTTP
    #[arg(long, value_name = "DIR")]
    pub evidence: Option<PathBuf>,

    /// The largest response body read, decoded (a larger one ends the exchange: `no-response`)
    #[arg(long, value_name = "SIZE", default_value = "64MiB", value_parser = crate::input::parse_size)]
    pub max_decoded_size: u64,

    /// Keep secrets in the recording (debugging only: the reports say NOT REDACTED)
    #[arg(long)]
    pub no_redact: bool,

    /// Deterministic ids (EchoTokens, correlation ids, UUIDs)
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,

    /// The run's clock (RFC 3339), for relative dates and timestamps
    #[arg(long, value_name = "RFC3339")]
    pub now: Option<String>,

    #[command(flatten)]
    pub source: ConfigSource,

    /// A rules data file layered on top of the built-in facts (repeatable; see rules/README.md)
    #[arg(long = "rules", value_name = "FILE")]
    pub rules_files: Vec<PathBuf>,

    /// Where HS2 Type 13 payloads live (content or short-text)
    #[arg(long, value_enum)]
    pub payload_location: Option<PayloadLocation>,

    /// Output format of the report (repeatable, each with its own --output)
    #[arg(long, value_enum)]
    pub format: Vec<Format>,

    /// Write the report of the `--format` before it to this file instead of stdout
    #[arg(long, value_name = "FILE")]
    pub output: Vec<PathBuf>,

    #[arg(skip)]
    pub output_format: Vec<Option<usize>>,

    /// Exit with status 0 even when findings are reported
    #[arg(long)]
    pub exit_zero: bool,

    /// Exit with status 1 when more than this many warnings are reported
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,

    /// Exit with status 1 when a finding at or above this level is reported
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,

    #[command(flatten)]
    pub rules: RuleChoice,

    /// When to use colour in human output
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Human output: the findings only
    #[arg(long, short)]
    pub quiet: bool,

    /// Also list the entries without findings
    #[arg(long, short)]
    pub verbose: bool,
}
