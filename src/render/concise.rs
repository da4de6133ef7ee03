//! `path:line:col: severity[CODE name] message` — one line per diagnostic.

use std::io::{self, Write};

use super::FileReport;

pub(super) fn render(out: &mut dyn Write, files: &[FileReport]) -> io::Result<()> {
    for file in files {
        let index = file.line_index();
        for d in &file.diagnostics {
            let at = index.line_col(&file.source, d.span.start);
            let fixable = if d
                .fix
                .as_ref()
                .is_some_and(|f| f.applicability == crate::Applicability::Safe)
            {
                " [*]"
            } else {
                ""
            };
            writeln!(
                out,
                "{}:{}:{}: {}[{} {}] {}{fixable}",
                file.path, at.line, at.column, d.severity, d.rule.code, d.rule.name, d.message
            )?;
        }
    }
    Ok(())
}
