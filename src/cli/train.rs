//! `rapport train`: trains the scorer's learned layer on `data/` and writes `assets/scoring/model.bin` and its model card.

use super::data::{self, Item, Labels, Split};
use super::eval::Prf;
use crate::scoring::learned::{Model, Output};
use crate::scoring::train::{self, Config, Example};
use crate::scoring::{Code, Reply, RuleScorer, Scorer};
use anyhow::Context as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `rapport train`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The labelled data folder (items/ and labels/gold.jsonl).
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Where to write the weights.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Where to write the model card.
    #[arg(long, value_name = "FILE")]
    pub card: Option<PathBuf>,
    /// log2 of the number of feature buckets.
    #[arg(long, default_value_t = 16)]
    pub bits: u32,
    /// Passes over the training data.
    #[arg(long, default_value_t = 10)]
    pub epochs: usize,
    /// L2 penalty per touched weight and step.
    #[arg(long, default_value_t = 1e-3)]
    pub l2: f32,
    /// AdaGrad's base learning rate.
    #[arg(long, default_value_t = 0.1)]
    pub rate: f32,
    /// How much a real (not written) item counts in training relative to a written one.
    #[arg(long, default_value_t = 1.0)]
    pub real_weight: f32,
}

/// Builds the training example for one labelled item.
pub fn example(
    rules: &RuleScorer,
    outputs: &[Output],
    bits: u32,
    item: &Item,
    l: &Labels,
    weight: f32,
) -> Example {
    let reply = Reply::typed(&item.text, item.context(), item.perspective());
    let (found, feats) = rules.features(&reply, bits);
    let rule_codes = outputs
        .iter()
        .map(|o| matches!(*o, Output::Code(c) if found.has(c)))
        .collect();
    let target = outputs
        .iter()
        .map(|o| {
            let on = match *o {
                Output::Code(c) => l.codes.contains(&c),
                Output::Style(s) => l.style == s,
                Output::Behaviour(b) => l.behaviour == b,
            };
            if on { 1.0 } else { 0.0 }
        })
        .collect();
    Example {
        feats: feats.items,
        target,
        rules: rule_codes,
        weight,
        real: !item.source.is_empty(),
    }
}

/// Precision, recall and F1 of each code (crisis aside) for a scorer over items.
pub fn code_figures(scorer: &dyn Scorer, items: &[&(Item, Labels)]) -> Vec<(Code, Prf)> {
    let mut counts: Vec<(Code, Prf)> = Code::CONCRETE
        .iter()
        .filter(|c| **c != Code::Crisis)
        .map(|&c| (c, Prf::default()))
        .collect();
    for (item, l) in items {
        let a = scorer.analyse(Reply::typed(&item.text, item.context(), item.perspective()));
        for (c, n) in counts.iter_mut() {
            n.add(l.codes.contains(c), a.codes.contains(c));
        }
    }
    counts
}

/// Runs `rapport train`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let dir = args.data.clone().unwrap_or_else(data::default_dir);
    let all = data::load(&dir)?;
    let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/scoring");
    let out = args.out.clone().unwrap_or_else(|| assets.join("model.bin"));
    let card = args
        .card
        .clone()
        .unwrap_or_else(|| assets.join("MODEL_CARD.md"));
    let part = |s: Split| -> Vec<&(Item, Labels)> {
        all.iter().filter(|(i, _)| data::split_of(i) == s).collect()
    };
    let (train_set, val, dev, test) = (
        part(Split::Train),
        part(Split::Validation),
        part(Split::EsconvDev),
        part(Split::Test),
    );
    eprintln!(
        "{} labelled items: train {}, validation {}, ESConv dev {} (validation only), sealed test {} (not read)",
        all.len(),
        train_set.len(),
        val.len(),
        dev.len(),
        test.len()
    );
    let rules = RuleScorer::builtin().with_model(None);
    let outputs = Output::all();
    let to_examples = |set: &[&(Item, Labels)]| -> Vec<Example> {
        set.iter()
            .map(|(i, l)| {
                let w = if i.source.is_empty() {
                    1.0
                } else {
                    args.real_weight
                };
                example(&rules, &outputs, args.bits, i, l, w)
            })
            .collect()
    };
    let train_ex = to_examples(&train_set);
    let mut held = to_examples(&val);
    held.extend(to_examples(&dev));
    let cfg = Config {
        epochs: args.epochs,
        l2: args.l2,
        rate: args.rate,
        ..Config::default()
    };
    let t = std::time::Instant::now();
    let mut model = train::fit(&train_ex, outputs.clone(), args.bits, cfg);
    train::calibrate(&mut model, &held);
    train::set_thresholds(&mut model, &held);
    eprintln!("trained in {:.1} s", t.elapsed().as_secs_f64());
    std::fs::write(&out, model.to_bytes()).with_context(|| format!("writing {}", out.display()))?;
    let learned = rules
        .with_model(Some(std::sync::Arc::new(model.clone())))
        .with_learned_decisions(true);
    let mut held_items = val.clone();
    held_items.extend(dev.iter().copied());
    let before = code_figures(&rules, &held_items);
    let after = code_figures(&learned, &held_items);
    let mut table = String::from(
        "| code | rules F1 | learned F1 | decided by | threshold | positives |\n|---|---|---|---|---|---|\n",
    );
    for ((c, b), (_, a)) in before.iter().zip(&after) {
        let o = outputs
            .iter()
            .position(|o| *o == Output::Code(*c))
            .unwrap_or(0);
        table.push_str(&format!(
            "| {} | {:.2} | {:.2} | {} | {:.2} | {} |\n",
            c.key(),
            b.f1(),
            a.f1(),
            model.combine[o].name(),
            model.threshold[o],
            a.tp + a.fn_
        ));
    }
    println!("Validation (held out from training: 10% of the train pool + ESConv dev)\n\n{table}");
    std::fs::write(
        &card,
        model_card(
            &model,
            &all,
            train_set.len(),
            held_items.len(),
            test.len(),
            &table,
        ),
    )
    .with_context(|| format!("writing {}", card.display()))?;
    eprintln!("wrote {} and {}", out.display(), card.display());
    Ok(ExitCode::SUCCESS)
}

fn model_card(
    m: &Model,
    all: &[(Item, Labels)],
    train: usize,
    held: usize,
    test: usize,
    table: &str,
) -> String {
    let count = |p: &str| all.iter().filter(|(i, _)| i.source.starts_with(p)).count();
    let written = all.iter().filter(|(i, _)| i.source.is_empty()).count();
    format!(
        "# Model card: Rapport's learned scoring layer\n\n\
         **Licence: CC BY-NC 4.0** — these weights are trained on ESConv items (CC BY-NC 4.0, Liu et al., ACL 2021),\n\
         so they carry that licence: non-commercial use only, credit the ESConv authors. The rest of Rapport is\n\
         MIT OR Apache-2.0.\n\n\
         - What it is: one logistic model per code (sigmoid), plus style and main behaviour (softmax), over\n\
           2^{bits} hashed features (word and character n-grams, the rule engine's hits and decisions, overlap with\n\
           the line before, sentence form). Platt-calibrated probabilities; per-code thresholds chosen on validation.\n\
         - File: `assets/scoring/model.bin` ({size} bytes), written by `rapport train` (reproducible: fixed seed).\n\
         - Data (`data/`, see its README): {n} labelled items — written for the project {written}, ESConv dev {dev},\n\
           ESConv set-aside conversations {extra}, Stanford politeness {pol} (CC BY 4.0).\n\
         - Splits: trained on {train}; calibrated and thresholds set on {held} (10% of the pool + ESConv dev, never\n\
           trained on); sealed test {test} items never read by training.\n\
         - Rules fingerprint (the lexicons and patterns it was trained over): `{rules}`.\n\
         - How it is used in this release: the rules decide the codes, style and behaviour (what the app\n\
           shows and what scenario routes read) and this model gives each code's probability (`confidence`,\n\
           muted chips below 0.6). Its own decisions (`rapport eval --learned`) beat the rules on validation\n\
           but still misread too many of the scenario library's good replies (e.g. reflections coded as\n\
           contempt) to route on; see docs/scoring.md.\n\n\
         ## Validation figures (F1, rules alone vs learned)\n\n{table}\n",
        bits = m.bits,
        size = m.to_bytes().len(),
        n = all.len(),
        dev = count("esconv-dev"),
        extra = count("esconv-extra"),
        pol = count("politeness"),
        rules = crate::scoring::rules::rules_fingerprint(),
    )
}
