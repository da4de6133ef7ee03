//! `ccr-lint server`: the linter as the author writes, over the Language Server Protocol on
//! standard input and output, on the same library as the command line.
//!
//! - `transport`: the framed JSON-RPC wire, robust to malformed messages;
//! - `documents`: the open documents as the editor holds them;
//! - `position`: protocol positions (UTF-16 or UTF-8) to and from byte offsets.

pub mod documents;
pub mod position;
pub mod transport;
