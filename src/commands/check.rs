//! `otalint check`: configuration → files → lint (in parallel) → reports → exit status.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::app::linters::Linters;
use crate::app::pipeline::{BaselineUse, JobResult, Sink, Tally, check_one};
use crate::app::{FINDINGS, OK, TROUBLE, load_config, terminal_width, use_color};
use crate::baseline::{self, Baseline};
use crate::cli::{CheckArgs, Format};
use crate::config::{Config, MatchedOverrides};
use crate::detect;
use crate::discover::{Discovery, Input, Job, WalkOptions, extensions};
use crate::error::{Error, ToolError};
use crate::profile::ProfileSet;
use crate::report::outputs::{Destination, Look, Output, outputs, resolved, statistics, targets};
use crate::report::{BaselineSummary, Render, RunReport};
use crate::report::{escape, human};

/// The reports of a run: the parallel halves, and the sinks the ordered halves write to.
struct Reports {
    renders: Vec<Box<dyn Render>>,
    sinks: Vec<Sink>,
    /// Human output on stdout: tool errors and summaries on stderr would repeat it.
    human_on_stdout: bool,
}

pub fn run(args: &CheckArgs) -> Result<u8, Error> {
    let config = load_config(&args.source)?;
    let baseline = match &args.baseline {
        Some(file) => Some(Baseline::load(file).map_err(Error::Usage)?),
        None => None,
    };
    let mut linters = Linters::new(args, &config)?;
    let extensions = extensions(args.ext.as_ref(), &config);
    let look = Look {
        color: use_color(args.color),
        width: terminal_width(),
    };
    let outputs = outputs(args, look).map_err(Error::Usage)?;
    // Nothing is opened for writing before every target is known to be no input.
    let profiles = linters.profiles().clone();
    let is_input = |p: &Path| walked_message(p, &args.paths, &extensions, &config, &profiles);
    let written = targets(
        &outputs,
        args.write_baseline.as_deref(),
        &args.paths,
        &is_input,
    )
    .map_err(Error::Usage)?;
    let excluded = |path: &Path, _dir: bool| config.excluded(path);
    let mut discovery = Discovery::new(
        &args.paths,
        WalkOptions {
            extensions: &extensions,
            respect_ignore: !args.no_ignore,
            hidden: args.hidden,
            excluded: &excluded,
            written,
            keep_excluded: args.verbose,
        },
    )
    .force_exclude(args.force_exclude);
    // `--request` pairs one response: find them all first to be sure there is one.
    let mut first: Vec<Job> = Vec::new();
    if let Some(request) = &args.request {
        first = discovery.by_ref().collect();
        if first.len() != 1 {
            return Err(Error::Usage(format!(
                "--request pairs one response with its request, but {} files were given",
                first.len()
            )));
        }
        first[0].request = Some(request.clone());
    }
    let mut reports = open_reports(args, outputs)?;
    let record = args
        .write_baseline
        .as_deref()
        .map(baseline::Paths::for_file);
    let marks = BaselineUse {
        baseline: baseline.as_ref(),
        record: record.as_ref(),
    };
    let mut tally = Tally {
        writer: record.as_ref().map(|_| baseline::Writer::default()),
        verbose: args.verbose,
        ..Tally::default()
    };
    let jobs = first.into_iter().chain(discovery.by_ref());
    check_all(
        args,
        &config,
        &mut linters,
        jobs,
        &marks,
        &mut reports,
        &mut tally,
    )?;
    tally
        .failures
        .extend(std::mem::take(&mut discovery.failures));
    say_what_was_not_walked(&discovery, &extensions, &mut tally);
    finish(args, baseline.as_ref(), tally, &mut reports)
}

/// Says why paths were not walked: an empty named directory, a named path the configuration
/// excludes (always), and with `-v` what the configuration excluded in walks. A run that
/// checked nothing at all never ends as a clean "0 files": when an empty directory is the
/// reason it is a tool error (a CI path typo must fail, as ESLint fails on a pattern that
/// matches nothing); when the configuration excluded every path named, it is said.
fn say_what_was_not_walked(discovery: &Discovery, extensions: &[String], tally: &mut Tally) {
    let nothing = tally.files == 0 && tally.skipped == 0 && tally.failures.is_empty();
    for dir in &discovery.empty_dirs {
        let why = format!(
            "no file to check there (walked extensions: {})",
            extensions.join(", ")
        );
        if nothing && discovery.excluded_named.is_empty() {
            tally.failures.push(ToolError {
                path: dir.display().to_string(),
                message: format!("nothing was checked: {why}"),
            });
        } else {
            eprintln!("note: {}: {why}", shown(dir));
        }
    }
    for path in &discovery.excluded_named {
        eprintln!(
            "note: {}: named, but excluded by the configuration (`exclude`): not checked",
            shown(path)
        );
    }
    let walked = discovery.excluded.iter();
    for path in walked.filter(|p| !discovery.excluded_named.contains(p)) {
        eprintln!("note: {}: excluded by the configuration", shown(path));
    }
    if nothing && !discovery.excluded_named.is_empty() {
        eprintln!(
            "note: nothing was checked: the configuration excludes every path named \
             (check them with --no-config)"
        );
    }
}

/// A path as a terminal line may show it: control characters made visible (a file name is the
/// user's, and may hold escape sequences or a newline).
fn shown(path: &Path) -> String {
    escape::terminal(&path.display().to_string()).into_owned()
}

/// Whether a file inside a walked directory is one the walk would check: a walked extension,
/// not excluded, and a supplier message.
fn walked_message(
    path: &Path,
    inputs: &[PathBuf],
    extensions: &[String],
    config: &Config,
    profiles: &ProfileSet,
) -> bool {
    let inside = inputs
        .iter()
        .filter(|i| i.is_dir())
        .any(|dir| path.starts_with(resolved(dir)));
    let walked_ext = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(e)));
    inside
        && walked_ext
        && !config.excluded(path)
        && std::fs::read(path)
            .is_ok_and(|b| detect::not_a_message(&b, profiles.json_members()).is_none())
}

/// Builds every report and opens where it goes, then starts it.
fn open_reports(args: &CheckArgs, outputs: Vec<Output>) -> Result<Reports, Error> {
    let human_on_stdout = outputs
        .iter()
        .any(|o| o.format == Format::Human && o.path.is_none());
    let mut renders = Vec::with_capacity(outputs.len());
    let mut sinks = Vec::with_capacity(outputs.len());
    for output in outputs {
        let out = match &output.path {
            None => Destination::stdout(),
            Some(path) => Destination::file(path)?,
        };
        // --statistics replaces the findings in human output on stdout.
        let statistics_only =
            args.statistics && output.format == Format::Human && output.path.is_none();
        renders.push(output.render);
        sinks.push(Sink {
            report: output.writer,
            out,
            statistics_only,
            closed: false,
        });
    }
    for sink in &mut sinks {
        if !sink.statistics_only {
            sink.write(|report, out| report.start(out))?;
        }
    }
    Ok(Reports {
        renders,
        sinks,
        human_on_stdout,
    })
}

/// Files are found, checked in parallel and reported in order a chunk at a time: the output
/// is the same on any number of threads, and nothing is kept per file. The next chunk is
/// found, and the one before written, while this one is checked.
fn check_all(
    args: &CheckArgs,
    config: &Config,
    linters: &mut Linters,
    mut jobs: impl Iterator<Item = Job> + Send,
    marks: &BaselineUse,
    reports: &mut Reports,
    tally: &mut Tally,
) -> Result<(), Error> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .map_err(io::Error::other)?;
    let chunk = 512 * pool.current_num_threads().max(1);
    // Which overrides apply is worked out while finding; the linter is picked here.
    let mut next_chunk = || -> Vec<(Job, MatchedOverrides)> {
        jobs.by_ref()
            .take(chunk)
            .map(|job| {
                let at = match &job.input {
                    Input::File(p) => config.for_path(p),
                    Input::Stdin => MatchedOverrides::default(),
                };
                (job, at)
            })
            .collect()
    };
    let renders: Vec<&dyn Render> = reports.renders.iter().map(|r| r.as_ref()).collect();
    let sinks = &mut reports.sinks;
    let mut previous: Vec<JobResult> = Vec::new();
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
        let (results, (next, written)) = pool.install(|| {
            rayon::join(
                || {
                    jobs.par_iter()
                        .map(|(job, linter)| check_one(&variants[*linter], &renders, job, marks))
                        .collect()
                },
                || {
                    let written = tally.record_and_write(std::mem::take(&mut previous), sinks);
                    (next_chunk(), written)
                },
            )
        });
        written?;
        previous = results;
        found = next;
    }
    tally.record_and_write(previous, sinks)?;
    Ok(())
}

/// Closes every report, writes the baseline and works out the exit status.
fn finish(
    args: &CheckArgs,
    baseline: Option<&Baseline>,
    mut tally: Tally,
    reports: &mut Reports,
) -> Result<u8, Error> {
    let failures: &mut Vec<ToolError> = &mut tally.failures;
    failures.sort_by(|a, b| a.path.cmp(&b.path));
    if reports.human_on_stdout {
        let mut err = io::stderr().lock();
        for f in failures.iter() {
            let (path, message) = (escape::terminal(&f.path), escape::terminal(&f.message));
            writeln!(err, "error: {path}: {message}")?;
        }
    }
    let baseline_summary = baseline.map(|b| BaselineSummary {
        file: b.file.display().to_string(),
        suppressed: tally.suppressed,
        stale: b.stale(&tally.used),
    });
    let total = tally.total;
    let run = RunReport {
        files: tally.files,
        skipped: tally.skipped,
        requests: tally.requests,
        failures,
        total,
        baseline: baseline_summary.as_ref(),
        probe_runs: &tally.probe_runs,
    };
    for mut sink in std::mem::take(&mut reports.sinks) {
        if sink.statistics_only {
            sink.write(|_, out| statistics(out, &tally.per_rule))?;
        } else {
            sink.write(|report, out| report.finish(out, &run))?;
        }
        // A closed pipe is dropped unflushed: its reader is gone.
        if !sink.closed {
            let out = sink.out;
            match out.commit() {
                Err(e) if e.kind() != io::ErrorKind::BrokenPipe => return Err(e.into()),
                _ => {}
            }
        }
    }
    if args.statistics && !reports.human_on_stdout {
        statistics(&mut io::stderr().lock(), &tally.per_rule)?;
    }
    if let (Some(summary), false) = (&baseline_summary, reports.human_on_stdout) {
        human::write_baseline_summary(&mut io::stderr().lock(), summary, false)?;
    }
    if let (Some(writer), Some(file)) = (&tally.writer, &args.write_baseline) {
        let mut out = Destination::file(file)?;
        writer.write(&mut out)?;
        out.commit()?;
        let found = crate::report::plural(writer.count(), "finding");
        eprintln!("wrote {found} to baseline {}", shown(file));
    }
    // Writing a baseline adopts the findings: a success, unless a file could not be checked
    // (or the baseline could not be written, which returned above).
    let adopted = tally.writer.is_some();
    Ok(status(args, !tally.failures.is_empty(), adopted, &total))
}

/// The exit status: 2 when a file could not be checked, else 1 for findings at or above
/// `--fail-on` (or more warnings than `--max-warnings` allows), else 0.
fn status(args: &CheckArgs, trouble: bool, adopted: bool, total: &crate::report::Counts) -> u8 {
    let too_many = args.max_warnings.filter(|max| total.warnings > *max);
    if trouble {
        TROUBLE
    } else if args.exit_zero || adopted {
        OK
    } else if total.reaches(args.fail_on.level()) {
        FINDINGS
    } else if let Some(max) = too_many {
        let n = crate::report::plural(total.warnings, "warning");
        eprintln!("error: {n}, more than --max-warnings {max} allows");
        FINDINGS
    } else {
        OK
    }
}
