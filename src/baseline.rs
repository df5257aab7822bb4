//! Baselines: today's findings recorded with `--write-baseline FILE`, so that `--baseline FILE`
//! reports only new ones.
//!
//! A finding is known by its path (relative to the baseline file's directory, `/`-separated),
//! HAR entry, rule, place in the document (the element's path or JSON pointer, see
//! [`Diagnostic::element`]) and message, never its line: edits that move a finding keep it
//! known. Identical findings in one place are counted, so a second copy of a known problem is
//! new. The file is JSON, sorted, one entry per line, so it diffs well in review.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::paths::absolute;

/// What identifies a finding across runs.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Key {
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry: Option<usize>,
    pub rule: String,
    pub element: String,
    pub message: String,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    #[serde(flatten)]
    key: Key,
    count: usize,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(rename = "otalint-baseline")]
    version: u32,
    findings: Vec<Entry>,
}

/// How paths are written into a baseline: relative to its directory.
#[derive(Clone, Debug)]
pub struct Paths {
    dir: PathBuf,
    /// The working directory, read once: every file's path is made absolute against it.
    cwd: PathBuf,
}

impl Paths {
    pub fn for_file(baseline: &Path) -> Self {
        let dir = absolute(baseline)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        Paths {
            dir,
            cwd: crate::paths::working_dir(),
        }
    }

    /// How a file (as displayed) is named in the baseline: relative to its directory with `/`
    /// between names, or absolute outside it; `<stdin>` stays as it is. Worked out once a file.
    pub fn relative(&self, path: &str) -> String {
        if path == "<stdin>" {
            return path.to_string();
        }
        let abs = crate::paths::absolute_in(&self.cwd, Path::new(path));
        match abs.strip_prefix(&self.dir) {
            Ok(rel) => rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"),
            Err(_) => abs.to_string_lossy().replace('\\', "/"),
        }
    }
}

impl Key {
    /// The key of a finding in a file named `path` as [`Paths::relative`] gives it.
    pub fn of(path: &str, entry: Option<usize>, d: &Diagnostic) -> Key {
        Key {
            path: path.to_string(),
            entry,
            rule: d.rule.to_string(),
            element: d.element.clone(),
            message: d.message.clone(),
        }
    }
}

/// A baseline read for `--baseline`.
pub struct Baseline {
    pub file: PathBuf,
    pub paths: Paths,
    known: HashMap<Key, usize>,
}

impl Baseline {
    pub fn load(file: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(file)
            .map_err(|e| format!("cannot read baseline {}: {e}", file.display()))?;
        let parsed: File = serde_json::from_str(&text).map_err(|e| {
            format!(
                "{} is not an otalint baseline: {e} (write one with --write-baseline)",
                file.display()
            )
        })?;
        if parsed.version != 1 {
            return Err(format!(
                "{} is a baseline of version {}; this otalint reads version 1",
                file.display(),
                parsed.version
            ));
        }
        let mut known = HashMap::new();
        for e in parsed.findings {
            *known.entry(e.key).or_insert(0) += e.count;
        }
        Ok(Baseline {
            file: file.to_path_buf(),
            paths: Paths::for_file(file),
            known,
        })
    }

    /// Drops the findings of one unit that the baseline knows, counting what each known key
    /// has matched in `used` (shared by the units of one file). `path` is as
    /// [`Paths::relative`] gives it. Returns how many were dropped.
    pub fn suppress(
        &self,
        path: &str,
        entry: Option<usize>,
        diagnostics: &mut Vec<Diagnostic>,
        used: &mut HashMap<Key, usize>,
    ) -> usize {
        let before = diagnostics.len();
        diagnostics.retain(|d| {
            let key = Key::of(path, entry, d);
            let Some(&allowed) = self.known.get(&key) else {
                return true;
            };
            let n = used.entry(key).or_insert(0);
            *n += 1;
            *n > allowed
        });
        before - diagnostics.len()
    }

    /// The entries (with how many of their count) that matched nothing in the run.
    pub fn stale(&self, used: &HashMap<Key, usize>) -> Vec<(Key, usize)> {
        let mut out: Vec<(Key, usize)> = self
            .known
            .iter()
            .filter_map(|(k, &n)| {
                let missing = n.saturating_sub(used.get(k).copied().unwrap_or(0));
                (missing > 0).then(|| (k.clone(), missing))
            })
            .collect();
        out.sort();
        out
    }
}

/// A baseline being written by `--write-baseline`.
#[derive(Default)]
pub struct Writer {
    counts: BTreeMap<Key, usize>,
}

impl Writer {
    pub fn add(&mut self, key: Key) {
        *self.counts.entry(key).or_insert(0) += 1;
    }

    pub fn count(&self) -> usize {
        self.counts.values().sum()
    }

    /// Writes the baseline: a JSON object with one finding per line, sorted.
    pub fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{{\n  \"otalint-baseline\": 1,\n  \"findings\": [")?;
        let mut first = true;
        for (key, &count) in &self.counts {
            let line = serde_json::to_string(&Entry {
                key: key.clone(),
                count,
            })
            .map_err(io::Error::other)?;
            let sep = if first { "" } else { ",\n" };
            write!(out, "{sep}    {line}")?;
            first = false;
        }
        writeln!(out, "\n  ]\n}}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Level;

    fn finding(rule: &'static str, element: &str, line_offset: usize) -> Diagnostic {
        Diagnostic {
            rule,
            level: Level::Warning,
            message: format!("{rule} here"),
            help: None,
            span: line_offset..line_offset + 1,
            label: None,
            related: Vec::new(),
            in_body: false,
            element: element.to_string(),
        }
    }

    #[test]
    fn known_findings_are_suppressed_by_place_not_line_and_counted() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("baseline.json");
        let path = Paths::for_file(&file).relative(&dir.path().join("a.xml").display().to_string());
        assert_eq!(path, "a.xml");
        let mut writer = Writer::default();
        for d in [
            finding("echo-token", "/Envelope/Body/OTA_X", 10),
            finding("echo-token", "/Envelope/Body/OTA_X", 10),
            finding("payload-format", "/Envelope/Body/OTA_X/Errors/Error[2]", 50),
        ] {
            writer.add(Key::of(&path, None, &d));
        }
        let mut out = Vec::new();
        writer.write(&mut out).expect("write");
        let text = String::from_utf8(out).expect("utf-8");
        assert!(text.contains("\"path\":\"a.xml\""), "{text}");
        std::fs::write(&file, &text).expect("write");
        let baseline = Baseline::load(&file).expect("load");
        // The same findings on other lines, one copy more, and a new one.
        let mut now = vec![
            finding("echo-token", "/Envelope/Body/OTA_X", 99),
            finding("echo-token", "/Envelope/Body/OTA_X", 99),
            finding("echo-token", "/Envelope/Body/OTA_X", 99),
            finding("payload-format", "/Envelope/Body/OTA_X/Errors/Error[3]", 50),
        ];
        let mut used = HashMap::new();
        assert_eq!(baseline.suppress(&path, None, &mut now, &mut used), 2);
        assert_eq!(now.len(), 2);
        let stale = baseline.stale(&used);
        assert_eq!(stale.len(), 1);
        assert_eq!(stale[0].0.element, "/Envelope/Body/OTA_X/Errors/Error[2]");
    }

    #[test]
    fn a_file_that_is_not_a_baseline_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("b.json");
        std::fs::write(&file, "{\"findings\": []}").expect("write");
        assert!(
            Baseline::load(&file)
                .err()
                .expect("refused")
                .contains("not an otalint baseline")
        );
    }
}
