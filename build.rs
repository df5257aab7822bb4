//! The built-in rules data, `rules/<profile>.toml`, also as JSON: a run reads a profile's facts
//! from the JSON (serde_json reads it in a fraction of what the TOML parse costs, and a run
//! over small files pays it once per profile it meets). The TOML stays the source, embedded
//! too, for `otalint explain` and for layering a user's rules files on top.

use std::path::Path;

/// Each profile's data: the files it is made of, joined as `Profile::embedded_data` joins them.
const PROFILES: &[(&str, &[&str])] = &[
    ("hs2", &["hs2.toml", "money.toml"]),
    ("hs1", &["hs1.toml"]),
    ("xx1", &["xx1.toml"]),
    (
        "hs4",
        &[
            "hs4.toml",
            "hs4-contract.toml",
            "money.toml",
            "ota-codes.toml",
        ],
    ),
    ("concur-ws", &["concur-ws.toml"]),
];

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for (profile, files) in PROFILES {
        let mut text = String::new();
        for (i, file) in files.iter().enumerate() {
            let path = Path::new("rules").join(file);
            println!("cargo:rerun-if-changed={}", path.display());
            if i > 0 {
                text.push('\n');
            }
            text.push_str(&std::fs::read_to_string(&path).expect("rules data is readable"));
        }
        // A broken file is reported by the tests with its line; here it only stops the build.
        let table: toml::Table =
            toml::from_str(&text).unwrap_or_else(|e| panic!("rules/{}: {e}", files.join(" + ")));
        let json = serde_json::to_string(&table).expect("TOML values are JSON values");
        std::fs::write(Path::new(&out).join(format!("{profile}.json")), json)
            .expect("OUT_DIR is writable");
    }
}
