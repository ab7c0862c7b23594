//! Scorer benchmarks: a typical 40-word reply (rescored on every keystroke), a 1 MB reply (linear time), and compiling the rules.

// criterion_group! generates an undocumented public function.
#![allow(missing_docs)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rapport::scoring::learned::Model;
use rapport::scoring::{Perspective, Reply, RuleScorer, Scorer};
use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

/// A typical reply of 40 words, with its context.
const REPLY: &str = "I hear you, and I'm sorry it landed on you again this week. I feel worn out too \
when the dishes pile up. Could we split them, maybe you wash and I dry, and talk on Sunday about what works?";
const CONTEXT: &str = "You never notice how much I do around here.";

fn typical(c: &mut Criterion) {
    // The shipped scorer: the rules read the reply, then the learned layer adds its decisions and every
    // code's probability, so "40-word reply" includes the model (features, logits, calibration).
    let scorer = RuleScorer::builtin();
    assert!(scorer.model().is_some(), "the shipped model is loaded");
    assert_eq!(REPLY.split_whitespace().count(), 40);
    let mut g = c.benchmark_group("score");
    g.throughput(Throughput::Elements(1));
    g.bench_function("40-word reply", |b| {
        b.iter(|| {
            scorer.analyse(black_box(Reply::typed(
                REPLY,
                Some(CONTEXT),
                Perspective::Client,
            )))
        })
    });
    g.bench_function("40-word reply, codes only", |b| {
        b.iter(|| {
            scorer.findings(black_box(&Reply::typed(
                REPLY,
                Some(CONTEXT),
                Perspective::Client,
            )))
        })
    });
    g.finish();
}

/// A therapist's turn of transcript length (80 words, spoken style), with its context.
const LONG: &str = "So, um, you were in the kitchen, and the call is going, and, I mean, I'm just trying to \
picture it, like, the phone propped up somewhere and the rituals happening thousands of kilometres away. \
And I'm guessing nobody in Toronto really knew what that morning was for you. It sounds like part of you \
was there with the family and part of you was very far away, alone with it. What was that like, \
afterwards, when the call ended?";
const LONG_CONTEXT: &str =
    "My appa passed in January, back in Chennai. I watched the cremation on a video call.";

fn learned(c: &mut Criterion) {
    // The shipped scorer (rules, then the learned layer's decisions) against the rules alone.
    let model: Arc<Model> = RuleScorer::builtin()
        .model()
        .cloned()
        .expect("the shipped model loads");
    let scorer = RuleScorer::builtin();
    let rules = RuleScorer::builtin().with_model(None);
    let mut g = c.benchmark_group("score");
    g.throughput(Throughput::Elements(1));
    g.bench_function("40-word reply, rules only", |b| {
        b.iter(|| {
            rules.analyse(black_box(Reply::typed(
                REPLY,
                Some(CONTEXT),
                Perspective::Client,
            )))
        })
    });
    g.bench_function("long therapist turn, rules only", |b| {
        b.iter(|| {
            rules.analyse(black_box(Reply::typed(
                LONG,
                Some(LONG_CONTEXT),
                Perspective::Therapist,
            )))
        })
    });
    g.bench_function("long therapist turn, shipped", |b| {
        b.iter(|| {
            scorer.analyse(black_box(Reply::typed(
                LONG,
                Some(LONG_CONTEXT),
                Perspective::Therapist,
            )))
        })
    });
    g.finish();

    let mut g = c.benchmark_group("model");
    let reply = Reply::typed(REPLY, Some(CONTEXT), Perspective::Client);
    g.bench_function("rules + extract features, 40-word reply", |b| {
        b.iter(|| scorer.features(black_box(&reply), model.bits))
    });
    let (_, feats) = scorer.features(&reply, model.bits);
    let mut out = Vec::new();
    g.bench_function("logits, 40-word reply", |b| {
        b.iter(|| model.logits(black_box(&feats.items), &mut out))
    });
    let bytes = model.to_bytes();
    assert!(bytes.len() > 1_000_000 && bytes.len() < 16 << 20);
    g.sample_size(20);
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function("load the shipped model (from_bytes)", |b| {
        b.iter(|| Model::from_bytes(black_box(&bytes)).map(|m| m.bits))
    });
    g.finish();
}

fn huge(c: &mut Criterion) {
    let scorer = RuleScorer::builtin();
    let mut text = String::with_capacity(1 << 20);
    while text.len() < (1 << 20) - REPLY.len() {
        text.push_str(REPLY);
        text.push(' ');
    }
    let mut g = c.benchmark_group("score");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("1 MB reply", |b| {
        b.iter(|| {
            scorer.analyse(black_box(Reply::typed(
                &text,
                Some(CONTEXT),
                Perspective::Client,
            )))
        })
    });
    let half = &text[..text.len() / 2];
    g.throughput(Throughput::Bytes(half.len() as u64));
    g.bench_function("0.5 MB reply", |b| {
        b.iter(|| {
            scorer.analyse(black_box(Reply::typed(
                half,
                Some(CONTEXT),
                Perspective::Client,
            )))
        })
    });
    g.finish();
}

fn loading(c: &mut Criterion) {
    let mut g = c.benchmark_group("rules");
    g.sample_size(20);
    g.bench_function("compile built-in rules and load the model", |b| {
        b.iter(|| RuleScorer::try_builtin().map(|s| black_box(s.lexicon_names().len())))
    });
    g.finish();
}

criterion_group!(benches, typical, learned, huge, loading);
criterion_main!(benches);
