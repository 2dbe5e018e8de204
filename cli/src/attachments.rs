//! Attachments for `send --attach` and for `receive`/`listen --download-dir`: files are read
//! and checked before anything goes on the network, encrypted with the scheme the official
//! apps send, uploaded through onion requests; received ones are downloaded, checked (digest,
//! MAC, size) and written under a safe name, never over an existing file.

use crate::account::CliClient;
use crate::output::CliError;
use serde_json::{json, Value};
use session_core::attachment::file_name::safe_file_name;
use session_core::attachment::file_server::FileServer;
use session_core::attachment::pointer::{self, Attachment, AttachmentMeta};
use session_core::attachment::{content_type, MAX_ATTACHMENT_BYTES};
use session_core::client::Transport;
use session_core::message::receive::MessageEvent;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A file to send, read from disk.
#[derive(Debug)]
pub struct LocalFile {
    /// Its name as the recipient sees it.
    pub name: String,
    /// Its bytes.
    pub data: Vec<u8>,
}

/// Reads the files to attach, refusing a missing, empty or too large one (before any upload).
pub fn read_files(paths: &[PathBuf]) -> Result<Vec<LocalFile>, CliError> {
    if paths.len() > pointer::MAX_PER_MESSAGE {
        return Err(CliError(format!(
            "{} files given; a message can carry at most {}",
            paths.len(),
            pointer::MAX_PER_MESSAGE
        )));
    }
    paths
        .iter()
        .map(|path| {
            let shown = path.display();
            let len = std::fs::metadata(path)
                .map_err(|e| CliError(format!("cannot read {shown}: {e}")))?
                .len();
            if len > MAX_ATTACHMENT_BYTES as u64 {
                return Err(CliError(format!(
                    "{shown} is {len} bytes; attachments can be at most {MAX_ATTACHMENT_BYTES} bytes"
                )));
            }
            if len == 0 {
                return Err(CliError(format!("{shown} is empty")));
            }
            let data =
                std::fs::read(path).map_err(|e| CliError(format!("cannot read {shown}: {e}")))?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "file".into());
            Ok(LocalFile { name, data })
        })
        .collect()
}

/// Encrypts and uploads each file; returns their pointers in order.
pub(crate) async fn upload<T: Transport>(
    client: &CliClient<'_, T>,
    fs: &FileServer,
    files: &[LocalFile],
) -> Result<Vec<Attachment>, CliError> {
    let mut out = Vec::with_capacity(files.len());
    for file in files {
        let sealed = pointer::seal(&file.data, &mut rand_core::OsRng)
            .map_err(|e| CliError::context(&format!("cannot encrypt {}", file.name), e))?;
        let up = client
            .upload_file(fs, &sealed.blob, None)
            .await
            .map_err(|e| CliError::context(&format!("cannot upload {}", file.name), e))?;
        let meta = AttachmentMeta {
            content_type: Some(content_type::for_upload(&file.name, &file.data).to_owned()),
            file_name: Some(file.name.clone()),
            ..AttachmentMeta::default()
        };
        out.push(Attachment::new(fs.url_for(up.id), sealed.secret, meta));
    }
    Ok(out)
}

/// Downloads the attachments of a message into `dir`; one JSON object each:
/// `{"path", "name", "content_type", "size", "digest_ok", "voice", "url"}`, with `"error"`
/// (and a null `path`) for one that could not be fetched or did not check out.
pub(crate) async fn download<T: Transport>(
    client: &CliClient<'_, T>,
    default: &FileServer,
    m: &MessageEvent,
    dir: &Path,
) -> Vec<Value> {
    let Some(dm) = m.content.data_message.as_ref() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for read in pointer::of_message(dm) {
        let a = match read {
            Ok(a) => a,
            Err(e) => {
                out.push(json!({ "path": null, "digest_ok": false, "error": e.to_string() }));
                continue;
            }
        };
        let mut v = json!({
            "path": null,
            "name": a.meta.file_name,
            "content_type": a.meta.content_type,
            "size": a.size,
            "voice": a.meta.voice,
            "url": a.url.to_string(),
            "digest_ok": false,
        });
        match fetch(client, default, &a, dir).await {
            Ok(path) => {
                v["path"] = json!(path.display().to_string());
                v["digest_ok"] = json!(true);
            }
            Err(e) => v["error"] = json!(e.to_string()),
        }
        out.push(v);
    }
    out
}

async fn fetch<T: Transport>(
    client: &CliClient<'_, T>,
    default: &FileServer,
    a: &Attachment,
    dir: &Path,
) -> Result<PathBuf, CliError> {
    let blob = client
        .download_file(&a.url, default)
        .await
        .map_err(|e| CliError::context("download failed", e))?;
    let data = a.open(&blob).map_err(|e| CliError::context("refused", e))?;
    let name = safe_file_name(a.meta.file_name.as_deref(), &fallback_name(a));
    save_new(dir, &name, &data)
}

/// A name for a file sent without one: `attachment` with the extension its bytes suggest.
fn fallback_name(a: &Attachment) -> String {
    let ext = match a.meta.content_type.as_deref() {
        Some(t) if t.starts_with("image/jpeg") => ".jpg",
        Some(t) if t.starts_with("image/png") => ".png",
        Some(t) if t.starts_with("audio/") && a.meta.voice => ".m4a",
        _ => "",
    };
    format!(
        "{}{ext}",
        if a.meta.voice {
            "voice-message"
        } else {
            "attachment"
        }
    )
}

/// Writes `data` as `dir/name`, or `name (2)`, `name (3)`… when taken; never replaces a file.
fn save_new(dir: &Path, name: &str, data: &[u8]) -> Result<PathBuf, CliError> {
    std::fs::create_dir_all(dir)
        .map_err(|e| CliError(format!("cannot create {}: {e}", dir.display())))?;
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() => (s, format!(".{e}")),
        _ => (name, String::new()),
    };
    for n in 1..10_000 {
        let candidate = if n == 1 {
            dir.join(name)
        } else {
            dir.join(format!("{stem} ({n}){ext}"))
        };
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate);
        match file {
            Ok(mut f) => {
                let written = f.write_all(data).and_then(|()| f.sync_all());
                if let Err(e) = written {
                    // No half-written file is left behind.
                    let _ = std::fs::remove_file(&candidate);
                    return Err(CliError(format!(
                        "cannot write {}: {e}",
                        candidate.display()
                    )));
                }
                return Ok(candidate);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                return Err(CliError(format!(
                    "cannot write {}: {e}",
                    candidate.display()
                )))
            }
        }
    }
    Err(CliError(format!(
        "too many files named {name} in {}",
        dir.display()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saving_never_replaces_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let a = save_new(dir.path(), "photo.jpg", b"one").unwrap();
        let b = save_new(dir.path(), "photo.jpg", b"two").unwrap();
        let c = save_new(dir.path(), "README", b"three").unwrap();
        let d = save_new(dir.path(), "README", b"four").unwrap();
        assert_eq!(a.file_name().unwrap(), "photo.jpg");
        assert_eq!(b.file_name().unwrap(), "photo (2).jpg");
        assert_eq!(d.file_name().unwrap(), "README (2)");
        assert_eq!(std::fs::read(&a).unwrap(), b"one");
        assert_eq!(std::fs::read(&b).unwrap(), b"two");
        assert_eq!(std::fs::read(&c).unwrap(), b"three");
    }

    #[test]
    fn files_are_checked_before_the_network() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty");
        std::fs::write(&empty, b"").unwrap();
        assert!(read_files(&[empty]).unwrap_err().0.contains("empty"));
        let big = dir.path().join("big");
        std::fs::File::create(&big)
            .unwrap()
            .set_len(MAX_ATTACHMENT_BYTES as u64 + 1)
            .unwrap();
        assert!(read_files(&[big])
            .unwrap_err()
            .0
            .contains("at most 10000000 bytes"));
        assert!(read_files(&[dir.path().join("missing")]).is_err());
        let ok = dir.path().join("a.txt");
        std::fs::write(&ok, b"hi").unwrap();
        let files = read_files(&[ok]).unwrap();
        assert_eq!(
            (files[0].name.as_str(), files[0].data.as_slice()),
            ("a.txt", &b"hi"[..])
        );
    }
}
