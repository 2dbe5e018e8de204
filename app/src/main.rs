//! Entry point of the web app's wasm binary (Trunk builds it from the repository's index.html).

fn main() {
    session_web::start();
}
