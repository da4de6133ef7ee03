//! ccr-lint's diagnostics as the protocol's: the range in the negotiated encoding, the rule
//! code, the severity, the message, and the help as related information (or appended to the
//! message for a client that cannot show related information). No links: the help says it all.

use lsp_types::{
    DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    PublishDiagnosticsParams, Uri,
};

use super::position::LineIndex;
use crate::diagnostic::{Diagnostic, Severity};

/// The `source` every diagnostic carries.
pub const SOURCE: &str = "ccr-lint";

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// One diagnostic, for the document `uri` whose text is `text`.
pub fn to_lsp(
    d: &Diagnostic,
    uri: &Uri,
    text: &str,
    index: &LineIndex,
    related_information: bool,
) -> lsp_types::Diagnostic {
    let range = index.range(text, d.span.clone());
    let mut message = d.message.clone();
    let related = match &d.help {
        Some(help) if related_information => Some(vec![DiagnosticRelatedInformation {
            location: Location {
                uri: uri.clone(),
                range,
            },
            message: help.clone(),
        }]),
        Some(help) => {
            message.push('\n');
            message.push_str(help);
            None
        }
        None => None,
    };
    lsp_types::Diagnostic {
        range,
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.rule.code.to_string())),
        code_description: None,
        source: Some(SOURCE.to_string()),
        message,
        related_information: related,
        tags: None,
        data: None,
    }
}

/// The `textDocument/publishDiagnostics` parameters for a document's diagnostics.
pub fn publish(
    uri: &Uri,
    version: Option<i32>,
    text: &str,
    index: &LineIndex,
    diagnostics: &[Diagnostic],
    related_information: bool,
) -> PublishDiagnosticsParams {
    PublishDiagnosticsParams {
        uri: uri.clone(),
        diagnostics: diagnostics
            .iter()
            .map(|d| to_lsp(d, uri, text, index, related_information))
            .collect(),
        version,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::position::Encoding;
    use crate::{Settings, lint};

    #[test]
    fn a_diagnostic_keeps_its_code_severity_and_help() {
        let text = "# Müller 🎉 report\n\nWe will touch base with the client.\n";
        let settings = Settings::default();
        let diags = lint(text, &settings);
        let gonna = diags
            .iter()
            .find(|d| &text[d.span.clone()] == "touch base")
            .expect("touch base is flagged");
        let uri: Uri = "file:///tmp/r.md".parse().unwrap();
        let index = LineIndex::new(text, Encoding::Utf16);
        let lsp = to_lsp(gonna, &uri, text, &index, true);
        assert_eq!(lsp.code, Some(NumberOrString::String("CCR601".into())));
        assert_eq!(lsp.severity, Some(DiagnosticSeverity::WARNING));
        assert_eq!(lsp.source.as_deref(), Some("ccr-lint"));
        assert_eq!(lsp.range.start.line, 2);
        assert_eq!(lsp.range.start.character, 8);
        assert_eq!(lsp.range.end.character, 18);
        assert!(lsp.code_description.is_none());
        let related = lsp
            .related_information
            .expect("the help is related information");
        assert_eq!(Some(&related[0].message), gonna.help.as_ref());

        let plain = to_lsp(gonna, &uri, text, &index, false);
        assert!(plain.related_information.is_none());
        if let Some(help) = &gonna.help {
            assert!(plain.message.ends_with(help.as_str()));
        }
    }
}
