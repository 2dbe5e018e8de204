//! Fixed answer texts of the storage RPC: those network.md quotes, and the per-method ones it
//! only summarises, taken from the upstream server's request handler.

/// 400: the body is not JSON.
pub const INVALID_JSON: &str = "invalid json";
/// 400: no string `method`.
pub const NO_METHOD: &str = "invalid json: no `method` field";
/// 400: no object `params`.
pub const NO_PARAMS: &str = "invalid json: no `params` field";
/// 403: store TTL outside the namespace's range.
pub const STORE_TTL: &str = "Provided expiry/TTL is not valid.";
/// 406: store timestamp in the future or expiry in the past (±10 s).
pub const STORE_CLOCK: &str = "Timestamp error: check your clock";
/// 406: store signature timestamp outside ±60 s.
pub const STORE_SIG_TIME: &str = "store signature timestamp too far from current time";
/// 401: bad store signature.
pub const STORE_SIG: &str = "store signature verification failed";
/// 406: retrieve timestamp outside ±60 s.
pub const RETRIEVE_TIME: &str = "retrieve timestamp too far from current time";
/// 401: bad retrieve signature.
pub const RETRIEVE_SIG: &str = "retrieve signature verification failed";
/// 401: retrieve without authentication where it is needed.
pub const RETRIEVE_NEEDS_SIG: &str = "retrieve: request signature required";
/// 406: delete_all timestamp outside the window.
pub const DELETE_ALL_TIME: &str = "delete_all timestamp too far from current time";
/// 401: bad delete_all signature.
pub const DELETE_ALL_SIG: &str = "delete_all signature verification failed";
/// 401: bad delete signature.
pub const DELETE_SIG: &str = "delete_msgs signature verification failed";
/// 401: delete_before `before` too far ahead.
pub const DELETE_BEFORE_FUTURE: &str = "delete_before timestamp too far in the future";
/// 401: bad delete_before signature.
pub const DELETE_BEFORE_SIG: &str = "delete_before signature verification failed";
/// 401: expire with an expiry in the past.
pub const EXPIRE_PAST: &str = "expire: timestamp should be >= current time";
/// 401: bad expire signature.
pub const EXPIRE_SIG: &str = "expire: signature verification failed";
/// 403: multi-expiry before hard fork 19.4.
pub const EXPIRE_MULTI: &str = "expire: multi-expiry requests are not yet active on the network";
/// 400: shorten with a subaccount lacking Delete.
pub const EXPIRE_SHORTEN_SUBACCOUNT: &str =
    "expire: shorten parameter cannot be used with this subaccount token (missing delete access)";
/// 406: expire_all expiry too old.
pub const EXPIRE_ALL_PAST: &str = "expire_all timestamp should be >= current time";
/// 401: bad expire_all signature.
pub const EXPIRE_ALL_SIG: &str = "expire_all signature verification failed";
/// 406: get_expiries timestamp outside ±60 s.
pub const GET_EXPIRIES_TIME: &str = "get_expiries timestamp too far from current time";
/// 401: bad get_expiries signature.
pub const GET_EXPIRIES_SIG: &str = "get_expiries signature verification failed";
/// 406: revoke_subaccount timestamp outside ±60 s.
pub const REVOKE_TIME: &str = "revoke_subaccount timestamp too far from current time";
/// 401: bad revoke_subaccount signature.
pub const REVOKE_SIG: &str = "revoke_subaccount signature verification failed";
/// 406: unrevoke_subaccount timestamp outside ±60 s.
pub const UNREVOKE_TIME: &str = "unrevoke_subaccount timestamp too far from current time";
/// 401: bad unrevoke_subaccount signature.
pub const UNREVOKE_SIG: &str = "unrevoke_subaccount signature verification failed";
/// 502: oxend answered garbage.
pub const OXEND_UNPARSABLE: &str = "oxend returned unparsable data";
/// 410: the obsolete long-poll header.
pub const LONG_POLL: &str = "long polling is no longer supported, client upgrade required";
/// 413: body over 10 MiB.
pub const TOO_LARGE: &str = "Request body too large";
