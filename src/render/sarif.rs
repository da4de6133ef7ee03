//! SARIF 2.1.0 (`--format sarif`), for code-scanning tools such as GitHub's. One run, the
//! driver's rules with their documentation, one result per diagnostic with its region, and
//! fixes as `fixes`/`artifactChanges`. Lines and columns are 1-based; columns count Unicode
//! code points (`columnKind: unicodeCodePoints`), as in the JSON output.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::ops::Range;

use serde_json::{Value, json};

use super::FileReport;
use crate::diagnostic::{Diagnostic, RuleId, Severity};
use crate::document::LineIndex;
use crate::rules::{self, RuleMeta};

/// SARIF's own schema, named in the document's `$schema`.
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub(super) fn render(out: &mut dyn Write, files: &[FileReport]) -> io::Result<()> {
    // Buffered, as for JSON: a few large writes instead of many small dynamic ones.
    let mut buf = io::BufWriter::with_capacity(1 << 16, out);
    super::pretty::to_writer(&mut buf, &document(files))?;
    writeln!(buf)?;
    buf.flush()
}

/// The SARIF log for these files.
pub fn document(files: &[FileReport]) -> Value {
    // Built-in rules in code order, then any rule only seen in results (user vocabulary rules).
    let mut ids: Vec<RuleId> = rules::all().map(RuleMeta::id).collect();
    for d in files.iter().flat_map(|f| &f.diagnostics) {
        if !ids.contains(&d.rule) {
            ids.push(d.rule.clone());
        }
    }
    let index: BTreeMap<&str, usize> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (&*id.code, i))
        .collect();
    let driver_rules: Vec<Value> = ids.iter().map(rule).collect();

    let mut results = Vec::new();
    for file in files {
        let lines = file.line_index();
        let uri = uri(&file.path);
        for d in &file.diagnostics {
            results.push(result(
                d,
                index.get(&*d.rule.code).copied(),
                &uri,
                &file.source,
                &lines,
            ));
        }
    }
    let mut driver = json!({
        "name": "ccr-lint",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "rules": driver_rules,
    });
    if let Some(base) = repository() {
        driver["informationUri"] = json!(base);
    }
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

/// The package's repository, when Cargo.toml declares one.
fn repository() -> Option<&'static str> {
    let r = env!("CARGO_PKG_REPOSITORY");
    (!r.is_empty()).then_some(r.trim_end_matches('/'))
}

fn rule(id: &RuleId) -> Value {
    let Some(meta) = rules::find(&id.code) else {
        return json!({ "id": id.code, "name": id.name, "shortDescription": { "text": id.name } });
    };
    let doc = meta.documentation();
    let mut rule = json!({
        "id": meta.code,
        "name": meta.name,
        "shortDescription": { "text": meta.summary },
        "fullDescription": { "text": what_it_checks(&doc).unwrap_or(meta.summary) },
        "help": { "text": doc, "markdown": doc },
        "defaultConfiguration": { "level": level(meta.severity) },
        "properties": { "fix": meta.fix.as_str() },
    });
    if let Some(uri) = help_uri(repository()) {
        rule["helpUri"] = json!(uri);
    }
    rule
}

/// The README's rule table. SARIF wants an absolute URI here, so there is one only when
/// Cargo.toml names the repository (`repository = "https://…"`).
fn help_uri(repository: Option<&str>) -> Option<String> {
    repository.map(|base| format!("{base}/blob/HEAD/README.md#rules"))
}

/// The paragraph under `## What it checks`, joined into one line.
fn what_it_checks(doc: &str) -> Option<&str> {
    let start = doc.find("## What it checks")? + "## What it checks".len();
    let rest = &doc[start..];
    let end = rest.find("\n## ").unwrap_or(rest.len());
    Some(rest[..end].trim())
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn result(
    d: &Diagnostic,
    rule_index: Option<usize>,
    uri: &str,
    source: &str,
    lines: &LineIndex,
) -> Value {
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push('\n');
        message.push_str(help);
    }
    let mut r = json!({
        "ruleId": d.rule.code,
        "level": level(d.severity),
        "message": { "text": message },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": uri },
                "region": region(source, lines, d.span.clone()),
            }
        }],
    });
    if let Some(i) = rule_index {
        r["ruleIndex"] = json!(i);
    }
    if let Some(fix) = &d.fix {
        let replacements: Vec<Value> = fix
            .edits
            .iter()
            .map(|e| {
                let mut rep = json!({ "deletedRegion": region(source, lines, e.span.clone()) });
                if !e.replacement.is_empty() {
                    rep["insertedContent"] = json!({ "text": e.replacement });
                }
                rep
            })
            .collect();
        r["fixes"] = json!([{
            "description": { "text": fix.message },
            "artifactChanges": [{ "artifactLocation": { "uri": uri }, "replacements": replacements }],
            "properties": { "applicability": fix.applicability.as_str() },
        }]);
    }
    r
}

/// A region by 1-based line and column; an empty span is an insertion point
/// (`endColumn == startColumn`).
fn region(source: &str, lines: &LineIndex, span: Range<usize>) -> Value {
    let start = lines.line_col(source, span.start);
    let end = lines.line_col(source, span.end);
    json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
    })
}

/// A relative path as a URI reference: forward slashes, and everything but unreserved
/// characters and `/` percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_points_at_the_readme_rule_table() {
        assert_eq!(
            help_uri(Some("https://example.com/team/ccr-lint")).as_deref(),
            Some("https://example.com/team/ccr-lint/blob/HEAD/README.md#rules")
        );
        assert_eq!(help_uri(None), None);
        let doc = crate::rules::find("CCR901").unwrap().documentation();
        let what = what_it_checks(&doc).unwrap();
        assert!(
            what.starts_with("That every suppression comment") && !what.contains("## Why"),
            "{what}"
        );
    }

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(
            uri("reports/Q2 report (Zoë).md"),
            "reports/Q2%20report%20%28Zo%C3%AB%29.md"
        );
        assert_eq!(uri("reports\\a.md"), "reports/a.md");
    }
}
