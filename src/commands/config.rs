//! `otalint config [PATH]`: the settings a file gets, as TOML a reader can copy.

use std::io::{self, Write};

use crate::app::{OK, load_config};
use crate::cli::ConfigArgs;
use crate::discover::extensions;
use crate::error::Error;
use crate::rules::RULES;

/// `otalint config [PATH]`: the settings a file gets, as TOML a reader can copy.
pub fn run(args: &ConfigArgs) -> Result<u8, Error> {
    let config = load_config(&args.source)?;
    let path = args.path.clone().unwrap_or_else(|| ".".into());
    let at = config.for_path(&path);
    let levels = config.levels(&at);
    let mut out = io::BufWriter::new(io::stdout().lock());
    let quote = |s: &str| toml::Value::String(s.to_string()).to_string();
    let list = |items: &[String]| {
        let quoted: Vec<String> = items.iter().map(|s| quote(s)).collect();
        format!("[{}]", quoted.join(", "))
    };
    match &config.file {
        Some(file) => writeln!(out, "# configuration: {}", file.display())?,
        None => writeln!(out, "# configuration: none (built-in defaults)")?,
    }
    writeln!(out, "# for: {}", path.display())?;
    for &i in &at.overrides {
        writeln!(
            out,
            "# override {} applies: files = {}",
            i + 1,
            list(&config.overrides[i].files)
        )?;
    }
    if config.excluded(&path) {
        writeln!(out, "# excluded: this path is not checked")?;
    }
    match config.profile(&at) {
        Some((p, reason)) => writeln!(out, "profile = {}  # {reason}", quote(p.as_str()))?,
        None => writeln!(out, "# profile: detected per file")?,
    }
    let location = config.payload_location(&at).unwrap_or_default();
    let location = clap::ValueEnum::to_possible_value(&location)
        .map(|v| v.get_name().to_string())
        .unwrap_or_default();
    writeln!(out, "payload-location = {}", quote(&location))?;
    if let Some(op) = config.operation(&at) {
        writeln!(
            out,
            "operation = {}  # the HS4 operation when no request URL says",
            quote(&op)
        )?;
    }
    let rules_files: Vec<String> = config
        .rules_files
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    writeln!(out, "rules-files = {}", list(&rules_files))?;
    writeln!(out, "extensions = {}", list(&extensions(None, &config)))?;
    writeln!(out, "exclude = {}", list(&config.exclude))?;
    writeln!(out, "\n[rules]")?;
    for (rule, level) in RULES.iter().zip(levels) {
        if rule.is_fundamental() {
            writeln!(out, "# {} = \"{level}\"  (always on)", rule.name)?;
            continue;
        }
        let note = if level == rule.level {
            String::new()
        } else {
            format!("  # default {}", rule.level)
        };
        writeln!(out, "{} = {}{note}", rule.name, quote(level.as_str()))?;
    }
    out.flush()?;
    Ok(OK)
}
