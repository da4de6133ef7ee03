//! Completion: the report's standard phrases as snippets with tab stops
//! (`On ${1:date}, a meeting was held with ${2:client} regarding ${3:topic}.`), offered in the
//! sections their purpose belongs to (`sections` in `vocabulary/phrases.toml`), and the
//! headings of the sections the report is missing, at the start of a line.

use std::ops::Range;

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, InsertTextFormat, TextEdit,
};

use super::position::LineIndex;
use crate::document::{BlockKind, Document, Report};
use crate::settings::Settings;

/// The completions at byte `offset`.
pub fn completions(
    text: &str,
    settings: &Settings,
    index: &LineIndex,
    offset: usize,
    snippets: bool,
) -> Vec<CompletionItem> {
    let doc = Document::parse(text);
    let in_code = doc
        .blocks
        .iter()
        .any(|b| b.kind == BlockKind::CodeBlock && b.span.start < offset && offset < b.span.end);
    let in_front_matter = doc
        .front_matter
        .as_ref()
        .is_some_and(|fm| fm.start <= offset && offset < fm.end);
    if in_code || in_front_matter {
        return Vec::new();
    }
    let sections = &settings.data.sections;
    let report = Report::build(&doc, sections);
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let prefix = &text[line_start..offset];
    let heading_prefix = heading_prefix(prefix);
    let on_heading = doc
        .headings
        .iter()
        .any(|h| h.span.start <= offset && offset <= h.span.end && h.span.start >= line_start);

    let mut items = Vec::new();
    if !on_heading && heading_prefix.is_none_or(|hashes| hashes == 0) {
        let ids = section_ids_at(&doc, &report, settings, offset);
        let vocab = &settings.data.vocabulary;
        for (p, purpose) in vocab.purposes.iter().enumerate() {
            if !purpose.sections.iter().any(|s| ids.contains(&s.as_str())) {
                continue;
            }
            for (i, phrase) in purpose.phrases.iter().enumerate() {
                let (insert, format) = if snippets {
                    (snippet(phrase), InsertTextFormat::SNIPPET)
                } else {
                    (phrase.clone(), InsertTextFormat::PLAIN_TEXT)
                };
                items.push(CompletionItem {
                    label: phrase.clone(),
                    kind: Some(CompletionItemKind::SNIPPET),
                    detail: Some(format!("Standard phrasing: {}", purpose.title)),
                    sort_text: Some(format!("0{p:03}{i:03}")),
                    filter_text: Some(phrase.clone()),
                    insert_text: Some(insert),
                    insert_text_format: Some(format),
                    ..Default::default()
                });
            }
        }
    }
    if let Some(hashes) = heading_prefix {
        let level = usize::from(report.section_level.unwrap_or(2));
        let missing = sections
            .sections
            .iter()
            .enumerate()
            .filter(|(kind, _)| !report.sections.iter().any(|f| f.kind == *kind));
        for (kind, section) in missing {
            let heading = format!("{} {}", "#".repeat(level), section.name);
            let required = section.required.severity().is_some();
            items.push(CompletionItem {
                label: heading.clone(),
                kind: Some(CompletionItemKind::MODULE),
                detail: Some(if required {
                    "Missing section (required)".to_string()
                } else {
                    "Missing section".to_string()
                }),
                sort_text: Some(format!("1{kind:03}")),
                filter_text: Some(if hashes > 0 {
                    heading.clone()
                } else {
                    section.name.clone()
                }),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                    range: index.range(text, line_start..offset),
                    new_text: heading,
                })),
                ..Default::default()
            });
        }
    }
    items
}

/// Whether the text before the cursor on its line could begin a heading: `Some(number of
/// #s)` (0 for a line with nothing but words or nothing at all yet), `None` otherwise.
fn heading_prefix(prefix: &str) -> Option<usize> {
    let trimmed = prefix.trim_start_matches(' ');
    if prefix.len() - trimmed.len() > 3 {
        return None;
    }
    let hashes = trimmed.len() - trimmed.trim_start_matches('#').len();
    let rest = &trimmed[hashes..];
    let words = |s: &str| s.chars().all(|c| c.is_alphanumeric() || " &/-".contains(c));
    match hashes {
        0 if trimmed.is_empty() => Some(0),
        1..=6 if rest.is_empty() || (rest.starts_with(' ') && words(rest)) => Some(hashes),
        _ => None,
    }
}

/// The ids of the report sections `offset` is in: the innermost section there that the
/// report recognises (a combined heading such as "Issues and Next Steps" counts for both).
fn section_ids_at<'s>(
    doc: &Document<'_>,
    report: &Report,
    settings: &'s Settings,
    offset: usize,
) -> Vec<&'s str> {
    let contains = |span: &Range<usize>| span.start <= offset && offset <= span.end;
    let mut at = doc
        .sections
        .iter()
        .enumerate()
        .filter(|(_, s)| contains(&s.span))
        .max_by_key(|(_, s)| s.span.start)
        .map(|(i, _)| i);
    while let Some(i) = at {
        let ids: Vec<&str> = report
            .sections
            .iter()
            .filter(|f| f.section == i)
            .map(|f| settings.data.sections.sections[f.kind].id.as_str())
            .collect();
        if !ids.is_empty() {
            return ids;
        }
        at = doc.sections[i].parent;
    }
    Vec::new()
}

/// A phrase with `[Placeholders]` as a snippet with a tab stop for each (the same
/// placeholder twice is one tab stop).
pub fn snippet(phrase: &str) -> String {
    fn escape(s: &str) -> String {
        s.replace('\\', "\\\\")
            .replace('$', "\\$")
            .replace('}', "\\}")
    }
    let mut out = String::new();
    let mut names: Vec<String> = Vec::new();
    let mut rest = phrase;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']') else {
            break;
        };
        let name = rest[open + 1..open + close].to_lowercase();
        let n = match names.iter().position(|x| *x == name) {
            Some(i) => i + 1,
            None => {
                names.push(name.clone());
                names.len()
            }
        };
        out.push_str(&escape(&rest[..open]));
        out.push_str(&format!("${{{n}:{}}}", escape(&name)));
        rest = &rest[open + close + 1..];
    }
    out.push_str(&escape(rest));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::position::Encoding;

    const REPORT: &str = "# Report\n\n## Executive Summary\n\nText.\n\n## Interaction Log\n\n### June 3, 2024 — Call\n\n\n## Action Items\n\n";

    fn labels(text: &str, offset: usize) -> Vec<String> {
        let settings = Settings::default();
        let index = LineIndex::new(text, Encoding::Utf16);
        completions(text, &settings, &index, offset, true)
            .into_iter()
            .map(|c| c.label)
            .collect()
    }

    #[test]
    fn phrases_become_snippets_with_tab_stops() {
        assert_eq!(
            snippet("On [Date], a meeting was held with [Client] regarding [Topic]."),
            "On ${1:date}, a meeting was held with ${2:client} regarding ${3:topic}."
        );
        assert_eq!(
            snippet("[Date] to [Date] costs $5}"),
            "${1:date} to ${1:date} costs \\$5\\}"
        );
        assert_eq!(snippet("No placeholder [here"), "No placeholder [here");
    }

    #[test]
    fn the_interaction_log_offers_the_interaction_phrases() {
        // On the blank line under the entry's sub-heading, inside the log.
        let offset = REPORT.find("Call\n\n").unwrap() + 6;
        let got = labels(REPORT, offset);
        assert!(
            got.contains(
                &"On [Date], a meeting was held with [Client] regarding [Topic].".to_string()
            ),
            "{got:#?}"
        );
        assert!(
            !got.iter().any(|l| l.starts_with("This report summarizes")),
            "{got:#?}"
        );
        // At the start of a line, the missing sections' headings too.
        assert!(got.contains(&"## Next Steps".to_string()), "{got:#?}");
        assert!(!got.contains(&"## Interaction Log".to_string()), "{got:#?}");
    }

    #[test]
    fn the_summary_offers_the_opening_phrases() {
        let offset = REPORT.find("Text.").unwrap() + 5;
        let got = labels(REPORT, offset);
        assert!(
            got.iter().any(|l| l.starts_with("This report summarizes")),
            "{got:#?}"
        );
        assert!(!got.iter().any(|l| l.starts_with("On [Date]")), "{got:#?}");
        assert!(
            !got.iter().any(|l| l.starts_with('#')),
            "mid-line: no headings"
        );
    }

    #[test]
    fn a_heading_being_typed_gets_the_missing_sections_only() {
        let text = format!("{REPORT}## Ne");
        let got = labels(&text, text.len());
        assert!(got.contains(&"## Next Steps".to_string()), "{got:#?}");
        assert!(got.iter().all(|l| l.starts_with("## ")), "{got:#?}");
    }

    #[test]
    fn every_purpose_names_known_sections() {
        let settings = Settings::default();
        let known: Vec<&str> = settings
            .data
            .sections
            .sections
            .iter()
            .map(|s| s.id.as_str())
            .collect();
        for p in &settings.data.vocabulary.purposes {
            assert!(!p.sections.is_empty(), "purpose {} has no sections", p.id);
            for s in &p.sections {
                assert!(
                    known.contains(&s.as_str()),
                    "purpose {}: unknown section {s}",
                    p.id
                );
            }
        }
    }

    #[test]
    fn nothing_inside_code() {
        let text = "## Interaction Log\n\n```\n\n```\n";
        assert!(labels(text, text.find("```\n").unwrap() + 4).is_empty());
    }
}
