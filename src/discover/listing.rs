//! One directory's listing: its entries packed (one name buffer, 8 bytes an entry), paired
//! and sorted into walk order.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use super::names::{has_extension, is_request_name, request_name_into};
use super::{Discovery, canonical};

/// One directory's entries still to hand out, packed: the names in one buffer and 8 bytes per
/// entry, so a directory of 100,000 files costs about 2.5 MB while it is walked.
pub(super) struct Listing {
    pub(super) dir: PathBuf,
    pub(super) names: Vec<u8>,
    pub(super) items: Vec<Item>,
    pub(super) next: usize,
}

/// A name in [`Listing::names`] (names are at most 255 bytes on the systems otalint knows).
#[derive(Clone, Copy)]
pub(super) struct Name {
    pub(super) start: u32,
    pub(super) len: u16,
}

#[derive(Clone, Copy)]
pub(super) struct Item {
    pub(super) name: Name,
    pub(super) dir: bool,
    /// A file whose request, `NAME.rq.EXT`, stands beside it.
    pub(super) paired: bool,
}

impl Listing {
    pub(super) fn name(&self, n: Name) -> &OsStr {
        os_str(&self.names[n.start as usize..][..n.len as usize])
    }

    /// Adds an entry; false when its name cannot be stored (not UTF-8 where names must be, or
    /// too long).
    fn add(&mut self, name: &OsStr, dir: bool) -> bool {
        let Some(bytes) = name_bytes(name) else {
            return false;
        };
        let (Ok(start), Ok(len)) = (u32::try_from(self.names.len()), u16::try_from(bytes.len()))
        else {
            return false;
        };
        self.names.extend_from_slice(bytes);
        self.items.push(Item {
            name: Name { start, len },
            dir,
            paired: false,
        });
        true
    }

    pub(super) fn bytes(&self, n: Name) -> &[u8] {
        &self.names[n.start as usize..][..n.len as usize]
    }

    /// The walk order: by name, with a `/` after a directory's (so paths come in byte order,
    /// `a.xml` < `a/` < `a0.xml`); files among themselves are in name order.
    pub(super) fn order(&self, a: &Item, b: &Item) -> std::cmp::Ordering {
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
pub(super) fn os_str(bytes: &[u8]) -> &OsStr {
    std::os::unix::ffi::OsStrExt::from_bytes(bytes)
}

#[cfg(not(unix))]
pub(super) fn os_str(bytes: &[u8]) -> &OsStr {
    // Names are stored from `to_str` there, so they are UTF-8.
    OsStr::new(std::str::from_utf8(bytes).unwrap_or_default())
}

#[cfg(unix)]
pub(super) fn name_bytes(name: &OsStr) -> Option<&[u8]> {
    Some(std::os::unix::ffi::OsStrExt::as_bytes(name))
}

#[cfg(not(unix))]
pub(super) fn name_bytes(name: &OsStr) -> Option<&[u8]> {
    name.to_str().map(str::as_bytes)
}

impl Discovery<'_> {
    /// Lists a directory: the files to check (paired) and the directories to walk, sorted.
    pub(super) fn list(&mut self, dir: PathBuf) -> Listing {
        let mut errors = Vec::new();
        self.ignores.enter(&dir, &mut errors);
        self.fail_all(errors);
        let mut listing = Listing {
            dir,
            names: Vec::new(),
            items: Vec::new(),
            next: 0,
        };
        let entries = match std::fs::read_dir(&listing.dir) {
            Ok(entries) => entries,
            Err(e) => {
                let dir = listing.dir.clone();
                self.fail(&dir, format!("cannot read: {e}"));
                return listing;
            }
        };
        for result in entries {
            let entry = match result {
                Ok(entry) => entry,
                Err(e) => {
                    let dir = listing.dir.clone();
                    self.fail(&dir, format!("cannot read: {e}"));
                    continue;
                }
            };
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let path = entry.path();
            let name = entry.file_name();
            // A file of another extension is skipped whatever the ignore files say: a few
            // instructions settle it, where matching it against them costs a thousand.
            let is_dir = kind.is_dir();
            if !is_dir && !has_extension(&path, self.options.extensions) {
                continue;
            }
            if self.ignores.skips(&path, &name, is_dir) {
                continue;
            }
            let Some(take) = self.walks_into(&path, kind) else {
                continue;
            };
            if !listing.add(&name, take) {
                self.fail(
                    &path,
                    "the name cannot be read (not UTF-8 on this system, or too long)",
                );
            }
        }
        self.pair(&mut listing);
        listing.names.shrink_to_fit();
        listing.items.shrink_to_fit();
        listing
    }

    /// What a listed entry (a directory, or a name with a walked extension) is to the walk:
    /// `Some(true)` a directory to walk, `Some(false)` a file to check, `None` neither
    /// (excluded, a link to a directory, or not a regular file, which is reported).
    fn walks_into(&mut self, path: &Path, kind: std::fs::FileType) -> Option<bool> {
        if kind.is_dir() {
            return (!self.is_excluded(path, true)).then_some(true);
        }
        if self.is_excluded(path, false) {
            return None;
        }
        if kind.is_file() {
            return Some(false);
        }
        if kind.is_symlink() {
            // A link named like a capture: checked when it leads to a file (links to
            // directories are not followed, as ripgrep does), an error when it leads
            // nowhere or in a loop.
            return match std::fs::metadata(path) {
                Ok(meta) if meta.is_file() => Some(false),
                Ok(meta) if meta.is_dir() => None,
                Ok(_) => {
                    self.fail(path, "not a regular file");
                    None
                }
                Err(err) => {
                    self.fail(path, format!("cannot read: {err}"));
                    None
                }
            };
        }
        // A FIFO, socket or device named like a capture: say so rather than block.
        self.fail(path, "not a regular file");
        None
    }
    /// Pairs the files of one directory, `NAME.EXT` or `NAME.rs.EXT` with `NAME.rq.EXT`, and
    /// sorts the listing. A request paired here, or with a named response, is not checked on
    /// its own.
    pub(super) fn pair(&self, listing: &mut Listing) {
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
