//! `POST /user/{id}/moderator`, `/user/{id}/ban`, `/user/{id}/unban`.

use crate::auth::{require, User};
use crate::errors::bad;
use crate::rooms::{mod_level, room_id};
use crate::{admin, Req, Resp, Sogs, SogsError};
use rusqlite::params;
use serde_json::{json, Value};

enum Action {
    Ban,
    Unban,
    Moderator,
}

/// Rooms named in the body (`rooms: [...]`) or `None` for `global: true`; 400 for neither/both.
fn scope(body: &Value) -> Result<Option<Vec<String>>, SogsError> {
    let rooms = body.get("rooms").and_then(Value::as_array);
    let global = body.get("global").and_then(Value::as_bool).unwrap_or(false);
    match (rooms, global) {
        (Some(r), false) if !r.is_empty() => Ok(Some(
            r.iter()
                .map(|t| {
                    t.as_str()
                        .map(str::to_owned)
                        .ok_or_else(|| bad("Invalid rooms"))
                })
                .collect::<Result<_, _>>()?,
        )),
        (None, true) => Ok(None),
        _ => Err(bad("Exactly one of 'rooms' or 'global' is required")),
    }
}

fn global_level(sogs: &Sogs, user: &User) -> Result<(bool, bool), SogsError> {
    Ok(sogs.conn().query_row(
        "SELECT moderator, admin FROM users WHERE id = ?1",
        params![user.id.0],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

fn act(
    sogs: &Sogs,
    req: &Req,
    user: Option<&User>,
    sid: &str,
    action: Action,
) -> Result<Resp, SogsError> {
    let user = require(user)?;
    let body = req.json()?;
    let need_admin = matches!(action, Action::Moderator);
    let forbidden = || SogsError::Forbidden("This endpoint requires moderator permission".into());
    let rooms = scope(&body)?;
    // pysogs' `timeout` (seconds, any number; null or absent: for good).
    let timeout = match body.get("timeout") {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) => n.as_f64(),
        Some(_) => return Err(bad("Invalid ban request: timeout must be numeric")),
    };
    // Check every permission first so a partly-permitted request changes nothing.
    match &rooms {
        Some(tokens) => {
            for t in tokens {
                let (m, a) = mod_level(sogs, room_id(sogs, t)?, Some(user))?;
                if !(if need_admin { a } else { m }) {
                    return Err(forbidden());
                }
            }
        }
        None => {
            let (m, a) = global_level(sogs, user)?;
            if !(if need_admin { a } else { m }) {
                return Err(forbidden());
            }
        }
    }
    let targets: Vec<Option<&str>> = match &rooms {
        Some(t) => t.iter().map(|s| Some(s.as_str())).collect(),
        None => vec![None],
    };
    for t in targets {
        match action {
            Action::Ban => admin::ban_for(sogs, t, sid, timeout)?,
            Action::Unban => admin::unban(sogs, t, sid)?,
            Action::Moderator => {
                let on = body.get("moderator").and_then(Value::as_bool);
                let adm = body.get("admin").and_then(Value::as_bool).unwrap_or(false);
                match on.unwrap_or(adm) {
                    true => admin::add_moderator(sogs, t, sid, adm)?,
                    false => remove_moderator(sogs, t, sid)?,
                }
            }
        }
    }
    Ok(Resp::json(200, &json!({})))
}

fn remove_moderator(sogs: &Sogs, token: Option<&str>, sid: &str) -> Result<(), SogsError> {
    for id in admin::blinded_forms(sogs, sid)? {
        match token {
            Some(t) => {
                let r = room_id(sogs, t)?;
                sogs.conn().execute(
                    "DELETE FROM room_moderators WHERE room = ?1 AND session_id = ?2",
                    params![r.0, id],
                )?;
            }
            None => {
                sogs.conn().execute(
                    "UPDATE users SET moderator = 0, admin = 0 WHERE session_id = ?1",
                    params![id],
                )?;
            }
        }
    }
    Ok(())
}

/// `POST /user/{id}/ban`, with an optional `timeout` in seconds after which the ban lifts.
pub fn ban(sogs: &Sogs, req: &Req, user: Option<&User>, sid: &str) -> Result<Resp, SogsError> {
    act(sogs, req, user, sid, Action::Ban)
}

/// `POST /user/{id}/unban`.
pub fn unban(sogs: &Sogs, req: &Req, user: Option<&User>, sid: &str) -> Result<Resp, SogsError> {
    act(sogs, req, user, sid, Action::Unban)
}

/// `POST /user/{id}/moderator`.
pub fn moderator(
    sogs: &Sogs,
    req: &Req,
    user: Option<&User>,
    sid: &str,
) -> Result<Resp, SogsError> {
    act(sogs, req, user, sid, Action::Moderator)
}
