//! `--format markdown`: the report for people — a certification report for an otalint probe
//! recording, a findings report for anything else ([`super::certify`]) — in Markdown that
//! renders on GitHub (PR comments, `$GITHUB_STEP_SUMMARY`) and stays under its summary limit.

use super::escape::markdown;
use super::{FileReport, Locator, Render};
use crate::diagnostic::Level;

/// Renders a unit's findings as table rows.
pub struct Markdown;

impl Render for Markdown {
    fn piece(&self, file: &FileReport) -> String {
        if file.diagnostics.is_empty() {
            return String::new();
        }
        let locator = Locator::new(file);
        let mut s = String::from(
            "| where | level | rule | message | how to fix |\n|---|---|---|---|---|\n",
        );
        for d in file.diagnostics {
            let at = locator.locate(d);
            let place = match (d.in_body, file.entry) {
                (true, Some((i, _))) => {
                    format!(
                        "body of entry {}, {}:{}",
                        i + 1,
                        at.start.line,
                        at.start.column
                    )
                }
                (true, None) => format!("decoded body, {}:{}", at.start.line, at.start.column),
                (false, _) => format!("{}:{}", at.start.line, at.start.column),
            };
            let level = match d.level {
                Level::Error => "❌ error",
                Level::Warning => "⚠️ warning",
                _ => "ℹ️ info",
            };
            s.push_str(&format!(
                "| {} | {level} | `{}` | {} | {} |\n",
                markdown::text(&place),
                d.rule,
                markdown::message(&d.message),
                markdown::message(d.help.as_deref().unwrap_or(""))
            ));
        }
        s
    }
}
