//! The versioned JSON document (`--format json`). A public interface: fields are only ever added.

use std::io::{self, Write};

use serde::Serialize;

use super::{FileReport, Summary};
use crate::document::LineCol;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    files: Vec<JsonFile<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    name: &'a str,
    severity: &'static str,
    message: &'a str,
    help: Option<&'a str>,
    span: Span,
    start: LineCol,
    end: LineCol,
    fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
struct Span {
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    applicability: &'static str,
    message: &'a str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    start: usize,
    end: usize,
    replacement: &'a str,
}

pub(super) fn render(out: &mut dyn Write, files: &[FileReport]) -> io::Result<()> {
    let summary = Summary::of(files);
    let files = files
        .iter()
        .map(|file| {
            let index = file.line_index();
            let diagnostics = file
                .diagnostics
                .iter()
                .map(|d| JsonDiagnostic {
                    code: &d.rule.code,
                    name: &d.rule.name,
                    severity: d.severity.as_str(),
                    message: &d.message,
                    help: d.help.as_deref(),
                    span: Span {
                        start: d.span.start,
                        end: d.span.end,
                    },
                    start: index.line_col(&file.source, d.span.start),
                    end: index.line_col(&file.source, d.span.end),
                    fix: d.fix.as_ref().map(|f| JsonFix {
                        applicability: f.applicability.as_str(),
                        message: &f.message,
                        edits: f
                            .edits
                            .iter()
                            .map(|e| JsonEdit {
                                start: e.span.start,
                                end: e.span.end,
                                replacement: &e.replacement,
                            })
                            .collect(),
                    }),
                })
                .collect();
            JsonFile {
                path: &file.path,
                diagnostics,
            }
        })
        .collect();
    // Through a buffer: serde writes in many small pieces, and each would be a dynamic call
    // into the output writer; serialising the whole output into memory first cost as much
    // again in page faults on large reports (and memory the size of the output).
    let mut buf = io::BufWriter::with_capacity(1 << 16, out);
    super::pretty::to_writer(
        &mut buf,
        &Output {
            version: 1,
            files,
            summary,
        },
    )?;
    buf.write_all(b"\n")?;
    buf.flush()
}
