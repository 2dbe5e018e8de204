//! Files on a file server (network.md §7): the engine sends the attachment module's requests
//! through [`Client::call_server`], with its retry rules, and reads the answers with it.

use super::server::{Scheme, Server};
use super::transport::Transport;
use super::{Client, ClientError, Env};
use crate::attachment::file_server::{self, FileServer, FileServerError, Uploaded};
use crate::attachment::url::{FileId, FileUrl, UrlError};
use rand_core::{CryptoRng, RngCore};

/// The onion destination of a file server.
pub fn file_server_destination(fs: &FileServer) -> Result<Server, FileServerError> {
    let (https, host, port) = fs.endpoint().ok_or(FileServerError::Url(UrlError::Host))?;
    let scheme = if https { Scheme::Https } else { Scheme::Http };
    Ok(Server {
        scheme,
        host,
        port: port.unwrap_or(scheme.default_port()),
        x25519: fs.x25519,
    })
}

impl<T: Transport, E: Env, R: RngCore + CryptoRng> Client<T, E, R> {
    /// Uploads an encrypted blob; `ttl_s` asks for a lifetime. Files over the limit are
    /// refused before anything is sent.
    pub async fn upload_file(
        &self,
        fs: &FileServer,
        blob: &[u8],
        ttl_s: Option<u64>,
    ) -> Result<Uploaded, ClientError> {
        if blob.len() > file_server::MAX_UPLOAD_BYTES {
            return Err(ClientError::FileServer(FileServerError::TooLarge {
                size: blob.len(),
            }));
        }
        let server = file_server_destination(fs).map_err(ClientError::FileServer)?;
        let reply = self
            .call_server(&server, &mut |_| {
                file_server::upload_request(blob.to_vec(), ttl_s).map_err(ClientError::FileServer)
            })
            .await?;
        file_server::read_upload(&reply).map_err(ClientError::FileServer)
    }

    /// Downloads the blob a URL names, from the server its `p=` names or else `default`.
    pub async fn download_file(
        &self,
        url: &FileUrl,
        default: &FileServer,
    ) -> Result<Vec<u8>, ClientError> {
        let fs = FileServer::for_url(url, default).map_err(ClientError::FileServer)?;
        let server = file_server_destination(&fs).map_err(ClientError::FileServer)?;
        let reply = self
            .call_server(&server, &mut |_| Ok(file_server::download_request(url)))
            .await?;
        file_server::read_download(reply).map_err(ClientError::FileServer)
    }

    /// Extends a file's lifetime (deduplicating servers' ids only); returns the new expiry in
    /// Unix seconds, or `None` for an id the server cannot extend.
    pub async fn extend_file(
        &self,
        fs: &FileServer,
        id: &FileId,
        ttl_s: Option<u64>,
    ) -> Result<Option<f64>, ClientError> {
        let Some(request) = file_server::extend_request(id, ttl_s) else {
            return Ok(None);
        };
        let server = file_server_destination(fs).map_err(ClientError::FileServer)?;
        let reply = self
            .call_server(&server, &mut |_| Ok(request.clone()))
            .await?;
        file_server::read_extend(&reply)
            .map(Some)
            .map_err(ClientError::FileServer)
    }
}
