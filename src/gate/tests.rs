use super::*;

/// A policy that removes one word and sees it in every decoded view.
struct Word(&'static str, bool);

impl Policy for Word {
    fn scrub(&self, bytes: &[u8]) -> Scrubbed {
        let text = String::from_utf8_lossy(bytes);
        let n = text.matches(self.0).count();
        let bytes = match self.1 {
            true => text.replace(self.0, "[REDACTED]").into_bytes(),
            false => bytes.to_vec(),
        };
        Scrubbed {
            bytes,
            removed: vec![("word".to_string(), n)],
            checked: false,
        }
    }

    fn find(&self, bytes: &[u8]) -> Option<(String, usize)> {
        let mut hit = None;
        views::each(bytes, views::ALL_BASE64, &mut |v| {
            if hit.is_none() {
                hit = memchr::memmem::find(&v.text, self.0.as_bytes())
                    .map(|at| ("word".to_string(), v.raw(at..at + self.0.len()).start));
            }
        });
        hit
    }
}

#[test]
fn a_scrubbed_file_is_written_and_a_refused_one_does_not_exist() {
    let dir = tempfile::tempdir().expect("dir");
    let ok = dir.path().join("ok.txt");
    let gate = Gate::with(Arc::new(Word("hunter2", true)));
    let removed = gate.write(&ok, b"a hunter2 b").expect("written");
    assert_eq!(std::fs::read(&ok).expect("read"), b"a [REDACTED] b");
    assert_eq!(removed, vec![("word".to_string(), 1)]);
    // A policy whose scrub misses an encoding: the check sees it decoded, nothing is written.
    let blind = Gate::with(Arc::new(Word("hunter2", false)));
    let refused = dir.path().join("refused.txt");
    let err = blind
        .write(&refused, b"x aHVudGVyMg== y")
        .expect_err("refused");
    assert!(
        matches!(err, Refusal::Secret(ref k, 2) if k == "word"),
        "{err:?}"
    );
    assert!(!refused.exists());
    // Refusing a replacement leaves the old file as it was.
    let err = blind.write(&ok, b"hunter2");
    assert!(err.is_err());
    assert_eq!(std::fs::read(&ok).expect("read"), b"a [REDACTED] b");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names.len(), 1, "no temporary file is left: {names:?}");
}

#[cfg(unix)]
#[test]
fn a_replaced_file_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("report.txt");
    for mode in [0o644, 0o600, 0o640] {
        std::fs::write(&path, "old").expect("write");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).expect("chmod");
        Gate::default().write(&path, b"new").expect("written");
        let meta = std::fs::metadata(&path).expect("meta");
        assert_eq!(meta.permissions().mode() & 0o777, mode);
        assert_eq!(std::fs::read(&path).expect("read"), b"new");
    }
    let temp = Gate::temp(&path).expect("temp");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o604)).expect("chmod");
    Gate::with(Arc::new(Word("zz", true)))
        .commit(temp, &path)
        .expect("committed");
    assert_eq!(
        std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777,
        0o604
    );
}

#[test]
fn create_never_replaces_a_file() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("probe.toml");
    Gate::default().create(&path, b"one").expect("created");
    let err = Gate::default().create(&path, b"two").expect_err("exists");
    assert!(
        matches!(err, Refusal::Io(ref e) if e.kind() == io::ErrorKind::AlreadyExists),
        "{err:?}"
    );
    assert_eq!(std::fs::read(&path).expect("read"), b"one");
}
