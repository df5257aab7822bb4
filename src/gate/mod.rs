//! The write gate: every file otalint writes — a probe recording, each file of an evidence
//! bundle, every report and baseline — passes through [`Gate::write`] (or [`Gate::commit`] for a
//! report streamed into a temporary file). It scrubs the bytes with its [`Policy`], scans the
//! decoded [`views`] of what is left, and then either writes the file atomically (a temporary
//! file beside it, renamed into place) or refuses, and then the file does not exist. There is
//! no second path to disk.
//!
//! The policy says what must not be stored. `otalint probe` knows every secret it sent and
//! removes them by value in every decoding ([`crate::probe::redact::Secrets`]); a policy that
//! redacts by position (a proxy that does not know the secrets) implements the same trait.
//! A new file gets the mode the umask gives (`0666 & !umask`); a replaced file keeps its mode.

mod decode;
pub mod views;

use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

/// What must not be stored, and how it is removed.
pub trait Policy: Send + Sync {
    /// `bytes` with everything that must not be stored replaced, and what was removed (a
    /// kind's name and how many times).
    fn scrub(&self, bytes: &[u8]) -> Scrubbed;
    /// The first thing that must not be stored still in `bytes`, in any decoded view: its
    /// kind and the raw byte offset where it starts.
    fn find(&self, bytes: &[u8]) -> Option<(String, usize)>;
}

/// Bytes after a policy's scrub.
#[derive(Debug, Default)]
pub struct Scrubbed {
    pub bytes: Vec<u8>,
    pub removed: Removed,
    /// The scrub's last round already scanned exactly these bytes with the views
    /// [`Policy::find`] uses and found nothing: the gate need not scan them again.
    pub checked: bool,
}

/// What a scrub removed: each kind's name and how many times.
pub type Removed = Vec<(String, usize)>;

/// Why a file was not written.
#[derive(Debug)]
pub enum Refusal {
    Io(io::Error),
    /// The check after the scrub still found something: its kind and byte offset.
    Secret(String, usize),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            Refusal::Io(e) => write!(f, "{e}"),
            Refusal::Secret(kind, at) => write!(
                f,
                "it would contain a credential ({kind} at byte {at}) that redaction could not remove"
            ),
        }
    }
}

/// The policy of this process's writes (set once by `otalint probe` when it knows the
/// secrets), used by writes that are not handed a gate (the reports of `check`).
static ARMED: RwLock<Option<Arc<dyn Policy>>> = RwLock::new(None);

/// Makes `policy` the one every later [`Gate::armed`] write goes through.
pub fn arm(policy: Arc<dyn Policy>) {
    if let Ok(mut slot) = ARMED.write() {
        *slot = Some(policy);
    }
}

/// The write gate, with its policy (none: the bytes are written as they are).
#[derive(Clone, Default)]
pub struct Gate {
    policy: Option<Arc<dyn Policy>>,
}

impl Gate {
    pub fn with(policy: Arc<dyn Policy>) -> Gate {
        Gate {
            policy: Some(policy),
        }
    }

    /// Whether this gate has a policy (else bytes pass as they are).
    pub fn scrubs(&self) -> bool {
        self.policy.is_some()
    }

    /// The gate of the process's armed policy (see [`arm`]).
    pub fn armed() -> Gate {
        Gate {
            policy: ARMED.read().ok().and_then(|p| p.clone()),
        }
    }

    /// Scrubs `bytes`, checks what is left and writes it to `path` atomically; or refuses, and
    /// then `path` is not created (an existing file is left as it was). What was removed.
    pub fn write(&self, path: &Path, bytes: &[u8]) -> Result<Removed, Refusal> {
        let (bytes, removed) = self.clear(bytes)?;
        let mut temp = temp_beside(path).map_err(Refusal::Io)?;
        temp.write_all(&bytes).map_err(Refusal::Io)?;
        persist(temp, path).map_err(Refusal::Io)?;
        Ok(removed)
    }

    /// As [`Gate::write`], for a file that must not exist yet: an existing one is left alone
    /// and the error is `AlreadyExists`.
    pub fn create(&self, path: &Path, bytes: &[u8]) -> Result<Removed, Refusal> {
        let (bytes, removed) = self.clear(bytes)?;
        let mut temp = temp_beside(path).map_err(Refusal::Io)?;
        temp.write_all(&bytes).map_err(Refusal::Io)?;
        temp.persist_noclobber(path)
            .map_err(|e| Refusal::Io(e.error))?;
        Ok(removed)
    }

    /// Moves a temporary file made by [`Gate::temp`] into place, through the gate.
    pub fn commit(
        &self,
        mut temp: tempfile::NamedTempFile,
        path: &Path,
    ) -> Result<Removed, Refusal> {
        if self.policy.is_none() {
            persist(temp, path).map_err(Refusal::Io)?;
            return Ok(Vec::new());
        }
        let mut bytes = Vec::new();
        temp.flush().map_err(Refusal::Io)?;
        temp.rewind().map_err(Refusal::Io)?;
        temp.read_to_end(&mut bytes).map_err(Refusal::Io)?;
        drop(temp);
        self.write(path, &bytes)
    }

    /// A temporary file beside `path` for a report written as it is made; [`Gate::commit`]
    /// moves it into place.
    pub fn temp(path: &Path) -> io::Result<tempfile::NamedTempFile> {
        temp_beside(path)
    }

    /// The scrubbed bytes, or the refusal when a decoded view still holds something.
    fn clear(&self, bytes: &[u8]) -> Result<(Vec<u8>, Removed), Refusal> {
        let Some(policy) = &self.policy else {
            return Ok((bytes.to_vec(), Vec::new()));
        };
        let scrubbed = policy.scrub(bytes);
        if scrubbed.checked {
            return Ok((scrubbed.bytes, scrubbed.removed));
        }
        if let Some((kind, at)) = policy.find(&scrubbed.bytes) {
            return Err(Refusal::Secret(kind, at));
        }
        Ok((scrubbed.bytes, scrubbed.removed))
    }
}

fn temp_beside(path: &Path) -> io::Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    // `.otalint-probe-PID-*.har.tmp` for a recording, as a later run's clean-up knows them
    // (`probe::lock`: it removes only the temporaries of runs that are gone).
    let suffix = match path.extension().and_then(|e| e.to_str()) {
        Some(ext) if ext.len() <= 8 => format!(".{ext}.tmp"),
        _ => ".tmp".to_string(),
    };
    let prefix = match suffix.as_str() {
        ".har.tmp" => format!(".otalint-probe-{}-", std::process::id()),
        _ => ".otalint-".to_string(),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(&suffix);
    // Created as open(2) creates a file: 0666 less the umask.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let temp = builder
        .tempfile_in(&dir)
        .map_err(|e| io::Error::new(e.kind(), format!("cannot write {}: {e}", path.display())))?;
    // Held while it is written: a later run removes only temporaries nobody holds.
    let _ = temp.as_file().try_lock();
    Ok(temp)
}

/// Renames the temporary file into place; a file it replaces keeps its mode.
fn persist(temp: tempfile::NamedTempFile, path: &Path) -> io::Result<()> {
    if let Ok(meta) = std::fs::metadata(path)
        && meta.is_file()
    {
        std::fs::set_permissions(temp.path(), meta.permissions())?;
    }
    temp.persist(path).map(drop).map_err(|e| {
        io::Error::new(
            e.error.kind(),
            format!("cannot write {}: {}", path.display(), e.error),
        )
    })
}

#[cfg(test)]
mod tests;
