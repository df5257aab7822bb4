//! Which rules run, at which level: the defaults, a configuration's levels and the command
//! line's `--select`, `--extend-select` and `--ignore`, by rule or group name.

use std::fmt;

use super::{Group, RULES, Rule};
use crate::diagnostic::{Diagnostic, Level};
use crate::rule::{Context, Findings};

/// The level every rule runs at in one run.
#[derive(Clone, Debug)]
pub struct RuleSet {
    levels: Vec<Level>,
}

/// `--select`, `--extend-select` and `--ignore`, checked once: which rules each covers.
#[derive(Clone, Debug)]
pub struct Selection {
    /// `None` when nothing is selected: the levels stay as they are.
    select: Option<Vec<bool>>,
    extend: Vec<bool>,
    ignore: Vec<bool>,
}

impl Selection {
    pub fn parse(
        select: &[String],
        extend_select: &[String],
        ignore: &[String],
    ) -> Result<Self, UnknownRule> {
        Ok(Selection {
            select: (!select.is_empty()).then(|| matches(select)).transpose()?,
            extend: matches(extend_select)?,
            ignore: matches(ignore)?,
        })
    }
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
        Ok(RuleSet::default().select(&Selection::parse(select, extend_select, ignore)?))
    }

    /// These levels (one per rule of [`RULES`], e.g. from a configuration) as the defaults.
    pub fn with_levels(levels: Vec<Level>) -> Self {
        assert_eq!(levels.len(), RULES.len(), "one level per rule");
        RuleSet { levels }
    }

    /// A selection on top of these levels: a selected rule runs at its level here, or at its
    /// selected level when it is off.
    pub fn select(mut self, selection: &Selection) -> Self {
        let on = |level: Level, rule: &Rule| {
            if level == Level::Off {
                rule.selected_level()
            } else {
                level
            }
        };
        for (i, rule) in RULES.iter().enumerate() {
            let mut level = self.levels[i];
            if let Some(chosen) = &selection.select {
                level = if chosen[i] || rule.is_fundamental() {
                    on(level, rule)
                } else {
                    Level::Off
                };
            }
            if selection.extend[i] {
                level = on(level, rule);
            }
            if selection.ignore[i] && !rule.is_fundamental() {
                level = Level::Off;
            }
            self.levels[i] = level;
        }
        self
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
            let mut out = Findings::new(rule.name, level, diagnostics);
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
    crate::suggest::closest(name, candidates)
}

pub fn find(name: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

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
