//! `otalint probe --evidence DIR` (docs/probe.md "The recording"): what Concur's own HS4 kit asks suppliers
//! to share — one request and response per exchange, the inputs, the console log — next to the
//! recording and both reports. Every file of it goes through the write gate with the run's
//! secrets: scrubbed in every decoded view (a taped response is judged after its chunk framing
//! and gzip), checked, then written — or refused, and then the file does not exist.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::har::Entry;
use super::redact::{Kind, Secrets};
use crate::error::Error;
use crate::gate::{Gate, Refusal};

/// Where the bundle goes, and the console lines it keeps.
pub struct Evidence {
    pub dir: PathBuf,
    pub console: Vec<String>,
}

fn refused(path: &Path, e: Refusal) -> Error {
    match e {
        Refusal::Io(e) => {
            Error::Usage(format!("cannot write the evidence {}: {e}", path.display()))
        }
        Refusal::Secret(..) => Error::Usage(format!(
            "refusing to write the evidence {}: {e}; the file was not written",
            path.display()
        )),
    }
}

impl Evidence {
    /// Creates the directory (it may exist: files of the same name are replaced).
    pub fn new(dir: &Path) -> Result<Evidence, Error> {
        std::fs::create_dir_all(dir).map_err(|e| refused(dir, Refusal::Io(e)))?;
        Ok(Evidence {
            dir: dir.to_path_buf(),
            console: Vec::new(),
        })
    }

    /// Writes one file of the bundle through the gate.
    fn write(&self, secrets: &Secrets, name: &str, bytes: &[u8]) -> Result<(), Error> {
        let path = self.dir.join(name);
        Gate::with(Arc::new(secrets.clone()))
            .write(&path, bytes)
            .map(drop)
            .map_err(|e| refused(&path, e))
    }

    /// `NN-<step>.rq.<ext>`, `NN-<step>.rs.<ext>` (decoded, as recorded) and `NN-<step>.http`
    /// (the response as taped, framing included), for entry `index`.
    pub fn exchange(
        &self,
        index: usize,
        entry: &Entry,
        taped: &[u8],
        secrets: &Secrets,
    ) -> Result<(), Error> {
        let step = entry
            .otalint
            .get("step")
            .and_then(|s| s.as_str())
            .unwrap_or("exchange");
        let stem = format!("{:02}-{}", index + 1, step.replace(['/', '\\', '@'], "_"));
        // An image GET (`--check-images`) sends no body; what came back is no message.
        let image = entry.request.method == "GET";
        let ext = if image {
            "txt"
        } else if entry.request.post_data.mime_type.contains("json") {
            "json"
        } else {
            "xml"
        };
        if !image {
            self.write(
                secrets,
                &format!("{stem}.rq.{ext}"),
                entry.request.post_data.text.as_bytes(),
            )?;
        }
        if let Some(text) = entry
            .response
            .content
            .text
            .as_deref()
            .filter(|_| entry.response.content.encoding.is_none())
        {
            self.write(secrets, &format!("{stem}.rs.{ext}"), text.as_bytes())?;
        }
        if !taped.is_empty() {
            // The CVV keeps its own marker where the booking put it; the gate does the rest.
            let (raw, _) =
                secrets.scrub_element(taped, &["SeriesCode", "PlainText", "cvv"], Kind::Cvv);
            self.write(secrets, &format!("{stem}.http"), &raw)?;
        }
        Ok(())
    }

    /// The recording, the scenario (as the recording holds it, redacted) and the console log.
    pub fn finish(
        &self,
        har: &Path,
        scenario: &str,
        human: &Path,
        secrets: &Secrets,
    ) -> Result<(), Error> {
        let recording = std::fs::read(har).map_err(|e| refused(har, Refusal::Io(e)))?;
        self.write(secrets, "run.har", &recording)?;
        self.write(secrets, "scenario.toml", scenario.as_bytes())?;
        let report = std::fs::read_to_string(human).unwrap_or_default();
        let _ = std::fs::remove_file(human);
        let mut console = self.console.join("\n");
        console.push_str("\n\n");
        console.push_str(&report);
        self.write(secrets, "console.txt", console.as_bytes())
    }
}
