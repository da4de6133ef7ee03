//! The fix engine: apply the fixes a run may apply, re-lint, repeat until nothing changes;
//! and the atomic in-place write that `--fix` uses.
//!
//! A round takes fixes in diagnostic order and skips any fix whose edits overlap an edit
//! already taken in that round (the next round sees the re-linted text and offers it again).
//! Insertions at the same offset do not overlap each other: they are applied in the order
//! their diagnostics were taken, so several missing sections inserted at one point land in
//! one round, in the recommended order.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io::{self, Write};
use std::ops::Range;
use std::path::Path;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, RuleId};
use crate::settings::Settings;

/// Rounds of fix-and-re-lint before giving up.
pub const MAX_ROUNDS: usize = 10;

/// What fixing one report did.
#[derive(Debug, Clone)]
pub struct FixOutcome {
    /// The text after fixing (the input when nothing was applied).
    pub text: String,
    /// Applied fixes per rule, in code order.
    pub fixed: BTreeMap<RuleId, usize>,
    /// The diagnostics of the fixed text.
    pub remaining: Vec<Diagnostic>,
    /// Rounds that applied at least one fix.
    pub rounds: usize,
    /// When the fixes did not settle within [`MAX_ROUNDS`]: the rules whose fixes were applied
    /// in the last round or would be in the next. The text after the last round is kept: each
    /// round's text is a complete, valid application of fixes, so nothing is half-done.
    pub unsettled: Vec<RuleId>,
}

impl FixOutcome {
    /// Whether the text changed.
    pub fn changed(&self, original: &str) -> bool {
        self.text != original
    }

    /// Number of fixes applied.
    pub fn fixed_count(&self) -> usize {
        self.fixed.values().sum()
    }
}

/// Whether a run with these flags applies a fix of this applicability.
pub fn applies(applicability: Applicability, unsafe_fixes: bool) -> bool {
    match applicability {
        Applicability::Safe => true,
        Applicability::Unsafe => unsafe_fixes,
        Applicability::DisplayOnly => false,
    }
}

/// Fixes `source` (`path` anchors relative links, as in [`crate::lint_path`]): safe fixes, and
/// unsafe ones too when `unsafe_fixes`; display-only fixes never.
pub fn fix(
    source: &str,
    path: Option<&Path>,
    settings: &Settings,
    unsafe_fixes: bool,
) -> FixOutcome {
    fix_with(source, unsafe_fixes, |text| {
        crate::lint_path(text, path, settings)
    })
}

/// [`fix`] with any linter: `lint` is called on the text before each round and on the result.
pub fn fix_with(
    source: &str,
    unsafe_fixes: bool,
    mut lint: impl FnMut(&str) -> Vec<Diagnostic>,
) -> FixOutcome {
    let mut text = source.to_string();
    let mut fixed: BTreeMap<RuleId, usize> = BTreeMap::new();
    let mut diagnostics = lint(&text);
    let mut rounds = 0;
    loop {
        let Some(round) = apply_round(&text, &diagnostics, unsafe_fixes) else {
            return FixOutcome {
                text,
                fixed,
                remaining: diagnostics,
                rounds,
                unsettled: Vec::new(),
            };
        };
        rounds += 1;
        for rule in &round.applied {
            *fixed.entry(rule.clone()).or_default() += 1;
        }
        text = round.text;
        diagnostics = lint(&text);
        if rounds == MAX_ROUNDS {
            // Still fixable after the last round: the fixes undo or feed each other. The rules
            // involved are those of the last round and of the one that would come next.
            let Some(still) = apply_round(&text, &diagnostics, unsafe_fixes) else {
                return FixOutcome {
                    text,
                    fixed,
                    remaining: diagnostics,
                    rounds,
                    unsettled: Vec::new(),
                };
            };
            let mut unsettled: Vec<RuleId> = round.applied;
            unsettled.extend(still.applied);
            unsettled.sort();
            unsettled.dedup();
            return FixOutcome {
                text,
                fixed,
                remaining: diagnostics,
                rounds,
                unsettled,
            };
        }
    }
}

/// One round's result.
#[derive(Debug, Clone)]
pub struct Round {
    pub text: String,
    /// The rule of each applied fix, in the order taken.
    pub applied: Vec<RuleId>,
    /// The source ranges that were replaced (before the round), in order; insertions are empty ranges.
    pub edits: Vec<Range<usize>>,
}

/// Applies the non-overlapping applicable fixes of `diagnostics` (taken in their order) to
/// `source`. `None` when no fix applies or the text would not change.
pub fn apply_round(source: &str, diagnostics: &[Diagnostic], unsafe_fixes: bool) -> Option<Round> {
    let mut taken = Taken::default();
    let mut applied = Vec::new();
    let mut chosen: Vec<(usize, &Edit)> = Vec::new();
    let mut seen_fixes: HashSet<&[Edit]> = HashSet::new();
    for d in diagnostics {
        let Some(fix) = d
            .fix
            .as_ref()
            .filter(|f| applies(f.applicability, unsafe_fixes))
        else {
            continue;
        };
        let Some(edits) = valid_edits(source, fix) else {
            continue;
        };
        // The same repair offered by two diagnostics (e.g. two rules that agree) is made once.
        if seen_fixes.contains(fix.edits.as_slice()) {
            applied.push(d.rule.clone());
            continue;
        }
        if edits.iter().any(|e| taken.conflicts(&e.span)) {
            continue;
        }
        for e in &edits {
            taken.add(&e.span);
            chosen.push((chosen.len(), e));
        }
        seen_fixes.insert(fix.edits.as_slice());
        applied.push(d.rule.clone());
    }
    if chosen.is_empty() {
        return None;
    }
    // Insertions at an offset go before a replacement starting there; equal keys keep the order taken.
    chosen.sort_by_key(|(seq, e)| (e.span.start, !e.span.is_empty(), *seq));
    let mut text = String::with_capacity(source.len());
    let mut at = 0;
    for (_, e) in &chosen {
        text.push_str(&source[at..e.span.start]);
        text.push_str(&e.replacement);
        at = e.span.end;
    }
    text.push_str(&source[at..]);
    if text == source {
        return None;
    }
    let edits = chosen.iter().map(|(_, e)| e.span.clone()).collect();
    Some(Round {
        text,
        applied,
        edits,
    })
}

/// A fix's edits sorted, if they are in bounds, on character boundaries and do not overlap
/// each other. A fix that fails this is a rule bug; it is skipped rather than applied.
fn valid_edits<'f>(source: &str, fix: &'f Fix) -> Option<Vec<&'f Edit>> {
    let mut edits: Vec<&Edit> = fix.edits.iter().collect();
    if edits.is_empty() {
        return None;
    }
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let mut last_end = 0;
    for e in &edits {
        let ok = e.span.start <= e.span.end
            && e.span.end <= source.len()
            && source.is_char_boundary(e.span.start)
            && source.is_char_boundary(e.span.end)
            && e.span.start >= last_end;
        debug_assert!(ok, "invalid fix edit {:?} in {:?}", e.span, fix.message);
        if !ok {
            return None;
        }
        last_end = e.span.end;
    }
    Some(edits)
}

/// The edits taken so far in a round, for overlap checks in logarithmic time.
#[derive(Default)]
struct Taken {
    /// Replaced ranges (non-empty), by start: disjoint.
    ranges: BTreeMap<usize, usize>,
    /// Insertion points.
    points: BTreeSet<usize>,
}

impl Taken {
    /// Whether `span` overlaps a taken edit. Touching is not overlapping, and insertions at
    /// the same point do not conflict; an insertion strictly inside a replaced range does.
    fn conflicts(&self, span: &Range<usize>) -> bool {
        if span.is_empty() {
            let p = span.start;
            return self
                .ranges
                .range(..p)
                .next_back()
                .is_some_and(|(_, &end)| end > p);
        }
        let before = self
            .ranges
            .range(..span.end)
            .next_back()
            .is_some_and(|(_, &end)| end > span.start);
        let inside = self.points.range(span.start + 1..span.end).next().is_some();
        before || inside
    }

    fn add(&mut self, span: &Range<usize>) {
        if span.is_empty() {
            self.points.insert(span.start);
        } else {
            self.ranges.insert(span.start, span.end);
        }
    }
}

/// What [`write_in_place`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteOutcome {
    Written,
    /// The file on disk is no longer what was read: nothing was written.
    ChangedOnDisk,
}

/// Replaces `path`'s content with `text`, atomically: a temporary file in the same folder,
/// written, flushed to disk and renamed over the original, with the original's permissions.
/// Nothing is written if the file no longer holds `original` (it changed since it was read),
/// or if it is read-only (an error: fixing must not override the owner's protection).
pub fn write_in_place(path: &Path, original: &[u8], text: &str) -> io::Result<WriteOutcome> {
    // Write through a symbolic link to its target, leaving the link in place.
    let target = std::fs::canonicalize(path)?;
    let meta = std::fs::metadata(&target)?;
    // Renaming over the file needs only the folder to be writable: ask the file itself, so a
    // file its owner protected stays protected (the mode bits too, which root would bypass).
    let denied = |why: &str| {
        Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            format!("{why}; fixes were not written"),
        ))
    };
    if meta.permissions().readonly() {
        return denied("the file is read-only");
    }
    if let Err(e) = std::fs::OpenOptions::new().write(true).open(&target)
        && e.kind() == io::ErrorKind::PermissionDenied
    {
        return denied("the file is not writable by this user");
    }
    if std::fs::read(&target)? != original {
        return Ok(WriteOutcome::ChangedOnDisk);
    }
    let dir = target.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".ccr-lint-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.as_file_mut().write_all(text.as_bytes())?;
    tmp.as_file().set_permissions(meta.permissions())?;
    // Keep the owner too where we may (root fixing someone else's file); elsewhere it is ours anyway.
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let _ = std::os::unix::fs::fchown(tmp.as_file(), Some(meta.uid()), Some(meta.gid()));
    }
    tmp.as_file().sync_all()?;
    // Last check just before the rename keeps the window for a lost edit as small as it gets.
    if std::fs::read(&target)? != original {
        return Ok(WriteOutcome::ChangedOnDisk);
    }
    tmp.persist(&target).map_err(|e| e.error)?;
    Ok(WriteOutcome::Written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    fn diag(code: &'static str, span: Range<usize>, fix: Fix) -> Diagnostic {
        Diagnostic {
            rule: RuleId::new_static(code, "test-rule"),
            severity: Severity::Warning,
            span,
            message: "m".into(),
            help: None,
            fix: Some(Box::new(fix)),
        }
    }

    #[test]
    fn overlapping_fixes_wait_for_the_next_round() {
        let src = "abcdef";
        let ds = [
            diag(
                "CCR001",
                0..3,
                Fix::safe("x", vec![Edit::replace(0..3, "X")]),
            ),
            diag(
                "CCR002",
                2..4,
                Fix::safe("y", vec![Edit::replace(2..4, "Y")]),
            ),
            diag(
                "CCR003",
                4..6,
                Fix::safe("z", vec![Edit::replace(4..6, "Z")]),
            ),
        ];
        let r = apply_round(src, &ds, false).unwrap();
        assert_eq!(r.text, "XdZ");
        assert_eq!(r.applied.len(), 2);
    }

    #[test]
    fn insertions_at_one_point_apply_in_diagnostic_order() {
        let src = "ab";
        let ds = [
            diag(
                "CCR001",
                1..1,
                Fix::unsafe_("1", vec![Edit::insert(1, "1")]),
            ),
            diag(
                "CCR001",
                1..1,
                Fix::unsafe_("2", vec![Edit::insert(1, "2")]),
            ),
            diag(
                "CCR002",
                1..2,
                Fix::unsafe_("r", vec![Edit::replace(1..2, "B")]),
            ),
        ];
        assert_eq!(apply_round(src, &ds, true).unwrap().text, "a12B");
        assert!(
            apply_round(src, &ds, false).is_none(),
            "unsafe fixes need --unsafe-fixes"
        );
    }

    #[test]
    fn an_insertion_inside_a_replacement_conflicts() {
        let src = "abcd";
        let ds = [
            diag(
                "CCR001",
                0..4,
                Fix::safe("r", vec![Edit::replace(0..4, "X")]),
            ),
            diag("CCR002", 2..2, Fix::safe("i", vec![Edit::insert(2, "!")])),
            diag("CCR003", 4..4, Fix::safe("e", vec![Edit::insert(4, ".")])),
        ];
        assert_eq!(apply_round(src, &ds, false).unwrap().text, "X.");
    }

    #[test]
    fn display_only_and_identical_fixes() {
        let src = "abc";
        let same = Fix::safe("s", vec![Edit::insert(3, "!")]);
        let ds = [
            diag(
                "CCR001",
                0..1,
                Fix::display_only("d", vec![Edit::replace(0..1, "A")]),
            ),
            diag("CCR002", 3..3, same.clone()),
            diag("CCR003", 3..3, same),
        ];
        let r = apply_round(src, &ds, true).unwrap();
        assert_eq!(r.text, "abc!");
        assert_eq!(
            r.applied.len(),
            2,
            "both diagnostics are fixed by the one edit"
        );
    }

    #[test]
    fn invalid_edits_are_skipped_not_applied() {
        let src = "Zoë";
        // Byte 3 is inside 'ë'.
        let ds = [diag(
            "CCR001",
            0..1,
            Fix::safe("bad", vec![Edit::replace(3..4, "e")]),
        )];
        let r = std::panic::catch_unwind(|| apply_round(src, &ds, false));
        // Debug builds assert on the rule bug; release builds skip the fix.
        if let Ok(r) = r {
            assert!(r.is_none());
        }
    }

    /// Two "rules" that undo each other: `a` wants `b`, `b` wants `a`.
    fn flip_flop(text: &str) -> Vec<Diagnostic> {
        let (code, to) = if text == "a" {
            ("CCR001", "b")
        } else {
            ("CCR002", "a")
        };
        vec![diag(
            code,
            0..1,
            Fix::safe("flip", vec![Edit::replace(0..1, to)]),
        )]
    }

    #[test]
    fn fixes_that_never_settle_stop_after_the_last_round() {
        let out = fix_with("a", false, flip_flop);
        assert_eq!(out.rounds, MAX_ROUNDS);
        assert_eq!(out.text, "a", "ten flips: the text after the last round");
        let codes: Vec<&str> = out.unsettled.iter().map(|r| &*r.code).collect();
        assert_eq!(codes, ["CCR001", "CCR002"]);
        assert_eq!(out.fixed_count(), MAX_ROUNDS);
    }

    #[test]
    fn fixing_stops_when_nothing_changes() {
        // A fix that replaces text with itself changes nothing: no round, no count.
        let same = |_: &str| {
            vec![diag(
                "CCR001",
                0..1,
                Fix::safe("same", vec![Edit::replace(0..1, "a")]),
            )]
        };
        let out = fix_with("abc", false, same);
        assert_eq!(
            (out.rounds, out.fixed_count(), out.text.as_str()),
            (0, 0, "abc")
        );
    }

    #[test]
    fn write_skips_a_file_changed_on_disk_and_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.md");
        std::fs::write(&path, "old\r\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        }
        assert_eq!(
            write_in_place(&path, b"something else", "new").unwrap(),
            WriteOutcome::ChangedOnDisk
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old\r\n");
        assert_eq!(
            write_in_place(&path, b"old\r\n", "new\r\n").unwrap(),
            WriteOutcome::Written
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new\r\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o640);
        }
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }

    #[test]
    fn write_refuses_a_read_only_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.md");
        std::fs::write(&path, "old").unwrap();
        let mut perms = std::fs::metadata(&path).unwrap().permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&path, perms).unwrap();
        let e = write_in_place(&path, b"old", "new").unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::PermissionDenied);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
    }
}
