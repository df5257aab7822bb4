//! File paths as a user reads them.

use std::path::{Component, Path, PathBuf};

/// The path made absolute against the working directory, with `.` and `..` resolved by name
/// (symbolic links are not followed, as a user reads the path).
pub fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
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
