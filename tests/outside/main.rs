//! Tests that need files outside the repository (`../shared`, or `OTALINT_SHARED`): Concur's
//! OpenAPI for the HS4 contract data (`hs4_contract`). A libtest-mimic harness, so that a
//! trial whose file is not here is reported as *ignored*, with the reason, never as passed;
//! under `CI` (the variable set) a missing file is a failure. A file that is there but
//! cannot be read or parsed is a failure everywhere: it is never a reason to pass.

mod hs4_contract;

use std::path::{Path, PathBuf};

use libtest_mimic::{Arguments, Completion, Failed, Trial};
use serde_json::Value;

/// The shared directory: `OTALINT_SHARED`, else `../shared` beside the checkout.
fn shared() -> PathBuf {
    std::env::var_os("OTALINT_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"))
}

/// What became of an outside file.
#[derive(Debug)]
enum Outside<T> {
    Here(T),
    /// Not here: the reason to ignore the trial (or to fail it under CI).
    Missing(String),
    /// Here but unusable: always a failure.
    Broken(String),
}

/// Reads and parses a JSON file under the shared directory.
fn json_file(shared: &Path, relative: &str) -> Outside<Value> {
    let path = shared.join(relative);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Outside::Missing(format!(
                "{} is not here (a checkout without ../shared; set OTALINT_SHARED)",
                path.display()
            ));
        }
        Err(e) => return Outside::Broken(format!("{} cannot be read: {e}", path.display())),
    };
    match serde_json::from_str::<Value>(&text) {
        Ok(v) if v.get("definitions").is_some_and(Value::is_object) => Outside::Here(v),
        Ok(_) => Outside::Broken(format!("{} has no `definitions`", path.display())),
        Err(e) => Outside::Broken(format!("{} is not JSON: {e}", path.display())),
    }
}

/// How a trial ends when its file is not all there: ignored with the reason, or failed.
fn without<T>(found: Outside<T>, ci: bool) -> Result<T, Result<Completion, Failed>> {
    match found {
        Outside::Here(v) => Ok(v),
        Outside::Missing(why) if ci => Err(Err(format!(
            "{why}; CI is set, where every outside file must be here"
        )
        .into())),
        Outside::Missing(why) => Err(Ok(Completion::ignored_with(why))),
        Outside::Broken(why) => Err(Err(why.into())),
    }
}

/// A trial that runs `check` on Concur's OpenAPI.
fn on_openapi(name: &str, check: fn(&Value)) -> Trial {
    Trial::ignorable_test(name, move || {
        let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
        match without(json_file(&shared(), hs4_contract::OPENAPI), ci) {
            Ok(spec) => {
                check(&spec);
                Ok(Completion::Completed)
            }
            Err(end) => end,
        }
    })
}

/// The harness's own promise: a missing file is ignored (failed under CI), a broken one
/// fails, and neither passes.
fn a_missing_or_broken_file_never_passes() -> Result<(), Failed> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let missing = |ci| without(json_file(dir.path(), "nothing.json"), ci);
    assert!(
        matches!(missing(false), Err(Ok(Completion::Ignored { reason: Some(r) })) if r.contains("is not here"))
    );
    assert!(matches!(missing(true), Err(Err(_))));
    std::fs::write(dir.path().join("corrupt.json"), "{\"definitions\": ")
        .map_err(|e| e.to_string())?;
    std::fs::write(dir.path().join("empty.json"), "{}").map_err(|e| e.to_string())?;
    for broken in ["corrupt.json", "empty.json"] {
        for ci in [false, true] {
            let end = without(json_file(dir.path(), broken), ci);
            assert!(matches!(end, Err(Err(_))), "{broken} must fail (CI {ci})");
        }
    }
    Ok(())
}

fn main() {
    let args = Arguments::from_args();
    let trials = vec![
        Trial::test(
            "outside::a_missing_or_broken_file_never_passes",
            a_missing_or_broken_file_never_passes,
        ),
        on_openapi(
            "hs4_contract::the_contract_data_matches_concurs_openapi",
            hs4_contract::the_contract_data_matches_concurs_openapi,
        ),
        on_openapi(
            "hs4_contract::bodies_made_of_concurs_own_examples_break_only_what_concurs_file_breaks",
            hs4_contract::bodies_made_of_concurs_own_examples_break_only_what_concurs_file_breaks,
        ),
    ];
    libtest_mimic::run(&args, trials).exit();
}
