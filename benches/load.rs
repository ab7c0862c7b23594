//! Loading + validating generated scenarios of 1,000, 10,000 and 100,000 nodes (target: 10,000 under 100 ms, about linear).
#![allow(missing_docs)] // criterion_group! generates an undocumented public function

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use rapport::scenario::load_str;
use std::fmt::Write;
use std::hint::black_box;
use std::path::Path;

/// A scenario of `n` nodes: a chain of option nodes with skips, a free-text node every tenth, endings at the end.
pub fn generate(n: usize) -> String {
    let mut s = String::with_capacity(n * 400);
    s.push_str(
        r#"Scenario(format_version: 1, id: "generated", title: "Generated", summary: "Benchmark scenario.",
    area: RoleDispute, perspective: Client, content_notes: [],
    characters: [Character(id: "a", name: "Alex")],
    variables: {"flag": Bool(false)},
    meters: [Meter(id: "trust", label: "Trust", min: 0, max: 10, initial: 5)],
    start: "n0",
    nodes: [
"#,
    );
    let endings = 2;
    let body = n - endings;
    for i in 0..body {
        let next = |k: usize| {
            if i + k < body {
                format!("n{}", i + k)
            } else {
                format!("end{}", (i + k - body) % endings)
            }
        };
        if i % 10 == 5 {
            writeln!(
                s,
                r#"        Node(id: "n{i}", speaker: "a", lines: ["Line {i}, variant one.", "Line {i}, variant two."], then: FreeText(prompt: "Say something.", routes: [Route(when: Code(Horseman), to: "{}", effects: [Meter("trust", -1)]), Route(when: Any([Code(Reflection), Code(OpenQuestion)]), to: "{}")], fallback: Next(to: "{}"))),"#,
                next(1),
                next(2),
                next(1)
            )
            .unwrap();
        } else {
            writeln!(
                s,
                r#"        Node(id: "n{i}", speaker: "a", mood: Guarded, lines: ["Line {i}."], then: Options([Choice(text: "Option one at {i}", to: "{}", tags: [IStatement], effects: [Meter("trust", 1), Set("flag", Bool(true))]), Choice(text: "Option two at {i}", to: "{}", when: Var("flag", Is(true)))])),"#,
                next(1),
                next(2)
            )
            .unwrap();
        }
    }
    for e in 0..endings {
        writeln!(s, r#"        Node(id: "end{e}", speaker: "a", lines: ["Bye."], then: Ending(kind: Good, title: "End", debrief: "Done.")),"#).unwrap();
    }
    s.push_str("    ],\n)\n");
    s
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("load_and_validate");
    g.sample_size(10);
    for n in [1_000usize, 10_000, 100_000] {
        let src = generate(n);
        let r = load_str(&src, Path::new("generated.ron"));
        assert!(r.scenario.is_some(), "{:?}", r.diagnostics.first());
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &src, |b, src| {
            b.iter(|| load_str(black_box(src), Path::new("generated.ron")))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
