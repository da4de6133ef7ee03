//! Document symbols: the report's sections as the outline, and inside them each
//! interaction-log entry and each task, from the typed report view the rules use.

use std::ops::Range;

use lsp_types::{
    DocumentSymbol, DocumentSymbolResponse, Location, SymbolInformation, SymbolKind, Uri,
};

use super::position::LineIndex;
use crate::document::content::{Entry, Task, excerpt, filled};
use crate::document::{Document, Report};
use crate::settings::Settings;

/// One symbol before conversion, with byte ranges.
struct Node {
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    range: Range<usize>,
    selection: Range<usize>,
    children: Vec<Node>,
}

/// The outline of a report.
pub fn symbols(
    uri: &Uri,
    text: &str,
    settings: &Settings,
    index: &LineIndex,
    nested: bool,
) -> DocumentSymbolResponse {
    let roots = outline(text, settings);
    if nested {
        DocumentSymbolResponse::Nested(roots.into_iter().map(|n| convert(n, text, index)).collect())
    } else {
        let mut flat = Vec::new();
        for n in roots {
            flatten(n, None, uri, text, index, &mut flat);
        }
        DocumentSymbolResponse::Flat(flat)
    }
}

fn outline(text: &str, settings: &Settings) -> Vec<Node> {
    let doc = Document::parse(text);
    let report = Report::build_with(&doc, settings);
    let set = &settings.data.sections;
    // Sections, each as a node; a sub-heading that is an interaction entry becomes the entry.
    let mut nodes: Vec<Option<Node>> = Vec::with_capacity(doc.sections.len());
    let mut entry_of_heading = vec![None; doc.sections.len()];
    for (i, e) in report.content.entries.iter().enumerate() {
        if let Some(h) = doc.headings.iter().position(|h| {
            h.span.start <= e.anchor.start && e.anchor.start < h.span.end.max(h.span.start + 1)
        }) {
            entry_of_heading[h] = Some(i);
        }
    }
    for (i, s) in doc.sections.iter().enumerate() {
        let heading = &doc.headings[s.heading];
        let kinds: Vec<&str> = report
            .sections
            .iter()
            .filter(|f| f.section == i)
            .map(|f| set.sections[f.kind].name.as_str())
            .collect();
        let title = heading.text.trim();
        let name = if title.is_empty() {
            "(untitled section)".to_string()
        } else {
            title.to_string()
        };
        let node = match entry_of_heading[i].map(|e| &report.content.entries[e]) {
            Some(e) => Node {
                kind: SymbolKind::EVENT,
                detail: entry_detail(e),
                ..section_node(name, s.span.clone(), heading.span.clone())
            },
            None => {
                let canonical = kinds.join(" / ");
                Node {
                    kind: if kinds.is_empty() {
                        SymbolKind::STRING
                    } else {
                        SymbolKind::NAMESPACE
                    },
                    detail: (!kinds.is_empty() && !canonical.eq_ignore_ascii_case(title))
                        .then_some(canonical),
                    ..section_node(name, s.span.clone(), heading.span.clone())
                }
            }
        };
        nodes.push(Some(node));
    }
    // Entries written as rows, items or sentences, and tasks, under their section.
    let mut leaves: Vec<(Option<usize>, Node)> = Vec::new();
    for (i, e) in report.content.entries.iter().enumerate() {
        if entry_of_heading.contains(&Some(i)) {
            continue;
        }
        let node = leaf(
            entry_name(e),
            entry_detail(e),
            SymbolKind::EVENT,
            e.anchor.clone(),
        );
        leaves.push((innermost(&doc, e.anchor.start), node));
    }
    for t in &report.content.tasks {
        let node = leaf(
            task_name(t),
            task_detail(t),
            SymbolKind::OBJECT,
            t.anchor.clone(),
        );
        leaves.push((innermost(&doc, t.anchor.start), node));
    }
    let mut roots = Vec::new();
    for (parent, mut node) in leaves {
        match parent.and_then(|p| nodes[p].as_mut()) {
            Some(p) => {
                node.range.end = node.range.end.min(p.range.end);
                node.selection.end = node.selection.end.min(node.range.end);
                p.children.push(node);
            }
            None => roots.push(node),
        }
    }
    // Sections into their parents, innermost first (children come after their parents).
    for i in (0..nodes.len()).rev() {
        let Some(node) = nodes[i].take() else {
            continue;
        };
        match doc.sections[i].parent.and_then(|p| nodes[p].as_mut()) {
            Some(p) => p.children.push(node),
            None => roots.push(node),
        }
    }
    sort(&mut roots);
    roots
}

fn sort(nodes: &mut [Node]) {
    nodes.sort_by_key(|n| n.range.start);
    for n in nodes {
        sort(&mut n.children);
    }
}

fn section_node(name: String, range: Range<usize>, selection: Range<usize>) -> Node {
    Node {
        name,
        detail: None,
        kind: SymbolKind::NAMESPACE,
        range,
        selection,
        children: Vec::new(),
    }
}

fn leaf(name: String, detail: Option<String>, kind: SymbolKind, span: Range<usize>) -> Node {
    Node {
        name,
        detail,
        kind,
        range: span.clone(),
        selection: span,
        children: Vec::new(),
    }
}

/// The innermost section holding byte `at`.
fn innermost(doc: &Document<'_>, at: usize) -> Option<usize> {
    doc.sections
        .iter()
        .enumerate()
        .filter(|(_, s)| s.span.start <= at && at < s.span.end.max(s.span.start + 1))
        .max_by_key(|(_, s)| s.span.start)
        .map(|(i, _)| i)
}

fn entry_name(e: &Entry) -> String {
    let date = filled(&e.date_text)
        .map(|v| v.text.trim().to_string())
        .or_else(|| e.date.as_ref().map(|d| d.text.trim().to_string()));
    let method = filled(&e.method).map(|v| excerpt(&v.text));
    match (date, method) {
        (Some(d), Some(m)) => format!("{d} — {m}"),
        (Some(d), None) => d,
        (None, Some(m)) => m,
        (None, None) => "Interaction".to_string(),
    }
}

fn entry_detail(e: &Entry) -> Option<String> {
    let parts: Vec<String> = [&e.participants, &e.summary]
        .into_iter()
        .filter_map(|v| filled(v).map(|v| excerpt(&v.text)))
        .collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}

fn task_name(t: &Task) -> String {
    filled(&t.text).map_or_else(|| "Task".to_string(), |v| excerpt(&v.text))
}

fn task_detail(t: &Task) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(o) = filled(&t.owner) {
        parts.push(format!("Owner: {}", excerpt(&o.text)));
    }
    if let Some(d) = filled(&t.deadline) {
        parts.push(format!("Due: {}", excerpt(&d.text)));
    }
    if t.checked == Some(true) {
        parts.push("done".to_string());
    } else if let Some(s) = filled(&t.status) {
        parts.push(excerpt(&s.text));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

#[allow(deprecated)] // `deprecated` is a required field of the protocol type.
fn convert(n: Node, text: &str, index: &LineIndex) -> DocumentSymbol {
    DocumentSymbol {
        name: n.name,
        detail: n.detail,
        kind: n.kind,
        tags: None,
        deprecated: None,
        range: index.range(text, n.range),
        selection_range: index.range(text, n.selection),
        children: (!n.children.is_empty()).then(|| {
            n.children
                .into_iter()
                .map(|c| convert(c, text, index))
                .collect()
        }),
    }
}

#[allow(deprecated)] // `deprecated` is a required field of the protocol type.
fn flatten(
    n: Node,
    container: Option<&str>,
    uri: &Uri,
    text: &str,
    index: &LineIndex,
    out: &mut Vec<SymbolInformation>,
) {
    out.push(SymbolInformation {
        name: n.name.clone(),
        kind: n.kind,
        tags: None,
        deprecated: None,
        location: Location {
            uri: uri.clone(),
            range: index.range(text, n.range.clone()),
        },
        container_name: container.map(str::to_string),
    });
    for c in n.children {
        flatten(c, Some(&n.name), uri, text, index, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(nodes: &[Node], depth: usize, out: &mut Vec<String>) {
        for n in nodes {
            out.push(format!("{}{:?} {}", "  ".repeat(depth), n.kind, n.name));
            assert!(n.range.start <= n.selection.start && n.selection.end <= n.range.end);
            for c in &n.children {
                assert!(n.range.start <= c.range.start && c.range.end <= n.range.end);
            }
            names(&n.children, depth + 1, out);
        }
    }

    #[test]
    fn sections_hold_their_entries_and_tasks() {
        let text = include_str!("../../tests/fixtures/clean/list-form.md");
        let settings = Settings::default();
        let roots = outline(text, &settings);
        let mut got = Vec::new();
        names(&roots, 0, &mut got);
        let shown = got.join("\n");
        assert!(shown.contains("  Namespace Interaction Log"), "{shown}");
        assert!(
            shown.contains("    Event "),
            "entries under the log:\n{shown}"
        );
        assert!(shown.contains("  Namespace Action Items"), "{shown}");
        assert!(
            shown.contains("    Object "),
            "tasks under action items:\n{shown}"
        );
    }

    #[test]
    fn sub_heading_entries_are_one_symbol() {
        let text = "# R\n\n## Interaction Log\n\n### June 3, 2024 — Call\n\nParticipants: Jane Doe\nSummary: Pricing.\n\n## Action Items\n\n- [ ] Send it — Owner: Jane Doe — Due: June 20, 2024\n";
        let settings = Settings::default();
        let roots = outline(text, &settings);
        let mut got = Vec::new();
        names(&roots, 0, &mut got);
        assert_eq!(
            got,
            [
                "String R",
                "  Namespace Interaction Log",
                "    Event June 3, 2024 — Call",
                "  Namespace Action Items",
                "    Object Send it",
            ]
        );
    }
}
