//! The real-document harness: lints the documents of `../shared/realworld/docs/` and scores
//! the findings against a reviewer's annotations (`tests/realworld/<document>.toml`), giving
//! each rule's precision and recall.
//!
//! Shared by the ratchet test (`tests/realworld.rs`) and the report
//! (`cargo run --example precision`). The annotation format and the reviewing policy are in
//! `tests/realworld/README.md`.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

use ccr_lint::settings::{Overrides, Settings};
use ccr_lint::{Diagnostic, lint};
use serde::Deserialize;

/// The reference date every document is linted against: after the newest document, so
/// "in the future" and "overdue" read the same on every machine and every day.
pub fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 1, 1)
}

/// Where the annotations live.
pub fn annotations_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/realworld")
}

/// Where the documents live: `$CCR_SHARED_DIR/realworld/docs`, else `../shared/realworld/docs`
/// beside the checkout. `None` when absent (a user's fresh clone).
pub fn documents_dir() -> Option<PathBuf> {
    let shared = std::env::var_os("CCR_SHARED_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    let docs = shared.join("realworld/docs");
    docs.is_dir().then_some(docs)
}

/// One annotation file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocFile {
    /// The document's file name in the documents folder.
    pub document: String,
    /// What kind of document it is, in a few words.
    pub kind: String,
    /// The reviewer's reading of the document as a whole (optional).
    #[serde(default)]
    pub notes: String,
    /// Every finding the reviewer wants. Anything else the linter reports is wrong.
    #[serde(default)]
    pub expect: Vec<Annotation>,
    /// Findings a linter is tempted to make and must not (documentation; they count as
    /// wrong like any finding not in `expect`, and are named as such in the details).
    #[serde(default)]
    pub reject: Vec<Annotation>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Rules {
    One(String),
    /// One problem that either rule may report (once).
    Any(Vec<String>),
}

impl Rules {
    fn list(&self) -> Vec<String> {
        match self {
            Rules::One(r) => vec![r.clone()],
            Rules::Any(v) => v.clone(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Annotation {
    /// A rule code or name, or a list of them when any one may report the problem.
    pub rule: Rules,
    /// The 1-based line the finding is on (its span overlaps the line, or `text` on it).
    #[serde(default)]
    pub line: Option<usize>,
    /// Text the finding's span overlaps: on `line`, else unique in the document.
    #[serde(default)]
    pub text: Option<String>,
    /// Text the finding's message contains (e.g. the section a missing-section names).
    #[serde(default)]
    pub message: Option<String>,
    /// How many findings this anchor wants (e.g. two contractions on one line).
    #[serde(default = "one")]
    pub count: usize,
    /// Why: what the reviewer sees in the document.
    pub why: String,
}

fn one() -> usize {
    1
}

/// An annotation resolved against its document.
#[derive(Debug, Clone)]
struct Anchor {
    codes: Vec<String>,
    /// Byte ranges a finding's span must overlap (several when `text` repeats on its line);
    /// `None`: anywhere in the document.
    ranges: Option<Vec<Range<usize>>>,
    message: Option<String>,
    count: usize,
    line: Option<usize>,
    text: Option<String>,
    why: String,
}

impl Anchor {
    fn width(&self) -> usize {
        self.ranges
            .as_ref()
            .map_or(usize::MAX, |r| r.iter().map(|r| r.len()).sum())
    }

    fn matches(&self, d: &Diagnostic) -> bool {
        if !self.codes.iter().any(|c| *c == d.rule.code) {
            return false;
        }
        if let Some(m) = &self.message
            && !d.message.contains(m.as_str())
        {
            return false;
        }
        match &self.ranges {
            None => true,
            Some(ranges) => ranges.iter().any(|r| overlaps(r, &d.span)),
        }
    }
}

/// Whether a finding's span touches an anchor; an empty span (a point) counts when it lies
/// inside the anchor or at either end.
fn overlaps(anchor: &Range<usize>, span: &Range<usize>) -> bool {
    if span.is_empty() {
        anchor.start <= span.start && span.start <= anchor.end
    } else {
        span.start < anchor.end && anchor.start < span.end
    }
}

/// Rule code for a code or name, or the code as written when it is a well-formed code of a
/// rule not built yet (its expected findings then count as missed).
fn code_of(rule: &str) -> Result<String, String> {
    if let Some(meta) = ccr_lint::rules::find(rule) {
        return Ok(meta.code.to_string());
    }
    let planned =
        rule.len() == 6 && rule.starts_with("CCR") && rule[3..].bytes().all(|b| b.is_ascii_digit());
    if planned {
        Ok(rule.to_string())
    } else {
        Err(format!("unknown rule '{rule}'"))
    }
}

/// Byte ranges of the document's lines, without their line endings.
fn line_ranges(source: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in source.bytes().enumerate() {
        if b == b'\n' {
            let end = if i > start && source.as_bytes()[i - 1] == b'\r' {
                i - 1
            } else {
                i
            };
            out.push(start..end);
            start = i + 1;
        }
    }
    if start < source.len() {
        out.push(start..source.len());
    }
    out
}

fn find_all(hay: &str, needle: &str, base: usize) -> Vec<Range<usize>> {
    hay.match_indices(needle)
        .map(|(i, m)| base + i..base + i + m.len())
        .collect()
}

fn resolve(a: &Annotation, source: &str, lines: &[Range<usize>]) -> Result<Anchor, String> {
    let codes = a
        .rule
        .list()
        .iter()
        .map(|r| code_of(r))
        .collect::<Result<Vec<_>, _>>()?;
    if codes.is_empty() {
        return Err("empty rule list".into());
    }
    if a.count == 0 {
        return Err("count must be at least 1".into());
    }
    if a.why.trim().is_empty() {
        return Err("every annotation says why".into());
    }
    let ranges = match (a.line, &a.text) {
        (None, None) => None,
        (Some(n), text) => {
            let line = n
                .checked_sub(1)
                .and_then(|i| lines.get(i))
                .ok_or_else(|| format!("line {n} is not in the document"))?;
            match text {
                None => Some(vec![line.clone()]),
                Some(t) => {
                    let found = find_all(&source[line.clone()], t, line.start);
                    if found.is_empty() {
                        return Err(format!("'{t}' is not on line {n}"));
                    }
                    Some(found)
                }
            }
        }
        (None, Some(t)) => {
            let found = find_all(source, t, 0);
            match found.len() {
                0 => return Err(format!("'{t}' is not in the document")),
                1 => Some(found),
                n => return Err(format!("'{t}' occurs {n} times: give its line")),
            }
        }
    };
    Ok(Anchor {
        codes,
        ranges,
        message: a.message.clone(),
        count: a.count,
        line: a.line,
        text: a.text.clone(),
        why: a.why.clone(),
    })
}

/// A finding that no annotation wanted.
#[derive(Debug, Clone)]
pub struct Wrong {
    pub document: String,
    pub line: usize,
    pub column: usize,
    pub code: String,
    pub name: String,
    pub message: String,
    /// The reject annotation that names it, if any.
    pub reject_why: Option<String>,
}

/// A wanted finding the linter did not make.
#[derive(Debug, Clone)]
pub struct Missed {
    pub document: String,
    pub code: String,
    pub line: Option<usize>,
    pub text: Option<String>,
    pub message: Option<String>,
    pub why: String,
}

/// Counts for one rule.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Findings the linter made.
    pub found: usize,
    /// Of those, findings an annotation wanted.
    pub correct: usize,
    /// Findings the annotations want (attributed to the first rule they name).
    pub expected: usize,
    /// Of those, the ones a finding matched.
    pub hit: usize,
}

impl Counts {
    pub fn precision(&self) -> Option<f64> {
        (self.found > 0).then(|| self.correct as f64 / self.found as f64)
    }
    pub fn recall(&self) -> Option<f64> {
        (self.expected > 0).then(|| self.hit as f64 / self.expected as f64)
    }
    fn add(&mut self, o: &Counts) {
        self.found += o.found;
        self.correct += o.correct;
        self.expected += o.expected;
        self.hit += o.hit;
    }
}

/// The whole measurement.
#[derive(Debug, Default)]
pub struct Measurement {
    pub documents: usize,
    pub per_rule: BTreeMap<String, Counts>,
    pub wrong: Vec<Wrong>,
    pub missed: Vec<Missed>,
}

impl Measurement {
    pub fn overall(&self) -> Counts {
        let mut total = Counts::default();
        for c in self.per_rule.values() {
            total.add(c);
        }
        total
    }
}

/// Reads every annotation file (sorted by name).
pub fn load_annotations() -> Result<Vec<(PathBuf, DocFile)>, String> {
    let dir = annotations_dir();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml") && !is_ratchet(p))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for p in paths {
        let text = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
        let file: DocFile = toml::from_str(&text).map_err(|e| format!("{}: {e}", p.display()))?;
        out.push((p, file));
    }
    Ok(out)
}

fn is_ratchet(p: &Path) -> bool {
    p.file_name().is_some_and(|n| n == "ratchet.toml")
}

pub fn settings() -> Settings {
    let overrides = Overrides {
        select: None,
        ignore: Vec::new(),
        today: Some(today()),
    };
    Settings::without_config(&overrides).expect("the built-in data loads")
}

/// An annotation file resolved against its document.
struct Resolved {
    source: String,
    lines: Vec<Range<usize>>,
    expect: Vec<Anchor>,
    reject: Vec<Anchor>,
}

fn resolve_file(docs: &Path, shown: &str, file: &DocFile) -> Result<Resolved, Vec<String>> {
    let doc_path = docs.join(&file.document);
    let source = std::fs::read(&doc_path)
        .map_err(|e| e.to_string())
        .and_then(|b| ccr_lint::document::decode(b).map_err(|e| e.to_string()))
        .map_err(|e| vec![format!("{shown}: {}: {e}", doc_path.display())])?;
    let lines = line_ranges(&source);
    let mut errors = Vec::new();
    let mut anchors = |list: &[Annotation], what: &str| {
        let mut out = Vec::new();
        for (i, a) in list.iter().enumerate() {
            match resolve(a, &source, &lines) {
                Ok(anchor) => out.push(anchor),
                Err(e) => errors.push(format!("{shown}: {what} #{}: {e}", i + 1)),
            }
        }
        out
    };
    let expect = anchors(&file.expect, "expect");
    let reject = anchors(&file.reject, "reject");
    if errors.is_empty() {
        Ok(Resolved {
            source,
            lines,
            expect,
            reject,
        })
    } else {
        Err(errors)
    }
}

fn shown_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Resolves every annotation without linting: the number of annotation files and entries,
/// or what does not resolve.
pub fn check(docs: &Path, only: Option<&str>) -> Result<(usize, usize), Vec<String>> {
    let files = load_annotations().map_err(|e| vec![e])?;
    let (mut n, mut entries, mut errors) = (0, 0, Vec::new());
    for (ann_path, file) in &files {
        if only.is_some_and(|o| !file.document.contains(o)) {
            continue;
        }
        match resolve_file(docs, &shown_name(ann_path), file) {
            Ok(r) => {
                n += 1;
                entries += r.expect.len() + r.reject.len();
            }
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok((n, entries))
    } else {
        Err(errors)
    }
}

/// Lints every annotated document and scores the findings. `only` limits the run to
/// documents whose name contains it. Errors: an unreadable document or a bad annotation.
pub fn measure(docs: &Path, only: Option<&str>) -> Result<Measurement, Vec<String>> {
    let files = load_annotations().map_err(|e| vec![e])?;
    let settings = settings();
    let mut m = Measurement::default();
    let mut errors = Vec::new();
    for (ann_path, file) in &files {
        if only.is_some_and(|o| !file.document.contains(o)) {
            continue;
        }
        let r = match resolve_file(docs, &shown_name(ann_path), file) {
            Ok(r) => r,
            Err(e) => {
                errors.extend(e);
                continue;
            }
        };
        m.documents += 1;
        // Links resolve against the document's own repository, which is not here: lint
        // without a path, so attachment links are not checked.
        let diags = lint(&r.source, &settings);
        score(
            &file.document,
            &r.source,
            &r.lines,
            &diags,
            &r.expect,
            &r.reject,
            &mut m,
        );
    }
    if errors.is_empty() {
        Ok(m)
    } else {
        Err(errors)
    }
}

fn line_col(lines: &[Range<usize>], source: &str, at: usize) -> (usize, usize) {
    let i = lines
        .partition_point(|l| l.end < at)
        .min(lines.len().saturating_sub(1));
    let start = lines.get(i).map_or(0, |l| l.start).min(at);
    let col = source.get(start..at).map_or(1, |s| s.chars().count() + 1);
    (i + 1, col)
}

fn score(
    document: &str,
    source: &str,
    lines: &[Range<usize>],
    diags: &[Diagnostic],
    expect: &[Anchor],
    reject: &[Anchor],
    m: &mut Measurement,
) {
    let mut left: Vec<usize> = expect.iter().map(|a| a.count).collect();
    // The most specific anchors first, so a broad one does not take a finding a narrow one wants.
    let mut order: Vec<usize> = (0..expect.len()).collect();
    order.sort_by_key(|&i| expect[i].width());
    for d in diags {
        let counts = m.per_rule.entry(d.rule.code.to_string()).or_default();
        counts.found += 1;
        let taken = order
            .iter()
            .copied()
            .find(|&i| left[i] > 0 && expect[i].matches(d));
        if let Some(i) = taken {
            left[i] -= 1;
            counts.correct += 1;
        } else {
            let (line, column) = line_col(lines, source, d.span.start);
            m.wrong.push(Wrong {
                document: document.to_string(),
                line,
                column,
                code: d.rule.code.to_string(),
                name: d.rule.name.to_string(),
                message: d.message.clone(),
                reject_why: reject.iter().find(|r| r.matches(d)).map(|r| r.why.clone()),
            });
        }
    }
    for (i, a) in expect.iter().enumerate() {
        let counts = m.per_rule.entry(a.codes[0].clone()).or_default();
        counts.expected += a.count;
        counts.hit += a.count - left[i];
        for _ in 0..left[i] {
            m.missed.push(Missed {
                document: document.to_string(),
                code: a.codes[0].clone(),
                line: a.line,
                text: a.text.clone(),
                message: a.message.clone(),
                why: a.why.clone(),
            });
        }
    }
}

fn pct(v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_string(), |v| format!("{:.1} %", v * 100.0))
}

fn rule_name(code: &str) -> &'static str {
    ccr_lint::rules::find(code).map_or("(not built)", |m| m.name)
}

/// The per-rule table as Markdown (the README's form).
pub fn table(m: &Measurement) -> String {
    let mut out = String::new();
    out.push_str("| rule | found | correct | precision | expected | found of those | recall |\n");
    out.push_str("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (code, c) in &m.per_rule {
        let _ = writeln!(
            out,
            "| {code} `{}` | {} | {} | {} | {} | {} | {} |",
            rule_name(code),
            c.found,
            c.correct,
            pct(c.precision()),
            c.expected,
            c.hit,
            pct(c.recall()),
        );
    }
    let t = m.overall();
    let _ = writeln!(
        out,
        "| **all rules** | {} | {} | **{}** | {} | {} | **{}** |",
        t.found,
        t.correct,
        pct(t.precision()),
        t.expected,
        t.hit,
        pct(t.recall()),
    );
    out
}

/// Every wrong and missed finding, for whoever works on a rule.
pub fn details(m: &Measurement, rule: Option<&str>) -> String {
    let keep = |code: &str| rule.is_none_or(|r| code_of(r).is_ok_and(|c| c == code));
    let mut out = String::new();
    for w in m.wrong.iter().filter(|w| keep(&w.code)) {
        let _ = write!(
            out,
            "wrong  {}:{}:{} {} {}: {}",
            w.document, w.line, w.column, w.code, w.name, w.message
        );
        if let Some(why) = &w.reject_why {
            let _ = write!(out, "  [rejected: {why}]");
        }
        out.push('\n');
    }
    for x in m.missed.iter().filter(|x| keep(&x.code)) {
        let at = x.line.map(|l| format!(":{l}")).unwrap_or_default();
        let what = x
            .text
            .as_deref()
            .or(x.message.as_deref())
            .unwrap_or("(anywhere)");
        let _ = writeln!(
            out,
            "missed {}{at} {} {}: '{what}' — {}",
            x.document,
            x.code,
            rule_name(&x.code),
            x.why
        );
    }
    out
}

/// The floors the measurement may not fall below (`tests/realworld/ratchet.toml`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ratchet {
    pub overall: Floor,
    #[serde(default)]
    pub rules: BTreeMap<String, Floor>,
}

#[derive(Debug, Deserialize, Clone, Copy)]
#[serde(deny_unknown_fields)]
pub struct Floor {
    #[serde(default)]
    pub precision: f64,
    #[serde(default)]
    pub recall: f64,
}

pub fn load_ratchet() -> Result<Ratchet, String> {
    let p = annotations_dir().join("ratchet.toml");
    let text = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
    toml::from_str(&text).map_err(|e| format!("{}: {e}", p.display()))
}

/// Where the measurement falls below the ratchet (empty: it holds).
pub fn below(m: &Measurement, r: &Ratchet) -> Vec<String> {
    // Rounding noise in a ratio of small counts is not a regression.
    const EPS: f64 = 1e-9;
    let mut out = Vec::new();
    let mut check = |what: &str, c: &Counts, f: &Floor| {
        if let Some(p) = c.precision()
            && p + EPS < f.precision
        {
            out.push(format!(
                "{what}: precision {} is below the recorded {:.1} %",
                pct(Some(p)),
                f.precision * 100.0
            ));
        }
        if let Some(rc) = c.recall()
            && rc + EPS < f.recall
        {
            out.push(format!(
                "{what}: recall {} is below the recorded {:.1} %",
                pct(Some(rc)),
                f.recall * 100.0
            ));
        }
    };
    check("all rules", &m.overall(), &r.overall);
    for (rule, floor) in &r.rules {
        let code = code_of(rule).unwrap_or_else(|_| rule.clone());
        let c = m.per_rule.get(&code).copied().unwrap_or_default();
        check(&code, &c, floor);
    }
    out
}
