use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::vocab::Tokens;
use crate::vocab::check::ProseTokens;

use super::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// The form of *follow up*: `follow-up` is the noun and adjective (`a follow-up meeting`,
    /// `the follow-up`), `follow up` the verb (`we will follow up with the client`), and
    /// `followup` is not a word. The role is read from the words around it: a determiner
    /// (`a`, `the`, `our`, `next`, …) before it or a noun (`meeting`, `call`, `email`, …) after
    /// it makes a noun; a modal, `to`, `please` or a pronoun before it makes a verb. When the
    /// context says neither, `follow up` and `follow-up` are left alone.
    ///
    /// ## Why
    /// *Follow-up* is one of the report's key terms; the wrong form is a visible slip in the
    /// very section (Next Steps) a client reads most closely.
    ///
    /// ## Example
    /// ```markdown
    /// We scheduled a follow up meeting and will follow-up on the followup items.
    /// ```
    /// reports `follow up` (→ `follow-up`), `follow-up` (→ `follow up`) and `followup` (→ `follow-up`).
    ///
    /// ## Fix safety
    /// Safe: only the hyphen or space changes; the words and their capitals stay.
    pub struct FollowUpForm {
        code: "CCR604",
        name: "follow-up-form",
        severity: Warning,
        fix: Safe,
        summary: "follow-up is the noun, follow up the verb, followup is wrong",
    }
}

/// Words before *follow up* that make it a noun.
const NOUN_BEFORE: &[&str] = &[
    "a",
    "an",
    "another",
    "any",
    "each",
    "every",
    "final",
    "first",
    "formal",
    "further",
    "her",
    "his",
    "its",
    "my",
    "next",
    "no",
    "one",
    "our",
    "planned",
    "quick",
    "scheduled",
    "second",
    "short",
    "some",
    "such",
    "that",
    "the",
    "their",
    "these",
    "this",
    "those",
    "your",
    "brief",
];
/// Words after *follow up* that make it an adjective.
const NOUN_AFTER: &[&str] = &[
    "action",
    "actions",
    "appointment",
    "call",
    "calls",
    "conversation",
    "date",
    "demo",
    "discussion",
    "e-mail",
    "email",
    "emails",
    "item",
    "items",
    "letter",
    "meeting",
    "meetings",
    "message",
    "note",
    "notes",
    "plan",
    "question",
    "questions",
    "report",
    "review",
    "session",
    "sessions",
    "survey",
    "task",
    "tasks",
    "visit",
    "visits",
    "workshop",
];
/// Words before *follow up* that make it a verb.
const VERB_BEFORE: &[&str] = &[
    "can", "could", "didn't", "don't", "he", "i", "let's", "may", "might", "must", "please",
    "shall", "she", "should", "they", "to", "we", "will", "would", "you",
];
/// Adverbs skipped when looking at the word before.
const SKIP_BEFORE: &[&str] = &[
    "also",
    "then",
    "still",
    "quickly",
    "promptly",
    "personally",
    "not",
    "always",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Noun,
    Verb,
    Unknown,
}

fn lower(toks: &Tokens<'_>, i: usize) -> String {
    toks.str(i).replace('\u{2019}', "'").to_ascii_lowercase()
}

/// The role of the *follow up* spanning tokens `first..=last`.
fn role(toks: &Tokens<'_>, first: usize, last: usize) -> Role {
    let mut p = first;
    let prev = loop {
        let Some(q) = p.checked_sub(1) else {
            break None;
        };
        let w = lower(toks, q);
        if SKIP_BEFORE.contains(&w.as_str()) {
            p = q;
            continue;
        }
        break toks.toks.get(q).filter(|t| t.word).map(|_| w);
    };
    let next = toks
        .toks
        .get(last + 1)
        .filter(|t| t.word)
        .map(|_| lower(toks, last + 1));
    if prev.as_deref().is_some_and(|w| NOUN_BEFORE.contains(&w))
        || next.as_deref().is_some_and(|w| NOUN_AFTER.contains(&w))
    {
        Role::Noun
    } else if prev.as_deref().is_some_and(|w| VERB_BEFORE.contains(&w)) {
        Role::Verb
    } else {
        Role::Unknown
    }
}

/// A wrong form found: tokens, the corrected text, and what was wrong.
struct Finding {
    first: usize,
    last: usize,
    fixed: String,
    message: String,
}

fn find(toks: &Tokens<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.toks.len() {
        // Every form of interest starts with "follow"; skip the rest without allocating.
        if !toks
            .str(i)
            .get(..6)
            .is_some_and(|p| p.eq_ignore_ascii_case("follow"))
        {
            i += 1;
            continue;
        }
        let w = lower(toks, i);
        let orig = toks.str(i);
        let (last, finding) = match w.as_str() {
            "followup" | "followups" => {
                let r = role(toks, i, i);
                let joiner = if r == Role::Verb && w == "followup" {
                    " "
                } else {
                    "-"
                };
                let fixed = format!(
                    "{}{joiner}{}",
                    orig.get(..6).unwrap_or(""),
                    orig.get(6..).unwrap_or("")
                );
                (i, Some((fixed, format!("'{orig}' is not a word"))))
            }
            "follow-up" if role(toks, i, i) == Role::Verb => (
                i,
                Some((
                    orig.replacen('-', " ", 1),
                    format!("'{orig}' is the noun; the verb is 'follow up'"),
                )),
            ),
            "followed-up" | "following-up" | "follows-up" => (
                i,
                Some((
                    orig.replacen('-', " ", 1),
                    format!("'{orig}' is a verb: write it without a hyphen"),
                )),
            ),
            "follow" => {
                let next = lower(toks, i + 1);
                let gap = toks
                    .toks
                    .get(i)
                    .zip(toks.toks.get(i + 1))
                    .and_then(|(a, b)| toks.text.get(a.range().end..b.range().start));
                if matches!(next.as_str(), "up" | "ups")
                    && gap == Some(" ")
                    && role(toks, i, i + 1) == Role::Noun
                {
                    let fixed = format!("{orig}-{}", toks.str(i + 1));
                    let shown = format!("{orig} {}", toks.str(i + 1));
                    (
                        i + 1,
                        Some((
                            fixed,
                            format!("'{shown}' is used as a noun here: write 'follow-up'"),
                        )),
                    )
                } else {
                    (i, None)
                }
            }
            _ => (i, None),
        };
        if let Some((fixed, message)) = finding {
            out.push(Finding {
                first: i,
                last,
                fixed,
                message,
            });
        }
        i = last + 1;
    }
    out
}

/// `text` with every wrong form corrected (for tests and the data examples).
pub fn fix_text(text: &str) -> String {
    let toks = Tokens::new(text);
    let edits: Vec<_> = find(&toks)
        .into_iter()
        .map(|f| {
            let range = toks.toks[f.first].range().start..toks.toks[f.last].range().end;
            crate::vocab::TextEdit {
                range,
                replacement: f.fixed,
            }
        })
        .collect();
    crate::vocab::apply_edits(text, &edits)
}

impl Rule for FollowUpForm {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let vocab = &cx.settings.data.vocabulary;
        for prose in &cx.doc.prose {
            // Every form starts with "follow": most runs are skipped without tokenising.
            if cx.skips_run(prose)
                || !crate::document::contains_ignore_ascii_case(&prose.text, "follow")
            {
                continue;
            }
            let pt = ProseTokens::new(prose, vocab);
            for f in find(&pt.toks) {
                let (Some(a), Some(b)) = (pt.toks.toks.get(f.first), pt.toks.toks.get(f.last))
                else {
                    continue;
                };
                let range = a.range().start..b.range().end;
                if !prose.is_plain(range.clone())
                    || pt.is_accepted(&range)
                    || !cx.is_checked(prose, range.clone())
                {
                    continue;
                }
                let Some(span) = pt.verbatim_source(cx.doc.source, range) else {
                    continue;
                };
                let fix = Fix::safe(
                    format!("Write '{}'", f.fixed),
                    vec![Edit::replace(span.clone(), f.fixed)],
                );
                out.push(
                    cx.diagnostic(&Self::META, span, f.message)
                        .with_help(
                            "'follow-up' (noun, adjective): \u{201c}A follow-up email was sent to confirm the next meeting date.\u{201d} \
                             'follow up' (verb): \u{201c}We will follow up with the client on Friday.\u{201d}",
                        )
                        .with_fix(fix),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fix_text;

    #[test]
    fn noun_and_verb_forms_follow_the_context() {
        assert_eq!(fix_text("a follow up meeting"), "a follow-up meeting");
        assert_eq!(fix_text("we will follow-up"), "we will follow up");
        assert_eq!(fix_text("Send the followup."), "Send the follow-up.");
        assert_eq!(
            fix_text("We will followup with Ana."),
            "We will follow up with Ana."
        );
        assert_eq!(
            fix_text("We will also follow-up."),
            "We will also follow up."
        );
        assert_eq!(fix_text("The FOLLOWUP call"), "The FOLLOW-UP call");
        assert_eq!(
            fix_text("Follow up calls were made."),
            "Follow-up calls were made."
        );
        assert_eq!(
            fix_text("We followed-up on June 3."),
            "We followed up on June 3."
        );
        // Correct forms and unclear contexts are left alone.
        for ok in [
            "We will follow up with the client.",
            "A follow-up email was sent.",
            "Follow up with Ana.",
            "the follow-up",
            "and follow-up",
        ] {
            assert_eq!(fix_text(ok), ok);
        }
    }
}
