//! `session-cli debug transfer-bench --through URL`: a 10,000,000-byte attachment encrypted,
//! uploaded through the relay at URL to the file server it names, downloaded and opened, as
//! `send --attach` and `receive` do it — the native figures beside the browser's in
//! `cargo xtask bench`.

use crate::output::CliError;
use rand_core::OsRng;
use serde_json::{json, Value};
use session_cli::env::TokioEnv;
use session_cli::network::connect;
use session_core::attachment::pointer::{self, Attachment, AttachmentMeta};
use session_core::attachment::MAX_ATTACHMENT_BYTES;
use session_core::client::{Client, ClientState};
use session_core::identity::Identity;
use std::time::Instant;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The relay to go through (e.g. http://127.0.0.1:8080).
    #[arg(long, value_name = "URL")]
    pub through: String,
}

fn row(ms: f64, crypto_ms: f64) -> Value {
    let mb_s = MAX_ATTACHMENT_BYTES as f64 / 1e6 / (ms / 1e3);
    json!({
        "ms": ms.round(),
        "mb_s": (mb_s * 10.0).round() / 10.0,
        "crypto_ms": crypto_ms.round(),
        "crypto_share": (crypto_ms / ms * 100.0).round() / 100.0,
    })
}

pub fn run(args: Args) -> Result<Value, CliError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| CliError::context("cannot start the async runtime", e))?;
    runtime.block_on(async {
        let conn = connect(Some(&args.through), None).await?;
        let fs = conn
            .file_server
            .clone()
            .ok_or_else(|| CliError("the relay names no file server".into()))?;
        let client = Client::new(
            Identity::generate(&mut OsRng),
            &conn.transport,
            TokioEnv,
            OsRng,
            ClientState::new(),
            conn.config.clone(),
        );
        client
            .connect()
            .await
            .map_err(|e| CliError::context("cannot reach the network", e))?;
        let file: Vec<u8> = (0..MAX_ATTACHMENT_BYTES as u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
            .collect();
        let t0 = Instant::now();
        let sealed =
            pointer::seal(&file, &mut OsRng).map_err(|e| CliError::context("cannot encrypt", e))?;
        let seal_ms = t0.elapsed().as_secs_f64() * 1e3;
        let up = client
            .upload_file(&fs, &sealed.blob, None)
            .await
            .map_err(|e| CliError::context("upload failed", e))?;
        let upload_ms = t0.elapsed().as_secs_f64() * 1e3;
        let a = Attachment::new(fs.url_for(up.id), sealed.secret, AttachmentMeta::default());
        let t1 = Instant::now();
        let blob = client
            .download_file(&a.url, &fs)
            .await
            .map_err(|e| CliError::context("download failed", e))?;
        let t2 = Instant::now();
        let opened = a
            .open(&blob)
            .map_err(|e| CliError::context("cannot open", e))?;
        let open_ms = t2.elapsed().as_secs_f64() * 1e3;
        let download_ms = t1.elapsed().as_secs_f64() * 1e3;
        if opened != file {
            return Err(CliError(
                "the downloaded file is not the uploaded one".into(),
            ));
        }
        Ok(json!({
            "upload_10mb": row(upload_ms, seal_ms),
            "download_10mb": row(download_ms, open_ms),
        }))
    })
}
