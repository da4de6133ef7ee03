//! Renderers: human (miette snippets), concise (one line each), json (versioned document),
//! sarif (SARIF 2.1.0) and github (workflow commands).
//! Line and column are computed here, at the edge, from a line index built once per file.

mod concise;
mod excerpt;
mod github;
mod human;
mod json;
mod pretty;
mod sarif;

use std::io::{self, Write};

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::document::LineIndex;

pub use excerpt::Excerpt;
pub use human::HumanOptions;

/// One linted file, ready to render.
#[derive(Debug)]
pub struct FileReport {
    /// The path as shown to the user.
    pub path: String,
    pub source: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl FileReport {
    pub fn line_index(&self) -> LineIndex {
        LineIndex::new(&self.source)
    }
}

/// Counts over a whole run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Diagnostics with a safe fix (applied by `--fix`).
    pub fixable: usize,
    /// Diagnostics with an unsafe fix (applied by `--fix --unsafe-fixes`).
    #[serde(skip)]
    pub unsafe_fixable: usize,
}

impl Summary {
    pub fn of(files: &[FileReport]) -> Summary {
        let mut s = Summary {
            files: files.len(),
            ..Summary::default()
        };
        for d in files.iter().flat_map(|f| &f.diagnostics) {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
            match d.fix.as_ref().map(|f| f.applicability) {
                Some(Applicability::Safe) => s.fixable += 1,
                Some(Applicability::Unsafe) => s.unsafe_fixable += 1,
                _ => {}
            }
        }
        s
    }

    /// The closing line of human and concise output; `unlinted` counts inputs that could not
    /// be linted (reported on standard error).
    pub fn line(&self, unlinted: usize) -> String {
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        let files = plural(self.files, "file");
        let skipped = if unlinted > 0 {
            format!(
                " {} could not be linted (see the errors above).",
                plural(unlinted, "input")
            )
        } else {
            String::new()
        };
        if self.errors + self.warnings + self.infos == 0 {
            let lead = if unlinted > 0 {
                "No problems"
            } else {
                "All checks passed"
            };
            return format!("{lead} ({files} checked).{skipped}");
        }
        let mut line = format!(
            "Found {}, {}, {} in {files}.",
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.infos, "info")
        );
        if self.fixable > 0 {
            line.push_str(&format!(" {} fixable with --fix.", self.fixable));
        }
        if self.unsafe_fixable > 0 {
            line.push_str(&format!(
                " {} more with --fix --unsafe-fixes.",
                self.unsafe_fixable
            ));
        }
        line.push_str(&skipped);
        line
    }
}

/// Writes diagnostics in the chosen format.
pub fn human(out: &mut dyn Write, files: &[FileReport], opts: &HumanOptions) -> io::Result<()> {
    human::render(out, files, opts)
}

pub fn concise(out: &mut dyn Write, files: &[FileReport]) -> io::Result<()> {
    concise::render(out, files)
}

pub fn json(out: &mut dyn Write, files: &[FileReport]) -> io::Result<()> {
    json::render(out, files)
}

pub fn sarif(out: &mut dyn Write, files: &[FileReport]) -> io::Result<()> {
    sarif::render(out, files)
}

pub fn github(out: &mut dyn Write, files: &[FileReport]) -> io::Result<()> {
    github::render(out, files)
}

/// `--statistics`: diagnostics per rule, most frequent first, with how many of them the
/// same run with `--fix` would fix (`unsafe_fixes`: as if `--unsafe-fixes` were given too).
pub fn statistics(
    out: &mut dyn Write,
    files: &[FileReport],
    as_json: bool,
    unsafe_fixes: bool,
) -> io::Result<()> {
    let mut rows: std::collections::BTreeMap<(String, String), (usize, usize)> = Default::default();
    for d in files.iter().flat_map(|f| &f.diagnostics) {
        let e = rows
            .entry((d.rule.code.to_string(), d.rule.name.to_string()))
            .or_default();
        e.0 += 1;
        if d.fix
            .as_ref()
            .is_some_and(|f| crate::fix::applies(f.applicability, unsafe_fixes))
        {
            e.1 += 1;
        }
    }
    let mut rows: Vec<_> = rows.into_iter().collect();
    rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then_with(|| a.0.cmp(&b.0)));
    if as_json {
        let list: Vec<_> = rows
            .iter()
            .map(|((code, name), (count, fixable))| {
                serde_json::json!({"code": code, "name": name, "count": count, "fixable": fixable})
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &list)?;
        return writeln!(out);
    }
    for ((code, name), (count, fixable)) in rows {
        let fix = if fixable > 0 {
            format!("  ({fixable} fixable)")
        } else {
            String::new()
        };
        writeln!(out, "{count:>6}  {code:<7} {name}{fix}")?;
    }
    Ok(())
}

/// A short, one-line rendering of what a fix does, for the human and concise formats.
pub fn describe_fix(source: &str, d: &Diagnostic) -> Option<String> {
    let fix = d.fix.as_ref()?;
    let how = match fix.applicability {
        Applicability::Safe => "safe fix",
        Applicability::Unsafe => "unsafe fix (--unsafe-fixes)",
        Applicability::DisplayOnly => "suggestion",
    };
    let mut text = format!("{how}: {}", fix.message);
    if let [edit] = fix.edits.as_slice() {
        let old = source.get(edit.span.clone()).unwrap_or("");
        let show = |s: &str| {
            let one = s.trim().replace('\r', "").replace('\n', "⏎");
            if one.chars().count() > 60 {
                format!("{}…", one.chars().take(60).collect::<String>())
            } else {
                one
            }
        };
        if !old.is_empty() && !edit.replacement.is_empty() {
            text.push_str(&format!(
                " (`{}` → `{}`)",
                show(old),
                show(&edit.replacement)
            ));
        } else if old.is_empty()
            && !edit.replacement.is_empty()
            && fix.applicability == Applicability::DisplayOnly
        {
            text.push_str(&format!(": `{}`", show(&edit.replacement)));
        }
    }
    Some(text)
}
