//! What the people's reports say (docs/probe.md "Reading the output"): for an otalint probe recording, the
//! certification report — header, verdict, flow, negative probes, transport, booking,
//! performance, findings by rule, correlation IDs, what was not tested, redaction — and for any
//! other input a findings report. Both are built from the run alone (for a probe, the HAR), as
//! [`Block`]s that `markdown` and `html` write out.

use std::collections::BTreeMap;

use super::about::About;
use super::doc::{Block, Cell, Table, Tone};
use super::recording::{Exchange, Recording};
use std::io::{self, Write};

use super::doc::FindingsPart;
use super::{FileEntry, ReportWriter, RunReport};
use crate::diagnostic::Level;

/// The heading of one unit's findings.
pub fn unit_title(e: &FileEntry) -> String {
    match &e.entry {
        Some((_, label)) => format!("{} — {label}", e.path),
        None => e.path.clone(),
    }
}

/// The title and blocks of the report, and for each [`Block::Findings`] in order the indexes
/// of the `entries` whose findings it holds. One probe recording alone makes a certification
/// report, other inputs alone a findings report. Several recordings, or a recording with other
/// inputs, make one section each — a certification report per recording with its own header,
/// flow, bookings, verdict and findings, and a findings report for the other inputs — so no
/// header ever stands over another recording's findings.
pub fn document(
    run: &RunReport,
    entries: &[&FileEntry],
    fail_on: Level,
    about: &About,
) -> (String, Vec<Block>, Vec<Vec<usize>>) {
    let of = |path: &str| -> Vec<usize> {
        (0..entries.len())
            .filter(|&i| entries[i].path == path)
            .collect()
    };
    let mut others: Vec<usize> = (0..entries.len())
        .filter(|&i| !run.probe_runs.iter().any(|r| r.path == entries[i].path))
        .collect();
    let all = |ids: &[usize]| ids.iter().map(|&i| entries[i]).collect::<Vec<_>>();
    let sections =
        run.probe_runs.len() + usize::from(!others.is_empty() || !run.failures.is_empty());
    if sections <= 1 {
        let verdict = verdict(run, fail_on);
        let (title, blocks) = match run.probe_runs.first() {
            Some(rec) => certification(rec, run, entries, &verdict),
            None => findings_report(run, entries, &verdict, about),
        };
        return (title, blocks, vec![(0..entries.len()).collect()]);
    }
    let title = format!(
        "otalint report: {} recordings{}",
        run.probe_runs.len(),
        if others.is_empty() {
            ""
        } else {
            " and other inputs"
        }
    );
    let mut b = vec![
        Block::Heading(1, title.clone()),
        Block::Para(format!(
            "One section per otalint probe recording{}, each with its own header, flow, verdict and findings: a recording's verdict counts its own findings only.",
            if others.is_empty() {
                ""
            } else {
                ", and one for the other inputs"
            }
        )),
    ];
    let mut slots = Vec::new();
    for rec in run.probe_runs {
        let ids = of(&rec.path);
        let part = scoped(run, &all(&ids), &[], std::slice::from_ref(rec));
        let verdict = verdict(&part, fail_on);
        let mut blocks = demoted(certification(rec, &part, &all(&ids), &verdict).1);
        if let Some(Block::Heading(_, text)) = blocks.first_mut() {
            text.push_str(&format!(" ({})", rec.path));
        }
        if has_findings(&blocks) {
            slots.push(ids);
        }
        b.extend(blocks);
    }
    if !others.is_empty() || !run.failures.is_empty() {
        let part = scoped(run, &all(&others), run.failures, &[]);
        let verdict = verdict(&part, fail_on);
        let (_, blocks) = findings_report(&part, &all(&others), &verdict, about);
        if has_findings(&blocks) {
            slots.push(std::mem::take(&mut others));
        }
        b.extend(demoted(blocks).into_iter().map(|block| match block {
            Block::Heading(level, text) if text == "otalint findings report" => {
                Block::Heading(level, "Other inputs".into())
            }
            other => other,
        }));
    }
    (title, b, slots)
}

/// The part of a run that one section reports: its entries' counts, and the failures and
/// recordings given.
fn scoped<'a>(
    run: &RunReport<'a>,
    entries: &[&FileEntry],
    failures: &'a [crate::error::ToolError],
    probe_runs: &'a [super::recording::Recording],
) -> RunReport<'a> {
    let mut total = super::Counts::default();
    for e in entries {
        total.add(e.counts);
    }
    RunReport {
        files: entries.len(),
        skipped: 0,
        requests: 0,
        failures,
        total,
        baseline: run.baseline,
        probe_runs,
    }
}

/// Whether a report has a place for findings (one without findings has none).
fn has_findings(blocks: &[Block]) -> bool {
    blocks.iter().any(|b| matches!(b, Block::Findings(_)))
}

/// A report's blocks one heading level down, to stand as a section of a larger one.
fn demoted(blocks: Vec<Block>) -> Vec<Block> {
    blocks
        .into_iter()
        .map(|b| match b {
            Block::Heading(level, text) => Block::Heading((level + 1).min(6), text),
            Block::Findings(level) => Block::Findings((level + 1).min(6)),
            other => other,
        })
        .collect()
}

/// `PASS` or `FAIL`, by the findings at or above `--fail-on`.
fn verdict(run: &RunReport, fail_on: Level) -> (bool, String) {
    let t = run.total;
    let failing = match fail_on {
        Level::Error => t.errors,
        Level::Warning => t.errors + t.warnings,
        _ => t.errors + t.warnings + t.infos,
    };
    let counts = format!(
        "{}, {}, {}",
        super::plural(t.errors, "error"),
        super::plural(t.warnings, "warning"),
        super::plural(t.infos, "info")
    );
    match failing {
        0 => (true, format!("PASS — {counts}")),
        _ => (false, format!("FAIL — {counts}")),
    }
}

fn counts_row(run: &RunReport) -> Table {
    Table {
        caption: None,
        headers: vec![
            "errors".into(),
            "warnings".into(),
            "infos".into(),
            "entries checked".into(),
        ],
        rows: vec![vec![
            Cell::tone(
                run.total.errors.to_string(),
                if run.total.errors > 0 {
                    Tone::Bad
                } else {
                    Tone::Good
                },
            ),
            Cell::tone(
                run.total.warnings.to_string(),
                if run.total.warnings > 0 {
                    Tone::Warn
                } else {
                    Tone::Good
                },
            ),
            Cell::plain(run.total.infos.to_string()),
            Cell::plain(run.files.to_string()),
        ]],
    }
}

/// Findings per rule, most first, with what the rule checks.
fn by_rule(entries: &[&FileEntry]) -> Option<Table> {
    let mut n: BTreeMap<(&str, Level), usize> = BTreeMap::new();
    for e in entries {
        for (rule, level) in &e.findings {
            *n.entry((rule, *level)).or_default() += 1;
        }
    }
    if n.is_empty() {
        return None;
    }
    let mut rows: Vec<_> = n.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let summary = |rule: &str| {
        crate::rules::RULES
            .iter()
            .find(|r| r.name == rule)
            .map_or("", |r| r.summary)
    };
    Some(Table {
        caption: Some(
            "otalint explain RULE says what each rule checks, why, and how to fix it".into(),
        ),
        headers: vec![
            "rule".into(),
            "level".into(),
            "findings".into(),
            "what it reports".into(),
        ],
        rows: rows
            .into_iter()
            .map(|((rule, level), count)| {
                vec![
                    Cell::code(rule),
                    level_cell(level),
                    Cell::plain(count.to_string()),
                    Cell::plain(summary(rule)),
                ]
            })
            .collect(),
    })
}

pub fn level_cell(level: Level) -> Cell {
    match level {
        Level::Error => Cell::tone("error", Tone::Bad),
        Level::Warning => Cell::tone("warning", Tone::Warn),
        _ => Cell::tone("info", Tone::Muted),
    }
}

fn findings_report(
    run: &RunReport,
    entries: &[&FileEntry],
    verdict: &(bool, String),
    about: &About,
) -> (String, Vec<Block>) {
    let title = "otalint findings report".to_string();
    let mut b = vec![Block::Heading(1, title.clone())];
    b.push(Block::Table(about.table(entries)));
    b.push(Block::Heading(2, format!("Verdict: {}", verdict.1)));
    b.push(Block::Table(counts_row(run)));
    if !run.failures.is_empty() {
        b.push(Block::Banner(format!(
            "{} paths could not be checked; the run's exit status is 2",
            run.failures.len()
        )));
        b.push(Block::List(
            run.failures
                .iter()
                .map(|f| format!("{}: {}", f.path, f.message))
                .collect(),
        ));
    }
    if let Some(t) = by_rule(entries) {
        b.push(Block::Heading(2, "Findings by rule".into()));
        b.push(Block::Table(t));
        b.push(Block::Heading(2, "Findings".into()));
        b.push(Block::Findings(3));
    }
    let clean: Vec<String> = entries
        .iter()
        .filter(|e| e.findings.is_empty())
        .map(|e| format!("{} ({})", unit_title(e), e.profile))
        .collect();
    if !clean.is_empty() {
        b.push(Block::Heading(
            2,
            format!("Without findings ({})", clean.len()),
        ));
        b.push(Block::List(clean));
    }
    b.push(Block::Para(format!(
        "Made by otalint {}.",
        env!("CARGO_PKG_VERSION")
    )));
    (title, b)
}

fn certification(
    rec: &Recording,
    run: &RunReport,
    entries: &[&FileEntry],
    verdict: &(bool, String),
) -> (String, Vec<Block>) {
    let title = format!("Concur pre-certification: {}", rec.name());
    let mut b = vec![Block::Heading(1, title.clone())];
    if rec.flag("insecure") {
        b.push(Block::Banner(
            "NOT CERTIFIABLE: the run did not verify certificates (--insecure)".into(),
        ));
    }
    if rec.run.get("redacted").and_then(serde_json::Value::as_bool) == Some(false) {
        b.push(Block::Banner("NOT REDACTED — do not share: this report and its recording hold the credentials and card data (--no-redact). NOT CERTIFIABLE.".into()));
    }
    b.push(Block::Table(header(rec)));
    let steps = rec.steps();
    let count = |status: &str| steps.iter().filter(|s| s.1 == status).count();
    let blocked = count("blocked");
    let word = match (verdict.0, blocked) {
        (true, _) => verdict.1.clone(),
        (false, 0) => verdict.1.clone(),
        (false, n) => format!(
            "{} (incomplete: {} blocked)",
            verdict.1,
            super::plural(n, "step")
        ),
    };
    b.push(Block::Heading(2, format!("Verdict: {word}")));
    b.push(Block::Table(counts_row(run)));
    b.push(Block::Para(format!(
        "Steps: {} ok, {} failed, {blocked} blocked, {} skipped; {} negative probes sent.",
        count("ok"),
        count("failed"),
        count("skipped"),
        count("probe")
    )));
    let findings_of = |e: &Exchange| {
        entries
            .iter()
            .find(|f| f.path == rec.path && f.entry.as_ref().map(|x| x.0) == Some(e.entry))
            .copied()
    };
    b.push(Block::Heading(2, "Flow".into()));
    b.push(Block::Para("Concur's requests in Concur's order; each answer against the contract's ideal time, time-out and size limit.".into()));
    b.push(Block::Table(super::certify_tables::flow(rec, &findings_of)));
    b.push(Block::Heading(2, "Negative probes".into()));
    b.push(Block::Table(super::certify_tables::probes(
        rec,
        &findings_of,
    )));
    b.extend(super::certify_tables::transport(rec));
    b.extend(super::certify_tables::booking(rec));
    b.push(Block::Heading(2, "Performance".into()));
    b.push(Block::Table(super::certify_tables::performance(rec)));
    b.push(Block::Heading(2, "Findings by rule".into()));
    match by_rule(entries) {
        Some(t) => {
            b.push(Block::Table(t));
            b.push(Block::Heading(3, "Each finding".into()));
            b.push(Block::Findings(4));
        }
        None => b.push(Block::Para("No findings.".into())),
    }
    b.push(Block::Heading(2, "Correlation IDs".into()));
    b.push(Block::Para(
        "The `concur-correlationid` of every request, to find them in the supplier's logs.".into(),
    ));
    b.push(Block::Table(super::certify_tables::correlation(rec)));
    b.extend(super::certify_notes::not_tested(rec));
    b.extend(super::certify_notes::redaction(rec));
    (title, b)
}

fn header(rec: &Recording) -> Table {
    // The images of `--check-images` are not the supplier's endpoint.
    let endpoint = rec.exchanges.iter().filter(|e| e.operation != "image");
    let mut origins: Vec<String> = endpoint.map(|e| e.url.clone()).collect();
    origins.sort();
    origins.dedup();
    let services: Vec<&str> = {
        let mut s: Vec<&str> = rec.exchanges.iter().map(|e| e.service.as_str()).collect();
        s.sort();
        s.dedup();
        s
    };
    let service = |s: &str| match s {
        "hs2" => "Hotel Service v2 (SOAP)".to_string(),
        "hs4" => "Hotel Service v4 (REST)".to_string(),
        other => other.to_string(),
    };
    let row = |k: &str, v: String| vec![Cell::plain(k), Cell::plain(v)];
    Table {
        caption: None,
        headers: vec!["about the run".into(), "value".into()],
        rows: vec![
            row("Supplier scenario", rec.name()),
            row(
                "Service",
                services
                    .iter()
                    .map(|s| service(s))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            vec![Cell::plain("Endpoint"), Cell::code(origins.join(" "))],
            row(
                "Started (UTC)",
                rec.text("started").unwrap_or("").to_string(),
            ),
            row(
                "Finished (UTC)",
                rec.text("finished")
                    .unwrap_or("not finished (interrupted)")
                    .to_string(),
            ),
            row("otalint", rec.text("otalint").unwrap_or("").to_string()),
            vec![
                Cell::plain("Scenario file"),
                Cell::code(rec.text("scenario_path").unwrap_or("")),
            ],
            vec![Cell::plain("Recording"), Cell::code(rec.path.clone())],
        ],
    }
}

/// The ordered half of `markdown` and `html`: keeps every unit and its piece for the end, when
/// the verdict is known, then writes the document.
pub struct PeopleWriter {
    fail_on: Level,
    html: bool,
    units: Vec<(FileEntry, String)>,
    /// What the findings report says of the run.
    about: About,
}

impl PeopleWriter {
    pub fn markdown(fail_on: Level, about: About) -> Self {
        PeopleWriter {
            fail_on,
            html: false,
            units: Vec::new(),
            about,
        }
    }

    pub fn html(fail_on: Level, about: About) -> Self {
        PeopleWriter {
            html: true,
            ..PeopleWriter::markdown(fail_on, about)
        }
    }
}

impl ReportWriter for PeopleWriter {
    fn file(&mut self, _out: &mut dyn Write, entry: &FileEntry, piece: String) -> io::Result<()> {
        self.units.push((entry.clone(), piece));
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, run: &RunReport) -> io::Result<()> {
        let entries: Vec<&FileEntry> = self.units.iter().map(|(e, _)| e).collect();
        let (title, blocks, slots) = document(run, &entries, self.fail_on, &self.about);
        let parts: Vec<Vec<FindingsPart>> = slots
            .iter()
            .map(|ids| {
                ids.iter()
                    .map(|&i| &self.units[i])
                    .filter(|(_, piece)| !piece.is_empty())
                    .map(|(e, piece)| FindingsPart {
                        title: unit_title(e),
                        body: piece.clone(),
                        count: e.findings.len(),
                    })
                    .collect()
            })
            .collect();
        let page = match self.html {
            true => super::doc::html::render(&title, &blocks, &parts),
            false => super::doc::markdown::render(&blocks, &parts),
        };
        out.write_all(page.as_bytes())
    }
}
