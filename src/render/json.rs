//! The versioned JSON document (`--format json`). A public interface: fields are only ever added.

use std::io::{self, Write};

use rayon::prelude::*;
use serde::Serialize;

use super::{FileReport, Summary};
use crate::document::LineCol;

/// The document's shape. [`render`] writes it piece by piece; the test serialises it whole
/// and compares.
#[cfg(test)]
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

/// How many files are serialised at once, in parallel, before their text is written out:
/// enough to keep both threads busy, few enough that the output is not all held in memory.
const BATCH: usize = 64;

pub(super) fn render(out: &mut dyn Write, files: &[FileReport]) -> io::Result<()> {
    // Through a buffer: serde writes in many small pieces, and each would be a dynamic call
    // into the output writer.
    let mut buf = io::BufWriter::with_capacity(1 << 16, out);
    // The frame of `Output`, written by hand so that the files, most of the work on a folder,
    // are serialised on all threads; `the_frame_is_what_serde_writes` holds it to `Output`.
    buf.write_all(b"{\n  \"version\": 1,\n  \"files\": [")?;
    for (i, batch) in files.chunks(BATCH).enumerate() {
        let parts: Vec<io::Result<Vec<u8>>> = batch.par_iter().map(file_json).collect();
        for (j, part) in parts.into_iter().enumerate() {
            buf.write_all(if i == 0 && j == 0 {
                b"\n    "
            } else {
                b",\n    "
            })?;
            buf.write_all(&part?)?;
        }
    }
    if !files.is_empty() {
        buf.write_all(b"\n  ")?;
    }
    buf.write_all(b"],\n  \"summary\": ")?;
    super::pretty::to_writer_at(&mut buf, 1, &Summary::of(files))?;
    buf.write_all(b"\n}\n")?;
    buf.flush()
}

/// One file's object, as it appears in the `files` array.
fn file_json(file: &FileReport) -> io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(256 + 700 * file.diagnostics.len());
    super::pretty::to_writer_at(&mut out, 2, &json_file(file))?;
    Ok(out)
}

fn json_file(file: &FileReport) -> JsonFile<'_> {
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Settings;

    fn report(i: usize) -> FileReport {
        let source = format!(
            "# Report {i}\n\n## Executive Summary\n\nWe're gonna call them ASAP!!\n\n\
             ## Action Items\n\n- Send the \"quote\" — Owner: Zoë\n"
        );
        let diagnostics = crate::lint(&source, &Settings::default());
        FileReport {
            path: format!("reports/r{i}.md"),
            source,
            diagnostics,
        }
    }

    #[test]
    fn the_frame_is_what_serde_writes() {
        for n in [0, 1, 3, BATCH, BATCH + 1, 2 * BATCH + 5] {
            let files: Vec<FileReport> = (0..n).map(report).collect();
            let mut ours = Vec::new();
            render(&mut ours, &files).unwrap_or_else(|e| panic!("renders to memory: {e}"));
            let whole = Output {
                version: 1,
                files: files.iter().map(json_file).collect(),
                summary: Summary::of(&files),
            };
            let theirs = serde_json::to_string_pretty(&whole)
                .unwrap_or_else(|e| panic!("serialises: {e}"))
                + "\n";
            assert_eq!(String::from_utf8_lossy(&ours), theirs, "{n} files");
            assert!(
                n == 0 || files[0].diagnostics.len() > 2,
                "the reports have diagnostics"
            );
        }
    }
}
