//! `rapport score`: one reply for a person to read, or JSON Lines in and out (`--jsonl`, protocol in docs/scoring.md).

use crate::scoring::analyse::CODES;
use crate::scoring::{Analysis, Code, Dimension, Perspective, Reply, RuleScorer, Scorer};
use anyhow::Context as _;
use serde::Deserialize;
use serde_json::{Value, json};
use std::borrow::Cow;
use std::io::{BufRead, Write};
use std::process::ExitCode;

/// Arguments of `rapport score`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The reply to score (omit with --jsonl).
    #[arg(required_unless_present = "jsonl", conflicts_with = "jsonl")]
    pub text: Option<String>,
    /// What the other speaker said just before.
    #[arg(long)]
    pub context: Option<String>,
    /// Who the user speaks as.
    #[arg(long, value_enum, default_value = "client")]
    pub perspective: PerspectiveArg,
    /// Read JSON Lines from standard input and write one JSON line per input line.
    #[arg(long)]
    pub jsonl: bool,
    /// Worker threads for --jsonl (default: the number of cores).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Score with the rules alone, without the learned layer (to see what the model changed).
    #[arg(long)]
    pub rules_only: bool,
}

/// `--perspective` values.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum PerspectiveArg {
    /// The user rehearses their own conversation.
    Client,
    /// The user plays the therapist.
    Therapist,
}

impl From<PerspectiveArg> for Perspective {
    fn from(p: PerspectiveArg) -> Self {
        match p {
            PerspectiveArg::Client => Perspective::Client,
            PerspectiveArg::Therapist => Perspective::Therapist,
        }
    }
}

/// Runs `rapport score`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let rules_only;
    let scorer = if args.rules_only {
        rules_only = RuleScorer::builtin().with_model(None);
        &rules_only
    } else {
        RuleScorer::builtin()
    };
    if args.jsonl {
        let threads = args
            .threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
            .max(1);
        let stdin = std::io::BufReader::with_capacity(1 << 16, std::io::stdin());
        let stdout = std::io::stdout();
        return super::output::quiet_on_broken_pipe(
            run_jsonl(scorer, stdin, stdout.lock(), threads),
            ExitCode::SUCCESS,
        )
        .context("scoring standard input to standard output");
    }
    let text = args.text.unwrap_or_default();
    let a = scorer.analyse(Reply::typed(
        &text,
        args.context.as_deref(),
        args.perspective.into(),
    ));
    print!("{}", render_human(&text, &a));
    Ok(ExitCode::SUCCESS)
}

/// One input line of the JSONL protocol.
#[derive(Deserialize)]
struct Input<'a> {
    #[serde(default)]
    id: Value,
    #[serde(borrow)]
    text: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    context: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    perspective: Option<Cow<'a, str>>,
}

/// Reads JSON Lines from `input` and writes one line per input line to `out`, in order.
///
/// A reader thread reads ahead and hands out blocks of whole lines (whatever input is buffered, cut
/// after its last newline) to `threads` workers, which take the next block as soon as they are free;
/// this thread writes each block's answers in input order as they come back. An interactive caller
/// gets each answer as soon as its line is in (a block is sent as soon as it is read, and the output
/// is flushed whenever no answer is waiting); a large file or pipe keeps every worker busy, but an
/// input that fits in one buffer fill (64 KiB from `rapport score`, a few hundred lines) is one block
/// and so one worker's work. Only an
/// I/O error on `input` or `out` is an error (answers for the lines before it are written first); a
/// malformed line yields an error object.
pub fn run_jsonl(
    scorer: &RuleScorer,
    mut input: impl BufRead + Send,
    out: impl Write,
    threads: usize,
) -> std::io::Result<()> {
    type Block = (usize, std::io::Result<Vec<u8>>);
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    // Blocks in (bounded: the reader stays a little ahead), answers out (unbounded: a worker never
    // waits on the writer). Each end is owned by the threads that use it, so if this thread stops
    // early (an error) the workers' sends fail and they stop; the reader stops at its next send, which
    // waits for its next block of input (a reader blocked on an idle terminal holds the exit until the
    // input ends or the next line comes).
    let (tx, rx) = std::sync::mpsc::sync_channel::<Block>(4 * threads.max(1));
    let rx = std::sync::Arc::new(std::sync::Mutex::new(rx));
    let (done_tx, done_rx) = std::sync::mpsc::channel::<Block>();
    std::thread::scope(move |s| {
        s.spawn(move || {
            let mut carry: Vec<u8> = Vec::new();
            let mut seq = 0;
            let mut send = |b: std::io::Result<Vec<u8>>| {
                seq += 1;
                tx.send((seq - 1, b)).is_ok()
            };
            loop {
                let buf = match input.fill_buf() {
                    Ok(b) => b,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => {
                        send(Err(e));
                        return;
                    }
                };
                if buf.is_empty() {
                    // End of input: a last line without a newline.
                    if !carry.is_empty() {
                        send(Ok(carry));
                    }
                    return;
                }
                let n = buf.len();
                match memchr_last(buf) {
                    Some(p) => {
                        let mut block = std::mem::take(&mut carry);
                        block.extend_from_slice(&buf[..=p]);
                        carry.extend_from_slice(&buf[p + 1..]);
                        input.consume(n);
                        if !send(Ok(block)) {
                            return;
                        }
                    }
                    None => {
                        carry.extend_from_slice(buf);
                        input.consume(n);
                    }
                }
            }
        });
        for _ in 0..threads.max(1) {
            let (rx, done_tx) = (rx.clone(), done_tx.clone());
            s.spawn(move || {
                loop {
                    // The lock is held only while waiting for the next block.
                    let next = rx.lock().map_or(None, |r| r.recv().ok());
                    let Some((seq, block)) = next else {
                        return;
                    };
                    // A panic while scoring (a bug) becomes this block's error, so the answers before it
                    // are still written and the run ends, instead of the writer waiting for a block
                    // that never comes while every later answer piles up.
                    let answers = block.and_then(|b| {
                        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                            score_block(scorer, &b)
                        }))
                        .map_err(|_| {
                            std::io::Error::other(
                                "scoring failed on a block of input lines (a bug)",
                            )
                        })
                    });
                    if done_tx.send((seq, answers)).is_err() {
                        return;
                    }
                }
            });
        }
        drop((rx, done_tx));
        // Answers that came back before their turn, by block number.
        let mut waiting: std::collections::BTreeMap<usize, std::io::Result<Vec<u8>>> =
            std::collections::BTreeMap::new();
        let mut next = 0;
        while let Ok((seq, answers)) = done_rx.recv() {
            waiting.insert(seq, answers);
            while let Some(answers) = waiting.remove(&next) {
                next += 1;
                out.write_all(&answers?)?;
            }
            if waiting.is_empty() {
                out.flush()?;
            }
        }
        out.flush()
    })
}

/// The answers to a block of whole lines, one output line per input line.
///
/// A block is checked as UTF-8 once (whole lines of valid text stay valid); only a block with
/// invalid bytes is converted line by line, replacing them.
fn score_block(scorer: &RuleScorer, block: &[u8]) -> Vec<u8> {
    let mut buf = Vec::with_capacity(block.len() * 4);
    match std::str::from_utf8(block) {
        Ok(t) => {
            for l in t.split_inclusive('\n') {
                score_line(scorer, l, &mut buf);
            }
        }
        Err(_) => {
            for l in block.split_inclusive(|&c| c == b'\n') {
                score_line(scorer, &String::from_utf8_lossy(l), &mut buf);
            }
        }
    }
    buf
}

/// Position of the last newline in `b`.
fn memchr_last(b: &[u8]) -> Option<usize> {
    b.iter().rposition(|&c| c == b'\n')
}

/// Scores one input line, appending exactly one output line to `buf`.
pub fn score_line(scorer: &RuleScorer, line: &str, buf: &mut Vec<u8>) {
    let line = line.trim_end_matches(['\n', '\r']);
    if let Err((id, msg)) = answer(scorer, line, buf) {
        // Writing JSON into a `Vec` cannot fail.
        let _ = serde_json::to_writer(&mut *buf, &json!({"id": id, "error": msg}));
    }
    buf.push(b'\n');
}

fn answer(scorer: &RuleScorer, line: &str, buf: &mut Vec<u8>) -> Result<(), (Value, String)> {
    if line.trim().is_empty() {
        return Err((Value::Null, "empty line: expected a JSON object".into()));
    }
    let input: Input = match serde_json::from_str(line) {
        Ok(i) => i,
        Err(e) => {
            // Recover the id if the line is JSON of the wrong shape.
            let id = serde_json::from_str::<Value>(line)
                .ok()
                .and_then(|v| v.get("id").cloned())
                .unwrap_or(Value::Null);
            return Err((id, format!("malformed line: {e}")));
        }
    };
    let id = input.id;
    let Some(text) = input.text else {
        return Err((id, "missing field `text`".into()));
    };
    let perspective = match input.perspective.as_deref() {
        None | Some("client") => Perspective::Client,
        Some("therapist") => Perspective::Therapist,
        Some(other) => {
            return Err((
                id,
                format!("unknown perspective {other:?}: expected \"client\" or \"therapist\""),
            ));
        }
    };
    let a = scorer.analyse(Reply::typed(&text, input.context.as_deref(), perspective));
    write_json(buf, &id, &text, &a);
    Ok(())
}

/// Appends `s` as a JSON string, escaped exactly as `serde_json` escapes it.
fn push_str(buf: &mut Vec<u8>, s: &str) {
    // Most strings (explanations, words of the reply) need no escape: a check the compiler
    // vectorises (a fold without early exit), then one copy, instead of `serde_json`'s byte-by-byte
    // escape-table walk.
    let plain = s
        .bytes()
        .fold(true, |ok, b| ok & (b >= 0x20) & (b != b'"') & (b != b'\\'));
    if plain {
        buf.reserve(s.len() + 2);
        buf.push(b'"');
        buf.extend_from_slice(s.as_bytes());
        buf.push(b'"');
        return;
    }
    // Escaping a string into a `Vec` cannot fail.
    let _ = serde_json::to_writer(&mut *buf, s);
}

/// Appends `v` in decimal (what `write!(buf, "{v}")` writes).
fn push_uint(buf: &mut Vec<u8>, v: usize) {
    buf.extend_from_slice(crate::scoring::score::digits(v as u64, &mut [0; 20]));
}

/// Appends a probability given in thousandths with three decimals: what `write!(buf, "{:.3}", p)`
/// writes for `p = permille as f32 / 1000.0` (the float is within far less than half a thousandth of
/// the decimal, so rounding it to three places gives these digits back), without float formatting,
/// which cost more than the rest of the line.
fn push_permille(buf: &mut Vec<u8>, permille: u16) {
    let p = usize::from(permille);
    push_uint(buf, p / 1000);
    let r = p % 1000;
    buf.extend_from_slice(&[
        b'.',
        b'0' + (r / 100) as u8,
        b'0' + (r / 10 % 10) as u8,
        b'0' + (r % 10) as u8,
    ]);
}

fn push_bool(buf: &mut Vec<u8>, key: &str, v: bool) {
    buf.push(b'"');
    buf.extend_from_slice(key.as_bytes());
    buf.extend_from_slice(if v { b"\":true," } else { b"\":false," });
}

fn push_list<'a>(buf: &mut Vec<u8>, items: impl Iterator<Item = &'a str>) {
    buf.push(b'[');
    for (k, it) in items.enumerate() {
        if k > 0 {
            buf.push(b',');
        }
        push_str(buf, it);
    }
    buf.push(b']');
}

/// Writes the protocol's output object for one analysis, directly for speed; the one definition of its fields ([`to_json`] reads it back).
pub fn write_json(buf: &mut Vec<u8>, id: &Value, text: &str, a: &Analysis) {
    // The codes found and their confidences, looked up by code: the fields below ask for twenty
    // codes, and `Analysis::has` and `Analysis::confidence` each search a list. Every code asked
    // for is concrete, so `has` is "equals one of `codes`"; the engine gives each code one confidence.
    let mut found = [false; CODES];
    for &c in &a.codes {
        found[c as usize] = true;
    }
    let mut permille = [0u16; CODES];
    for c in &a.confidence {
        permille[c.code as usize] = c.permille;
    }
    let a_has = |c: Code| found[c as usize];
    buf.extend_from_slice(b"{\"id\":");
    let _ = serde_json::to_writer(&mut *buf, id);
    buf.extend_from_slice(b",\"codes\":{\"question\":");
    buf.extend_from_slice(if a_has(Code::OpenQuestion) {
        b"\"open\","
    } else if a_has(Code::ClosedQuestion) {
        b"\"closed\","
    } else {
        b"null,"
    });
    buf.extend_from_slice(b"\"reflection\":");
    buf.extend_from_slice(if a_has(Code::ComplexReflection) {
        b"\"complex\","
    } else if a_has(Code::SimpleReflection) {
        b"\"simple\","
    } else {
        b"null,"
    });
    for (k, c) in [
        ("affirmation", Code::Affirmation),
        ("summary", Code::Summary),
        ("advice", Code::Advice),
        ("i_statement", Code::IStatement),
        ("request", Code::Request),
        ("boundary", Code::Boundary),
    ] {
        push_bool(buf, k, a_has(c));
    }
    buf.extend_from_slice(b"\"style\":\"");
    buf.extend_from_slice(a.style.key().as_bytes());
    buf.extend_from_slice(b"\",\"horsemen\":");
    push_list(
        buf,
        Code::HORSEMEN
            .iter()
            .filter(|&&c| a_has(c))
            .map(|c| c.key()),
    );
    buf.extend_from_slice(b",\"antidotes\":");
    push_list(
        buf,
        Code::ANTIDOTES
            .iter()
            .filter(|&&c| a_has(c))
            .map(|c| c.key()),
    );
    buf.extend_from_slice(b",\"crisis\":");
    buf.extend_from_slice(if a.is_crisis() { b"true" } else { b"false" });
    buf.extend_from_slice(b",\"behaviour\":\"");
    buf.extend_from_slice(a.behaviour.key().as_bytes());
    buf.extend_from_slice(b"\"},\"scores\":{\"assertiveness\":");
    push_uint(buf, a.scores.assertiveness.into());
    buf.extend_from_slice(b",\"active_listening\":");
    push_uint(buf, a.scores.active_listening.into());
    buf.extend_from_slice(b",\"conflict_resolution\":");
    push_uint(buf, a.scores.conflict_resolution.into());
    buf.extend_from_slice(b"},\"evidence\":[");
    for (k, e) in a.evidence.iter().enumerate() {
        if k > 0 {
            buf.push(b',');
        }
        buf.extend_from_slice(b"{\"code\":\"");
        buf.extend_from_slice(e.code.key().as_bytes());
        buf.extend_from_slice(b"\",\"start\":");
        push_uint(buf, e.start);
        buf.extend_from_slice(b",\"end\":");
        push_uint(buf, e.end);
        buf.extend_from_slice(b",\"text\":");
        push_str(buf, text.get(e.start..e.end).unwrap_or(""));
        buf.push(b'}');
    }
    buf.extend_from_slice(b"],\"tips\":");
    push_list(buf, a.tips.iter().map(|t| t.text.as_str()));
    buf.extend_from_slice(b",\"rewrites\":[");
    for (k, t) in a.tips.iter().enumerate() {
        if k > 0 {
            buf.push(b',');
        }
        match &t.rewrite {
            Some(r) => push_str(buf, r),
            None => buf.extend_from_slice(b"null"),
        }
    }
    buf.extend_from_slice(b"],\"all_codes\":");
    push_list(buf, a.codes.iter().map(|c| c.key()));
    buf.extend_from_slice(b",\"confidence\":{");
    for (k, c) in a.codes.iter().enumerate() {
        if k > 0 {
            buf.push(b',');
        }
        buf.push(b'"');
        buf.extend_from_slice(c.key().as_bytes());
        buf.extend_from_slice(b"\":");
        push_permille(buf, permille[*c as usize]);
    }
    buf.push(b'}');
    buf.extend_from_slice(b",\"explanations\":");
    push_list(buf, a.explanations.iter().map(String::as_str));
    buf.push(b'}');
}

/// The protocol's output object for one analysis, as a value: what [`write_json`] writes, read back.
pub fn to_json(id: Value, text: &str, a: &Analysis) -> Value {
    let mut buf = Vec::new();
    write_json(&mut buf, &id, text, a);
    serde_json::from_slice(&buf).expect("write_json writes valid JSON")
}

/// The analysis as text for a person: codes, scores with explanations, highlighted evidence and tips.
pub fn render_human(text: &str, a: &Analysis) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    if a.is_crisis() {
        let _ = writeln!(
            s,
            "This reply speaks of self-harm or suicide. It is not scored.\n"
        );
        for t in &a.tips {
            let _ = writeln!(s, "  • {}", t.text);
        }
        return s;
    }
    let _ = writeln!(s, "Reply: {text}");
    let codes: Vec<&str> = a.codes.iter().map(|&c| a.label_of(c)).collect();
    let _ = writeln!(s, "Style: {}", a.style.label());
    let _ = writeln!(
        s,
        "Codes: {}",
        if codes.is_empty() {
            "none".to_string()
        } else {
            codes.join(", ")
        }
    );
    let _ = writeln!(s, "\nScores");
    for d in Dimension::ALL {
        let v = a.scores.get(d);
        let bar = "█".repeat(usize::from(v) / 5);
        let _ = writeln!(s, "  {:<20} {:>3} {bar}", d.label(), v);
        let _ = writeln!(s, "    {}", a.explanation(d));
    }
    if !a.evidence.is_empty() {
        let _ = writeln!(s, "\nEvidence");
        for e in &a.evidence {
            let before = &text[..e.start];
            let here = &text[e.start..e.end];
            let after = &text[e.end..];
            let _ = writeln!(
                s,
                "  {:<26} {}[{}]{}",
                a.label_of(e.code),
                tail_chars(before, 20),
                here,
                head_chars(after, 20)
            );
        }
    }
    if !a.tips.is_empty() {
        let _ = writeln!(s, "\nTips");
        for t in &a.tips {
            let _ = writeln!(s, "  • {}", t.text);
            if let Some(r) = &t.rewrite {
                let _ = writeln!(s, "    Try: \u{201C}{r}\u{201D}");
            }
        }
    }
    s
}

fn tail_chars(s: &str, n: usize) -> String {
    let count = s.chars().count();
    if count <= n {
        s.to_string()
    } else {
        format!("…{}", s.chars().skip(count - n).collect::<String>())
    }
}

fn head_chars(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `n` lines of input, some malformed, some long.
    fn lines(n: usize) -> String {
        (0..n)
            .map(|i| match i % 7 {
                3 => "not json\n".to_string(),
                5 => format!(
                    "{{\"id\": {i}, \"text\": \"{}\"}}\n",
                    "you never listen to me ".repeat(40)
                ),
                _ => format!("{{\"id\": {i}, \"text\": \"Could you help with line {i}?\"}}\n"),
            })
            .collect()
    }

    fn pipe(input: &str, capacity: usize, threads: usize) -> Vec<u8> {
        let mut out = Vec::new();
        let reader = std::io::BufReader::with_capacity(capacity, input.as_bytes());
        run_jsonl(RuleScorer::builtin(), reader, &mut out, threads).expect("runs");
        out
    }

    #[test]
    fn many_small_blocks_across_workers_come_back_in_order_and_as_one_worker_writes_them() {
        let input = lines(300);
        // A 7-byte buffer: many blocks, and lines longer than the buffer.
        let one = pipe(&input, 7, 1);
        assert_eq!(pipe(&input, 7, 3), one);
        // The whole input in one buffer fill: one block, on one of the two workers.
        assert_eq!(pipe(&input, 1 << 16, 2), one);
        assert_eq!(one.iter().filter(|&&b| b == b'\n').count(), 300);
    }

    /// A writer that fails after `left` bytes.
    struct Failing {
        left: usize,
    }

    impl Write for Failing {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.left == 0 {
                return Err(std::io::ErrorKind::BrokenPipe.into());
            }
            let n = buf.len().min(self.left);
            self.left -= n;
            Ok(n)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_failing_writer_ends_the_run_with_its_error() {
        let input = lines(3000);
        let reader = std::io::BufReader::with_capacity(64, input.as_bytes());
        let e = run_jsonl(RuleScorer::builtin(), reader, Failing { left: 1000 }, 3)
            .expect_err("the writer fails");
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe);
    }

    #[test]
    fn permille_is_written_as_float_formatting_writes_it() {
        for p in 0..=u16::MAX {
            let mut buf = Vec::new();
            push_permille(&mut buf, p);
            let want = format!("{:.3}", p as f32 / 1000.0);
            assert_eq!(String::from_utf8(buf).ok().as_deref(), Some(want.as_str()));
        }
    }

    #[test]
    fn the_writer_writes_valid_json_with_every_field() {
        let scorer = RuleScorer::builtin();
        for (t, c) in [
            ("You never listen! Sorry, “idiot” 😤", Some("hi")),
            ("It sounds like you feel alone.", Some("Nobody calls me.")),
            ("I want to end my life.", None),
            (
                "I feel hurt. I'm not able to lend you money again.",
                Some("Can I borrow fifty?"),
            ),
        ] {
            let a = scorer.analyse(Reply::typed(t, c, Perspective::Client));
            let v = to_json(json!("x"), t, &a);
            for k in [
                "id",
                "codes",
                "scores",
                "evidence",
                "tips",
                "rewrites",
                "all_codes",
                "explanations",
            ] {
                assert!(v.get(k).is_some(), "{k} in {v}");
            }
            assert_eq!(v["codes"]["crisis"], json!(a.is_crisis()));
            // The per-code tables the writer builds agree with the analysis they were built from.
            for &c in &a.codes {
                let want = f64::from(a.confidence(c)).clamp(0.0, 1.0);
                let got = v["confidence"][c.key()]
                    .as_f64()
                    .expect("a confidence per code");
                assert!(
                    (got - want).abs() < 0.0006,
                    "{c:?}: {got} vs {want} in {t:?}"
                );
            }
            let horsemen: Vec<&str> = Code::HORSEMEN
                .iter()
                .filter(|&&c| a.has(c))
                .map(|c| c.key())
                .collect();
            assert_eq!(v["codes"]["horsemen"], json!(horsemen), "{t:?}");
            assert_eq!(
                v["codes"]["boundary"],
                json!(a.has(Code::Boundary)),
                "{t:?}"
            );
            assert_eq!(
                v["codes"]["i_statement"],
                json!(a.has(Code::IStatement)),
                "{t:?}"
            );
        }
    }
}
