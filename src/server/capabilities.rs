//! The handshake: what the client can do (position encoding, snippets, related information,
//! file watching, Markdown) and what this server offers in return.

use lsp_types::{
    ClientCapabilities, CodeActionKind, CodeActionOptions, CodeActionProviderCapability,
    CompletionOptions, HoverProviderCapability, MarkupKind, OneOf, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
};

use super::position::Encoding;

/// The code action kind of "Fix all safe problems": a `source.fixAll` action, which editors
/// can run on save.
pub const FIX_ALL_KIND: &str = "source.fixAll.ccr-lint";

/// What the client said it supports, as the server uses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientOptions {
    pub encoding: Encoding,
    /// Completion items may be snippets with tab stops.
    pub snippets: bool,
    /// Diagnostics may carry related information (where the help goes); otherwise the
    /// help is appended to the message.
    pub related_information: bool,
    /// The server may ask the client to watch config files.
    pub watch_files: bool,
    /// Hover text may be Markdown.
    pub markdown: bool,
    /// Document symbols may nest.
    pub nested_symbols: bool,
}

impl Default for ClientOptions {
    /// What a client that declares nothing gets.
    fn default() -> Self {
        ClientOptions::from_capabilities(&ClientCapabilities::default())
    }
}

impl ClientOptions {
    pub fn from_capabilities(caps: &ClientCapabilities) -> Self {
        let text = caps.text_document.as_ref();
        let snippets = text
            .and_then(|t| t.completion.as_ref())
            .and_then(|c| c.completion_item.as_ref())
            .and_then(|i| i.snippet_support)
            .unwrap_or(false);
        let related_information = text
            .and_then(|t| t.publish_diagnostics.as_ref())
            .and_then(|p| p.related_information)
            .unwrap_or(false);
        let markdown = text
            .and_then(|t| t.hover.as_ref())
            .and_then(|h| h.content_format.as_ref())
            .is_some_and(|f| f.contains(&MarkupKind::Markdown));
        let nested_symbols = text
            .and_then(|t| t.document_symbol.as_ref())
            .and_then(|s| s.hierarchical_document_symbol_support)
            .unwrap_or(false);
        let watch_files = caps
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        let offered = caps
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref());
        ClientOptions {
            encoding: Encoding::negotiate(offered),
            snippets,
            related_information,
            watch_files,
            markdown,
            nested_symbols,
        }
    }
}

/// What the server offers.
pub fn server_capabilities(options: &ClientOptions) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(options.encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                ..Default::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["#".to_string()]),
            resolve_provider: Some(false),
            ..Default::default()
        }),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::from(FIX_ALL_KIND),
            ]),
            resolve_provider: Some(false),
            ..Default::default()
        })),
        document_symbol_provider: Some(OneOf::Left(true)),
        ..Default::default()
    }
}

pub fn server_info() -> ServerInfo {
    ServerInfo {
        name: "ccr-lint".to_string(),
        version: Some(env!("CARGO_PKG_VERSION").to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::PositionEncodingKind;

    #[test]
    fn a_client_that_declares_nothing_gets_utf16_and_plain_text() {
        let o = ClientOptions::default();
        assert_eq!(o.encoding, Encoding::Utf16);
        assert!(!o.snippets && !o.related_information && !o.markdown && !o.watch_files);
        let caps = server_capabilities(&o);
        assert_eq!(caps.position_encoding, Some(PositionEncodingKind::UTF16));
    }

    #[test]
    fn capabilities_are_read_from_the_client() {
        let caps: ClientCapabilities = serde_json::from_value(serde_json::json!({
            "general": { "positionEncodings": ["utf-8", "utf-16"] },
            "textDocument": {
                "completion": { "completionItem": { "snippetSupport": true } },
                "publishDiagnostics": { "relatedInformation": true },
                "hover": { "contentFormat": ["markdown", "plaintext"] },
                "documentSymbol": { "hierarchicalDocumentSymbolSupport": true }
            },
            "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } }
        }))
        .unwrap();
        let o = ClientOptions::from_capabilities(&caps);
        assert_eq!(
            o,
            ClientOptions {
                encoding: Encoding::Utf8,
                snippets: true,
                related_information: true,
                watch_files: true,
                markdown: true,
                nested_symbols: true,
            }
        );
    }
}
