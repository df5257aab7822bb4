//! One run per recording: a run holds a lock beside its `--har` (`.NAME.otalint-lock`, an
//! advisory lock the system releases when the run ends, however it ends), and a second run
//! with the same path is refused. At the start, the temporaries of dead runs
//! (`.otalint-probe-PID-*.har.tmp`, left by a run killed while it wrote) are removed.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use crate::error::Error;

/// Held for the whole run; the lock goes with the file handle.
pub struct Lock {
    _file: File,
}

/// The lock of a run that writes `har` (none in a dry run, which writes nothing), after the
/// temporaries of dead runs are removed (named when `verbose`).
pub fn for_run(har: &Path, dry_run: bool, verbose: bool) -> Result<Option<Lock>, Error> {
    if dry_run {
        return Ok(None);
    }
    let lock = take(har)?;
    for stale in clean_stale(har) {
        if verbose {
            eprintln!(
                "otalint probe: removed {}, the temporary recording of a run that is no longer running",
                stale.display()
            );
        }
    }
    Ok(Some(lock))
}

/// Locks `har` for this run, or says which run holds it.
pub fn take(har: &Path) -> Result<Lock, Error> {
    let name = har
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let path = dir_of(har).join(format!(".{name}.otalint-lock"));
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| {
            Error::Usage(format!(
                "cannot write the recording {}: its lock {}: {e}",
                har.display(),
                path.display()
            ))
        })?;
    match file.try_lock() {
        Ok(()) => Ok(Lock { _file: file }),
        Err(TryLockError::WouldBlock) => Err(Error::Usage(format!(
            "another otalint probe is writing the recording {} (it holds {}): wait for it to end, or choose another --har",
            har.display(),
            path.display()
        ))),
        Err(TryLockError::Error(e)) => Err(Error::Usage(format!(
            "cannot lock the recording {} ({}): {e}",
            har.display(),
            path.display()
        ))),
    }
}

/// Removes the temporaries that runs no longer alive left beside `har`; returns their paths.
pub fn clean_stale(har: &Path) -> Vec<PathBuf> {
    let dir = dir_of(har);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = pid_of(&name) else { continue };
        if pid == std::process::id() || alive(pid) {
            continue;
        }
        // A writer holds a lock on its temporary; a file nobody holds is a dead run's.
        let free = File::open(entry.path()).is_ok_and(|f| f.try_lock().is_ok());
        if free && std::fs::remove_file(entry.path()).is_ok() {
            removed.push(entry.path());
        }
    }
    removed.sort();
    removed
}

/// The run id in `.otalint-probe-PID-XXXXXX.har.tmp`.
fn pid_of(name: &str) -> Option<u32> {
    let rest = name
        .strip_prefix(".otalint-probe-")?
        .strip_suffix(".har.tmp")?;
    let (pid, random) = rest.split_once('-')?;
    (!random.is_empty()).then_some(())?;
    pid.parse().ok()
}

/// Whether a process with this id runs (Linux: `/proc`; elsewhere the lock alone decides).
fn alive(pid: u32) -> bool {
    Path::new("/proc/self").exists() && Path::new(&format!("/proc/{pid}")).exists()
}

fn dir_of(har: &Path) -> PathBuf {
    match har.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_run_id_is_read_from_the_temporarys_name() {
        assert_eq!(pid_of(".otalint-probe-4242-a1B2c3.har.tmp"), Some(4242));
        assert_eq!(pid_of(".otalint-probe-a1B2c3.har.tmp"), None);
        assert_eq!(pid_of(".otalint-probe-4242-.har.tmp"), None);
        assert_eq!(pid_of("run.har"), None);
    }
}
