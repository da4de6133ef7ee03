//! Finding the reports in a folder: Markdown files, honouring .gitignore and .ignore, and,
//! when a folder yields none, saying how many were passed over and why.

use std::path::{Component, Path, PathBuf};

use crate::app::io_reason;

/// Markdown files under `dir`, honouring .gitignore (also outside a git repository) and
/// skipping hidden files, sorted; and the errors met on the way (unreadable folders,
/// symbolic link loops), for the user.
pub fn walk(dir: &Path) -> (Vec<PathBuf>, Vec<String>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let walker = ignore::WalkBuilder::new(dir)
        .follow_links(true)
        .require_git(false)
        .build();
    for entry in walker {
        match entry {
            Ok(e) if is_markdown_file(&e) => out.push(e.into_path()),
            Ok(_) => {}
            Err(e) => errors.push(walk_reason(&e)),
        }
    }
    out.sort();
    (out, errors)
}

fn is_markdown_file(e: &ignore::DirEntry) -> bool {
    e.file_type().is_some_and(|t| t.is_file())
        && e.path()
            .extension()
            .and_then(|x| x.to_str())
            .is_some_and(|x| x.eq_ignore_ascii_case("md") || x.eq_ignore_ascii_case("markdown"))
}

fn walk_reason(e: &ignore::Error) -> String {
    match e {
        ignore::Error::WithPath { path, err } => {
            format!("{}: {}", path.display(), walk_reason(err))
        }
        ignore::Error::WithDepth { err, .. } => walk_reason(err),
        ignore::Error::Loop { ancestor, child } => {
            format!(
                "{}: symbolic link loop back to {}; not followed",
                child.display(),
                ancestor.display()
            )
        }
        ignore::Error::Io(io) => io_reason(io),
        other => other.to_string(),
    }
}

/// Files a folder walk found that the config's `include`/`exclude` left out.
#[derive(Debug, Default)]
pub struct Excluded {
    count: usize,
    /// The config that left out the first of them.
    config: Option<PathBuf>,
}

impl Excluded {
    pub fn add(&mut self, config: Option<&Path>) {
        self.count += 1;
        if self.config.is_none() {
            self.config = config.map(Path::to_path_buf);
        }
    }
}

/// Why a folder yields no report to lint: `found` are the Markdown files the walk found
/// (all of them left out by the config), and a second walk without the ignore rules
/// counts the ones it passed over.
pub fn nothing_to_lint(dir: &Path, found: &[PathBuf], excluded: &Excluded) -> String {
    let found: std::collections::HashSet<&Path> = found.iter().map(PathBuf::as_path).collect();
    let (mut ignored, mut hidden) = (0, 0);
    let everything = ignore::WalkBuilder::new(dir)
        .standard_filters(false)
        .follow_links(true)
        .filter_entry(|e| e.file_name() != ".git")
        .build();
    for e in everything.flatten() {
        if !is_markdown_file(&e) || found.contains(e.path()) {
            continue;
        }
        let rel = e.path().strip_prefix(dir).unwrap_or(e.path());
        let is_hidden = rel.components().any(|c| match c {
            Component::Normal(name) => name.to_string_lossy().starts_with('.'),
            _ => false,
        });
        if is_hidden {
            hidden += 1;
        } else {
            ignored += 1;
        }
    }
    let mut reasons = Vec::new();
    if ignored > 0 {
        reasons.push((
            ignored,
            "ignored by .gitignore or .ignore rules".to_string(),
        ));
    }
    if hidden > 0 {
        reasons.push((
            hidden,
            "hidden (its name or a folder's starts with '.')".to_string(),
        ));
    }
    if excluded.count > 0 {
        let config = excluded
            .config
            .as_deref()
            .map(|c| format!(" ({})", shown(c)))
            .unwrap_or_default();
        reasons.push((
            excluded.count,
            format!("excluded by the config's include/exclude{config}"),
        ));
    }
    if reasons.is_empty() {
        return "no reports (*.md) found in this folder".to_string();
    }
    let parts: Vec<String> = reasons
        .iter()
        .enumerate()
        .map(|(i, (n, why))| {
            let verb = if *n == 1 { "is" } else { "are" };
            match (i, *n) {
                (0, 1) => format!("1 Markdown file {verb} {why}"),
                (0, n) => format!("{n} Markdown files {verb} {why}"),
                (_, n) => format!("{n} {verb} {why}"),
            }
        })
        .collect();
    format!(
        "no reports to lint in this folder: {}; name a file on the command line to lint it anyway",
        parts.join(", ")
    )
}

/// A path as the user would write it: relative to the working folder when inside it.
fn shown(path: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    path.strip_prefix(&cwd)
        .unwrap_or(path)
        .display()
        .to_string()
}
