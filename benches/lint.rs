//! In-process micro-benchmarks: linting one small and one large document, the parse alone
//! for comparison. `cargo bench --bench lint`
//!
//! The documents are the repository's own samples: a 2 KB search response and the 247 KB
//! descriptive-info response of `testdata/samples`.

use otalint::rules::RuleSet;
use otalint::{Linter, ProfileSet};

fn main() {
    divan::main();
}

const SMALL: &[u8] = include_bytes!("../testdata/samples/hs2/conforming/search.xml");
const LARGE: &[u8] =
    include_bytes!("../testdata/samples/hs2/broken/descriptive-info-too-large.xml");

fn doc(size: &str) -> &'static [u8] {
    if size == "small" { SMALL } else { LARGE }
}

fn linter() -> Linter {
    Linter::new(ProfileSet::load(&[]).expect("built-in data"))
}

#[divan::bench(args = ["small", "large"])]
fn lint(bencher: divan::Bencher, size: &str) {
    let doc = doc(size);
    let linter = linter();
    bencher
        .counter(divan::counter::BytesCount::new(doc.len()))
        .bench(|| linter.check_file(divan::black_box(doc), None));
}

#[divan::bench(args = ["small", "large"])]
fn lint_every_rule(bencher: divan::Bencher, size: &str) {
    let doc = doc(size);
    let mut linter = linter();
    linter.rules = RuleSet::from_selection(&["all".to_string()], &[], &[]).expect("all");
    bencher
        .counter(divan::counter::BytesCount::new(doc.len()))
        .bench(|| linter.check_file(divan::black_box(doc), None));
}

#[divan::bench(args = ["small", "large"])]
fn parse_only(bencher: divan::Bencher, size: &str) {
    let doc = doc(size);
    let text = std::str::from_utf8(doc).expect("UTF-8 sample");
    bencher
        .counter(divan::counter::BytesCount::new(doc.len()))
        .bench(|| {
            roxmltree::Document::parse(divan::black_box(text)).map(|d| d.descendants().len())
        });
}
