//! v4 request and response plaintexts for server destinations (network.md §4.6): a bencoded
//! list of a JSON metadata string and an optional body string.

use super::bencode::{self, Bt};
use super::OnionError;
use serde_json::{json, Map, Value};

/// A decoded v4 request (what the server decrypts).
#[derive(Debug, Clone, PartialEq)]
pub struct V4Request {
    /// HTTP method, e.g. `GET`.
    pub method: String,
    /// Path starting with `/`, possibly with a query string.
    pub endpoint: String,
    /// Request headers (an empty object when the client sent none).
    pub headers: Map<String, Value>,
    /// The body, present for POST/PUT.
    pub body: Option<Vec<u8>>,
}

impl V4Request {
    /// A `GET` without headers.
    pub fn get(endpoint: &str) -> V4Request {
        V4Request {
            method: "GET".into(),
            endpoint: endpoint.to_owned(),
            headers: Map::new(),
            body: None,
        }
    }

    /// A `POST` of `body` with its content type.
    pub fn post(endpoint: &str, content_type: &str, body: Vec<u8>) -> V4Request {
        let mut headers = Map::new();
        headers.insert("Content-Type".into(), content_type.into());
        V4Request {
            method: "POST".into(),
            endpoint: endpoint.to_owned(),
            headers,
            body: Some(body),
        }
    }

    /// Adds a header.
    pub fn header(mut self, name: &str, value: &str) -> V4Request {
        self.headers.insert(name.to_owned(), value.into());
        self
    }

    /// The request's v4 plaintext.
    pub fn encode(&self) -> Vec<u8> {
        encode_request(
            &self.method,
            &self.endpoint,
            &self.headers,
            self.body.as_deref(),
        )
    }
}

/// A decoded v4 response (what the client decrypts).
#[derive(Debug, Clone, PartialEq)]
pub struct V4Response {
    /// The server's HTTP status.
    pub code: u16,
    /// Response headers, names in lowercase.
    pub headers: Map<String, Value>,
    /// The body (empty when absent).
    pub body: Vec<u8>,
}

/// Encodes a request: `l<meta>[<body>]e` with meta `{"endpoint","headers","method"}`. Headers
/// are sent as given (a body without `Content-Type` is the caller's choice).
pub fn encode_request(
    method: &str,
    endpoint: &str,
    headers: &Map<String, Value>,
    body: Option<&[u8]>,
) -> Vec<u8> {
    let meta = json!({ "method": method, "endpoint": endpoint, "headers": headers });
    let mut parts = vec![Bt::Bytes(meta.to_string().into_bytes())];
    if let Some(body) = body {
        parts.push(Bt::Bytes(body.to_vec()));
    }
    bencode::encode(&Bt::List(parts))
}

/// Decodes a request as the file server does: `method` and `endpoint` (starting with `/`)
/// required, `headers` optional.
pub fn decode_request(bytes: &[u8]) -> Result<V4Request, OnionError> {
    let (meta, body) = split(bytes)?;
    let method = meta
        .get("method")
        .and_then(Value::as_str)
        .ok_or_else(|| invalid("metadata needs a string 'method'"))?
        .to_owned();
    let endpoint = meta
        .get("endpoint")
        .and_then(Value::as_str)
        .ok_or_else(|| invalid("metadata needs a string 'endpoint'"))?;
    if !endpoint.starts_with('/') {
        return Err(invalid("endpoint must start with /"));
    }
    Ok(V4Request {
        method,
        endpoint: endpoint.to_owned(),
        headers: headers(&meta)?,
        body,
    })
}

/// Encodes a response: `l<{"code","headers"}><body>e`.
pub fn encode_response(code: u16, headers: &Map<String, Value>, body: &[u8]) -> Vec<u8> {
    let meta = json!({ "code": code, "headers": headers });
    bencode::encode(&Bt::List(vec![
        Bt::Bytes(meta.to_string().into_bytes()),
        Bt::Bytes(body.to_vec()),
    ]))
}

/// Decodes a response: integer `code` required, `headers` optional, body optional.
pub fn decode_response(bytes: &[u8]) -> Result<V4Response, OnionError> {
    let (meta, body) = split(bytes)?;
    let code = meta
        .get("code")
        .and_then(Value::as_u64)
        .and_then(|c| u16::try_from(c).ok())
        .ok_or_else(|| invalid("metadata needs an integer 'code'"))?;
    Ok(V4Response {
        code,
        headers: headers(&meta)?,
        body: body.unwrap_or_default(),
    })
}

fn invalid(msg: &str) -> OnionError {
    OnionError::InvalidV4(msg.to_owned())
}

/// The metadata object and the optional body of a v4 message.
type Parts = (Map<String, Value>, Option<Vec<u8>>);

/// Splits a 1- or 2-element list of strings into its JSON metadata and optional body.
fn split(bytes: &[u8]) -> Result<Parts, OnionError> {
    let Bt::List(items) = bencode::decode(bytes)? else {
        return Err(invalid("expected a bencoded list"));
    };
    let mut items = items.into_iter();
    let (Some(Bt::Bytes(meta)), body, None) = (items.next(), items.next(), items.next()) else {
        return Err(invalid("expected a list of one or two strings"));
    };
    let body = match body {
        None => None,
        Some(Bt::Bytes(b)) => Some(b),
        Some(_) => return Err(invalid("the body must be a string")),
    };
    match serde_json::from_slice(&meta) {
        Ok(Value::Object(map)) => Ok((map, body)),
        Ok(_) => Err(invalid("metadata is not a JSON object")),
        Err(e) => Err(OnionError::InvalidV4(format!("metadata is not JSON: {e}"))),
    }
}

fn headers(meta: &Map<String, Value>) -> Result<Map<String, Value>, OnionError> {
    match meta.get("headers") {
        None => Ok(Map::new()),
        Some(Value::Object(h)) => Ok(h.clone()),
        Some(_) => Err(invalid("'headers' must be an object")),
    }
}
