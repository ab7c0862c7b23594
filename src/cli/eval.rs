//! `rapport eval`: the scorer against other people's labels — ESConv strategies, Stanford politeness ratings, and the assertiveness set (with inter-labeller κ).

use crate::scoring::{Analysis, Code, Perspective, Reply, RuleScorer, Scorer, Style};
use anyhow::{Context as _, bail};
use serde::Deserialize;
use serde_json::json;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `println!` unless the figures are being printed as JSON (standard output then holds only the JSON).
macro_rules! human {
    ($json:expr, $($arg:tt)*) => {
        if !$json {
            println!($($arg)*);
        }
    };
}

/// Arguments of `rapport eval`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// ESConv dev set (JSON Lines with `text`, `context`, `strategy`).
    #[arg(long, value_name = "FILE")]
    pub esconv: Option<PathBuf>,
    /// Folder of the Stanford politeness corpus (`*.annotated.csv`).
    #[arg(long, value_name = "DIR")]
    pub politeness: Option<PathBuf>,
    /// The assertiveness set as labelled by labeller 1.
    #[arg(long, value_name = "FILE")]
    pub set: Option<PathBuf>,
    /// The same set as labelled by labeller 2 (for Cohen's κ).
    #[arg(long, value_name = "FILE")]
    pub set2: Option<PathBuf>,
    /// Only these parts (gold, kappa, esconv, politeness, sessions, assertiveness); all by default.
    #[arg(long, value_delimiter = ',')]
    pub only: Vec<String>,
    /// Print the misses and false alarms of one field (e.g. `question`, `reflection`, `style`).
    #[arg(long, value_name = "FIELD")]
    pub misses: Option<String>,
    /// How many misses to print.
    #[arg(long, default_value_t = 25)]
    pub limit: usize,
    /// Print the figures as JSON.
    #[arg(long)]
    pub json: bool,
    /// Score with the rules alone (no learned layer), for side-by-side figures.
    #[arg(long)]
    pub rules_only: bool,
    /// Let the rules decide and the learned layer only give probabilities (the previous release's scorer).
    #[arg(long, conflicts_with = "rules_only")]
    pub probabilities_only: bool,
    /// The labelled data folder (for the `gold`, `kappa` and `sessions` parts).
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Which split of our labelled data the `gold` part reads: validation, dev (ESConv dev) or test
    /// (the sealed split: evaluate it once, for a release note); `all` reads every item, for a check
    /// set kept outside training (a folder made from `data/held_out/`), never for `data/` itself.
    #[arg(long, default_value = "validation")]
    pub split: String,
    /// Score replies without the line before (ESConv and our labelled data): single sentences given with no context.
    #[arg(long)]
    pub no_context: bool,
    /// Only labelled items of at least this many words (e.g. 40 for transcript-length turns).
    #[arg(long, default_value_t = 0)]
    pub min_words: usize,
    /// Only labelled items from these files under `data/items/` (stems, e.g. `written-w9,real-r3`): one
    /// round's data, such as the sealed portion of a round added after the last release.
    #[arg(long, value_delimiter = ',', value_name = "STEMS")]
    pub item_files: Vec<String>,
    /// Use this weights file instead of the built-in one (e.g. one `rapport train --out` just wrote).
    #[arg(long, value_name = "FILE", conflicts_with = "rules_only")]
    pub model: Option<PathBuf>,
}

fn default_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

use crate::scoring::prf::{Prf, ratio, round3};

/// A [`Prf`] as JSON (counts and rounded ratios).
fn prf_json(p: &Prf) -> serde_json::Value {
    json!({"tp": p.tp, "fp": p.fp, "fn": p.fn_,
           "precision": round3(p.precision()), "recall": round3(p.recall()), "f1": round3(p.f1())})
}

/// Cohen's κ for two labellings of the same items.
pub fn cohen_kappa<T: Ord + Clone>(a: &[T], b: &[T]) -> Option<f64> {
    let n = a.len().min(b.len());
    if n == 0 {
        return None;
    }
    let agree = a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / n as f64;
    let mut ca: BTreeMap<T, usize> = BTreeMap::new();
    let mut cb: BTreeMap<T, usize> = BTreeMap::new();
    for (x, y) in a.iter().zip(b) {
        *ca.entry(x.clone()).or_default() += 1;
        *cb.entry(y.clone()).or_default() += 1;
    }
    let pe: f64 = ca
        .iter()
        .map(|(k, &v)| v as f64 / n as f64 * cb.get(k).copied().unwrap_or(0) as f64 / n as f64)
        .sum();
    if (1.0 - pe).abs() < 1e-12 {
        return Some(if agree == 1.0 { 1.0 } else { 0.0 });
    }
    Some((agree - pe) / (1.0 - pe))
}

/// Runs `rapport eval`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let base = match &args.model {
        Some(path) => {
            let bytes =
                std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
            let model = crate::scoring::learned::Model::from_bytes(&bytes)
                .with_context(|| format!("reading {}", path.display()))?;
            RuleScorer::builtin().with_model(Some(std::sync::Arc::new(model)))
        }
        None => RuleScorer::builtin().clone(),
    };
    let owned = if args.rules_only {
        base.with_model(None)
    } else {
        base.with_learned_decisions(!args.probabilities_only)
    };
    let scorer = &owned;
    human!(
        args.json,
        "Scorer: {}{}",
        match (scorer.model().is_some(), !args.probabilities_only) {
            (true, true) => "rules, and the learned layer's decisions over them",
            (true, false) => "rule decisions, learned probabilities",
            _ => "rules alone",
        },
        match (&args.model, scorer.model().is_some()) {
            (Some(p), true) => format!(" (weights from {})", p.display()),
            (None, true) => " (the shipped weights)".to_string(),
            _ => String::new(),
        }
    );
    let want = |p: &str| args.only.is_empty() || args.only.iter().any(|o| o == p);
    let mut report = serde_json::Map::new();
    let data_dir = args.data.clone().unwrap_or_else(super::data::default_dir);
    // A part over our labelled data runs when its file is there; asked for by name (`--only`), a
    // missing file is an error rather than an empty report.
    let with_data = |p: &str, file: &str| -> anyhow::Result<bool> {
        if !want(p) {
            return Ok(false);
        }
        let path = data_dir.join(file);
        if path.exists() {
            Ok(true)
        } else if args.only.iter().any(|o| o == p) {
            anyhow::bail!("`{p}` needs {}, which is missing", path.display())
        } else {
            Ok(false)
        }
    };
    if with_data("gold", "labels/gold.jsonl")? {
        report.insert("gold".into(), gold(scorer, &data_dir, &args)?);
    }
    if with_data("kappa", "labels/labeller_a.jsonl")? {
        report.insert("kappa".into(), kappa(&data_dir, args.json)?);
    }
    if want("esconv") {
        let path = args.esconv.clone().unwrap_or_else(default_esconv);
        report.insert("esconv".into(), esconv(scorer, &path, &args)?);
    }
    if want("politeness") {
        let dir = args.politeness.clone().unwrap_or_else(default_politeness);
        report.insert("politeness".into(), politeness(scorer, &dir, &args)?);
    }
    if with_data("sessions", "sessions/sessions.jsonl")? {
        report.insert(
            "sessions".into(),
            super::eval_sessions::sessions(scorer, &data_dir.join("sessions"), args.json)?,
        );
    }
    if want("assertiveness") {
        let p1 = args
            .set
            .clone()
            .unwrap_or_else(|| default_path("tests/data/assertiveness_set.jsonl"));
        let p2 = args
            .set2
            .clone()
            .unwrap_or_else(|| default_path("tests/data/assertiveness_set.labeller2.jsonl"));
        report.insert(
            "assertiveness".into(),
            assertiveness(scorer, &p1, &p2, &args)?,
        );
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    }
    Ok(ExitCode::SUCCESS)
}

fn print_prf(name: &str, p: &Prf, note: &str) {
    println!(
        "  {:<34} P {:.3}  R {:.3}  F1 {:.3}   (tp {}, fp {}, fn {}){}",
        name,
        p.precision(),
        p.recall(),
        p.f1(),
        p.tp,
        p.fp,
        p.fn_,
        note
    );
}

/// One supporter turn of ESConv dev with the strategy its writer chose.
#[derive(Deserialize)]
pub struct EsconvRow {
    id: String,
    text: String,
    #[serde(default)]
    context: Option<String>,
    strategy: String,
}

/// One comparison with ESConv's own labels: our name for it, their strategies, and our codes that
/// count as finding it (a group code counts any of its members).
pub struct EsconvField {
    /// Our name for the comparison (a key in `rapport eval --json`).
    pub name: &'static str,
    /// ESConv's strategy labels that count as the positive class.
    pub strategies: &'static [&'static str],
    /// Our codes that count as finding it.
    pub codes: &'static [Code],
    /// Training also keeps this field's recall within 0.01 of the rules' (questions: every question
    /// counts in the reflection-to-question ratio).
    pub guard_recall: bool,
}

/// The mapping from ESConv strategies to our codes (documented in docs/scoring.md), in one table.
pub const ESCONV_FIELDS: [EsconvField; 5] = [
    EsconvField {
        name: "question",
        strategies: &["Questions"],
        codes: &[Code::Question],
        guard_recall: true,
    },
    EsconvField {
        name: "reflection",
        strategies: &["Restatement or Paraphrasing", "Reflection of feelings"],
        codes: &[Code::Reflection, Code::Summary],
        guard_recall: false,
    },
    EsconvField {
        name: "affirmation",
        strategies: &["Affirmation and Reassurance"],
        codes: &[Code::Affirmation, Code::Reassurance],
        guard_recall: false,
    },
    EsconvField {
        name: "advice",
        strategies: &["Providing Suggestions"],
        codes: &[Code::Advice],
        guard_recall: false,
    },
    EsconvField {
        name: "self_focus",
        strategies: &["Self-disclosure"],
        codes: &[Code::SelfFocus],
        guard_recall: false,
    },
];

impl EsconvField {
    /// Whether the analysis finds this field.
    fn found(&self, a: &Analysis) -> bool {
        self.codes.iter().any(|&c| a.has(c))
    }

    /// Whether ESConv labels the turn with this field's strategies.
    fn labelled(&self, r: &EsconvRow) -> bool {
        self.strategies.contains(&r.strategy.as_str())
    }
}

/// Where ESConv dev is by default (the shared data folder next to the repository).
pub fn default_esconv() -> PathBuf {
    default_path("../shared/data/esconv/dev.jsonl")
}

/// Reads ESConv dev (JSON Lines with `text`, `context`, `strategy`).
pub fn read_esconv(path: &Path) -> anyhow::Result<Vec<EsconvRow>> {
    super::data::read_jsonl(path).context("the ESConv dev set (use --esconv)")
}

/// Every ESConv turn scored in the therapist perspective (with the line before unless `no_context`).
fn esconv_analyses(scorer: &RuleScorer, rows: &[EsconvRow], no_context: bool) -> Vec<Analysis> {
    rows.iter()
        .map(|r| {
            let context = if no_context {
                None
            } else {
                r.context.as_deref()
            };
            scorer.analyse(Reply::typed(&r.text, context, Perspective::Therapist))
        })
        .collect()
}

/// Precision and recall of one field against ESConv's own strategy labels.
fn esconv_prf(rows: &[EsconvRow], analyses: &[Analysis], f: &EsconvField) -> Prf {
    let mut p = Prf::default();
    for (r, a) in rows.iter().zip(analyses) {
        p.add(f.labelled(r), f.found(a));
    }
    p
}

/// Every one of [`ESCONV_FIELDS`] against ESConv's own strategy labels, scoring each turn once.
pub fn esconv_figures(scorer: &RuleScorer, rows: &[EsconvRow]) -> BTreeMap<&'static str, Prf> {
    let analyses = esconv_analyses(scorer, rows, false);
    ESCONV_FIELDS
        .iter()
        .map(|f| (f.name, esconv_prf(rows, &analyses, f)))
        .collect()
}

fn esconv(scorer: &RuleScorer, path: &Path, args: &Args) -> anyhow::Result<serde_json::Value> {
    let rows = read_esconv(path)?;
    let analyses = esconv_analyses(scorer, &rows, args.no_context);
    let mut out = serde_json::Map::new();
    if !args.json {
        println!(
            "ESConv dev ({} supporter turns, perspective therapist{}) — {}",
            rows.len(),
            if args.no_context {
                ", scored without the line before"
            } else {
                ""
            },
            path.display()
        );
    }
    for f in &ESCONV_FIELDS {
        let p = esconv_prf(&rows, &analyses, f);
        if !args.json {
            print_prf(
                &format!("{} ← {}", f.name, f.strategies.join(" + ")),
                &p,
                "",
            );
        }
        out.insert(f.name.into(), prf_json(&p));
        if args.misses.as_deref() == Some(f.name) {
            println!(
                "\n  misses (labelled {}, not found):",
                f.strategies.join("/")
            );
            for (r, a) in rows.iter().zip(&analyses) {
                if f.labelled(r) && !f.found(a) {
                    println!(
                        "    {}: {:?}  [ctx: {:?}]",
                        r.id,
                        r.text,
                        r.context
                            .as_deref()
                            .unwrap_or("")
                            .chars()
                            .take(80)
                            .collect::<String>()
                    );
                }
            }
            println!("\n  false alarms (found, labelled otherwise):");
            for (r, _) in rows
                .iter()
                .zip(&analyses)
                .filter(|(r, a)| !f.labelled(r) && f.found(a))
                .take(args.limit)
            {
                println!("    {} [{}]: {:?}", r.id, r.strategy, r.text);
            }
        }
    }
    // What each strategy gets coded as, for reading the disagreements.
    let mut by: BTreeMap<&str, (usize, BTreeMap<&str, usize>)> = BTreeMap::new();
    for (r, a) in rows.iter().zip(&analyses) {
        let e = by.entry(r.strategy.as_str()).or_default();
        e.0 += 1;
        for f in &ESCONV_FIELDS {
            if f.found(a) {
                *e.1.entry(f.name).or_default() += 1;
            }
        }
    }
    if !args.json {
        println!("\n  share of each strategy's turns we code as …");
        // One column per ESConv field, as wide as its name and a space.
        let mut head = format!("  {:<30} {:>5}", "strategy", "n");
        for f in &ESCONV_FIELDS {
            head += &format!(" {:>w$}", f.name, w = f.name.len() + 1);
        }
        println!("{head}");
        for (s, (n, m)) in &by {
            let mut line = format!("  {s:<30} {n:>5}");
            for f in &ESCONV_FIELDS {
                let pct = 100.0 * *m.get(f.name).unwrap_or(&0) as f64 / *n as f64;
                line += &format!(" {pct:>w$.0}%", w = f.name.len());
            }
            println!("{line}");
        }
        println!();
    }
    Ok(serde_json::Value::Object(out))
}

fn parse_csv_line(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    fields.push(cur);
    fields
}

/// Where the Stanford politeness corpus is by default (the shared data folder next to the repository).
pub fn default_politeness() -> PathBuf {
    default_path("../shared/data/politeness")
}

/// The politeness corpus's requests and their normalised politeness scores (`*.annotated.csv`).
pub fn read_politeness(dir: &Path) -> anyhow::Result<Vec<(String, f64)>> {
    let mut items: Vec<(String, f64)> = Vec::new();
    for name in ["wikipedia.annotated.csv", "stack-exchange.annotated.csv"] {
        let p = dir.join(name);
        let src =
            std::fs::read_to_string(&p).with_context(|| format!("reading {}", p.display()))?;
        let mut lines = src.lines();
        let header = parse_csv_line(lines.next().unwrap_or(""));
        let ti = header.iter().position(|h| h == "Request");
        let si = header.iter().position(|h| h == "Normalized Score");
        let (Some(ti), Some(si)) = (ti, si) else {
            bail!("{}: no Request / Normalized Score column", p.display());
        };
        for l in lines {
            let f = parse_csv_line(l);
            if let (Some(t), Some(s)) = (f.get(ti), f.get(si).and_then(|s| s.parse::<f64>().ok())) {
                items.push((t.clone(), s));
            }
        }
    }
    if items.is_empty() {
        bail!("no politeness items in {}", dir.display());
    }
    Ok(items)
}

/// Whether an analysis of one of the corpus's requests finds it: a request or a question (every item
/// is a request).
pub fn request_found(a: &Analysis) -> bool {
    a.has(Code::Request) || a.has(Code::Question)
}

/// The share of the corpus's requests in which the scorer finds a request or a question, each text
/// scored in the client perspective with no line before.
pub fn requests_found(scorer: &RuleScorer, items: &[(String, f64)]) -> f64 {
    let found = items
        .iter()
        .filter(|(t, _)| request_found(&scorer.analyse(Reply::typed(t, None, Perspective::Client))))
        .count();
    found as f64 / items.len().max(1) as f64
}

fn politeness(scorer: &RuleScorer, dir: &Path, args: &Args) -> anyhow::Result<serde_json::Value> {
    let items = read_politeness(dir)?;
    let mut sorted: Vec<f64> = items.iter().map(|x| x.1).collect();
    sorted.sort_by(f64::total_cmp);
    let q1 = sorted[sorted.len() / 4];
    let q3 = sorted[sorted.len() * 3 / 4];
    let analyses: Vec<Analysis> = items
        .iter()
        .map(|(t, _)| scorer.analyse(Reply::typed(t, None, Perspective::Client)))
        .collect();
    // Impolite = bottom quartile, polite = top quartile (as in the corpus paper); the middle is left out.
    let hostile = |a: &Analysis| a.style.is_hostile() || a.has(Code::Horseman);
    let mut imp = Prf::default();
    let mut pol = Prf::default();
    let mut req = Prf::default();
    for ((_, s), a) in items.iter().zip(&analyses) {
        if *s <= q1 || *s >= q3 {
            imp.add(*s <= q1, hostile(a));
        }
        if *s >= q3 || *s <= q1 {
            pol.add(
                *s >= q3,
                !hostile(a)
                    && (a.has(Code::Appreciation) || a.has(Code::Hedging) || a.has(Code::Request)),
            );
        }
        req.add(true, request_found(a));
    }
    // Mean politeness of items carrying each code.
    let mut per: BTreeMap<&str, (usize, f64)> = BTreeMap::new();
    for ((_, s), a) in items.iter().zip(&analyses) {
        for c in &a.codes {
            let e = per.entry(c.key()).or_default();
            e.0 += 1;
            e.1 += s;
        }
        let e = per.entry(a.style.key()).or_default();
        e.0 += 1;
        e.1 += s;
    }
    if !args.json {
        println!(
            "Stanford politeness ({} requests; impolite = bottom quartile ≤ {:.2}, polite = top quartile ≥ {:.2})",
            items.len(),
            q1,
            q3
        );
        print_prf("impolite ← aggressive/PA style or a horseman", &imp, "");
        print_prf("polite ← thanks/hedge/request, no hostility", &pol, "");
        print_prf(
            "request or question found (all are requests)",
            &req,
            "  (recall is the figure)",
        );
        println!("  mean normalised politeness by code/style (n ≥ 30):");
        let mut rows: Vec<_> = per.iter().filter(|(_, v)| v.0 >= 30).collect();
        rows.sort_by(|a, b| (a.1.1 / a.1.0 as f64).total_cmp(&(b.1.1 / b.1.0 as f64)));
        for (k, (n, sum)) in rows {
            println!("    {:<24} {:>+.2}  (n {})", k, sum / *n as f64, n);
        }
        println!();
        if args.misses.as_deref() == Some("impolite") {
            for ((t, s), _) in items
                .iter()
                .zip(&analyses)
                .filter(|((_, s), a)| *s <= q1 && !hostile(a))
                .take(args.limit)
            {
                println!("    miss {s:+.2}: {t:?}");
            }
            for ((t, s), a) in items
                .iter()
                .zip(&analyses)
                .filter(|((_, s), a)| *s >= q3 && hostile(a))
                .take(args.limit)
            {
                println!("    false alarm {s:+.2}: {t:?} {:?}", a.codes);
            }
        }
    }
    Ok(json!({
        "items": items.len(),
        "impolite": prf_json(&imp),
        "polite": prf_json(&pol),
        "request_or_question_recall": round3(req.recall()),
    }))
}

/// One labelled reply of the assertiveness set.
#[derive(Debug, Clone, Deserialize)]
pub struct SetRow {
    /// Item id.
    pub id: String,
    /// What the other person said.
    #[serde(default)]
    pub context: Option<String>,
    /// The reply (labeller 2's file may carry only ids and labels).
    #[serde(default)]
    pub text: String,
    /// Style label.
    #[serde(deserialize_with = "style_by_key")]
    pub style: Style,
    /// I-statement.
    pub i_statement: bool,
    /// Clear request.
    pub request: bool,
    /// Boundary.
    pub boundary: bool,
    /// Horsemen keys.
    #[serde(default)]
    pub horsemen: Vec<String>,
    /// Antidote keys.
    #[serde(default)]
    pub antidotes: Vec<String>,
}

/// Reads a style label as written in the set: its snake_case key ([`Style::key`]).
fn style_by_key<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Style, D::Error> {
    let k = String::deserialize(d)?;
    Style::from_key(&k).ok_or_else(|| serde::de::Error::unknown_variant(&k, &STYLE_KEYS))
}

const STYLE_KEYS: [&str; 5] = [
    "assertive",
    "passive",
    "aggressive",
    "passive_aggressive",
    "neutral",
];

fn read_set(path: &Path) -> anyhow::Result<Vec<SetRow>> {
    let src =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    src.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).with_context(|| format!("{}:{}", path.display(), i + 1))
        })
        .collect()
}

/// A binary field of the set: its name, how to read it from a row, and the code it is.
type Field = (String, Box<dyn Fn(&SetRow) -> bool>, Code);

/// The binary fields of the set.
fn set_fields() -> Vec<Field> {
    let mut v: Vec<Field> = vec![
        (
            "i_statement".into(),
            Box::new(|r: &SetRow| r.i_statement),
            Code::IStatement,
        ),
        (
            "request".into(),
            Box::new(|r: &SetRow| r.request),
            Code::Request,
        ),
        (
            "boundary".into(),
            Box::new(|r: &SetRow| r.boundary),
            Code::Boundary,
        ),
    ];
    for c in Code::HORSEMEN {
        v.push((
            c.key().into(),
            Box::new(move |r: &SetRow| r.horsemen.iter().any(|h| h == c.key())),
            c,
        ));
    }
    for c in Code::ANTIDOTES {
        v.push((
            c.key().into(),
            Box::new(move |r: &SetRow| r.antidotes.iter().any(|h| h == c.key())),
            c,
        ));
    }
    v
}

fn assertiveness(
    scorer: &RuleScorer,
    p1: &Path,
    p2: &Path,
    args: &Args,
) -> anyhow::Result<serde_json::Value> {
    let set1 = read_set(p1)?;
    let set2 = if p2.exists() {
        Some(read_set(p2)?)
    } else {
        None
    };
    let analyses: Vec<Analysis> = set1
        .iter()
        .map(|r| {
            scorer.analyse(Reply::typed(
                &r.text,
                r.context.as_deref(),
                Perspective::Client,
            ))
        })
        .collect();
    let fields = set_fields();
    let mut out = serde_json::Map::new();
    if !args.json {
        println!(
            "Assertiveness set ({} replies, labeller 1: {})",
            set1.len(),
            p1.display()
        );
    }
    // Inter-labeller agreement.
    let mut kappas = serde_json::Map::new();
    if let Some(set2) = &set2 {
        let by_id: BTreeMap<&str, &SetRow> = set2.iter().map(|r| (r.id.as_str(), r)).collect();
        let pairs: Vec<(&SetRow, &SetRow)> = set1
            .iter()
            .filter_map(|r| by_id.get(r.id.as_str()).map(|r2| (r, *r2)))
            .collect();
        if !args.json {
            println!(
                "  Cohen's κ, labeller 1 vs labeller 2 ({} items in both, {}):",
                pairs.len(),
                p2.display()
            );
        }
        let a: Vec<Style> = pairs.iter().map(|p| p.0.style).collect();
        let b: Vec<Style> = pairs.iter().map(|p| p.1.style).collect();
        let k = cohen_kappa(&a, &b);
        let agree = a.iter().zip(&b).filter(|(x, y)| x == y).count();
        if !args.json {
            println!(
                "    {:<16} κ {:>6}  (agreement {}/{})",
                "style",
                fmt_opt(k),
                agree,
                pairs.len()
            );
        }
        kappas.insert("style".into(), json!(k.map(round3)));
        for (name, get, _) in &fields {
            let a: Vec<bool> = pairs.iter().map(|p| get(p.0)).collect();
            let b: Vec<bool> = pairs.iter().map(|p| get(p.1)).collect();
            let k = cohen_kappa(&a, &b);
            let (n1, n2) = (
                a.iter().filter(|x| **x).count(),
                b.iter().filter(|x| **x).count(),
            );
            if !args.json {
                println!(
                    "    {:<16} κ {:>6}  (positives {n1} / {n2})",
                    name,
                    fmt_opt(k)
                );
            }
            kappas.insert(name.clone(), json!(k.map(round3)));
        }
    } else if !args.json {
        println!("  (no labeller-2 file at {}: κ not computed)", p2.display());
    }
    out.insert("kappa".into(), serde_json::Value::Object(kappas));
    // Scorer against labeller 1.
    let mut f1s = Vec::new();
    let mut style_out = serde_json::Map::new();
    if !args.json {
        println!("  scorer vs labeller 1:");
    }
    for s in Style::ALL {
        let mut p = Prf::default();
        for (r, a) in set1.iter().zip(&analyses) {
            p.add(r.style == s, a.style == s);
        }
        f1s.push(p.f1());
        if !args.json {
            print_prf(&format!("style {}", s.key()), &p, "");
        }
        style_out.insert(s.key().into(), prf_json(&p));
    }
    let macro_f1 = f1s.iter().sum::<f64>() / f1s.len() as f64;
    let acc = set1
        .iter()
        .zip(&analyses)
        .filter(|(r, a)| r.style == a.style)
        .count();
    if !args.json {
        println!(
            "  {:<34} {:.3}   (accuracy {}/{})",
            "style macro-F1",
            macro_f1,
            acc,
            set1.len()
        );
    }
    out.insert("style".into(), serde_json::Value::Object(style_out));
    out.insert("style_macro_f1".into(), json!(round3(macro_f1)));
    let mut codes_out = serde_json::Map::new();
    for (name, get, code) in &fields {
        let mut p = Prf::default();
        for (r, a) in set1.iter().zip(&analyses) {
            p.add(get(r), a.has(*code));
        }
        if !args.json {
            print_prf(name, &p, "");
        }
        codes_out.insert(name.clone(), prf_json(&p));
    }
    out.insert("codes".into(), serde_json::Value::Object(codes_out));
    if !args.json {
        println!("  style confusion (rows labeller 1, columns scorer): as pa ag pp ne");
        for s in Style::ALL {
            let row: Vec<String> = Style::ALL
                .iter()
                .map(|&t| {
                    set1.iter()
                        .zip(&analyses)
                        .filter(|(r, a)| r.style == s && a.style == t)
                        .count()
                        .to_string()
                })
                .collect();
            println!("    {:<20} {}", s.key(), row.join("  "));
        }
        println!();
    }
    if let Some(m) = &args.misses {
        for (r, a) in set1.iter().zip(&analyses) {
            let (gold, pred) = if m == "style" {
                (r.style.key().to_string(), a.style.key().to_string())
            } else if let Some((_, get, code)) = fields.iter().find(|f| &f.0 == m) {
                (get(r).to_string(), a.has(*code).to_string())
            } else {
                continue;
            };
            if gold != pred {
                let codes: Vec<&str> = a.codes.iter().map(|c| c.key()).collect();
                println!(
                    "    {} gold {gold} got {pred}: {:?} {:?}",
                    r.id, r.text, codes
                );
            }
        }
    }
    Ok(serde_json::Value::Object(out))
}

fn fmt_opt(k: Option<f64>) -> String {
    k.map_or("n/a".into(), |k| format!("{k:.3}"))
}

/// Per-code figures on our own labelled data, one split.
fn gold(scorer: &RuleScorer, dir: &Path, args: &Args) -> anyhow::Result<serde_json::Value> {
    use super::data::{Split, load, split_of};
    let split = match args.split.as_str() {
        "validation" => Some(Split::Validation),
        "dev" => Some(Split::EsconvDev),
        "test" => Some(Split::Test),
        "train" => Some(Split::Train),
        "all" => {
            // Every item of the project's own data would include the sealed split, unannounced.
            let own = super::data::default_dir();
            if dir.join("labels/labeller_a.jsonl").exists()
                || matches!(
                    (std::fs::canonicalize(dir), std::fs::canonicalize(&own)),
                    (Ok(a), Ok(b)) if a == b
                )
            {
                bail!(
                    "--split all reads a check set kept outside training (a folder made from \
                     data/held_out/), not the project's labelled data, whose sealed split it would read"
                );
            }
            None
        }
        other => bail!("unknown split `{other}` (validation, dev, test, train, all)"),
    };
    let all = load(dir)?;
    let items: Vec<_> = all
        .iter()
        .filter(|(i, _)| split.is_none_or(|s| split_of(i) == s))
        .filter(|(i, _)| i.text.split_whitespace().count() >= args.min_words)
        .filter(|(i, _)| args.item_files.is_empty() || args.item_files.contains(&i.file))
        .collect();
    human!(
        args.json,
        "\nOur labelled data, split `{}`{} ({} items{}{}){}",
        args.split,
        if args.item_files.is_empty() {
            String::new()
        } else {
            format!(" of {}", args.item_files.join(", "))
        },
        items.len(),
        if args.min_words > 0 {
            format!(" of {} words or more", args.min_words)
        } else {
            String::new()
        },
        if args.no_context {
            ", scored without the line before"
        } else {
            ""
        },
        if split == Some(Split::Test) {
            " — the SEALED split: report once"
        } else {
            ""
        }
    );
    let mut per: BTreeMap<Code, Prf> = BTreeMap::new();
    let mut styles: BTreeMap<Style, Prf> = BTreeMap::new();
    let (mut beh_ok, mut n) = (0usize, 0usize);
    // Reliability of the probabilities: per tenth of the probability scale, how many (item, code) pairs,
    // their mean probability and how often the code was really there.
    let mut bins = [(0usize, 0f64, 0usize); 10];
    for (item, l) in &items {
        let context = if args.no_context {
            None
        } else {
            item.context()
        };
        let a = scorer.analyse(Reply::typed(&item.text, context, item.perspective()));
        if a.is_crisis() {
            continue;
        }
        n += 1;
        for c in &a.confidence {
            if c.code == Code::Crisis {
                continue;
            }
            let p = f64::from(c.permille) / 1000.0;
            let b = &mut bins[((p * 10.0) as usize).min(9)];
            b.0 += 1;
            b.1 += p;
            b.2 += usize::from(l.codes.contains(&c.code));
        }
        for c in Code::CONCRETE {
            if c == Code::Crisis {
                continue;
            }
            per.entry(c)
                .or_default()
                .add(l.codes.contains(&c), a.codes.contains(&c));
        }
        for s in Style::ALL {
            styles.entry(s).or_default().add(l.style == s, a.style == s);
        }
        beh_ok += usize::from(a.behaviour == l.behaviour);
    }
    let mut out = serde_json::Map::new();
    for (c, p) in &per {
        if !args.json && (p.tp + p.fn_ > 0 || p.fp > 0) {
            print_prf(c.key(), p, "");
        }
        out.insert(c.key().into(), prf_json(p));
    }
    let macro_f1 = styles.values().map(Prf::f1).sum::<f64>() / styles.len().max(1) as f64;
    human!(
        args.json,
        "  style macro-F1 {macro_f1:.3}; behaviour accuracy {:.3}",
        ratio(beh_ok, n)
    );
    out.insert("style_macro_f1".into(), json!(round3(macro_f1)));
    out.insert("behaviour_accuracy".into(), json!(round3(ratio(beh_ok, n))));
    if scorer.model().is_some() {
        human!(
            args.json,
            "  reliability of `confidence` (every item × code):\n    probability   pairs   mean p   observed"
        );
        let mut rel = Vec::new();
        for (i, (count, sum, hits)) in bins.iter().enumerate() {
            if *count == 0 {
                continue;
            }
            let (mean, seen) = (sum / *count as f64, ratio(*hits, *count));
            human!(
                args.json,
                "    {:.1}–{:.1}     {:>7}   {:.3}    {:.3}",
                i as f64 / 10.0,
                (i + 1) as f64 / 10.0,
                count,
                mean,
                seen
            );
            rel.push(json!({"from": i as f64 / 10.0, "pairs": count, "mean_p": round3(mean), "observed": round3(seen)}));
        }
        out.insert("reliability".into(), serde_json::Value::Array(rel));
    }
    Ok(serde_json::Value::Object(out))
}

/// Cohen's κ per code, style and behaviour between the two blind labellers.
fn kappa(dir: &Path, json: bool) -> anyhow::Result<serde_json::Value> {
    use super::data::Gold;
    let read = |name: &str| -> anyhow::Result<BTreeMap<String, Gold>> {
        let rows: Vec<Gold> = super::data::read_jsonl(&dir.join("labels").join(name))?;
        Ok(rows.into_iter().map(|g| (g.id.clone(), g)).collect())
    };
    let (a, b) = (read("labeller_a.jsonl")?, read("labeller_b.jsonl")?);
    let both: Vec<(&Gold, &Gold)> = a
        .iter()
        .filter_map(|(id, x)| b.get(id).map(|y| (x, y)))
        .collect();
    human!(
        json,
        "\nAgreement of the two blind labellers ({} items labelled by both)",
        both.len()
    );
    let mut out = serde_json::Map::new();
    for c in Code::CONCRETE {
        let xa: Vec<bool> = both
            .iter()
            .map(|(x, _)| x.codes.iter().any(|k| k == c.key()))
            .collect();
        let xb: Vec<bool> = both
            .iter()
            .map(|(_, y)| y.codes.iter().any(|k| k == c.key()))
            .collect();
        let pos = xa.iter().zip(&xb).filter(|(p, q)| **p || **q).count();
        if let Some(k) = cohen_kappa(&xa, &xb) {
            human!(
                json,
                "  {:<28} κ {k:.2}   (items either labelled it: {pos})",
                c.key()
            );
            out.insert(c.key().into(), json!(round3(k)));
        }
    }
    for (name, f) in [("style", 0usize), ("behaviour", 1usize)] {
        let pick = |g: &Gold| {
            if f == 0 {
                g.style.clone()
            } else {
                g.behaviour.clone()
            }
        };
        let xa: Vec<String> = both.iter().map(|(x, _)| pick(x)).collect();
        let xb: Vec<String> = both.iter().map(|(_, y)| pick(y)).collect();
        if let Some(k) = cohen_kappa(&xa, &xb) {
            human!(json, "  {name:<28} κ {k:.2}");
            out.insert(name.into(), json!(round3(k)));
        }
    }
    Ok(serde_json::Value::Object(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kappa_known_values() {
        let a = [true, true, false, false];
        assert_eq!(cohen_kappa(&a, &a), Some(1.0));
        let b = [true, false, true, false];
        assert_eq!(cohen_kappa(&a, &b), Some(0.0));
    }

    #[test]
    fn csv_quotes() {
        assert_eq!(parse_csv_line(r#"a,"b, ""c""",d"#), ["a", "b, \"c\"", "d"]);
    }
}
