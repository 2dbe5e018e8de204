//! # session-cli
//!
//! A native Session client on `session-core`: the `session-cli` binary and, as a library, the
//! pieces it is made of, so that tests can drive the very same commands in-process.
//!
//! - [`transport::NativeTransport`]: onion requests over HTTPS (reqwest + rustls), through a
//!   relay or directly to the nodes of a local network;
//! - [`env::TokioEnv`]: the system clock and tokio's timer;
//! - [`network::connect`]: picks the network and the client configuration that suits it;
//! - [`profile::Profile`]: the account's folder (keys, state, outbox, lock; atomic writes);
//! - [`sent::SentLog`]: the hashes of our own swarm's copies of sent messages, for `unsend`;
//! - [`commands`]: `init`, `restore`, `whoami`, `send`, `receive`, `listen`, and the
//!   conversation toolbox `react`, `unsend`, `read`, `typing`, `accept`.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod account;
pub mod attachments;
pub mod commands;
pub mod config_json;
pub mod config_sync;
pub mod env;
pub mod groups;
pub mod network;
pub mod output;
pub mod profile;
pub mod sent;
pub mod transport;
