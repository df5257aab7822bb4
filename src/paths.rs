//! File paths as a user reads them.

use std::path::{Component, Path, PathBuf};

/// The path made absolute against the working directory, with `.` and `..` resolved by name
/// (symbolic links are not followed, as a user reads the path).
pub fn absolute(path: &Path) -> PathBuf {
    if path.is_absolute() {
        resolved(path.to_path_buf())
    } else {
        resolved(working_dir().join(path))
    }
}

/// [`absolute`] against `cwd`, the working directory as [`working_dir`] read it once: for a
/// path of every file, where asking the system each time would cost a call per file.
pub fn absolute_in(cwd: &Path, path: &Path) -> PathBuf {
    resolved(cwd.join(path))
}

/// The working directory (empty when it cannot be read).
pub fn working_dir() -> PathBuf {
    std::env::current_dir().unwrap_or_default()
}

/// `.` and `..` resolved by name.
fn resolved(joined: PathBuf) -> PathBuf {
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}
