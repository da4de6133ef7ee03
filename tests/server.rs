//! The editor server end to end: the real binary started as an editor starts it, spoken to
//! over its standard input and output in Content-Length framed JSON-RPC. Every read has a
//! time limit, so a server that stops answering fails the test instead of hanging the suite.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use common::{ccr, repo, write};
use serde_json::{Value, json};

/// How long any one answer may take (a debug build on a busy 2-core machine).
const WAIT: Duration = Duration::from_secs(30);

/// A running `ccr-lint server`.
struct Server {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    /// Messages read while waiting for something else.
    seen: Vec<Value>,
    next_id: i64,
}

impl Server {
    fn start(dir: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ccr-lint"))
            .arg("server")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the binary starts");
        let stdin = child.stdin.take().expect("piped stdin");
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let Some(n) = length else { return };
                let mut body = vec![0; n];
                if r.read_exact(&mut body).is_err() {
                    return;
                }
                let value: Value = serde_json::from_slice(&body).expect("the server writes JSON");
                if tx.send(value).is_err() {
                    return;
                }
            }
        });
        Server {
            child,
            stdin,
            messages: rx,
            seen: Vec::new(),
            next_id: 1,
        }
    }

    fn send_raw(&mut self, body: &[u8]) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).expect("write header");
        self.stdin.write_all(body).expect("write body");
        self.stdin.flush().expect("flush");
    }

    fn send(&mut self, message: Value) {
        self.send_raw(message.to_string().as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request; returns its id.
    fn request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        id
    }

    /// The first message (already read or still to come) that `pred` accepts.
    fn wait_for(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.seen.iter().position(&pred) {
            return self.seen.remove(i);
        }
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.messages.recv_timeout(left) {
                Ok(m) if pred(&m) => return m,
                Ok(m) => self.seen.push(m),
                Err(_) => panic!(
                    "no {what} within {WAIT:?}; messages seen meanwhile: {:#?}",
                    self.seen
                ),
            }
        }
    }

    /// The response to request `id`.
    fn response(&mut self, id: i64) -> Value {
        self.wait_for(&format!("response to request {id}"), |m| {
            m["id"] == json!(id) && m.get("method").is_none()
        })
    }

    /// Sends a request and returns its result, failing on an error response.
    fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.request(method, params);
        let r = self.response(id);
        assert!(r.get("error").is_none(), "{method} failed: {r}");
        r["result"].clone()
    }

    /// The diagnostics published for `uri` at `version`.
    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let m = self.wait_for(&format!("diagnostics for {uri} v{version}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == json!(version)
        });
        m["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    fn initialize(&mut self, capabilities: Value) -> Value {
        let result = self.call(
            "initialize",
            json!({ "processId": null, "rootUri": null, "capabilities": capabilities }),
        );
        self.notify("initialized", json!({}));
        result
    }

    /// `shutdown`, then `exit`; returns the exit code.
    fn stop(mut self) -> Option<i32> {
        let result = self.call("shutdown", Value::Null);
        assert_eq!(result, Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + WAIT;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.code();
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A `file://` URI for a path (the test folders hold no characters that need escaping).
fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// The byte offset of a UTF-16 protocol position, counted independently of the server.
fn offset(text: &str, pos: &Value) -> usize {
    let (line, character) = (
        pos["line"].as_u64().expect("line") as usize,
        pos["character"].as_u64().expect("character") as usize,
    );
    let mut start = 0;
    for _ in 0..line {
        start += text[start..].find('\n').expect("the line exists") + 1;
    }
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= character || c == '\r' || c == '\n' {
            return start + i;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// The UTF-16 position of a byte offset.
fn position(text: &str, at: usize) -> Value {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..line_start].matches('\n').count();
    let character: usize = text[line_start..at].chars().map(char::len_utf16).sum();
    json!({ "line": line, "character": character })
}

fn text_at(text: &str, range: &Value) -> String {
    text[offset(text, &range["start"])..offset(text, &range["end"])].to_string()
}

/// Applies protocol text edits (UTF-16 ranges) to a text.
fn apply(text: &str, edits: &[Value]) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(text, &e["range"]["start"]),
                offset(text, &e["range"]["end"]),
                e["newText"].as_str().expect("newText").to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (start, end, new) in spans {
        out.replace_range(start..end, &new);
    }
    out
}

/// A report with a BOM, CRLF line breaks, non-ASCII names and emoji outside the Basic
/// Multilingual Plane before the words that are flagged.
const REPORT: &str = "\u{feff}# Client Communication Report — Müller & Söhne 🎉\r\n\
\r\n\
## Summary\r\n\
\r\n\
This report summarizes interactions with Müller & Söhne from June 1, 2024 to June 30, 2024.\r\n\
Søren 🚀 Østergaard said we're gonna touch base with the stakeholders.\r\n\
\r\n\
## Client Details\r\n\
\r\n\
- **Client:** Müller & Söhne\r\n\
- **Company:** Müller & Söhne GmbH\r\n\
- **Primary Contact:** Jürgen Weiß\r\n\
\r\n\
## Time Period\r\n\
\r\n\
June 1–30, 2024\r\n\
\r\n\
## Interaction Log\r\n\
\r\n\
- **June 3, 2024, 10:00** — Call — Participants: Jürgen Weiß, Søren Østergaard — Summary: Reviewed the proposal 📈.\r\n\
\r\n\
## Action Items\r\n\
\r\n\
- [ ] Send the revised proposal — Owner: Søren Østergaard — Due: June 20, 2024\r\n";

fn editor_capabilities() -> Value {
    json!({
        "general": { "positionEncodings": ["utf-16"] },
        "textDocument": {
            "completion": { "completionItem": { "snippetSupport": true } },
            "publishDiagnostics": { "relatedInformation": true },
            "hover": { "contentFormat": ["markdown", "plaintext"] },
            "documentSymbol": { "hierarchicalDocumentSymbolSupport": true }
        }
    })
}

#[test]
fn server_speaks_lsp_as_an_editor_needs() {
    let dir = repo();
    write(dir.path(), "june.md", REPORT);
    let path = dir.path().join("june.md");
    let doc = uri(&path);
    let mut server = Server::start(dir.path());

    // initialize: UTF-16 positions, the features.
    let init = server.initialize(editor_capabilities());
    let caps = &init["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16", "{init}");
    assert_eq!(init["serverInfo"]["name"], "ccr-lint");
    assert!(caps["hoverProvider"].as_bool().unwrap_or(false));
    assert!(caps["completionProvider"].is_object());
    assert!(caps["codeActionProvider"].is_object());
    assert!(caps["documentSymbolProvider"].as_bool().unwrap_or(false));

    // didOpen -> publishDiagnostics, ranges on the quoted text in UTF-16.
    server.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": doc, "languageId": "markdown", "version": 1, "text": REPORT } }),
    );
    let diags = server.diagnostics(&doc, 1);
    let gonna = diags
        .iter()
        .find(|d| d["code"] == "CCR601" && text_at(REPORT, &d["range"]) == "gonna")
        .unwrap_or_else(|| panic!("'gonna' is flagged at its place: {diags:#?}"));
    assert_eq!(gonna["severity"], 2, "a warning");
    assert_eq!(gonna["source"], "ccr-lint");
    assert!(gonna.get("codeDescription").is_none(), "no links");
    // UTF-16: the rocket counts two units, Ø one.
    let line = "Søren 🚀 Østergaard said we're ";
    assert_eq!(
        gonna["range"]["start"],
        json!({ "line": 5, "character": line.encode_utf16().count() })
    );
    let mut quoted = 0;
    for d in &diags {
        let message = d["message"].as_str().expect("message");
        // 'quoted text' is …: the text ends at the quote before a space.
        if let Some(q) = message
            .strip_prefix('\'')
            .and_then(|m| m.split("' ").next())
        {
            assert_eq!(text_at(REPORT, &d["range"]), q, "{d:#}");
            quoted += 1;
        }
    }
    assert!(
        quoted >= 3,
        "several diagnostics quote their text: {diags:#?}"
    );
    let touch = diags
        .iter()
        .find(|d| text_at(REPORT, &d["range"]) == "touch base")
        .expect("touch base is flagged");
    let related = touch["relatedInformation"][0]["message"]
        .as_str()
        .expect("the help is related information");
    assert!(related.contains("Follow-up"), "{related}");

    // codeAction: the quick fixes for 'gonna', and "Fix all safe problems" = --fix.
    let whole =
        json!({ "start": { "line": 0, "character": 0 }, "end": position(REPORT, REPORT.len()) });
    let actions = server.call(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": doc }, "range": gonna["range"], "context": { "diagnostics": [gonna] } }),
    );
    let titles: Vec<&str> = actions
        .as_array()
        .expect("actions")
        .iter()
        .map(|a| a["title"].as_str().unwrap_or(""))
        .collect();
    assert!(
        titles.contains(&"Replace with 'going to' (safe fix)"),
        "{titles:?}"
    );
    assert!(
        titles.contains(&"Disable CCR601 for this line"),
        "{titles:?}"
    );
    let quick = actions
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| a["title"] == "Replace with 'going to' (safe fix)")
        .expect("the quick fix");
    assert_eq!(quick["kind"], "quickfix");
    let edits = quick["edit"]["changes"][&doc].as_array().expect("edits");
    assert!(apply(REPORT, edits).contains("we're going to touch base"));

    let actions = server.call(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": doc }, "range": whole, "context": { "diagnostics": [], "only": ["source.fixAll"] } }),
    );
    let fix_all = actions
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| a["title"] == "Fix all safe problems")
        .unwrap_or_else(|| panic!("a fix-all action: {actions:#}"));
    assert_eq!(fix_all["kind"], "source.fixAll.ccr-lint");
    let edits = fix_all["edit"]["changes"][&doc].as_array().expect("edits");
    let fixed_here = apply(REPORT, edits);
    let cli = ccr()
        .current_dir(dir.path())
        .args(["--fix", "-", "--stdin-filename", "june.md", "--quiet"])
        .write_stdin(REPORT)
        .output()
        .expect("the binary runs");
    let fixed_by_cli = String::from_utf8(cli.stdout).expect("UTF-8");
    assert_ne!(fixed_by_cli, REPORT, "--fix changes something");
    assert_eq!(
        fixed_here, fixed_by_cli,
        "Fix all safe problems gives the --fix text"
    );

    // hover on a key term: its definition and example.
    let at = REPORT.find("stakeholders").expect("the word") + 3;
    let hover = server.call(
        "textDocument/hover",
        json!({ "textDocument": { "uri": doc }, "position": position(REPORT, at) }),
    );
    let shown = hover["contents"]["value"].as_str().expect("hover text");
    assert!(
        shown.contains("a person or group with an interest in or involvement with something"),
        "{shown}"
    );
    assert!(
        shown.contains("All key stakeholders were informed"),
        "{shown}"
    );
    assert_eq!(text_at(REPORT, &hover["range"]), "stakeholders");
    // ... and on a diagnostic, its rule's page.
    let at = REPORT.find("gonna").expect("the word") + 1;
    let hover = server.call(
        "textDocument/hover",
        json!({ "textDocument": { "uri": doc }, "position": position(REPORT, at) }),
    );
    let shown = hover["contents"]["value"].as_str().expect("hover text");
    assert!(shown.contains("# CCR601 informal-language"), "{shown}");
    assert!(shown.contains("## Why"), "{shown}");

    // completion in the Interaction Log: the interaction phrases as snippets.
    let at = REPORT.find("📈.\r\n\r\n").expect("the log's blank line") + "📈.\r\n".len();
    let items = server.call(
        "textDocument/completion",
        json!({ "textDocument": { "uri": doc }, "position": position(REPORT, at) }),
    );
    let items = items.as_array().expect("a list of items");
    let meeting = items
        .iter()
        .find(|i| i["label"] == "On [Date], a meeting was held with [Client] regarding [Topic].")
        .unwrap_or_else(|| panic!("the interaction phrase: {items:#?}"));
    assert_eq!(
        meeting["insertText"],
        "On ${1:date}, a meeting was held with ${2:client} regarding ${3:topic}."
    );
    assert_eq!(meeting["insertTextFormat"], 2, "a snippet");
    assert!(
        items
            .iter()
            .any(|i| i["label"] == "## Issues and Resolutions"),
        "the missing sections' headings: {items:#?}"
    );

    // document symbols: the sections, the entry and the task inside them.
    let symbols = server.call(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": doc } }),
    );
    let flat = symbols.to_string();
    for name in [
        "Interaction Log",
        "Action Items",
        "Send the revised proposal",
    ] {
        assert!(flat.contains(name), "{name} in {symbols:#}");
    }
    let title = &symbols[0];
    let log = title["children"]
        .as_array()
        .expect("sections under the title")
        .iter()
        .find(|s| s["name"] == "Interaction Log")
        .expect("the log");
    assert_eq!(log["children"][0]["name"], "June 3, 2024, 10:00 — Call");

    // didChange (incremental, UTF-16) -> new diagnostics.
    let gonna_at = REPORT.find("gonna").expect("the word");
    let range =
        json!({ "start": position(REPORT, gonna_at), "end": position(REPORT, gonna_at + 5) });
    server.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": doc, "version": 2 }, "contentChanges": [{ "range": range, "text": "don't" }] }),
    );
    let changed = REPORT.replacen("gonna", "don't", 1);
    let diags = server.diagnostics(&doc, 2);
    assert!(
        diags
            .iter()
            .any(|d| d["code"] == "CCR602" && text_at(&changed, &d["range"]) == "don't"),
        "{diags:#?}"
    );
    assert!(
        !diags
            .iter()
            .any(|d| text_at(&changed, &d["range"]) == "gonna")
    );

    // didClose clears the diagnostics.
    server.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": doc } }),
    );
    let cleared = server.wait_for("cleared diagnostics", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == doc
            && m["params"]["diagnostics"] == json!([])
    });
    assert!(cleared["params"]["version"].is_null());

    // shutdown, exit -> 0.
    assert_eq!(server.stop(), Some(0));
}

#[test]
fn bad_requests_get_error_responses_and_the_server_goes_on() {
    let dir = repo();
    let path = dir.path().join("r.md");
    let doc = uri(&path);
    let mut server = Server::start(dir.path());

    // Before initialize.
    let id = server.request("textDocument/hover", json!({}));
    assert_eq!(server.response(id)["error"]["code"], -32002);
    server.initialize(json!({}));

    // Not JSON: a parse error with a null id.
    server.send_raw(b"{this is not json");
    let e = server.wait_for("parse error", |m| m["error"]["code"] == -32700);
    assert!(e["id"].is_null(), "{e}");
    // JSON, but not a message.
    server.send(json!({ "jsonrpc": "2.0", "id": 77, "params": {} }));
    let e = server.wait_for("invalid request", |m| m["id"] == 77);
    assert_eq!(e["error"]["code"], -32600);
    // A header that is not one.
    server
        .stdin
        .write_all(b"Content-Length: lots\r\n\r\n")
        .expect("write");
    server.stdin.flush().expect("flush");
    let e = server.wait_for("bad header", |m| {
        m["error"]["code"] == -32700
            && m["error"]["message"]
                .as_str()
                .unwrap_or("")
                .contains("Content-Length")
    });
    assert!(e["id"].is_null());

    // An unknown document.
    let id = server.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": doc }, "position": { "line": 0, "character": 0 } }),
    );
    let e = server.response(id);
    assert_eq!(e["error"]["code"], -32602);
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("not open"),
        "{e}"
    );

    // A bad position.
    let text = "# Report\r\n\r\nWe're 🎉 gonna call.\r\n";
    server.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": doc, "languageId": "markdown", "version": 1, "text": text } }),
    );
    server.diagnostics(&doc, 1);
    let id = server.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": doc }, "position": { "line": 99, "character": 0 } }),
    );
    let e = server.response(id);
    assert_eq!(e["error"]["code"], -32602);
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("past the end"),
        "{e}"
    );
    // Inside the emoji's surrogate pair.
    let id = server.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": doc }, "position": { "line": 2, "character": 7 } }),
    );
    assert_eq!(server.response(id)["error"]["code"], -32602);
    // Parameters of the wrong shape, and a method nobody handles.
    let id = server.request("textDocument/hover", json!({ "textDocument": 5 }));
    assert_eq!(server.response(id)["error"]["code"], -32602);
    let id = server.request("textDocument/rename", json!({}));
    assert_eq!(server.response(id)["error"]["code"], -32601);

    // Still serving: a request on the document is answered.
    let symbols = server.call(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": doc } }),
    );
    assert_eq!(symbols[0]["name"], "Report");
    assert_eq!(server.stop(), Some(0));
}

#[test]
fn a_changed_config_is_picked_up() {
    let dir = repo();
    let path = dir.path().join("r.md");
    let doc = uri(&path);
    let text = "# Report\n\nWe're gonna call.\n";
    let mut server = Server::start(dir.path());
    server.initialize(
        json!({ "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } } }),
    );
    // The server asks to be told about config files.
    let register = server.wait_for("registration", |m| {
        m["method"] == "client/registerCapability"
    });
    assert_eq!(
        register["params"]["registrations"][0]["method"],
        "workspace/didChangeWatchedFiles"
    );
    server.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": doc, "languageId": "markdown", "version": 1, "text": text } }),
    );
    let codes = |ds: &[Value]| ds.iter().map(|d| d["code"].to_string()).collect::<Vec<_>>();
    assert!(codes(&server.diagnostics(&doc, 1)).contains(&"\"CCR601\"".to_string()));

    write(
        dir.path(),
        ".ccr-lint.toml",
        "[rules]\nignore = [\"CCR601\"]\n",
    );
    server.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri(&dir.path().join(".ccr-lint.toml")), "type": 1 }] }),
    );
    let diags = server.diagnostics(&doc, 1);
    assert!(
        !codes(&diags).contains(&"\"CCR601\"".to_string()),
        "{diags:#?}"
    );

    // Exit without shutdown is exit code 1, as the protocol says.
    server.notify("exit", Value::Null);
    let deadline = Instant::now() + WAIT;
    let status = loop {
        if let Ok(Some(status)) = server.child.try_wait() {
            break status;
        }
        assert!(Instant::now() < deadline, "the server did not exit");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(1));
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let dir = repo();
    let doc = uri(&dir.path().join("r.md"));
    let text = "# Report\n\nSøren 🚀 said we're gonna call.\n";
    let mut server = Server::start(dir.path());
    let init =
        server.initialize(json!({ "general": { "positionEncodings": ["utf-16", "utf-8"] } }));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    server.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": doc, "languageId": "markdown", "version": 1, "text": text } }),
    );
    let diags = server.diagnostics(&doc, 1);
    let gonna = diags
        .iter()
        .find(|d| d["code"] == "CCR601")
        .unwrap_or_else(|| panic!("gonna is flagged: {diags:#?}"));
    let line_start = text.find("Søren").expect("the line");
    let at = text.find("gonna").expect("the word") - line_start;
    assert_eq!(
        gonna["range"]["start"],
        json!({ "line": 2, "character": at })
    );
    assert_eq!(
        gonna["range"]["end"],
        json!({ "line": 2, "character": at + 5 })
    );
    // A client without related information gets none (the help goes into the message).
    assert!(
        diags.iter().all(|d| d.get("relatedInformation").is_none()),
        "{diags:#?}"
    );
    assert_eq!(server.stop(), Some(0));
}
