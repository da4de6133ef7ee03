//! Human output: a miette snippet per diagnostic with the span underlined, the rule's code
//! and name, the message, the help, and the fix (what it changes and whether it is safe).

use std::fmt;
use std::io::{self, Write};

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};

use super::excerpt::Excerpt;
use super::{FileReport, describe_fix};
use crate::diagnostic::{Diagnostic, Severity};

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

/// One diagnostic seen through miette's `Diagnostic` trait.
struct Shown<'a> {
    d: &'a Diagnostic,
    /// The lines around the span, long ones cut to the terminal's width.
    source: Excerpt,
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
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            Some(self.source.label(&self.d.rule.name)),
            self.source.span(),
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
                source: Excerpt::new(
                    &file.path,
                    &file.source,
                    &index,
                    d.span.clone(),
                    opts.width,
                    &d.rule.name,
                ),
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
