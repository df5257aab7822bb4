//! Helpers shared by several rules: how values are shown in messages, and the checks that
//! several rules of a family run alike.

pub(crate) mod clock;
pub(crate) mod content;
pub(crate) mod formats;
pub mod hs4_contract;
pub(crate) mod hs4_json;
pub(crate) mod hs4_report;
pub(crate) mod infogroup;
pub(crate) mod json_pointer;
pub(crate) mod lacking;
pub(crate) mod money;
pub(crate) mod payload_site;
pub(crate) mod price;
pub(crate) mod probe;
pub(crate) mod session;

/// A value as shown in a message, exactly as written: quoted with its white space visible
/// (`" 322"`, `"a\nb"`) where it has any at its ends or other than single spaces inside; at
/// most 60 characters.
pub(crate) fn shown(value: &str) -> String {
    let plain = value.trim() == value
        && !value.contains(|c: char| c.is_whitespace() && c != ' ')
        && !value.contains("  ");
    let cut = |s: &str| match s.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_string(),
    };
    if plain {
        return cut(value);
    }
    let escaped: String = value
        .chars()
        .map(|c| match c {
            '\n' => "\\n".to_string(),
            '\r' => "\\r".to_string(),
            '\t' => "\\t".to_string(),
            '"' => "\\\"".to_string(),
            c => c.to_string(),
        })
        .collect();
    format!("\"{}\"", cut(&escaped))
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

#[cfg(test)]
mod tests {
    use super::shown;

    #[test]
    fn values_are_shown_as_written() {
        assert_eq!(shown("322"), "322");
        assert_eq!(shown("a b"), "a b");
        assert_eq!(shown(" 322"), "\" 322\"");
        assert_eq!(shown("a\n  b"), "\"a\\n  b\"");
        assert_eq!(shown("x".repeat(70).as_str()).chars().count(), 61);
    }
}
