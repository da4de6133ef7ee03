//! The wire: JSON-RPC messages framed by `Content-Length` headers over the server's standard
//! input and output. The reader is our own rather than `lsp_server`'s stdio transport, which
//! stops at the first malformed message: here a message that is not JSON, or not JSON-RPC,
//! gets an error response and the next message is read as usual.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::{LogMessageParams, MessageType, ShowMessageParams};
use serde_json::Value;

/// A header line longer than this is not a header.
const MAX_HEADER_LINE: u64 = 8 * 1024;
/// A message longer than this is refused (and skipped) rather than read into memory.
const MAX_MESSAGE: usize = 1 << 30;

/// What the server writes.
#[derive(Debug)]
pub enum Outgoing {
    Message(Message),
    /// An error response to a message that could not be read, whose id may be unknown
    /// (`null`), which `lsp_server::RequestId` cannot express.
    Error {
        id: Value,
        code: i32,
        message: String,
    },
    /// Answered once everything sent before it is written.
    Flush(Sender<()>),
}

/// The two ends the server uses: messages in, and a handle to write with.
pub struct Transport {
    pub incoming: Receiver<Message>,
    pub client: Client,
    /// Ends when every [`Client`] handle is dropped.
    pub writer: thread::JoinHandle<()>,
}

/// The transport over this process's standard input and output.
pub fn stdio() -> io::Result<Transport> {
    spawn(io::stdin(), io::stdout())
}

/// The transport over any reader and writer (one thread each).
pub fn spawn(
    input: impl Read + Send + 'static,
    output: impl Write + Send + 'static,
) -> io::Result<Transport> {
    let (out_tx, out_rx) = mpsc::channel::<Outgoing>();
    let (in_tx, in_rx) = mpsc::channel::<Message>();
    let writer = thread::Builder::new()
        .name("ccr-lint-server-writer".into())
        .spawn(move || write_loop(output, out_rx))?;
    let client = Client { tx: out_tx };
    let errors = client.clone();
    thread::Builder::new()
        .name("ccr-lint-server-reader".into())
        .spawn(move || read_loop(input, &in_tx, &errors))?;
    Ok(Transport {
        incoming: in_rx,
        client,
        writer,
    })
}

fn write_loop(output: impl Write, messages: Receiver<Outgoing>) {
    let mut out = io::BufWriter::new(output);
    for message in messages {
        let written = match message {
            Outgoing::Message(m) => m.write(&mut out),
            Outgoing::Error { id, code, message } => {
                let body = serde_json::json!({
                    "jsonrpc": "2.0",
                    "id": id,
                    "error": { "code": code, "message": message },
                })
                .to_string();
                write!(out, "Content-Length: {}\r\n\r\n{body}", body.len())
            }
            Outgoing::Flush(done) => {
                let _ = done.send(());
                Ok(())
            }
        };
        // The client is gone: nothing more can be said to it.
        if written.and_then(|()| out.flush()).is_err() {
            return;
        }
    }
}

fn read_loop(input: impl Read, incoming: &Sender<Message>, client: &Client) {
    let mut input = BufReader::new(input);
    loop {
        match read_frame(&mut input) {
            Ok(Frame::End) | Err(_) => return,
            Ok(Frame::Bad(why)) => client.error(Value::Null, ErrorCode::ParseError, why),
            Ok(Frame::Body(body)) => match parse(&body) {
                Ok(message) => {
                    if incoming.send(message).is_err() {
                        return;
                    }
                }
                Err((id, code, why)) => client.error(id, code, why),
            },
        }
    }
}

/// One framed message, or what was wrong with its headers.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    End,
    Body(Vec<u8>),
    Bad(String),
}

/// Reads headers up to the blank line, then the body. Blank lines between messages are skipped.
pub fn read_frame(input: &mut impl BufRead) -> io::Result<Frame> {
    let mut length: Option<Result<usize, String>> = None;
    let mut bad: Option<String> = None;
    let mut seen_header = false;
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = input
            .by_ref()
            .take(MAX_HEADER_LINE)
            .read_until(b'\n', &mut line)?;
        if n == 0 {
            return Ok(Frame::End);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if seen_header {
                break;
            }
            continue;
        }
        seen_header = true;
        match text.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                length = Some(
                    value
                        .trim()
                        .parse::<usize>()
                        .map_err(|_| format!("Content-Length {:?} is not a number", value.trim())),
                );
            }
            Some(_) => {}
            None => {
                bad.get_or_insert_with(|| format!("malformed header line {:?}", excerpt(text)));
            }
        }
    }
    let length = match (length, bad) {
        (_, Some(why)) | (Some(Err(why)), None) => return Ok(Frame::Bad(why)),
        (None, None) => {
            return Ok(Frame::Bad(
                "a message without a Content-Length header".into(),
            ));
        }
        (Some(Ok(n)), None) => n,
    };
    if length > MAX_MESSAGE {
        io::copy(&mut input.by_ref().take(length as u64), &mut io::sink())?;
        return Ok(Frame::Bad(format!(
            "a message of {length} bytes is more than the {MAX_MESSAGE} this server reads"
        )));
    }
    let mut body = vec![0; length];
    match input.read_exact(&mut body) {
        Ok(()) => Ok(Frame::Body(body)),
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Ok(Frame::End),
        Err(e) => Err(e),
    }
}

/// A message body: a JSON-RPC message, or the error response it gets (id, code, why).
pub fn parse(body: &[u8]) -> Result<Message, (Value, ErrorCode, String)> {
    let value: Value = serde_json::from_slice(body).map_err(|e| {
        (
            Value::Null,
            ErrorCode::ParseError,
            format!("the message is not JSON: {e}"),
        )
    })?;
    let id = match value.get("id") {
        Some(id @ (Value::Number(_) | Value::String(_))) => id.clone(),
        _ => Value::Null,
    };
    serde_json::from_value::<Message>(value).map_err(|e| {
        (
            id,
            ErrorCode::InvalidRequest,
            format!("the message is not a JSON-RPC request, response or notification: {e}"),
        )
    })
}

fn excerpt(s: &str) -> String {
    s.chars().take(80).collect()
}

/// A handle to write to the client with; cheap to clone, usable from any thread. Writes to a
/// client that has gone away are dropped.
#[derive(Debug, Clone)]
pub struct Client {
    tx: Sender<Outgoing>,
}

impl Client {
    /// A client handle whose messages go to `tx` (tests).
    pub fn new(tx: Sender<Outgoing>) -> Self {
        Client { tx }
    }

    /// Waits (up to `timeout`) until everything sent so far is written.
    pub fn flush(&self, timeout: std::time::Duration) {
        let (tx, rx) = mpsc::channel();
        if self.tx.send(Outgoing::Flush(tx)).is_ok() {
            let _ = rx.recv_timeout(timeout);
        }
    }

    pub fn send(&self, message: impl Into<Message>) {
        let _ = self.tx.send(Outgoing::Message(message.into()));
    }

    pub fn respond_ok<R: serde::Serialize>(&self, id: RequestId, result: R) {
        match serde_json::to_value(result) {
            Ok(value) => self.send(Response {
                id,
                response_result: Ok(value),
            }),
            Err(e) => self.respond_err(id, ErrorCode::InternalError, format!("{e}")),
        }
    }

    pub fn respond_err(&self, id: RequestId, code: ErrorCode, message: impl Into<String>) {
        self.send(Response::new_err(id, code as i32, message.into()));
    }

    fn error(&self, id: Value, code: ErrorCode, message: String) {
        let _ = self.tx.send(Outgoing::Error {
            id,
            code: code as i32,
            message,
        });
    }

    pub fn notify<N: lsp_types::notification::Notification>(&self, params: N::Params) {
        match serde_json::to_value(params) {
            Ok(params) => self.send(Notification {
                method: N::METHOD.to_string(),
                params,
            }),
            Err(e) => self.log(
                MessageType::ERROR,
                format!("cannot send {}: {e}", N::METHOD),
            ),
        }
    }

    pub fn request<R: lsp_types::request::Request>(&self, id: &str, params: R::Params) {
        if let Ok(params) = serde_json::to_value(params) {
            self.send(Request {
                id: RequestId::from(id.to_string()),
                method: R::METHOD.to_string(),
                params,
            });
        }
    }

    /// A message the editor shows the user.
    pub fn show(&self, typ: MessageType, message: impl Into<String>) {
        self.notify::<lsp_types::notification::ShowMessage>(ShowMessageParams {
            typ,
            message: message.into(),
        });
    }

    /// A line in the editor's log for this server.
    pub fn log(&self, typ: MessageType, message: impl Into<String>) {
        let message = message.into();
        let _ = self.tx.send(Outgoing::Message(
            Notification {
                method: "window/logMessage".to_string(),
                params: serde_json::to_value(LogMessageParams {
                    typ,
                    message: message.clone(),
                })
                .unwrap_or(Value::String(message)),
            }
            .into(),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(input: &str) -> Vec<Frame> {
        let mut r = io::Cursor::new(input.as_bytes().to_vec());
        let mut out = Vec::new();
        loop {
            match read_frame(&mut r).unwrap() {
                Frame::End => return out,
                f => out.push(f),
            }
        }
    }

    #[test]
    fn frames_are_read_by_content_length() {
        let frames = frame(
            "Content-Length: 2\r\n\r\n{}\r\nContent-Type: x\r\ncontent-length:  3 \r\n\r\n[1]",
        );
        assert_eq!(
            frames,
            [Frame::Body(b"{}".to_vec()), Frame::Body(b"[1]".to_vec())]
        );
    }

    #[test]
    fn bad_headers_are_reported_and_reading_goes_on() {
        let frames = frame("Content-Length: x\r\n\r\nnonsense\r\n\r\nContent-Length: 2\r\n\r\n{}");
        assert!(matches!(&frames[0], Frame::Bad(why) if why.contains("not a number")));
        assert!(matches!(&frames[1], Frame::Bad(why) if why.contains("malformed header")));
        assert_eq!(frames[2], Frame::Body(b"{}".to_vec()));
        // A body cut short is the end of input, not an error.
        assert!(frame("Content-Length: 10\r\n\r\n{}").is_empty());
    }

    #[test]
    fn bodies_that_are_not_messages_get_the_right_error() {
        let (id, code, _) = parse(b"{not json").unwrap_err();
        assert_eq!(
            (id, code as i32),
            (Value::Null, ErrorCode::ParseError as i32)
        );
        let (id, code, _) = parse(br#"{"jsonrpc":"2.0","id":7,"params":{}}"#).unwrap_err();
        assert_eq!(
            (id, code as i32),
            (Value::from(7), ErrorCode::InvalidRequest as i32)
        );
        let ok = parse(br#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#).unwrap();
        assert!(matches!(ok, Message::Request(r) if r.method == "shutdown"));
    }
}
