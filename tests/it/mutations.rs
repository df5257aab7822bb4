//! Property test: random mutations of the fixtures and samples (truncation, byte flips,
//! duplicated or deleted elements, random attributes) never panic, and every finding's spans
//! lie inside their text and on character boundaries.

use std::fs;
use std::path::Path;
use std::sync::OnceLock;

use otalint::rules::RuleSet;
use otalint::{Linter, ProfileSet};
use proptest::prelude::*;

use crate::common;

/// Every fixture and sample under 64 KiB, read once.
fn seeds() -> &'static Vec<Vec<u8>> {
    static SEEDS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut out = Vec::new();
        let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata")];
        while let Some(dir) = stack.pop() {
            for entry in fs::read_dir(&dir).expect("readable") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    stack.push(path);
                } else if path
                    .extension()
                    .is_some_and(|e| e != "expect" && e != "toml")
                    && fs::metadata(&path).is_ok_and(|m| m.len() < 64 * 1024)
                {
                    out.push(fs::read(&path).expect("readable"));
                }
            }
        }
        out.sort();
        out
    })
}

fn linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(|| {
        let mut l = Linter::new(ProfileSet::load(&[]).expect("built-in data"));
        l.rules = RuleSet::from_selection(&["all".to_string()], &[], &[]).expect("all");
        l
    })
}

#[derive(Clone, Debug)]
enum Mutation {
    Truncate(usize),
    Flip(usize, u8),
    DuplicateElement(usize),
    DeleteElement(usize),
    AddAttribute(usize, String, String),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        any::<usize>().prop_map(Mutation::DuplicateElement),
        any::<usize>().prop_map(Mutation::DeleteElement),
        (
            any::<usize>(),
            "[A-Za-z:_][A-Za-z0-9._:-]{0,12}",
            "[^\"]{0,24}"
        )
            .prop_map(|(i, n, v)| Mutation::AddAttribute(i, n, v)),
    ]
}

/// The byte ranges of elements `<x …>…</x>` or `<x …/>` found by a rough scan: good enough to
/// cut and copy pieces of markup.
fn elements(bytes: &[u8]) -> Vec<(usize, usize)> {
    let text = String::from_utf8_lossy(bytes);
    let mut out = Vec::new();
    for (start, _) in text.match_indices('<') {
        let rest = &text[start + 1..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || matches!(c, ':' | '_' | '-'))
            .collect();
        if name.is_empty() {
            continue;
        }
        let close = format!("</{name}>");
        if let Some(end) = rest.find(&close) {
            out.push((start, start + 1 + end + close.len()));
        } else if let Some(end) = rest.find("/>") {
            out.push((start, start + 1 + end + 2));
        }
    }
    out.retain(|(s, e)| s < e && *e <= bytes.len());
    out
}

fn apply(seed: &[u8], m: &Mutation) -> Vec<u8> {
    let mut b = seed.to_vec();
    let pick = |i: usize, n: usize| if n == 0 { 0 } else { i % n };
    match m {
        Mutation::Truncate(i) => b.truncate(pick(*i, b.len() + 1)),
        Mutation::Flip(i, x) => {
            if !b.is_empty() {
                let at = pick(*i, b.len());
                b[at] ^= x | 1;
            }
        }
        Mutation::DuplicateElement(i) | Mutation::DeleteElement(i) => {
            let els = elements(&b);
            if !els.is_empty() {
                let (s, e) = els[pick(*i, els.len())];
                if matches!(m, Mutation::DuplicateElement(_)) {
                    let copy = b[s..e].to_vec();
                    b.splice(e..e, copy);
                } else {
                    b.drain(s..e);
                }
            }
        }
        Mutation::AddAttribute(i, name, value) => {
            let els = elements(&b);
            if !els.is_empty() {
                let (s, _) = els[pick(*i, els.len())];
                let at = b[s..]
                    .iter()
                    .position(|c| *c == b'>' || *c == b'/')
                    .map_or(b.len(), |p| s + p);
                let attr = format!(" {name}=\"{value}\"");
                b.splice(at..at, attr.into_bytes());
            }
        }
    }
    b
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn mutated_inputs_never_panic_and_spans_stay_valid(
        seed in any::<usize>(),
        mutations in proptest::collection::vec(mutation(), 1..4),
        pair in any::<bool>(),
    ) {
        let seeds = seeds();
        let original = &seeds[seed % seeds.len()];
        let mut bytes = original.clone();
        for m in &mutations {
            bytes = apply(&bytes, m);
        }
        let request = pair.then_some(("request", original.as_slice()));
        let file = linter().check_file(&bytes, request);
        common::assert_spans_valid(&file, &format!("{mutations:?}"));
    }
}
