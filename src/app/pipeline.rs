//! The check pipeline: jobs are checked in parallel a chunk at a time, each rendered for
//! every report on the worker, then counted and written in file order.

use std::collections::{BTreeMap, HashMap};
use std::io;

use crate::baseline::{self, Baseline};
use crate::detect;
use crate::diagnostic::Level;
use crate::discover::Job;
use crate::error::ToolError;
use crate::input::InputKind;
use crate::lint::{Linter, UnitOutcome};
use crate::report::outputs::Destination;
use crate::report::{Counts, FileEntry, FileReport, Render, ReportWriter};

/// A report being written: its ordered half, where it goes, and whether `--statistics`
/// replaces it.
pub(crate) struct Sink {
    pub report: Box<dyn ReportWriter>,
    pub out: Destination,
    pub statistics_only: bool,
    /// Its reader went away (`check … | head -1`): nothing more is written to it, and the run
    /// goes on so that the exit status is still the one the findings give.
    pub closed: bool,
}

impl Sink {
    /// Runs a write on the sink unless its reader went away; a broken pipe closes it.
    pub fn write(
        &mut self,
        f: impl FnOnce(&mut dyn ReportWriter, &mut Destination) -> io::Result<()>,
    ) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        match f(self.report.as_mut(), &mut self.out) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            other => other,
        }
    }
}

/// What the run has found so far, gathered in file order.
#[derive(Default)]
pub(crate) struct Tally {
    pub files: usize,
    pub total: Counts,
    pub failures: Vec<ToolError>,
    /// Findings a baseline hid, and how often each of its entries matched.
    pub suppressed: usize,
    pub used: HashMap<baseline::Key, usize>,
    /// Findings per rule and level, for `--statistics`.
    pub per_rule: BTreeMap<(&'static str, Level), usize>,
    /// The baseline being recorded (`--write-baseline`).
    pub writer: Option<baseline::Writer>,
    /// Files not checked, and why; their paths only with `verbose`.
    pub skipped: usize,
    /// Requests: paired with their responses, or skipped in walks.
    pub requests: usize,
    pub verbose: bool,
    /// The otalint probe recordings checked.
    pub probe_runs: Vec<crate::report::recording::Recording>,
}

impl Tally {
    /// Counts a chunk's results and writes their pieces to every report, in order.
    pub fn record_and_write(
        &mut self,
        results: Vec<JobResult>,
        sinks: &mut [Sink],
    ) -> io::Result<()> {
        for result in results {
            if let Some(why) = &result.skipped {
                self.skipped += 1;
                if self.verbose {
                    let path = crate::report::escape::terminal(&result.path);
                    eprintln!("note: {path}: not checked: {why}");
                }
            }
            if let Some(why) = &result.request {
                self.requests += 1;
                if self.verbose {
                    let path = crate::report::escape::terminal(&result.path);
                    eprintln!("note: {path}: not checked alone: {why}");
                }
            }
            if let Some(request) = &result.paired {
                self.requests += 1;
                if self.verbose {
                    let (request, path) = (
                        crate::report::escape::terminal(request),
                        crate::report::escape::terminal(&result.path),
                    );
                    eprintln!("note: {request}: the request of {path}");
                }
            }
            self.failures.extend(result.failures);
            if let Some(recording) = result.probe_run {
                self.probe_runs.push(recording);
            }
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
                        sink.write(|report, out| report.file(out, &entry, piece))?;
                    }
                }
            }
        }
        Ok(())
    }
}

/// What a job does with baselines: drop the findings one knows, record them for one.
pub(crate) struct BaselineUse<'a> {
    pub baseline: Option<&'a Baseline>,
    pub record: Option<&'a baseline::Paths>,
}

/// What checking one job gave.
pub(crate) struct JobResult {
    path: String,
    /// Each unit's entry with its rendered piece for every reporter.
    entries: Vec<(FileEntry, Vec<String>)>,
    failures: Vec<ToolError>,
    /// Findings the baseline knew, not reported.
    suppressed: usize,
    /// How often each baseline key matched.
    used: HashMap<baseline::Key, usize>,
    /// Every finding's key, for `--write-baseline`.
    keys: Vec<baseline::Key>,
    /// Why the file was not checked: it is not a supplier message, or otalint wrote it.
    skipped: Option<String>,
    /// Why a file a walk found is a request, not checked alone.
    request: Option<String>,
    /// The request file paired with this response.
    paired: Option<String>,
    /// What the reports need of an otalint probe recording.
    probe_run: Option<crate::report::recording::Recording>,
}

impl JobResult {
    fn new(path: &str) -> Self {
        JobResult {
            path: path.to_string(),
            entries: Vec::new(),
            failures: Vec::new(),
            suppressed: 0,
            used: HashMap::new(),
            keys: Vec::new(),
            skipped: None,
            request: None,
            paired: None,
            probe_run: None,
        }
    }
}

/// The paired request's name and bytes; a request that cannot be read is a tool error.
fn read_request(
    request: &std::path::Path,
    path: &str,
    result: &mut JobResult,
) -> Option<(String, Vec<u8>)> {
    match std::fs::read(request) {
        Ok(b) => Some((request.display().to_string(), b)),
        Err(e) => {
            result.failures.push(ToolError {
                path: request.display().to_string(),
                message: format!("cannot read the request of {path}: {e}"),
            });
            None
        }
    }
}

/// Checks one job, rendering each unit's piece for every reporter.
pub(crate) fn check_one(
    linter: &Linter,
    renders: &[&dyn Render],
    job: &Job,
    marks: &BaselineUse,
) -> JobResult {
    let path = job.input.display();
    let mut result = JobResult::new(&path);
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
    // What otalint wrote is never checked by it.
    result.skipped = detect::written_by_otalint(&bytes).map(|w| format!("{w} otalint wrote"));
    if result.skipped.is_some() {
        return result;
    }
    let request = job
        .request
        .as_ref()
        .and_then(|r| read_request(r, &path, &mut result));
    let mut file = linter.check_file_owned(
        bytes,
        request
            .as_ref()
            .map(|(name, b)| (name.as_str(), b.as_slice())),
    );
    if !job.named && walk_skips(&file, &mut result) {
        return result;
    }
    result.paired = request.as_ref().map(|(name, _)| name.clone());
    if file.kind == InputKind::Har {
        result.probe_run = crate::report::recording::of(&path, &file.text, &linter.profiles);
    }
    let known = mark(&mut result, marks, &path, &mut file.units);
    // The file's text as snippets show it, made once for all its units.
    let memo = crate::report::TextMemo::default();
    for (unit, known) in file.units.iter().zip(known) {
        let Ok(unit) = unit else { continue };
        let checked = &unit.checked;
        let request = match (&unit.entry, &request) {
            (Some((i, _)), _) if checked.paired => Some(format!("the request of entry {}", i + 1)),
            (None, Some((name, _))) if checked.paired => Some(name.clone()),
            _ => None,
        };
        let mut report = FileReport::of(&path, &file, unit, request.as_deref());
        report.known = known;
        report.memo = Some(&memo);
        let pieces = renders.iter().map(|r| r.piece(&report)).collect();
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

/// Whether a walk skips the file it found: a body that is clearly none of otalint's kinds
/// (the lint says so from what it read; a forced profile never skips), or a request, which
/// discovery used for pairing where it could.
fn walk_skips(file: &crate::lint::FileOutcome, result: &mut JobResult) -> bool {
    let [Ok(unit)] = file.units.as_slice() else {
        return false;
    };
    if !matches!(file.kind, InputKind::Xml | InputKind::Json) {
        return false;
    }
    result.skipped = unit.checked.foreign.clone();
    if result.skipped.is_none() {
        result.request = unit.checked.request.clone();
    }
    result.skipped.is_some() || result.request.is_some()
}

/// Counts what a file's units could not check, and applies the baselines to their findings:
/// drops the ones `--baseline` knows, records every one for `--write-baseline`. Returns how
/// many findings `--baseline` knew in each unit.
fn mark(
    result: &mut JobResult,
    marks: &BaselineUse,
    path: &str,
    units: &mut [Result<UnitOutcome, String>],
) -> Vec<usize> {
    let mut known = vec![0; units.len()];
    for (unit, known) in units.iter_mut().zip(known.iter_mut()) {
        let unit = match unit {
            Ok(unit) => unit,
            Err(message) => {
                result.failures.push(ToolError {
                    path: path.to_string(),
                    message: message.clone(),
                });
                continue;
            }
        };
        result
            .failures
            .extend(unit.errors.iter().map(|message| ToolError {
                path: path.to_string(),
                message: message.clone(),
            }));
        let entry = unit.entry.as_ref().map(|(i, _)| *i);
        if let Some(paths) = marks.record {
            let named = paths.relative(path);
            let keys = unit.checked.diagnostics.iter();
            result
                .keys
                .extend(keys.map(|d| baseline::Key::of(&named, entry, d)));
        }
        if let Some(baseline) = marks.baseline {
            *known = baseline.suppress(
                &baseline.paths.relative(path),
                entry,
                &mut unit.checked.diagnostics,
                &mut result.used,
            );
            result.suppressed += *known;
        }
    }
    known
}
