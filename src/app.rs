//! One run: configuration → files → lint (in parallel) → report → exit status.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::baseline::{self, Baseline};
use crate::cli::{
    CheckArgs, Cli, ColorChoice, Command, ConfigArgs, ConfigSource, ExplainArgs, Format,
    RulesFormat,
};
use crate::config::{Config, ForPath};
use crate::diagnostic::Level;
use crate::discover::{Discovery, Input, Job, WalkOptions};
use crate::input::{Header, HttpFacts, Limits};
use crate::lint::Linter;
use crate::profile::{DataError, ProfileSet, UserRules};
use crate::report::concise::Concise;
use crate::report::github::Github;
use crate::report::gitlab::Gitlab;
use crate::report::human::{self, Human};
use crate::report::json::Json;
use crate::report::junit::Junit;
use crate::report::sarif::Sarif;
use crate::report::{
    BaselineSummary, Counts, FileEntry, FileReport, Reporter, RunReport, ToolError,
};
use crate::rules::{self, LintOptions, RULES, RuleSet};

/// Exit statuses, as ripgrep and most linters use them.
pub const OK: u8 = 0;
pub const FINDINGS: u8 = 1;
pub const TROUBLE: u8 = 2;

pub fn run(cli: Cli) -> u8 {
    let result = match cli.command {
        Command::Check(args) => check(&args),
        Command::Rules(args) => list_rules(args.format),
        Command::Explain(args) => explain(&args),
        Command::Completions(args) => completions(args.shell),
        Command::Man(args) => man(args.subcommand.as_deref()),
        Command::Config(args) => show_config(&args),
    };
    match result {
        Ok(code) => code,
        // A closed stdout (`otalint check | head -1`) ends the run quietly.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => OK,
        Err(e) => {
            eprintln!("error: {e}");
            TROUBLE
        }
    }
}

/// `otalint config [PATH]`: the settings a file gets, as TOML a reader can copy.
fn show_config(args: &ConfigArgs) -> io::Result<u8> {
    let config = match load_config(&args.source) {
        Ok(config) => config,
        Err(e) => {
            eprint!("{}", e.render(use_color(ColorChoice::Auto)));
            return Ok(TROUBLE);
        }
    };
    let path = args.path.clone().unwrap_or_else(|| ".".into());
    let at = config.for_path(&path);
    let levels = config.levels(&at);
    let mut out = io::BufWriter::new(io::stdout().lock());
    let quote = |s: &str| toml::Value::String(s.to_string()).to_string();
    let list = |items: &[String]| {
        let quoted: Vec<String> = items.iter().map(|s| quote(s)).collect();
        format!("[{}]", quoted.join(", "))
    };
    match &config.file {
        Some(file) => writeln!(out, "# configuration: {}", file.display())?,
        None => writeln!(out, "# configuration: none (built-in defaults)")?,
    }
    writeln!(out, "# for: {}", path.display())?;
    for &i in &at.overrides {
        writeln!(
            out,
            "# override {} applies: files = {}",
            i + 1,
            list(&config.overrides[i].files)
        )?;
    }
    if config.excluded(&path) {
        writeln!(out, "# excluded: this path is not checked")?;
    }
    match config.profile(&at) {
        Some((p, reason)) => writeln!(out, "profile = {}  # {reason}", quote(p.as_str()))?,
        None => writeln!(out, "# profile: detected per file")?,
    }
    let location = config.payload_location(&at).unwrap_or_default();
    let location = clap::ValueEnum::to_possible_value(&location)
        .map(|v| v.get_name().to_string())
        .unwrap_or_default();
    writeln!(out, "payload-location = {}", quote(&location))?;
    let rules_files: Vec<String> = config
        .rules_files
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    writeln!(out, "rules-files = {}", list(&rules_files))?;
    writeln!(out, "extensions = {}", list(&extensions(None, &config)))?;
    writeln!(out, "exclude = {}", list(&config.exclude))?;
    writeln!(out, "\n[rules]")?;
    for (rule, level) in RULES.iter().zip(levels) {
        if rule.is_fundamental() {
            writeln!(out, "# {} = \"{level}\"  (always on)", rule.name)?;
            continue;
        }
        let note = if level == rule.level {
            String::new()
        } else {
            format!("  # default {}", rule.level)
        };
        writeln!(out, "{} = {}{note}", rule.name, quote(level.as_str()))?;
    }
    out.flush()?;
    Ok(OK)
}
/// Why a run could not start, rendered for stderr.
enum SetupError {
    Plain(String),
    /// A rules data file is wrong.
    Data(DataError),
    /// The configuration file is wrong.
    Config(DataError),
}

impl SetupError {
    fn render(&self, color: bool) -> String {
        let width = terminal_width();
        match self {
            SetupError::Plain(m) => format!("error: {m}\n"),
            SetupError::Data(e) => human::render_data_error(
                e,
                "invalid rules file",
                "the format is described in rules/README.md",
                color,
                width,
            ),
            SetupError::Config(e) if e.text.is_empty() => {
                format!("error: configuration {}: {}\n", e.path, e.message)
            }
            SetupError::Config(e) => human::render_data_error(
                e,
                "invalid configuration",
                "the keys are described in the README's Configuration section; --no-config ignores the file",
                color,
                width,
            ),
        }
    }
}

/// The configuration of a run: `--config FILE`, none with `--no-config`, else the one found
/// from the working directory up.
fn load_config(source: &ConfigSource) -> Result<Config, SetupError> {
    if source.no_config {
        return Ok(Config::none());
    }
    let file = match &source.config {
        Some(file) => Some(file.clone()),
        None => Config::find(Path::new(".")).map_err(SetupError::Plain)?,
    };
    match file {
        Some(file) => Config::load(&file).map_err(SetupError::Config),
        None => Ok(Config::none()),
    }
}

/// The linters of a run: one per set of overrides that files match, made when first needed.
struct Linters<'c> {
    config: &'c Config,
    profiles: ProfileSet,
    http: Option<HttpFacts>,
    variants: Vec<Linter>,
    index: HashMap<ForPath, usize>,
}

impl<'c> Linters<'c> {
    fn new(args: &CheckArgs, config: &'c Config) -> Result<Self, SetupError> {
        let mut user = Vec::new();
        for path in config.rules_files.iter().chain(&args.rules_files) {
            let text = std::fs::read_to_string(path).map_err(|e| {
                SetupError::Plain(format!("cannot read rules file {}: {e}", path.display()))
            })?;
            user.push(UserRules {
                path: path.display().to_string(),
                text,
            });
        }
        let profiles = ProfileSet::load(&user).map_err(SetupError::Data)?;
        let mut linters = Linters {
            config,
            profiles,
            http: http_facts(args)?,
            variants: Vec::new(),
            index: HashMap::new(),
        };
        // The plain variant first: it also checks the command line's rule names.
        linters.variant(
            args,
            ForPath {
                overrides: Vec::new(),
            },
        )?;
        Ok(linters)
    }

    /// The index of the linter for files the configuration describes as `at`.
    fn variant(&mut self, args: &CheckArgs, at: ForPath) -> Result<usize, SetupError> {
        if let Some(&i) = self.index.get(&at) {
            return Ok(i);
        }
        let rules = RuleSet::with_levels(self.config.levels(&at))
            .select(&args.select, &args.extend_select, &args.ignore)
            .map_err(|e| SetupError::Plain(e.to_string()))?;
        let (forced, forced_reason) = match (args.profile, self.config.profile(&at)) {
            (Some(p), _) => (Some(p), "forced with --profile".to_string()),
            (None, Some((p, reason))) => (Some(p), reason),
            (None, None) => (None, String::new()),
        };
        let payload_location = args
            .payload_location
            .or(self.config.payload_location(&at))
            .unwrap_or_default();
        self.variants.push(Linter {
            profiles: self.profiles.clone(),
            rules,
            options: LintOptions { payload_location },
            forced,
            forced_reason,
            input_kind: args.input_kind,
            http: self.http.clone(),
            limits: Limits {
                max_file_bytes: args.max_file_size,
                max_decoded_bytes: args.max_decoded_size,
            },
        });
        self.index.insert(at, self.variants.len() - 1);
        Ok(self.variants.len() - 1)
    }

    /// The linter for a file the configuration describes as `at`.
    fn for_path(&mut self, args: &CheckArgs, at: ForPath) -> usize {
        // Rule names were checked when the plain variant was made: this cannot fail.
        self.variant(args, at).unwrap_or(0)
    }
}

fn check(args: &CheckArgs) -> io::Result<u8> {
    let color = use_color(args.color);
    let setup = load_config(&args.source).and_then(|config| {
        let baseline = match &args.baseline {
            Some(file) => Some(Baseline::load(file).map_err(SetupError::Plain)?),
            None => None,
        };
        Ok((config, baseline))
    });
    let (config, baseline) = match setup {
        Ok(setup) => setup,
        Err(e) => {
            eprint!("{}", e.render(color));
            return Ok(TROUBLE);
        }
    };
    let mut linters = match Linters::new(args, &config) {
        Ok(linters) => linters,
        Err(e) => {
            eprint!("{}", e.render(color));
            return Ok(TROUBLE);
        }
    };
    let extensions = extensions(args.ext.as_ref(), &config);
    let excluded = |path: &Path, _dir: bool| config.excluded(path);
    let mut discovery = Discovery::new(
        &args.paths,
        WalkOptions {
            extensions: &extensions,
            respect_ignore: !args.no_ignore,
            hidden: args.hidden,
            excluded: &excluded,
        },
    );
    // `--request` pairs one response: find them all first to be sure there is one.
    let mut first: Vec<Job> = Vec::new();
    if let Some(request) = &args.request {
        first = discovery.by_ref().collect();
        if first.len() != 1 {
            let message = format!(
                "--request pairs one response with its request, but {} files were given",
                first.len()
            );
            eprint!("{}", SetupError::Plain(message).render(color));
            return Ok(TROUBLE);
        }
        first[0].request = Some(request.clone());
    }
    let outputs = match outputs(args, color) {
        Ok(outputs) => outputs,
        Err(message) => {
            eprint!("{}", SetupError::Plain(message).render(color));
            return Ok(TROUBLE);
        }
    };
    // Each report twice: one renders the files' pieces on the workers, the other writes them
    // in order, so the writing of a chunk can overlap the checking of the next.
    let renderers: Vec<Box<dyn Reporter>> = outputs
        .iter()
        .map(|o| reporter(o.format, args, color && o.path.is_none()))
        .collect();
    let human_on_stdout = outputs
        .iter()
        .any(|o| o.format == Format::Human && o.path.is_none());
    let mut sinks: Vec<Sink> = Vec::with_capacity(outputs.len());
    for output in outputs {
        let writer: Box<dyn Write + Send> = match &output.path {
            None => Box::new(io::BufWriter::new(io::stdout())),
            Some(path) => Box::new(io::BufWriter::new(std::fs::File::create(path).map_err(
                |e| io::Error::other(format!("cannot write {}: {e}", path.display())),
            )?)),
        };
        // --statistics replaces the findings in human output on stdout.
        let statistics_only =
            args.statistics && output.format == Format::Human && output.path.is_none();
        sinks.push(Sink {
            output,
            writer,
            statistics_only,
        });
    }
    for sink in &mut sinks {
        if !sink.statistics_only {
            sink.output.reporter.start(sink.writer.as_mut())?;
        }
    }
    let mut tally = Tally {
        writer: args
            .write_baseline
            .as_ref()
            .map(|_| baseline::Writer::default()),
        ..Tally::default()
    };
    let record = args
        .write_baseline
        .as_deref()
        .map(baseline::Paths::for_file);
    let marks = Marks {
        baseline: baseline.as_ref(),
        record: record.as_ref(),
    };
    // Files are found, checked in parallel and reported in order a chunk at a time: the
    // output is the same on any number of threads, and nothing is kept per file.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .map_err(io::Error::other)?;
    let chunk = 512 * pool.current_num_threads().max(1);
    let mut pending = first.into_iter();
    // The next chunk is found while this one is checked: the walk costs the run no time of
    // its own. Which overrides apply is worked out there too; the linter is picked here.
    let config = &config;
    let mut next_chunk = || -> Vec<(Job, ForPath)> {
        pending
            .by_ref()
            .chain(discovery.by_ref())
            .take(chunk)
            .map(|job| {
                let at = match &job.input {
                    Input::File(p) => config.for_path(p),
                    Input::Stdin => ForPath::default(),
                };
                (job, at)
            })
            .collect()
    };
    let reporters: Vec<&dyn Reporter> = renderers.iter().map(|r| r.as_ref()).collect();
    let mut previous: Vec<Checked> = Vec::new();
    let mut found = next_chunk();
    while !found.is_empty() {
        let jobs: Vec<(Job, usize)> = found
            .into_iter()
            .map(|(job, at)| {
                let linter = linters.for_path(args, at);
                (job, linter)
            })
            .collect();
        let variants = &linters.variants;
        // This chunk is checked while the one before is written and the next one is found.
        let (results, (next, written)) = pool.install(|| {
            rayon::join(
                || {
                    jobs.par_iter()
                        .map(|(job, linter)| check_one(&variants[*linter], &reporters, job, &marks))
                        .collect()
                },
                || {
                    let written = tally.take(std::mem::take(&mut previous), &mut sinks);
                    (next_chunk(), written)
                },
            )
        });
        written?;
        previous = results;
        found = next;
    }
    tally.take(previous, &mut sinks)?;
    let Tally {
        files,
        total,
        mut failures,
        suppressed,
        used,
        per_rule,
        writer,
    } = tally;
    failures.extend(std::mem::take(&mut discovery.failures));
    failures.sort_by(|a, b| a.path.cmp(&b.path));
    if human_on_stdout {
        let mut err = io::stderr().lock();
        for f in &failures {
            writeln!(err, "error: {}: {}", f.path, f.message)?;
        }
    }
    let baseline_summary = baseline.as_ref().map(|b| BaselineSummary {
        file: b.file.display().to_string(),
        suppressed,
        stale: b.stale(&used),
    });
    let run = RunReport {
        files,
        failures: &failures,
        total,
        baseline: baseline_summary.as_ref(),
    };
    for sink in &mut sinks {
        if sink.statistics_only {
            statistics(sink.writer.as_mut(), &per_rule)?;
        } else {
            sink.output.reporter.finish(sink.writer.as_mut(), &run)?;
        }
        sink.writer.flush()?;
    }
    if args.statistics && !human_on_stdout {
        statistics(&mut io::stderr().lock(), &per_rule)?;
    }
    if let (Some(summary), false) = (&baseline_summary, human_on_stdout) {
        human::write_baseline_summary(&mut io::stderr().lock(), summary, false)?;
    }
    if let (Some(writer), Some(file)) = (&writer, &args.write_baseline) {
        let mut out = Vec::new();
        writer.write(&mut out)?;
        std::fs::write(file, out)
            .map_err(|e| io::Error::other(format!("cannot write {}: {e}", file.display())))?;
        eprintln!(
            "wrote {} finding{} to baseline {}",
            writer.len(),
            if writer.len() == 1 { "" } else { "s" },
            file.display()
        );
    }
    Ok(if !failures.is_empty() {
        TROUBLE
    } else if args.exit_zero {
        OK
    } else if total.reaches(args.fail_on.level())
        || args.max_warnings.is_some_and(|max| total.warnings > max)
    {
        FINDINGS
    } else {
        OK
    })
}

/// A report being written: its format and reporter, where it goes, and whether `--statistics`
/// replaces it.
struct Sink {
    output: Output,
    writer: Box<dyn Write + Send>,
    statistics_only: bool,
}

/// What the run has found so far, gathered in file order.
#[derive(Default)]
struct Tally {
    files: usize,
    total: Counts,
    failures: Vec<ToolError>,
    /// Findings a baseline hid, and how often each of its entries matched.
    suppressed: usize,
    used: HashMap<baseline::Key, usize>,
    /// Findings per rule and level, for `--statistics`.
    per_rule: BTreeMap<(&'static str, Level), usize>,
    /// The baseline being recorded (`--write-baseline`).
    writer: Option<baseline::Writer>,
}

impl Tally {
    /// Counts a chunk's results and writes their pieces to every report, in order.
    fn take(&mut self, results: Vec<Checked>, sinks: &mut [Sink]) -> io::Result<()> {
        for result in results {
            self.failures.extend(result.failures);
            self.suppressed += result.suppressed;
            for (key, n) in result.used {
                *self.used.entry(key).or_insert(0) += n;
            }
            if let Some(writer) = &mut self.writer {
                for key in result.keys {
                    writer.add(key);
                }
            }
            for (entry, pieces) in result.entries {
                self.files += 1;
                self.total.add(entry.counts);
                for finding in &entry.findings {
                    *self.per_rule.entry(*finding).or_insert(0) += 1;
                }
                for (sink, piece) in sinks.iter_mut().zip(pieces) {
                    if !sink.statistics_only {
                        sink.output
                            .reporter
                            .file(sink.writer.as_mut(), &entry, piece)?;
                    }
                }
            }
        }
        Ok(())
    }
}

/// What walked directories yield unless told otherwise.
pub const DEFAULT_EXTENSIONS: [&str; 4] = ["xml", "json", "http", "har"];

/// The extensions walked directories yield: `--ext`, else the configuration's, else the
/// defaults.
fn extensions(cli: Option<&Vec<String>>, config: &Config) -> Vec<String> {
    match cli.or(config.extensions.as_ref()) {
        Some(list) => list.clone(),
        None => DEFAULT_EXTENSIONS.iter().map(|e| e.to_string()).collect(),
    }
}

/// What a job does with baselines: drop the findings one knows, record them for one.
struct Marks<'a> {
    baseline: Option<&'a Baseline>,
    record: Option<&'a baseline::Paths>,
}

/// What checking one job gave.
struct Checked {
    /// Each unit's entry with its rendered piece for every reporter.
    entries: Vec<(FileEntry, Vec<String>)>,
    failures: Vec<ToolError>,
    /// Findings the baseline knew, not reported.
    suppressed: usize,
    /// How often each baseline key matched.
    used: HashMap<baseline::Key, usize>,
    /// Every finding's key, for `--write-baseline`.
    keys: Vec<baseline::Key>,
}

/// Checks one job, rendering each unit's piece for every reporter.
fn check_one(linter: &Linter, reporters: &[&dyn Reporter], job: &Job, marks: &Marks) -> Checked {
    let path = job.input.display();
    let mut result = Checked {
        entries: Vec::new(),
        failures: Vec::new(),
        suppressed: 0,
        used: HashMap::new(),
        keys: Vec::new(),
    };
    let bytes = match job.input.read(linter.limits.max_file_bytes) {
        Ok(bytes) => bytes,
        Err(e) => {
            result.failures.push(ToolError {
                path,
                message: format!("cannot read: {e}"),
            });
            return result;
        }
    };
    let request = job.request.as_ref().and_then(|r| match std::fs::read(r) {
        Ok(b) => Some((r.display().to_string(), b)),
        Err(e) => {
            result.failures.push(ToolError {
                path: r.display().to_string(),
                message: format!("cannot read the request of {path}: {e}"),
            });
            None
        }
    });
    let mut file = linter.check_file_owned(
        bytes,
        request
            .as_ref()
            .map(|(name, b)| (name.as_str(), b.as_slice())),
    );
    let mut units = std::mem::take(&mut file.units);
    for unit in &mut units {
        let unit = match unit {
            Ok(unit) => unit,
            Err(message) => {
                result.failures.push(ToolError {
                    path: path.clone(),
                    message: message.clone(),
                });
                continue;
            }
        };
        result
            .failures
            .extend(unit.errors.iter().map(|message| ToolError {
                path: path.clone(),
                message: message.clone(),
            }));
        let entry = unit.entry.as_ref().map(|(i, _)| *i);
        if let Some(paths) = marks.record {
            let named = paths.relative(&path);
            let keys = unit.checked.diagnostics.iter();
            result
                .keys
                .extend(keys.map(|d| baseline::Key::of(&named, entry, d)));
        }
        if let Some(baseline) = marks.baseline {
            result.suppressed += baseline.suppress(
                &baseline.paths.relative(&path),
                entry,
                &mut unit.checked.diagnostics,
                &mut result.used,
            );
        }
    }
    file.units = units;
    for unit in file.units.iter().flatten() {
        let checked = &unit.checked;
        let request = match (&unit.entry, &request) {
            (Some((i, _)), _) if checked.paired => Some(format!("the request of entry {i}")),
            (None, Some((name, _))) if checked.paired => Some(name.clone()),
            _ => None,
        };
        let report = FileReport::of(&path, &file, unit, request.as_deref());
        let pieces = reporters.iter().map(|r| r.piece(&report)).collect();
        let entry = FileEntry {
            counts: Counts::of(&checked.diagnostics),
            profile: checked.detection.profile,
            reason: checked.detection.reason.clone(),
            request,
            notes: checked.notes.clone(),
            path: path.clone(),
            entry: unit.entry.clone(),
            findings: checked
                .diagnostics
                .iter()
                .map(|d| (d.rule, d.level))
                .collect(),
        };
        result.entries.push((entry, pieces));
    }
    result
}

/// One report of the run: a format, written to stdout or a file.
struct Output {
    format: Format,
    path: Option<PathBuf>,
    reporter: Box<dyn Reporter>,
}

/// The reports the command line asks for: each `--format` with the `--output` after it, the
/// GitHub format under GitHub Actions when none is given, at most one on stdout.
fn outputs(args: &CheckArgs, color: bool) -> Result<Vec<Output>, String> {
    let mut formats = args.format.clone();
    if formats.is_empty() {
        let github = std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true");
        formats.push(if github {
            Format::Github
        } else {
            Format::Human
        });
    }
    // Each --output belongs to the --format before it; a format without one goes to stdout.
    let mut paths: Vec<Option<PathBuf>> = vec![None; formats.len()];
    for (k, output) in args.output.iter().enumerate() {
        let owner = match args.output_format.get(k) {
            Some(Some(i)) => *i,
            Some(None) => {
                return Err(format!(
                    "--output {} comes before any --format; write `--format FORMAT --output FILE`",
                    output.display()
                ));
            }
            // Parsed without positions (a library caller): pair in order.
            None => k,
        };
        match paths.get_mut(owner) {
            Some(slot @ None) => *slot = Some(output.clone()),
            Some(Some(_)) => {
                return Err(
                    "two --output files follow one --format; give each its own --format"
                        .to_string(),
                );
            }
            None => return Err("each --output names the file of the --format before it".into()),
        }
    }
    let on_stdout = paths.iter().filter(|p| p.is_none()).count();
    if on_stdout > 1 {
        return Err(format!(
            "{on_stdout} formats would go to stdout; give an --output to all but one"
        ));
    }
    Ok(formats
        .iter()
        .zip(paths)
        .map(|(&format, path)| Output {
            format,
            reporter: reporter(format, args, color && path.is_none()),
            path,
        })
        .collect())
}

/// A new reporter of a format.
fn reporter(format: Format, args: &CheckArgs, color: bool) -> Box<dyn Reporter> {
    match format {
        Format::Human => {
            Box::new(Human::new(color, args.verbose, terminal_width()).quiet(args.quiet))
        }
        Format::Concise => Box::new(Concise),
        Format::Json => Box::<Json>::default(),
        Format::Sarif => Box::<Sarif>::default(),
        Format::Github => Box::new(Github),
        Format::Junit => Box::<Junit>::default(),
        Format::Gitlab => Box::<Gitlab>::default(),
    }
}

/// `--statistics`: how many findings each rule reported, most first.
fn statistics(
    out: &mut dyn Write,
    per_rule: &std::collections::BTreeMap<(&str, crate::diagnostic::Level), usize>,
) -> io::Result<()> {
    let mut rows: Vec<_> = per_rule.iter().collect();
    rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    for ((rule, level), n) in rows {
        writeln!(out, "{n:6}  {rule:28} {level}")?;
    }
    Ok(())
}
/// HTTP facts given with `--status`, `--header` and `--elapsed`, for bare bodies.
fn http_facts(args: &CheckArgs) -> Result<Option<HttpFacts>, SetupError> {
    if args.status.is_none() && args.headers.is_empty() && args.elapsed.is_none() {
        return Ok(None);
    }
    let mut headers = Vec::new();
    for h in &args.headers {
        let (name, value) = h
            .split_once(':')
            .filter(|(n, _)| !n.trim().is_empty())
            .ok_or_else(|| SetupError::Plain(format!("--header `{h}` is not `Name: value`")))?;
        headers.push(Header {
            name: name.trim().to_string(),
            value: value.trim().to_string(),
            span: None,
        });
    }
    Ok(Some(HttpFacts {
        status: args.status,
        headers_known: !headers.is_empty(),
        headers,
        elapsed: args.elapsed,
        ..HttpFacts::default()
    }))
}
fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stdout().is_terminal()
        }
    }
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
}

fn list_rules(format: RulesFormat) -> io::Result<u8> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    let profiles = |r: &rules::Rule| {
        r.profiles
            .iter()
            .map(|p| p.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match format {
        RulesFormat::Human => {
            let width = RULES.iter().map(|r| r.name.len()).max().unwrap_or(0);
            for r in RULES {
                writeln!(
                    out,
                    "{:width$}  {:9} {:8} {:9} {}",
                    r.name,
                    r.group.as_str(),
                    r.level.as_str(),
                    profiles(r),
                    r.summary
                )?;
            }
        }
        RulesFormat::Markdown => {
            writeln!(out, "| rule | group | level | profiles | what it reports |")?;
            writeln!(out, "|---|---|---|---|---|")?;
            for r in RULES {
                writeln!(
                    out,
                    "| `{}` | {} | {} | {} | {} |",
                    r.name,
                    r.group,
                    r.level,
                    profiles(r),
                    r.summary.replace('|', "\\|")
                )?;
            }
        }
        RulesFormat::Json => {
            let rows: Vec<_> = RULES
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "name": r.name,
                        "group": r.group,
                        "level": r.level,
                        "profiles": r.profiles,
                        "summary": r.summary,
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &rows)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(OK)
}

/// A completion script generated from the command line's definition.
fn completions(shell: clap_complete::Shell) -> io::Result<u8> {
    let mut command = <Cli as clap::CommandFactory>::command();
    let mut out = io::BufWriter::new(io::stdout().lock());
    clap_complete::generate(shell, &mut command, "otalint", &mut out);
    out.flush()?;
    Ok(OK)
}

/// A man page generated from the command line's definition: the main one or a subcommand's.
fn man(subcommand: Option<&str>) -> io::Result<u8> {
    let command = <Cli as clap::CommandFactory>::command();
    let page = match subcommand {
        None => command,
        Some(name) => {
            let Some(sub) = command.find_subcommand(name) else {
                eprintln!("error: no subcommand `{name}`; `otalint --help` lists them");
                return Ok(TROUBLE);
            };
            let full = format!("otalint-{name}");
            sub.clone().name(full.clone()).display_name(full)
        }
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    clap_mangen::Man::new(page).render(&mut out)?;
    out.flush()?;
    Ok(OK)
}

fn explain(args: &ExplainArgs) -> io::Result<u8> {
    let Some(rule) = rules::find(&args.rule) else {
        let mut err = io::stderr().lock();
        write!(err, "error: unknown rule `{}`", args.rule)?;
        match rules::suggest(&args.rule) {
            Some(s) => writeln!(err, "; did you mean `{s}`?")?,
            None => writeln!(err, "; `otalint rules` lists them all")?,
        }
        return Ok(TROUBLE);
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    let profiles: Vec<_> = rule.profiles.iter().map(|p| p.as_str()).collect();
    writeln!(out, "# {}\n", rule.name)?;
    writeln!(
        out,
        "{}. Group: {} · default level: {} · profiles: {}\n",
        capitalize(rule.summary),
        rule.group,
        rule.level,
        profiles.join(", ")
    )?;
    out.write_all(rule.docs().as_bytes())?;
    out.flush()?;
    Ok(OK)
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
