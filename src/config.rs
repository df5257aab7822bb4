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

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use clap::ValueEnum;
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Level;
use crate::profile::{DataError, PayloadLocation, Profile};
use crate::rules::{self, RULES};

/// The names a configuration file may have, in the order they are looked for.
pub const FILE_NAMES: [&str; 2] = ["otalint.toml", ".otalint.toml"];

/// The top-level keys, for did-you-mean.
const KEYS: &[&str] = &[
    "profile",
    "payload-location",
    "rules-files",
    "extensions",
    "exclude",
    "rules",
    "overrides",
];
const OVERRIDE_KEYS: &[&str] = &["files", "profile", "payload-location", "rules"];
const LEVELS: &[&str] = &["error", "warning", "info", "off"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    profile: Option<Spanned<String>>,
    payload_location: Option<Spanned<String>>,
    rules_files: Option<Vec<Spanned<String>>>,
    extensions: Option<Vec<Spanned<String>>>,
    exclude: Option<Vec<Spanned<String>>>,
    rules: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    overrides: Option<Vec<RawOverride>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawOverride {
    files: Spanned<Vec<Spanned<String>>>,
    profile: Option<Spanned<String>>,
    payload_location: Option<Spanned<String>>,
    rules: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
}

/// A level set in the configuration, for the rules a name covers.
#[derive(Clone, Debug)]
pub struct LevelSetting {
    /// The rule or group name as written.
    pub name: String,
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
    pub rules: Vec<LevelSetting>,
}

/// The configuration of a run: a loaded file, or none.
#[derive(Debug)]
pub struct Config {
    /// The file it came from.
    pub file: Option<PathBuf>,
    /// The directory its globs and paths are relative to (absolute).
    pub root: PathBuf,
    pub profile: Option<Profile>,
    pub payload_location: Option<PayloadLocation>,
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
pub struct ForPath {
    /// The overrides that apply, by index.
    pub overrides: Vec<usize>,
}

impl Config {
    /// No configuration: every default applies.
    pub fn none() -> Self {
        Config {
            file: None,
            root: absolute(Path::new(".")),
            profile: None,
            payload_location: None,
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
            let found: Vec<&str> = FILE_NAMES
                .into_iter()
                .filter(|name| dir.join(name).is_file())
                .collect();
            match found.as_slice() {
                [] => {}
                [name] => {
                    let mut path: PathBuf = std::iter::repeat_n("..", up).collect();
                    path.push(name);
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

    /// Validates a configuration's text; `path` names it and gives the directory its paths
    /// are relative to.
    pub fn parse(path: &Path, text: &str) -> Result<Config, DataError> {
        let err = |message: String, span: Option<Range<usize>>| DataError {
            path: path.display().to_string(),
            text: text.to_string(),
            message,
            span,
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let message = e.message().trim_end().to_string();
            err(unknown_key(&message).unwrap_or(message), e.span())
        })?;
        let root = absolute(path)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let profile = parse_value::<Profile>(raw.profile.as_ref(), "profile", &err)?;
        let payload_location = parse_value::<PayloadLocation>(
            raw.payload_location.as_ref(),
            "payload-location",
            &err,
        )?;
        let rules = levels(raw.rules.unwrap_or_default(), &err)?;
        let (exclude, exclude_set) = globs(raw.exclude.unwrap_or_default(), &err)?;
        let mut overrides = Vec::new();
        for o in raw.overrides.unwrap_or_default() {
            let files_span = o.files.span();
            let files = o.files.into_inner();
            if files.is_empty() {
                return Err(err(
                    "an override needs at least one glob in `files`".to_string(),
                    Some(files_span),
                ));
            }
            let (files, set) = globs(files, &err)?;
            overrides.push(Override {
                files,
                set,
                profile: parse_value::<Profile>(o.profile.as_ref(), "profile", &err)?,
                payload_location: parse_value::<PayloadLocation>(
                    o.payload_location.as_ref(),
                    "payload-location",
                    &err,
                )?,
                rules: levels(o.rules.unwrap_or_default(), &err)?,
            });
        }
        let mut extensions = None;
        if let Some(list) = raw.extensions {
            let mut out = Vec::new();
            for e in list {
                let ext = e.get_ref().trim().trim_start_matches('.');
                if ext.is_empty() || ext.contains(['/', '\\', '*']) {
                    return Err(err(
                        format!("`{}` is not a file extension such as `xml`", e.get_ref()),
                        Some(e.span()),
                    ));
                }
                out.push(ext.to_string());
            }
            extensions = Some(out);
        }
        let rules_files = raw
            .rules_files
            .unwrap_or_default()
            .into_iter()
            .map(|f| root.join(f.get_ref()))
            .collect();
        Ok(Config {
            file: Some(path.to_path_buf()),
            root,
            profile,
            payload_location,
            rules_files,
            extensions,
            exclude,
            exclude_set,
            rules,
            overrides,
        })
    }

    /// `path` relative to the configuration's directory, if it lies inside it.
    fn relative(&self, path: &Path) -> Option<PathBuf> {
        absolute(path)
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
    pub fn for_path(&self, path: &Path) -> ForPath {
        if self.overrides.is_empty() {
            return ForPath {
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
        ForPath { overrides }
    }

    /// The level of every rule (in [`RULES`] order) for the files `at` describes: the
    /// defaults, then `[rules]`, then each matching override in order.
    pub fn levels(&self, at: &ForPath) -> Vec<Level> {
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
    pub fn profile(&self, at: &ForPath) -> Option<(Profile, String)> {
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
    pub fn payload_location(&self, at: &ForPath) -> Option<PayloadLocation> {
        at.overrides
            .iter()
            .rev()
            .find_map(|&i| self.overrides[i].payload_location)
            .or(self.payload_location)
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

/// A value named like a command-line choice (`hs2`, `short-text`), with did-you-mean.
fn parse_value<T: ValueEnum>(
    value: Option<&Spanned<String>>,
    key: &str,
    err: &impl Fn(String, Option<Range<usize>>) -> DataError,
) -> Result<Option<T>, DataError> {
    let Some(value) = value else {
        return Ok(None);
    };
    if let Ok(v) = T::from_str(value.get_ref(), false) {
        return Ok(Some(v));
    }
    let names: Vec<String> = T::value_variants()
        .iter()
        .filter_map(|v| v.to_possible_value().map(|p| p.get_name().to_string()))
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    Err(err(
        format!(
            "`{}` is not a {key}{}",
            value.get_ref(),
            did_you_mean(value.get_ref(), &names)
        ),
        Some(value.span()),
    ))
}

/// `[rules]` entries: rule or group names with levels.
fn levels(
    table: BTreeMap<Spanned<String>, Spanned<String>>,
    err: &impl Fn(String, Option<Range<usize>>) -> DataError,
) -> Result<Vec<LevelSetting>, DataError> {
    let mut entries: Vec<_> = table.into_iter().collect();
    // In the order written, so a rule named after its group wins.
    entries.sort_by_key(|(name, _)| name.span().start);
    let mut out = Vec::new();
    for (name, level) in entries {
        let Some(covers) = rules::covered(name.get_ref()) else {
            let hint = match rules::suggest(name.get_ref()) {
                Some(s) => format!("; did you mean `{s}`?"),
                None => "; `otalint rules` lists them".to_string(),
            };
            return Err(err(
                format!("unknown rule or group `{}`{hint}", name.get_ref()),
                Some(name.span()),
            ));
        };
        if let Some(rule) = rules::find(name.get_ref()).filter(|r| r.is_fundamental()) {
            return Err(err(
                format!(
                    "`{}` cannot be re-levelled or turned off: nothing else can be checked in a document that does not parse",
                    rule.name
                ),
                Some(name.span()),
            ));
        }
        let level = match level.get_ref().as_str() {
            "error" => Level::Error,
            "warning" => Level::Warning,
            "info" => Level::Info,
            "off" => Level::Off,
            other => {
                return Err(err(
                    format!("`{other}` is not a level{}", did_you_mean(other, LEVELS)),
                    Some(level.span()),
                ));
            }
        };
        out.push(LevelSetting {
            name: name.into_inner(),
            level,
            covers,
        });
    }
    Ok(out)
}

/// Globs as gitignore reads them: a glob without `/` matches a name at any depth.
fn globs(
    list: Vec<Spanned<String>>,
    err: &impl Fn(String, Option<Range<usize>>) -> DataError,
) -> Result<(Vec<String>, GlobSet), DataError> {
    let mut builder = GlobSetBuilder::new();
    let mut written = Vec::new();
    for g in list {
        let text = g.get_ref().trim();
        let trimmed = text.trim_start_matches("./").trim_end_matches('/');
        let pattern = if trimmed.contains('/') {
            trimmed.to_string()
        } else {
            format!("**/{trimmed}")
        };
        let glob = GlobBuilder::new(&pattern)
            .literal_separator(true)
            .build()
            .map_err(|e| err(format!("invalid glob: {}", e.kind()), Some(g.span())))?;
        builder.add(glob);
        written.push(text.to_string());
    }
    let set = builder
        .build()
        .map_err(|e| err(format!("invalid glob: {e}"), None))?;
    Ok((written, set))
}

/// `; did you mean `x`?` when a candidate is close, else the list of valid values.
fn did_you_mean(value: &str, candidates: &[&str]) -> String {
    let best = candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(value, c), *c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((_, c)) => format!("; did you mean `{c}`?"),
        None => format!("; expected one of `{}`", candidates.join("`, `")),
    }
}

/// toml's "unknown field `x`, expected one of …" said shorter, with a did-you-mean.
fn unknown_key(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (key, _) = rest.split_once('`')?;
    let candidates = if message.contains("`files`") {
        OVERRIDE_KEYS
    } else {
        KEYS
    };
    Some(format!(
        "unknown key `{key}`{}",
        did_you_mean(key, candidates)
    ))
}

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

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, DataError> {
        Config::parse(Path::new("/repo/otalint.toml"), text)
    }

    fn error_at(text: &str) -> (String, String) {
        let e = parse(text).expect_err("invalid");
        let span = e.span.clone().expect("span");
        (e.message, text[span].to_string())
    }

    #[test]
    fn unknown_keys_rules_and_levels_point_at_their_text() {
        let (m, at) = error_at("extension = [\"xml\"]\n");
        assert!(m.contains("did you mean `extensions`?"), "{m}");
        assert!(at.contains("extension"), "{at}");
        let (m, at) = error_at("[rules]\npayload-formt = \"off\"\n");
        assert_eq!(
            m,
            "unknown rule or group `payload-formt`; did you mean `payload-format`?"
        );
        assert_eq!(at, "payload-formt");
        let (m, at) = error_at("[rules]\npayload-format = \"warn\"\n");
        assert_eq!(m, "`warn` is not a level; did you mean `warning`?");
        assert_eq!(at, "\"warn\"");
        let (m, _) = error_at("[rules]\nmalformed-xml = \"off\"\n");
        assert!(m.contains("cannot be re-levelled"), "{m}");
        let (m, at) = error_at("profile = \"hs3\"\n");
        assert!(m.starts_with("`hs3` is not a profile"), "{m}");
        assert_eq!(at, "\"hs3\"");
        let (m, _) = error_at("[[overrides]]\nfile = [\"a\"]\n");
        assert!(m.contains("did you mean `files`?"), "{m}");
    }

    #[test]
    fn overrides_apply_in_order_and_groups_cover_their_rules() {
        let c = parse(
            "[rules]\npairing = \"error\"\nmalformed-json = \"error\"\n\
             [[overrides]]\nfiles = [\"legacy/**\"]\nprofile = \"hs1\"\nrules = { echo-token = \"off\" }\n\
             [[overrides]]\nfiles = [\"*.draft.xml\"]\nrules = { all = \"info\" }\n",
        );
        // A fundamental rule inside a group or `all` is left alone, named alone it is not.
        assert!(c.is_err());
        let c = parse(
            "[rules]\npairing = \"error\"\n\
             [[overrides]]\nfiles = [\"legacy/**\"]\nprofile = \"hs1\"\nrules = { echo-token = \"off\" }\n\
             [[overrides]]\nfiles = [\"*.draft.xml\"]\nrules = { all = \"info\" }\n",
        )
        .expect("valid");
        let level = |at: &ForPath, name: &str| {
            let i = RULES.iter().position(|r| r.name == name).expect("rule");
            c.levels(at)[i]
        };
        let plain = c.for_path(Path::new("/repo/a.xml"));
        assert_eq!(plain.overrides, Vec::<usize>::new());
        assert_eq!(level(&plain, "echo-token"), Level::Error);
        let legacy = c.for_path(Path::new("/repo/legacy/x/a.xml"));
        assert_eq!(legacy.overrides, vec![0]);
        assert_eq!(level(&legacy, "echo-token"), Level::Off);
        assert_eq!(level(&legacy, "response-mismatch"), Level::Error);
        assert_eq!(c.profile(&legacy).expect("forced").0, Profile::Hs1);
        let draft = c.for_path(Path::new("/repo/legacy/b.draft.xml"));
        assert_eq!(draft.overrides, vec![0, 1]);
        assert_eq!(level(&draft, "echo-token"), Level::Info);
        assert_eq!(level(&draft, "malformed-xml"), Level::Error);
        // Outside the configuration's directory no glob matches.
        assert_eq!(
            c.for_path(Path::new("/elsewhere/legacy/a.xml")).overrides,
            Vec::<usize>::new()
        );
    }

    #[test]
    fn excludes_cover_directories_and_names_at_any_depth() {
        let c = parse("exclude = [\"vendor\", \"fixtures/*.xml\"]\n").expect("valid");
        assert!(c.excluded(Path::new("/repo/vendor")));
        assert!(c.excluded(Path::new("/repo/a/vendor/b/c.xml")));
        assert!(c.excluded(Path::new("/repo/fixtures/a.xml")));
        assert!(!c.excluded(Path::new("/repo/fixtures/deep/a.xml")));
        assert!(!c.excluded(Path::new("/repo/vendors/a.xml")));
        assert!(!c.excluded(Path::new("/other/vendor/a.xml")));
    }

    proptest::proptest! {
        /// A configuration file is the user's, but a broken one must still be an error with a
        /// span inside the text, never a panic: random edits of a full configuration.
        #[test]
        fn broken_configurations_are_errors_never_panics(
            cut in 0usize..400,
            insert in "[\\[\\]=\"'#*{},. a-z\n-]{0,12}",
        ) {
            let full = "profile = \"hs2\"\nexclude = [\"vendor\", \"**/*.x\"]\n[rules]\n\
                        pairing = \"error\"\n[[overrides]]\nfiles = [\"a/**\"]\n\
                        rules = { echo-token = \"off\" }\n";
            let mut at = cut.min(full.len());
            while !full.is_char_boundary(at) {
                at -= 1;
            }
            let text = format!("{}{insert}{}", &full[..at], &full[at..]);
            if let Err(e) = parse(&text) {
                if let Some(span) = e.span {
                    proptest::prop_assert!(span.end <= text.len(), "{span:?} in {text:?}");
                }
            }
        }
    }

    #[test]
    fn paths_are_made_absolute_by_name() {
        assert_eq!(absolute(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
    }
}
