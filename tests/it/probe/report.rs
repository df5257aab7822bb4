//! The people's side of a probe run (#26.13): a right answer to the wrong password is shown
//! as right, counts are in the right number, and a run that sends fewer exchanges than it
//! planned says why.

use super::*;

/// A probe of the mock without a booking, its Markdown report and its stderr.
fn markdown_run(text: &str) -> (String, String) {
    let run = probe(text, &["--format", "markdown", "--output", "report.md"]);
    let report = std::fs::read_to_string(run.dir.path().join("report.md")).unwrap_or_default();
    (report, run.stderr())
}

#[test]
fn a_right_403_to_the_wrong_password_is_shown_as_right() {
    let mock = Mock::start(&[]);
    let (report, err) = markdown_run(&scenario(&mock.url(), ""));
    let row = report
        .lines()
        .find(|l| l.contains("`hs2.bad-credentials`") && l.contains("403"))
        .unwrap_or_else(|| panic!("the probe's row\n{report}\n{err}"));
    assert!(row.contains("✅ 403"), "{row}");
    assert!(!row.contains("⚠️ 403"), "{row}");
}

#[test]
fn counts_have_their_number() {
    let mock = Mock::start(&[]);
    let (report, err) = markdown_run(&scenario(&mock.url(), ""));
    // Plain HTTP on a random port: one endpoint-tls error.
    assert!(report.contains("1 error,"), "{report}\n{err}");
    assert!(!report.contains("1 errors"), "{report}");
    assert!(!report.contains("1 warnings"), "{report}");
}

#[test]
fn a_run_short_of_its_plan_says_why() {
    let mock = Mock::start(&[]);
    let run = probe(&scenario(&mock.url(), ""), &[]);
    let err = run.stderr();
    let sent = run.steps().len();
    assert!(
        err.contains(&format!("otalint probe: {sent} exchanges of the ")),
        "{err}"
    );
    assert!(err.contains("  hs2.book: skipped — "), "{err}");
    assert!(err.contains("not asked for by the scenario"), "{err}");
}

#[test]
fn an_entry_has_one_number_in_progress_reports_and_evidence() {
    let mock = Mock::start(&[("availability", Behaviour::Chunked(64))]);
    let run = probe(
        &scenario(&mock.url(), ""),
        &[
            "--format",
            "markdown",
            "--output",
            "report.md",
            "--format",
            "human",
            "--output",
            "report.txt",
            "--evidence",
            "ev",
        ],
    );
    assert_eq!(run.steps()[3], "hs2.availability", "{}", run.stderr());
    let err = run.stderr();
    assert!(
        err.lines()
            .any(|l| l.starts_with("[ 4/") && l.contains("hs2.availability")),
        "{err}"
    );
    let human = std::fs::read_to_string(run.dir.path().join("report.txt")).expect("human");
    assert!(human.contains("entry 4: hs2.availability ("), "{human}");
    let markdown = std::fs::read_to_string(run.dir.path().join("report.md")).expect("markdown");
    assert!(
        markdown.contains("| 4 | `hs2.availability` |"),
        "{markdown}"
    );
    assert!(
        markdown.contains("entry 4: hs2.availability ("),
        "{markdown}"
    );
    assert!(
        run.dir
            .path()
            .join("ev/04-hs2.availability.rq.xml")
            .is_file(),
        "the evidence names it 04"
    );
}
