use crate::diagnostic::Diagnostic;
use crate::document::SegKind;

use super::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// That no template text is left in the report: bracketed fields (`[Client Name]`,
    /// `[Date]`), instructions (`[insert summary]`, `<insert contact name>`), template
    /// variables (`{{client}}`), markers (`TBD`, `TBC`, `TODO`, `FIXME`, `XXX`, `June XX`) and
    /// `Lorem ipsum`. The patterns live in `rules/placeholders.toml`. Only prose is searched:
    /// code, link destinations, HTML comments and front matter are not. Links, task boxes
    /// (`[ ]`, `[x]`) and footnote references (`[^1]`) are Markdown, never placeholders.
    ///
    /// One problem, one finding: a task's owner written `TBD` (or another placeholder that the
    /// vague owners of `rules/fields.toml` list) is CCR403 vague-owner's, which names the task
    /// and asks for a person; this rule reports it only when CCR403 is off.
    ///
    /// ## Why
    /// A report sent with `[Client Name]` in it tells the client nobody read it before it went out.
    ///
    /// ## Example
    /// ```markdown
    /// On [Date], a meeting was held with [Client] regarding the renewal.
    /// ```
    /// reports `[Date]` and `[Client]`.
    ///
    /// ## Fix safety
    /// No fix: the missing value is only known to the author.
    pub struct UnfilledPlaceholder {
        code: "CCR204",
        name: "unfilled-placeholder",
        severity: Error,
        fix: None,
        summary: "Template placeholder text was left in the report",
    }
}

impl Rule for UnfilledPlaceholder {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let placeholders = &cx.settings.data.placeholders;
        let fields = &cx.settings.data.fields;
        // The owners CCR403 reports: a placeholder there is its finding, not this rule's.
        let vague_owners: Vec<std::ops::Range<usize>> = if cx
            .settings
            .selection
            .enabled(&super::tasks::VagueOwner::META.id())
        {
            cx.report
                .content
                .tasks
                .iter()
                .filter_map(|t| crate::document::content::filled(&t.owner))
                .filter(|o| fields.is_vague_owner(&o.text))
                .map(|o| o.span.clone())
                .collect()
        } else {
            Vec::new()
        };
        for prose in &cx.doc.prose {
            for m in placeholders.find_iter(&prose.text) {
                if !in_writable_text(prose, m.range.clone()) {
                    continue;
                }
                let Some(span) = prose.to_source(m.range.clone()) else {
                    continue;
                };
                if vague_owners
                    .iter()
                    .any(|o| o.start <= span.start && span.end <= o.end)
                {
                    continue;
                }
                out.push(cx.diagnostic(&Self::META, span, m.message).with_help(
                    "replace it with the real value, or remove it if it does not apply",
                ));
            }
        }
    }
}

/// Text the author wrote (plain text, inline HTML such as `<insert name>`, line breaks),
/// not code, URLs or image alt text.
fn in_writable_text(prose: &crate::document::Prose, range: std::ops::Range<usize>) -> bool {
    let first = prose.segs.partition_point(|s| s.text_end() <= range.start);
    prose.segs[first..]
        .iter()
        .take_while(|s| s.text_start() < range.end)
        .all(|s| matches!(s.kind, SegKind::Text | SegKind::Html | SegKind::Break))
}
