//! What every thread of the server shares: the client handle, what the client supports, the
//! configs, the lint scheduler; and a document as a request sees it (a snapshot).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use lsp_types::Uri;

use super::capabilities::ClientOptions;
use super::config::Configs;
use super::lint::{Analysis, Linter};
use super::transport::Client;
use crate::diagnostic::Diagnostic;
use crate::settings::Settings;

/// The function that lints a document: [`crate::lint_path`], or a stand-in in tests.
pub type LintFn = dyn Fn(&str, Option<&Path>, &Settings) -> Vec<Diagnostic> + Send + Sync;

pub struct Shared {
    pub client: Client,
    pub options: ClientOptions,
    pub configs: Configs,
    pub linter: Linter,
    pub lint: Box<LintFn>,
}

/// An open document at one version, for a request to work on while edits go on.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub uri: Uri,
    pub text: Arc<String>,
    pub version: i32,
    pub path: Option<PathBuf>,
}

impl Shared {
    /// The document's settings and diagnostics: the lint worker's, when it has linted this
    /// very text, else linted now.
    pub fn analysis(&self, snap: &Snapshot) -> Arc<Analysis> {
        if let Some(a) = self.linter.latest(&snap.uri)
            && Arc::ptr_eq(&a.text, &snap.text)
        {
            return a;
        }
        let settings = self.settings(snap);
        let diagnostics = (self.lint)(&snap.text, snap.path.as_deref(), &settings);
        Arc::new(Analysis::new(
            snap.text.clone(),
            snap.version,
            settings,
            diagnostics,
        ))
    }

    /// The document's settings (a config error is shown to the user once).
    pub fn settings(&self, snap: &Snapshot) -> Arc<Settings> {
        let resolved = self.configs.settings_for(snap.path.as_deref());
        if let Some(error) = &resolved.error {
            self.report_config_error(error);
        }
        resolved.settings
    }

    pub fn report_config_error(&self, error: &str) {
        self.client.show(
            lsp_types::MessageType::ERROR,
            format!("ccr-lint: {error}. Documents under this config are linted with the built-in defaults until it is fixed."),
        );
    }
}
