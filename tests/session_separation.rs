//! Whole sessions: the debrief's reflection-to-question share separates the sessions blind raters judged good from the poor ones at least as well as a dozen regular expressions do.

use rapport::cli::eval_sessions::sessions;
use rapport::scoring::RuleScorer;
use std::path::Path;

#[test]
fn the_debrief_separates_good_sessions_from_poor_at_least_as_well_as_regexes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sessions");
    let r = sessions(RuleScorer::builtin(), &dir, true).expect("the sessions evaluate");
    assert_eq!(r["sessions"], 48);
    for key in ["auc_bands", "auc_rated", "spearman_mean_global"] {
        let (ours, regex) = (
            r[key]["ours"].as_f64().unwrap(),
            r[key]["regex"].as_f64().unwrap(),
        );
        assert!(ours >= regex, "{key}: ours {ours} < regexes {regex}");
    }
    // The global estimates rank sessions in the raters' order, each well above chance.
    for (g, rho) in r["global_estimates_spearman"].as_object().unwrap() {
        assert!(rho.as_f64().unwrap() > 0.5, "{g}: ρ {rho}");
    }
}
