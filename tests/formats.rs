//! `--format sarif` and `--format github` on a flawed report: snapshots of what CI tools
//! read, and the SARIF log validated against the official SARIF 2.1.0 schema.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

/// A flawed report: alias headings (safe fixes), a missing section (unsafe fix, a point),
/// placeholders (no fix), a stale suppression, and text that needs escaping in workflow
/// commands (`%`, `,`, `:`).
const FLAWED: &str = "\
# Client Communication Report: Contoso, 50% Q2

## Summary

This report summarizes interactions with [Client Name] from June 1, 2024 to June 30, 2024.

## Client Info

- **Client:** Contoso
- **Company:** Contoso Ltd.
- **Primary Contact:** Zoë Keller

## Time Period

June 1–30, 2024

<!-- ccr-lint-disable-next-line summary-too-long -->
## Interaction Log

- **June 3, 2024, 10:00** — Call — Participants: Zoë Keller, TBD — Summary: Kickoff.

## Action Items

- [ ] Send the proposal — Owner: Sam Lee — Due: June 20, 2024

## Next Steps

- A follow-up meeting is scheduled for July 8, 2024.

## Attachments

None.
";

/// Structure, placeholder and suppression rules only, so rules added later do not churn
/// these snapshots.
const SELECT: &str = "CCR1,CCR204,CCR901";

fn run(format: &str, select: Option<&str>) -> (String, i32) {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir(dir.path().join(".git")).expect("mkdir .git");
    fs::create_dir(dir.path().join("reports")).expect("mkdir reports");
    fs::write(dir.path().join("reports/q2, final.md"), FLAWED).expect("write");
    let mut cmd = Command::cargo_bin("ccr-lint").expect("binary");
    cmd.current_dir(dir.path()).args([
        "--today",
        "2024-07-01",
        "--format",
        format,
        "reports/q2, final.md",
    ]);
    if let Some(s) = select {
        cmd.args(["--select", s]);
    }
    let out = cmd.output().expect("runs");
    (
        String::from_utf8(out.stdout).expect("UTF-8"),
        out.status.code().unwrap_or(-1),
    )
}

fn sarif(select: Option<&str>) -> Value {
    let (out, code) = run("sarif", select);
    assert_eq!(code, 1, "the report has errors");
    serde_json::from_str(&out).expect("SARIF output is JSON")
}

#[test]
fn sarif_results_snapshot() {
    let log = sarif(Some(SELECT));
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    assert_eq!(run["tool"]["driver"]["name"], "ccr-lint");
    // Rule indexes move as rules are added; `sarif_driver_describes_every_rule` checks them.
    let mut results = run["results"].clone();
    for r in results.as_array_mut().expect("results") {
        r["ruleIndex"] = Value::from("[index]");
    }
    insta::assert_json_snapshot!(results);
}

#[test]
fn sarif_driver_describes_every_rule() {
    let log = sarif(Some(SELECT));
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules")
        .clone();
    let codes: Vec<&str> = rules
        .iter()
        .map(|r| r["id"].as_str().expect("id"))
        .collect();
    let expected: Vec<&str> = ccr_lint::rules::all().map(|m| m.code).collect();
    assert_eq!(codes, expected);
    for r in &rules {
        assert!(
            r["shortDescription"]["text"]
                .as_str()
                .is_some_and(|t| !t.is_empty()),
            "{r}"
        );
        assert!(
            r["fullDescription"]["text"]
                .as_str()
                .is_some_and(|t| !t.is_empty()),
            "{r}"
        );
        assert!(
            r["help"]["markdown"]
                .as_str()
                .is_some_and(|t| t.contains("## Fix safety")),
            "{r}"
        );
    }
    // Each result's ruleIndex points at its rule.
    for res in log["runs"][0]["results"].as_array().expect("results") {
        let i = res["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[i]["id"], res["ruleId"]);
    }
}

#[test]
fn github_annotations_snapshot() {
    let (out, code) = run("github", Some(SELECT));
    assert_eq!(code, 1);
    for line in out.lines() {
        assert!(
            line.starts_with("::error file=")
                || line.starts_with("::warning file=")
                || line.starts_with("::notice file="),
            "{line}"
        );
        assert!(!line.contains('\r'));
    }
    insta::assert_snapshot!(out);
}

/// The schema, from `CCR_SARIF_SCHEMA`. CI must provide it; elsewhere the test is skipped, loudly.
fn schema() -> Option<Value> {
    let path = std::env::var_os("CCR_SARIF_SCHEMA");
    match schema_at(
        path.as_deref().map(Path::new),
        std::env::var_os("CI").is_some(),
    ) {
        Ok(Some(text)) => Some(serde_json::from_str(&text).expect("schema is JSON")),
        Ok(None) => {
            // Straight to the process's stderr: the test harness does not capture it, so the skip is seen.
            let _ = std::io::Write::write_all(
                &mut std::io::stderr(),
                b"SKIPPED sarif_validates_against_the_schema: set CCR_SARIF_SCHEMA to the SARIF 2.1.0 schema file\n",
            );
            None
        }
        Err(e) => panic!("{e}"),
    }
}

/// The schema's text; `Ok(None)` (skip) only outside CI: in CI a missing schema fails.
fn schema_at(path: Option<&Path>, in_ci: bool) -> Result<Option<String>, String> {
    match path.filter(|p| p.is_file()) {
        Some(p) => fs::read_to_string(p)
            .map(Some)
            .map_err(|e| format!("{}: {e}", p.display())),
        None if in_ci => Err(format!(
            "CCR_SARIF_SCHEMA must name the SARIF 2.1.0 schema file in CI (got {path:?})"
        )),
        None => Ok(None),
    }
}

#[test]
fn in_ci_a_missing_sarif_schema_fails_instead_of_skipping() {
    let missing = Path::new("/nonexistent/sarif-schema-2.1.0.json");
    assert!(schema_at(Some(missing), true).is_err());
    assert!(schema_at(None, true).is_err());
    assert_eq!(schema_at(Some(missing), false), Ok(None));
    assert_eq!(schema_at(None, false), Ok(None));
}

#[test]
fn sarif_validates_against_the_schema() {
    let Some(schema) = schema() else { return };
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles");
    // Every rule, so every kind of fix and region is in the log.
    for log in [sarif(None), sarif(Some(SELECT))] {
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            errors.is_empty(),
            "SARIF output does not validate:\n{}",
            errors.join("\n")
        );
        assert!(
            log["runs"][0]["results"]
                .as_array()
                .expect("results")
                .iter()
                .any(|r| r["fixes"].is_array()),
            "the log carries fixes"
        );
    }
    // The validator is not vacuous: a broken log fails.
    let mut broken = sarif(Some(SELECT));
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        Value::from(0);
    assert!(
        !validator.is_valid(&broken),
        "a region with line 0 must fail the schema"
    );
}
