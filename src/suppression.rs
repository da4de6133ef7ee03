//! Inline suppression comments, read from the HTML comments the one pass collected:
//!
//! - `<!-- ccr-lint-disable RULES -->` … `<!-- ccr-lint-enable RULES -->`: a range;
//! - `<!-- ccr-lint-disable-next-line RULES -->`: the next non-blank line;
//! - `<!-- ccr-lint-disable-file RULES -->`: the whole file, wherever the comment is.
//!
//! RULES are codes, names or code prefixes (`CCR601`, `contraction`, `CCR6`), separated by
//! spaces or commas; none means every rule. Text after a `--` token is a reason, for readers.
//! Ranges work per rule, like markdownlint's: a diagnostic is suppressed when the last
//! `disable`/`enable` comment before it that names its rule is a `disable`. The usage of each
//! comment is recorded for CCR901 `unused-suppression`.

use std::ops::Range;

use crate::diagnostic::{Diagnostic, RuleId};
use crate::document::Document;
use crate::rules::unused_suppression::{self, UnusedSuppression};
use crate::settings::{Settings, selector_matches};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Disable,
    Enable,
    DisableNextLine,
    DisableFile,
}

impl Kind {
    pub fn directive(self) -> &'static str {
        match self {
            Kind::Disable => "ccr-lint-disable",
            Kind::Enable => "ccr-lint-enable",
            Kind::DisableNextLine => "ccr-lint-disable-next-line",
            Kind::DisableFile => "ccr-lint-disable-file",
        }
    }
}

/// One rule selector as written in a comment.
#[derive(Debug, Clone)]
pub struct Selector {
    pub text: String,
    pub span: Range<usize>,
    /// Whether it suppressed at least one diagnostic.
    pub used: bool,
}

/// One suppression comment.
#[derive(Debug, Clone)]
pub struct Suppression {
    pub kind: Kind,
    /// The whole comment, `<!--` to `-->`.
    pub span: Range<usize>,
    /// Empty: every rule.
    pub selectors: Vec<Selector>,
    /// For an empty selector list: whether it suppressed anything.
    pub used_all: bool,
    /// For `disable-next-line`: the line it covers (without its line break).
    pub target: Option<Range<usize>>,
}

impl Suppression {
    /// The first selector that names `rule` (`Some(None)` when the comment names every rule).
    fn matching(&self, rule: &RuleId) -> Option<Option<usize>> {
        if self.selectors.is_empty() {
            return Some(None);
        }
        self.selectors
            .iter()
            .position(|s| selector_matches(&s.text, rule))
            .map(Some)
    }

    fn mark(&mut self, which: Option<usize>) {
        match which {
            None => self.used_all = true,
            Some(i) => self.selectors[i].used = true,
        }
    }

    pub fn used(&self) -> bool {
        self.used_all || self.selectors.iter().any(|s| s.used)
    }
}

/// Reads the suppression comments of a document, in source order.
pub fn parse(doc: &Document<'_>) -> Vec<Suppression> {
    let mut out: Vec<Suppression> = doc
        .comments
        .iter()
        .filter_map(|c| parse_one(doc, c.span.clone()))
        .collect();
    out.sort_by_key(|s| s.span.start);
    out
}

fn parse_one(doc: &Document<'_>, span: Range<usize>) -> Option<Suppression> {
    let text = doc.source.get(span.clone())?;
    let inner = text.strip_prefix("<!--")?.strip_suffix("-->")?;
    let base = span.start + 4;
    let mut tokens = tokens(inner).map(|(r, t)| (base + r.start..base + r.end, t));
    let (_, directive) = tokens.next()?;
    let kind = match directive {
        "ccr-lint-disable" => Kind::Disable,
        "ccr-lint-enable" => Kind::Enable,
        "ccr-lint-disable-next-line" => Kind::DisableNextLine,
        "ccr-lint-disable-file" => Kind::DisableFile,
        _ => return None,
    };
    let selectors = tokens
        .take_while(|(_, t)| *t != "--")
        .map(|(span, t)| Selector {
            text: t.to_string(),
            span,
            used: false,
        })
        .collect();
    let target = (kind == Kind::DisableNextLine).then(|| next_nonblank_line(doc.source, span.end));
    Some(Suppression {
        kind,
        span,
        selectors,
        used_all: false,
        target,
    })
}

/// Words separated by whitespace or commas, with their byte ranges in `s`.
fn tokens(s: &str) -> impl Iterator<Item = (Range<usize>, &str)> {
    let is_sep = |c: char| c.is_whitespace() || c == ',';
    let mut at = 0;
    std::iter::from_fn(move || {
        let rest = &s[at..];
        let lead = rest.len() - rest.trim_start_matches(is_sep).len();
        let start = at + lead;
        if start >= s.len() {
            return None;
        }
        let len = s[start..].find(is_sep).unwrap_or(s.len() - start);
        at = start + len;
        Some((start..start + len, &s[start..start + len]))
    })
}

/// The first line after the one holding `offset` that has any non-space character.
fn next_nonblank_line(source: &str, offset: usize) -> Range<usize> {
    let mut start = source
        .get(offset..)
        .and_then(|r| r.find('\n'))
        .map_or(source.len(), |i| offset + i + 1);
    while start < source.len() {
        let end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        if !source[start..end].trim().is_empty() {
            return start..end;
        }
        start = end + 1;
    }
    source.len()..source.len()
}

/// Drops what the suppression comments suppress, then reports unused ones (CCR901, which
/// can only be judged after the other rules ran) unless a comment naming it suppresses that too.
pub fn apply_comments(doc: &Document<'_>, settings: &Settings, out: &mut Vec<Diagnostic>) {
    let mut sups = parse(doc);
    if sups.is_empty() {
        return;
    }
    let mut fired: Vec<RuleId> = out.iter().map(|d| d.rule.clone()).collect();
    fired.sort();
    fired.dedup();
    apply(&mut sups, out);
    if !settings.selection.enabled(&UnusedSuppression::META.id()) {
        return;
    }
    // Only a comment that names the rule hides these reports (a bare `disable` hiding the
    // report about another stale comment would keep both forever), and never its own.
    let hides = |sups: &mut [Suppression], d: &Diagnostic| match suppressor(sups, d, false) {
        None => false,
        Some(j) => !sups[j].selectors.is_empty() && !sups[j].span.contains(&d.span.start),
    };
    // A comment that hides such a report is used: judge again once that is recorded.
    let mut first = Vec::new();
    unused_suppression::report(doc, &sups, &fired, settings, &mut first);
    for d in &first {
        if hides(&mut sups, d) {
            suppressor(&mut sups, d, true);
        }
    }
    let mut unused = Vec::new();
    unused_suppression::report(doc, &sups, &fired, settings, &mut unused);
    unused.retain(|d| !hides(&mut sups, d));
    out.extend(unused);
}

/// Removes the diagnostics the comments suppress, recording which comments were used.
/// Range comments are looked up backwards from each diagnostic, so the cost is the number
/// of diagnostics times the number of range comments before them: reports carry a handful.
pub fn apply(sups: &mut [Suppression], diagnostics: &mut Vec<Diagnostic>) {
    if sups.is_empty() {
        return;
    }
    diagnostics.retain(|d| suppressor(sups, d, true).is_none());
}

/// Whether `d` is suppressed; when `mark`, records the comment that does it as used.
pub fn suppressor(sups: &mut [Suppression], d: &Diagnostic, mark: bool) -> Option<usize> {
    let at = d.span.start;
    let mut found: Option<(usize, Option<usize>)> = None;
    // The whole file.
    for (i, s) in sups.iter().enumerate() {
        if s.kind == Kind::DisableFile
            && let Some(which) = s.matching(&d.rule)
        {
            found = Some((i, which));
            break;
        }
    }
    // The next line.
    if found.is_none() {
        found = sups.iter().enumerate().find_map(|(i, s)| {
            let t = s.target.as_ref()?;
            (t.start <= at && at <= t.end && !t.is_empty()).then_some(())?;
            s.matching(&d.rule).map(|w| (i, w))
        });
    }
    // Ranges: the last disable/enable before the diagnostic that names its rule.
    if found.is_none() {
        let before = sups.partition_point(|s| s.span.end <= at);
        for (i, s) in sups[..before].iter().enumerate().rev() {
            if !matches!(s.kind, Kind::Disable | Kind::Enable) {
                continue;
            }
            if let Some(which) = s.matching(&d.rule) {
                if s.kind == Kind::Disable {
                    found = Some((i, which));
                }
                break;
            }
        }
    }
    let (i, which) = found?;
    if mark {
        sups[i].mark(which);
    }
    Some(i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    fn diag(code: &'static str, name: &'static str, at: usize) -> Diagnostic {
        Diagnostic {
            rule: RuleId::new_static(code, name),
            severity: Severity::Warning,
            span: at..at + 1,
            message: String::new(),
            help: None,
            fix: None,
        }
    }

    #[test]
    fn parses_kinds_selectors_and_reasons() {
        let src = "<!-- ccr-lint-disable CCR601, contraction CCR3 -- quoted from the client -->\nx\n<!--ccr-lint-enable-->\n";
        let doc = Document::parse(src);
        let sups = parse(&doc);
        assert_eq!(sups.len(), 2);
        assert_eq!(sups[0].kind, Kind::Disable);
        let names: Vec<&str> = sups[0].selectors.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(names, ["CCR601", "contraction", "CCR3"]);
        assert_eq!(&src[sups[0].selectors[1].span.clone()], "contraction");
        assert_eq!(sups[1].kind, Kind::Enable);
        assert!(sups[1].selectors.is_empty());
    }

    #[test]
    fn ranges_work_per_rule() {
        let src = "<!-- ccr-lint-disable CCR6 -->\naaaa\n<!-- ccr-lint-enable CCR602 -->\nbbbb\n<!-- ccr-lint-enable -->\ncccc\n";
        let doc = Document::parse(src);
        let mut sups = parse(&doc);
        let a = src.find("aaaa").unwrap();
        let b = src.find("bbbb").unwrap();
        let c = src.find("cccc").unwrap();
        let mut ds = vec![
            diag("CCR601", "informal-language", a),
            diag("CCR602", "contraction", a),
            diag("CCR601", "informal-language", b),
            diag("CCR602", "contraction", b),
            diag("CCR601", "informal-language", c),
            diag("CCR101", "missing-section", a),
        ];
        apply(&mut sups, &mut ds);
        let left: Vec<(&str, usize)> = ds.iter().map(|d| (&*d.rule.code, d.span.start)).collect();
        assert_eq!(left, [("CCR602", b), ("CCR601", c), ("CCR101", a)]);
        assert!(sups[0].selectors[0].used);
    }

    #[test]
    fn next_line_skips_blank_lines_and_file_covers_everything() {
        let src = "<!-- ccr-lint-disable-next-line contraction -->\n\nthey don't\nwe don't\n<!-- ccr-lint-disable-file CCR1 -->\n";
        let doc = Document::parse(src);
        let mut sups = parse(&doc);
        let first = src.find("don't").unwrap();
        let second = src.rfind("don't").unwrap();
        let mut ds = vec![
            diag("CCR602", "contraction", first),
            diag("CCR602", "contraction", second),
            diag("CCR105", "noncanonical-heading", 0),
        ];
        apply(&mut sups, &mut ds);
        assert_eq!(ds.len(), 1);
        assert_eq!(ds[0].span.start, second);
        assert!(sups.iter().all(Suppression::used));
    }

    #[test]
    fn comments_in_code_are_not_suppressions() {
        let src = "```\n<!-- ccr-lint-disable-file -->\n```\n";
        let doc = Document::parse(src);
        assert!(parse(&doc).is_empty());
    }
}
