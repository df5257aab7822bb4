//! Which files a run checks: paths from the command line, directories walked the way ripgrep
//! walks them (`.gitignore`, `.ignore` and hidden files respected unless told otherwise), and
//! responses paired with the requests beside them.
//!
//! Discovery streams: a directory is listed when the walk reaches it and forgotten when its
//! last file has been handed out, so memory follows the largest directory, not the number of
//! files. The order is the paths' byte order (`a.xml` before `a/b.xml` before `a0.xml`): each
//! directory's entries are sorted with a `/` after directory names and walked depth first.

use std::collections::HashSet;
use std::ffi::{OsStr, OsString};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::error::ToolError;

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
            Input::File(p) => p.display().to_string(),
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
}

/// The files of a run, in order, as an iterator of jobs; what could not be read is gathered in
/// [`Discovery::failures`].
pub struct Discovery<'a> {
    options: WalkOptions<'a>,
    paths: std::vec::IntoIter<PathBuf>,
    /// The directories being walked, innermost last.
    stack: Vec<Listing>,
    /// Named files that are requests answered by a response in the run: not checked alone.
    skip_named: HashSet<PathBuf>,
    /// Canonical paths of requests paired with named responses: not checked alone when a
    /// walk meets them.
    consumed: HashSet<PathBuf>,
    pub failures: Vec<ToolError>,
}

/// One directory's entries still to hand out, packed: the names in one buffer and 8 bytes per
/// entry, so a directory of 100,000 files costs about 2.5 MB while it is walked.
struct Listing {
    dir: PathBuf,
    names: Vec<u8>,
    items: Vec<Item>,
    next: usize,
}

/// A name in [`Listing::names`] (names are at most 255 bytes on the systems otalint knows).
#[derive(Clone, Copy)]
struct Name {
    start: u32,
    len: u16,
}

#[derive(Clone, Copy)]
struct Item {
    name: Name,
    dir: bool,
    /// A file whose request, `NAME.rq.EXT`, stands beside it.
    paired: bool,
}

impl Listing {
    fn name(&self, n: Name) -> &OsStr {
        os_str(&self.names[n.start as usize..][..n.len as usize])
    }

    fn bytes(&self, n: Name) -> &[u8] {
        &self.names[n.start as usize..][..n.len as usize]
    }

    /// The walk order: by name, with a `/` after a directory's (so paths come in byte order,
    /// `a.xml` < `a/` < `a0.xml`); files among themselves are in name order.
    fn order(&self, a: &Item, b: &Item) -> std::cmp::Ordering {
        let (x, y) = (self.bytes(a.name), self.bytes(b.name));
        let n = x.len().min(y.len());
        x[..n].cmp(&y[..n]).then_with(|| {
            // One name starts the other: compare what follows, a directory's `/` or the end.
            let next = |bytes: &[u8], dir: bool| bytes.get(n).copied().or(dir.then_some(b'/'));
            next(x, a.dir).cmp(&next(y, b.dir))
        })
    }
}

#[cfg(unix)]
fn os_str(bytes: &[u8]) -> &OsStr {
    std::os::unix::ffi::OsStrExt::from_bytes(bytes)
}

#[cfg(not(unix))]
fn os_str(bytes: &[u8]) -> &OsStr {
    // Names are stored from `to_str` there, so they are UTF-8.
    OsStr::new(std::str::from_utf8(bytes).unwrap_or_default())
}

#[cfg(unix)]
fn name_bytes(name: &OsStr) -> Option<&[u8]> {
    Some(std::os::unix::ffi::OsStrExt::as_bytes(name))
}

#[cfg(not(unix))]
fn name_bytes(name: &OsStr) -> Option<&[u8]> {
    name.to_str().map(str::as_bytes)
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
            options,
            paths: paths.into_iter(),
            stack: Vec::new(),
            skip_named,
            consumed,
            failures: Vec::new(),
        }
    }

    fn fail(&mut self, path: &Path, message: impl Into<String>) {
        self.failures.push(ToolError {
            path: path.display().to_string(),
            message: message.into(),
        });
    }

    /// The job of a path named on the command line, if it is one to check.
    fn named(&mut self, path: PathBuf) -> Option<Job> {
        if path.as_os_str() == "-" {
            return Some(Job {
                input: Input::Stdin,
                request: None,
            });
        }
        match std::fs::metadata(&path) {
            Err(e) => self.fail(&path, format!("cannot read: {e}")),
            Ok(meta) if meta.is_dir() => {
                if !(self.options.excluded)(&path, true) {
                    let listing = self.list(path);
                    self.stack.push(listing);
                }
            }
            Ok(meta) if meta.is_file() => {
                if self.skip_named.contains(&path) || (self.options.excluded)(&path, false) {
                    return None;
                }
                let request = sibling_request(&path).filter(|r| r.is_file());
                return Some(Job {
                    input: Input::File(path),
                    request,
                });
            }
            Ok(_) => self.fail(&path, "not a regular file or directory"),
        }
        None
    }

    /// Lists a directory: the files to check (paired) and the directories to walk, sorted.
    fn list(&mut self, dir: PathBuf) -> Listing {
        let mut builder = ignore::WalkBuilder::new(&dir);
        builder
            .max_depth(Some(1))
            .follow_links(false)
            .standard_filters(self.options.respect_ignore)
            .hidden(!self.options.hidden);
        let mut listing = Listing {
            dir,
            names: Vec::new(),
            items: Vec::new(),
            next: 0,
        };
        let add = |listing: &mut Listing, name: &OsStr, dir: bool| -> bool {
            let Some(bytes) = name_bytes(name) else {
                return false;
            };
            let (Ok(start), Ok(len)) = (
                u32::try_from(listing.names.len()),
                u16::try_from(bytes.len()),
            ) else {
                return false;
            };
            listing.names.extend_from_slice(bytes);
            listing.items.push(Item {
                name: Name { start, len },
                dir,
                paired: false,
            });
            true
        };
        for result in builder.build() {
            let entry = match result {
                Ok(entry) if entry.depth() == 0 => continue,
                Ok(entry) => entry,
                Err(e) => {
                    let (path, message) = walk_error(&e, &listing.dir);
                    self.fail(&path, message);
                    continue;
                }
            };
            let Some(kind) = entry.file_type() else {
                continue;
            };
            let path = entry.path();
            let name = entry.file_name();
            let take = if kind.is_dir() {
                if (self.options.excluded)(path, true) {
                    continue;
                }
                true
            } else if !has_extension(path, self.options.extensions)
                || (self.options.excluded)(path, false)
            {
                continue;
            } else if kind.is_file() {
                false
            } else if kind.is_symlink() {
                // A link named like a capture: checked when it leads to a file (links to
                // directories are not followed, as ripgrep does), an error when it leads
                // nowhere or in a loop.
                match std::fs::metadata(path) {
                    Ok(meta) if meta.is_file() => false,
                    Ok(meta) if meta.is_dir() => continue,
                    Ok(_) => {
                        self.fail(path, "not a regular file");
                        continue;
                    }
                    Err(err) => {
                        self.fail(path, format!("cannot read: {err}"));
                        continue;
                    }
                }
            } else {
                // A FIFO, socket or device named like a capture: say so rather than block.
                self.fail(path, "not a regular file");
                continue;
            };
            if !add(&mut listing, name, take) {
                self.fail(
                    path,
                    "the name cannot be read (not UTF-8 on this system, or too long)",
                );
            }
        }
        self.pair(&mut listing);
        listing.names.shrink_to_fit();
        listing.items.shrink_to_fit();
        listing
    }

    /// Pairs the files of one directory, `NAME.EXT` or `NAME.rs.EXT` with `NAME.rq.EXT`, and
    /// sorts the listing. A request paired here, or with a named response, is not checked on
    /// its own.
    fn pair(&self, listing: &mut Listing) {
        let mut items = std::mem::take(&mut listing.items);
        items.sort_unstable_by(|a, b| listing.order(a, b));
        listing.items = items;
        // The files, in name order, for the lookups (no hash set: 4 bytes a file).
        let by_name: Vec<u32> = (0..listing.items.len() as u32)
            .filter(|&i| !listing.items[i as usize].dir)
            .collect();
        let mut answered = vec![false; listing.items.len()];
        let mut request = Vec::new();
        for i in 0..listing.items.len() {
            let item = listing.items[i];
            if item.dir || !request_name_into(listing.bytes(item.name), &mut request) {
                continue;
            }
            let found = by_name.binary_search_by(|&j| {
                listing
                    .bytes(listing.items[j as usize].name)
                    .cmp(request.as_slice())
            });
            if let Ok(k) = found {
                let j = by_name[k] as usize;
                answered[j] = true;
                listing.items[i].paired = true;
            }
        }
        drop(by_name);
        let mut k = 0;
        let consumed = &self.consumed;
        let dir = &listing.dir;
        let names = &listing.names;
        listing.items.retain(|item| {
            let keep = item.dir || {
                let name = os_str(&names[item.name.start as usize..][..item.name.len as usize]);
                !answered[k]
                    && (consumed.is_empty()
                        || !is_request_name(name)
                        || !consumed.contains(&canonical(&dir.join(name))))
            };
            k += 1;
            keep
        });
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
            return Some(Job {
                input: Input::File(path),
                request,
            });
        }
    }
}

fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

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

/// `NAME.rq.EXT` for `NAME.EXT` or `NAME.rs.EXT`, into a reused buffer; false for a request itself
/// or a name without an extension.
fn request_name_into(name: &[u8], out: &mut Vec<u8>) -> bool {
    let Some(dot) = name.iter().rposition(|&b| b == b'.') else {
        return false;
    };
    let (stem, ext) = (&name[..dot], &name[dot..]);
    if stem.is_empty() || stem.ends_with(b".rq") {
        return false;
    }
    let base = stem.strip_suffix(b".rs").unwrap_or(stem);
    out.clear();
    out.extend_from_slice(base);
    out.extend_from_slice(b".rq");
    out.extend_from_slice(ext);
    true
}

/// `NAME.rq.EXT` for `NAME.EXT` or `NAME.rs.EXT`; none for a request itself.
fn sibling_request_name(name: &OsStr) -> Option<OsString> {
    let mut out = Vec::new();
    request_name_into(name_bytes(name)?, &mut out).then(|| os_str(&out).to_os_string())
}

/// `dir/NAME.rq.EXT` for `dir/NAME.EXT` or `dir/NAME.rs.EXT`.
fn sibling_request(path: &Path) -> Option<PathBuf> {
    sibling_request_name(path.file_name()?).map(|r| path.with_file_name(r))
}

fn is_request_name(name: &OsStr) -> bool {
    name.to_str()
        .and_then(|n| n.rsplit_once('.'))
        .is_some_and(|(stem, _)| stem.ends_with(".rq"))
}

/// `dir/NAME.EXT` and `dir/NAME.rs.EXT` for a request `dir/NAME.rq.EXT`.
fn sibling_responses(path: &Path) -> Vec<PathBuf> {
    let Some(name) = path.file_name().and_then(OsStr::to_str) else {
        return Vec::new();
    };
    let Some((stem, ext)) = name.rsplit_once('.') else {
        return Vec::new();
    };
    match stem.strip_suffix(".rq") {
        Some(base) if !base.is_empty() => vec![
            path.with_file_name(format!("{base}.{ext}")),
            path.with_file_name(format!("{base}.rs.{ext}")),
        ],
        _ => Vec::new(),
    }
}

fn has_extension(path: &Path, exts: &[String]) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        exts.iter()
            .any(|x| x.trim_start_matches('.').eq_ignore_ascii_case(e))
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_and_responses_are_named_alike() {
        let rq = |n: &str| sibling_request_name(OsStr::new(n)).map(|s| s.into_string().ok());
        assert_eq!(rq("a.xml"), Some(Some("a.rq.xml".into())));
        assert_eq!(rq("a.rs.xml"), Some(Some("a.rq.xml".into())));
        assert_eq!(rq("a.rq.xml"), None);
        assert_eq!(rq(".xml"), None);
        assert_eq!(
            sibling_responses(Path::new("d/a.rq.http")),
            vec![PathBuf::from("d/a.http"), PathBuf::from("d/a.rs.http")]
        );
        assert_eq!(rq("x.y.rs.har"), Some(Some("x.y.rq.har".into())));
        assert_eq!(rq("noext"), None);
        assert!(is_request_name(OsStr::new("x.rq.json")));
        assert!(!is_request_name(OsStr::new("x.rs.json")));
    }

    #[test]
    fn walks_yield_paths_in_byte_order_and_pair_requests() {
        let dir = tempfile::tempdir().expect("tempdir");
        for name in [
            "a0.xml",
            "a.xml",
            "a-b.xml",
            "a/x.xml",
            "b.rs.xml",
            "b.rq.xml",
            "c.rq.xml",
            "notes.txt",
        ] {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, "<x/>").expect("write");
        }
        let excluded = |_: &Path, _: bool| false;
        let exts = ["xml".to_string()];
        let discovery = Discovery::new(
            &[dir.path().to_path_buf()],
            WalkOptions {
                extensions: &exts,
                respect_ignore: true,
                hidden: false,
                excluded: &excluded,
            },
        );
        let got: Vec<(String, Option<String>)> = discovery
            .map(|job| {
                let name = |p: &Path| {
                    p.strip_prefix(dir.path())
                        .expect("inside")
                        .display()
                        .to_string()
                };
                match job.input {
                    Input::File(p) => (name(&p), job.request.as_deref().map(name)),
                    Input::Stdin => ("-".to_string(), None),
                }
            })
            .collect();
        let expected = [
            ("a-b.xml", None),
            ("a.xml", None),
            ("a/x.xml", None),
            ("a0.xml", None),
            ("b.rs.xml", Some("b.rq.xml")),
            ("c.rq.xml", None),
        ];
        let expected: Vec<(String, Option<String>)> = expected
            .iter()
            .map(|(a, b)| (a.to_string(), b.map(str::to_string)))
            .collect();
        assert_eq!(got, expected);
    }
}
