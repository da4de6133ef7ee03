//! ccr-lint: a linter for client communication reports written in Markdown.
//!
//! The library face is [`lint`]: parse once, build the typed report view, run every enabled
//! rule, apply suppression comments and severity overrides, and return diagnostics sorted by position.

pub mod app;
pub mod chars;
pub mod cli;
pub mod data;
pub mod diagnostic;
pub mod discover;
pub mod document;
pub mod fix;
pub mod guide;
pub mod render;
pub mod rules;
pub mod scaffold;
pub mod server;
pub mod settings;
pub mod suppression;
pub mod swar;
pub mod vocab;

use std::path::Path;

pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, RuleId, Severity};
pub use document::{Document, Report};
pub use settings::Settings;

/// Turns transparent huge pages off for this process (Linux; elsewhere nothing). The heap of a
/// lint is touched sparsely, and 2 MB pages made the kernel zero and keep resident memory it
/// never used: on a 2.6 MB report, peak memory 83 -> 64 MB. The binary and the benchmark call
/// this through [`tune_memory`].
pub fn disable_transparent_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE only sets a flag on this process; no memory is passed.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// mimalloc's `mi_option_arena_eager_commit` and `mi_option_purge_delay` (positions 4 and 15
/// of `mi_option_e` in the mimalloc v3 `mimalloc.h` that `libmimalloc-sys` builds; the crate
/// names only some options).
const MI_OPTION_ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Sets the process up for a small peak memory: transparent huge pages off (see
/// [`disable_transparent_huge_pages`]), and mimalloc (the binary's allocator) committing arena
/// memory only as it is used and returning freed pages to the system after 10 ms instead of
/// its default 1 s, which outlasts a whole lint, so every buffer a growing vector left behind
/// stayed resident. On a 2.6 MB report the binary's peak went from 67 to 53 MB (glibc's
/// allocator: 54 MB) with no measurable change in CPU time; a 0 ms delay saved no more and
/// cost 5 % in system calls. Call first thing; harmless when mimalloc is not the global
/// allocator.
pub fn tune_memory() {
    disable_transparent_huge_pages();
    // SAFETY: mi_option_set only stores an integer in mimalloc's option table.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0);
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 10);
    }
}

/// Lints one report's text (under 4 GiB: [`document::MAX_SOURCE_LEN`]; beyond it spans
/// are wrong, though nothing panics; the binary refuses such files).
pub fn lint(source: &str, settings: &Settings) -> Vec<Diagnostic> {
    lint_path(source, None, settings)
}

/// Lints one report's text; `path` anchors relative links (attachments) and chooses the
/// config's `[[overrides]]` that apply.
pub fn lint_path(source: &str, path: Option<&Path>, settings: &Settings) -> Vec<Diagnostic> {
    let for_file = path.and_then(|p| settings.for_file(p));
    let settings = for_file.as_ref().unwrap_or(settings);
    let doc = Document::parse_with(source, &settings.data.quote_cues());
    let report = Report::build_with(&doc, settings);
    let cx = rules::Context {
        doc: &doc,
        report: &report,
        settings,
        path,
        vocab_hits: Default::default(),
        vague_dates: Default::default(),
        instructions: Default::default(),
    };
    let mut out = Vec::new();
    for rule in rules::REGISTRY {
        let meta = rule.meta();
        if settings.selection.enabled(&meta.id()) {
            rule.check(&cx, &mut out);
        }
    }
    vocab::check::check_user_rules(&cx, &mut out);
    out.retain(|d| settings.selection.enabled(&d.rule));
    keep_quotations(&doc, &mut out);
    suppression::apply_comments(&doc, settings, &mut out);
    for d in &mut out {
        if let Some(sev) = settings.selection.severity_for(&d.rule) {
            d.severity = sev;
        }
        debug_assert!(
            d.span.end <= source.len()
                && source.is_char_boundary(d.span.start)
                && source.is_char_boundary(d.span.end)
        );
    }
    out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    out.dedup_by(|a, b| a.rule == b.rule && a.span == b.span && a.message == b.message);
    out
}

/// No fix edits inside quoted material (DESIGN §9), whatever `[language] quotes` says and
/// whichever rule made it: a fix with an edit that touches a quotation is only shown, never
/// applied (`--fix`, `--unsafe-fixes` and the editor's "fix all" all apply fixes from here).
fn keep_quotations(doc: &Document<'_>, out: &mut [Diagnostic]) {
    if doc.quoted.is_empty() {
        return;
    }
    for d in out {
        if let Some(fix) = d.fix.as_deref_mut()
            && fix.applicability != Applicability::DisplayOnly
            && fix.edits.iter().any(|e| doc.overlaps_quoted(&e.span))
        {
            fix.applicability = Applicability::DisplayOnly;
            fix.message
                .push_str(" (not applied: it would change quoted material)");
        }
    }
}

#[cfg(test)]
mod tests {
    /// The option numbers [`super::tune_memory`] sets name the options it means: mimalloc
    /// v3's defaults are 2 for arena eager commit and 1000 ms for the purge delay, so a
    /// library update that renumbers its options fails here instead of tuning the wrong ones.
    /// (Nothing in the library's tests calls `tune_memory`, so the defaults are still in place.)
    #[test]
    fn the_mimalloc_option_numbers_name_the_options_we_mean() {
        // SAFETY: mi_option_get only reads mimalloc's option table.
        let (eager, purge) = unsafe {
            (
                libmimalloc_sys::mi_option_get(super::MI_OPTION_ARENA_EAGER_COMMIT),
                libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY),
            )
        };
        assert_eq!((eager, purge), (2, 1000));
    }
}
