use crate::data::vocabulary::Kind;
use crate::diagnostic::Diagnostic;
use crate::vocab::check::check_kind;

use super::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// Filler words: `basically`, `really`, `actually`, `just`, `very`, `honestly`, `literally`,
    /// … (`vocabulary/filler.toml`).
    ///
    /// ## Why
    /// They add length, not meaning, and make a record sound like a conversation.
    ///
    /// ## Example
    /// ```markdown
    /// Basically, the client was really happy with the pilot.
    /// ```
    /// reports `Basically` and `really`.
    ///
    /// ## Fix safety
    /// Unsafe: the fix removes the word with its spacing and punctuation (`Basically, the client`
    /// → `The client`), but some uses carry meaning (`just` = only).
    pub struct FillerWord {
        code: "CCR606",
        name: "filler-word",
        severity: Info,
        fix: Unsafe,
        summary: "Filler words that add no meaning",
    }
}

impl Rule for FillerWord {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        check_kind(cx, Kind::Filler, &Self::META, out);
    }
}
