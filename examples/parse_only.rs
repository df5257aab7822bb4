//! The ceiling of otalint's design: read each file and parse it with roxmltree, nothing else,
//! one file after another. `cargo run --release --example parse_only -- DIR...`

use std::path::Path;
use std::process::ExitCode;

fn walk(path: &Path, out: &mut Vec<std::path::PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<_> = match std::fs::read_dir(path) {
            Ok(rd) => rd.flatten().map(|e| e.path()).collect(),
            Err(_) => return,
        };
        // Byte order, as otalint sorts (a `Path` comparison walks components and would cost
        // this program more than its reads).
        entries.sort_unstable_by(|a, b| {
            a.as_os_str()
                .as_encoded_bytes()
                .cmp(b.as_os_str().as_encoded_bytes())
        });
        for e in entries {
            walk(&e, out);
        }
    } else if path.extension().is_some_and(|e| e == "xml") {
        out.push(path.to_path_buf());
    }
}

fn main() -> ExitCode {
    let mut files = Vec::new();
    for arg in std::env::args().skip(1) {
        walk(Path::new(&arg), &mut files);
    }
    let (mut nodes, mut failed) = (0usize, 0usize);
    for file in &files {
        let Ok(bytes) = std::fs::read(file) else {
            failed += 1;
            continue;
        };
        let Ok(text) = std::str::from_utf8(&bytes) else {
            failed += 1;
            continue;
        };
        match roxmltree::Document::parse(text) {
            Ok(doc) => nodes += doc.descendants().len(),
            Err(_) => failed += 1,
        }
    }
    println!("{} files, {nodes} nodes, {failed} unparsed", files.len());
    ExitCode::SUCCESS
}
