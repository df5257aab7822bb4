//! `otalint explain RULE`: a rule's docs, from its file.

use std::io::{self, Write};

use crate::app::OK;
use crate::cli::ExplainArgs;
use crate::error::Error;
use crate::rule::{Group, Rule};
use crate::rules;

pub fn run(args: &ExplainArgs) -> Result<u8, Error> {
    if let Some(group) = Group::ALL.iter().find(|g| g.as_str() == args.rule) {
        return explain_group(*group);
    }
    let Some(rule) = rules::find(&args.rule) else {
        let hint = match rules::suggest(&args.rule) {
            Some(s) => format!("did you mean `{s}`?"),
            None => "`otalint rules` lists them all".to_string(),
        };
        return Err(Error::Usage(format!(
            "unknown rule `{}`; {hint}",
            args.rule
        )));
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    let profiles: Vec<_> = rule.profiles.iter().map(|p| p.as_str()).collect();
    writeln!(out, "# {}\n", rule.name)?;
    writeln!(
        out,
        "{}. Group: {} · default level: {} · profiles: {}\n",
        capitalize(rule.summary),
        rule.group,
        rule.level,
        profiles.join(", ")
    )?;
    out.write_all(rule.docs().as_bytes())?;
    write_data(&mut out, rule)?;
    out.flush()?;
    Ok(OK)
}

/// `otalint explain GROUP`: the group's rules, one line each.
fn explain_group(group: Group) -> Result<u8, Error> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    let members: Vec<&Rule> = rules::RULES
        .iter()
        .copied()
        .filter(|r| r.group == group)
        .collect();
    writeln!(out, "# {group}\n")?;
    writeln!(
        out,
        "The {} rules of the group `{group}` (`otalint explain RULE` explains one):\n",
        members.len()
    )?;
    let width = members.iter().map(|r| r.name.len()).max().unwrap_or(0);
    for r in members {
        let level = r.level.as_str();
        writeln!(
            out,
            "- `{}`{:pad$}  {level:7}  {}",
            r.name,
            "",
            r.summary,
            pad = width - r.name.len()
        )?;
    }
    out.flush()?;
    Ok(OK)
}

/// The live values of the data a rule reads, for each profile it runs on: summaries and docs
/// name the keys, never copies of the values.
fn write_data(out: &mut impl Write, rule: &Rule) -> io::Result<()> {
    let mut rows = Vec::new();
    for &profile in rule.profiles {
        let Ok(table) = toml::from_str::<toml::Table>(profile.embedded_data()) else {
            continue;
        };
        for key in rule.data {
            for (path, value) in values_at(&table, key) {
                rows.push(format!("- {profile}: `{path} = {}`", inline(&value)));
            }
        }
    }
    if rows.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "\n## Data\nThe values this rule reads, from the built-in `rules/<profile>.toml` \
         (`--rules FILE` layers your own on top):\n"
    )?;
    for row in rows {
        writeln!(out, "{row}")?;
    }
    Ok(())
}

/// The values at a dotted key path of a table, `*` standing for any one key, with their
/// paths.
pub fn values_at(table: &toml::Table, key: &str) -> Vec<(String, toml::Value)> {
    let mut found = vec![(String::new(), toml::Value::Table(table.clone()))];
    for step in key.split('.') {
        let mut next = Vec::new();
        for (path, value) in found {
            let toml::Value::Table(t) = value else {
                continue;
            };
            let join = |k: &str| {
                if path.is_empty() {
                    k.to_string()
                } else {
                    format!("{path}.{k}")
                }
            };
            if step == "*" {
                next.extend(t.into_iter().map(|(k, v)| (join(&k), v)));
            } else if let Some(v) = t.get(step) {
                next.push((join(step), v.clone()));
            }
        }
        found = next;
    }
    found
}

/// A value as TOML on one line.
fn inline(value: &toml::Value) -> String {
    match value {
        toml::Value::Table(t) => {
            let items: Vec<String> = t
                .iter()
                .map(|(k, v)| format!("{k} = {}", inline(v)))
                .collect();
            format!("{{ {} }}", items.join(", "))
        }
        toml::Value::Array(a) => {
            let items: Vec<String> = a.iter().map(inline).collect();
            format!("[{}]", items.join(", "))
        }
        other => other.to_string(),
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::values_at;
    use crate::rules::RULES;

    /// A key a rule names must be in its profiles' data: a renamed key fails here.
    #[test]
    fn every_data_key_a_rule_names_exists() {
        for rule in RULES {
            for key in rule.data {
                let found = rule.profiles.iter().any(|p| {
                    toml::from_str::<toml::Table>(p.embedded_data())
                        .is_ok_and(|t| !values_at(&t, key).is_empty())
                });
                assert!(
                    found,
                    "{}: `{key}` is in none of its profiles' data",
                    rule.name
                );
            }
        }
    }
}
