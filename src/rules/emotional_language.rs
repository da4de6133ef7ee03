use crate::data::vocabulary::Kind;
use crate::diagnostic::Diagnostic;
use crate::vocab::check::check_kind;

use super::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// Blame, judgement and strong feeling: `the client failed to`, `as usual`, `ridiculous`,
    /// `demanded`, `complained`, `furious`, … (`vocabulary/emotional.toml`).
    ///
    /// ## Why
    /// The client may read the report. A record states facts and their impact; emotional wording
    /// damages the relationship and hides what actually happened.
    ///
    /// ## Example
    /// ```markdown
    /// The client failed to send the data, as usual, which is ridiculous.
    /// ```
    /// reports `The client failed to` (→ `The client did not`), `as usual` and `ridiculous`.
    ///
    /// ## Fix safety
    /// Unsafe where a neutral replacement exists (`demanded` → `requested`); judgements without a
    /// neutral equivalent get no fix: the sentence needs rewriting.
    pub struct EmotionalLanguage {
        code: "CCR609",
        name: "emotional-language",
        severity: Warning,
        fix: Unsafe,
        summary: "Emotional, blaming or judgemental wording",
    }
}

impl Rule for EmotionalLanguage {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        check_kind(cx, Kind::Emotional, &Self::META, out);
    }
}
