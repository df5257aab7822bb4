//! The command line, as clap derives it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::diagnostic::Level;
use crate::profile::Profile;
use crate::rule::PayloadLocation;

/// Validate and lint hotel supplier responses to SAP Concur (Hotel Service v2 SOAP, Hotel v1
/// OTA, Hotel Service v4 JSON, XX/1, Concur web-service errors) before Concur does.
#[derive(Debug, Parser)]
#[command(name = "otalint", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// Parses the command line, pairing each `--output` with the `--format` before it (clap's
    /// derive keeps the values of a repeated option, not where they stood).
    pub fn parse_args() -> Cli {
        use clap::{CommandFactory, FromArgMatches};
        let matches = Cli::command().get_matches();
        let mut cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
        let pairing = |sub: &clap::ArgMatches| -> Vec<Option<usize>> {
            let positions = |id: &str| -> Vec<usize> {
                sub.indices_of(id).map(|i| i.collect()).unwrap_or_default()
            };
            let formats = positions("format");
            positions("output")
                .into_iter()
                .map(|at| formats.iter().rposition(|f| *f < at))
                .collect()
        };
        match (&mut cli.command, matches.subcommand()) {
            (Command::Check(args), Some(("check", sub))) => args.output_format = pairing(sub),
            #[cfg(feature = "probe")]
            (Command::Probe(args), Some(("probe", sub))) => args.output_format = pairing(sub),
            _ => {}
        }
        cli
    }
}

pub use crate::profile::HS4_OPERATIONS;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check files, directories or standard input (`-`)
    Check(Box<CheckArgs>),
    /// List every rule: name, group, default level, profiles and summary
    Rules(RulesArgs),
    /// Explain a rule: what it checks, why, an example and the fix
    Explain(ExplainArgs),
    /// Print a shell completion script (e.g. `otalint completions bash > /etc/bash_completion.d/otalint`)
    Completions(CompletionsArgs),
    /// Print a man page (roff): `otalint man > otalint.1`, `otalint man check > otalint-check.1`
    Man(ManArgs),
    /// Print the configuration in effect for a path: where it came from, the profile, edition
    /// and level of every rule
    Config(ConfigArgs),
    /// Play SAP Concur against a supplier's test endpoint: send Concur's message flow and the
    /// negative probes the contract implies, record every exchange in a HAR file, and check it
    #[cfg(feature = "probe")]
    Probe(Box<crate::probe::ProbeArgs>),
}

/// Where the configuration comes from.
#[derive(Debug, Args)]
pub struct ConfigSource {
    /// Read this configuration file instead of looking for `otalint.toml` or `.otalint.toml`
    /// from the working directory up to the repository root
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Use no configuration file
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// The file or directory whose settings to show (default: the current directory)
    pub path: Option<PathBuf>,

    #[command(flatten)]
    pub source: ConfigSource,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The subcommand whose page to print (default: the main page)
    pub subcommand: Option<String>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files and directories to check (directories are walked recursively); `-` reads
    /// standard input. Without paths, the current directory is checked.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub source: ConfigSource,

    /// Check every file against this profile instead of detecting it per file (overrides
    /// the configuration)
    #[arg(long, value_enum)]
    pub profile: Option<Profile>,

    /// Where HS2 Type 13 payloads live: the element content (Concur docs since 2018-12, the
    /// default) or ShortText (the 2017 edition)
    #[arg(long, value_enum)]
    pub payload_location: Option<PayloadLocation>,

    /// A rules data file layered on top of the built-in facts of the profile it names
    /// (repeatable; see rules/README.md)
    #[arg(long = "rules", value_name = "FILE")]
    pub rules_files: Vec<PathBuf>,

    /// The Hotel Service v4 operation the JSON bodies answer (search, details, rates,
    /// ratedetails, reservation, read, modify, cancel) when no request URL says
    #[arg(long, value_name = "NAME", value_parser = HS4_OPERATIONS)]
    pub operation: Option<String>,

    /// The request the (single) response answers, for the pairing rules. Without it, a
    /// response `NAME.xml` or `NAME.rs.xml` is paired with `NAME.rq.xml` beside it
    #[arg(long, value_name = "FILE")]
    pub request: Option<PathBuf>,

    /// Read every file as this kind instead of telling from its content
    #[arg(long, value_enum, value_name = "KIND")]
    pub input_kind: Option<crate::input::InputKind>,

    /// The HTTP status a bare body came with, for the http rules
    #[arg(long, value_name = "CODE")]
    pub status: Option<u16>,

    /// An HTTP header a bare body came with, `Name: value` (repeatable)
    #[arg(long = "header", value_name = "NAME: VALUE")]
    pub headers: Vec<String>,

    /// How long the response took, in seconds (`4.2`, `4200ms`)
    #[arg(long, value_name = "TIME", value_parser = parse_elapsed)]
    pub elapsed: Option<f64>,

    /// The time of answers that state none (no HAR `startedDateTime`, no HTTP `Date`), in
    /// RFC 3339 (`2026-11-22T10:00:00Z`): `cancel-deadline` reports a deadline already past
    /// then. Without a time, that half of the rule is skipped
    #[arg(long, value_name = "TIME", value_parser = parse_now)]
    pub now: Option<jiff::Timestamp>,

    /// Files larger than this are not read (an error names them)
    #[arg(long, value_name = "SIZE", default_value = "256MiB", value_parser = crate::input::parse_size)]
    pub max_file_size: u64,

    /// A gzip or deflate body that would expand past this is not checked: it is reported as a
    /// path that could not be checked (exit status 2)
    #[arg(long, value_name = "SIZE", default_value = "64MiB", value_parser = crate::input::parse_size)]
    pub max_decoded_size: u64,

    /// Output format (repeatable: each `--format` may be followed by an `--output`). Default
    /// `human`, or `github` when GITHUB_ACTIONS=true
    #[arg(long, value_enum)]
    pub format: Vec<Format>,

    /// Write the report of the `--format` before it to this file instead of stdout
    #[arg(long, value_name = "FILE")]
    pub output: Vec<PathBuf>,

    /// For each `--output`, the index in `format` of the `--format` before it (`None` when
    /// none comes before it); filled by [`Cli::parse_args`] from argument positions.
    #[arg(skip)]
    pub output_format: Vec<Option<usize>>,

    /// Exit with status 0 even when findings are reported (2 still means otalint could not run)
    #[arg(long)]
    pub exit_zero: bool,

    /// Exit with status 1 when more than this many warnings are reported
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,

    /// Human output: print the findings only, without file headers and summary
    #[arg(long, short)]
    pub quiet: bool,

    /// Print how many findings each rule reported (instead of the findings, in human output)
    #[arg(long)]
    pub statistics: bool,

    /// When to use colour in human output (NO_COLOR is honoured with `auto`)
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Exit with status 1 when a finding at or above this level is reported
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,

    /// File extensions picked up when walking directories (comma-separated; default
    /// xml,json,http,har; files named on the command line are always checked, unless
    /// --force-exclude)
    #[arg(long, value_delimiter = ',')]
    pub ext: Option<Vec<String>>,

    /// Walk into what .gitignore, .ignore and Git's excludes leave out
    #[arg(long)]
    pub no_ignore: bool,

    /// Files named on the command line obey the skips and excludes of a walk: the walked
    /// extensions, .gitignore/.ignore and hidden names, the configuration's `exclude`, and
    /// documents that are not supplier messages (`pom.xml`, `web.xml`). For hooks that pass
    /// files by name (pre-commit)
    #[arg(long)]
    pub force_exclude: bool,

    /// Walk hidden files and directories too
    #[arg(long)]
    pub hidden: bool,

    /// Report only findings that this baseline file (from --write-baseline) does not record
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Record every finding of this run in a baseline file
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,

    #[command(flatten)]
    pub rules: RuleChoice,

    /// Check files on this many threads (default: one per core); output is the same
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,

    /// Also list the files without findings, with their profile and why it was chosen
    #[arg(long, short)]
    pub verbose: bool,
}

/// Which rules run (`--select`, `--extend-select`, `--ignore`), shared by `check` and `probe`.
#[derive(Clone, Debug, Default, Args)]
pub struct RuleChoice {
    /// Run only these rules or groups (comma-separated); rules that are off by default run
    /// when selected
    #[arg(long, value_delimiter = ',', value_name = "RULE|GROUP", value_parser = rule_or_group(true), hide_possible_values = true)]
    pub select: Vec<String>,

    /// Add these rules or groups to the default set (comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "RULE|GROUP", value_parser = rule_or_group(true), hide_possible_values = true)]
    pub extend_select: Vec<String>,

    /// Do not run these rules or groups (comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "RULE|GROUP", value_parser = rule_or_group(true), hide_possible_values = true)]
    pub ignore: Vec<String>,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = RulesFormat::Human)]
    pub format: RulesFormat,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule's name, e.g. `payload-format`, or a group's, e.g. `payload`, to list its rules
    #[arg(value_parser = rule_or_group(false), hide_possible_values = true)]
    pub rule: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Rendered diagnostics with source snippets, for people
    Human,
    /// One line per finding: `path:line:col: level[rule] message`
    Concise,
    /// One JSON document (schema in the README)
    Json,
    /// SARIF 2.1.0, for GitHub code scanning
    Sarif,
    /// GitHub Actions annotations (workflow commands)
    Github,
    /// JUnit XML: a test case per file, a failure per finding
    Junit,
    /// GitLab Code Quality JSON
    Gitlab,
    /// A report for people in Markdown (GitHub job summaries, PR comments): the certification
    /// report for an otalint probe recording, a findings report otherwise
    Markdown,
    /// The same report as one self-contained HTML page, for screen and print
    Html,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    /// Aligned columns
    Human,
    /// A JSON array of rules
    Json,
    /// The Markdown table of the README
    Markdown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// `--now`: an RFC 3339 time.
fn parse_now(s: &str) -> Result<jiff::Timestamp, String> {
    s.parse()
        .map_err(|e| format!("`{s}` is not an RFC 3339 time such as 2026-11-22T10:00:00Z: {e}"))
}

/// `4.2`, `4.2s` or `4200ms` as seconds.
fn parse_elapsed(s: &str) -> Result<f64, String> {
    let (number, scale) = match s.strip_suffix("ms") {
        Some(n) => (n, 0.001),
        None => (s.strip_suffix('s').unwrap_or(s), 1.0),
    };
    match number.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v * scale),
        _ => Err(format!(
            "`{s}` is not a time such as `4.2`, `4.2s` or `4200ms`"
        )),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

impl FailOn {
    pub fn level(self) -> Level {
        match self {
            FailOn::Error => Level::Error,
            FailOn::Warning => Level::Warning,
            FailOn::Info => Level::Info,
        }
    }
}

/// Rule and group names (and `all`): completed by the shell, and a typo is answered with the
/// closest name rather than the list of all of them.
pub(crate) fn rule_or_group(
    with_all: bool,
) -> impl clap::builder::TypedValueParser<Value = String> {
    RuleOrGroup { with_all }
}

#[derive(Clone)]
struct RuleOrGroup {
    with_all: bool,
}

impl RuleOrGroup {
    fn names(&self) -> impl Iterator<Item = &'static str> + use<> {
        let rules = crate::rules::RULES.iter().map(|r| r.name);
        let groups = crate::rule::Group::ALL.iter().map(|g| g.as_str());
        rules.chain(groups).chain(self.with_all.then_some("all"))
    }
}

impl clap::builder::TypedValueParser for RuleOrGroup {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        let name = value.to_string_lossy().trim().to_string();
        if self.names().any(|n| n == name) {
            return Ok(name);
        }
        let hint = match crate::suggest::closest(&name, self.names()) {
            Some(s) => format!("; did you mean `{s}`?"),
            None => "; `otalint rules` lists them".to_string(),
        };
        let mut err = clap::Error::raw(
            clap::error::ErrorKind::InvalidValue,
            format!("unknown rule or group `{name}`{hint}\n"),
        );
        err = err.with_cmd(cmd);
        Err(err)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            self.names().map(clap::builder::PossibleValue::new),
        ))
    }
}
