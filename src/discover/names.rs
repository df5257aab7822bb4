//! How requests and responses are named beside each other: `NAME.rq.EXT` answers to
//! `NAME.EXT` or `NAME.rs.EXT`.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

use super::listing::{name_bytes, os_str};

/// `NAME.rq.EXT` for `NAME.EXT` or `NAME.rs.EXT`, into a reused buffer; false for a request itself
/// or a name without an extension.
pub(super) fn request_name_into(name: &[u8], out: &mut Vec<u8>) -> bool {
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
pub(super) fn sibling_request_name(name: &OsStr) -> Option<OsString> {
    let mut out = Vec::new();
    request_name_into(name_bytes(name)?, &mut out).then(|| os_str(&out).to_os_string())
}

/// `dir/NAME.rq.EXT` for `dir/NAME.EXT` or `dir/NAME.rs.EXT`.
pub(super) fn sibling_request(path: &Path) -> Option<PathBuf> {
    sibling_request_name(path.file_name()?).map(|r| path.with_file_name(r))
}

pub(super) fn is_request_name(name: &OsStr) -> bool {
    name.to_str()
        .and_then(|n| n.rsplit_once('.'))
        .is_some_and(|(stem, _)| stem.ends_with(".rq"))
}

/// `dir/NAME.EXT` and `dir/NAME.rs.EXT` for a request `dir/NAME.rq.EXT`.
pub(super) fn sibling_responses(path: &Path) -> Vec<PathBuf> {
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

pub(super) fn has_extension(path: &Path, exts: &[String]) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        exts.iter()
            .any(|x| x.trim_start_matches('.').eq_ignore_ascii_case(e))
    })
}
