//! `otalint explain RULE`: a rule's docs, from its file.

use std::io::{self, Write};

use crate::app::OK;
use crate::cli::ExplainArgs;
use crate::error::Error;
use crate::rules;

pub fn run(args: &ExplainArgs) -> Result<u8, Error> {
    let Some(rule) = rules::find(&args.rule) else {
        let hint = match rules::suggest(&args.rule) {
            Some(s) => format!("did you mean `{s}`?"),
            None => "`otalint rules` lists them all".to_string(),
        };
        return Err(Error::Usage(format!(
            "unknown rule `{}`; {hint}",
            args.rule
        )));
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    let profiles: Vec<_> = rule.profiles.iter().map(|p| p.as_str()).collect();
    writeln!(out, "# {}\n", rule.name)?;
    writeln!(
        out,
        "{}. Group: {} · default level: {} · profiles: {}\n",
        capitalize(rule.summary),
        rule.group,
        rule.level,
        profiles.join(", ")
    )?;
    out.write_all(rule.docs().as_bytes())?;
    out.flush()?;
    Ok(OK)
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
