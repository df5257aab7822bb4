//! The rules: one file each, listed once in the sorted registry below.
//!
//! A rule file holds its docs (`//!` comments with the headings *What it does*, *Why it
//! matters*, *Example*, *Fix*), its [`Rule`] metadata and one `check` function. `otalint
//! explain` prints those docs, read from the file itself at compile time.

use std::fmt;
use std::ops::Range;

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Level};
use crate::document::{EncodingProblem, ParseFailure, Shape};
use crate::profile::{Facts, PayloadLocation, Profile};

/// Rule groups, as in the specification.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Group {
    Document,
    Envelope,
    Errors,
    Warnings,
    Payload,
    Message,
    Pairing,
    Infogroup,
    Http,
    Hs4,
    ConcurWs,
}

impl Group {
    pub const ALL: &'static [Group] = &[
        Group::Document,
        Group::Envelope,
        Group::Errors,
        Group::Warnings,
        Group::Payload,
        Group::Message,
        Group::Pairing,
        Group::Infogroup,
        Group::Http,
        Group::Hs4,
        Group::ConcurWs,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Group::Document => "document",
            Group::Envelope => "envelope",
            Group::Errors => "errors",
            Group::Warnings => "warnings",
            Group::Payload => "payload",
            Group::Message => "message",
            Group::Pairing => "pairing",
            Group::Infogroup => "infogroup",
            Group::Http => "http",
            Group::Hs4 => "hs4",
            Group::ConcurWs => "concur-ws",
        }
    }
}

impl fmt::Display for Group {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A rule's identity and logic.
pub struct Rule {
    /// The public, stable name (kebab-case).
    pub name: &'static str,
    pub group: Group,
    /// The level it runs at unless configured; `Off` rules run only when selected.
    pub level: Level,
    pub profiles: &'static [Profile],
    /// One line for `otalint rules` and the README table.
    pub summary: &'static str,
    pub check: fn(&Context, &mut Out),
}

impl Rule {
    /// The level a selected rule runs at: its default, or `warning` for a rule that is off.
    pub fn selected_level(&self) -> Level {
        if self.level == Level::Off {
            Level::Warning
        } else {
            self.level
        }
    }

    /// Rules the document cannot be checked without; they cannot be turned off.
    pub fn is_fundamental(&self) -> bool {
        matches!(self.name, "malformed-xml" | "malformed-json")
    }

    /// The rule's docs, from the `//!` comments of its file.
    pub fn docs(&self) -> String {
        let source = RULES
            .iter()
            .position(|r| r.name == self.name)
            .map_or("", |i| SOURCES[i]);
        let mut out = String::new();
        for line in source.lines() {
            let Some(doc) = line.strip_prefix("//!") else {
                if !out.is_empty() {
                    break;
                }
                continue;
            };
            out.push_str(doc.strip_prefix(' ').unwrap_or(doc));
            out.push('\n');
        }
        out
    }
}

/// Options that change what the rules check.
#[derive(Clone, Debug, Default)]
pub struct LintOptions {
    pub payload_location: PayloadLocation,
}

/// What a rule can see of one file.
pub struct Context<'a, 'i> {
    /// The file's text (invalid UTF-8 bytes read as `?`); spans are byte offsets into it.
    pub text: &'a str,
    pub profile: Profile,
    pub facts: &'a Facts,
    pub options: &'a LintOptions,
    pub encoding: Option<&'a EncodingProblem>,
    pub doctype: Option<&'a Range<usize>>,
    pub parse_error: Option<&'a ParseFailure>,
    /// The parsed message; `None` when the document could not be parsed.
    pub shape: Option<&'a Shape<'a, 'i>>,
    /// The OTA request this response answers, when a request was paired with it.
    pub request: Option<roxmltree::Node<'a, 'i>>,
    /// The HTTP exchange around the body, when it is known; its spans index the file.
    pub http: Option<&'a crate::input::HttpFacts>,
    /// The parsed JSON body (`hs4`).
    pub json: Option<&'a crate::lint::JsonBody>,
    /// Whether there is a body with more than whitespace.
    pub has_body: bool,
}

/// Where a rule reports its findings.
pub struct Out<'d> {
    rule: &'static str,
    level: Level,
    diagnostics: &'d mut Vec<Diagnostic>,
}

impl Out<'_> {
    /// Reports a finding in the body.
    pub fn report(&mut self, span: Range<usize>, message: impl Into<String>) -> &mut Diagnostic {
        self.push(span, message.into(), true)
    }

    /// Reports a finding about the HTTP exchange, at a span of the file (the status line, a
    /// header, a HAR entry), or at its start when the facts came from the command line.
    pub fn report_http(
        &mut self,
        span: Option<Range<usize>>,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.push(span.unwrap_or(0..0), message.into(), false)
    }

    /// The level this rule runs at.
    pub fn level(&self) -> Level {
        self.level
    }

    fn push(&mut self, span: Range<usize>, message: String, in_body: bool) -> &mut Diagnostic {
        let at = self.diagnostics.len();
        self.diagnostics.push(Diagnostic {
            rule: self.rule,
            level: self.level,
            message: crate::diagnostic::capped(message, crate::diagnostic::MAX_MESSAGE),
            help: None,
            span,
            label: None,
            related: Vec::new(),
            in_body,
            element: String::new(),
        });
        &mut self.diagnostics[at]
    }
}

/// The level every rule runs at in one run.
#[derive(Clone, Debug)]
pub struct RuleSet {
    levels: Vec<Level>,
}

/// A name given to `--select` and the like that is neither a rule nor a group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownRule {
    pub name: String,
    pub suggestion: Option<&'static str>,
}

impl fmt::Display for UnknownRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown rule or group `{}`", self.name)?;
        if let Some(s) = self.suggestion {
            write!(f, "; did you mean `{s}`?")?;
        }
        Ok(())
    }
}

impl Default for RuleSet {
    fn default() -> Self {
        RuleSet {
            levels: RULES.iter().map(|r| r.level).collect(),
        }
    }
}

impl RuleSet {
    /// Levels from the command line, ruff-style: `select` replaces the default set (selected
    /// rules that are off by default run at `warning`), `extend_select` adds to it, `ignore`
    /// removes. Names are rule or group names.
    pub fn from_selection(
        select: &[String],
        extend_select: &[String],
        ignore: &[String],
    ) -> Result<Self, UnknownRule> {
        RuleSet::default().select(select, extend_select, ignore)
    }

    /// These levels (one per rule of [`RULES`], e.g. from a configuration) as the defaults.
    pub fn with_levels(levels: Vec<Level>) -> Self {
        assert_eq!(levels.len(), RULES.len(), "one level per rule");
        RuleSet { levels }
    }

    /// The levels, one per rule of [`RULES`].
    pub fn levels(&self) -> &[Level] {
        &self.levels
    }

    /// [`RuleSet::from_selection`] on top of these levels: a selected rule runs at its level
    /// here, or at its selected level when it is off.
    pub fn select(
        mut self,
        select: &[String],
        extend_select: &[String],
        ignore: &[String],
    ) -> Result<Self, UnknownRule> {
        let on = |level: Level, rule: &Rule| {
            if level == Level::Off {
                rule.selected_level()
            } else {
                level
            }
        };
        if !select.is_empty() {
            let chosen = matches(select)?;
            for (i, rule) in RULES.iter().enumerate() {
                self.levels[i] = if chosen[i] || rule.is_fundamental() {
                    on(self.levels[i], rule)
                } else {
                    Level::Off
                };
            }
        }
        let extra = matches(extend_select)?;
        for (i, rule) in RULES.iter().enumerate() {
            if extra[i] {
                self.levels[i] = on(self.levels[i], rule);
            }
        }
        let dropped = matches(ignore)?;
        for (i, rule) in RULES.iter().enumerate() {
            if dropped[i] && !rule.is_fundamental() {
                self.levels[i] = Level::Off;
            }
        }
        Ok(self)
    }

    pub fn level(&self, rule: &Rule) -> Level {
        RULES
            .iter()
            .position(|r| r.name == rule.name)
            .map_or(Level::Off, |i| self.levels[i])
    }

    /// Runs every enabled rule of the context's profile.
    pub fn run(&self, cx: &Context, diagnostics: &mut Vec<Diagnostic>) {
        for (rule, &level) in RULES.iter().zip(&self.levels) {
            if level == Level::Off || !rule.profiles.contains(&cx.profile) {
                continue;
            }
            let mut out = Out {
                rule: rule.name,
                level,
                diagnostics,
            };
            (rule.check)(cx, &mut out);
        }
    }
}

/// Which rules a rule or group name (or `all`) covers; none for an unknown name.
pub fn covered(name: &str) -> Option<Vec<bool>> {
    let chosen: Vec<bool> = RULES
        .iter()
        .map(|r| r.name == name || r.group.as_str() == name || name == "all")
        .collect();
    chosen.contains(&true).then_some(chosen)
}

/// Which rules a list of rule and group names covers.
fn matches(names: &[String]) -> Result<Vec<bool>, UnknownRule> {
    let mut chosen = vec![false; RULES.len()];
    for name in names {
        let name = name.trim();
        let covers = covered(name).ok_or_else(|| UnknownRule {
            name: name.to_string(),
            suggestion: suggest(name),
        })?;
        for (c, hit) in chosen.iter_mut().zip(covers) {
            *c |= hit;
        }
    }
    Ok(chosen)
}

/// The closest rule or group name, if one is close enough to be a likely typo.
pub fn suggest(name: &str) -> Option<&'static str> {
    let candidates = RULES
        .iter()
        .map(|r| r.name)
        .chain(Group::ALL.iter().map(|g| g.as_str()));
    candidates
        .map(|c| (strsim::jaro_winkler(name, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

pub fn find(name: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.name == name)
}

/// Shared imports of the rule files.
mod prelude {
    pub(super) use super::{
        CONCUR_WS, Context, Group, HS2, HS2_HS1, HS4, HTTP, Out, Rule, XML, XX1,
    };
    pub(super) use crate::diagnostic::Level;
    pub(super) use crate::document::{
        attr_value_span, child, children, element_text, local, name_span,
    };
    pub(super) use crate::profile::Profile;
}

mod hs4_json;
mod infogroup_nodes;
mod lacking;
mod payload_site;

/// A value as shown in a message: whitespace runs folded to one space, at most 60 characters.
fn shown(value: &str) -> String {
    let folded = value.split_whitespace().collect::<Vec<_>>().join(" ");
    match folded.char_indices().nth(60) {
        Some((cut, _)) => format!("{}…", &folded[..cut]),
        None => folded,
    }
}

/// A text compared loosely: trimmed, lowercase, without a final period.
fn normalized(text: &str) -> String {
    text.trim().trim_end_matches('.').trim().to_lowercase()
}

/// `` `A` ``, `` `A` or `B` ``, `` `A`, `B` or `C` `` (with `or` or `and`).
fn list_names(names: &[&str], conjunction: &str) -> String {
    let quoted: Vec<_> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, init)) => format!("{} {conjunction} {last}", init.join(", ")),
    }
}

/// `188 (Transaction error)`, or `one of 242 (…), 320 (…)`.
fn list_codes(facts: &crate::profile::Facts, codes: &[&str]) -> String {
    let named: Vec<_> = codes
        .iter()
        .map(|c| match facts.code(c) {
            Some(f) => format!("{c} ({})", f.description),
            None => (*c).to_string(),
        })
        .collect();
    match named.as_slice() {
        [one] => one.clone(),
        many => format!("one of {}", many.join(", ")),
    }
}

const HS2: &[Profile] = &[Profile::Hs2];
const HS2_HS1: &[Profile] = &[Profile::Hs2, Profile::Hs1];
const XML: &[Profile] = &[Profile::Hs2, Profile::Hs1, Profile::Xx1];
const XX1: &[Profile] = &[Profile::Xx1];
const HTTP: &[Profile] = &[Profile::Hs2, Profile::Hs1, Profile::Hs4, Profile::ConcurWs];
const HS4: &[Profile] = &[Profile::Hs4];
const CONCUR_WS: &[Profile] = &[Profile::ConcurWs];

macro_rules! registry {
    ($($module:ident),* $(,)?) => {
        $(mod $module;)*
        /// Every rule, sorted by name.
        pub static RULES: &[&Rule] = &[$(&$module::RULE),*];
        /// Each rule's source file, in the order of `RULES`, for its docs.
        static SOURCES: &[&str] = &[$(include_str!(concat!(stringify!($module), ".rs"))),*];
        /// Each rule's module name, in the order of `RULES`, for the registry tests.
        #[cfg(test)]
        static MODULES: &[&str] = &[$(stringify!($module)),*];
    };
}

registry! {
    application_error_status,
    auth_status,
    authentication_type,
    cdata_or_markup,
    chunked_encoding,
    code_format,
    code_not_for_type,
    content_discarded,
    content_type,
    doctype,
    echo_token,
    empty_errors,
    empty_text,
    empty_underlying_error,
    error_body_shape,
    error_child_order,
    error_code_count,
    error_shape,
    error_status_with_success,
    forinfo_after_error,
    forinfo_missing_text,
    infogroup_position,
    invalid_enum,
    malformed_json,
    malformed_xml,
    missing_code,
    missing_error_text,
    missing_error_type,
    missing_ota_code,
    missing_outcome,
    missing_required_content,
    missing_root_attribute,
    missing_short_text,
    missing_type,
    multiple_errors,
    multiple_infogroups,
    multiple_payloads,
    normalized_code_format,
    not_a_response,
    not_utf8,
    ota_namespace,
    ota_payload_missing,
    payload_format,
    payload_misplaced,
    payload_missing,
    payload_not_in_request,
    response_mismatch,
    response_too_large,
    short_text_length,
    short_text_mismatch,
    slow_response,
    soap_body_missing,
    soap_envelope_missing,
    soap_fault,
    soap_version,
    success_with_errors,
    unexpected_infogroup_node,
    unexpected_status,
    unknown_cause,
    unsupported_ota_code,
    unsupported_type,
    version_format,
    warnings_ignored,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_is_sorted_and_named_after_files() {
        let names: Vec<_> = RULES.iter().map(|r| r.name).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_eq!(names, sorted, "keep the registry sorted by name");
        for (rule, module) in RULES.iter().zip(MODULES) {
            assert_eq!(
                rule.name,
                module.replace('_', "-"),
                "file name of {}",
                rule.name
            );
        }
    }

    #[test]
    fn every_rule_has_complete_docs() {
        for rule in RULES {
            let docs = rule.docs();
            for heading in [
                "## What it does",
                "## Why it matters",
                "## Example",
                "## Fix",
            ] {
                assert!(docs.contains(heading), "{} lacks `{heading}`", rule.name);
            }
            assert!(
                !rule.summary.ends_with('.'),
                "{}: summary ends with a period",
                rule.name
            );
            assert!(!rule.profiles.is_empty(), "{}", rule.name);
        }
    }

    #[test]
    fn selection_by_rule_and_group() {
        let set = RuleSet::from_selection(&["payload".into()], &[], &["payload-missing".into()])
            .expect("valid names");
        let on: Vec<_> = RULES
            .iter()
            .filter(|r| set.level(r) != Level::Off)
            .map(|r| r.name)
            .collect();
        assert_eq!(
            on,
            [
                "malformed-json",
                "malformed-xml",
                "payload-format",
                "payload-misplaced",
                "short-text-mismatch",
                "unknown-cause"
            ]
        );
        let e = RuleSet::from_selection(&["payload-mising".into()], &[], &[]).expect_err("typo");
        assert_eq!(e.suggestion, Some("payload-missing"));
        assert!(RuleSet::from_selection(&[], &[], &["malformed-xml".into()]).is_ok());
    }
}
