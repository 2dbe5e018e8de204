//! Entry point of the web app's wasm binary (Trunk builds it from the repository's index.html).
//! The bench build (feature `bench`) is the same app plus entry points; on the bench page it
//! leaves the page alone.

fn main() {
    #[cfg(feature = "bench")]
    if session_web::bench::on_bench_page() {
        return;
    }
    session_web::start();
}
