use crate::data::vocabulary::Kind;
use crate::diagnostic::Diagnostic;
use crate::vocab::check::check_kind;

use super::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// Plain or slangy wording where the report's key vocabulary has a precise term: interaction,
    /// consensus, resolution, follow-up, acknowledge, escalation, feedback, stakeholder, proposal,
    /// deliverable, clarification, documentation (`vocabulary/terms.toml`; `ccr-lint vocabulary`
    /// lists them). The help shows the term's definition and an example sentence.
    ///
    /// ## Why
    /// The key terms are what readers of client reports search for and understand the same way;
    /// `sorted out` or `paperwork` leave them guessing what exactly happened.
    ///
    /// ## Example
    /// ```markdown
    /// We sorted out the billing problem and sent the paperwork.
    /// ```
    /// reports `sorted out` (→ *resolution*) and `paperwork` (→ `documentation`).
    ///
    /// ## Fix safety
    /// Unsafe where a one-for-one replacement exists (`paperwork` → `documentation`); otherwise
    /// the suggestion is shown only, because the sentence needs rewording around the term.
    pub struct PreferredTerm {
        code: "CCR603",
        name: "preferred-term",
        severity: Info,
        fix: Unsafe,
        summary: "Plain or slangy wording where the report has a key term",
    }
}

impl Rule for PreferredTerm {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        check_kind(cx, Kind::PreferredTerm, &Self::META, out);
    }
}
