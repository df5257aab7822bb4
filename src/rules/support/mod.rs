//! Helpers shared by several rules: how values are shown in messages, and the checks that
//! several rules of a family run alike.

pub(crate) mod hs4_json;
pub(crate) mod infogroup;
pub(crate) mod lacking;
pub(crate) mod payload_site;

/// A value as shown in a message: whitespace runs folded to one space, at most 60 characters.
pub(crate) fn shown(value: &str) -> String {
    let folded = value.split_whitespace().collect::<Vec<_>>().join(" ");
    match folded.char_indices().nth(60) {
        Some((cut, _)) => format!("{}…", &folded[..cut]),
        None => folded,
    }
}

/// A text compared loosely: trimmed, lowercase, without a final period.
pub(crate) fn normalized(text: &str) -> String {
    text.trim().trim_end_matches('.').trim().to_lowercase()
}

/// `` `A` ``, `` `A` or `B` ``, `` `A`, `B` or `C` `` (with `or` or `and`).
pub(crate) fn list_names(names: &[&str], conjunction: &str) -> String {
    let quoted: Vec<_> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, init)) => format!("{} {conjunction} {last}", init.join(", ")),
    }
}

/// `188 (Transaction error)`, or `one of 242 (…), 320 (…)`.
pub(crate) fn list_codes(facts: &crate::profile::Facts, codes: &[&str]) -> String {
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
