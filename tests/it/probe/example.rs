//! `examples/supplier.rs`, the mock supplier for people: started as a program, on a port it
//! picks on 127.0.0.1, with the scenario it writes, and probed as a user would probe it.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use super::{Run, flow};

/// The example's binary, which `cargo test` builds beside the crate's (`cargo build --example
/// supplier` when only this test target is built).
fn binary() -> PathBuf {
    let otalint = PathBuf::from(env!("CARGO_BIN_EXE_otalint"));
    let dir = otalint.parent().expect("the target directory");
    let path = dir
        .join("examples")
        .join(format!("supplier{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.exists(),
        "{} is missing: `cargo test` builds it, or `cargo build --example supplier`",
        path.display()
    );
    path
}

/// The running example; stopped (by its own process handle) when dropped.
struct Supplier {
    child: Child,
    scenario: String,
}

impl Drop for Supplier {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(mode: &str, service: &str) -> Supplier {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = dir.path().join("supplier.toml");
    let mut child = Command::new(binary())
        .args([
            "--mode",
            mode,
            "--service",
            service,
            "--listen",
            "127.0.0.1:0",
        ])
        .arg("--scenario")
        .arg(&file)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the example starts");
    // It prints its URL once it listens and has written the scenario.
    let mut url = String::new();
    let stdout = child.stdout.take().expect("stdout");
    let read = BufReader::new(stdout).read_line(&mut url);
    let supplier = Supplier {
        child,
        scenario: std::fs::read_to_string(&file).unwrap_or_default(),
    };
    assert!(
        read.is_ok() && url.starts_with("http://127.0.0.1:"),
        "the example prints its URL on loopback: {url:?}"
    );
    assert!(
        supplier.scenario.contains(url.trim()),
        "{}",
        supplier.scenario
    );
    supplier
}

/// The findings of a probe of the example, `endpoint-tls` (plain HTTP) and `slow-response`
/// (the test's contract times are fractions of a second, and the machine may be busy) left out.
fn probe(supplier: &Supplier) -> (Run, Vec<String>) {
    let run = flow::probe_in(&supplier.scenario, &[], &[], |_| {});
    let found = run
        .findings()
        .into_iter()
        .filter(|f| !f.starts_with("endpoint-tls@") && !f.starts_with("slow-response@"))
        .collect();
    (run, found)
}

#[test]
fn the_example_supplier_conforms_in_conforming_mode() {
    for service in ["hs2", "hs4"] {
        let supplier = start("conforming", service);
        let (run, found) = probe(&supplier);
        assert_eq!(found, Vec::<String>::new(), "{service}: {}", run.stdout());
        assert!(
            run.steps().len() > 10,
            "{service}: the whole flow ran: {:?}",
            run.steps()
        );
    }
}

#[test]
fn the_example_supplier_breaks_in_broken_mode() {
    let supplier = start("broken", "hs4");
    let (run, found) = probe(&supplier);
    assert_eq!(
        found,
        [
            "chain-code@hs4.search",
            "chain-code@hs4.search",
            "outside-radius@hs4.search",
            "unknown-ota-code@hs4.search",
        ],
        "{}",
        run.stdout()
    );
    let supplier = start("broken", "hs2");
    let (run, found) = probe(&supplier);
    assert!(
        found.iter().any(|f| f == "echo-token@hs2.search")
            && found
                .iter()
                .any(|f| f == "chunked-encoding@hs2.availability"),
        "{found:?}\n{}",
        run.stdout()
    );
}
