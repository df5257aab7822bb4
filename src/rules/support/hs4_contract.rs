//! The HS4 response contract as the rules read it: which operation a body answers, and one walk
//! of the body against that operation's response definition that finds every departure
//! (`[contract]` in `rules/hs4-contract.toml`). Each rule reports its own kind of departure.

use serde_json::Value;

use super::formats::{is_date, is_date_time, is_uuid};
use crate::document::json::JsonBody;
use crate::input::HttpFacts;
use crate::profile::{Contract, Schema};

/// The operation a body answers, and why that one (for the file's notes).
pub fn operation(
    contract: &Contract,
    http: Option<&HttpFacts>,
    forced: Option<&str>,
    request: Option<&JsonBody>,
    body: Option<&JsonBody>,
) -> Option<(String, String)> {
    let url = http.and_then(|h| {
        h.url
            .as_deref()
            .or(h.probe.as_ref().and_then(|p| p.url.as_deref()))
    });
    if let Some(url) = url {
        let path = url
            .split(['?', '#'])
            .next()
            .unwrap_or(url)
            .trim_end_matches('/');
        // The longest path that ends the URL: /hotels/reservation/read before /hotels/reservation.
        let found = contract
            .operations
            .iter()
            .filter(|(_, op)| path.ends_with(op.path.as_str()))
            .max_by_key(|(_, op)| op.path.len());
        if let Some((name, op)) = found {
            return Some((name.clone(), format!("the request URL ends in {}", op.path)));
        }
    }
    if let Some(name) = forced.filter(|n| contract.operations.contains_key(*n)) {
        return Some((name.to_string(), "forced with --operation".to_string()));
    }
    let by_shape = |value: &Value, request: bool| {
        best_fit(contract, value, request).map(|n| {
            let op = &contract.operations[&n];
            let def = if request {
                op.request.as_deref().unwrap_or("")
            } else {
                op.response.as_str()
            };
            let what = if request {
                "the paired request"
            } else {
                "the body"
            };
            let shared: Vec<&str> = contract
                .operations
                .iter()
                .filter(|(_, o)| !request && o.response == def)
                .map(|(name, _)| name.as_str())
                .collect();
            let alike = match shared.len() {
                0 | 1 => String::new(),
                _ => format!(" ({} answer alike)", shared.join(", ")),
            };
            (n, format!("{what} has the fields of {def}{alike}"))
        })
    };
    if let Some(v) = request.and_then(|r| r.value.as_ref())
        && let Some(found) = by_shape(v, true)
    {
        return Some(found);
    }
    body.and_then(|b| b.value.as_ref())
        .and_then(|v| by_shape(v, false))
}

/// The operation and request definition a JSON body is, when it is an HS4 request: every
/// field required by the operation's request definition is there, every member is one of that
/// definition's fields, and no response definition fits it so (`requestorInfo` is in every
/// request and in no response; a modify request holds it one level down).
pub fn request_fit(contract: &Contract, value: &Value) -> Option<(String, String)> {
    let object = value.as_object()?;
    let fits = |def: &str| {
        contract.definitions.get(def).is_some_and(|schema| {
            !schema.required.is_empty()
                && schema.required.iter().all(|r| object.contains_key(r))
                && object.keys().all(|k| schema.fields.contains_key(k))
        })
    };
    if contract.operations.values().any(|op| fits(&op.response)) {
        return None;
    }
    // Requests alike (cancel and read both send codes and requestorInfo) are named together.
    let (names, defs): (Vec<&str>, Vec<&str>) = contract
        .operations
        .iter()
        .filter_map(|(name, op)| {
            let def = op.request.as_deref()?;
            fits(def).then_some((name.as_str(), def))
        })
        .unzip();
    (!names.is_empty()).then(|| (names.join(" or "), defs.join(" or ")))
}

/// The operation whose request (or response) definition fits a value best: all its required
/// fields present, then the most of its fields; a tie tells nothing.
fn best_fit(contract: &Contract, value: &Value, request: bool) -> Option<String> {
    let object = value.as_object()?;
    let mut scored: Vec<(usize, &str, &str)> = contract
        .operations
        .iter()
        .filter_map(|(name, op)| {
            let def = if request {
                op.request.as_deref()?
            } else {
                op.response.as_str()
            };
            let schema = contract.definitions.get(def)?;
            if schema.required.is_empty() || !schema.required.iter().all(|r| object.contains_key(r))
            {
                return None;
            }
            let known = object
                .keys()
                .filter(|k| schema.fields.contains_key(*k))
                .count();
            Some((known, def, name.as_str()))
        })
        .collect();
    // Best fit first; among answers alike, the operation Concur calls first.
    let order = &crate::profile::HS4_OPERATIONS;
    let rank = |name: &str| order.iter().position(|o| *o == name).unwrap_or(order.len());
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(rank(a.2).cmp(&rank(b.2))));
    match scored.as_slice() {
        [] => None,
        [one] => Some(one.2.to_string()),
        // Several operations share a response (read, reservation, modify): the same checks.
        [a, b, ..] if a.0 > b.0 || a.1 == b.1 => Some(a.2.to_string()),
        _ => None,
    }
}

/// A departure from the contract, at a JSON pointer.
#[derive(Debug, Clone, PartialEq)]
pub enum Issue {
    /// A required field is absent from the object at `at`.
    Missing {
        at: String,
        field: String,
        definition: String,
        sentence: Option<String>,
    },
    /// The value at `at` has the wrong JSON type (`null` included).
    Type {
        at: String,
        expected: String,
        found: &'static str,
    },
    /// A string out of its format or pattern, a number out of its bounds, too few items.
    Format { at: String, problem: String },
    /// A string outside the enum.
    Enum {
        at: String,
        value: String,
        allowed: Vec<String>,
    },
    /// A field the definition does not declare.
    Unknown {
        at: String,
        field: String,
        definition: String,
        near: Option<String>,
    },
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Walks `value` against the response of `operation`.
pub fn check(contract: &Contract, operation: &str, value: &Value) -> Vec<Issue> {
    let Some(op) = contract.operations.get(operation) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let root = Schema {
        reference: Some(op.response.clone()),
        ..Schema::default()
    };
    walk(contract, &root, value, &mut String::new(), &mut out, 0);
    // One cause, one finding: a required field spelt wrong is the misspelling's finding.
    let misspelt: Vec<(String, String)> = out
        .iter()
        .filter_map(|i| match i {
            Issue::Unknown {
                at, near: Some(n), ..
            } => Some((parent(at).to_string(), n.clone())),
            _ => None,
        })
        .collect();
    out.retain(|i| !matches!(i, Issue::Missing { at, field, .. } if misspelt.iter().any(|(p, n)| p == at && n == field)));
    out
}

/// The pointer of a value's parent.
fn parent(pointer: &str) -> &str {
    pointer.rfind('/').map_or("", |at| &pointer[..at])
}

/// The schema a field stands for, its reference resolved (and the definition's name).
fn resolve<'c>(contract: &'c Contract, s: &'c Schema) -> (&'c Schema, Option<&'c str>) {
    let mut s = s;
    let mut name = None;
    for _ in 0..8 {
        match s
            .reference
            .as_deref()
            .and_then(|r| contract.definitions.get(r).map(|d| (r, d)))
        {
            Some((r, d)) => {
                name = Some(r);
                s = d;
            }
            None => break,
        }
    }
    (s, name)
}

fn walk(
    contract: &Contract,
    schema: &Schema,
    value: &Value,
    at: &mut String,
    out: &mut Vec<Issue>,
    depth: usize,
) {
    if depth > 64 {
        return;
    }
    let (s, name) = resolve(contract, schema);
    let expected = s.kind.as_deref().or(if s.fields.is_empty() {
        None
    } else {
        Some("object")
    });
    if let Some(expected) = expected {
        let found = kind_of(value);
        let fits = found == expected || (expected == "number" && found == "integer");
        if !fits {
            out.push(Issue::Type {
                at: at.to_string(),
                expected: expected.to_string(),
                found,
            });
            return;
        }
    }
    match value {
        Value::Object(map) => walk_object(contract, s, name, map, at, out, depth),
        Value::Array(items) => {
            if let Some(min) = s.min_items.filter(|m| items.len() < *m) {
                out.push(Issue::Format {
                    at: at.to_string(),
                    problem: format!("{} items; at least {min} are required", items.len()),
                });
            }
            if let Some(item) = &s.items {
                let len = at.len();
                for (i, v) in items.iter().enumerate() {
                    use std::fmt::Write;
                    let _ = write!(at, "/{i}");
                    walk(contract, item, v, at, out, depth + 1);
                    at.truncate(len);
                }
            }
        }
        Value::String(text) => string(s, text, at, out),
        Value::Number(n) => number(s, n.as_f64().unwrap_or(0.0), at, out),
        _ => {}
    }
}

/// The required fields, the conditions and each member of an object.
fn walk_object(
    contract: &Contract,
    s: &Schema,
    name: Option<&str>,
    map: &serde_json::Map<String, Value>,
    at: &mut String,
    out: &mut Vec<Issue>,
    depth: usize,
) {
    let definition = name.unwrap_or("object");
    for field in &s.required {
        if !map.contains_key(field) && !lifted(contract, definition, field, map) {
            out.push(Issue::Missing {
                at: at.to_string(),
                field: field.clone(),
                definition: definition.to_string(),
                sentence: None,
            });
        }
    }
    for cond in contract
        .required_unless
        .iter()
        .filter(|c| c.definition == definition)
    {
        let lifted =
            map.get(&cond.unless_field).and_then(Value::as_str) == Some(cond.unless_value.as_str());
        if !lifted && !map.contains_key(&cond.field) && !s.required.contains(&cond.field) {
            out.push(Issue::Missing {
                at: at.to_string(),
                field: cond.field.clone(),
                definition: definition.to_string(),
                sentence: Some(cond.sentence.clone()),
            });
        }
    }
    let len = at.len();
    for (k, v) in map {
        at.truncate(len);
        at.push('/');
        match k.contains(['~', '/']) {
            true => at.push_str(&k.replace('~', "~0").replace('/', "~1")),
            false => at.push_str(k),
        }
        match s.fields.get(k) {
            Some(fs) => {
                // null for an optional field is as good as absent; for a required one it is the wrong type.
                if v.is_null() && !s.required.contains(k) {
                    continue;
                }
                walk(contract, fs, v, at, out, depth + 1);
            }
            None if !s.fields.is_empty() => {
                let near = crate::suggest::closest(k, s.fields.keys().map(String::as_str))
                    .filter(|n| strsim::levenshtein(n, k) <= 2)
                    .map(str::to_string);
                out.push(Issue::Unknown {
                    at: at.clone(),
                    field: k.clone(),
                    definition: definition.to_string(),
                    near,
                });
            }
            None => {}
        }
    }
    at.truncate(len);
}

/// Whether a `required_unless` condition lifts a requirement the definition states itself.
fn lifted(
    contract: &Contract,
    definition: &str,
    field: &str,
    map: &serde_json::Map<String, Value>,
) -> bool {
    contract.required_unless.iter().any(|c| {
        c.definition == definition
            && c.field == field
            && map.get(&c.unless_field).and_then(Value::as_str) == Some(c.unless_value.as_str())
    })
}

fn string(s: &Schema, text: &str, at: &str, out: &mut Vec<Issue>) {
    if !s.values.is_empty() && !s.values.iter().any(|v| v == text) {
        out.push(Issue::Enum {
            at: at.to_string(),
            value: text.to_string(),
            allowed: s.values.clone(),
        });
        return;
    }
    let chars = text.chars().count();
    let problem = match s.format.as_deref() {
        Some("date") if !is_date(text) => Some("not a date YYYY-MM-DD".to_string()),
        Some("date-time") if !is_date_time(text) => {
            Some("not a date-time such as 2021-10-20T15:00:00Z (RFC 3339)".to_string())
        }
        Some("uuid") if !is_uuid(text) => Some("not a UUID (8-4-4-4-12 hex digits)".to_string()),
        Some("email") if !text.contains('@') => Some("not an email address".to_string()),
        Some("uri") if !text.contains(':') => Some("not a URI".to_string()),
        _ => None,
    }
    .or_else(|| {
        s.pattern
            .as_ref()
            .filter(|p| !p.is_match(text))
            .map(|p| format!("does not match the pattern {}", p.source))
    })
    .or_else(|| {
        s.min_length
            .filter(|m| chars < *m)
            .map(|m| format!("{chars} characters; at least {m}"))
    })
    .or_else(|| {
        s.max_length
            .filter(|m| chars > *m)
            .map(|m| format!("{chars} characters; at most {m}"))
    });
    if let Some(problem) = problem {
        out.push(Issue::Format {
            at: at.to_string(),
            problem,
        });
    }
}

fn number(s: &Schema, n: f64, at: &str, out: &mut Vec<Issue>) {
    let problem = match (s.minimum, s.maximum, s.multiple_of) {
        (Some(min), _, _) if n < min => Some(format!("{n} is below the minimum {min}")),
        (_, Some(max), _) if n > max => Some(format!("{n} is above the maximum {max}")),
        (_, _, Some(m)) if m > 0.0 && ((n / m) - (n / m).round()).abs() > 1e-9 => {
            Some(format!("{n} is not a multiple of {m}"))
        }
        _ => None,
    };
    if let Some(problem) = problem {
        out.push(Issue::Format {
            at: at.to_string(),
            problem,
        });
    }
}

/// The departures of a successful HS4 answer from its operation's contract; `None` when the
/// body is no such answer (an error body, not JSON, no operation known).
pub(crate) fn issues<'c>(cx: &'c crate::rule::Context) -> Option<&'c [Issue]> {
    cx.shared
        .hs4
        .get_or_init(|| {
            let value = cx.json?.value.as_ref()?;
            let operation = cx.operation.filter(|_| successful(cx))?;
            Some(check(&cx.facts.contract, operation, value))
        })
        .as_deref()
}

/// Whether the body is a successful HS4 answer of a known operation (no error body, no other
/// status than 200).
pub(crate) fn successful(cx: &crate::rule::Context) -> bool {
    cx.profile == crate::profile::Profile::Hs4
        && cx.operation.is_some()
        && super::hs4_json::error_body(cx).is_none()
        && cx.http.and_then(|h| h.status).is_none_or(|s| s == 200)
}

/// Where a finding about the value at `pointer` stands, and its element.
pub(crate) fn place(cx: &crate::rule::Context, pointer: &str) -> (std::ops::Range<usize>, String) {
    let span = cx
        .json
        .and_then(|j| j.span(cx.text, pointer))
        .unwrap_or(0..0);
    (
        span,
        format!("json:{}", if pointer.is_empty() { "/" } else { pointer }),
    )
}

/// The pointer as people read it: `/hotelRates/0/rates` or `the body` for the root.
pub(crate) fn shown(pointer: &str) -> String {
    if pointer.is_empty() {
        "the body".to_string()
    } else {
        format!("`{pointer}`")
    }
}
