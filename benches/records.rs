//! Records benchmarks: the time to save one reply (one transaction: the reply row and the
//! runner's state) to a database file in WAL mode with `synchronous=FULL`, and to list the history.

use criterion::Criterion;
use rapport::dialogue::Session;
use rapport::records::Store;
use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;

fn bench(c: &mut Criterion) {
    let path = Path::new(rapport::BUNDLED_SCENARIOS).join("role-disputes/dishes-again.ron");
    let scenario = Arc::new(
        rapport::scenario::load_file(&path)
            .scenario
            .expect("bundled scenario loads"),
    );
    // A realistic reply: the first option, scored by the real scorer, with the state after it.
    let mut runner = Session::start(scenario.clone(), 7);
    let turn = runner.choose(0).expect("option 0 exists").turn;
    let state = runner.save();

    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("rapport.sqlite3")).expect("open");
    let id = store
        .start_session(&scenario, 7, false, None)
        .expect("session");
    c.bench_function("save_reply (file, WAL, synchronous=FULL)", |b| {
        b.iter(|| store.save_reply(id, black_box(&turn), black_box(&state)))
    });

    let mut mem = Store::open_in_memory().expect("open");
    let id = mem
        .start_session(&scenario, 7, false, None)
        .expect("session");
    c.bench_function("save_reply (in memory, no disk)", |b| {
        b.iter(|| mem.save_reply(id, black_box(&turn), black_box(&state)))
    });

    // History list: 200 sessions of 5 replies each.
    let mut hist = Store::open_in_memory().expect("open");
    for _ in 0..200 {
        let id = hist
            .start_session(&scenario, 7, false, None)
            .expect("session");
        for _ in 0..5 {
            hist.save_reply(id, &turn, &state).expect("save");
        }
    }
    c.bench_function("sessions (200 sessions x 5 replies)", |b| {
        b.iter(|| black_box(hist.sessions().expect("list")))
    });
}

// What `criterion_group!`/`criterion_main!` expand to, written out so every item has docs.
fn main() {
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c);
    c.final_summary();
}
