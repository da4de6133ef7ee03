//! Code actions: each diagnostic's fix as a quick fix labelled safe or unsafe; "Disable
//! CCRxxx for this line" (or for the file) inserting a suppression comment; and the source
//! action "Fix all safe problems", which is exactly what `--fix` writes (the same
//! [`crate::fix::fix`], its result sent as one edit of the part that changed).

use std::collections::HashMap;
use std::ops::Range;

use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, TextEdit, Uri, WorkspaceEdit};

use super::capabilities::FIX_ALL_KIND;
use super::diagnostics::to_lsp;
use super::lint::Analysis;
use super::position::LineIndex;
use super::state::Snapshot;
use crate::diagnostic::{Applicability, Edit};
use crate::document::{BlockKind, Document};
use crate::fix;
use crate::suppression::{self, Kind};

/// The actions for the byte range `range` of a document, of the kinds `only` allows.
pub fn actions(
    snap: &Snapshot,
    analysis: &Analysis,
    index: &LineIndex,
    range: Range<usize>,
    only: Option<&[CodeActionKind]>,
    related_information: bool,
) -> Vec<CodeActionOrCommand> {
    let text = snap.text.as_str();
    let wanted = |kind: &str| {
        only.is_none_or(|only| {
            only.iter().any(|o| {
                let o = o.as_str();
                kind == o
                    || kind
                        .strip_prefix(o)
                        .is_some_and(|rest| rest.starts_with('.'))
            })
        })
    };
    let mut out = Vec::new();
    let here: Vec<_> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.span.start <= range.end && range.start <= d.span.end)
        .collect();
    if wanted(CodeActionKind::QUICKFIX.as_str()) && !here.is_empty() {
        let doc = Document::parse(text);
        let mut titles: Vec<String> = Vec::new();
        for d in here {
            let lsp = to_lsp(d, &snap.uri, text, index, related_information);
            if let Some(f) = d.fix.as_deref() {
                let label = match f.applicability {
                    Applicability::Safe => Some("safe"),
                    Applicability::Unsafe => Some("unsafe"),
                    // A suggestion to read, never applied: the message and help show it.
                    Applicability::DisplayOnly => None,
                };
                if let Some(label) = label {
                    out.push(quick_fix(
                        format!("{} ({label} fix)", f.message),
                        &snap.uri,
                        text,
                        index,
                        &f.edits,
                        &lsp,
                        f.applicability == Applicability::Safe,
                    ));
                }
            }
            let code = d.rule.code.as_ref();
            let disables = [
                disable_line(&doc, code, d.span.start),
                Some(disable_file(&doc, code)),
            ];
            for (title, edits) in disables.into_iter().flatten() {
                if !titles.contains(&title) {
                    out.push(quick_fix(
                        title.clone(),
                        &snap.uri,
                        text,
                        index,
                        &edits,
                        &lsp,
                        false,
                    ));
                    titles.push(title);
                }
            }
        }
    }
    if wanted(FIX_ALL_KIND)
        && let Some(edit) = analysis.fix_all.get_or_init(|| fix_all(snap, analysis))
    {
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: "Fix all safe problems".to_string(),
            kind: Some(CodeActionKind::from(FIX_ALL_KIND)),
            edit: Some(workspace_edit(
                &snap.uri,
                text,
                index,
                std::slice::from_ref(edit),
            )),
            ..Default::default()
        }));
    }
    out
}

fn quick_fix(
    title: String,
    uri: &Uri,
    text: &str,
    index: &LineIndex,
    edits: &[Edit],
    diagnostic: &lsp_types::Diagnostic,
    preferred: bool,
) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic.clone()]),
        edit: Some(workspace_edit(uri, text, index, edits)),
        is_preferred: preferred.then_some(true),
        ..Default::default()
    })
}

fn workspace_edit(uri: &Uri, text: &str, index: &LineIndex, edits: &[Edit]) -> WorkspaceEdit {
    let edits = edits
        .iter()
        .map(|e| TextEdit {
            range: index.range(text, e.span.clone()),
            new_text: e.replacement.clone(),
        })
        .collect();
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..Default::default()
    }
}

/// What `--fix` would make of the document, as one edit of the part that changes; `None`
/// when nothing would.
pub fn fix_all(snap: &Snapshot, analysis: &Analysis) -> Option<Edit> {
    let safe = analysis.diagnostics.iter().any(|d| {
        d.fix
            .as_ref()
            .is_some_and(|f| fix::applies(f.applicability, false))
    });
    if !safe {
        return None;
    }
    let outcome = fix::fix(&snap.text, snap.path.as_deref(), &analysis.settings, false);
    outcome
        .changed(&snap.text)
        .then(|| changed_part(&snap.text, &outcome.text))
}

/// The one edit that turns `old` into `new`: the span between their common prefix and
/// suffix (on character boundaries), and what replaces it.
pub fn changed_part(old: &str, new: &str) -> Edit {
    let mut prefix = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !(old.is_char_boundary(prefix) && new.is_char_boundary(prefix)) {
        prefix -= 1;
    }
    let max_suffix = old.len().min(new.len()) - prefix;
    let mut suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    while !(old.is_char_boundary(old.len() - suffix) && new.is_char_boundary(new.len() - suffix)) {
        suffix -= 1;
    }
    Edit::replace(prefix..old.len() - suffix, &new[prefix..new.len() - suffix])
}

/// The line holding byte `at`: its start, and its end before the line break.
fn line_bounds(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    (start, end)
}

fn indent(line: &str) -> &str {
    &line[..line.len() - line.trim_start_matches([' ', '\t']).len()]
}

/// "Disable CODE for this line": a `disable-next-line` comment above the line, or the rule
/// added to the one already there. The comment goes on a line of its own where a new line
/// changes nothing (after a blank line, a heading, a code block); inside a paragraph or a
/// list it closes the line before (an HTML comment inline changes nothing either), and a
/// row of a table, where a comment would end the table, gets the rule disabled around the
/// table instead. `None` for a blank line (a diagnostic that is a point, at the end of the
/// file) and inside front matter.
pub fn disable_line(doc: &Document<'_>, code: &str, at: usize) -> Option<(String, Vec<Edit>)> {
    let text = doc.source;
    let (start, end) = line_bounds(text, at);
    if text[start..end].trim().is_empty()
        || doc
            .front_matter
            .as_ref()
            .is_some_and(|fm| fm.contains(&start))
    {
        return None;
    }
    let title = format!("Disable {code} for this line");
    let nl = doc.newline();
    // A comment for this line already: add the rule to it.
    let existing = suppression::parse(doc).into_iter().find(|s| {
        s.kind == Kind::DisableNextLine && s.target.as_ref().is_some_and(|t| t.start == start)
    });
    if let Some(s) = existing {
        let last = s.selectors.last()?;
        return Some((title, vec![Edit::insert(last.span.end, format!(" {code}"))]));
    }
    if let Some(table) = doc
        .tables
        .iter()
        .find(|t| t.span.start <= start && start < t.span.end)
    {
        let (first, _) = line_bounds(text, table.span.start);
        if start > first {
            let pad = indent(&text[first..]);
            let (_, last) = line_bounds(text, table.span.end.saturating_sub(1));
            return Some((
                format!("Disable {code} for this table"),
                vec![
                    Edit::insert(first, format!("{pad}<!-- ccr-lint-disable {code} -->{nl}")),
                    Edit::insert(
                        last,
                        format!("{nl}{nl}{pad}<!-- ccr-lint-enable {code} -->"),
                    ),
                ],
            ));
        }
    }
    let comment = format!("<!-- ccr-lint-disable-next-line {code} -->");
    let own_line = |lead: &str| {
        let pad = indent(&text[start..end]);
        Some((
            title.clone(),
            vec![Edit::insert(start, format!("{lead}{pad}{comment}{nl}"))],
        ))
    };
    if start <= doc.content_start() {
        return own_line("");
    }
    let (prev_start, prev_end) = line_bounds(text, start - 1);
    let prev = &text[prev_start..prev_end];
    if prev.trim().is_empty() {
        return own_line("");
    }
    let in_block = |kinds: &[BlockKind]| {
        doc.blocks.iter().any(|b| {
            kinds.contains(&b.kind) && b.span.start <= prev_start && prev_start < b.span.end
        })
    };
    // After a table row a comment line would be read as a row: leave a blank line.
    if in_block(&[BlockKind::Table]) {
        return own_line(nl);
    }
    let structural = doc
        .headings
        .iter()
        .any(|h| h.span.start <= prev_start && prev_start < h.span.end)
        || in_block(&[
            BlockKind::CodeBlock,
            BlockKind::ThematicBreak,
            BlockKind::Html,
        ]);
    if structural {
        return own_line("");
    }
    // Before trailing spaces, which may be a hard line break.
    let at = prev_start + prev.trim_end().len();
    Some((title, vec![Edit::insert(at, format!(" {comment}"))]))
}

/// "Disable CODE for this file": a `disable-file` comment where the content starts.
pub fn disable_file(doc: &Document<'_>, code: &str) -> (String, Vec<Edit>) {
    let at = doc.content_start();
    let nl = doc.newline();
    let lead = if at > doc.bom && !doc.source[..at].ends_with('\n') {
        nl
    } else {
        ""
    };
    (
        format!("Disable {code} for this file"),
        vec![Edit::insert(
            at,
            format!("{lead}<!-- ccr-lint-disable-file {code} -->{nl}"),
        )],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;
    use crate::{Settings, lint};

    /// Whether a diagnostic of `code` starts on the line holding byte `at`.
    fn fires_on_line(diags: &[Diagnostic], text: &str, code: &str, at: usize) -> bool {
        let (start, end) = line_bounds(text, at);
        diags
            .iter()
            .any(|d| d.rule.code == code && start <= d.span.start && d.span.start <= end)
    }

    fn apply(text: &str, edits: &[Edit]) -> String {
        let mut edits = edits.to_vec();
        edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
        let mut out = text.to_string();
        for e in edits {
            out.replace_range(e.span, &e.replacement);
        }
        out
    }

    /// Disabling `code` on the line of `needle` silences it there, and nothing else changes:
    /// no unused-suppression report, the other diagnostics as before.
    fn disables(text: &str, needle: &str, code: &str) -> String {
        let settings = Settings::default();
        let before = lint(text, &settings);
        let at = text.find(needle).expect("needle in text");
        assert!(
            fires_on_line(&before, text, code, at),
            "{code} does not fire on {needle:?}: {before:#?}"
        );
        let doc = Document::parse(text);
        let (_, edits) = disable_line(&doc, code, at).expect("an action");
        let fixed = apply(text, &edits);
        let after = lint(&fixed, &settings);
        let at = fixed.find(needle).expect("needle still in text");
        assert!(
            !fires_on_line(&after, &fixed, code, at),
            "{code} still fires:\n{fixed}"
        );
        assert!(
            after.iter().all(|d| d.rule.code != "CCR901"),
            "unused suppression:\n{fixed}\n{after:#?}"
        );
        let others = |ds: &[Diagnostic]| {
            let mut v: Vec<String> = ds
                .iter()
                .filter(|d| d.rule.code != code)
                .map(|d| d.rule.code.to_string())
                .collect();
            v.sort();
            v
        };
        assert_eq!(others(&before), others(&after), "{fixed}");
        fixed
    }

    const REPORT: &str = "# Report\n\n## Executive Summary\n\nWe're gonna send it.\nThey don't know.\n\n## Interaction Log\n\n| Date | Time | Method | Participants | Summary |\n| --- | --- | --- | --- | --- |\n| June 3, 2024 | 10:00 | Call | Jane Doe | Gonna send it. |\n| June 4, 2024 | 10:00 | Call | Jane Doe | Fine. |\n\n## Action Items\n\n- [ ] Send it — Owner: Jane Doe — Due: June 20, 2024\n- [ ] Don't wait — Owner: Jane Doe — Due: June 21, 2024\n";

    #[test]
    fn disable_on_a_paragraphs_first_line_is_a_line_above() {
        let fixed = disables(REPORT, "We're gonna", "CCR601");
        assert!(fixed.contains("\n<!-- ccr-lint-disable-next-line CCR601 -->\nWe're gonna"));
    }

    #[test]
    fn disable_inside_a_paragraph_closes_the_line_before() {
        let fixed = disables(REPORT, "They don't", "CCR602");
        assert!(fixed.contains("send it. <!-- ccr-lint-disable-next-line CCR602 -->\nThey"));
    }

    #[test]
    fn disable_in_a_list_keeps_the_list() {
        let fixed = disables(REPORT, "Don't wait", "CCR602");
        assert!(fixed.contains("2024 <!-- ccr-lint-disable-next-line CCR602 -->\n- [ ] Don't"));
    }

    #[test]
    fn disable_in_a_table_row_disables_around_the_table() {
        let fixed = disables(REPORT, "Gonna send it. |", "CCR601");
        assert!(
            fixed.contains("<!-- ccr-lint-disable CCR601 -->\n| Date"),
            "{fixed}"
        );
        assert!(
            fixed.contains("Fine. |\n\n<!-- ccr-lint-enable CCR601 -->\n"),
            "{fixed}"
        );
    }

    #[test]
    fn disable_adds_the_rule_to_a_comment_already_there() {
        let once = disables(REPORT, "We're gonna", "CCR601");
        let twice = disables(&once, "We're gonna", "CCR602");
        assert!(
            twice.contains("<!-- ccr-lint-disable-next-line CCR601 CCR602 -->\nWe're"),
            "{twice}"
        );
    }

    #[test]
    fn disable_keeps_crlf_line_endings() {
        let crlf = REPORT.replace('\n', "\r\n");
        let fixed = disables(&crlf, "We're gonna", "CCR601");
        assert!(fixed.contains("\r\n<!-- ccr-lint-disable-next-line CCR601 -->\r\nWe're"));
        assert!(!fixed.replace("\r\n", "").contains('\n'));
    }

    #[test]
    fn disable_for_the_file_goes_after_front_matter() {
        let text = "---\ntitle: x\n---\n# Report\n";
        let doc = Document::parse(text);
        let (title, edits) = disable_file(&doc, "CCR101");
        assert_eq!(title, "Disable CCR101 for this file");
        assert_eq!(
            apply(text, &edits),
            "---\ntitle: x\n---\n<!-- ccr-lint-disable-file CCR101 -->\n# Report\n"
        );
        // A point at the end of the file has no line to disable.
        assert!(disable_line(&doc, "CCR101", text.len()).is_none());
    }

    #[test]
    fn the_changed_part_is_between_common_prefix_and_suffix() {
        let e = changed_part("We don't know.", "We do not know.");
        assert_eq!((e.span.clone(), e.replacement.as_str()), (5..7, " no"));
        assert_eq!(apply("We don't know.", &[e]), "We do not know.");
        // Never inside a character.
        let e = changed_part("é", "è");
        assert_eq!(e.span, 0..2);
        let e = changed_part("aaa", "aaaa");
        assert_eq!(apply("aaa", &[e]), "aaaa");
    }
}
