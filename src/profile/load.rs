//! Loading the facts of every profile: the embedded `rules/<profile>.toml`, and the user's
//! rules files layered on top. Each user file is checked on its own first, so that its
//! mistakes point at its own lines; the files are then merged as TOML tables and read once.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use super::{Facts, Profile};
use crate::error::DataError;

/// A user's rules file, read by the caller.
pub struct UserRules {
    pub path: String,
    pub text: String,
}

/// The facts of every profile, built from the embedded data and the user's rules files. A
/// profile no user file extends is read from its embedded data when a file first needs it, so
/// a run over HS2 files never reads the HS4 contract; clones share what has been read.
#[derive(Debug, Clone)]
pub struct ProfileSet {
    inner: Arc<Slots>,
}

#[derive(Debug)]
struct Slots {
    /// One slot per profile, in [`Profile::ALL`] order.
    facts: Vec<OnceLock<Facts>>,
    /// Top-level JSON members that mark a supplier message: HS4's, and the members of a
    /// Concur web-service error body.
    json_members: OnceLock<Vec<String>>,
}

/// Entries a user's file replaces whole rather than key by key (`*` is any one key): a user's
/// `[codes.322]` is the whole code, as `rules/README.md` says. Every other table merges key
/// by key, and every other value (arrays too) is replaced.
const REPLACED_WHOLE: &[&[&str]] = &[
    &["types", "*"],
    &["codes", "*"],
    &["messages", "*"],
    &["infogroup", "elements", "*"],
    &["infogroup", "known_codes"],
    &["probe", "expect", "*"],
    &["contract", "definitions", "*"],
    &["contract", "operations", "*"],
    &["contract", "confirmation_codes", "*"],
];

impl ProfileSet {
    /// The embedded data with each user file layered on top of the profile it names. The
    /// profiles user files extend are read now, so that their mistakes stop the run before
    /// any file is checked.
    pub fn load(user: &[UserRules]) -> Result<Self, DataError> {
        let mut layers: BTreeMap<Profile, Vec<&UserRules>> = BTreeMap::new();
        for file in user {
            let profile = profile_of(file)?;
            layers.entry(profile).or_default().push(file);
        }
        let facts: Vec<OnceLock<Facts>> = Profile::ALL.iter().map(|_| OnceLock::new()).collect();
        for (profile, files) in layers {
            let layered = layered_profile(profile, &files)?;
            let _ = facts[slot(profile)].set(layered);
        }
        Ok(ProfileSet {
            inner: Arc::new(Slots {
                facts,
                json_members: OnceLock::new(),
            }),
        })
    }

    /// Top-level JSON members that mark a supplier message (HS4, Concur web-service errors).
    pub fn json_members(&self) -> &[String] {
        self.inner.json_members.get_or_init(|| {
            let mut members = self.facts(Profile::Hs4).json.message_members.clone();
            members.extend(
                self.facts(Profile::ConcurWs)
                    .error_body
                    .requires
                    .iter()
                    .filter_map(|p| {
                        p.parents
                            .first()
                            .map(|s| s.name.clone())
                            .or_else(|| match &p.target {
                                crate::selector::Target::Element(step) => Some(step.name.clone()),
                                crate::selector::Target::Attribute(_) => None,
                            })
                    }),
            );
            members
        })
    }

    pub fn facts(&self, profile: Profile) -> &Facts {
        self.inner.facts[slot(profile)].get_or_init(|| {
            // The embedded data, as JSON, is read and checked by the tests
            // (`embedded_data_reads`): it cannot fail at run time.
            serde_json::from_str(profile.embedded_json()).expect("the embedded rules data reads")
        })
    }
}

fn slot(profile: Profile) -> usize {
    Profile::ALL
        .iter()
        .position(|&p| p == profile)
        .expect("every profile is in Profile::ALL")
}

/// A profile's embedded data with the user's files for it layered on top, each checked on
/// its own first.
fn layered_profile(profile: Profile, files: &[&UserRules]) -> Result<Facts, DataError> {
    let path = format!("rules/{profile}.toml");
    let text = profile.embedded_data();
    let own = read(&path, text)?;
    let mut types: BTreeSet<&str> = own.types.keys().map(String::as_str).collect();
    let alone: Vec<Facts> = files
        .iter()
        .map(|f| read(&f.path, &f.text))
        .collect::<Result<_, _>>()?;
    types.extend(
        alone
            .iter()
            .flat_map(|f| f.types.keys().map(String::as_str)),
    );
    check_types(&own, &types, &path, text)?;
    for (file, facts) in files.iter().zip(&alone) {
        check_types(facts, &types, &file.path, &file.text)?;
    }
    layered(text, files)
}

/// The profile a user's file names, which it must.
fn profile_of(file: &UserRules) -> Result<Profile, DataError> {
    let facts = read(&file.path, &file.text)?;
    let err = |message: String, span| DataError::new(&file.path, &file.text, message, span);
    let Some(name) = facts.profile else {
        return Err(err(
            format!(
                "a rules file must name the profile it extends, e.g. `profile = \"hs2\"` (one of {})",
                profile_names()
            ),
            Some(0..0),
        ));
    };
    Profile::ALL
        .iter()
        .copied()
        .find(|p| p.as_str() == name)
        .ok_or_else(|| {
            err(
                format!(
                    "unknown profile `{name}`; expected one of {}",
                    profile_names()
                ),
                span_at(&file.text, &["profile"]),
            )
        })
}

fn profile_names() -> String {
    Profile::ALL
        .iter()
        .map(|p| format!("`{p}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One file on its own: every key known, every value of its type and form.
fn read(path: &str, text: &str) -> Result<Facts, DataError> {
    toml::from_str(text)
        .map_err(|e| DataError::new(path, text, e.message().trim_end().to_string(), e.span()))
}

/// Checks that the types a file's codes and default type name are types of the profile.
fn check_types(
    facts: &Facts,
    types: &BTreeSet<&str>,
    path: &str,
    text: &str,
) -> Result<(), DataError> {
    for (code, c) in &facts.codes {
        if let Some(ty) = c.error_type.as_deref().filter(|t| !types.contains(t)) {
            let known: Vec<_> = types.iter().copied().collect();
            return Err(DataError::new(
                path,
                text,
                format!(
                    "code {code} names type `{ty}`, which is not one of the profile's types ({})",
                    known.join(", ")
                ),
                span_at(text, &["codes", code, "type"]),
            ));
        }
    }
    if let Some(ty) = facts
        .errors
        .default_type
        .as_deref()
        .filter(|t| !types.contains(t))
    {
        return Err(DataError::new(
            path,
            text,
            format!("default type `{ty}` is not one of the profile's types"),
            span_at(text, &["errors", "default_type"]),
        ));
    }
    Ok(())
}

/// The embedded text with the user's files merged on top, read once.
fn layered(embedded: &str, files: &[&UserRules]) -> Result<Facts, DataError> {
    let table = |path: &str, text: &str| {
        toml::from_str::<toml::Table>(text)
            .map_err(|e| DataError::new(path, text, e.message().to_string(), e.span()))
    };
    let mut merged = table("", embedded)?;
    for file in files {
        let mut layer = table(&file.path, &file.text)?;
        // A listing of known codes names the file it came from unless it says.
        if let Some(toml::Value::Table(known)) = layer
            .get_mut("infogroup")
            .and_then(|g| g.get_mut("known_codes"))
        {
            known
                .entry("source")
                .or_insert_with(|| toml::Value::String(file.path.clone()));
        }
        merge(&mut merged, layer, &mut Vec::new());
    }
    let last = files
        .last()
        .map_or(("", ""), |f| (f.path.as_str(), f.text.as_str()));
    toml::Value::Table(merged)
        .try_into()
        .map_err(|e: toml::de::Error| DataError::new(last.0, last.1, e.message().to_string(), None))
}

/// Layers `top` on `base`: tables key by key, except the entries of [`REPLACED_WHOLE`].
fn merge(base: &mut toml::Table, top: toml::Table, at: &mut Vec<String>) {
    for (key, value) in top {
        at.push(key.clone());
        let whole = REPLACED_WHOLE.iter().any(|pattern| {
            pattern.len() == at.len()
                && pattern
                    .iter()
                    .zip(at.iter())
                    .all(|(p, k)| *p == "*" || p == k)
        });
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(inner)), toml::Value::Table(value)) if !whole => {
                merge(inner, value, at);
            }
            (_, value) => {
                base.insert(key, value);
            }
        }
        at.pop();
    }
}

/// The span of the value at a key path of a TOML text, for an error found after reading it.
fn span_at(text: &str, keys: &[&str]) -> Option<Range<usize>> {
    let root = toml::de::DeTable::parse(text).ok()?;
    let mut table = root.get_ref();
    let mut span = None;
    for (i, key) in keys.iter().enumerate() {
        let (_, value) = table.iter().find(|(k, _)| k.get_ref().as_ref() == *key)?;
        span = Some(value.span());
        match value.get_ref() {
            toml::de::DeValue::Table(inner) => table = inner,
            _ if i + 1 < keys.len() => return None,
            _ => {}
        }
    }
    span
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_data_reads() {
        // `ProfileSet::facts` reads a profile's embedded data, as JSON, when first asked: every
        // profile must read, name only its own types, and read as its TOML does.
        for &profile in Profile::ALL {
            let path = format!("rules/{profile}.toml");
            let text = profile.embedded_data();
            let own = read(&path, text).unwrap_or_else(|e| panic!("{path}: {}", e.message));
            let types = own.types.keys().map(String::as_str).collect();
            check_types(&own, &types, &path, text)
                .unwrap_or_else(|e| panic!("{path}: {}", e.message));
            let json: Facts = serde_json::from_str(profile.embedded_json()).expect("json");
            assert_eq!(format!("{json:?}"), format!("{own:?}"), "{path}");
        }
        assert!(
            !ProfileSet::load(&[])
                .expect("embedded")
                .json_members()
                .is_empty()
        );
    }

    #[test]
    fn user_file_errors_point_into_it() {
        let user = UserRules {
            path: "mine.toml".into(),
            text: "profile = \"hs2\"\n[codes.999]\ntype = \"7\"\ndescription = \"x\"\n".into(),
        };
        let e = ProfileSet::load(&[user]).expect_err("type 7 is unknown");
        assert_eq!(e.path, "mine.toml");
        let span = e.span.expect("span");
        assert_eq!(&e.text[span], "\"7\"");
    }

    #[test]
    fn bad_values_point_at_themselves() {
        let user = UserRules {
            path: "mine.toml".into(),
            text: "profile = \"hs2\"\n[messages.OTA_X]\nrequires = [{ path = \"A//B\" }]\n".into(),
        };
        let e = ProfileSet::load(&[user]).expect_err("bad path");
        assert!(e.message.contains("invalid path"), "{}", e.message);
        assert_eq!(&e.text[e.span.expect("span")], "\"A//B\"");
        let user = UserRules {
            path: "mine.toml".into(),
            text: "profile = \"hs9\"\n".into(),
        };
        let e = ProfileSet::load(&[user]).expect_err("no such profile");
        assert_eq!(&e.text[e.span.expect("span")], "\"hs9\"");
    }

    #[test]
    fn user_file_adds_codes_and_replaces_entries_whole() {
        let user = UserRules {
            path: "mine.toml".into(),
            text: "profile = \"hs2\"\n[codes.999]\ntype = \"13\"\ndescription = \"Mine\"\npayload = \"hotel-codes\"\n[codes.322]\ndescription = \"Other\"\n[errors]\nshort_text_max = 32\n".into(),
        };
        let set = ProfileSet::load(&[user]).expect("valid");
        let hs2 = set.facts(Profile::Hs2);
        assert!(hs2.code("999").is_some());
        assert!(hs2.code("188").is_some(), "built-in codes are kept");
        let replaced = hs2.code("322").expect("322");
        assert!(
            replaced.payload.is_none() && replaced.error_type.is_none(),
            "whole entry"
        );
        assert_eq!(hs2.errors.short_text_max, 32);
        assert_eq!(
            hs2.errors.default_type.as_deref(),
            Some("1"),
            "the rest of [errors] kept"
        );
    }

    #[test]
    fn known_codes_name_their_file() {
        let user = UserRules {
            path: "codes.toml".into(),
            text: "profile = \"xx1\"\n[infogroup.known_codes]\ncodes = { XX01004 = \"x\" }\n"
                .into(),
        };
        let set = ProfileSet::load(&[user]).expect("valid");
        let known = set
            .facts(Profile::Xx1)
            .infogroup
            .known_codes
            .as_ref()
            .expect("codes");
        assert_eq!(known.source, "codes.toml");
    }
}
