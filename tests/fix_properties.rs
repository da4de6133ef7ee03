//! Properties of the fix engine over generated reports: fixing twice equals fixing once,
//! bytes outside the applied edits are kept, and the section structure survives (except
//! where a fix inserted a section).

use ccr_lint::document::{Document, Report};
use ccr_lint::fix::{self, apply_round};
use ccr_lint::lint;
use ccr_lint::settings::{Overrides, Settings};
use proptest::prelude::*;

fn settings() -> Settings {
    let overrides = Overrides {
        today: Some(jiff::civil::date(2024, 7, 1)),
        ..Overrides::default()
    };
    Settings::without_config(&overrides).expect("default settings")
}

/// Headings as users write them: canonical, aliases, numbered, with colons, at other levels.
fn heading() -> impl Strategy<Value = String> {
    let names = prop_oneof![
        Just("Executive Summary"),
        Just("Summary"),
        Just("2. Client Info:"),
        Just("Client Details"),
        Just("Reporting Period"),
        Just("Time Period"),
        Just("Communication Log"),
        Just("Interaction Log"),
        Just("Tasks"),
        Just("Action Items"),
        Just("Issues & Resolutions"),
        Just("Follow-up"),
        Just("Next Steps"),
        Just("Appendices"),
        Just("Notes"),
    ];
    (
        prop_oneof![Just("## "), Just("## "), Just("### "), Just("# ")],
        names,
    )
        .prop_map(|(h, n)| format!("{h}{n}\n"))
}

fn body() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\nThis report summarizes interactions with Contoso from June 1, 2024 to June 30, 2024.\n\n".to_string()),
        Just("\n- **Client:** Contoso\n- **Company:** Contoso Ltd.\n- **Primary Contact:** Zoë Keller\n\n".to_string()),
        Just("\nJune 1–30, 2024\n\n".to_string()),
        Just("\n| Date | Method | Summary |\n| --- | --- | --- |\n| June 3, 2024 | Call | Kickoff, TBD |\n\n".to_string()),
        Just("\n- [ ] Send the proposal — Owner: Sam Lee — Due: June 20, 2024\n\n".to_string()),
        Just("\n<!-- ccr-lint-disable-next-line -->\nNothing to hide here.\n\n".to_string()),
        Just("\n<!-- ccr-lint-disable CCR204 -->\n[Client Name] <!-- ccr-lint-enable CCR204 --> and more.\n\n".to_string()),
        Just("\nText with a stale <!-- ccr-lint-disable-next-line summary-too-long --> comment.\n\n".to_string()),
        Just("\n".to_string()),
        Just(String::new()),
        "[ -~]{0,30}\n\n",
    ]
}

/// A report: an optional title, then sections in any order, any subset; CRLF and BOM at random.
fn report() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        prop::collection::vec((heading(), body()), 0..12),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(title, sections, crlf, bom)| {
            let mut s = String::new();
            if bom {
                s.push('\u{feff}');
            }
            if title {
                s.push_str("# Client Communication Report\n\n");
            }
            for (h, b) in sections {
                s.push_str(&h);
                s.push_str(&b);
            }
            if crlf { s.replace('\n', "\r\n") } else { s }
        })
}

/// The recognised section kinds in document order, each heading's level, and each heading's
/// identity: its section kind when it names one (renames keep it), else its text.
fn structure(text: &str, settings: &Settings) -> (Vec<usize>, Vec<u8>, Vec<String>) {
    let doc = Document::parse(text);
    let report = Report::build(&doc, &settings.data.sections);
    let kinds = report.sections.iter().map(|f| f.kind).collect();
    let levels = doc.headings.iter().map(|h| h.level).collect();
    let names = doc
        .headings
        .iter()
        .map(|h| match settings.data.sections.match_heading(&h.text) {
            Some(kind) => format!("kind {kind}"),
            None => h.text.clone(),
        })
        .collect();
    (kinds, levels, names)
}

fn is_subsequence<T: PartialEq>(small: &[T], big: &[T]) -> bool {
    let mut it = big.iter();
    small.iter().all(|x| it.any(|y| y == x))
}

/// An HTML block that is never closed (`<?`, `<!--`) runs to the end of the document: a
/// section inserted after it would be part of it, never read, and inserted again on every
/// run. Found by `fixing_twice_equals_fixing_once`.
#[test]
fn sections_go_before_an_html_block_that_is_never_closed() {
    let settings = settings();
    for src in [
        "## Executive Summary\n<?0\n\n",
        "# Report\n\n## Executive Summary\n\nText.\n\n<!-- to do\n",
    ] {
        let once = fix::fix(src, None, &settings, true);
        assert!(once.unsettled.is_empty(), "did not settle: {src:?}");
        let twice = fix::fix(&once.text, None, &settings, true);
        assert_eq!(twice.text, once.text, "{src:?}");
        let html = once.text.find("<?").or_else(|| once.text.find("<!--"));
        let section = once.text.find("## Attachments");
        assert!(section.is_some(), "no section inserted:\n{}", once.text);
        assert!(
            section < html,
            "inserted after the HTML block:\n{}",
            once.text
        );
    }
}

/// A suppression comment inside an HTML block that began before it (`<!A` … `-->`) may hold
/// the `>` that closes the block: removing it as unused would carry the block over the
/// headings after it. Found by `section_structure_survives`.
#[test]
fn an_unused_suppression_that_closes_an_html_block_stays() {
    let settings = settings();
    let src = "## Executive Summary\n<!A\n\n## Executive Summary\n\n<!-- ccr-lint-disable-next-line -->\nNothing to hide here.\n\n## Executive Summary\n\nText.\n";
    let (_, _, names) = structure(src, &settings);
    for unsafe_fixes in [false, true] {
        let once = fix::fix(src, None, &settings, unsafe_fixes);
        assert!(once.unsettled.is_empty(), "did not settle");
        assert!(once.text.contains("<!-- ccr-lint-disable-next-line -->"));
        let (_, _, fixed) = structure(&once.text, &settings);
        assert!(is_subsequence(&names, &fixed), "{names:?} not in {fixed:?}");
        assert_eq!(
            fix::fix(&once.text, None, &settings, unsafe_fixes).text,
            once.text
        );
    }
}

proptest! {
    // 96 cases by default; PROPTEST_CASES asks for more.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(96),
        ..ProptestConfig::default()
    })]

    #[test]
    fn fixing_twice_equals_fixing_once(src in report(), unsafe_fixes in any::<bool>()) {
        let settings = settings();
        let once = fix::fix(&src, None, &settings, unsafe_fixes);
        prop_assert!(once.unsettled.is_empty(), "did not settle: {:?}", once.unsettled);
        let twice = fix::fix(&once.text, None, &settings, unsafe_fixes);
        prop_assert_eq!(&twice.text, &once.text);
        prop_assert_eq!(twice.fixed_count(), 0);
        // Line endings and the BOM are kept.
        prop_assert_eq!(once.text.starts_with('\u{feff}'), src.starts_with('\u{feff}'));
        if src.contains("\r\n") {
            prop_assert!(!once.text.replace("\r\n", "").contains('\n'), "a bare LF in a CRLF file:\n{:?}", once.text);
        }
    }

    #[test]
    fn bytes_outside_applied_edits_are_unchanged(src in report(), unsafe_fixes in any::<bool>()) {
        let settings = settings();
        let mut text = src.clone();
        for _ in 0..fix::MAX_ROUNDS {
            let diagnostics = lint(&text, &settings);
            let Some(round) = apply_round(&text, &diagnostics, unsafe_fixes) else { break };
            // Every stretch of the old text between edits is in the new text, in order, with
            // only replacement text between them.
            let mut kept = Vec::new();
            let mut at = 0;
            for e in &round.edits {
                kept.push(&text[at..e.start]);
                at = e.end;
            }
            kept.push(&text[at..]);
            prop_assert!(round.text.starts_with(kept[0]));
            prop_assert!(round.text.ends_with(kept[kept.len() - 1]));
            let mut from = 0;
            for piece in &kept {
                let found = round.text[from..].find(piece);
                prop_assert!(found.is_some(), "lost {:?}", piece);
                from += found.unwrap_or(0) + piece.len();
            }
            text = round.text;
        }
    }

    #[test]
    fn section_structure_survives(src in report()) {
        let settings = settings();
        let (kinds, levels, names) = structure(&src, &settings);
        // Safe fixes rename headings only: same headings, same levels, same sections.
        let safe = fix::fix(&src, None, &settings, false);
        let (safe_kinds, safe_levels, safe_names) = structure(&safe.text, &settings);
        prop_assert_eq!(&safe_levels, &levels);
        prop_assert_eq!(&safe_kinds, &kinds);
        prop_assert_eq!(&safe_names, &names);
        // Unsafe fixes may insert sections and align levels: every heading is still there, in order.
        let all = fix::fix(&src, None, &settings, true);
        let (_, _, all_names) = structure(&all.text, &settings);
        prop_assert!(is_subsequence(&names, &all_names), "{:?} not in {:?}", names, all_names);
    }
}
