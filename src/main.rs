//! The `rapport` binary: parses the command line and hands over to `rapport::cli`.

use std::process::ExitCode;

fn main() -> ExitCode {
    rapport::cli::main()
}
