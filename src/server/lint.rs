//! Linting off the message loop. Each change of a document submits a job; jobs run on the
//! worker threads, at most one per document at a time, and a job submitted while one runs
//! waits, replacing any older waiting job (the latest version wins). A result is published
//! only if no newer version was submitted meanwhile and the document is still open, so stale
//! diagnostics never overwrite fresh ones. A panic while linting is caught: the client is
//! told, and the server goes on.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use lsp_types::notification::PublishDiagnostics;
use lsp_types::{MessageType, Uri};

use super::diagnostics;
use super::position::LineIndex;
use super::state::Shared;
use crate::diagnostic::{Diagnostic, Edit};
use crate::settings::Settings;

/// A document's text linted under its settings.
#[derive(Debug)]
pub struct Analysis {
    pub text: Arc<String>,
    pub version: i32,
    pub settings: Arc<Settings>,
    pub diagnostics: Vec<Diagnostic>,
    /// What "Fix all safe problems" does to this text, worked out on first request (editors
    /// ask for code actions whenever the cursor moves).
    pub fix_all: OnceLock<Option<Edit>>,
}

impl Analysis {
    pub fn new(
        text: Arc<String>,
        version: i32,
        settings: Arc<Settings>,
        diagnostics: Vec<Diagnostic>,
    ) -> Self {
        Analysis {
            text,
            version,
            settings,
            diagnostics,
            fix_all: OnceLock::new(),
        }
    }
}

/// One document version to lint.
#[derive(Debug, Clone)]
pub struct Job {
    pub uri: Uri,
    pub version: i32,
    pub text: Arc<String>,
    pub path: Option<PathBuf>,
    generation: u64,
    /// The slot it was submitted to ([`Slot::opened`]).
    slot: u64,
}

impl Job {
    pub fn new(uri: Uri, version: i32, text: Arc<String>, path: Option<PathBuf>) -> Self {
        Job {
            uri,
            version,
            text,
            path,
            generation: 0,
            slot: 0,
        }
    }
}

struct Slot {
    /// The generation at which the document was opened: a job from before a close and a new
    /// open leaves the new slot alone.
    opened: u64,
    /// The generation of the latest job submitted for the document.
    generation: u64,
    running: bool,
    waiting: Option<Job>,
    latest: Option<Arc<Analysis>>,
}

/// The lint jobs of every open document.
#[derive(Default)]
pub struct Linter {
    /// Increases with every submission and close, across documents, so a job from before a
    /// close never matches a document opened again.
    generation: AtomicU64,
    slots: Mutex<HashMap<Uri, Slot>>,
}

impl Linter {
    /// The analysis last published for a document.
    pub fn latest(&self, uri: &Uri) -> Option<Arc<Analysis>> {
        let slots = self.slots.lock().unwrap_or_else(PoisonError::into_inner);
        slots.get(uri).and_then(|s| s.latest.clone())
    }

    /// Forgets a closed document and clears its diagnostics in the editor.
    pub fn close(&self, shared: &Shared, uri: &Uri) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        let mut slots = self.slots.lock().unwrap_or_else(PoisonError::into_inner);
        slots.remove(uri);
        // Under the lock: no job of this document can publish after this.
        shared
            .client
            .notify::<PublishDiagnostics>(lsp_types::PublishDiagnosticsParams {
                uri: uri.clone(),
                diagnostics: Vec::new(),
                version: None,
            });
    }
}

/// Submits a document version to lint.
pub fn submit(shared: &Arc<Shared>, mut job: Job) {
    let linter = &shared.linter;
    job.generation = linter.generation.fetch_add(1, Ordering::SeqCst) + 1;
    let mut slots = linter.slots.lock().unwrap_or_else(PoisonError::into_inner);
    let slot = slots.entry(job.uri.clone()).or_insert_with(|| Slot {
        opened: job.generation,
        generation: job.generation,
        running: false,
        waiting: None,
        latest: None,
    });
    job.slot = slot.opened;
    slot.generation = job.generation;
    if slot.running {
        slot.waiting = Some(job);
    } else {
        slot.running = true;
        spawn(shared, job);
    }
}

fn spawn(shared: &Arc<Shared>, job: Job) {
    let shared = shared.clone();
    rayon::spawn(move || run(&shared, job));
}

fn run(shared: &Arc<Shared>, job: Job) {
    let resolved = shared.configs.settings_for(job.path.as_deref());
    if let Some(error) = &resolved.error {
        shared.report_config_error(error);
    }
    let settings = resolved.settings;
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let diagnostics = (shared.lint)(&job.text, job.path.as_deref(), &settings);
        let index = LineIndex::new(&job.text, shared.options.encoding);
        let params = diagnostics::publish(
            &job.uri,
            Some(job.version),
            &job.text,
            &index,
            &diagnostics,
            shared.options.related_information,
        );
        (diagnostics, params)
    }));
    let linter = &shared.linter;
    let mut slots = linter.slots.lock().unwrap_or_else(PoisonError::into_inner);
    let Some(slot) = slots.get_mut(&job.uri).filter(|s| s.opened == job.slot) else {
        // Closed meanwhile (and perhaps opened again: that is another slot's business).
        return;
    };
    match outcome {
        Ok((diagnostics, params)) => {
            if slot.generation == job.generation {
                slot.latest = Some(Arc::new(Analysis::new(
                    job.text.clone(),
                    job.version,
                    settings,
                    diagnostics,
                )));
                // Under the lock, so a newer result cannot be sent before this one.
                shared.client.notify::<PublishDiagnostics>(params);
            }
        }
        Err(panic) => {
            let message = format!(
                "ccr-lint: linting {} (version {}) failed: {}. This is a bug in ccr-lint; the diagnostics shown are from before this edit. The server goes on.",
                job.uri.as_str(),
                job.version,
                panic_message(panic.as_ref())
            );
            shared.client.show(MessageType::ERROR, message.clone());
            shared.client.log(MessageType::ERROR, message);
        }
    }
    match slot.waiting.take() {
        Some(next) => spawn(shared, next),
        None => slot.running = false,
    }
}

/// The text a panic was raised with.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_string())
}
