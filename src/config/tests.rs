//! Unit tests of the configuration: lookup, parsing, spans, overrides and excludes.

use super::*;

fn parse(text: &str) -> Result<Config, DataError> {
    Config::parse(Path::new("/repo/otalint.toml"), text)
}

fn error_at(text: &str) -> (String, String) {
    let e = parse(text).expect_err("invalid");
    let span = e.span.clone().expect("span");
    (e.message, text[span].to_string())
}

#[test]
fn unknown_keys_rules_and_levels_point_at_their_text() {
    let (m, at) = error_at("extension = [\"xml\"]\n");
    assert!(m.contains("did you mean `extensions`?"), "{m}");
    assert!(at.contains("extension"), "{at}");
    let (m, at) = error_at("[rules]\npayload-formt = \"off\"\n");
    assert_eq!(
        m,
        "unknown rule or group `payload-formt`; did you mean `payload-format`?"
    );
    assert_eq!(at, "payload-formt");
    let (m, at) = error_at("[rules]\npayload-format = \"warn\"\n");
    assert_eq!(m, "`warn` is not a level; did you mean `warning`?");
    assert_eq!(at, "\"warn\"");
    let (m, _) = error_at("[rules]\nmalformed-xml = \"off\"\n");
    assert!(m.contains("cannot be re-levelled"), "{m}");
    let (m, at) = error_at("profile = \"hs3\"\n");
    assert!(m.starts_with("`hs3` is not a profile"), "{m}");
    assert_eq!(at, "\"hs3\"");
    let (m, _) = error_at("[[overrides]]\nfile = [\"a\"]\n");
    assert!(m.contains("did you mean `files`?"), "{m}");
}

/// A key below the wrong table header says where it landed and where it belongs, instead of
/// serde's "invalid type: sequence, expected a string".
#[test]
fn a_misplaced_key_says_which_table_it_landed_in() {
    let (m, at) = error_at("[rules]\nmissing-type = \"off\"\nexclude = [\"build/**\"]\n");
    assert_eq!(
        m,
        "`exclude` is in the `[rules]` table (every key after a table header belongs to that \
         table); `exclude` is a key of the top level, which comes before the first table header: \
         move it above `[rules]`"
    );
    assert_eq!(at, "exclude");
    let (m, at) = error_at("[[overrides]]\nfiles = [\"a/**\"]\nexclude = [\"b\"]\n");
    assert!(
        m.starts_with("`exclude` is in the `[[overrides]]` table"),
        "{m}"
    );
    assert_eq!(at, "exclude");
    let (m, at) =
        error_at("[[overrides]]\n[overrides.rules]\nmissing-type = \"off\"\nfiles = [\"a\"]\n");
    assert!(m.contains("a key of the `[[overrides]]` entry"), "{m}");
    assert_eq!(at, "files");
    // A rule named like a key is still a rule: only keys the tables know are moved.
    let (m, _) = error_at("[rules]\nexclud = [\"b\"]\n");
    assert!(!m.contains("is in the"), "{m}");
}

#[test]
fn overrides_apply_in_order_and_groups_cover_their_rules() {
    let c = parse(
        "[rules]\npairing = \"error\"\nmalformed-json = \"error\"\n\
         [[overrides]]\nfiles = [\"legacy/**\"]\nprofile = \"hs1\"\nrules = { echo-token = \"off\" }\n\
         [[overrides]]\nfiles = [\"*.draft.xml\"]\nrules = { all = \"info\" }\n",
    );
    // A fundamental rule inside a group or `all` is left alone, named alone it is not.
    assert!(c.is_err());
    let c = parse(
        "[rules]\npairing = \"error\"\n\
         [[overrides]]\nfiles = [\"legacy/**\"]\nprofile = \"hs1\"\nrules = { echo-token = \"off\" }\n\
         [[overrides]]\nfiles = [\"*.draft.xml\"]\nrules = { all = \"info\" }\n",
    )
    .expect("valid");
    let level = |at: &MatchedOverrides, name: &str| {
        let i = RULES.iter().position(|r| r.name == name).expect("rule");
        c.levels(at)[i]
    };
    let plain = c.for_path(Path::new("/repo/a.xml"));
    assert_eq!(plain.overrides, Vec::<usize>::new());
    assert_eq!(level(&plain, "echo-token"), Level::Error);
    let legacy = c.for_path(Path::new("/repo/legacy/x/a.xml"));
    assert_eq!(legacy.overrides, vec![0]);
    assert_eq!(level(&legacy, "echo-token"), Level::Off);
    assert_eq!(level(&legacy, "response-mismatch"), Level::Error);
    assert_eq!(c.profile(&legacy).expect("forced").0, Profile::Hs1);
    let draft = c.for_path(Path::new("/repo/legacy/b.draft.xml"));
    assert_eq!(draft.overrides, vec![0, 1]);
    assert_eq!(level(&draft, "echo-token"), Level::Info);
    assert_eq!(level(&draft, "malformed-xml"), Level::Error);
    // Outside the configuration's directory no glob matches.
    assert_eq!(
        c.for_path(Path::new("/elsewhere/legacy/a.xml")).overrides,
        Vec::<usize>::new()
    );
}

#[test]
fn excludes_cover_directories_and_names_at_any_depth() {
    let c = parse("exclude = [\"vendor\", \"fixtures/*.xml\"]\n").expect("valid");
    assert!(c.excluded(Path::new("/repo/vendor")));
    assert!(c.excluded(Path::new("/repo/a/vendor/b/c.xml")));
    assert!(c.excluded(Path::new("/repo/fixtures/a.xml")));
    assert!(!c.excluded(Path::new("/repo/fixtures/deep/a.xml")));
    assert!(!c.excluded(Path::new("/repo/vendors/a.xml")));
    assert!(!c.excluded(Path::new("/other/vendor/a.xml")));
}

proptest::proptest! {
    /// A configuration file is the user's, but a broken one must still be an error with a
    /// span inside the text, never a panic: random edits of a full configuration.
    #[test]
    fn broken_configurations_are_errors_never_panics(
        cut in 0usize..400,
        insert in "[\\[\\]=\"'#*{},. a-z\n-]{0,12}",
    ) {
        let full = "profile = \"hs2\"\nexclude = [\"vendor\", \"**/*.x\"]\n[rules]\n\
                    pairing = \"error\"\n[[overrides]]\nfiles = [\"a/**\"]\n\
                    rules = { echo-token = \"off\" }\n";
        let mut at = cut.min(full.len());
        while !full.is_char_boundary(at) {
            at -= 1;
        }
        let text = format!("{}{insert}{}", &full[..at], &full[at..]);
        if let Err(e) = parse(&text)
            && let Some(span) = e.span
        {
            proptest::prop_assert!(span.end <= text.len(), "{span:?} in {text:?}");
        }
    }
}

#[test]
fn paths_are_made_absolute_by_name() {
    assert_eq!(absolute(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
    // Against a working directory read once: a relative path joins it, an absolute one not.
    let cwd = Path::new("/w/repo");
    let in_cwd = |p: &str| crate::paths::absolute_in(cwd, Path::new(p));
    assert_eq!(in_cwd("./x/../y.xml"), PathBuf::from("/w/repo/y.xml"));
    assert_eq!(in_cwd("../other/z.xml"), PathBuf::from("/w/other/z.xml"));
    assert_eq!(in_cwd("/abs/./q.xml"), PathBuf::from("/abs/q.xml"));
    // The same as asking the system, when the directory is the real one.
    let here = crate::paths::working_dir();
    let rel = Path::new("a/./b.xml");
    assert_eq!(crate::paths::absolute_in(&here, rel), absolute(rel));
}

#[cfg(unix)]
#[test]
fn a_configuration_that_cannot_be_read_is_an_error_naming_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    std::fs::create_dir(root.join(".git")).expect("git");
    let found = |sub: &str| Config::find(&root.join(sub));
    std::fs::create_dir(root.join("otalint.toml")).expect("a directory");
    let e = found("").expect_err("a directory");
    assert!(e.starts_with("otalint.toml is a directory"), "{e}");
    std::fs::remove_dir(root.join("otalint.toml")).expect("rmdir");
    std::os::unix::fs::symlink("gone.toml", root.join("otalint.toml")).expect("link");
    std::fs::create_dir(root.join("sub")).expect("sub");
    let e = found("sub").expect_err("dangling");
    assert!(
        e.starts_with("../otalint.toml (a symbolic link to gone.toml) cannot be read"),
        "{e}"
    );
    std::fs::remove_file(root.join("otalint.toml")).expect("rm");
    std::os::unix::fs::symlink(".otalint.toml", root.join("loop-a")).expect("link");
    std::os::unix::fs::symlink("loop-a", root.join(".otalint.toml")).expect("link");
    let e = found("").expect_err("a loop");
    assert!(
        e.starts_with(".otalint.toml (a symbolic link to loop-a) cannot be read"),
        "{e}"
    );
}
