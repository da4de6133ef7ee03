use crate::data::vocabulary::Kind;
use crate::diagnostic::Diagnostic;
use crate::vocab::check::check_kind;

use super::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// Contractions (`don't`, `we're`, `I'll`, `it's`) with straight or curly apostrophes. The list
    /// lives in `vocabulary/contractions.toml`. Possessives (`the client's`) are not contractions.
    ///
    /// ## Why
    /// Reports are formal records; written-out forms read as deliberate and are unambiguous.
    ///
    /// ## Example
    /// ```markdown
    /// We don't expect delays, and it's been agreed.
    /// ```
    /// reports `don't` (fix: `do not`) and `it's` (no fix: *it is* or *it has*).
    ///
    /// ## Fix safety
    /// Safe where the expansion is certain (`don't` → `do not`, `DON'T` → `DO NOT`, `Won’t` →
    /// `Will not`), keeping capitalisation and apostrophe style. Ambiguous contractions (`it's`,
    /// `he'd`: is/has, would/had) get no fix; `let's` → `let us` is unsafe.
    pub struct Contraction {
        code: "CCR602",
        name: "contraction",
        severity: Warning,
        fix: Safe,
        summary: "Contractions such as don't, we're, it's",
    }
}

impl Rule for Contraction {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        check_kind(cx, Kind::Contraction, &Self::META, out);
    }
}
