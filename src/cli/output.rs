//! What several commands do with their output: stop quietly when its reader goes away.

use std::process::ExitCode;

/// `result` as the exit status `code`, where writing our output failed only because its reader went
/// away (`rapport … | head`): nothing more to do, so stop quietly with the same status.
pub fn quiet_on_broken_pipe(
    result: std::io::Result<()>,
    code: ExitCode,
) -> std::io::Result<ExitCode> {
    match result {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e),
        _ => Ok(code),
    }
}
