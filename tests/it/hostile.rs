//! The hostile corpus (`testdata/hostile/`): files built to crash, hang or exhaust a linter.
//! Each has a sidecar `NAME.expect` with its exact outcome (findings, units that could not be
//! checked, notes; the format of `tests/it/common`), checked with every rule on by default, and
//! every finding is rendered in both output formats.

use std::fs;
use std::path::PathBuf;

use otalint::report::human::Human;
use otalint::report::json::Json;
use otalint::report::{FileReport, Render};
use otalint::{Linter, ProfileSet};

use crate::common;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/hostile");

fn corpus() -> Vec<PathBuf> {
    let mut files: Vec<_> = fs::read_dir(ROOT)
        .expect("testdata/hostile")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e != "expect"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_hostile_file_has_its_expected_outcome() {
    let linter = Linter::new(ProfileSet::load(&[]).expect("built-in data"));
    let human = Human::new(true, true, 100);
    let mut failures = Vec::new();
    let files = corpus();
    assert!(files.len() >= 20, "the corpus is there ({})", files.len());
    for path in files {
        let bytes = fs::read(&path).expect("readable");
        let file = linter.check_file(&bytes, None);
        common::assert_spans_valid(&file, &path.display().to_string());
        for unit in file.units.iter().flatten() {
            let report = FileReport::of("hostile", &file, unit, None);
            let shown = human.piece(&report);
            assert!(
                shown.len() < 200_000,
                "{}: {} bytes of output",
                path.display(),
                shown.len()
            );
            let _ = Json.piece(&report);
        }
        // The hostile corpus states where findings start; the rule fixtures check their ends.
        let mut actual: Vec<String> = common::outcome(&file, true)
            .iter()
            .map(|l| common::start_of(l).to_string())
            .collect();
        actual.sort();
        let sidecar = PathBuf::from(format!("{}.expect", path.display()));
        let mut expected: Vec<String> = fs::read_to_string(&sidecar)
            .unwrap_or_else(|_| panic!("{} has its outcome", sidecar.display()))
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect();
        expected.sort();
        let matches = actual.len() == expected.len()
            && actual.iter().zip(&expected).all(|(a, e)| {
                // Errors and notes are compared by their start: their tail names sizes and paths.
                if e.starts_with("error: ") || e.starts_with("note: ") {
                    a.starts_with(e.as_str())
                } else {
                    a == e
                }
            });
        if !matches {
            failures.push(format!(
                "{}\n    expected: {expected:?}\n    actual:   {actual:?}",
                path.display()
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n"));
}
