//! Which walked entries the ignore files hide, decided the way ripgrep's `ignore` crate decides
//! (the crate's `Gitignore` matchers do the matching; this module only keeps them). The crate's
//! own walker builds every matcher of every ancestor again for each directory it is asked to
//! list; here a directory's matchers are read once, when the walk enters it, and dropped when it
//! leaves, so a tree of many directories costs what one directory costs.
//!
//! The rules, as in `ignore` 0.4 with its standard filters: in each directory `.ignore` and, in
//! a Git (or Jujutsu) repository, `.gitignore` and the repository's `info/exclude`; the same
//! files in every ancestor of a named directory; the global excludes file of Git's
//! configuration. The innermost file that matches decides; `.ignore` comes before `.gitignore`,
//! which comes before `info/exclude`, which comes before the global file; `.gitignore` files
//! above the repository's root do not count. A hidden name (`.x`) is skipped unless a rule
//! whitelists it.

use std::path::{Path, PathBuf};

use ignore::Match;
use ignore::gitignore::{Gitignore, GitignoreBuilder};

/// The matchers of one directory.
struct Level {
    ignore: Option<Gitignore>,
    git_ignore: Option<Gitignore>,
    git_exclude: Option<Gitignore>,
    has_git: bool,
}

impl Level {
    fn has_rules(&self) -> bool {
        self.ignore.is_some() || self.git_ignore.is_some() || self.git_exclude.is_some()
    }
}

/// The matchers in force where the walk is: the ancestors of the named directory (matched with
/// absolute paths), then the named directory and the directories walked into below it.
pub(super) struct Ignores {
    respect: bool,
    hidden: bool,
    global: Option<Gitignore>,
    /// The named directory, absolute.
    base: Option<PathBuf>,
    parents: Vec<Level>,
    levels: Vec<Level>,
    /// The absolute path of each directory of `levels`, while the parents hold rules.
    absolute: Vec<PathBuf>,
    /// The absolute path of the entry being matched.
    scratch: PathBuf,
    /// How many of `levels` hold a rule, and whether `parents` do: most walks meet no ignore
    /// file at all, and then an entry costs no path work.
    levels_with_rules: usize,
    parents_have_rules: bool,
}

impl Ignores {
    /// `respect`: read ignore files at all; `hidden`: walk hidden names too.
    pub(super) fn new(respect: bool, hidden: bool) -> Self {
        let global = respect.then(global_excludes).flatten();
        Ignores {
            respect,
            hidden,
            global,
            base: None,
            parents: Vec::new(),
            levels: Vec::new(),
            absolute: Vec::new(),
            scratch: PathBuf::new(),
            levels_with_rules: 0,
            parents_have_rules: false,
        }
    }

    /// Starts the walk of a named directory: its ancestors' ignore files apply in it.
    pub(super) fn start(&mut self, dir: &Path, errors: &mut Vec<(PathBuf, String)>) {
        self.levels.clear();
        self.absolute.clear();
        self.parents.clear();
        self.base = None;
        self.levels_with_rules = 0;
        self.parents_have_rules = false;
        if !self.respect {
            return;
        }
        let Ok(absolute) = std::fs::canonicalize(dir) else {
            return;
        };
        let mut ancestors: Vec<&Path> = absolute.ancestors().skip(1).collect();
        ancestors.reverse();
        self.parents = ancestors
            .into_iter()
            .map(|parent| level(parent, errors))
            .collect();
        self.parents_have_rules = self.parents.iter().any(Level::has_rules);
        self.base = Some(absolute);
    }

    /// Enters a directory being listed (the named one first).
    pub(super) fn enter(&mut self, dir: &Path, errors: &mut Vec<(PathBuf, String)>) {
        if self.respect {
            let level = level(dir, errors);
            self.levels_with_rules += usize::from(level.has_rules());
            self.levels.push(level);
            if self.parents_have_rules {
                let absolute = match (self.absolute.last(), dir.file_name()) {
                    (Some(up), Some(name)) => up.join(name),
                    _ => self.base.clone().unwrap_or_default(),
                };
                self.absolute.push(absolute);
            }
        }
    }

    /// Leaves the innermost directory.
    pub(super) fn leave(&mut self) {
        if let Some(level) = self.levels.pop() {
            self.levels_with_rules -= usize::from(level.has_rules());
        }
        self.absolute.pop();
    }

    /// Whether the walk skips an entry of the innermost directory.
    pub(super) fn skips(&mut self, path: &Path, name: &std::ffi::OsStr, is_dir: bool) -> bool {
        let any_rules =
            self.levels_with_rules > 0 || self.parents_have_rules || self.global.is_some();
        let verdict = if self.respect && any_rules {
            self.matched(path, name, is_dir)
        } else {
            Match::None
        };
        match verdict {
            Match::Ignore(()) => true,
            Match::Whitelist(()) => false,
            Match::None => !self.hidden && name.as_encoded_bytes().starts_with(b"."),
        }
    }

    fn matched(&mut self, path: &Path, name: &std::ffi::OsStr, is_dir: bool) -> Match<()> {
        // `./a.xml` is `a.xml` to a matcher (compared as bytes: a `Path` comparison walks
        // components and costs more than the match).
        let bytes = path.as_os_str().as_encoded_bytes();
        let path = match bytes.strip_prefix(b"./") {
            Some(rest) => Path::new(super::listing::os_str(rest)),
            None => path,
        };
        let any_git = self.levels.iter().chain(&self.parents).any(|l| l.has_git);
        let (mut ignore, mut git, mut exclude) = (Match::None, Match::None, Match::None);
        let mut saw_git = false;
        let mut visit = |level: &Level, path: &Path| {
            let test = |m: &Option<Gitignore>| {
                m.as_ref()
                    .map_or(Match::None, |g| g.matched(path, is_dir).map(|_| ()))
            };
            if ignore.is_none() {
                ignore = test(&level.ignore);
            }
            if any_git && !saw_git && git.is_none() {
                git = test(&level.git_ignore);
            }
            if any_git && !saw_git && exclude.is_none() {
                exclude = test(&level.git_exclude);
            }
            saw_git = saw_git || level.has_git;
        };
        for level in self.levels.iter().rev() {
            visit(level, path);
        }
        if let Some(dir) = self.absolute.last() {
            // The ancestors' files match the entry's absolute path, built in one buffer kept
            // between entries (a join would allocate for each).
            let path = &mut self.scratch;
            path.as_mut_os_string().clear();
            path.push(dir);
            path.push(name);
            let path = &*path;
            for level in self.parents.iter().rev() {
                visit(level, path);
            }
        }
        let global = match &self.global {
            Some(g) if any_git => g.matched(path, is_dir).map(|_| ()),
            _ => Match::None,
        };
        ignore.or(git).or(exclude).or(global)
    }
}

/// The matcher of Git's global excludes file, rooted at the current directory, found where the
/// `ignore` crate looks (`Gitignore::global`). Its own lookup compiles a regular expression to
/// read one line of the Git configuration, which cost a run more than walking 1,000 files; the
/// line is read by hand here, with the same meaning (`parses_excludes_file_as_ignore_does`).
fn global_excludes() -> Option<Gitignore> {
    let home = std::env::home_dir();
    let env_path = |name: &str| {
        std::env::var_os(name)
            .map(PathBuf::from)
            .filter(|p| !p.as_os_str().is_empty())
    };
    let xdg = env_path("XDG_CONFIG_HOME").or_else(|| home.as_ref().map(|h| h.join(".config")));
    let configs = [
        env_path("GIT_CONFIG_GLOBAL"),
        home.as_ref().map(|h| h.join(".gitconfig")),
        xdg.as_ref().map(|x| x.join("git/config")),
        Some(env_path("GIT_CONFIG_SYSTEM").unwrap_or_else(|| PathBuf::from("/etc/gitconfig"))),
    ];
    let named = configs
        .iter()
        .flatten()
        .filter_map(|config| std::fs::read(config).ok())
        .find_map(|text| excludes_file(&text))
        .map(|value| {
            let home = home.as_ref().map(|h| h.to_string_lossy().into_owned());
            PathBuf::from(home.map_or_else(|| value.clone(), |h| value.replace('~', &h)))
        });
    let file = named.or_else(|| xdg.map(|x| x.join("git/ignore")))?;
    if !file.is_file() {
        return None;
    }
    let mut builder = GitignoreBuilder::new(std::env::current_dir().ok()?);
    let _ = builder.add(&file);
    builder.build().ok().filter(|g| !g.is_empty())
}

/// The value of the first `excludesfile = VALUE` setting of a Git configuration, read as the
/// `ignore` crate's expression reads it: any case, blanks (even line breaks) around the `=`, the
/// value one word up to the end of its line, optionally quoted.
fn excludes_file(text: &[u8]) -> Option<String> {
    // `\s` of the expression: ASCII blanks, vertical tab included.
    let blank = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r');
    let skip = |s: &[u8]| -> usize { s.iter().position(|b| !blank(b)).unwrap_or(s.len()) };
    let starts = std::iter::once(0).chain(memchr::memchr_iter(b'\n', text).map(|i| i + 1));
    starts.filter(|&at| at <= text.len()).find_map(|at| {
        let mut rest = &text[at..];
        rest = &rest[skip(rest)..];
        if !rest.get(..12)?.eq_ignore_ascii_case(b"excludesfile") {
            return None;
        }
        rest = &rest[12..];
        rest = rest[skip(rest)..].strip_prefix(b"=")?;
        rest = &rest[skip(rest)..];
        rest = rest.strip_prefix(b"\"").unwrap_or(rest);
        rest = &rest[skip(rest)..];
        let mut line = &rest[..memchr::memchr(b'\n', rest).unwrap_or(rest.len())];
        let trim_end =
            |s: &[u8]| s.len() - s.iter().rev().position(|b| !blank(b)).unwrap_or(s.len());
        line = &line[..trim_end(line)];
        // A closing quote ends the value, unless it is all the value there is.
        if let Some(value) = line.strip_suffix(b"\"").map(|v| &v[..trim_end(v)])
            && !value.is_empty()
        {
            line = value;
        }
        let word = !line.is_empty() && !line.iter().any(blank);
        word.then(|| String::from_utf8(line.to_vec()).ok())
            .flatten()
    })
}

/// A directory's matchers, read from the files that are there.
fn level(dir: &Path, errors: &mut Vec<(PathBuf, String)>) -> Level {
    let git = dir.join(".git");
    let git_type = std::fs::metadata(&git).ok().map(|m| m.file_type());
    let has_git = git_type.is_some() || dir.join(".jj").exists();
    let git_exclude = git_type
        .and_then(|t| common_dir(&git, t.is_file()))
        .and_then(|common| matcher(dir, &common.join("info/exclude"), errors));
    Level {
        ignore: matcher(dir, &dir.join(".ignore"), errors),
        git_ignore: matcher(dir, &dir.join(".gitignore"), errors),
        git_exclude,
        has_git,
    }
}

/// The repository directory whose `info/exclude` counts: `.git` itself, or for a worktree (a
/// `.git` file saying `gitdir: …`) the common directory its `commondir` names.
fn common_dir(git: &Path, is_file: bool) -> Option<PathBuf> {
    if !is_file {
        return Some(git.to_path_buf());
    }
    let first_line = |path: &Path| {
        let text = std::fs::read_to_string(path).ok()?;
        text.lines().next().map(str::to_string)
    };
    let real = PathBuf::from(first_line(git)?.strip_prefix("gitdir: ")?);
    let common = first_line(&real.join("commondir"))?;
    Some(if common.starts_with('.') {
        real.join(common)
    } else {
        PathBuf::from(common)
    })
}

/// The matcher of one ignore file, rooted at `dir`; `None` when there is no such file. A line
/// that is not a valid pattern is reported and the rest of the file still counts.
fn matcher(dir: &Path, file: &Path, errors: &mut Vec<(PathBuf, String)>) -> Option<Gitignore> {
    if !file.is_file() {
        return None;
    }
    let mut builder = GitignoreBuilder::new(dir);
    if let Some(err) = builder.add(file) {
        errors.push(super::walk_error(&err, file));
    }
    match builder.build() {
        Ok(g) => Some(g).filter(|g| !g.is_empty()),
        Err(err) => {
            errors.push(super::walk_error(&err, file));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_global_excludes_file_the_crate_finds() {
        let (theirs, _) = Gitignore::global();
        let ours = global_excludes();
        assert_eq!(ours.as_ref().map_or(0, Gitignore::len), theirs.len());
        assert_eq!(ours.is_some(), !theirs.is_empty());
    }

    #[test]
    fn parses_excludes_file_as_ignore_does() {
        // The expression the `ignore` crate reads `core.excludesFile` with.
        let theirs =
            regex::bytes::Regex::new(r#"(?im-u)^\s*excludesfile\s*=\s*"?\s*(\S+?)\s*"?\s*$"#)
                .expect("valid");
        let texts = [
            "[core]\n\texcludesfile = ~/.gitignore_global\n",
            "[core]\n  ExcludesFile=\"/etc/ignore\"  \n",
            "[core]\nexcludesfile = \" spaced \"\n",
            "excludesfile = two words\nexcludesfile = second\n",
            "excludesfile =\nexcludesfile = x\n",
            "excludesfiles = no\n",
            "[user]\nname = x\n",
            "  excludesfile\t=\t\"q\"\r\n",
            "excludesfile = a\"\n",
            "excludesfile = \"b\n",
            "# excludesfile = commented\n",
            "excludesfile =\n\n   next-line\n",
            "excludesfile = \"\n quoted-next \"\n",
            "excludesfile\n= split\n",
            "excludesfile = v\x0b\n",
            "excludesfile = \"\"\n",
            "excludesfile = a\"\"\n",
            "excludesfile = x",
            "",
        ];
        for text in texts {
            let expected = theirs
                .captures(text.as_bytes())
                .and_then(|c| c.get(1))
                .map(|m| String::from_utf8_lossy(m.as_bytes()).into_owned());
            assert_eq!(excludes_file(text.as_bytes()), expected, "{text:?}");
        }
    }
}
