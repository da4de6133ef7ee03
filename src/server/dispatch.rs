//! The message loop: the handshake, then every request and notification in the order the
//! client sent them. Document changes are applied here and linted on the worker threads;
//! requests are answered on the worker threads from a snapshot of their document, so the
//! loop itself never waits for a lint. Whatever a request or a lint does wrong — an unknown
//! document, a bad position, a panic — becomes an error response or an error message, never
//! the end of the server.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::mpsc::Receiver;

use lsp_server::{ErrorCode, Message, Notification, Request};
use lsp_types::notification::{
    DidChangeConfiguration, DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument,
    DidOpenTextDocument, Initialized, Notification as _,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, HoverRequest, RegisterCapability,
    Request as _,
};
use lsp_types::{
    CodeActionParams, CodeActionResponse, CompletionParams, CompletionResponse,
    DidChangeWatchedFilesRegistrationOptions, DocumentSymbolParams, DocumentSymbolResponse,
    FileSystemWatcher, GlobPattern, Hover, HoverParams, InitializeParams, InitializeResult,
    MessageType, Registration, RegistrationParams, Uri,
};

use super::capabilities::{self, ClientOptions};
use super::config::Configs;
use super::documents::Documents;
use super::lint::{self, Job, Linter, panic_message};
use super::position::{LineIndex, PositionError};
use super::state::{LintFn, Shared, Snapshot};
use super::transport::Client;
use super::{code_actions, completion, hover, symbols};
use crate::settings::Overrides;

/// Exit code after `shutdown` then `exit`, as the protocol asks.
pub const EXIT_CLEAN: u8 = 0;
/// Exit code after `exit` without `shutdown`, or when the client went away.
pub const EXIT_UNCLEAN: u8 = 1;

/// Serves until `exit` (or the end of input); returns the exit code.
pub fn serve(incoming: Receiver<Message>, client: Client, lint: Box<LintFn>) -> u8 {
    let Some(shared) = initialize(&incoming, client, lint) else {
        return EXIT_UNCLEAN;
    };
    let mut server = Server {
        shared,
        documents: Documents::default(),
        shutdown: false,
    };
    for message in incoming {
        match message {
            Message::Notification(n) if n.method == "exit" => {
                return if server.shutdown {
                    EXIT_CLEAN
                } else {
                    EXIT_UNCLEAN
                };
            }
            Message::Request(r) => server.request(r),
            Message::Notification(n) => server.notification(n),
            // Answers to what the server asked (watcher registration): nothing to do.
            Message::Response(_) => {}
        }
    }
    if server.shutdown {
        EXIT_CLEAN
    } else {
        EXIT_UNCLEAN
    }
}

/// Waits for `initialize`, answering other requests with an error; `None` if the client
/// leaves first.
fn initialize(
    incoming: &Receiver<Message>,
    client: Client,
    lint: Box<LintFn>,
) -> Option<Arc<Shared>> {
    loop {
        match incoming.recv().ok()? {
            Message::Request(req) if req.method == "initialize" => {
                let params: InitializeParams = match serde_json::from_value(req.params) {
                    Ok(p) => p,
                    Err(e) => {
                        client.respond_err(
                            req.id,
                            ErrorCode::InvalidParams,
                            format!("invalid initialize parameters: {e}"),
                        );
                        continue;
                    }
                };
                let options = ClientOptions::from_capabilities(&params.capabilities);
                client.respond_ok(
                    req.id,
                    InitializeResult {
                        capabilities: capabilities::server_capabilities(&options),
                        server_info: Some(capabilities::server_info()),
                    },
                );
                return Some(Arc::new(Shared {
                    client,
                    options,
                    configs: Configs::new(Overrides::default()),
                    linter: Linter::default(),
                    lint,
                }));
            }
            Message::Request(req) => client.respond_err(
                req.id,
                ErrorCode::ServerNotInitialized,
                "the server is not initialized yet: send `initialize` first",
            ),
            Message::Notification(n) if n.method == "exit" => return None,
            _ => {}
        }
    }
}

struct Server {
    shared: Arc<Shared>,
    documents: Documents,
    shutdown: bool,
}

/// Why a request failed, as its error response says.
#[derive(Debug)]
pub struct RequestError {
    pub code: ErrorCode,
    pub message: String,
}

impl From<PositionError> for RequestError {
    fn from(e: PositionError) -> Self {
        RequestError {
            code: ErrorCode::InvalidParams,
            message: format!("bad position: {e}"),
        }
    }
}

type Handler<R> = fn(
    &Shared,
    &Snapshot,
    <R as lsp_types::request::Request>::Params,
) -> Result<<R as lsp_types::request::Request>::Result, RequestError>;

impl Server {
    fn client(&self) -> &Client {
        &self.shared.client
    }

    fn request(&mut self, req: Request) {
        if self.shutdown {
            self.client().respond_err(
                req.id,
                ErrorCode::InvalidRequest,
                "the server is shutting down",
            );
            return;
        }
        match req.method.as_str() {
            "initialize" => self.client().respond_err(
                req.id,
                ErrorCode::InvalidRequest,
                "the server is already initialized",
            ),
            "shutdown" => {
                self.shutdown = true;
                self.client().respond_ok(req.id, ());
            }
            HoverRequest::METHOD => self.spawn::<HoverRequest>(
                req,
                |p: &HoverParams| &p.text_document_position_params.text_document.uri,
                on_hover,
            ),
            Completion::METHOD => self.spawn::<Completion>(
                req,
                |p: &CompletionParams| &p.text_document_position.text_document.uri,
                on_completion,
            ),
            CodeActionRequest::METHOD => self.spawn::<CodeActionRequest>(
                req,
                |p: &CodeActionParams| &p.text_document.uri,
                on_code_action,
            ),
            DocumentSymbolRequest::METHOD => self.spawn::<DocumentSymbolRequest>(
                req,
                |p: &DocumentSymbolParams| &p.text_document.uri,
                on_document_symbol,
            ),
            method => self.client().respond_err(
                req.id,
                ErrorCode::MethodNotFound,
                format!("ccr-lint does not handle `{method}`"),
            ),
        }
    }

    /// Parses a request's parameters, snapshots its document, and answers it on a worker
    /// thread; a panic there is an error response and a message to the user.
    fn spawn<R>(&self, req: Request, uri: fn(&R::Params) -> &Uri, handler: Handler<R>)
    where
        R: lsp_types::request::Request,
        R::Params: Send + 'static,
    {
        let id = req.id;
        let params: R::Params = match serde_json::from_value(req.params) {
            Ok(p) => p,
            Err(e) => {
                self.client().respond_err(
                    id,
                    ErrorCode::InvalidParams,
                    format!("invalid parameters for {}: {e}", R::METHOD),
                );
                return;
            }
        };
        let uri = uri(&params);
        let Some(doc) = self.documents.get(uri) else {
            self.client().respond_err(
                id,
                ErrorCode::InvalidParams,
                format!(
                    "unknown document {}: it is not open (send textDocument/didOpen first)",
                    uri.as_str()
                ),
            );
            return;
        };
        let snap = Snapshot {
            uri: uri.clone(),
            text: doc.text.clone(),
            version: doc.version,
            path: doc.path.clone(),
        };
        let shared = self.shared.clone();
        rayon::spawn(move || {
            let outcome = catch_unwind(AssertUnwindSafe(|| handler(&shared, &snap, params)));
            match outcome {
                Ok(Ok(result)) => shared.client.respond_ok(id, result),
                Ok(Err(e)) => shared.client.respond_err(id, e.code, e.message),
                Err(panic) => {
                    let message = format!(
                        "ccr-lint: {} on {} failed: {}. This is a bug in ccr-lint; the server goes on.",
                        R::METHOD,
                        snap.uri.as_str(),
                        panic_message(panic.as_ref())
                    );
                    shared.client.show(MessageType::ERROR, message.clone());
                    shared
                        .client
                        .respond_err(id, ErrorCode::InternalError, message);
                }
            }
        });
    }

    fn notification(&mut self, n: Notification) {
        if self.shutdown {
            return;
        }
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Some(p) = self.params::<DidOpenTextDocument>(n) {
                    let d = p.text_document;
                    let doc = self.documents.open(d.uri.clone(), d.text, d.version);
                    let job = Job::new(d.uri, doc.version, doc.text.clone(), doc.path.clone());
                    lint::submit(&self.shared, job);
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Some(p) = self.params::<DidChangeTextDocument>(n) {
                    let uri = p.text_document.uri;
                    let encoding = self.shared.options.encoding;
                    match self.documents.change(
                        &uri,
                        p.text_document.version,
                        p.content_changes,
                        encoding,
                    ) {
                        Ok(doc) => {
                            let job = Job::new(
                                uri.clone(),
                                doc.version,
                                doc.text.clone(),
                                doc.path.clone(),
                            );
                            lint::submit(&self.shared, job);
                        }
                        Err(e) => {
                            let message = format!(
                                "ccr-lint: cannot apply the change to {}: {e}; the document is out of step until it is closed and opened again",
                                uri.as_str()
                            );
                            self.client().show(MessageType::ERROR, message.clone());
                            self.client().log(MessageType::ERROR, message);
                        }
                    }
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Some(p) = self.params::<DidCloseTextDocument>(n) {
                    let uri = p.text_document.uri;
                    if self.documents.close(&uri) {
                        self.shared.linter.close(&self.shared, &uri);
                    }
                }
            }
            DidChangeWatchedFiles::METHOD | DidChangeConfiguration::METHOD => {
                self.shared.configs.invalidate();
                self.relint_all();
            }
            Initialized::METHOD => self.watch_configs(),
            // `$/cancelRequest`, `$/setTrace`, `textDocument/didSave` and the rest: nothing to do.
            _ => {}
        }
    }

    /// A notification's parameters; bad ones are logged (a notification gets no response).
    fn params<N: lsp_types::notification::Notification>(
        &self,
        n: Notification,
    ) -> Option<N::Params> {
        match serde_json::from_value(n.params) {
            Ok(p) => Some(p),
            Err(e) => {
                self.client().log(
                    MessageType::ERROR,
                    format!("ccr-lint: invalid parameters for {}: {e}", N::METHOD),
                );
                None
            }
        }
    }

    fn relint_all(&self) {
        for (uri, doc) in self.documents.iter() {
            let job = Job::new(uri.clone(), doc.version, doc.text.clone(), doc.path.clone());
            lint::submit(&self.shared, job);
        }
    }

    /// Asks the client to report changes to TOML files: configs, and the data files they name.
    fn watch_configs(&self) {
        if !self.shared.options.watch_files {
            return;
        }
        let options = DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![FileSystemWatcher {
                glob_pattern: GlobPattern::String("**/*.toml".to_string()),
                kind: None,
            }],
        };
        self.client().request::<RegisterCapability>(
            "ccr-lint/watch-configs",
            RegistrationParams {
                registrations: vec![Registration {
                    id: "ccr-lint/watch-configs".to_string(),
                    method: DidChangeWatchedFiles::METHOD.to_string(),
                    register_options: serde_json::to_value(options).ok(),
                }],
            },
        );
    }
}

fn index(shared: &Shared, snap: &Snapshot) -> LineIndex {
    LineIndex::new(&snap.text, shared.options.encoding)
}

fn on_hover(
    shared: &Shared,
    snap: &Snapshot,
    p: HoverParams,
) -> Result<Option<Hover>, RequestError> {
    let index = index(shared, snap);
    let offset = index.offset(&snap.text, p.text_document_position_params.position)?;
    let analysis = shared.analysis(snap);
    Ok(hover::hover(
        &snap.text,
        &analysis,
        &index,
        offset,
        shared.options.markdown,
    ))
}

fn on_completion(
    shared: &Shared,
    snap: &Snapshot,
    p: CompletionParams,
) -> Result<Option<CompletionResponse>, RequestError> {
    let index = index(shared, snap);
    let offset = index.offset(&snap.text, p.text_document_position.position)?;
    let settings = shared.settings(snap);
    let items = completion::completions(
        &snap.text,
        &settings,
        &index,
        offset,
        shared.options.snippets,
    );
    Ok(Some(CompletionResponse::Array(items)))
}

fn on_code_action(
    shared: &Shared,
    snap: &Snapshot,
    p: CodeActionParams,
) -> Result<Option<CodeActionResponse>, RequestError> {
    let index = index(shared, snap);
    let range = index.span(&snap.text, p.range)?;
    let analysis = shared.analysis(snap);
    Ok(Some(code_actions::actions(
        snap,
        &analysis,
        &index,
        range,
        p.context.only.as_deref(),
        shared.options.related_information,
    )))
}

fn on_document_symbol(
    shared: &Shared,
    snap: &Snapshot,
    _: DocumentSymbolParams,
) -> Result<Option<DocumentSymbolResponse>, RequestError> {
    let index = index(shared, snap);
    let settings = shared.settings(snap);
    Ok(Some(symbols::symbols(
        &snap.uri,
        &snap.text,
        &settings,
        &index,
        shared.options.nested_symbols,
    )))
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc::{self, Sender};
    use std::time::Duration;

    use serde_json::{Value, json};

    use super::*;
    use crate::server::transport::Outgoing;

    struct Session {
        to_server: Sender<Message>,
        from_server: Receiver<Outgoing>,
        server: std::thread::JoinHandle<u8>,
    }

    /// A server in this process whose lint panics on any text containing "PANIC".
    fn start() -> Session {
        let (to_server, incoming) = mpsc::channel();
        let (out, from_server) = mpsc::channel();
        let lint: Box<LintFn> = Box::new(|text, path, settings| {
            assert!(!text.contains("PANIC"), "a rule bug");
            crate::lint_path(text, path, settings)
        });
        let server = std::thread::spawn(move || serve(incoming, Client::new(out), lint));
        let s = Session {
            to_server,
            from_server,
            server,
        };
        s.request(1, "initialize", json!({ "capabilities": {} }));
        s.expect(|m| matches!(m, Message::Response(r) if r.id == 1.into()));
        s.notify("initialized", json!({}));
        s
    }

    impl Session {
        fn request(&self, id: i32, method: &str, params: Value) {
            let req = Request {
                id: id.into(),
                method: method.into(),
                params,
            };
            self.to_server.send(req.into()).unwrap();
        }

        fn notify(&self, method: &str, params: Value) {
            let n = Notification {
                method: method.into(),
                params,
            };
            self.to_server.send(n.into()).unwrap();
        }

        /// The first message `pred` accepts (others are skipped).
        fn expect(&self, pred: impl Fn(&Message) -> bool) -> Message {
            loop {
                match self.from_server.recv_timeout(Duration::from_secs(30)) {
                    Ok(Outgoing::Message(m)) if pred(&m) => return m,
                    Ok(_) => {}
                    Err(e) => panic!("no expected message: {e}"),
                }
            }
        }
    }

    fn is_error_message(m: &Message) -> bool {
        matches!(m, Message::Notification(n)
            if n.method == "window/showMessage" && n.params["type"] == 1)
    }

    #[test]
    fn a_panic_in_a_lint_or_a_request_is_reported_and_the_server_goes_on() {
        let s = start();
        let uri = "untitled:report";
        s.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": "PANIC\n" } }),
        );
        let shown = s.expect(is_error_message);
        let Message::Notification(n) = shown else {
            unreachable!()
        };
        let text = n.params["message"].as_str().unwrap_or("");
        assert!(text.contains("failed: a rule bug"), "{text}");

        // A request that lints the same text: an error response, not a dead server.
        s.request(
            2,
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": 1 } }),
        );
        let r = s.expect(|m| matches!(m, Message::Response(r) if r.id == 2.into()));
        let Message::Response(r) = r else {
            unreachable!()
        };
        let error = r.response_result.expect_err("an error response");
        assert_eq!(error.code, ErrorCode::InternalError as i32);
        assert!(error.message.contains("a rule bug"), "{}", error.message);

        // The next edit is linted as usual.
        s.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": "We're gonna call.\n" }] }),
        );
        let published = s.expect(|m| {
            matches!(m, Message::Notification(n)
            if n.method == "textDocument/publishDiagnostics" && n.params["version"] == 2)
        });
        let Message::Notification(n) = published else {
            unreachable!()
        };
        assert!(n.params["diagnostics"].to_string().contains("CCR601"));

        s.request(3, "shutdown", Value::Null);
        s.expect(|m| matches!(m, Message::Response(r) if r.id == 3.into()));
        s.notify("exit", Value::Null);
        assert_eq!(s.server.join().unwrap(), EXIT_CLEAN);
    }

    #[test]
    fn edits_while_a_lint_runs_publish_only_the_latest_version() {
        let s = start();
        let uri = "untitled:typing";
        let mut text = String::from("# Report\n\nWe're gonna call.\n");
        s.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": text } }),
        );
        // Fifty keystrokes, sent faster than they are linted.
        for v in 2..=51 {
            text.push('x');
            s.notify(
                "textDocument/didChange",
                json!({ "textDocument": { "uri": uri, "version": v }, "contentChanges": [{ "text": text }] }),
            );
        }
        let mut last = 0;
        loop {
            let m = s.expect(|m| {
                matches!(m, Message::Notification(n)
                if n.method == "textDocument/publishDiagnostics")
            });
            let Message::Notification(n) = m else {
                unreachable!()
            };
            let v = n.params["version"].as_i64().unwrap_or(0);
            assert!(v > last, "version {v} published after {last}");
            last = v;
            if v == 51 {
                break;
            }
        }
        s.notify("exit", Value::Null);
        assert_eq!(s.server.join().unwrap(), EXIT_UNCLEAN);
    }

    #[test]
    fn a_document_closed_and_opened_again_gets_only_its_new_diagnostics() {
        let s = start();
        let uri = "untitled:again";
        let open = |text: &str| {
            s.notify(
                "textDocument/didOpen",
                json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": text } }),
            );
        };
        open("We're gonna call.\n");
        s.notify(
            "textDocument/didClose",
            json!({ "textDocument": { "uri": uri } }),
        );
        open("Basically, it is fine.\n");
        let publishes = || {
            s.expect(|m| {
                matches!(m, Message::Notification(n)
                if n.method == "textDocument/publishDiagnostics")
            })
        };
        // Whatever the first open published, the clear comes before the second open's.
        loop {
            let Message::Notification(n) = publishes() else {
                unreachable!()
            };
            if n.params["diagnostics"] == json!([]) && n.params["version"].is_null() {
                break;
            }
        }
        let Message::Notification(n) = publishes() else {
            unreachable!()
        };
        let shown = n.params["diagnostics"].to_string();
        assert!(
            shown.contains("CCR606") && !shown.contains("CCR601"),
            "{shown}"
        );
        s.notify("exit", Value::Null);
        assert_eq!(s.server.join().unwrap(), EXIT_UNCLEAN);
    }
}
