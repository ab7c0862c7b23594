//! Property tests: the runner stays on real nodes, is deterministic, resumes exactly; no input makes the loader panic.

mod common;

use common::{TestScorer, shipped, shipped_files};
use proptest::prelude::*;
use rapport::dialogue::{Prompt, Runner};
use rapport::scenario::load_str;
use std::path::Path;

#[derive(Debug, Clone)]
enum Step {
    Pick(usize),
    Say(String),
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    prop::collection::vec(
        prop_oneof![
            (0usize..6).prop_map(Step::Pick),
            prop_oneof![
                Just("What was that like for you?".to_string()),
                Just("It sounds like you're exhausted.".to_string()),
                Just("You never listen.".to_string()),
                "[a-z ?]{0,30}",
            ]
            .prop_map(Step::Say),
        ],
        0..25,
    )
}

/// Applies steps, skipping those that do not fit the node (a pick on a prompt is sent as text, and the reverse).
fn play(r: &mut Runner, steps: &[Step]) {
    for s in steps {
        match (r.view().prompt, s) {
            (Prompt::Ending { .. }, _) => return,
            (Prompt::Options(o), Step::Pick(i)) => {
                r.choose(i % o.len().max(1), &TestScorer).unwrap();
            }
            (Prompt::Options(o), Step::Say(t)) => {
                r.choose(t.len() % o.len().max(1), &TestScorer).unwrap();
            }
            (Prompt::FreeText { .. }, Step::Say(t)) => {
                r.say(t, &TestScorer).unwrap();
            }
            (Prompt::FreeText { .. }, Step::Pick(i)) => {
                r.say(&format!("reply {i}"), &TestScorer).unwrap();
            }
        }
        assert!(
            r.scenario().node(&r.state().node).is_some(),
            "runner reached unknown node {}",
            r.state().node
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn runner_never_reaches_a_missing_node(which in 0usize..64, seed in any::<u64>(), s in steps()) {
        let all = shipped();
        prop_assume!(!all.is_empty());
        let sc = all[which % all.len()].clone();
        let mut r = Runner::new(sc, seed);
        play(&mut r, &s);
    }

    #[test]
    fn same_seed_and_inputs_give_the_same_transcript(which in 0usize..64, seed in any::<u64>(), s in steps()) {
        let all = shipped();
        let sc = all[which % all.len()].clone();
        let mut a = Runner::new(sc.clone(), seed);
        let mut b = Runner::new(sc, seed);
        play(&mut a, &s);
        play(&mut b, &s);
        prop_assert_eq!(a.state(), b.state());
        prop_assert_eq!(a.view(), b.view());
    }

    #[test]
    fn save_then_restore_gives_the_same_continuation(which in 0usize..64, seed in any::<u64>(), s in steps(), cut in 0usize..25) {
        let all = shipped();
        let sc = all[which % all.len()].clone();
        let cut = cut.min(s.len());
        let mut straight = Runner::new(sc.clone(), seed);
        play(&mut straight, &s);
        let mut first = Runner::new(sc.clone(), seed);
        play(&mut first, &s[..cut]);
        let saved = first.save();
        let mut resumed = Runner::restore_str(sc, &saved).unwrap();
        play(&mut resumed, &s[cut..]);
        prop_assert_eq!(straight.state(), resumed.state());
    }

}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn no_mangled_scenario_makes_the_loader_panic(which in 0usize..64, kind in 0u8..3, at in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let files = shipped_files();
        let path = &files[which % files.len()];
        let src = std::fs::read(path).unwrap();
        let mut bytes = src.clone();
        match kind {
            0 => bytes.truncate(at.index(bytes.len() + 1)),
            1 => { let i = at.index(bytes.len()); bytes[i] = byte; }
            _ => {
                let text = String::from_utf8_lossy(&src).into_owned();
                let lines: Vec<&str> = text.lines().collect();
                let drop = at.index(lines.len());
                bytes = lines.iter().enumerate().filter(|(i, _)| *i != drop).map(|(_, l)| *l).collect::<Vec<_>>().join("\n").into_bytes();
            }
        }
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let r = load_str(&text, Path::new("mangled.ron"));
        let lines = text.lines().count().max(1);
        for d in &r.diagnostics {
            prop_assert!(d.line >= 1 && d.line <= lines + 1, "line {} of {}", d.line, lines);
            prop_assert!(d.column >= 1);
            let _ = d.to_string();
        }
        prop_assert_eq!(r.scenario.is_none(), r.has_errors());
    }
}

#[test]
fn shipped_scenarios_all_load() {
    let files = shipped_files();
    assert!(!files.is_empty());
    for f in files {
        let r = rapport::scenario::load_file(&f);
        assert!(
            r.scenario.is_some(),
            "{}: {:#?}",
            f.display(),
            r.diagnostics
        );
    }
}
