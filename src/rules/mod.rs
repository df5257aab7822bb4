//! The rules: one file each, listed once in the sorted registry below. What a rule file
//! uses is in [`crate::rule`]; helpers shared by several rules are in [`support`].
//!
//! A rule file holds its docs (`//!` comments with the headings *What it does*, *Why it
//! matters*, *Example*, *Fix*), its [`Rule`] metadata and one `check` function. `otalint
//! explain` prints those docs, read from the file itself at compile time.

use crate::profile::Profile;
pub use crate::rule::{Context, Findings, Group, LintOptions, PayloadLocation, Rule};
pub use select::{RuleSet, Selection, UnknownRule, covered, find, suggest};

mod select;
pub(crate) mod support;

/// Shared imports of the rule files.
mod prelude {
    pub(super) use super::{
        CONCUR_WS, HS2, HS2_HS1, HS2_HS1_HS4, HS2_HS4, HS4, HTTP, PROBED, XML, XX1,
    };
    pub(super) use crate::diagnostic::Level;
    pub(super) use crate::document::{child, children, element_text, local};
    pub(super) use crate::profile::Profile;
    pub(super) use crate::rule::{Context, Findings, Group, Rule};
}

const HS2: &[Profile] = &[Profile::Hs2];
const HS2_HS1: &[Profile] = &[Profile::Hs2, Profile::Hs1];
const HS2_HS4: &[Profile] = &[Profile::Hs2, Profile::Hs4];
const HS2_HS1_HS4: &[Profile] = &[Profile::Hs2, Profile::Hs1, Profile::Hs4];
const XML: &[Profile] = &[Profile::Hs2, Profile::Hs1, Profile::Xx1];
const XX1: &[Profile] = &[Profile::Xx1];
const HTTP: &[Profile] = &[Profile::Hs2, Profile::Hs1, Profile::Hs4, Profile::ConcurWs];
const HS4: &[Profile] = &[Profile::Hs4];
const CONCUR_WS: &[Profile] = &[Profile::ConcurWs];
/// The services `otalint probe` plays Concur against.
const PROBED: &[Profile] = &[Profile::Hs2, Profile::Hs4];

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
    accepted_payments,
    application_error_status,
    auth_status,
    authentication_type,
    cancel_deadline,
    cancelled_booking_answer,
    card_data_in_response,
    cdata_or_markup,
    chain_code,
    chunked_encoding,
    city_code,
    code_format,
    code_not_for_type,
    content_discarded,
    content_type,
    credentials_in_response,
    credentials_not_rejected,
    doctype,
    duplicate_hotel,
    duplicate_rate,
    echo_token,
    empty_errors,
    empty_text,
    empty_underlying_error,
    endpoint_tls,
    error_body_shape,
    error_child_order,
    error_code_count,
    error_shape,
    error_status_with_success,
    flow_step_failed,
    forinfo_after_error,
    forinfo_missing_text,
    guest_mismatch,
    hotel_name,
    hotel_not_requested,
    image_unreachable,
    image_url,
    infogroup_position,
    invalid_date_answer,
    invalid_enum,
    json_type,
    malformed_json,
    malformed_xml,
    missing_code,
    missing_confirmation_code,
    missing_display_content,
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
    no_hotels_answer,
    no_response,
    no_results,
    normalized_code_format,
    not_a_response,
    not_utf8,
    ota_namespace,
    ota_payload_missing,
    outside_radius,
    payload_format,
    payload_misplaced,
    payload_missing,
    payload_not_in_request,
    penalty_amount,
    price_mismatch,
    rate_description,
    rate_sum,
    reservation_id_mismatch,
    response_mismatch,
    response_too_large,
    short_text_length,
    short_text_mismatch,
    slow_response,
    soap_body_missing,
    soap_envelope_missing,
    soap_fault,
    soap_version,
    stay_mismatch,
    success_with_errors,
    tax_sum,
    unexpected_infogroup_node,
    unexpected_status,
    unknown_booking_answer,
    unknown_cause,
    unknown_field,
    unknown_hotel_answer,
    unknown_ota_code,
    unknown_rate_answer,
    unsupported_ota_code,
    unsupported_type,
    value_format,
    version_format,
    warnings_ignored,
}

/// The source file of a rule, for its docs; empty for an unknown name.
pub(crate) fn source_of(name: &str) -> &'static str {
    RULES
        .iter()
        .position(|r| r.name == name)
        .map_or("", |i| SOURCES[i])
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

    /// A rule file without a registry line is never compiled: neither rustc nor clippy would
    /// see it, so this test does.
    #[test]
    fn every_file_in_rules_is_registered_or_support() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/rules");
        let mut stray = Vec::new();
        for entry in std::fs::read_dir(dir).expect("src/rules") {
            let path = entry.expect("entry").path();
            let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
                continue;
            };
            let is_rs = path.extension().is_some_and(|e| e == "rs");
            if path.is_dir() {
                if stem != "support" {
                    stray.push(format!("{stem}/ (only support/ may hold helpers)"));
                }
            } else if is_rs && !["mod", "select"].contains(&stem) && !MODULES.contains(&stem) {
                stray.push(format!("{stem}.rs"));
            }
        }
        assert!(
            stray.is_empty(),
            "not in registry! (src/rules/mod.rs) and not under support/: {stray:?}"
        );
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
}
