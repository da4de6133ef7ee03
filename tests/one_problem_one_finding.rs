//! One problem, one finding (DESIGN §9): where two rules see the same text for one cause, one
//! of them reports it.

use ccr_lint::lint;
use ccr_lint::settings::{Overrides, Settings};

fn settings(ignore: &[&str]) -> Settings {
    let overrides = Overrides {
        today: Some(jiff::civil::date(2024, 7, 1)),
        ignore: ignore.iter().map(|s| s.to_string()).collect(),
        ..Overrides::default()
    };
    Settings::without_config(&overrides).expect("default settings")
}

/// The codes of the findings that lie within `needle` in `src`.
fn codes_on(src: &str, needle: &str, settings: &Settings) -> Vec<String> {
    let at = src.find(needle).expect("needle in source");
    let mut codes: Vec<String> = lint(src, settings)
        .into_iter()
        .filter(|d| at <= d.span.start && d.span.end <= at + needle.len())
        .map(|d| d.rule.code.to_string())
        .collect();
    codes.sort();
    codes
}

const REPORT: &str = "# Client Communication Report: Contoso\n\n## Action Items\n\n\
- [ ] Send the revised proposal — Owner: TBD — Due: ASAP\n\
- [ ] Book the review call — Owner: Sam Lee — Due: June 20, 2024\n\n\
## Issues and Resolutions\n\n- The client wants the slides ASAP.\n";

#[test]
fn asap_where_a_date_is_needed_is_a_vague_date_and_elsewhere_informal() {
    let s = settings(&[]);
    let deadline = "Due: ASAP";
    let at = REPORT.find(deadline).unwrap() + "Due: ".len();
    let on_deadline: Vec<String> = lint(REPORT, &s)
        .into_iter()
        .filter(|d| d.span.start < at + 4 && at < d.span.end)
        .map(|d| d.rule.code.to_string())
        .collect();
    assert_eq!(on_deadline, ["CCR310"]);
    assert_eq!(codes_on(REPORT, "ASAP.", &s), ["CCR601"]);
    // With CCR310 off, CCR601 reports both.
    let s = settings(&["CCR310"]);
    let asap: Vec<String> = lint(REPORT, &s)
        .into_iter()
        .filter(|d| &REPORT[d.span.clone()] == "ASAP")
        .map(|d| d.rule.code.to_string())
        .collect();
    assert_eq!(asap, ["CCR601", "CCR601"]);
}

/// `TBD` is template text wherever it stands, so the placeholder rule keeps it; the vague
/// owner rule reports it only when the placeholder rule is off.
#[test]
fn tbd_as_an_owner_is_a_placeholder_not_also_a_vague_owner() {
    assert_eq!(codes_on(REPORT, "TBD", &settings(&[])), ["CCR204"]);
    assert_eq!(codes_on(REPORT, "TBD", &settings(&["CCR204"])), ["CCR403"]);
}
