//! `docs/concur-kit.md`, the map from Concur's HS4 kit to otalint's rules: it names every
//! `content` rule, and every rule it names exists (or is one of issue 25's rules another
//! branch builds), so a supplier who drops the kit is pointed at real rules.

use std::collections::BTreeSet;

use otalint::rules::{Group, RULES};

const DOC: &str = include_str!("../../docs/concur-kit.md");

/// Issue 25's rules built on other branches; once they are registered they pass as rules.
const ELSEWHERE: &[&str] = &[
    "rate-sum",
    "tax-sum",
    "penalty-amount",
    "cancel-deadline",
    "unknown-ota-code",
    "chain-code",
    "city-code",
    "outside-radius",
    "price-mismatch",
    "reservation-id-mismatch",
    "guest-mismatch",
];

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
fn the_kit_map_names_every_content_rule() {
    let names = mapped();
    for rule in RULES.iter().filter(|r| r.group == Group::Content) {
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
        let known = RULES.iter().any(|r| r.name == name) || ELSEWHERE.contains(&name.as_str());
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
