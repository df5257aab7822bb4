//! Did-you-mean: the closest of some names to a mistyped one, for rule names, configuration
//! keys and values alike.

/// The candidate closest to `value`, when it is close enough to be a likely typo.
pub fn closest<'c>(value: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(value, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// `; did you mean `x`?` when a candidate is close, else the list of valid values.
pub fn did_you_mean(value: &str, candidates: &[&str]) -> String {
    match closest(value, candidates.iter().copied()) {
        Some(c) => format!("; did you mean `{c}`?"),
        None => format!("; expected one of `{}`", candidates.join("`, `")),
    }
}
