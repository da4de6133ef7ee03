//! `ccr-lint server`: the linter as the author writes, over the Language Server Protocol on
//! standard input and output, on the same library as the command line.
//!
//! - `transport`: the framed JSON-RPC wire, robust to malformed messages;
//! - `dispatch`: the message loop (handshake, requests, notifications, shutdown);
//! - `documents`: the open documents as the editor holds them;
//! - `position`: protocol positions (UTF-16 or UTF-8) to and from byte offsets;
//! - `config`: settings per document, discovered as on the command line, re-read on change;
//! - `lint`: linting on worker threads, the latest version winning;
//! - `diagnostics`, `code_actions`, `hover`, `completion`, `symbols`: the features;
//! - `capabilities`, `state`: the handshake's outcome and what the threads share.

pub mod capabilities;
pub mod code_actions;
pub mod completion;
pub mod config;
pub mod diagnostics;
pub mod dispatch;
pub mod documents;
pub mod hover;
pub mod lint;
pub mod position;
pub mod state;
pub mod symbols;
pub mod transport;

use std::io;
use std::time::Duration;

/// Runs the server on this process's standard input and output until the client says
/// `exit`; returns the exit code (0 after `shutdown`, 1 otherwise).
pub fn run() -> io::Result<u8> {
    let transport = transport::stdio()?;
    let client = transport.client.clone();
    let code = dispatch::serve(
        transport.incoming,
        transport.client,
        Box::new(crate::lint_path),
    );
    // Whatever was answered before `exit` reaches the client before the process ends.
    client.flush(Duration::from_secs(2));
    Ok(code)
}
