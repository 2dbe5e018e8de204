//! Generates the prost types from the project's own .proto files.
//! protox compiles them in pure Rust, so no `protoc` has to be installed.

fn main() {
    let files = [
        "proto/SessionProtos.proto",
        "proto/WebSocketResources.proto",
    ];
    for f in &files {
        println!("cargo:rerun-if-changed={f}");
    }
    let descriptors = match protox::compile(files, ["proto"]) {
        Ok(d) => d,
        Err(e) => panic!("invalid .proto file: {e}"),
    };
    if let Err(e) = prost_build::Config::new().compile_fds(descriptors) {
        panic!("prost code generation failed: {e}");
    }
}
