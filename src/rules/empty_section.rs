use crate::diagnostic::Diagnostic;
use crate::document::BlockKind;

use super::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// That each recognised section has content: a paragraph, list, table or other block,
    /// directly or in a sub-section. HTML comments alone do not count.
    ///
    /// ## Why
    /// An empty heading promises information that is not there. If nothing happened, say so
    /// (`No issues were raised during this period.`), so the reader knows it was not forgotten.
    ///
    /// ## Example
    /// ```markdown
    /// ## Issues and Resolutions
    ///
    /// ## Next Steps
    /// ```
    /// reports that *Issues and Resolutions* is empty.
    ///
    /// ## Fix safety
    /// No fix: only the author knows what belongs there.
    pub struct EmptySection {
        code: "CCR102",
        name: "empty-section",
        severity: Warning,
        fix: None,
        summary: "A section has a heading but no content",
    }
}

impl Rule for EmptySection {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for found in &cx.report.sections {
            let section = &cx.doc.sections[found.section];
            let has_content = cx
                .doc
                .blocks_in(section.body.clone())
                .any(|b| b.kind != BlockKind::Html || !only_comments(cx.text(b.span.clone())));
            if !has_content {
                let heading = &cx.doc.headings[found.section];
                let name = &cx.settings.data.sections.sections[found.kind].name;
                out.push(
                    cx.diagnostic(&Self::META, heading.span.clone(), format!("section '{name}' is empty"))
                        .with_help("write its content, or state plainly that there is nothing to report (e.g. \"None during this period.\")"),
                );
            }
        }
    }
}

fn only_comments(html: &str) -> bool {
    let mut rest = html.trim();
    while let Some(after) = rest.strip_prefix("<!--") {
        match after.find("-->") {
            Some(end) => rest = after[end + 3..].trim_start(),
            None => return false,
        }
    }
    rest.is_empty()
}
