use crate::diagnostic::Diagnostic;
use crate::document::{BlockKind, SegKind};

use super::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// That no template text is left in the report: bracketed fields (`[Client Name]`,
    /// `[Date]`), instructions (`[insert summary]`, `<insert contact name>`), template
    /// variables (`{{client}}`), markers (`TBD`, `TBC`, `TODO`, `FIXME`, `XXX`, `June XX`) and
    /// `Lorem ipsum`, and a template's instructions to its author: a paragraph or list item
    /// that is all emphasis or `<mark>` and opens with a label (`_Required: …_`) or an
    /// instruction (`_Describe the …_`), reported once at its first line. The patterns, labels
    /// and instruction words live in `rules/placeholders.toml`. Only prose is searched:
    /// code, link destinations, HTML comments and front matter are not. Links, task boxes
    /// (`[ ]`, `[x]`) and footnote references (`[^1]`) are Markdown, never placeholders; nor
    /// are a link's text (`[[Frontend] Fix the menu](…)`), escaped brackets (`\[BLOCKED]`),
    /// a bracketed tag that opens a line (`[BUG] Login fails`), or anything in a quotation.
    ///
    /// ## Why
    /// A report sent with `[Client Name]` in it tells the client nobody read it before it went out.
    ///
    /// ## Example
    /// ```markdown
    /// On [Date], a meeting was held with [Client] regarding the renewal.
    /// ```
    /// reports `[Date]` and `[Client]`.
    ///
    /// ## Fix safety
    /// No fix: the missing value is only known to the author.
    pub struct UnfilledPlaceholder {
        code: "CCR204",
        name: "unfilled-placeholder",
        severity: Error,
        fix: None,
        summary: "Template placeholder text was left in the report",
    }
}

impl Rule for UnfilledPlaceholder {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let placeholders = &cx.settings.data.placeholders;
        let quotes = quote_spans(cx.doc);
        // A template's instruction is one finding, whatever placeholders it shows as examples.
        for ins in cx.instructions() {
            let shown = crate::document::content::excerpt(cx.text(ins.span.clone()));
            out.push(
                cx.diagnostic(
                    &Self::META,
                    ins.span.clone(),
                    format!("'{shown}' is the template's instruction to its author"),
                )
                .with_help("write what it asks for in its place, or remove it"),
            );
        }
        let gate = placeholders.source_gate(cx.doc.source);
        for prose in &cx.doc.prose {
            // A quotation's brackets are the quoter's (`[sic]`, `[the CA system]`), and a
            // template's `>` instructions may stay.
            if in_spans(&quotes, prose.span.start) || cx.is_instruction(prose) {
                continue;
            }
            for m in placeholders.find_iter_in(gate.as_ref(), &prose.text) {
                // Someone else's words (quoted speech, a transcript turn: `we'll have a TBD
                // for your client's release`) are quoted, not template text.
                if !in_writable_text(prose, m.range.clone())
                    || is_tag(&prose.text, &m.range)
                    || prose.is_quoted(m.range.clone())
                {
                    continue;
                }
                let Some(span) = prose.to_source(m.range.clone()) else {
                    continue;
                };
                // `\[BLOCKED]` is written to show brackets; `[[Frontend] Fix](url)` is a
                // link's text.
                let escaped = span.start > 0 && cx.doc.source.as_bytes()[span.start - 1] == b'\\';
                // Links are in document order and do not nest: the one starting last before
                // the match is the only one that can hold it.
                let before = cx.doc.links.partition_point(|l| l.span.start <= span.start);
                let in_link = before
                    .checked_sub(1)
                    .and_then(|i| cx.doc.links.get(i))
                    .is_some_and(|l| !l.image && span.end <= l.span.end);
                if escaped || in_link {
                    continue;
                }
                out.push(cx.diagnostic(&Self::META, span, m.message).with_help(
                    "replace it with the real value, or remove it if it does not apply",
                ));
            }
        }
        // `- <insert link to pricing sheet>`: a line that is only an instruction in angle
        // brackets is an HTML block to Markdown, not prose; it is still template text.
        for b in cx.doc.blocks.iter().filter(|b| b.kind == BlockKind::Html) {
            let text = cx.text(b.span.clone());
            if text.trim_start().starts_with("<!--") || in_spans(&quotes, b.span.start) {
                continue;
            }
            for m in placeholders.find_iter(text) {
                if !text[m.range.clone()].starts_with('<') {
                    continue;
                }
                let at = b.span.start + m.range.start..b.span.start + m.range.end;
                out.push(cx.diagnostic(&Self::META, at, m.message).with_help(
                    "replace it with the real value, or remove it if it does not apply",
                ));
            }
        }
    }
}

/// Whether a bracketed word opens its line and more text follows: a tag (`[BUG] Login
/// fails`, `[Brian Behlendorf] What is a SIF`), not a field left empty.
fn is_tag(text: &str, m: &std::ops::Range<usize>) -> bool {
    let line_start = text[..m.start].rfind('\n').map_or(0, |i| i + 1);
    let before = text[line_start..m.start].trim();
    let after = text[m.end..].lines().next().unwrap_or("").trim();
    text[m.clone()].starts_with('[') && before.is_empty() && !after.is_empty()
}

/// The outermost block quotes' spans, in order.
fn quote_spans(doc: &crate::document::Document<'_>) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for b in doc
        .blocks
        .iter()
        .filter(|b| b.kind == crate::document::BlockKind::BlockQuote)
    {
        match out.last() {
            Some(last) if b.span.start < last.end => {}
            _ => out.push(b.span.clone()),
        }
    }
    out
}

/// Whether a position lies in one of `spans` (sorted, not overlapping).
fn in_spans(spans: &[std::ops::Range<usize>], at: usize) -> bool {
    let i = spans.partition_point(|r| r.end <= at);
    spans.get(i).is_some_and(|r| r.contains(&at))
}

/// Text the author wrote (plain text, inline HTML such as `<insert name>`, line breaks),
/// not code, URLs or image alt text.
fn in_writable_text(prose: &crate::document::Prose, range: std::ops::Range<usize>) -> bool {
    let first = prose.segs.partition_point(|s| s.text_end() <= range.start);
    prose.segs[first..]
        .iter()
        .take_while(|s| s.text_start() < range.end)
        .all(|s| matches!(s.kind, SegKind::Text | SegKind::Html | SegKind::Break))
}
