//! Which files a run checks: paths from the command line, directories walked the way ripgrep
//! walks them (`.gitignore`, `.ignore` and hidden files respected unless told otherwise), and
//! responses paired with the requests beside them.
//!
//! Discovery streams: a directory is listed when the walk reaches it and forgotten when its
//! last file has been handed out, so memory follows the largest directory, not the number of
//! files. The order is the paths' byte order (`a.xml` before `a/b.xml` before `a0.xml`): each
//! directory's entries are sorted with a `/` after directory names and walked depth first.

mod force;
mod ignores;
mod listing;
mod names;
#[cfg(test)]
mod tests;

use std::collections::HashSet;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::error::ToolError;
use ignores::Ignores;
use listing::Listing;
use names::{sibling_request, sibling_request_name, sibling_responses};

/// What to read: standard input or a file.
#[derive(Debug)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    pub fn display(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_string(),
            // `to_str` validates in one pass; `display` goes through lossy chunks and a
            // formatter, several times the cost for every file of a run.
            Input::File(p) => p
                .to_str()
                .map_or_else(|| p.display().to_string(), str::to_string),
        }
    }

    /// Reads the input, refusing one larger than `limit` bytes.
    pub fn read(&self, limit: u64) -> io::Result<Vec<u8>> {
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

/// One response to check, with the request paired with it.
#[derive(Debug)]
pub struct Job {
    pub input: Input,
    pub request: Option<PathBuf>,
    /// Named on the command line (or standard input), rather than found in a walk.
    pub named: bool,
}

/// How directories are walked.
pub struct WalkOptions<'a> {
    /// File extensions picked up in walked directories (files named are always taken).
    pub extensions: &'a [String],
    /// Respect `.gitignore` (inside a Git repository), `.ignore` and Git's excludes.
    pub respect_ignore: bool,
    /// Walk hidden files and directories too.
    pub hidden: bool,
    /// Whether a path (a file, or a directory when the flag is set) is excluded by the
    /// configuration; excluded files are skipped even when named.
    pub excluded: &'a (dyn Fn(&Path, bool) -> bool + Sync),
    /// Files the run writes (its reports, its baseline): never checked by it.
    pub written: HashSet<PathBuf>,
    /// Keep the paths the configuration excluded, for `check -v`.
    pub keep_excluded: bool,
}

/// The files of a run, in order, as an iterator of jobs; what could not be read is gathered in
/// [`Discovery::failures`].
pub struct Discovery<'a> {
    options: WalkOptions<'a>,
    paths: std::vec::IntoIter<PathBuf>,
    /// The directories being walked, innermost last.
    stack: Vec<Listing>,
    /// The ignore files in force where the walk is, a level per listing on the stack.
    ignores: Ignores,
    /// Named files that are requests answered by a response in the run: not checked alone.
    skip_named: HashSet<PathBuf>,
    /// Canonical paths of requests paired with named responses: not checked alone when a
    /// walk meets them.
    consumed: HashSet<PathBuf>,
    pub failures: Vec<ToolError>,
    /// Paths the configuration excluded (with `keep_excluded`).
    pub excluded: Vec<PathBuf>,
    /// Named directories that yielded no file to check.
    pub empty_dirs: Vec<PathBuf>,
    /// Paths named on the command line that the configuration excluded (always kept: a run
    /// that checks nothing says why).
    pub excluded_named: Vec<PathBuf>,
    /// The named directory being walked, and how many files it has yielded.
    walking: Option<(PathBuf, usize)>,
    /// `--force-exclude`: named files obey the walk's skips (see `force.rs`).
    force_exclude: bool,
}

impl<'a> Discovery<'a> {
    /// Discovery of `paths` (the current directory when there are none; `-` is standard
    /// input).
    pub fn new(paths: &[PathBuf], options: WalkOptions<'a>) -> Self {
        let paths: Vec<PathBuf> = if paths.is_empty() {
            vec![PathBuf::from(".")]
        } else {
            paths.to_vec()
        };
        let files: Vec<&PathBuf> = paths
            .iter()
            .filter(|p| p.as_os_str() != "-" && p.is_file())
            .collect();
        let dirs: Vec<PathBuf> = paths
            .iter()
            .filter(|p| p.is_dir())
            .filter_map(|p| std::fs::canonicalize(p).ok())
            .collect();
        let named: HashSet<PathBuf> = files.iter().map(|p| canonical(p)).collect();
        let consumed: HashSet<PathBuf> = files
            .iter()
            .filter_map(|p| sibling_request(p))
            .filter(|r| r.is_file())
            .map(|r| canonical(&r))
            .collect();
        // A named request is answered in this run when its response is named too, or stands
        // in a directory that is walked.
        let skip_named = files
            .iter()
            .filter(|p| {
                sibling_responses(p).into_iter().any(|r| {
                    r.is_file() && {
                        let r = canonical(&r);
                        named.contains(&r) || dirs.iter().any(|d| r.starts_with(d))
                    }
                })
            })
            .map(|p| (*p).clone())
            .collect();
        Discovery {
            ignores: Ignores::new(options.respect_ignore, options.hidden),
            options,
            paths: paths.into_iter(),
            stack: Vec::new(),
            skip_named,
            consumed,
            failures: Vec::new(),
            excluded: Vec::new(),
            empty_dirs: Vec::new(),
            excluded_named: Vec::new(),
            walking: None,
            force_exclude: false,
        }
    }

    /// Named files obey the skips and excludes of a walk (`--force-exclude`).
    pub fn force_exclude(mut self, force: bool) -> Self {
        self.force_exclude = force;
        self
    }

    fn fail(&mut self, path: &Path, message: impl Into<String>) {
        self.failures.push(ToolError {
            path: path.display().to_string(),
            message: message.into(),
        });
    }

    /// Reports what was wrong with the ignore files a directory brought into force.
    fn fail_all(&mut self, errors: Vec<(PathBuf, String)>) {
        for (path, message) in errors {
            self.fail(&path, message);
        }
    }

    /// Whether the run writes this file itself (a report, a baseline).
    fn written(&self, path: &Path) -> bool {
        let written = &self.options.written;
        !written.is_empty()
            && written.iter().any(|w| w.file_name() == path.file_name())
            && written.contains(&canonical(path))
    }

    /// Whether the configuration excludes a path, noting it for `check -v`.
    pub(super) fn is_excluded(&mut self, path: &Path, dir: bool) -> bool {
        let excluded = (self.options.excluded)(path, dir);
        if excluded && self.options.keep_excluded {
            self.excluded.push(path.to_path_buf());
        }
        excluded
    }

    /// The job of a path named on the command line, if it is one to check.
    fn named(&mut self, path: PathBuf) -> Option<Job> {
        if path.as_os_str() == "-" {
            return Some(Job {
                input: Input::Stdin,
                request: None,
                named: true,
            });
        }
        match std::fs::metadata(&path) {
            Err(e) => self.fail(&path, format!("cannot read: {e}")),
            Ok(meta) if meta.is_dir() => {
                if self.is_excluded(&path, true) {
                    self.excluded_named.push(path);
                    return None;
                }
                self.walking = Some((path.clone(), 0));
                let mut errors = Vec::new();
                self.ignores.start(&path, &mut errors);
                self.fail_all(errors);
                let listing = self.list(path);
                self.stack.push(listing);
            }
            Ok(meta) if meta.is_file() => {
                if self.skip_named.contains(&path) {
                    return None;
                }
                if self.is_excluded(&path, false) {
                    self.excluded_named.push(path);
                    return None;
                }
                if self.force_exclude && self.walk_skips(&path) {
                    return None;
                }
                let request = sibling_request(&path).filter(|r| r.is_file());
                // Forced, it is judged as a walk judges what it finds.
                return Some(Job {
                    input: Input::File(path),
                    request,
                    named: !self.force_exclude,
                });
            }
            Ok(_) => self.fail(&path, "not a regular file or directory"),
        }
        None
    }
}

impl Iterator for Discovery<'_> {
    type Item = Job;

    fn next(&mut self) -> Option<Job> {
        loop {
            let Some(top) = self.stack.last_mut() else {
                let path = self.paths.next()?;
                if let Some(job) = self.named(path) {
                    return Some(job);
                }
                continue;
            };
            let Some(item) = top.items.get(top.next).copied() else {
                self.stack.pop();
                self.ignores.leave();
                if self.stack.is_empty()
                    && let Some((dir, 0)) = self.walking.take()
                {
                    self.empty_dirs.push(dir);
                }
                continue;
            };
            top.next += 1;
            let path = top.dir.join(top.name(item.name));
            if item.dir {
                let listing = self.list(path);
                self.stack.push(listing);
                continue;
            }
            let request = item
                .paired
                .then(|| sibling_request_name(top.name(item.name)))
                .flatten()
                .map(|r| top.dir.join(r));
            if self.written(&path) {
                continue;
            }
            if let Some((_, n)) = &mut self.walking {
                *n += 1;
            }
            return Some(Job {
                input: Input::File(path),
                request,
                named: false,
            });
        }
    }
}

fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Where an ignore file's error is, and what it says.
fn walk_error(e: &ignore::Error, dir: &Path) -> (PathBuf, String) {
    match e {
        ignore::Error::WithPath { path, err } => (path.clone(), walk_error(err, dir).1),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error(err, dir)
        }
        ignore::Error::Io(io) => (dir.to_path_buf(), format!("cannot read: {io}")),
        other => (dir.to_path_buf(), other.to_string()),
    }
}

/// What walked directories yield unless told otherwise.
pub const DEFAULT_EXTENSIONS: [&str; 4] = ["xml", "json", "http", "har"];

/// The extensions walked directories yield: `--ext`, else the configuration's, else the
/// defaults.
pub fn extensions(cli: Option<&Vec<String>>, config: &crate::config::Config) -> Vec<String> {
    match cli.or(config.extensions.as_ref()) {
        Some(list) => list.clone(),
        None => DEFAULT_EXTENSIONS.iter().map(|e| e.to_string()).collect(),
    }
}
