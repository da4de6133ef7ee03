use std::ops::Range;

use crate::diagnostic::{Diagnostic, Edit, Fix, RuleId, Severity};
use crate::document::{BlockKind, Document};
use crate::settings::{Settings, selector_matches};
use crate::suppression::{Kind, Suppression};

use super::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// That every suppression comment (`<!-- ccr-lint-disable … -->`, `-disable-next-line`,
    /// `-disable-file`) suppressed at least one diagnostic, that each rule it names did, and
    /// that every `<!-- ccr-lint-enable … -->` follows a `disable` it can end. A rule that is
    /// not enabled in this run is never reported, since it could not have fired.
    ///
    /// ## Why
    /// A suppression outlives the text it was written for: once the sentence is reworded it
    /// silently hides the next real problem in its range. Removing stale ones keeps the
    /// remaining ones meaningful.
    ///
    /// ## Example
    /// ```markdown
    /// <!-- ccr-lint-disable-next-line contraction -->
    /// The client confirmed the schedule.
    /// ```
    /// reports that the comment suppressed nothing: the line has no contraction any more.
    ///
    /// ## Fix safety
    /// Safe: removes the comment (with its line, when the comment is alone on it), or only the
    /// unused rule from a comment that names several. Rendered text does not change, since
    /// HTML comments are not shown. No fix is offered for a rule name ccr-lint does not know,
    /// which is more likely a typo than a stale entry, nor for a comment inside an HTML block
    /// that began before it and that a marker closes (`<?`, `<!DOCTYPE`, `<script>`…): the
    /// comment's `>` may be what closes that block, and removing it would move its end.
    pub struct UnusedSuppression {
        code: "CCR901",
        name: "unused-suppression",
        severity: Warning,
        fix: Safe,
        summary: "A suppression comment suppressed nothing",
    }
}

impl Rule for UnusedSuppression {
    /// Runs after the other rules and the suppressions: see [`report`], called from `lint_path`.
    fn check(&self, _cx: &Context<'_>, _out: &mut Vec<Diagnostic>) {}
}

/// The unused-suppression diagnostics for a document whose suppressions have been applied.
/// `fired` are the rules that produced a diagnostic in this run (user rules included).
pub(crate) fn report(
    doc: &Document<'_>,
    sups: &[Suppression],
    fired: &[RuleId],
    settings: &Settings,
    out: &mut Vec<Diagnostic>,
) {
    let meta = &UnusedSuppression::META;
    let diag = |span: Range<usize>, message: String| Diagnostic {
        rule: meta.id(),
        severity: Severity::Warning,
        span,
        message,
        help: None,
        fix: None,
    };
    let known = |sel: &str| {
        super::all()
            .map(|m| m.id())
            .chain(fired.iter().cloned())
            // Rules declared by the config's vocabulary files (`[rule] code = "ACME001"`).
            .chain(
                settings
                    .data
                    .vocabulary
                    .user_rules
                    .iter()
                    .map(|r| r.id.clone()),
            )
            .any(|id| selector_matches(sel, &id))
    };
    let enabled = |sel: &str| {
        super::all()
            .map(|m| m.id())
            .chain(fired.iter().cloned())
            // Rules declared by the config's vocabulary files (`[rule] code = "ACME001"`).
            .chain(
                settings
                    .data
                    .vocabulary
                    .user_rules
                    .iter()
                    .map(|r| r.id.clone()),
            )
            .any(|id| selector_matches(sel, &id) && settings.selection.enabled(&id))
    };
    // No removal inside an HTML block a marker closes that began before the comment (`<!A`
    // … `<!-- ccr-lint-disable -->`): the comment's `>` may be what closes it, and deleting
    // it would carry the block over the text after it.
    let with_removal = |d: Diagnostic, s: &Suppression| {
        let inside = doc.blocks.iter().any(|b| {
            b.kind == BlockKind::Html
                && b.span.start < s.span.start
                && s.span.start < b.span.end
                && doc
                    .source
                    .get(b.span.clone())
                    .and_then(crate::document::html_block_closer)
                    .is_some()
        });
        if inside {
            d
        } else {
            d.with_fix(Fix::safe(
                "remove the comment",
                vec![Edit::delete(comment_removal(doc, s.span.clone()))],
            ))
        }
    };

    for (i, s) in sups.iter().enumerate() {
        let what = s.kind.directive();
        if s.kind == Kind::Enable {
            if !ends_a_disable(s, &sups[..i]) {
                out.push(with_removal(
                    diag(
                        s.span.clone(),
                        format!(
                            "'{what}' follows no '{}' it could end",
                            Kind::Disable.directive()
                        ),
                    )
                    .with_help("remove it, or add the matching disable comment before it"),
                    s,
                ));
            }
            continue;
        }
        if s.selectors.is_empty() {
            if !s.used_all {
                out.push(with_removal(
                    diag(s.span.clone(), format!("'{what}' suppressed nothing"))
                        .with_help("the text it was written for has changed; remove the comment"),
                    s,
                ));
            }
            continue;
        }
        let mut unused: Vec<usize> = Vec::new();
        let mut unknown = false;
        let mut undecidable = false;
        for (n, sel) in s.selectors.iter().enumerate() {
            if !known(&sel.text) {
                unknown = true;
                out.push(
                    diag(sel.span.clone(), format!("'{}' names no rule ccr-lint knows", sel.text))
                        .with_help("use a code (CCR601), a name (contraction) or a prefix (CCR6); `ccr-lint rules` lists them"),
                );
            } else if !enabled(&sel.text) {
                undecidable = true;
            } else if !sel.used {
                unused.push(n);
            }
        }
        if unused.is_empty() {
            continue;
        }
        if unused.len() == s.selectors.len() && !unknown && !undecidable {
            let names: Vec<&str> = s.selectors.iter().map(|x| x.text.as_str()).collect();
            out.push(with_removal(
                diag(
                    s.span.clone(),
                    format!("'{what} {}' suppressed nothing", names.join(" ")),
                )
                .with_help("the text it was written for has changed; remove the comment"),
                s,
            ));
            continue;
        }
        for n in unused {
            let sel = &s.selectors[n];
            // Remove the name with the separator before it (after it, for the first name).
            let span = if n > 0 {
                s.selectors[n - 1].span.end..sel.span.end
            } else {
                sel.span.start
                    ..s.selectors
                        .get(1)
                        .map_or(sel.span.end, |next| next.span.start)
            };
            out.push(
                diag(
                    sel.span.clone(),
                    format!("'{}' in this suppression suppressed nothing", sel.text),
                )
                .with_help("the other rules it names are still used; remove only this one")
                .with_fix(Fix::safe(
                    format!("remove '{}' from the comment", sel.text),
                    vec![Edit::delete(span)],
                )),
            );
        }
    }
}

/// Whether an enable comment ends a `disable` range comment written before it.
fn ends_a_disable(enable: &Suppression, before: &[Suppression]) -> bool {
    before.iter().filter(|s| s.kind == Kind::Disable).any(|d| {
        if enable.selectors.is_empty() || d.selectors.is_empty() {
            return true;
        }
        // Both name rules: do they share one?
        super::all().map(|m| m.id()).any(|id| {
            enable
                .selectors
                .iter()
                .any(|e| selector_matches(&e.text, &id))
                && d.selectors.iter().any(|x| selector_matches(&x.text, &id))
        }) || enable.selectors.iter().any(|e| {
            d.selectors
                .iter()
                .any(|x| x.text.eq_ignore_ascii_case(&e.text))
        })
    })
}

/// The bytes to delete to remove a comment: its whole line (with the line break) when it is
/// alone on it, and one blank line with it when that would leave two blank lines in a row;
/// otherwise the comment and one space beside it.
fn comment_removal(doc: &Document<'_>, span: Range<usize>) -> Range<usize> {
    let src = doc.source;
    let line_start = src[..span.start]
        .rfind('\n')
        .map_or(0, |i| i + 1)
        .max(doc.bom.min(span.start));
    let line_end = src[span.end..]
        .find('\n')
        .map_or(src.len(), |i| span.end + i);
    let alone =
        src[line_start..span.start].trim().is_empty() && src[span.end..line_end].trim().is_empty();
    if alone {
        let mut end = (line_end + 1).min(src.len());
        let blank_before = line_start <= doc.bom || is_blank_line_before(src, line_start);
        if blank_before && let Some(next_len) = blank_line_len(src, end) {
            end += next_len;
        }
        return line_start..end;
    }
    let bytes = src.as_bytes();
    if span.start > 0 && bytes[span.start - 1] == b' ' {
        span.start - 1..span.end
    } else if bytes.get(span.end) == Some(&b' ') {
        span.start..span.end + 1
    } else {
        span
    }
}

/// Whether the line before the one starting at `line_start` is blank.
fn is_blank_line_before(src: &str, line_start: usize) -> bool {
    let prev_end = line_start.saturating_sub(1);
    let prev_start = src[..prev_end].rfind('\n').map_or(0, |i| i + 1);
    src[prev_start..prev_end].trim().is_empty()
}

/// The length of the blank line starting at `at` (with its line break), if it is blank.
fn blank_line_len(src: &str, at: usize) -> Option<usize> {
    let rest = src.get(at..)?;
    let end = rest.find('\n')?;
    rest[..end].trim().is_empty().then_some(end + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn removed(src: &str) -> String {
        let doc = Document::parse(src);
        let span = doc.comments[0].span.clone();
        let r = comment_removal(&doc, span);
        format!("{}{}", &src[..r.start], &src[r.end..])
    }

    #[test]
    fn removal_takes_the_line_and_one_blank_line() {
        assert_eq!(
            removed("Para.\n\n<!-- x -->\n\nNext.\n"),
            "Para.\n\nNext.\n"
        );
        assert_eq!(
            removed("Para.\r\n\r\n<!-- x -->\r\n\r\nNext.\r\n"),
            "Para.\r\n\r\nNext.\r\n"
        );
        assert_eq!(removed("<!-- x -->\nNext.\n"), "Next.\n");
        assert_eq!(removed("\u{feff}<!-- x -->\n\nNext.\n"), "\u{feff}Next.\n");
        assert_eq!(removed("Para.\n<!-- x -->\nNext.\n"), "Para.\nNext.\n");
        assert_eq!(removed("Para.\n\n<!-- x -->"), "Para.\n\n");
    }

    #[test]
    fn inline_removal_takes_one_space() {
        assert_eq!(removed("plain <!-- x --> text\n"), "plain text\n");
        assert_eq!(removed("<!-- x --> text\n"), "text\n");
    }
}
