//! Renders diagnostics in every output format and checks that all five give each diagnostic
//! the same line and column (1-based, columns in characters): human (the snippet's header),
//! concise, JSON, SARIF and GitHub. Shared by the property tests and the fuzz targets
//! (`fuzz/fuzz_targets/*.rs` include this file), so it needs only ccr-lint and serde_json.
#![allow(dead_code)]

use ccr_lint::document::{LineCol, LineIndex};
use ccr_lint::render::{self, FileReport, HumanOptions};
use serde_json::Value;

/// Where one diagnostic starts and ends, as a format states it (`None`: not stated).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub start: (usize, usize),
    pub end: Option<(usize, usize)>,
}

/// Every format's rendering of `file`, checked against the line index: `Err` names the
/// format and the diagnostic that disagree. `width` is the human output's terminal width.
pub fn check_every_format(file: &FileReport, width: usize) -> Result<Rendered, String> {
    let index = LineIndex::new(&file.source);
    let at = |o: usize| {
        let LineCol { line, column } = index.line_col(&file.source, o);
        (line, column)
    };
    let expected: Vec<Place> = file
        .diagnostics
        .iter()
        .map(|d| Place {
            start: at(d.span.start),
            end: Some(at(d.span.end)),
        })
        .collect();
    let files = std::slice::from_ref(file);
    let rendered = Rendered {
        human: utf8(|out| {
            render::human(
                out,
                files,
                &HumanOptions {
                    color: false,
                    width,
                },
            )
        })?,
        concise: utf8(|out| render::concise(out, files))?,
        json: utf8(|out| render::json(out, files))?,
        sarif: utf8(|out| render::sarif(out, files))?,
        github: utf8(|out| render::github(out, files))?,
    };
    for (format, places) in [
        ("human", human_places(&rendered.human)?),
        ("concise", concise_places(&rendered.concise, &file.path)?),
        ("json", json_places(&rendered.json)?),
        ("sarif", sarif_places(&rendered.sarif)?),
        ("github", github_places(&rendered.github)?),
    ] {
        if places.len() != expected.len() {
            return Err(format!(
                "{format}: {} diagnostics shown, {} expected",
                places.len(),
                expected.len()
            ));
        }
        for (i, (got, want)) in places.iter().zip(&expected).enumerate() {
            let agrees = got.start == want.start && got.end.is_none_or(|e| Some(e) == want.end);
            if !agrees {
                return Err(format!(
                    "{format}: diagnostic {i} ({} at {:?}) is at {got:?}, expected {want:?}",
                    file.diagnostics[i].rule.code, file.diagnostics[i].span
                ));
            }
        }
    }
    Ok(rendered)
}

/// The five renderings of one file.
#[derive(Debug, Default)]
pub struct Rendered {
    pub human: String,
    pub concise: String,
    pub json: String,
    pub sarif: String,
    pub github: String,
}

fn utf8(write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> Result<String, String> {
    let mut out = Vec::new();
    write(&mut out).map_err(|e| format!("rendering failed: {e}"))?;
    String::from_utf8(out).map_err(|e| format!("not UTF-8: {e}"))
}

fn number(s: &str) -> Result<usize, String> {
    s.parse().map_err(|_| format!("not a number: {s:?}"))
}

/// `╭─[path:line:col]`, one header per diagnostic.
fn human_places(out: &str) -> Result<Vec<Place>, String> {
    let mut places = Vec::new();
    for line in out.lines() {
        let Some(rest) = line.trim_start().strip_prefix("╭─[") else {
            continue;
        };
        let inner = rest
            .strip_suffix(']')
            .ok_or_else(|| format!("human: header {line:?}"))?;
        let mut parts = inner.rsplitn(3, ':');
        let column = number(parts.next().unwrap_or_default())?;
        let line = number(parts.next().unwrap_or_default())?;
        places.push(Place {
            start: (line, column),
            end: None,
        });
    }
    Ok(places)
}

/// `path:line:col: severity[CODE name] message`.
fn concise_places(out: &str, path: &str) -> Result<Vec<Place>, String> {
    let prefix = format!("{path}:");
    let mut places = Vec::new();
    for line in out.lines() {
        let Some(rest) = line.strip_prefix(&prefix) else {
            continue;
        };
        let mut parts = rest.splitn(3, ':');
        let line_no = number(parts.next().unwrap_or_default())?;
        let column = number(parts.next().unwrap_or_default())?;
        places.push(Place {
            start: (line_no, column),
            end: None,
        });
    }
    Ok(places)
}

fn json_number(v: &Value) -> Result<usize, String> {
    v.as_u64()
        .map(|n| n as usize)
        .ok_or_else(|| format!("not a number: {v}"))
}

fn json_places(out: &str) -> Result<Vec<Place>, String> {
    let doc: Value = serde_json::from_str(out).map_err(|e| format!("json: {e}"))?;
    let mut places = Vec::new();
    for file in doc["files"].as_array().into_iter().flatten() {
        for d in file["diagnostics"].as_array().into_iter().flatten() {
            places.push(Place {
                start: (
                    json_number(&d["start"]["line"])?,
                    json_number(&d["start"]["column"])?,
                ),
                end: Some((
                    json_number(&d["end"]["line"])?,
                    json_number(&d["end"]["column"])?,
                )),
            });
        }
    }
    Ok(places)
}

fn sarif_places(out: &str) -> Result<Vec<Place>, String> {
    let doc: Value = serde_json::from_str(out).map_err(|e| format!("sarif: {e}"))?;
    let mut places = Vec::new();
    for r in doc["runs"][0]["results"].as_array().into_iter().flatten() {
        let region = &r["locations"][0]["physicalLocation"]["region"];
        places.push(Place {
            start: (
                json_number(&region["startLine"])?,
                json_number(&region["startColumn"])?,
            ),
            end: Some((
                json_number(&region["endLine"])?,
                json_number(&region["endColumn"])?,
            )),
        });
    }
    Ok(places)
}

/// `::level file=…,line=L,col=C,endLine=L,endColumn=C,title=…::message`.
fn github_places(out: &str) -> Result<Vec<Place>, String> {
    let mut places = Vec::new();
    for line in out.lines() {
        let properties = line
            .strip_prefix("::")
            .and_then(|l| l.split_once(' '))
            .and_then(|(_, rest)| rest.split_once("::"))
            .map(|(props, _)| props)
            .ok_or_else(|| format!("github: {line:?}"))?;
        let get = |key: &str| -> Result<usize, String> {
            properties
                .split(',')
                .find_map(|p| p.strip_prefix(key)?.strip_prefix('='))
                .ok_or_else(|| format!("github: no {key} in {line:?}"))
                .and_then(number)
        };
        places.push(Place {
            start: (get("line")?, get("col")?),
            end: Some((get("endLine")?, get("endColumn")?)),
        });
    }
    Ok(places)
}
