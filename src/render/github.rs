//! GitHub Actions workflow commands (`--format github`): one annotation per diagnostic,
//! `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=CCR101 missing-section::message`.

use std::io::{self, Write};

use super::FileReport;
use crate::diagnostic::Severity;

pub(super) fn render(out: &mut dyn Write, files: &[FileReport]) -> io::Result<()> {
    for file in files {
        let index = file.line_index();
        for d in &file.diagnostics {
            let start = index.line_col(&file.source, d.span.start);
            let end = index.line_col(&file.source, d.span.end);
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push('\n');
                message.push_str(help);
            }
            writeln!(
                out,
                "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                escape_property(&file.path),
                start.line,
                start.column,
                end.line,
                end.column,
                escape_property(&format!("{} {}", d.rule.code, d.rule.name)),
                escape_data(&message),
            )?;
        }
    }
    Ok(())
}

/// The escaping GitHub requires in a command's message.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// The escaping GitHub requires in a command's property values: the message's, plus `:` and `,`.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_workflow_command_rules() {
        assert_eq!(
            escape_data("100% done\r\nnext: a, b"),
            "100%25 done%0D%0Anext: a, b"
        );
        assert_eq!(
            escape_property("C:\\reports\\q2, final.md"),
            "C%3A\\reports\\q2%2C final.md"
        );
        assert_eq!(escape_property("50%"), "50%25");
    }
}
