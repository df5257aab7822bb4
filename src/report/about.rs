//! What a findings report says of its own run, so that a report read later or forwarded still
//! tells what it judged: when, which paths, the profiles they were read as, which otalint,
//! and the configuration and options in force.

use super::FileEntry;
use super::doc::{Cell, Table};

/// The run as the command line and configuration made it (built by `outputs.rs`).
#[derive(Clone, Debug, Default)]
pub struct About {
    /// The paths given, as given (`-` is standard input).
    pub inputs: Vec<String>,
    /// The configuration file used, or why none was.
    pub config: String,
    /// The options that change what is checked or reported (`--profile hs2`).
    pub options: Vec<String>,
}

/// The most paths named in the table; the rest are counted.
const SHOWN: usize = 20;

impl About {
    /// The table under the report's title: date, paths, profiles, otalint, configuration.
    pub fn table(&self, entries: &[&FileEntry]) -> Table {
        let mut paths: Vec<String> = self
            .inputs
            .iter()
            .take(SHOWN)
            .map(|p| match p.as_str() {
                "-" => "standard input".to_string(),
                p => p.to_string(),
            })
            .collect();
        if self.inputs.len() > SHOWN {
            paths.push(format!("and {} more", self.inputs.len() - SHOWN));
        }
        let mut profiles: Vec<(String, usize)> = Vec::new();
        for e in entries {
            let name = e.profile.to_string();
            match profiles.iter_mut().find(|(p, _)| *p == name) {
                Some((_, n)) => *n += 1,
                None => profiles.push((name, 1)),
            }
        }
        profiles.sort();
        let profiles = match profiles.is_empty() {
            true => "none (nothing was checked)".to_string(),
            false => profiles
                .iter()
                .map(|(p, n)| format!("{p} ({n} checked)"))
                .collect::<Vec<_>>()
                .join(", "),
        };
        let options = match self.options.is_empty() {
            true => Cell::plain("none"),
            false => Cell::code(self.options.join(" ")),
        };
        let row = |k: &str, v: Cell| vec![Cell::plain(k), v];
        Table {
            caption: None,
            headers: vec!["about the check".into(), "value".into()],
            rows: vec![
                row("Checked (UTC)", Cell::plain(now_utc())),
                row("Paths", Cell::code(paths.join(" "))),
                row("Profiles", Cell::plain(profiles)),
                row("otalint", Cell::plain(env!("CARGO_PKG_VERSION"))),
                row("Configuration", Cell::plain(self.config.clone())),
                row("Options", options),
            ],
        }
    }
}

/// The time of the run as `2026-12-07T18:55:03Z`, or the time `SOURCE_DATE_EPOCH` gives (as
/// reproducible builds read it), so a report can be made the same twice.
pub fn now_utc() -> String {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
        });
    iso_utc(secs)
}

/// Seconds since the Unix epoch as an RFC 3339 UTC time (the civil-from-days algorithm of
/// Howard Hinnant's date library).
fn iso_utc(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rest = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_written_in_utc() {
        assert_eq!(iso_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso_utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(iso_utc(1_796_668_503), "2026-12-07T18:35:03Z");
        assert_eq!(iso_utc(4_107_542_399), "2100-02-28T23:59:59Z");
    }
}
