use crate::data::vocabulary::Kind;
use crate::diagnostic::Diagnostic;
use crate::vocab::check::check_kind;

use super::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// Casual sentence openers where the report has a standard phrasing: `They want …` → `The
    /// client requested …`, `We agreed …` → `It was agreed that …`, `Sorry about …` → `We
    /// understand your concern regarding …`. Openers and phrasing live in `vocabulary/phrases.toml`;
    /// `ccr-lint phrases` lists the phrasing by purpose.
    ///
    /// ## Why
    /// Consistent phrasing makes reports from different writers read alike and keeps the record
    /// impersonal and precise.
    ///
    /// ## Example
    /// ```markdown
    /// They want a volume discount. We agreed to review it.
    /// ```
    /// reports `They want` and `We agreed`, with the standard sentences for decisions in the help.
    ///
    /// ## Fix safety
    /// Display-only: the standard phrasing usually needs the sentence restructured and holds
    /// placeholders such as `[Date]`.
    pub struct PhraseGuidance {
        code: "CCR610",
        name: "phrase-guidance",
        severity: Info,
        fix: DisplayOnly,
        summary: "Casual sentence openers, with the report's standard phrasing",
    }
}

impl Rule for PhraseGuidance {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        check_kind(cx, Kind::Phrase, &Self::META, out);
    }
}
