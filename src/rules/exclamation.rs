use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::SegKind;
use crate::document::bytes::ByteSet;
use crate::vocab::check::ProseTokens;

use super::{Context, Rule, declare_rule};

declare_rule! {
    /// ## What it checks
    /// Exclamation marks in the report's prose (`Great news!`, `Urgent!!!`). Code, URLs, HTML
    /// and image syntax are not prose; terms in `[vocabulary] accept` (e.g. a brand written
    /// `Yahoo!`) are skipped.
    ///
    /// ## Why
    /// A report records facts. Exclamation marks add emotion, not information, and read as
    /// unprofessional to a client or a manager.
    ///
    /// ## Example
    /// ```markdown
    /// The pilot went live on June 3!!
    /// ```
    /// reports `!!` and offers `.`.
    ///
    /// ## Fix safety
    /// Unsafe: the marks become a full stop (or are removed after a `?`), which changes the tone
    /// the writer chose.
    pub struct Exclamation {
        code: "CCR607",
        name: "exclamation",
        severity: Warning,
        fix: Unsafe,
        summary: "Exclamation marks in a formal report",
    }
}

impl Rule for Exclamation {
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let vocab = &cx.settings.data.vocabulary;
        for prose in &cx.doc.prose {
            if !prose.bytes.any(ByteSet::EXCLAMATION) || cx.skips_run(prose) {
                continue;
            }
            let pt = ProseTokens::new(prose, vocab);
            for seg in prose.segs.iter().filter(|s| s.kind == SegKind::Text) {
                let Some(text) = prose.text.get(seg.text_range()) else {
                    continue;
                };
                let bytes = text.as_bytes();
                let mut i = 0;
                while i < bytes.len() {
                    if bytes[i] != b'!' {
                        i += 1;
                        continue;
                    }
                    let start = i;
                    while i < bytes.len() && bytes[i] == b'!' {
                        i += 1;
                    }
                    let range = seg.text_start() + start..seg.text_start() + i;
                    if pt.is_accepted(&range) || !cx.is_checked(prose, range.clone()) {
                        continue;
                    }
                    let Some(span) = pt.verbatim_source(cx.doc.source, range.clone()) else {
                        continue;
                    };
                    let after_question = prose.text[..range.start].ends_with('?');
                    let (replacement, what) = if after_question {
                        ("", "Remove it")
                    } else {
                        (".", "Use a full stop")
                    };
                    let count = range.len();
                    let message = if count == 1 {
                        "exclamation mark in a report".to_string()
                    } else {
                        format!("{count} exclamation marks in a report")
                    };
                    out.push(
                        cx.diagnostic(&Self::META, span.clone(), message)
                            .with_help("state the fact plainly; a report's tone stays neutral")
                            .with_fix(Fix::unsafe_(what, vec![Edit::replace(span, replacement)])),
                    );
                }
            }
        }
    }
}
