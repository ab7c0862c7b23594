//! Writes a model file of the trained model's shape with random weights, for speed measurements before trained weights exist.
//!
//! `cargo run --release --no-default-features --example random_model -- assets/scoring/model.bin`
//! (then rebuild `rapport`, which embeds the file; put the real file back afterwards).

use rapport::scoring::learned::{Model, Output};

fn main() -> std::io::Result<()> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "model.bin".into());
    let bytes = Model::random(15, Output::all(), 0x5eed).to_bytes();
    std::fs::write(&path, &bytes)?;
    println!("{path}: {} bytes", bytes.len());
    Ok(())
}
