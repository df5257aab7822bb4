//! `docs/concur-kit.md`, the map from Concur's HS4 kit to otalint's rules: it names every rule
//! of the kit's groups (`content`, `codes`, `price`) and every rule it names exists, so a
//! supplier who drops the kit is pointed at real rules.

use std::collections::BTreeSet;

use otalint::rules::{Group, RULES};

const DOC: &str = include_str!("../../docs/concur-kit.md");

/// The backticked names in the last column of the doc's tables: the rules it maps to.
fn mapped() -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for line in DOC.lines().filter(|l| l.starts_with('|')) {
        let Some(last) = line.trim_end_matches('|').rsplit('|').next() else {
            continue;
        };
        for (i, part) in last.split('`').enumerate() {
            let kebab =
                !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase() || c == '-');
            if i % 2 == 1 && kebab && part.contains('-') {
                names.insert(part.to_string());
            }
        }
    }
    names
}

#[test]
fn the_kit_map_names_every_rule_of_the_kits_groups() {
    let names = mapped();
    let kit = [Group::Content, Group::Codes, Group::Price];
    for rule in RULES.iter().filter(|r| kit.contains(&r.group)) {
        assert!(
            names.contains(rule.name),
            "docs/concur-kit.md does not map to {}",
            rule.name
        );
    }
}

#[test]
fn the_kit_map_names_only_rules_that_exist() {
    let names = mapped();
    assert!(names.len() > 20, "the tables were read: {names:?}");
    for name in &names {
        let known = RULES.iter().any(|r| r.name == name);
        assert!(known, "docs/concur-kit.md names `{name}`, which is no rule");
    }
}

#[test]
fn the_kit_map_quotes_the_kits_messages() {
    // A few of the kit's messages, exactly as its scripts print them.
    for message in [
        "Duplicate hotels found for hotelIds: ",
        " duplicate rates found.",
        "does not have a hotel name.",
        "contains an invalid escape character",
        "must have extension jpg,jpeg or png.",
        "acceptedPayments is not defined for property ",
        "No accepted credit cards for rateId ",
        "has no mealsIncluded object on any rating",
        "does not have a valid source attribution",
        "Search response has no hotel properties, please modify your search",
        "No Refundable Rates found, please check another hotel",
        "The rate description is not title cased ",
    ] {
        assert!(
            DOC.contains(message.trim()),
            "docs/concur-kit.md lacks {message:?}"
        );
    }
}
