//! Reading `otalint.toml`: every key, value, rule name and glob is checked, and a mistake is
//! reported at its line and column with a did-you-mean.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use clap::ValueEnum;
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use super::{Config, LevelSetting, Override};
use crate::diagnostic::Level;
use crate::error::DataError;
use crate::paths::absolute;
use crate::profile::Profile;
use crate::rule::PayloadLocation;
use crate::rules;
use crate::suggest::did_you_mean;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    profile: Option<Spanned<String>>,
    payload_location: Option<Spanned<String>>,
    operation: Option<Spanned<String>>,
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
    operation: Option<Spanned<String>>,
    rules: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
}

impl Config {
    /// Validates a configuration's text; `path` names it and gives the directory its paths
    /// are relative to.
    pub fn parse(path: &Path, text: &str) -> Result<Config, DataError> {
        let err = |message: String, span: Option<Range<usize>>| DataError {
            path: path.display().to_string(),
            text: text.to_string(),
            message,
            span,
        };
        if let Some((message, span)) = misplaced_key(text) {
            return Err(err(message, span));
        }
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
        let operation = hs4_operation(raw.operation.as_ref(), &err)?;
        let rules = levels(raw.rules.unwrap_or_default(), &err)?;
        let (exclude, exclude_set) = globs(raw.exclude.unwrap_or_default(), &err)?;
        let mut overrides = Vec::new();
        for o in raw.overrides.unwrap_or_default() {
            overrides.push(override_of(o, &err)?);
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
            cwd: crate::paths::working_dir(),
            profile,
            payload_location,
            operation,
            rules_files,
            extensions,
            exclude,
            exclude_set,
            rules,
            overrides,
        })
    }
}

/// A value named like a command-line choice (`hs2`, `short-text`), with did-you-mean.
/// One `[[overrides]]` table.
fn override_of(
    o: RawOverride,
    err: &impl Fn(String, Option<Range<usize>>) -> DataError,
) -> Result<Override, DataError> {
    let files_span = o.files.span();
    let files = o.files.into_inner();
    if files.is_empty() {
        return Err(err(
            "an override needs at least one glob in `files`".to_string(),
            Some(files_span),
        ));
    }
    let (files, set) = globs(files, err)?;
    Ok(Override {
        files,
        set,
        profile: parse_value::<Profile>(o.profile.as_ref(), "profile", err)?,
        payload_location: parse_value::<PayloadLocation>(
            o.payload_location.as_ref(),
            "payload-location",
            err,
        )?,
        operation: hs4_operation(o.operation.as_ref(), err)?,
        rules: levels(o.rules.unwrap_or_default(), err)?,
    })
}

/// `operation = "rates"`: one of the HS4 operations.
fn hs4_operation(
    value: Option<&Spanned<String>>,
    err: &impl Fn(String, Option<Range<usize>>) -> DataError,
) -> Result<Option<String>, DataError> {
    let Some(value) = value else {
        return Ok(None);
    };
    let v = value.get_ref();
    if crate::cli::HS4_OPERATIONS.contains(&v.as_str()) {
        return Ok(Some(v.clone()));
    }
    Err(err(
        format!(
            "`{v}` is not an HS4 operation{}",
            did_you_mean(v, &crate::cli::HS4_OPERATIONS)
        ),
        Some(value.span()),
    ))
}

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
        let Some(&level_value) = Level::ALL.iter().find(|l| l.as_str() == level.get_ref()) else {
            let names: Vec<&str> = Level::ALL.iter().rev().map(|l| l.as_str()).collect();
            return Err(err(
                format!(
                    "`{}` is not a level{}",
                    level.get_ref(),
                    did_you_mean(level.get_ref(), &names)
                ),
                Some(level.span()),
            ));
        };
        out.push(LevelSetting {
            level: level_value,
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

/// toml's "unknown field `x`, expected one of `a`, `b`" said shorter, with a did-you-mean
/// among the keys toml lists (the fields of the table the key was found in).
/// The top-level keys, and the keys of an `[[overrides]]` entry.
const TOP_KEYS: &[&str] = &[
    "profile",
    "payload-location",
    "operation",
    "rules-files",
    "extensions",
    "exclude",
];
const OVERRIDE_KEYS: &[&str] = &["files", "profile", "payload-location", "operation"];

/// A key written below a table header it does not belong to (`exclude = [...]` after
/// `[rules]`): TOML puts every key after a header into that table, so serde would only say
/// "invalid type". Says where the key landed and where it belongs.
fn misplaced_key(text: &str) -> Option<(String, Option<Range<usize>>)> {
    let table: toml::Table = toml::from_str(text).ok()?;
    let top = |key: &str| TOP_KEYS.contains(&key);
    let landed = |key: &str, header: &str, belongs: &str| {
        let message = format!(
            "`{key}` is in the `{header}` table (every key after a table header belongs to that \
             table); `{key}` is a key of {belongs}: move it above `{header}`"
        );
        Some((message, key_span(text, header, key)))
    };
    let top_level = "the top level, which comes before the first table header";
    if let Some(rules) = table.get("rules").and_then(toml::Value::as_table)
        && let Some(key) = rules.keys().find(|k| top(k))
    {
        return landed(key, "[rules]", top_level);
    }
    let overrides = table.get("overrides").and_then(toml::Value::as_array);
    for entry in overrides
        .into_iter()
        .flatten()
        .filter_map(toml::Value::as_table)
    {
        if let Some(key) = entry
            .keys()
            .find(|k| top(k) && !OVERRIDE_KEYS.contains(&k.as_str()))
        {
            return landed(key, "[[overrides]]", top_level);
        }
        let rules = entry.get("rules").and_then(toml::Value::as_table);
        if let Some(key) =
            rules.and_then(|r| r.keys().find(|k| OVERRIDE_KEYS.contains(&k.as_str())))
        {
            return landed(key, "[overrides.rules]", "the `[[overrides]]` entry");
        }
        if let Some(key) = rules.and_then(|r| r.keys().find(|k| top(k))) {
            return landed(key, "[overrides.rules]", top_level);
        }
    }
    None
}

/// Where `key = ` is first written after `header`, if it is written plainly.
fn key_span(text: &str, header: &str, key: &str) -> Option<Range<usize>> {
    let mut at = text.find(header)? + header.len();
    for line in text[at..].split_inclusive('\n') {
        let trimmed = line.trim_start();
        let start = at + (line.len() - trimmed.len());
        if let Some(rest) = trimmed.strip_prefix(key)
            && rest.trim_start().starts_with('=')
        {
            return Some(start..start + key.len());
        }
        at += line.len();
    }
    None
}

pub(crate) fn unknown_key(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (key, rest) = rest.split_once('`')?;
    let listed = rest.split_once("expected one of ").map_or("", |(_, l)| l);
    let candidates: Vec<&str> = listed
        .split(", ")
        .map(|k| k.trim().trim_matches('`'))
        .filter(|k| !k.is_empty())
        .collect();
    Some(format!(
        "unknown key `{key}`{}",
        did_you_mean(key, &candidates)
    ))
}
