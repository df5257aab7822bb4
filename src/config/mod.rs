//! `otalint.toml` (or `.otalint.toml`): the project's settings, found by walking up from the
//! working directory to the repository root (the first directory holding `.git`).
//!
//! ```toml
//! profile = "hs2"                  # force a profile (default: detect per file)
//! payload-location = "content"     # the hs2 edition: content | short-text
//! rules-files = ["concur.toml"]    # extra rules data, relative to this file
//! extensions = ["xml", "http"]     # what walked directories yield
//! exclude = ["vendor", "**/*.draft.xml"]
//!
//! [rules]                          # levels by rule or group name
//! missing-root-attribute = "off"
//! pairing = "error"
//!
//! [[overrides]]                    # later entries win; globs are relative to this file
//! files = ["legacy/**"]
//! profile = "hs1"
//! rules = { echo-token = "off" }
//! ```
//!
//! Globs follow gitignore's habits: `*` stays within one path segment, `**` crosses them, and a
//! glob without a `/` matches a name at any depth. A path is excluded when it or one of its
//! directories matches an `exclude` glob.

pub(crate) mod parse;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

use globset::GlobSet;

use crate::diagnostic::Level;
use crate::error::DataError;
use crate::paths::absolute;
use crate::profile::Profile;
use crate::rule::PayloadLocation;
use crate::rules::RULES;

/// The names a configuration file may have, in the order they are looked for.
pub const FILE_NAMES: [&str; 2] = ["otalint.toml", ".otalint.toml"];

/// A level set in the configuration, for the rules a name covers.
#[derive(Clone, Debug)]
pub struct LevelSetting {
    pub level: Level,
    covers: Vec<bool>,
}

/// Settings for the files that match some globs.
#[derive(Debug)]
pub struct Override {
    pub files: Vec<String>,
    set: GlobSet,
    pub profile: Option<Profile>,
    pub payload_location: Option<PayloadLocation>,
    /// The HS4 operation of the files (`operation = "rates"`).
    pub operation: Option<String>,
    pub rules: Vec<LevelSetting>,
}

/// The configuration of a run: a loaded file, or none.
#[derive(Debug)]
pub struct Config {
    /// The file it came from.
    pub file: Option<PathBuf>,
    /// The directory its globs and paths are relative to (absolute).
    pub root: PathBuf,
    /// The working directory, read once: files are matched against `root` by absolute path.
    pub(crate) cwd: PathBuf,
    pub profile: Option<Profile>,
    pub payload_location: Option<PayloadLocation>,
    /// The HS4 operation of the files (`operation = "rates"`).
    pub operation: Option<String>,
    /// Extra rules files, resolved against [`Config::root`].
    pub rules_files: Vec<PathBuf>,
    pub extensions: Option<Vec<String>>,
    pub exclude: Vec<String>,
    exclude_set: GlobSet,
    pub rules: Vec<LevelSetting>,
    pub overrides: Vec<Override>,
}

/// What the configuration says about one path.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct MatchedOverrides {
    /// The overrides that apply, by index.
    pub overrides: Vec<usize>,
}

impl Config {
    /// No configuration: every default applies.
    pub fn none() -> Self {
        Config {
            file: None,
            root: absolute(Path::new(".")),
            cwd: crate::paths::working_dir(),
            profile: None,
            payload_location: None,
            operation: None,
            rules_files: Vec::new(),
            extensions: None,
            exclude: Vec::new(),
            exclude_set: GlobSet::empty(),
            rules: Vec::new(),
            overrides: Vec::new(),
        }
    }

    /// The configuration file for a run started in `dir`: the first `otalint.toml` or
    /// `.otalint.toml` from `dir` up to the repository root.
    /// Both names in one directory are an error: which one otalint reads should never be a
    /// surprise.
    ///
    /// The path is given relative to `dir` (`otalint.toml`, `../../otalint.toml`), as a user
    /// would type it.
    pub fn find(dir: &Path) -> Result<Option<PathBuf>, String> {
        let start = absolute(dir);
        for (up, dir) in start.ancestors().enumerate() {
            // Any entry by the name counts: a directory or a broken link there is the user's
            // configuration gone wrong, never a reason to fall back to the defaults.
            let found: Vec<&str> = FILE_NAMES
                .into_iter()
                .filter(|name| dir.join(name).symlink_metadata().is_ok())
                .collect();
            match found.as_slice() {
                [] => {}
                [name] => {
                    let mut path: PathBuf = std::iter::repeat_n("..", up).collect();
                    path.push(name);
                    usable(&dir.join(name), &path)?;
                    return Ok(Some(path));
                }
                _ => {
                    return Err(format!(
                        "both {} and {} are in {}; keep one",
                        FILE_NAMES[0],
                        FILE_NAMES[1],
                        dir.display()
                    ));
                }
            }
            if dir.join(".git").exists() {
                break;
            }
        }
        Ok(None)
    }

    /// Reads and validates a configuration file.
    pub fn load(path: &Path) -> Result<Config, DataError> {
        let text = std::fs::read_to_string(path).map_err(|e| DataError {
            path: path.display().to_string(),
            text: String::new(),
            message: format!("cannot read: {e}"),
            span: None,
        })?;
        Config::parse(path, &text)
    }
    /// `path` relative to the configuration's directory, if it lies inside it.
    fn relative(&self, path: &Path) -> Option<PathBuf> {
        crate::paths::absolute_in(&self.cwd, path)
            .strip_prefix(&self.root)
            .ok()
            .map(Path::to_path_buf)
    }

    /// Whether `exclude` covers the path (or one of its directories).
    pub fn excluded(&self, path: &Path) -> bool {
        if self.exclude.is_empty() {
            return false;
        }
        let Some(rel) = self.relative(path) else {
            return false;
        };
        rel.ancestors()
            .take_while(|a| !a.as_os_str().is_empty())
            .any(|a| self.exclude_set.is_match(a))
    }

    /// The overrides that apply to a file.
    pub fn for_path(&self, path: &Path) -> MatchedOverrides {
        if self.overrides.is_empty() {
            return MatchedOverrides {
                overrides: Vec::new(),
            };
        }
        let rel = self.relative(path);
        let overrides = self
            .overrides
            .iter()
            .enumerate()
            .filter(|(_, o)| rel.as_ref().is_some_and(|r| o.set.is_match(r)))
            .map(|(i, _)| i)
            .collect();
        MatchedOverrides { overrides }
    }

    /// The level of every rule (in [`RULES`] order) for the files `at` describes: the
    /// defaults, then `[rules]`, then each matching override in order.
    pub fn levels(&self, at: &MatchedOverrides) -> Vec<Level> {
        let mut levels: Vec<Level> = RULES.iter().map(|r| r.level).collect();
        let settings = self
            .rules
            .iter()
            .chain(at.overrides.iter().flat_map(|&i| &self.overrides[i].rules));
        for setting in settings {
            for ((level, rule), hit) in levels.iter_mut().zip(RULES).zip(&setting.covers) {
                if *hit && !rule.is_fundamental() {
                    *level = setting.level;
                }
            }
        }
        levels
    }

    /// The profile forced for the files `at` describes, and where that was said.
    pub fn profile(&self, at: &MatchedOverrides) -> Option<(Profile, String)> {
        let from_override = at
            .overrides
            .iter()
            .rev()
            .find_map(|&i| self.overrides[i].profile.map(|p| (p, i)));
        let name = self.name();
        match from_override {
            Some((p, i)) => Some((
                p,
                format!(
                    "forced by {name} for `{}`",
                    self.overrides[i].files.join("`, `")
                ),
            )),
            None => self.profile.map(|p| (p, format!("forced by {name}"))),
        }
    }

    /// The hs2 edition for the files `at` describes.
    pub fn payload_location(&self, at: &MatchedOverrides) -> Option<PayloadLocation> {
        at.overrides
            .iter()
            .rev()
            .find_map(|&i| self.overrides[i].payload_location)
            .or(self.payload_location)
    }

    /// The HS4 operation for the files `at` describes.
    pub fn operation(&self, at: &MatchedOverrides) -> Option<String> {
        at.overrides
            .iter()
            .rev()
            .find_map(|&i| self.overrides[i].operation.clone())
            .or_else(|| self.operation.clone())
    }

    fn name(&self) -> String {
        self.file.as_ref().map_or_else(
            || "the configuration".to_string(),
            |f| {
                f.file_name()
                    .map_or_else(|| f.display().to_string(), |n| n.to_string_lossy().into())
            },
        )
    }
}

/// Why the configuration file found at `full` (shown as `shown`) cannot be read: a directory,
/// a link to nothing, a loop of links, or anything else that is no regular file.
fn usable(full: &Path, shown: &Path) -> Result<(), String> {
    let shown = shown.display();
    match std::fs::metadata(full) {
        Ok(m) if m.is_file() => Ok(()),
        Ok(m) if m.is_dir() => Err(format!(
            "{shown} is a directory, not a configuration file: make it a file, or run with --no-config"
        )),
        Ok(_) => Err(format!(
            "{shown} is not a regular file: make it one, or run with --no-config"
        )),
        Err(e) => {
            let link = std::fs::read_link(full)
                .map(|t| format!(" (a symbolic link to {})", t.display()))
                .unwrap_or_default();
            Err(format!(
                "{shown}{link} cannot be read: {e}; fix the link, or run with --no-config"
            ))
        }
    }
}
