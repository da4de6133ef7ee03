use crate::data::vocabulary::Kind;
use crate::diagnostic::Diagnostic;
use crate::vocab::check::check_kind;

use super::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// Slang, text-speak and casual idioms in the report's prose: `gonna`, `ASAP`, `touch base`,
    /// `guys`, `stuff`, `FYI`, … The list lives in `vocabulary/informal.toml`; teams add their own
    /// through `[vocabulary] paths` and silence terms with `[vocabulary] accept`. Code, URLs,
    /// link destinations, HTML, front matter and quoted material (see `[language] quotes`) are
    /// never searched.
    ///
    /// One problem, one finding: `ASAP`, `EOD` and the like standing where a record needs a date
    /// (`Due: ASAP`, a task's deadline, a next step's time) are CCR310 vague-date's, whose help
    /// asks for the date; CCR601 reports them everywhere else (and everywhere when CCR310 is
    /// off).
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
        // One problem, one finding: where a vague expression stands for a date (`Due: ASAP`),
        // CCR310 vague-date reports it, with the help the reader needs (give the date).
        if !cx
            .settings
            .selection
            .enabled(&super::dates::VagueDate::META.id())
        {
            return check_kind(cx, Kind::Informal, &Self::META, out);
        }
        let mut found = Vec::new();
        check_kind(cx, Kind::Informal, &Self::META, &mut found);
        if found.is_empty() {
            return;
        }
        // Sorted by start; vague expressions do not overlap each other.
        let vague = super::dates::vague_dates(cx);
        found.retain(|d| {
            let i = vague.partition_point(|(v, _)| v.end <= d.span.start);
            vague.get(i).is_none_or(|(v, _)| v.start >= d.span.end)
        });
        out.extend(found);
    }
}
