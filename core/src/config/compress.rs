//! The `z` body of a config: `'z' ‖ zstd frame(s)` of the serialized message
//! (groups-and-config.md §1.9).
//!
//! Reading is pure Rust ([`ruzstd`]) and bounded: the output may not grow past a limit and a
//! frame may not ask for a window larger than that limit, so a hostile blob can neither panic
//! nor make the reader allocate without end. Writing is left to a [`Compressor`] supplied by
//! the host (the CLI plugs libzstd at level 1, byte-identical with the official library); the
//! core ships none and, without one, never compresses — readers accept plain `d` bodies.

use super::ConfigError;
use ruzstd::frame::{read_frame_header, ReadFrameHeaderError};
use ruzstd::frame_decoder::{BlockDecodingStrategy, FrameDecoder};

/// Tag byte in front of a compressed body.
pub const COMPRESSED_TAG: u8 = b'z';

/// Default ceiling of a decompressed config (16 MiB): far above any real config, far below
/// what would hurt a browser tab.
pub const MAX_DECOMPRESSED_SIZE: usize = 16 << 20;

/// Smallest window a reader must always allow (zstd's own default for its fastest levels is
/// below this), whatever output limit it was given.
const MIN_WINDOW_ALLOWANCE: u64 = 8 << 20;

/// Magic of a skippable zstd frame (`0x184D2A5?`, little-endian) and its header length.
const SKIPPABLE_HEADER_LEN: usize = 8;

/// A zstd compressor supplied by the host. The official library compresses at level 1, so a
/// compressor that wants byte-identical output (and thus swarm de-duplication of identical
/// racing pushes) should be libzstd at level 1.
pub trait Compressor {
    /// One complete zstd frame holding `data`, without the `z` tag.
    fn compress(&self, data: &[u8]) -> Vec<u8>;
}

/// The body to write for `serialized`: `'z' ‖ compress(serialized)` if that is strictly
/// shorter, otherwise `serialized` itself. With no compressor the message is never compressed.
pub fn compress_body(serialized: &[u8], compressor: Option<&dyn Compressor>) -> Vec<u8> {
    if let Some(c) = compressor {
        let frame = c.compress(serialized);
        if frame.len() + 1 < serialized.len() {
            let mut body = Vec::with_capacity(frame.len() + 1);
            body.push(COMPRESSED_TAG);
            body.extend_from_slice(&frame);
            return body;
        }
    }
    serialized.to_vec()
}

/// Decompresses zstd data (without the `z` tag): one or more frames, skippable frames
/// skipped, at most `max_len` bytes of output. Anything malformed, truncated, followed by
/// garbage, empty, or too large is [`ConfigError::Decompress`].
pub fn decompress(data: &[u8], max_len: usize) -> Result<Vec<u8>, ConfigError> {
    let window_limit = (max_len as u64).max(MIN_WINDOW_ALLOWANCE);
    let mut out = Vec::new();
    let mut rest = data;
    let mut decoder = FrameDecoder::new();
    let mut frames = 0usize;
    while !rest.is_empty() {
        let mut peek = rest;
        match read_frame_header(&mut peek) {
            Ok((frame, _)) => {
                let window = frame
                    .header
                    .window_size()
                    .map_err(|_| ConfigError::Decompress)?;
                if window > window_limit {
                    return Err(ConfigError::Decompress);
                }
            }
            Err(ReadFrameHeaderError::SkipFrame { length, .. }) => {
                let skip = usize::try_from(length)
                    .ok()
                    .and_then(|l| l.checked_add(SKIPPABLE_HEADER_LEN))
                    .ok_or(ConfigError::Decompress)?;
                rest = rest.get(skip..).ok_or(ConfigError::Decompress)?;
                continue;
            }
            Err(_) => return Err(ConfigError::Decompress),
        }
        decoder
            .reset(&mut rest)
            .map_err(|_| ConfigError::Decompress)?;
        frames += 1;
        loop {
            decoder
                .decode_blocks(&mut rest, BlockDecodingStrategy::UptoBlocks(1))
                .map_err(|_| ConfigError::Decompress)?;
            // Everything but the last window is drained as it is produced, so what the decoder
            // holds stays within the window limit checked above.
            if let Some(bytes) = decoder.collect() {
                out.extend_from_slice(&bytes);
            }
            if out.len() > max_len {
                return Err(ConfigError::Decompress);
            }
            if decoder.is_finished() {
                break;
            }
        }
        // A frame that was finished may still hold bytes not yet collected.
        if let Some(bytes) = decoder.collect() {
            out.extend_from_slice(&bytes);
        }
        if out.len() > max_len {
            return Err(ConfigError::Decompress);
        }
    }
    if frames == 0 || out.is_empty() {
        return Err(ConfigError::Decompress);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A "compressor" that stores its input as one raw zstd block (valid zstd, no gain).
    struct Stored;

    fn raw_frame(data: &[u8]) -> Vec<u8> {
        // Magic, descriptor 0x20 (single segment, 1-byte content size), size, then one raw
        // last block: header = (size << 3) | (raw = 0 << 1) | last.
        assert!(data.len() < 256);
        let mut f = vec![0x28, 0xb5, 0x2f, 0xfd, 0x20, data.len() as u8];
        let header = ((data.len() as u32) << 3) | 1;
        f.extend_from_slice(&header.to_le_bytes()[..3]);
        f.extend_from_slice(data);
        f
    }

    fn rle_frame_no_size(byte: u8, blocks: usize) -> Vec<u8> {
        // Descriptor 0x00: no content size, window descriptor present (1 MiB window).
        let mut f = vec![0x28, 0xb5, 0x2f, 0xfd, 0x00, (10 << 3) as u8];
        for i in 0..blocks {
            let last = u32::from(i + 1 == blocks);
            let header = ((128 * 1024u32) << 3) | (1 << 1) | last;
            f.extend_from_slice(&header.to_le_bytes()[..3]);
            f.push(byte);
        }
        f
    }

    impl Compressor for Stored {
        fn compress(&self, data: &[u8]) -> Vec<u8> {
            raw_frame(data)
        }
    }

    #[test]
    fn raw_frames_decode() {
        let f = raw_frame(b"d1:#i0ee");
        assert_eq!(decompress(&f, 100).unwrap(), b"d1:#i0ee");
        let mut two = f.clone();
        two.extend_from_slice(&raw_frame(b"xyz"));
        assert_eq!(decompress(&two, 100).unwrap(), b"d1:#i0eexyz");
    }

    #[test]
    fn skippable_frames_are_skipped() {
        let mut f = vec![0x50, 0x2a, 0x4d, 0x18, 3, 0, 0, 0, 1, 2, 3];
        f.extend_from_slice(&raw_frame(b"abc"));
        assert_eq!(decompress(&f, 100).unwrap(), b"abc");
        // A skippable frame claiming more than there is.
        assert_eq!(
            decompress(&[0x50, 0x2a, 0x4d, 0x18, 9, 0, 0, 0, 1], 100),
            Err(ConfigError::Decompress)
        );
    }

    #[test]
    fn output_beyond_the_limit_is_refused_early() {
        // 64 RLE blocks of 128 KiB each: 8 MiB from a few hundred bytes.
        let bomb = rle_frame_no_size(b'a', 64);
        assert!(bomb.len() < 300);
        assert_eq!(decompress(&bomb, 1 << 20), Err(ConfigError::Decompress));
        assert_eq!(decompress(&bomb, 8 << 20).unwrap().len(), 8 << 20);
    }

    #[test]
    fn huge_windows_are_refused() {
        // Window descriptor exponent 31: a 2 TiB window.
        let f = [0x28, 0xb5, 0x2f, 0xfd, 0x00, 31 << 3, 0x01, 0x00, 0x00];
        assert_eq!(
            decompress(&f, MAX_DECOMPRESSED_SIZE),
            Err(ConfigError::Decompress)
        );
    }

    #[test]
    fn garbage_truncation_and_emptiness_fail() {
        let f = raw_frame(b"hello");
        assert_eq!(decompress(b"", 100), Err(ConfigError::Decompress));
        assert_eq!(
            decompress(b"not zstd at all", 100),
            Err(ConfigError::Decompress)
        );
        for cut in 1..f.len() {
            assert_eq!(
                decompress(&f[..cut], 100),
                Err(ConfigError::Decompress),
                "cut {cut}"
            );
        }
        let mut trailing = f.clone();
        trailing.push(0);
        assert_eq!(decompress(&trailing, 100), Err(ConfigError::Decompress));
        assert_eq!(
            decompress(&raw_frame(b""), 100),
            Err(ConfigError::Decompress)
        );
    }

    #[test]
    fn compress_only_when_strictly_shorter() {
        let msg = b"d1:#i1ee";
        assert_eq!(compress_body(msg, None), msg);
        // The stored frame is 9 bytes longer than its input: kept plain.
        assert_eq!(compress_body(msg, Some(&Stored)), msg);

        struct Fixed(Vec<u8>);
        impl Compressor for Fixed {
            fn compress(&self, _: &[u8]) -> Vec<u8> {
                self.0.clone()
            }
        }
        // 'z' + 7 bytes = 8 = the input length: not strictly shorter.
        assert_eq!(compress_body(msg, Some(&Fixed(vec![1; 7]))), msg);
        let z = compress_body(msg, Some(&Fixed(vec![1; 6])));
        assert_eq!(z[0], COMPRESSED_TAG);
        assert_eq!(&z[1..], &[1; 6]);
    }
}
