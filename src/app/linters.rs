//! The linters of a run: one per set of configuration overrides that files match, made when
//! first needed; the rule selection is checked once, before any file.

use std::collections::HashMap;

use crate::cli::CheckArgs;
use crate::config::{Config, MatchedOverrides};
use crate::error::Error;
use crate::input::{Header, HttpFacts, Limits};
use crate::lint::Linter;
use crate::profile::{ProfileSet, UserRules};
use crate::rule::LintOptions;
use crate::rules::{RuleSet, Selection};

/// The linters of a run: one per set of overrides that files match, made when first needed.
pub(crate) struct Linters<'c> {
    pub variants: Vec<Linter>,
    selection: Selection,
    config: &'c Config,
    profiles: ProfileSet,
    http: Option<HttpFacts>,
    index: HashMap<MatchedOverrides, usize>,
}

impl<'c> Linters<'c> {
    pub fn new(args: &CheckArgs, config: &'c Config) -> Result<Self, Error> {
        let mut user = Vec::new();
        for path in config.rules_files.iter().chain(&args.rules_files) {
            let text = std::fs::read_to_string(path).map_err(|e| {
                Error::Usage(format!("cannot read rules file {}: {e}", path.display()))
            })?;
            user.push(UserRules {
                path: path.display().to_string(),
                text,
            });
        }
        let profiles = ProfileSet::load(&user).map_err(Error::RulesFile)?;
        let selection = Selection::parse(
            &args.rules.select,
            &args.rules.extend_select,
            &args.rules.ignore,
        )
        .map_err(|e| Error::Usage(e.to_string()))?;
        Ok(Linters {
            variants: Vec::new(),
            selection,
            config,
            profiles,
            http: http_facts(args)?,
            index: HashMap::new(),
        })
    }

    /// The facts of every profile, as the run's rules files make them.
    pub fn profiles(&self) -> &ProfileSet {
        &self.profiles
    }

    /// The index of the linter for files the configuration describes as `at`.
    pub fn for_path(&mut self, args: &CheckArgs, at: MatchedOverrides) -> usize {
        if let Some(&i) = self.index.get(&at) {
            return i;
        }
        let rules = RuleSet::with_levels(self.config.levels(&at)).select(&self.selection);
        let (forced, forced_reason) = match (args.profile, self.config.profile(&at)) {
            (Some(p), _) => (Some(p), "forced with --profile".to_string()),
            (None, Some((p, reason))) => (Some(p), reason),
            (None, None) => (None, String::new()),
        };
        let payload_location = args
            .payload_location
            .or(self.config.payload_location(&at))
            .unwrap_or_default();
        self.variants.push(Linter {
            profiles: self.profiles.clone(),
            rules,
            options: LintOptions {
                payload_location,
                operation: args
                    .operation
                    .clone()
                    .or_else(|| self.config.operation(&at)),
                now: args.now,
                ..LintOptions::default()
            },
            forced,
            forced_reason,
            input_kind: args.input_kind,
            http: self.http.clone(),
            limits: Limits {
                max_file_bytes: args.max_file_size,
                max_decoded_bytes: args.max_decoded_size,
            },
        });
        self.index.insert(at, self.variants.len() - 1);
        self.variants.len() - 1
    }
}

/// HTTP facts given with `--status`, `--header` and `--elapsed`, for bare bodies.
fn http_facts(args: &CheckArgs) -> Result<Option<HttpFacts>, Error> {
    if args.status.is_none() && args.headers.is_empty() && args.elapsed.is_none() {
        return Ok(None);
    }
    let mut headers = Vec::new();
    for h in &args.headers {
        let (name, value) = h
            .split_once(':')
            .filter(|(n, _)| !n.trim().is_empty())
            .ok_or_else(|| Error::Usage(format!("--header `{h}` is not `Name: value`")))?;
        headers.push(Header {
            name: name.trim().to_string(),
            value: value.trim().to_string(),
            span: None,
        });
    }
    Ok(Some(HttpFacts {
        status: args.status,
        headers_known: !headers.is_empty(),
        headers,
        elapsed: args.elapsed,
        ..HttpFacts::default()
    }))
}
