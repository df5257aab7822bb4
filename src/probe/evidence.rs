//! `otalint probe --evidence DIR` (PROBE.md §10.4): what Concur's own HS4 kit asks suppliers
//! to share — one request and response per exchange, the inputs, the console log — next to the
//! recording and both reports. Everything in it is written from redacted data: the exchange
//! files from the HAR entry and the taped response after [`Secrets::scrub`].

use std::fs;
use std::path::{Path, PathBuf};

use super::har::Entry;
use super::redact::{Kind, Secrets};
use crate::error::Error;

/// Where the bundle goes, and the console lines it keeps.
pub struct Evidence {
    pub dir: PathBuf,
    pub console: Vec<String>,
}

fn io(path: &Path, e: std::io::Error) -> Error {
    Error::Usage(format!("cannot write the evidence {}: {e}", path.display()))
}

impl Evidence {
    /// Creates the directory (it may exist: files of the same name are replaced).
    pub fn new(dir: &Path) -> Result<Evidence, Error> {
        fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
        Ok(Evidence {
            dir: dir.to_path_buf(),
            console: Vec::new(),
        })
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
        let ext = if entry.request.post_data.mime_type.contains("json") {
            "json"
        } else {
            "xml"
        };
        let write = |name: String, bytes: &[u8]| {
            let path = self.dir.join(name);
            fs::write(&path, bytes).map_err(|e| io(&path, e))
        };
        write(
            format!("{stem}.rq.{ext}"),
            entry.request.post_data.text.as_bytes(),
        )?;
        if let Some(text) = entry
            .response
            .content
            .text
            .as_deref()
            .filter(|_| entry.response.content.encoding.is_none())
        {
            write(format!("{stem}.rs.{ext}"), text.as_bytes())?;
        }
        if !taped.is_empty() {
            let (raw, _) = secrets.scrub(taped);
            let (raw, _) =
                secrets.scrub_element(&raw, &["SeriesCode", "PlainText", "cvv"], Kind::Cvv);
            write(format!("{stem}.http"), &raw)?;
        }
        Ok(())
    }

    /// The recording, the scenario (as the recording holds it, redacted) and the console log.
    pub fn finish(&self, har: &Path, scenario: &str, human: &Path) -> Result<(), Error> {
        let copy = self.dir.join("run.har");
        fs::copy(har, &copy).map_err(|e| io(&copy, e))?;
        let path = self.dir.join("scenario.toml");
        fs::write(&path, scenario).map_err(|e| io(&path, e))?;
        let report = fs::read_to_string(human).unwrap_or_default();
        let _ = fs::remove_file(human);
        let mut console = self.console.join("\n");
        console.push_str("\n\n");
        console.push_str(&report);
        let path = self.dir.join("console.txt");
        fs::write(&path, console).map_err(|e| io(&path, e))
    }
}
