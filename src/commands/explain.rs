//! `otalint explain RULE`: a rule's docs, from its file.

use std::io::{self, Write};

use crate::app::OK;
use crate::cli::ExplainArgs;
use crate::commands::sources::cited_by;
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
    write_rule(&mut out, rule)?;
    out.flush()?;
    Ok(OK)
}

/// A rule's page: summary line, docs, the data it reads and the documents it cites.
fn write_rule(out: &mut impl Write, rule: &Rule) -> io::Result<()> {
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
    let docs = rule.docs();
    out.write_all(docs.as_bytes())?;
    write_data(out, rule)?;
    let sources = cited_by(&docs);
    if !sources.is_empty() {
        writeln!(out, "\n## Sources")?;
        for s in sources {
            writeln!(out, "- {}: <{}>", s.title, s.url)?;
        }
    }
    Ok(())
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
    use super::{cited_by, values_at, write_rule};
    use crate::commands::sources::SOURCES;
    use crate::rules::RULES;

    fn page(rule: &crate::rule::Rule) -> String {
        let mut out = Vec::new();
        write_rule(&mut out, rule).expect("written to memory");
        String::from_utf8(out).expect("UTF-8")
    }

    /// Sources are cited by title and address, never by the file names of otalint's own
    /// research notes ("seed 001", "seeds 001-003").
    #[test]
    fn no_rule_cites_a_seed() {
        for rule in RULES {
            let page = page(rule).to_lowercase();
            assert!(
                !page.contains("seed"),
                "{}: cites a seed:\n{page}",
                rule.name
            );
        }
    }

    /// A rule that names a document lists it with its public address.
    #[test]
    fn a_cited_document_is_listed_with_its_address() {
        let rule = crate::rules::find("multiple-errors").expect("a rule");
        let page = page(rule);
        let sources = page.split("## Sources").nth(1).expect("a Sources section");
        assert!(sources.contains(
            "Hotel v2 - Error Handling: <https://developer.concur.com/api-reference/\
             direct-connects/hotel-service-2/Error-handling.html>"
        ));
        let xx1 = page_of("missing-error-text");
        assert!(xx1.contains(
            "<https://xx1.pass-consulting.com/documentation/xx1-travel-sdk/error-handling/>"
        ));
        // Every document of the list is cited by some rule: none is listed for nothing.
        for source in SOURCES {
            assert!(
                RULES
                    .iter()
                    .any(|r| cited_by(&r.docs()).iter().any(|s| s.url == source.url)),
                "{} is cited by no rule",
                source.title
            );
        }
    }

    fn page_of(name: &str) -> String {
        page(crate::rules::find(name).expect("a rule"))
    }

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
