//! Hover: on a key term, or on plain wording the vocabulary maps to one (`touch base` →
//! follow-up), the term's definition and example sentence from the vocabulary data; on a
//! diagnostic, its rule's page (what `ccr-lint explain` prints).

use std::ops::Range;

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind};

use super::lint::Analysis;
use super::position::LineIndex;
use crate::data::Vocabulary;
use crate::data::vocabulary::{Entry, KeyTerm, Kind};
use crate::vocab::{Matcher, Tokens};

/// The hover at byte `offset`, if there is anything to say there.
pub fn hover(
    text: &str,
    analysis: &Analysis,
    index: &LineIndex,
    offset: usize,
    markdown: bool,
) -> Option<Hover> {
    let mut parts = Vec::new();
    let mut range = None;
    if let Some((span, part)) = key_term_at(&analysis.settings.data.vocabulary, text, offset) {
        parts.push(part);
        range = Some(span);
    }
    let mut seen: Vec<&str> = Vec::new();
    for d in &analysis.diagnostics {
        let on = (d.span.start <= offset && offset < d.span.end) || d.span == (offset..offset);
        if !on || seen.contains(&d.rule.code.as_ref()) {
            continue;
        }
        seen.push(&d.rule.code);
        parts.push(match crate::rules::find(&d.rule.code) {
            Some(meta) => crate::app::explanation(meta),
            // A rule a user vocabulary file declares: its message and help are all there is.
            None => format!(
                "# {} {}\n\n{}{}",
                d.rule.code,
                d.rule.name,
                d.message,
                d.help
                    .as_ref()
                    .map(|h| format!("\n\n{h}"))
                    .unwrap_or_default()
            ),
        });
        range.get_or_insert(d.span.clone());
    }
    if parts.is_empty() {
        return None;
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: if markdown {
                MarkupKind::Markdown
            } else {
                MarkupKind::PlainText
            },
            value: parts.join("\n\n---\n\n"),
        }),
        range: range.map(|r| index.range(text, r)),
    })
}

/// What a form found in the text stands for.
enum Target<'v> {
    Key(&'v KeyTerm),
    Plain(&'v Entry, &'v KeyTerm),
}

/// The key term (or wording the vocabulary maps to one) under byte `offset`: its bytes and
/// the hover text.
pub fn key_term_at(
    vocab: &Vocabulary,
    text: &str,
    offset: usize,
) -> Option<(Range<usize>, String)> {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = &text[start..end];

    let mut targets: Vec<Target<'_>> = Vec::new();
    let mut forms: Vec<(String, usize)> = Vec::new();
    for k in &vocab.key_terms {
        forms.push((k.name.clone(), targets.len()));
        forms.push((format!("{}s", k.name), targets.len()));
        targets.push(Target::Key(k));
    }
    for kind in Kind::ALL {
        for e in &vocab.terms(kind).entries {
            let Some(k) = e.key.as_deref().and_then(|k| vocab.key_term(k)) else {
                continue;
            };
            for f in &e.forms {
                forms.push((f.clone(), targets.len()));
            }
            targets.push(Target::Plain(e, k));
        }
    }
    let matcher = Matcher::new(forms.iter().map(|(f, i)| (f.as_str(), *i)));
    let toks = Tokens::new(line);
    let at = offset - start;
    let hit = matcher.find(&toks).find(|h| {
        let r = h.range(&toks);
        r.start <= at && at < r.end
    })?;
    let r = hit.range(&toks);
    let found = &line[r.clone()];
    let text = match targets.get(hit.entry)? {
        Target::Key(k) => format!(
            "**{}** — {}.\n\n*Example:* {}",
            k.name, k.definition, k.example
        ),
        Target::Plain(e, k) => {
            let mut s = format!(
                "*{found}* is plain wording for the key term **{}** — {}.\n\n*Example:* {}",
                k.name, k.definition, k.example
            );
            if let Some(help) = &e.help {
                s.push_str(&format!("\n\n{help}"));
            }
            s
        }
    };
    Some((start + r.start..start + r.end, text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Settings;

    fn at(text: &str, needle: &str) -> Option<(Range<usize>, String)> {
        let settings = Settings::default();
        let offset = text.find(needle).expect("needle") + 1;
        key_term_at(&settings.data.vocabulary, text, offset)
    }

    #[test]
    fn a_key_term_shows_its_definition_and_example() {
        let text = "# R\n\nThe escalation went to the board.\n";
        let (span, hover) = at(text, "escalation").expect("a hover");
        assert_eq!(&text[span], "escalation");
        assert!(
            hover.contains("raising an issue to a higher level"),
            "{hover}"
        );
        assert!(
            hover.contains("*Example:* This issue required urgent escalation"),
            "{hover}"
        );
        // Plurals too.
        let text = "All stakeholders agreed.";
        let (span, _) = at(text, "stakeholders").expect("a hover");
        assert_eq!(&text[span], "stakeholders");
    }

    #[test]
    fn plain_wording_shows_the_key_term_it_stands_for() {
        let text = "We will touch base on Monday.";
        let (span, hover) = at(text, "base").expect("a hover");
        assert_eq!(&text[span], "touch base");
        assert!(hover.contains("key term **follow-up**"), "{hover}");
        assert!(
            hover.contains("checks on something already started"),
            "{hover}"
        );
    }

    #[test]
    fn other_words_have_no_hover() {
        assert!(at("We met on Monday.", "Monday").is_none());
    }
}
