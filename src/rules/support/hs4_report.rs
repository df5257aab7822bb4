//! How the HS4 contract rules report the departures [`super::hs4_contract`] finds: one helper
//! per kind, so each rule file holds its docs, its metadata and one line of logic.

use super::hs4_contract::{Issue, issues, place, shown};
use crate::diagnostic::Level;
use crate::rule::{Context, Findings};

pub(crate) fn missing(cx: &Context, out: &mut Findings) {
    for issue in issues(cx).unwrap_or_default() {
        let Issue::Missing {
            at,
            field,
            definition,
            sentence,
        } = issue
        else {
            continue;
        };
        let (span, _) = place(cx, at);
        let opening = span.start..(span.start + 1).min(span.end.max(span.start + 1));
        let help = match sentence {
            Some(s) => format!("add `{field}`: \"{s}\""),
            None => format!(
                "add `{field}`: the {definition} object requires it (HS4 OpenAPI); a response without it fails Concur's schema"
            ),
        };
        out.report(
            opening,
            format!("{} has no `{field}`; {definition} requires it", shown(at)),
        )
        .label(format!("no `{field}`"))
        .help(help);
    }
}

pub(crate) fn json_type(cx: &Context, out: &mut Findings) {
    for issue in issues(cx).unwrap_or_default() {
        let Issue::Type {
            at,
            expected,
            found,
        } = issue
        else {
            continue;
        };
        let (span, _) = place(cx, at);
        out.report(
            span,
            format!(
                "{} is {} {found}; the contract declares {} {expected}",
                shown(at),
                article(found),
                article(expected)
            ),
        )
        .label(format!("should be {} {expected}", article(expected)))
        .help(format!(
            "send {} {expected} here: Concur's JSON schema rejects the whole response otherwise",
            article(expected)
        ));
    }
}

pub(crate) fn value_format(cx: &Context, out: &mut Findings) {
    for issue in issues(cx).unwrap_or_default() {
        let Issue::Format { at, problem } = issue else {
            continue;
        };
        let (span, _) = place(cx, at);
        let value = cx
            .text
            .get(span.clone())
            .unwrap_or("")
            .chars()
            .take(60)
            .collect::<String>();
        out.report(span, format!("{} {value}: {problem}", shown(at)))
            .label(problem.clone())
            .help("send the value in the format the contract declares for it (HS4 OpenAPI): dates as YYYY-MM-DD, times as RFC 3339, amounts to the cent");
    }
}

pub(crate) fn invalid_enum(cx: &Context, out: &mut Findings) {
    for issue in issues(cx).unwrap_or_default() {
        let Issue::Enum { at, value, allowed } = issue else {
            continue;
        };
        let (span, _) = place(cx, at);
        let near = crate::suggest::closest(value, allowed.iter().map(String::as_str));
        let mut message = format!(
            "{} is \"{value}\", not one of the contract's values",
            shown(at)
        );
        if let Some(n) =
            near.filter(|n| n.eq_ignore_ascii_case(value) || strsim::levenshtein(n, value) <= 2)
        {
            message.push_str(&format!("; did you mean \"{n}\"?"));
        }
        out.report(span, message)
            .label("not an allowed value")
            .help(format!("use one of: {}", allowed.join(", ")));
    }
}

pub(crate) fn unknown_field(cx: &Context, out: &mut Findings) {
    for issue in issues(cx).unwrap_or_default() {
        let Issue::Unknown {
            at,
            field,
            definition,
            near,
        } = issue
        else {
            continue;
        };
        let (span, _) = place(cx, at);
        let key = key_span(cx.text, span.clone(), field);
        match near {
            Some(n) => {
                let required = cx
                    .facts
                    .contract
                    .definitions
                    .get(definition)
                    .is_some_and(|d| d.required.contains(n));
                // A misspelt required field is also a missing one: the one finding carries
                // the worse level of its two causes, so `--fail-on error` fails it.
                let missing = cx
                    .levels
                    .level(&crate::rules::missing_required_content::RULE);
                let level = if required {
                    out.level().max(missing)
                } else {
                    out.level()
                };
                let also = if required {
                    format!(", which {definition} requires")
                } else {
                    String::new()
                };
                out.report(key, format!("`{field}` is not a field of {definition}; did you mean `{n}`{also}?"))
                    .label("unknown field")
                    .help(format!("Concur ignores fields its schema does not declare: a misspelt `{n}` is a missing `{n}`"))
                    .level(level);
            }
            None => {
                out.report(
                    key,
                    format!("`{field}` is not a field of {definition}; Concur ignores it"),
                )
                .label("unknown field")
                .help("leave it out, or keep it knowing that Concur does not read it")
                .level(Level::Info);
            }
        }
    }
}

fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// The span of the quoted key before a member's value, else the value's.
fn key_span(text: &str, value: std::ops::Range<usize>, key: &str) -> std::ops::Range<usize> {
    let before = &text[..value.start.min(text.len())];
    let quoted = format!("\"{key}\"");
    match before.rfind(&quoted) {
        Some(at) if before[at + quoted.len()..].trim_start().starts_with(':') => {
            at..at + quoted.len()
        }
        _ => value,
    }
}
