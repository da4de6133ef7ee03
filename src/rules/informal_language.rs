use crate::data::vocabulary::Kind;
use crate::diagnostic::Diagnostic;
use crate::vocab::check::check_kind;

use super::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// Slang, text-speak and casual idioms in the report's prose: `gonna`, `ASAP`, `touch base`,
    /// `guys`, `stuff`, `FYI`, … The list lives in `vocabulary/informal.toml`; teams add their own
    /// through `[vocabulary] paths` and silence terms with `[vocabulary] accept`. Code, URLs,
    /// link destinations, HTML and front matter are never searched.
    ///
    /// ## Why
    /// A report is a formal record read by clients, managers and whoever takes over the account.
    /// Casual wording reads as careless and can be unclear to readers outside the team.
    ///
    /// ## Example
    /// ```markdown
    /// We're gonna touch base with the guys ASAP.
    /// ```
    /// reports `gonna`, `touch base`, `guys` and `ASAP`, suggesting `going to`, the key term
    /// *follow-up*, `everyone`/`the team` and `as soon as possible`.
    ///
    /// ## Fix safety
    /// Per entry: a replacement with the same meaning (`gonna` → `going to`) is safe; others are
    /// unsafe because the meaning may shift; entries without a replacement only explain. The
    /// original's capitalisation is kept.
    pub struct InformalLanguage {
        code: "CCR601",
        name: "informal-language",
        severity: Warning,
        fix: Safe,
        summary: "Informal words and phrases (slang, text-speak, casual idioms)",
    }
}

impl Rule for InformalLanguage {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        check_kind(cx, Kind::Informal, &Self::META, out);
    }
}
