//! One run: options → files → lint (in parallel) → report → exit status.

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::cli::{CheckArgs, Cli, ColorChoice, Command, ExplainArgs, Format, RulesFormat};
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
use crate::report::{Counts, FileEntry, FileReport, Reporter, RunReport, ToolError};
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

/// What to read: standard input or a file.
enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    fn display(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_string(),
            Input::File(p) => p.display().to_string(),
        }
    }

    /// Reads the input, refusing one larger than `limit` bytes.
    fn read(&self, limit: u64) -> io::Result<Vec<u8>> {
        let too_large = |size: u64| {
            io::Error::other(format!(
                "it is larger than {limit} bytes ({size} bytes or more); raise --max-file-size to check it"
            ))
        };
        let mut buf = Vec::new();
        match self {
            Input::Stdin => {
                io::stdin().lock().take(limit + 1).read_to_end(&mut buf)?;
            }
            Input::File(p) => {
                // Discovery let only regular files through (opening a FIFO would block).
                let file = std::fs::File::open(p)?;
                let meta = file.metadata()?;
                if !meta.is_file() {
                    return Err(io::Error::other("not a regular file"));
                }
                if meta.len() > limit {
                    return Err(too_large(meta.len()));
                }
                // Read in one go into a buffer of the right size; the file may grow while it
                // is read, so never past the limit.
                buf.reserve_exact(meta.len() as usize + 1);
                file.take(limit + 1).read_to_end(&mut buf)?;
            }
        }
        if buf.len() as u64 > limit {
            return Err(too_large(buf.len() as u64));
        }
        Ok(buf)
    }
}

fn check(args: &CheckArgs) -> io::Result<u8> {
    let color = use_color(args.color);
    let linter = match build_linter(args) {
        Ok(linter) => linter,
        Err(message) => {
            eprint!("{}", message.render(color));
            return Ok(TROUBLE);
        }
    };
    let (inputs, mut failures) = discover(&args.paths, &args.ext);
    // Files named on the command line, whose requests may stand beside them unwalked.
    let named = args
        .paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .cloned()
        .collect();
    let jobs = match pair(inputs, &named, args.request.as_deref()) {
        Ok(jobs) => jobs,
        Err(message) => {
            eprint!("{}", SetupError::Plain(message).render(color));
            return Ok(TROUBLE);
        }
    };
    let outputs = match outputs(args, color) {
        Ok(outputs) => outputs,
        Err(message) => {
            eprint!("{}", SetupError::Plain(message).render(color));
            return Ok(TROUBLE);
        }
    };
    // --statistics replaces the findings in human output on stdout.
    let statistics_only =
        |o: &Output| args.statistics && o.format == Format::Human && o.path.is_none();
    let human_on_stdout = outputs
        .iter()
        .any(|o| o.format == Format::Human && o.path.is_none());
    let mut sinks: Vec<(Output, Box<dyn Write>)> = Vec::with_capacity(outputs.len());
    for output in outputs {
        let writer: Box<dyn Write> = match &output.path {
            None => Box::new(io::BufWriter::new(io::stdout())),
            Some(path) => Box::new(io::BufWriter::new(std::fs::File::create(path).map_err(
                |e| io::Error::other(format!("cannot write {}: {e}", path.display())),
            )?)),
        };
        sinks.push((output, writer));
    }
    for (output, writer) in &mut sinks {
        if !statistics_only(output) {
            output.reporter.start(writer.as_mut())?;
        }
    }
    // Files are checked in parallel, a chunk at a time, and reported in order as each chunk
    // is done: the output is the same on any number of threads, and nothing is kept per file.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .map_err(io::Error::other)?;
    let chunk = 512 * pool.current_num_threads().max(1);
    let mut total = Counts::default();
    let mut files = 0;
    let mut per_rule: std::collections::BTreeMap<(&str, crate::diagnostic::Level), usize> =
        std::collections::BTreeMap::new();
    for jobs in jobs.chunks(chunk) {
        let results: Vec<_> = {
            let reporters: Vec<&dyn Reporter> =
                sinks.iter().map(|(o, _)| o.reporter.as_ref()).collect();
            pool.install(|| {
                jobs.par_iter()
                    .map(|job| check_one(&linter, &reporters, job))
                    .collect()
            })
        };
        for (entries, errors) in results {
            failures.extend(errors);
            for (entry, pieces) in entries {
                files += 1;
                total.add(entry.counts);
                for finding in &entry.findings {
                    *per_rule.entry(*finding).or_insert(0) += 1;
                }
                for ((output, writer), piece) in sinks.iter_mut().zip(pieces) {
                    if !statistics_only(output) {
                        output.reporter.file(writer.as_mut(), &entry, piece)?;
                    }
                }
            }
        }
    }
    if human_on_stdout {
        let mut err = io::stderr().lock();
        for f in &failures {
            writeln!(err, "error: {}: {}", f.path, f.message)?;
        }
    }
    let run = RunReport {
        files,
        failures: &failures,
        total,
    };
    for (output, writer) in &mut sinks {
        if statistics_only(output) {
            statistics(writer.as_mut(), &per_rule)?;
        } else {
            output.reporter.finish(writer.as_mut(), &run)?;
        }
        writer.flush()?;
    }
    if args.statistics && !human_on_stdout {
        statistics(&mut io::stderr().lock(), &per_rule)?;
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
    let width = terminal_width();
    Ok(formats
        .iter()
        .zip(paths)
        .map(|(&format, path)| {
            let color = color && path.is_none();
            let reporter: Box<dyn Reporter> = match format {
                Format::Human => Box::new(Human::new(color, args.verbose, width).quiet(args.quiet)),
                Format::Concise => Box::new(Concise),
                Format::Json => Box::<Json>::default(),
                Format::Sarif => Box::<Sarif>::default(),
                Format::Github => Box::new(Github),
                Format::Junit => Box::<Junit>::default(),
                Format::Gitlab => Box::<Gitlab>::default(),
            };
            Output {
                format,
                path,
                reporter,
            }
        })
        .collect())
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

/// One response to check, with the request paired with it.
struct Job {
    input: Input,
    request: Option<PathBuf>,
}

/// Checks one job, rendering each unit's piece for every reporter.
fn check_one(
    linter: &Linter,
    reporters: &[&dyn Reporter],
    job: &Job,
) -> (Vec<(FileEntry, Vec<String>)>, Vec<ToolError>) {
    let path = job.input.display();
    let bytes = match job.input.read(linter.limits.max_file_bytes) {
        Ok(bytes) => bytes,
        Err(e) => {
            let error = ToolError {
                path,
                message: format!("cannot read: {e}"),
            };
            return (Vec::new(), vec![error]);
        }
    };
    let mut failures = Vec::new();
    let request = job.request.as_ref().and_then(|r| match std::fs::read(r) {
        Ok(b) => Some((r.display().to_string(), b)),
        Err(e) => {
            failures.push(ToolError {
                path: r.display().to_string(),
                message: format!("cannot read the request of {path}: {e}"),
            });
            None
        }
    });
    let file = linter.check_file_owned(
        bytes,
        request
            .as_ref()
            .map(|(name, b)| (name.as_str(), b.as_slice())),
    );
    let mut entries = Vec::with_capacity(file.units.len());
    for unit in &file.units {
        let unit = match unit {
            Ok(unit) => unit,
            Err(message) => {
                failures.push(ToolError {
                    path: path.clone(),
                    message: message.clone(),
                });
                continue;
            }
        };
        failures.extend(unit.errors.iter().map(|message| ToolError {
            path: path.clone(),
            message: message.clone(),
        }));
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
        entries.push((entry, pieces));
    }
    (entries, failures)
}

/// Pairs responses with requests: the one given with `--request`, or by name, `NAME.xml` or
/// `NAME.rs.xml` with `NAME.rq.xml` beside it. A request paired by name is not checked as a
/// file of its own.
fn pair(
    inputs: Vec<Input>,
    named: &std::collections::HashSet<PathBuf>,
    explicit: Option<&Path>,
) -> Result<Vec<Job>, String> {
    if let Some(request) = explicit {
        if inputs.len() != 1 {
            return Err(format!(
                "--request pairs one response with its request, but {} files were given",
                inputs.len()
            ));
        }
        return Ok(inputs
            .into_iter()
            .map(|input| Job {
                input,
                request: Some(request.to_path_buf()),
            })
            .collect());
    }
    // A request beside a walked file was walked too: look it up rather than ask the disk.
    // (Keyed by the path's bytes: hashing a `Path` re-parses its components.)
    let known: std::collections::HashSet<&std::ffi::OsStr> = inputs
        .iter()
        .filter_map(|i| match i {
            Input::File(p) => Some(p.as_os_str()),
            Input::Stdin => None,
        })
        .collect();
    let found: Vec<Option<PathBuf>> = inputs
        .iter()
        .map(|input| match input {
            Input::File(p) => sibling_request(p)
                .filter(|r| known.contains(r.as_os_str()) || (named.contains(p) && r.is_file())),
            Input::Stdin => None,
        })
        .collect();
    drop(known);
    let mut jobs: Vec<Job> = inputs
        .into_iter()
        .zip(found)
        .map(|(input, request)| Job { input, request })
        .collect();
    let key = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let consumed: std::collections::HashSet<PathBuf> = jobs
        .iter()
        .filter_map(|j| j.request.as_deref())
        .map(key)
        .collect();
    if !consumed.is_empty() {
        jobs.retain(|j| match &j.input {
            Input::File(p) => !consumed.contains(&key(p)),
            Input::Stdin => true,
        });
    }
    Ok(jobs)
}

/// `dir/NAME.rq.EXT` for `dir/NAME.EXT` or `dir/NAME.rs.EXT`; none for a request itself.
fn sibling_request(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_str()?;
    let (stem, ext) = name.rsplit_once('.')?;
    if stem.ends_with(".rq") || stem.is_empty() {
        return None;
    }
    let base = stem.strip_suffix(".rs").unwrap_or(stem);
    Some(path.with_file_name(format!("{base}.rq.{ext}")))
}

/// Why a run could not start, rendered for stderr.
enum SetupError {
    Plain(String),
    Data(DataError),
}

impl SetupError {
    fn render(&self, color: bool) -> String {
        match self {
            SetupError::Plain(m) => format!("error: {m}\n"),
            SetupError::Data(e) => human::render_data_error(e, color, terminal_width()),
        }
    }
}

fn build_linter(args: &CheckArgs) -> Result<Linter, SetupError> {
    let mut user = Vec::new();
    for path in &args.rules_files {
        let text = std::fs::read_to_string(path).map_err(|e| {
            SetupError::Plain(format!("cannot read rules file {}: {e}", path.display()))
        })?;
        user.push(UserRules {
            path: path.display().to_string(),
            text,
        });
    }
    let profiles = ProfileSet::load(&user).map_err(SetupError::Data)?;
    let rules = RuleSet::from_selection(&args.select, &args.extend_select, &args.ignore)
        .map_err(|e| SetupError::Plain(e.to_string()))?;
    let http = http_facts(args)?;
    Ok(Linter {
        profiles,
        rules,
        options: LintOptions {
            payload_location: args.payload_location,
        },
        forced: args.profile,
        input_kind: args.input_kind,
        http,
        limits: Limits {
            max_file_bytes: args.max_file_size,
            max_decoded_bytes: args.max_decoded_size,
        },
    })
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

/// Expands the command line's paths into inputs: files as given, directories walked in
/// name order keeping files with one of `exts`, `-` as standard input.
fn discover(paths: &[PathBuf], exts: &[String]) -> (Vec<Input>, Vec<ToolError>) {
    let default = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    let mut inputs = Vec::new();
    let mut failures = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        match std::fs::metadata(path) {
            Err(e) => failures.push(ToolError {
                path: path.display().to_string(),
                message: format!("cannot read: {e}"),
            }),
            Ok(meta) if meta.is_dir() => walk(path, exts, &mut inputs, &mut failures),
            Ok(meta) if meta.is_file() => inputs.push(Input::File(path.clone())),
            Ok(_) => failures.push(ToolError {
                path: path.display().to_string(),
                message: "not a regular file or directory".to_string(),
            }),
        }
    }
    failures.sort_by(|a, b| a.path.cmp(&b.path));
    (inputs, failures)
}

fn walk(dir: &Path, exts: &[String], inputs: &mut Vec<Input>, failures: &mut Vec<ToolError>) {
    let first = inputs.len();
    // Not walkdir's `sort_by_file_name`: it re-parses paths in every comparison. The walked
    // files are sorted by their bytes below instead.
    for entry in walkdir::WalkDir::new(dir) {
        match entry {
            Ok(e) if e.file_type().is_file() && has_extension(e.path(), exts) => {
                inputs.push(Input::File(e.into_path()));
            }
            // A symbolic link named like a capture: checked when it leads to a file (links to
            // directories are not followed, as ripgrep does), an error when it leads nowhere
            // or in a loop.
            Ok(e) if e.file_type().is_symlink() && has_extension(e.path(), exts) => {
                match std::fs::metadata(e.path()) {
                    Ok(meta) if meta.is_file() => inputs.push(Input::File(e.into_path())),
                    Ok(meta) if meta.is_dir() => {}
                    Ok(_) => failures.push(ToolError {
                        path: e.path().display().to_string(),
                        message: "not a regular file".to_string(),
                    }),
                    Err(err) => failures.push(ToolError {
                        path: e.path().display().to_string(),
                        message: format!("cannot read: {err}"),
                    }),
                }
            }
            // A FIFO, socket or device named like a capture: say so rather than block on it.
            Ok(e)
                if !e.file_type().is_dir()
                    && !e.file_type().is_symlink()
                    && has_extension(e.path(), exts) =>
            {
                failures.push(ToolError {
                    path: e.path().display().to_string(),
                    message: "not a regular file".to_string(),
                });
            }
            Ok(_) => {}
            Err(e) => failures.push(ToolError {
                path: e.path().unwrap_or(dir).display().to_string(),
                message: match e.io_error() {
                    Some(io) => format!("cannot read: {io}"),
                    None => e.to_string(),
                },
            }),
        }
    }
    // Sorted by path, so `a.xml` comes before `a/b.xml` as a reader expects.
    // (By the path's bytes: comparing `Path`s re-parses their components.)
    inputs[first..].sort_by(|a, b| match (a, b) {
        (Input::File(a), Input::File(b)) => a.as_os_str().cmp(b.as_os_str()),
        _ => std::cmp::Ordering::Equal,
    });
}

fn has_extension(path: &Path, exts: &[String]) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        exts.iter()
            .any(|x| x.trim_start_matches('.').eq_ignore_ascii_case(e))
    })
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
