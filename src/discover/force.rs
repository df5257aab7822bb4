//! `--force-exclude`: a file named on the command line obeys the skips and excludes of a walk,
//! as ruff's `--force-exclude` does, so a hook that passes files by name (pre-commit) checks
//! what `otalint check .` would check and nothing else.

use std::ffi::OsStr;
use std::path::{Component, Path, PathBuf};

use super::Discovery;
use super::names::has_extension;

impl Discovery<'_> {
    /// Whether a walk would pass over this named file: another extension, or a hidden name or
    /// one the ignore files leave out, the file or a directory above it. A relative path below
    /// the working directory (or an absolute path inside it) is judged as the walk of `.` would
    /// find it, any other from its own directory. (The configuration's excludes, and documents
    /// that are not supplier messages, are judged as for any file the walk finds.)
    pub(super) fn walk_skips(&mut self, path: &Path) -> bool {
        if !has_extension(path, self.options.extensions) {
            return true;
        }
        // An absolute path inside the working directory is judged as its relative one.
        let inside = path
            .is_absolute()
            .then(|| std::env::current_dir().ok())
            .flatten()
            .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf));
        let path = inside.as_deref().unwrap_or(path);
        let below_cwd = path.is_relative()
            && path
                .components()
                .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
        let (root, names): (PathBuf, Vec<&OsStr>) = if below_cwd {
            let names = path.components().filter_map(|c| match c {
                Component::Normal(name) => Some(name),
                _ => None,
            });
            (PathBuf::from("."), names.collect())
        } else {
            let root = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => PathBuf::from("."),
            };
            (root, path.file_name().into_iter().collect())
        };
        let mut errors = Vec::new();
        self.ignores.start(&root, &mut errors);
        self.ignores.enter(&root, &mut errors);
        let mut entered = 1;
        let mut at = root;
        let mut skipped = false;
        for (i, name) in names.iter().enumerate() {
            at.push(name);
            let is_dir = i + 1 < names.len();
            if self.ignores.skips(&at, name, is_dir) {
                skipped = true;
                break;
            }
            if is_dir {
                self.ignores.enter(&at, &mut errors);
                entered += 1;
            }
        }
        for _ in 0..entered {
            self.ignores.leave();
        }
        // Every named file reads the same ignore files: say what is wrong with one once.
        errors.retain(|(p, m)| {
            let p = p.display().to_string();
            !self.failures.iter().any(|f| f.path == p && &f.message == m)
        });
        self.fail_all(errors);
        skipped
    }
}
