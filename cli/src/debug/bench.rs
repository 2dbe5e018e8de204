//! `session-cli debug bench`: the core's own speed on this machine (native code, one thread),
//! for `cargo xtask bench`. Each operation runs for about `--ms` milliseconds; each config
//! merge at least 5 times and for about `--ms` milliseconds, on the inputs the browser's bench
//! page merges too (`session_core::config::bench`).

use crate::output::CliError;
use rand_core::OsRng;
use serde_json::{json, Map, Value};
use session_core::attachment::deterministic::{self, Domain};
use session_core::attachment::{legacy, AttachmentError, MAX_ATTACHMENT_BYTES};
use session_core::config::bench::{MergeCase, MergeInput};
use session_core::identity::Identity;
use session_core::message::{decrypt_incoming, encrypt_for_recipient};
use session_core::onion::{self, Destination, EncType, Hop};
use std::hint::black_box;
use std::time::{Duration, Instant};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// How long to run each operation, in milliseconds.
    #[arg(long, default_value_t = 500)]
    pub ms: u64,
}

/// Runs `op` in growing rounds until `budget` has passed; microseconds per call.
fn time_op(
    budget: Duration,
    mut op: impl FnMut() -> Result<usize, CliError>,
) -> Result<f64, CliError> {
    let mut sink = 0usize;
    let mut calls = 0u64;
    let mut round = 1u64;
    let start = Instant::now();
    while start.elapsed() < budget {
        for _ in 0..round {
            sink = sink.wrapping_add(op()?);
        }
        calls += round;
        round = (round * 2).min(1024);
    }
    black_box(sink);
    Ok(start.elapsed().as_secs_f64() * 1e6 / calls as f64)
}

/// Fewest and most runs of one merge.
const MERGE_RUNS: (usize, usize) = (5, 200);

/// Merges `input` into fresh clones of its holder until `budget` has passed (at least
/// [`MERGE_RUNS`]`.0` times); the milliseconds of each merge alone, cloning and checking
/// untimed. The first result is checked against what the merge must give.
fn time_merge(budget: Duration, input: &MergeInput) -> Result<Vec<f64>, CliError> {
    let mut runs = Vec::new();
    let start = Instant::now();
    while runs.len() < MERGE_RUNS.0 || (start.elapsed() < budget && runs.len() < MERGE_RUNS.1) {
        let mut config = input.holder.clone();
        let t0 = Instant::now();
        let read = input.merge(&mut config);
        runs.push(t0.elapsed().as_secs_f64() * 1e3);
        if runs.len() == 1 && (read == 0 || !input.check(&config)) {
            return Err(CliError(
                "bench merge did not end with the expected config".into(),
            ));
        }
        black_box(config);
    }
    Ok(runs)
}

fn median(xs: &mut [f64]) -> f64 {
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    }
}

fn hop() -> Hop {
    let node = Identity::generate(&mut OsRng);
    Hop {
        ed25519: node.ed25519_public(),
        x25519: node.x25519_public(),
    }
}

pub fn run(args: Args) -> Result<Value, CliError> {
    let budget = Duration::from_millis(args.ms.max(1));
    let alice = Identity::generate(&mut OsRng);
    let bob = Identity::generate(&mut OsRng);
    let bob_id = bob.session_id();
    let msg1k: Vec<u8> = (0..1024u32).map(|i| (i * 7) as u8).collect();
    let sealed = encrypt_for_recipient(&alice, &bob_id, &msg1k, &mut OsRng)
        .map_err(|e| CliError::context("cannot seal", e))?;
    let path = [hop(), hop(), hop()];
    let dest = Destination::Node(hop());

    let seal = time_op(budget, || {
        encrypt_for_recipient(&alice, &bob_id, &msg1k, &mut OsRng)
            .map(|c| c.len())
            .map_err(|e| CliError::context("cannot seal", e))
    })?;
    let open = time_op(budget, || {
        decrypt_incoming(&bob, &sealed)
            .map(|m| m.plaintext.len())
            .map_err(|e| CliError::context("cannot open", e))
    })?;
    let onion = time_op(budget, || {
        onion::build(&path, &dest, &msg1k, EncType::XChaCha20, &mut OsRng)
            .map(|r| r.body.len())
            .map_err(|e| CliError::context("cannot build an onion request", e))
    })?;
    let mut out = Map::new();
    for (name, us) in [("seal_1k", seal), ("open_1k", open), ("onion_build", onion)] {
        out.insert(
            name.into(),
            json!({ "us": (us * 100.0).round() / 100.0, "per_s": (1e6 / us).round() }),
        );
    }
    for case in MergeCase::ALL {
        let input = case
            .build()
            .map_err(|e| CliError::context("cannot build the merge input", e))?;
        let mut runs = time_merge(budget, &input)?;
        let ms = median(&mut runs);
        out.insert(
            case.name().into(),
            json!({
                "ms": (ms * 1000.0).round() / 1000.0,
                "runs": runs.len(),
                "messages": input.messages.len(),
                "contacts": input.contacts(),
            }),
        );
    }
    attachment_figures(&mut out)?;
    Ok(Value::Object(out))
}

/// Runs of each 10 MB attachment operation (the median is reported).
const FILE_RUNS: usize = 5;

/// Encrypting and opening a 10,000,000-byte attachment in both schemes: milliseconds and MB/s
/// (the browser's bench sets its WebCrypto and wasm figures beside these).
fn attachment_figures(out: &mut Map<String, Value>) -> Result<(), CliError> {
    let file: Vec<u8> = (0..MAX_ATTACHMENT_BYTES as u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    let fail = |e: AttachmentError| CliError::context("attachment bench", e);
    let mut timed = |name: &str, op: &mut dyn FnMut() -> Result<usize, CliError>| {
        let mut runs = Vec::new();
        for _ in 0..FILE_RUNS {
            let t0 = Instant::now();
            black_box(op()?);
            runs.push(t0.elapsed().as_secs_f64() * 1e3);
        }
        let ms = median(&mut runs);
        let mb_s = file.len() as f64 / 1e6 / (ms / 1e3);
        out.insert(
            name.into(),
            json!({ "ms": (ms * 100.0).round() / 100.0, "mb_s": mb_s.round() }),
        );
        Ok::<(), CliError>(())
    };
    let sealed = legacy::encrypt(&file, true, &mut OsRng).map_err(fail)?;
    timed("attachment_encrypt_10mb", &mut || {
        legacy::encrypt(&file, true, &mut OsRng)
            .map(|s| s.blob.len())
            .map_err(fail)
    })?;
    timed("attachment_decrypt_10mb", &mut || {
        legacy::decrypt(
            &sealed.blob,
            &sealed.key[..],
            Some(&sealed.digest),
            Some(file.len()),
        )
        .map(|p| p.len())
        .map_err(fail)
    })?;
    let seed = [7u8; 32];
    let det = deterministic::encrypt(&seed, &file, Domain::Attachment).map_err(fail)?;
    timed("attachment_stream_encrypt_10mb", &mut || {
        deterministic::encrypt(&seed, &file, Domain::Attachment)
            .map(|s| s.blob.len())
            .map_err(fail)
    })?;
    timed("attachment_stream_decrypt_10mb", &mut || {
        deterministic::decrypt(&det.blob, &det.key[..], Some(file.len()))
            .map(|p| p.len())
            .map_err(fail)
    })?;
    Ok(())
}
