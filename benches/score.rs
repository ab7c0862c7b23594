//! Scorer benchmarks: a typical 40-word reply (rescored on every keystroke), a 1 MB reply (linear time), and compiling the rules.

// criterion_group! generates an undocumented public function.
#![allow(missing_docs)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rapport::scoring::{Perspective, Reply, RuleScorer, Scorer};
use std::hint::black_box;
use std::time::Duration;

/// A typical reply of 40 words, with its context.
const REPLY: &str = "I hear you, and I'm sorry it landed on you again this week. I feel worn out too \
when the dishes pile up. Could we split them, maybe you wash and I dry, and talk on Sunday about what works?";
const CONTEXT: &str = "You never notice how much I do around here.";

fn typical(c: &mut Criterion) {
    let scorer = RuleScorer::builtin();
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
    g.bench_function("compile built-in rules", |b| {
        b.iter(|| RuleScorer::try_builtin().map(|s| black_box(s.lexicon_names().len())))
    });
    g.finish();
}

criterion_group!(benches, typical, huge, loading);
criterion_main!(benches);
