//! Human output: a miette snippet per diagnostic with the span underlined, the rule's code
//! and name, the message, the help, and the fix (what it changes and whether it is safe).

use std::fmt;
use std::io::{self, Write};

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};

use super::{FileReport, describe_fix};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::LineIndex;

#[derive(Debug, Clone, Copy)]
pub struct HumanOptions {
    pub color: bool,
    pub width: usize,
}

impl Default for HumanOptions {
    fn default() -> Self {
        HumanOptions {
            color: false,
            width: 100,
        }
    }
}

/// A file's text with its name, for miette snippets. Borrowed in the renderer (no copy of
/// the source per diagnostic), owned in config errors.
#[derive(Debug, Clone)]
pub struct Named<N, T> {
    pub name: N,
    pub text: T,
}

impl<N: AsRef<str> + Send + Sync, T: AsRef<str> + Send + Sync> SourceCode for Named<N, T> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let inner = self.text.as_ref().read_span(span, before, after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.as_ref().to_string(),
            inner.data(),
            *inner.span(),
            inner.line(),
            inner.column(),
            inner.line_count(),
        )))
    }
}

/// A file's text for the renderer: reads only the lines around a span, located with the
/// file's line index (miette's own `read_span` counts lines from the start of the file for
/// every diagnostic, which is quadratic on a large file with many diagnostics).
struct Indexed<'a> {
    name: &'a str,
    text: &'a str,
    index: &'a LineIndex,
}

impl SourceCode for Indexed<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let start = span.offset();
        let end = start + span.len();
        if end > self.text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let first_line = self.index.line_of(start).saturating_sub(before);
        // A span ending right after a newline ends on the line before it.
        let last_of_span = self.index.line_of(if end > start { end - 1 } else { end });
        let last_line = (last_of_span + after).min(self.index.line_count() - 1);
        let data_start = self.index.line_start(first_line);
        let data_end = if last_line + 1 < self.index.line_count() {
            self.index.line_start(last_line + 1)
        } else {
            self.text.len()
        };
        // As miette's own reader: with no lines of context the contents start at the span and
        // carry its column (in bytes, which is what miette's header shows).
        let (data_start, column) = if before == 0 {
            (
                start,
                start - self.index.line_start(self.index.line_of(start)),
            )
        } else {
            (data_start, 0)
        };
        let data = &self.text.as_bytes()[data_start..data_end];
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            data,
            SourceSpan::new(data_start.into(), data_end - data_start),
            self.index.line_of(data_start),
            column,
            last_line - first_line + 1,
        )))
    }
}

/// One diagnostic seen through miette's `Diagnostic` trait.
struct Shown<'a> {
    d: &'a Diagnostic,
    source: Indexed<'a>,
    code: String,
    help: Option<String>,
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message)
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.d.message)
    }
}

impl std::error::Error for Shown<'_> {}

impl miette::Diagnostic for Shown<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.code))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = SourceSpan::new(self.d.span.start.into(), self.d.span.len());
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            Some(self.d.rule.name.to_string()),
            span,
        ))))
    }
}

pub(super) fn render(
    out: &mut dyn Write,
    files: &[FileReport],
    opts: &HumanOptions,
) -> io::Result<()> {
    let theme = if opts.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(opts.width)
        .with_links(false);
    let mut buf = String::new();
    for file in files {
        let index = file.line_index();
        for d in &file.diagnostics {
            let help = match (d.help.as_deref(), describe_fix(&file.source, d)) {
                (Some(h), Some(f)) => Some(format!("{h}\n{f}")),
                (Some(h), None) => Some(h.to_string()),
                (None, Some(f)) => Some(f),
                (None, None) => None,
            };
            let shown = Shown {
                d,
                source: Indexed {
                    name: &file.path,
                    text: &file.source,
                    index: &index,
                },
                code: format!("{} {}", d.rule.code, d.rule.name),
                help,
            };
            buf.clear();
            // Rendering into a String cannot fail except through a bug in the handler.
            if handler.render_report(&mut buf, &shown).is_err() {
                buf = format!(
                    "{}: {}[{}] {}\n",
                    file.path, d.severity, d.rule.code, d.message
                );
            }
            out.write_all(buf.as_bytes())?;
            out.write_all(b"\n")?;
        }
    }
    Ok(())
}
