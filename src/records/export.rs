//! Exports the user controls: a session as a Markdown transcript (for a supervisor) or JSON; everything as CSV; [`write()`] saves any of them privately.

use super::{SessionRecord, SessionSummary, iso8601};
use crate::dialogue::{ReplyKind, Turn};
use crate::scoring::{Code, Dimension};
use serde_json::{Map, Value, json};
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// Version of the JSON export's layout (`"version"` in every exported object).
pub const JSON_VERSION: u32 = 1;

/// `2025-03-01 18:04 UTC`.
fn human_time(secs: i64) -> String {
    let iso = iso8601(secs);
    format!("{} {} UTC", &iso[..10], &iso[11..16])
}

/// Escapes the characters Markdown would read as formatting, so replies appear as typed.
fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The text as a Markdown block quote, line by line.
fn quote(s: &str) -> String {
    let mut out = String::new();
    for line in s.lines() {
        out.push_str("> ");
        out.push_str(&md_escape(line));
        out.push('\n');
    }
    if out.is_empty() {
        out.push_str(">\n");
    }
    out
}

fn mood_text(m: Option<u8>) -> String {
    m.map_or_else(|| "–".to_string(), |m| format!("{m}/10"))
}

fn means_line(means: &[f64; 3]) -> String {
    Dimension::ALL
        .iter()
        .zip(means)
        .map(|(d, m)| format!("{} {m:.0}", d.label().to_lowercase()))
        .collect::<Vec<_>>()
        .join(" · ")
}

fn codes_line(turn: &Turn) -> Option<String> {
    let group = |want: Option<bool>| {
        turn.analysis
            .codes
            .iter()
            .filter(|&&c| turn.analysis.is_strength_of(c) == want)
            .map(|&c| turn.analysis.label_of(c))
            .collect::<Vec<_>>()
    };
    // Strengths the conversation took no route for are found, not counted (`Analysis::uncounted`).
    let well = if turn.analysis.uncounted {
        "found but not counted"
    } else {
        "did well"
    };
    let parts: Vec<String> = [
        (well, group(Some(true))),
        ("to work on", group(Some(false))),
        ("also", group(None)),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| format!("{k}: {}", v.join(", ")))
    .collect();
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// A session as a Markdown transcript a supervisor can read: scenario, date, ending and mood,
/// then each exchange (line, reply, codes, scores, tips) and the session's means.
pub fn markdown(rec: &SessionRecord) -> String {
    let s = &rec.summary;
    let mut o = String::new();
    let _ = writeln!(o, "# {}\n", md_escape(&s.scenario_title));
    let _ = writeln!(
        o,
        "- Session: {} (scenario `{}`, {}, {} perspective)",
        s.id,
        s.scenario_id,
        s.area.label(),
        s.perspective.as_str()
    );
    let _ = writeln!(o, "- Started: {}", human_time(s.started_at));
    match (s.finished_at, s.ending) {
        (Some(t), Some(e)) => {
            let mins = (t - s.started_at).max(0) / 60;
            let _ = writeln!(
                o,
                "- Ending: {} (`{}`), {} ({} min)",
                e.label(),
                s.ending_node.as_deref().unwrap_or("?"),
                human_time(t),
                mins
            );
        }
        _ => {
            let _ = writeln!(o, "- Ending: not reached (unfinished)");
        }
    }
    if s.mood_before.is_some() || s.mood_after.is_some() {
        let _ = writeln!(
            o,
            "- Mood: {} before, {} after",
            mood_text(s.mood_before),
            mood_text(s.mood_after)
        );
    }
    if s.scripted {
        let _ = writeln!(o, "- Scripted run (autoplay), not typed by a person");
    }
    let _ = writeln!(o, "\n## Transcript\n");
    if rec.turns.is_empty() {
        let _ = writeln!(o, "No replies.\n");
    }
    for (i, t) in rec.turns.iter().enumerate() {
        let how = match t.kind {
            ReplyKind::Picked(_) => "picked",
            ReplyKind::Typed => "typed",
        };
        let _ = writeln!(o, "### {}. {}\n", i + 1, md_escape(&t.speaker));
        o.push_str(&quote(&t.line));
        if let Some(asked) = &t.asked {
            let _ = writeln!(o, "\n*Read as an answer to:*\n");
            o.push_str(&quote(asked));
        }
        let _ = writeln!(o, "\n**You** ({how}):\n");
        o.push_str(&quote(&t.reply));
        o.push('\n');
        let a = &t.analysis;
        if a.is_crisis() {
            let _ = writeln!(o, "- Not scored: crisis language.");
        } else if let Some(why) = a.unanswerable {
            let _ = writeln!(o, "- Not scored: {}.", why.label());
        } else {
            let sc = [
                a.scores.assertiveness as f64,
                a.scores.active_listening as f64,
                a.scores.conflict_resolution as f64,
            ];
            let _ = writeln!(o, "- Scores: {}", means_line(&sc));
            let _ = writeln!(o, "- Style: {}", a.style.label());
        }
        if let Some(c) = codes_line(t) {
            let _ = writeln!(o, "- Codes: {c}");
        }
        for tip in &a.tips {
            let _ = writeln!(o, "- Tip: {}", md_escape(&tip.text));
            if let Some(r) = &tip.rewrite {
                let _ = writeln!(o, "  - For example: “{}”", md_escape(r));
            }
        }
        o.push('\n');
    }
    let _ = writeln!(o, "## Session means\n");
    match &s.means {
        Some(m) => {
            let _ = writeln!(o, "| Dimension | Mean |\n|---|---|");
            for (d, v) in Dimension::ALL.iter().zip(m) {
                let _ = writeln!(o, "| {} | {v:.1} |", d.label());
            }
            let _ = writeln!(
                o,
                "\nOut of 100; crisis replies, and replies that gave nothing to answer, are not scored."
            );
        }
        None => {
            let _ = writeln!(o, "No scored replies.");
        }
    }
    o
}

/// Several sessions as one Markdown document, separated by rules.
pub fn markdown_all(recs: &[SessionRecord]) -> String {
    recs.iter()
        .map(markdown)
        .collect::<Vec<_>>()
        .join("\n---\n\n")
}

fn scores_json(values: [f64; 3]) -> Value {
    let mut m = Map::new();
    for (d, v) in Dimension::ALL.iter().zip(values) {
        m.insert(d.key().to_string(), json!(v));
    }
    Value::Object(m)
}

fn summary_json(s: &SessionSummary) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("format".into(), json!("rapport-session"));
    m.insert("version".into(), json!(JSON_VERSION));
    m.insert("id".into(), json!(s.id));
    m.insert(
        "scenario".into(),
        json!({
            "id": s.scenario_id,
            "title": s.scenario_title,
            "area": s.area,
            "area_label": s.area.label(),
            "perspective": s.perspective.as_str(),
        }),
    );
    m.insert("seed".into(), json!(s.seed));
    m.insert("started_at".into(), json!(iso8601(s.started_at)));
    m.insert("finished_at".into(), json!(s.finished_at.map(iso8601)));
    m.insert("ending".into(), json!(s.ending.map(|e| e.label())));
    m.insert("ending_node".into(), json!(s.ending_node));
    m.insert("scripted".into(), json!(s.scripted));
    m.insert("mood_before".into(), json!(s.mood_before));
    m.insert("mood_after".into(), json!(s.mood_after));
    m.insert("replies".into(), json!(s.replies));
    m.insert("means".into(), s.means.map_or(Value::Null, scores_json));
    m
}

fn turn_json(n: usize, t: &Turn) -> Value {
    let a = &t.analysis;
    let (kind, option) = match t.kind {
        ReplyKind::Picked(i) => ("picked", Some(i)),
        ReplyKind::Typed => ("typed", None),
    };
    let explanations: Map<String, Value> = Dimension::ALL
        .iter()
        .map(|d| (d.key().to_string(), json!(a.explanation(*d))))
        .collect();
    json!({
        "n": n,
        "node": t.node,
        "speaker": t.speaker,
        "line": t.line,
        "asked": t.asked,
        "reply": t.reply,
        "kind": kind,
        "option_index": option,
        "codes": a.codes.iter().map(|c| c.key()).collect::<Vec<_>>(),
        "style": a.style.key(),
        "crisis": a.is_crisis(),
        "unanswerable": a.unanswerable.map(|u| u.key()),
        "uncounted": a.uncounted,
        "scores": {
            "assertiveness": a.scores.assertiveness,
            "active_listening": a.scores.active_listening,
            "conflict_resolution": a.scores.conflict_resolution,
        },
        "explanations": explanations,
        "evidence": a.evidence.iter().map(|e| json!({
            "code": e.code.key(),
            "start": e.start,
            "end": e.end,
            "text": t.reply.get(e.start..e.end),
        })).collect::<Vec<_>>(),
        "tips": a.tips.iter().map(|tip| json!({"text": tip.text, "rewrite": tip.rewrite})).collect::<Vec<_>>(),
        "meter_deltas": t.meter_deltas,
        "to": t.to,
        "route": t.route,
    })
}

/// A session as JSON: the summary's fields, then `turns` with codes, scores, explanations,
/// evidence (byte ranges and the words) and tips. Codes and styles use their snake_case keys.
pub fn json(rec: &SessionRecord) -> Value {
    let mut m = summary_json(&rec.summary);
    m.insert(
        "turns".into(),
        Value::Array(
            rec.turns
                .iter()
                .enumerate()
                .map(|(i, t)| turn_json(i + 1, t))
                .collect(),
        ),
    );
    Value::Object(m)
}

/// Several sessions as one JSON document: `{"format": "rapport-sessions", "version": 1, "sessions": [...]}`.
pub fn json_all(recs: &[SessionRecord]) -> Value {
    json!({
        "format": "rapport-sessions",
        "version": JSON_VERSION,
        "sessions": recs.iter().map(json).collect::<Vec<_>>(),
    })
}

/// The CSV header, in column order.
pub const CSV_COLUMNS: [&str; 29] = [
    "session_id",
    "scenario_id",
    "scenario_title",
    "area",
    "perspective",
    "started_at",
    "finished_at",
    "ending",
    "scripted",
    "mood_before",
    "mood_after",
    "turn",
    "node",
    "speaker",
    "line",
    "reply",
    "kind",
    "option_index",
    "codes",
    "style",
    "crisis",
    "unanswerable",
    "assertiveness",
    "active_listening",
    "conflict_resolution",
    "meter_deltas",
    "tips",
    "asked",
    "uncounted",
];

/// One CSV field, quoted (RFC 4180) when it holds a comma, quote or line break (`\n` or `\r`).
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn csv_row(out: &mut String, fields: &[String]) {
    let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
    out.push_str(&row.join(","));
    out.push_str("\r\n");
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(String::new, |v| v.to_string())
}

/// Every session as CSV (RFC 4180, CRLF line ends): one row per reply with the session's
/// fields repeated; a session without replies gets one row with the reply columns empty.
/// Codes are snake_case keys separated by `;`, tips separated by ` | `.
pub fn csv_all(recs: &[SessionRecord]) -> String {
    let mut out = String::new();
    csv_row(
        &mut out,
        &CSV_COLUMNS
            .iter()
            .map(|c| c.to_string())
            .collect::<Vec<_>>(),
    );
    for rec in recs {
        let s = &rec.summary;
        let session = vec![
            s.id.to_string(),
            s.scenario_id.clone(),
            s.scenario_title.clone(),
            super::codec::area_to_sql(s.area),
            s.perspective.as_str().to_string(),
            iso8601(s.started_at),
            opt(s.finished_at.map(iso8601)),
            opt(s.ending.map(|e| e.label())),
            s.scripted.to_string(),
            opt(s.mood_before),
            opt(s.mood_after),
        ];
        if rec.turns.is_empty() {
            let mut row = session.clone();
            row.resize(CSV_COLUMNS.len(), String::new());
            csv_row(&mut out, &row);
        }
        for (i, t) in rec.turns.iter().enumerate() {
            let a = &t.analysis;
            let (kind, option) = match t.kind {
                ReplyKind::Picked(i) => ("picked", Some(i)),
                ReplyKind::Typed => ("typed", None),
            };
            let mut row = session.clone();
            row.extend([
                (i + 1).to_string(),
                t.node.clone(),
                t.speaker.clone(),
                t.line.clone(),
                t.reply.clone(),
                kind.to_string(),
                opt(option),
                a.codes
                    .iter()
                    .map(|c: &Code| c.key())
                    .collect::<Vec<_>>()
                    .join(";"),
                a.style.key().to_string(),
                a.is_crisis().to_string(),
                a.unanswerable.map_or("", |u| u.key()).to_string(),
                a.scores.assertiveness.to_string(),
                a.scores.active_listening.to_string(),
                a.scores.conflict_resolution.to_string(),
                t.meter_deltas
                    .iter()
                    .map(|(k, v)| format!("{k}{v:+}"))
                    .collect::<Vec<_>>()
                    .join(";"),
                a.tips
                    .iter()
                    .map(|t| t.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" | "),
                t.asked.clone().unwrap_or_default(),
                a.uncounted.to_string(),
            ]);
            csv_row(&mut out, &row);
        }
    }
    out
}

/// An export's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A Markdown transcript with feedback ([`markdown`], [`markdown_all`]).
    Markdown,
    /// JSON with every code, score, evidence span and tip ([`json()`], [`json_all`]).
    Json,
    /// CSV, one row per reply ([`csv_all`]).
    Csv,
}

impl Format {
    /// The file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Json => "json",
            Format::Csv => "csv",
        }
    }
}

/// What to export: one session (JSON as a single `rapport-session` object) or a list of them.
#[derive(Debug, Clone, Copy)]
pub enum Sessions<'a> {
    /// One session.
    One(&'a SessionRecord),
    /// Several (or none).
    All(&'a [SessionRecord]),
}

impl Sessions<'_> {
    /// How many sessions.
    pub fn len(&self) -> usize {
        match self {
            Sessions::One(_) => 1,
            Sessions::All(r) => r.len(),
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The text of an export; JSON is pretty-printed and ends with a newline.
pub fn render(what: Sessions<'_>, format: Format) -> String {
    let recs = match what {
        Sessions::One(r) => std::slice::from_ref(r),
        Sessions::All(r) => r,
    };
    match (format, what) {
        (Format::Markdown, _) => markdown_all(recs),
        (Format::Json, Sessions::One(r)) => pretty(&json(r)),
        (Format::Json, Sessions::All(r)) => pretty(&json_all(r)),
        (Format::Csv, _) => csv_all(recs),
    }
}

fn pretty(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).expect("JSON values always serialise");
    s.push('\n');
    s
}

/// The one way an export reaches the disk (the app's screens and `rapport export --out`): renders it and
/// writes `path`, creating its folder; the file is created with mode 0600 on unix, as private as the records.
pub fn write(path: &Path, what: Sessions<'_>, format: Format) -> std::io::Result<()> {
    use std::io::Write as _;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    let mut f = o.open(path)?;
    f.write_all(render(what, format).as_bytes())?;
    f.sync_all()
}

/// The folder the app saves exports in: `exports` in the data folder (in the temporary folder without one).
pub fn exports_dir() -> PathBuf {
    super::data_dir()
        .unwrap_or_else(std::env::temp_dir)
        .join("exports")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn write_creates_the_folder_and_a_private_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = std::env::temp_dir().join(format!("rapport-export-{}", std::process::id()));
        let path = dir.join("sub").join("none.csv");
        write(&path, Sessions::All(&[]), Format::Csv).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        let text = std::fs::read_to_string(&path).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(mode, 0o600);
        assert_eq!(text, csv_all(&[]));
    }

    #[test]
    fn csv_quotes_only_when_needed() {
        assert_eq!(csv_field("cr\r"), "\"cr\r\"");
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn markdown_escapes_formatting() {
        assert_eq!(md_escape("*really* <b>"), "\\*really\\* \\<b\\>");
        assert_eq!(quote("one\ntwo"), "> one\n> two\n");
    }
}
