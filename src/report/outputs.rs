//! The reports a run writes: each `--format` with the `--output` after it, each built once as
//! a renderer (for the workers) and a writer (for the ordered output).

use std::collections::HashSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::about::About;
use super::certify::PeopleWriter;
use super::concise::{Concise, ConciseWriter};
use super::github::{Github, GithubWriter};
use super::gitlab::{Gitlab, GitlabWriter};
use super::html::Html;
use super::human::Human;
use super::json::{Json, JsonWriter};
use super::junit::{Junit, JunitWriter};
use super::markdown::Markdown;
use super::sarif::{Sarif, SarifWriter};
use super::{Render, ReportWriter};
use crate::cli::{CheckArgs, Format};
use crate::diagnostic::Level;

/// How the human format looks.
#[derive(Clone, Copy, Debug)]
pub struct Look {
    pub color: bool,
    pub width: usize,
}

/// One report of the run: a format, written to stdout or a file.
pub struct Output {
    pub format: Format,
    pub path: Option<PathBuf>,
    pub render: Box<dyn Render>,
    pub writer: Box<dyn ReportWriter>,
}

/// The reports the command line asks for: each `--format` with the `--output` after it, the
/// GitHub format under GitHub Actions when none is given, at most one on stdout.
pub fn outputs(args: &CheckArgs, look: Look) -> Result<Vec<Output>, String> {
    let mut formats = args.format.clone();
    // `--output FILE` with no `--format` at all writes the default format there.
    let defaulted = formats.is_empty();
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
            Some(None) if defaulted => 0,
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
    let to_terminal = std::io::IsTerminal::is_terminal(&std::io::stdout());
    for (format, path) in formats.iter().zip(&paths) {
        if let Some(hint) = to_terminal_hint(*format, path.is_none() && to_terminal) {
            eprintln!("{hint}");
        }
    }
    Ok(formats
        .iter()
        .zip(paths)
        .map(|(&format, path)| {
            let look = Look {
                color: look.color && path.is_none(),
                ..look
            };
            let (render, writer) = report(format, args, look);
            Output {
                format,
                path,
                render,
                writer,
            }
        })
        .collect())
}

/// What the findings report says of the run: the paths given, the configuration file (found
/// as `check` finds it) and the options that change what is checked or reported.
fn about(args: &CheckArgs) -> About {
    let config = match (&args.source.config, args.source.no_config) {
        (_, true) => "none (--no-config)".to_string(),
        (Some(file), _) => file.display().to_string(),
        (None, false) => match crate::config::Config::find(Path::new(".")) {
            Ok(Some(file)) => file.display().to_string(),
            Ok(None) => "none (built-in defaults)".to_string(),
            Err(e) => e,
        },
    };
    let mut options = Vec::new();
    let mut add = |flag: &str, values: &[String]| {
        for v in values {
            options.push(format!("{flag} {v}"));
        }
    };
    add(
        "--profile",
        &args
            .profile
            .map(|p| p.to_string())
            .into_iter()
            .collect::<Vec<_>>(),
    );
    add("--select", &args.rules.select);
    add("--extend-select", &args.rules.extend_select);
    add("--ignore", &args.rules.ignore);
    let rules: Vec<String> = args
        .rules_files
        .iter()
        .map(|f| f.display().to_string())
        .collect();
    add("--rules", &rules);
    let baseline: Vec<String> = args
        .baseline
        .iter()
        .map(|f| f.display().to_string())
        .collect();
    add("--baseline", &baseline);
    if args.fail_on.level() != Level::Error {
        add("--fail-on", &[args.fail_on.level().as_str().to_string()]);
    }
    About {
        inputs: args.paths.iter().map(|p| p.display().to_string()).collect(),
        config,
        options,
    }
}

/// What to say on stderr when a report for people (`markdown`, `html`) is written to a
/// terminal: it is written all the same, and the hint says where to send it.
fn to_terminal_hint(format: Format, on_terminal: bool) -> Option<String> {
    let (name, file, then) = match format {
        Format::Html => ("html", "report.html", " and open it in a browser"),
        Format::Markdown => ("markdown", "report.md", ""),
        _ => return None,
    };
    on_terminal.then(|| {
        format!(
            "note: --format {name} writes a report for people to the terminal; to keep it, add `--output {file}`{then}"
        )
    })
}

/// A format's two halves.
fn report(
    format: Format,
    args: &CheckArgs,
    look: Look,
) -> (Box<dyn Render>, Box<dyn ReportWriter>) {
    match format {
        Format::Human => {
            let human = Human::new(look.color, args.verbose, look.width).quiet(args.quiet);
            let writer = Box::new(human.writer());
            (Box::new(human), writer)
        }
        Format::Concise => (Box::new(Concise), Box::new(ConciseWriter)),
        Format::Json => (Box::new(Json), Box::<JsonWriter>::default()),
        Format::Sarif => (Box::new(Sarif), Box::<SarifWriter>::default()),
        Format::Github => (Box::new(Github), Box::new(GithubWriter)),
        Format::Junit => {
            let fail_on = args.fail_on.level();
            (
                Box::new(Junit { fail_on }),
                Box::new(JunitWriter::new(fail_on)),
            )
        }
        Format::Gitlab => (Box::new(Gitlab), Box::<GitlabWriter>::default()),
        Format::Markdown => (
            Box::new(Markdown),
            Box::new(PeopleWriter::markdown(args.fail_on.level(), about(args))),
        ),
        Format::Html => (
            Box::new(Html),
            Box::new(PeopleWriter::html(args.fail_on.level(), about(args))),
        ),
    }
}

/// `--statistics`: how many findings each rule reported, most first, one row a rule with the
/// levels it reported at, then the total.
pub fn statistics(
    out: &mut dyn Write,
    per_rule: &std::collections::BTreeMap<(&str, Level), usize>,
) -> io::Result<()> {
    let mut rows: Vec<(&str, usize, Vec<Level>)> = Vec::new();
    for (&(rule, level), &n) in per_rule {
        match rows.iter_mut().find(|(r, _, _)| *r == rule) {
            Some((_, count, levels)) => {
                *count += n;
                levels.push(level);
            }
            None => rows.push((rule, n, vec![level])),
        }
    }
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let width = rows
        .iter()
        .map(|r| r.0.len())
        .max()
        .unwrap_or(0)
        .max("total".len());
    for (rule, n, mut levels) in rows.iter().cloned() {
        levels.sort_by(|a, b| b.cmp(a));
        let levels: Vec<&str> = levels.iter().map(|l| l.as_str()).collect();
        writeln!(out, "{n:6}  {rule:width$}  {}", levels.join(", "))?;
    }
    let total: usize = rows.iter().map(|r| r.1).sum();
    writeln!(out, "{total:6}  {:width$}  ({} rules)", "total", rows.len())
}

/// Where a report or baseline goes: stdout, or a temporary file beside its path that is
/// moved into place through the write gate ([`crate::gate`]) when the run completes, so an
/// interrupted run never leaves half a report over the previous one, a new report gets the
/// mode the umask gives, a replaced one keeps its mode, and in a probe run no secret is written.
pub enum Destination {
    Stdout(io::BufWriter<io::Stdout>),
    File {
        out: io::BufWriter<tempfile::NamedTempFile>,
        path: PathBuf,
    },
    /// Under a gate that scrubs (a probe run): kept in memory, so that nothing reaches the
    /// disk before the gate has seen it.
    Held {
        out: Vec<u8>,
        path: PathBuf,
    },
}

impl Destination {
    pub fn stdout() -> Self {
        Destination::Stdout(io::BufWriter::new(io::stdout()))
    }

    /// A temporary file in the directory of `path`.
    pub fn file(path: &Path) -> io::Result<Self> {
        if crate::gate::Gate::armed().scrubs() {
            return Ok(Destination::Held {
                out: Vec::new(),
                path: path.to_path_buf(),
            });
        }
        let temp = crate::gate::Gate::temp(path)?;
        Ok(Destination::File {
            out: io::BufWriter::new(temp),
            path: path.to_path_buf(),
        })
    }

    /// Flushes, and moves a file into place through the gate.
    pub fn commit(self) -> io::Result<()> {
        match self {
            Destination::Stdout(mut out) => out.flush(),
            Destination::File { out, path } => {
                let temp = out.into_inner().map_err(|e| e.into_error())?;
                let done = crate::gate::Gate::armed().commit(temp, &path);
                done.map(drop).map_err(|e| refusal(&path, e))
            }
            Destination::Held { out, path } => {
                let done = crate::gate::Gate::armed().write(&path, &out);
                done.map(drop).map_err(|e| refusal(&path, e))
            }
        }
    }
}

fn refusal(path: &Path, e: crate::gate::Refusal) -> io::Error {
    match e {
        crate::gate::Refusal::Io(e) => e,
        e => io::Error::other(format!("refusing to write {}: {e}", path.display())),
    }
}

impl Write for Destination {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Destination::Stdout(out) => out.write(buf),
            Destination::File { out, .. } => out.write(buf),
            Destination::Held { out, .. } => out.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Destination::Stdout(out) => out.flush(),
            Destination::File { out, .. } => out.flush(),
            Destination::Held { .. } => Ok(()),
        }
    }
}

/// The files a run writes (its `--output`s and `--write-baseline`), made absolute, after
/// refusing any that would overwrite an input or another output. Nothing is opened yet.
pub fn targets(
    outputs: &[Output],
    baseline: Option<&Path>,
    inputs: &[PathBuf],
    is_input: &dyn Fn(&Path) -> bool,
) -> Result<HashSet<PathBuf>, String> {
    let mut seen: Vec<(PathBuf, String)> = Vec::new();
    let mut named: Vec<(&Path, String)> = outputs
        .iter()
        .filter_map(|o| {
            let format = clap::ValueEnum::to_possible_value(&o.format)
                .map_or_else(String::new, |v| v.get_name().to_string());
            o.path
                .as_deref()
                .map(|p| (p, format!("--format {format} --output")))
        })
        .collect();
    named.extend(baseline.map(|p| (p, "--write-baseline".to_string())));
    for (path, what) in named {
        let at = resolved(path);
        if let Some((_, first)) = seen.iter().find(|(p, _)| *p == at) {
            return Err(format!(
                "{first} and {what} both name {}; give each report its own file",
                path.display()
            ));
        }
        let named_input = inputs
            .iter()
            .any(|i| i.as_os_str() != "-" && resolved(i) == at);
        if named_input || (at.is_file() && is_input(&at)) {
            return Err(format!(
                "{what} {} is also an input of this run; otalint never writes over a file it checks",
                path.display()
            ));
        }
        seen.push((at, what));
    }
    Ok(seen.into_iter().map(|(p, _)| p).collect())
}

/// A path made absolute with its directory's links resolved, whether or not the file exists.
pub fn resolved(path: &Path) -> PathBuf {
    if let Ok(p) = std::fs::canonicalize(path) {
        return p;
    }
    let absolute = crate::paths::absolute(path);
    match (absolute.parent(), absolute.file_name()) {
        (Some(dir), Some(name)) => std::fs::canonicalize(dir)
            .map(|d| d.join(name))
            .unwrap_or(absolute.clone()),
        _ => absolute,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_for_people_on_a_terminal_says_where_to_send_it() {
        let hint = to_terminal_hint(Format::Html, true).expect("a hint");
        assert!(hint.contains("--output report.html"), "{hint}");
        let hint = to_terminal_hint(Format::Markdown, true).expect("a hint");
        assert!(hint.contains("--output report.md"), "{hint}");
        assert_eq!(
            to_terminal_hint(Format::Html, false),
            None,
            "a pipe or a file"
        );
        for format in [Format::Human, Format::Json, Format::Sarif, Format::Github] {
            assert_eq!(to_terminal_hint(format, true), None);
        }
    }
}
