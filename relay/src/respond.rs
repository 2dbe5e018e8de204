//! Responses the relay makes itself, as opposed to a node's or seed's answer passed through.

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// Header that marks an error produced by the relay itself, as opposed to a node's answer
/// passed through; its value is a short machine-readable reason.
pub const RELAY_ERROR_HEADER: &str = "x-relay-error";

/// A relay-made plain-text error response.
pub fn relay_error(status: StatusCode, code: &'static str, text: &str) -> Response {
    let mut resp = (status, text.to_owned()).into_response();
    resp.headers_mut()
        .insert(RELAY_ERROR_HEADER, HeaderValue::from_static(code));
    resp
}
