//! The whole lint path with every rule on: read the input as one kind, check it, pair it with
//! itself as a request, and render every finding in both the human and the JSON format.

use std::sync::OnceLock;

use otalint::input::InputKind;
use otalint::lint::Linter;
use otalint::report::human::Human;
use otalint::report::json::Json;
use otalint::report::{FileReport, Render};
use otalint::rules::RuleSet;
use otalint::ProfileSet;

fn linter(kind: InputKind) -> Linter {
    let mut linter = Linter::new(ProfileSet::load(&[]).expect("built-in data"));
    linter.rules = RuleSet::from_selection(&["all".to_string()], &[], &[]).expect("all");
    linter.input_kind = Some(kind);
    linter
}

pub fn run(kind: InputKind, data: &[u8]) {
    static LINTERS: OnceLock<Vec<(InputKind, Linter)>> = OnceLock::new();
    let linters = LINTERS.get_or_init(|| {
        [InputKind::Xml, InputKind::Json, InputKind::Http, InputKind::Har]
            .into_iter()
            .map(|k| (k, linter(k)))
            .collect()
    });
    let linter = &linters.iter().find(|(k, _)| *k == kind).expect("a linter per kind").1;
    let human = Human::new(true, true, 80);
    for request in [None, Some(("request", data))] {
        let file = linter.check_file(data, request);
        for unit in file.units.iter().flatten() {
            let checked = &unit.checked;
            let report = FileReport::of("fuzz", &file, unit, None);
            for d in &checked.diagnostics {
                let text = if d.in_body { &checked.text } else { &file.text };
                assert!(d.span.start <= d.span.end && d.span.end <= text.len(), "{d:?}");
                assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
            }
            let _ = human.piece(&report);
            let _ = Json.piece(&report);
        }
    }
}
