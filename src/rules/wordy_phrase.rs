use crate::data::vocabulary::Kind;
use crate::diagnostic::Diagnostic;
use crate::vocab::check::check_kind;

use super::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// Phrases that use more words than the meaning needs: `in order to` → `to`, `due to the fact
    /// that` → `because`, `on a weekly basis` → `weekly`, `in the process of` (remove). The list
    /// lives in `vocabulary/wordy.toml`.
    ///
    /// ## Why
    /// Reports are skimmed. Concise sentences get read; padded ones get skipped.
    ///
    /// ## Example
    /// ```markdown
    /// In order to confirm the scope, we will meet on a weekly basis.
    /// ```
    /// reports `In order to` (→ `To`) and `on a weekly basis` (→ `weekly`).
    ///
    /// ## Fix safety
    /// Safe where the meaning is identical (`in order to` → `to`, `end result` → `result`);
    /// unsafe where the sentence should be read again (`whether or not`, removals).
    pub struct WordyPhrase {
        code: "CCR605",
        name: "wordy-phrase",
        severity: Info,
        fix: Safe,
        summary: "Wordy phrases with a shorter equivalent",
    }
}

impl Rule for WordyPhrase {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        check_kind(cx, Kind::Wordy, &Self::META, out);
    }
}
