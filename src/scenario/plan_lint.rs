//! Linting test plans (`NAME.test.ron`) against their scenario: node ids in `path`, the options `Pick` names, the routes `Reply` asserts, run names.
//!
//! Inputs are read from the span tree rather than the typed plan, so both `Pick(2)` (the 2nd option
//! in file order) and `Pick("option_id")` are understood, whatever the plan types look like.

use super::codes::DiagCode as C;
use super::diagnostic::{Diagnostic, hint_for};
use super::load::{ron_error, ron_options, text_of};
use super::locate::{self, LineIndex, SKind, SNode, Seg, Span};
use super::raw::{Choice, RawTestPlan, Route, SPECIAL_ROUTES, Then};
use super::{Node, Scenario};
use std::collections::HashMap;
use std::path::Path;

/// The scenario a plan belongs to, as far as linting it goes.
pub enum PlanTarget<'s> {
    /// It loaded.
    Loaded(&'s Scenario),
    /// There is no such file.
    Missing(&'s Path),
    /// It has errors (reported on their own).
    Broken(&'s Path),
}

/// Checks a plan file against its scenario; every problem located in the plan.
pub fn lint_plan(path: &Path, target: PlanTarget<'_>) -> Vec<Diagnostic> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return vec![Diagnostic::whole_file(
                C::Unreadable,
                format!("cannot read the test plan: {e}"),
                path,
            )];
        }
    };
    let src = match text_of(&bytes, path) {
        Ok(s) => s,
        Err(d) => return vec![*d],
    };
    let plan: RawTestPlan = match ron_options().from_str(src) {
        Ok(p) => p,
        Err(e) => return vec![ron_error(src, path, &e)],
    };
    let scenario = match target {
        PlanTarget::Loaded(s) => s,
        PlanTarget::Missing(sp) => {
            let name = sp
                .file_name()
                .map_or(String::new(), |n| n.to_string_lossy().into_owned());
            return vec![Diagnostic::whole_file(
                C::PlanNoScenario,
                format!("this plan's scenario `{name}` does not exist"),
                path,
            )
            .with_hint(format!(
                "a plan `NAME.test.ron` checks the scenario `NAME.ron` beside it; rename the plan or create `{name}`"
            ))];
        }
        PlanTarget::Broken(sp) => {
            return vec![
                Diagnostic::whole_file(
                    C::PlanNoScenario,
                    format!(
                        "this plan cannot be checked: its scenario `{}` has errors",
                        sp.display()
                    ),
                    path,
                )
                .with_hint("fix the scenario's errors first (`rapport lint` on it)"),
            ];
        }
    };
    let Some(tree) = locate::parse(src) else {
        return Vec::new();
    };
    let mut l = PlanLinter {
        src,
        path,
        lines: LineIndex::new(src),
        tree: &tree,
        scenario,
        out: Vec::new(),
    };
    l.check(&plan);
    l.out.sort_by_key(|d| (d.line, d.column));
    l.out
}

/// An option's id, if it has one.
fn option_id(c: &Choice) -> Option<&str> {
    c.id.as_deref()
}

/// A route's label, if it has one.
fn route_label(r: &Route) -> Option<&str> {
    r.label.as_deref()
}

/// What a step asks for, read from the text.
enum Step<'t> {
    PickNumber(i64, Span),
    PickId(&'t str, Span),
    Reply(Option<(&'t str, Span)>),
    Other,
}

struct PlanLinter<'a> {
    src: &'a str,
    path: &'a Path,
    lines: LineIndex,
    tree: &'a SNode,
    scenario: &'a Scenario,
    out: Vec<Diagnostic>,
}

impl<'a> PlanLinter<'a> {
    fn report(&mut self, code: C, span: Span, msg: String, hint: Option<String>) {
        let mut d = Diagnostic::in_source(code, msg, self.path, &self.lines, self.src, span);
        if let Some(h) = hint {
            d = d.with_hint(h);
        }
        self.out.push(d);
    }

    fn span(&self, path: &[Seg]) -> Span {
        self.tree.find(path).map_or((0, 1), |n| n.span)
    }

    fn check(&mut self, plan: &RawTestPlan) {
        let s = self.scenario;
        let node_names: Vec<&str> = s.nodes.iter().map(|n| n.id.as_str()).collect();
        let mut names: HashMap<&str, usize> = HashMap::new();
        for (r, run) in plan.runs.iter().enumerate() {
            let rp = [Seg::Field("runs"), Seg::Index(r)];
            let name_span = self.span(&[rp[0].clone(), rp[1].clone(), Seg::Field("name")]);
            if run.name.trim().is_empty() {
                self.report(
                    C::PlanRunName,
                    name_span,
                    "this run has no name".into(),
                    None,
                );
            } else if let Some(&first) = names.get(run.name.as_str()) {
                let at = self.span(&[Seg::Field("runs"), Seg::Index(first), Seg::Field("name")]);
                let (line, _) = self.lines.line_col(self.src, at.0);
                self.report(
                    C::PlanRunName,
                    name_span,
                    format!("a run named \"{}\" is already defined", run.name),
                    Some(format!(
                        "the first is on line {line}; `rapport test --run` picks runs by name, so give this one another"
                    )),
                );
            } else {
                names.insert(run.name.as_str(), r);
            }
            for (k, id) in run.path.iter().enumerate() {
                if s.node(id).is_none() {
                    let span = self.span(&[
                        Seg::Field("runs"),
                        Seg::Index(r),
                        Seg::Field("path"),
                        Seg::Index(k),
                    ]);
                    self.report(
                        C::PlanUnknownNode,
                        span,
                        format!("the scenario has no node `{id}`"),
                        Some(hint_for(id, &node_names, "node")),
                    );
                }
            }
            self.inputs(r, &run.path);
        }
    }

    fn step(&self, r: usize, k: usize) -> Step<'a> {
        let tree: &'a SNode = self.tree;
        let Some(n) = tree.find(&[
            Seg::Field("runs"),
            Seg::Index(r),
            Seg::Field("inputs"),
            Seg::Index(k),
        ]) else {
            return Step::Other;
        };
        let SKind::Paren {
            name: Some((name, _)),
            fields,
            items,
        } = &n.kind
        else {
            return Step::Other;
        };
        match (name.as_str(), items.first().map(|i| (&i.kind, i.span))) {
            ("Pick", Some((SKind::Atom(a), span))) => {
                a.parse().map_or(Step::Other, |v| Step::PickNumber(v, span))
            }
            ("Pick", Some((SKind::Str(id), span))) => Step::PickId(id, span),
            ("Reply", _) => Step::Reply(fields.iter().find(|f| f.0 == "route").and_then(
                |(_, _, v)| match &v.kind {
                    SKind::Str(s) => Some((s.as_str(), v.span)),
                    SKind::Atom(a) => Some((a.as_str(), v.span)),
                    _ => None,
                },
            )),
            _ => Step::Other,
        }
    }

    /// Follows the run's inputs through the scenario where it can be known statically: from the
    /// start, a pick at an options node leads to its option's target. When the plan lists one node
    /// per input (a complete path with no clarify), each input is checked at its path node instead.
    fn inputs(&mut self, r: usize, path: &[String]) {
        let s = self.scenario;
        let Some(SKind::List(items)) = self
            .tree
            .find(&[Seg::Field("runs"), Seg::Index(r), Seg::Field("inputs")])
            .map(|n| &n.kind)
        else {
            return;
        };
        let count = items.len();
        let aligned = path.len() == count + 1 && path.iter().all(|p| s.node(p).is_some());
        let mut at: Option<&Node> = s.node(&s.start);
        for k in 0..count {
            if aligned {
                at = path.get(k).and_then(|id| s.node(id));
            }
            let next = match self.step(r, k) {
                Step::PickNumber(n, span) => self.pick_number(at, n, span),
                Step::PickId(id, span) => self.pick_id(at, id, span),
                Step::Reply(Some((route, span))) => {
                    self.reply_route(at, route, span);
                    None
                }
                Step::Reply(None) | Step::Other => None,
            };
            at = next;
        }
    }

    fn pick_number(&mut self, at: Option<&'a Node>, n: i64, span: Span) -> Option<&'a Node> {
        let s = self.scenario;
        if n < 1 {
            self.report(
                C::PlanUnknownOption,
                span,
                format!("`Pick({n})` picks no option: picks count from 1"),
                Some("`Pick(1)` is the first option in file order".into()),
            );
            return None;
        }
        let node = at?;
        let opts = self.options_at(node, span)?;
        let i = n as usize;
        if i > opts.len() {
            self.report(
                C::PlanUnknownOption,
                span,
                format!(
                    "node `{}` has {} option{}; there is no option {n}",
                    node.id,
                    opts.len(),
                    if opts.len() == 1 { "" } else { "s" }
                ),
                Some(format!(
                    "picks count from 1 in file order: `Pick(1)` to `Pick({})`",
                    opts.len()
                )),
            );
            return None;
        }
        // With conditional options the n-th visible one is not known without playing.
        if opts.iter().any(|o| o.when.is_some()) {
            return None;
        }
        s.node(&opts[i - 1].to)
    }

    fn pick_id(&mut self, at: Option<&'a Node>, id: &str, span: Span) -> Option<&'a Node> {
        let s = self.scenario;
        match at {
            Some(node) => {
                let opts = self.options_at(node, span)?;
                if let Some(o) = opts.iter().find(|o| option_id(o) == Some(id)) {
                    return s.node(&o.to);
                }
                let ids: Vec<&str> = opts.iter().filter_map(option_id).collect();
                self.report(
                    C::PlanUnknownOption,
                    span,
                    format!("node `{}` has no option with id `{id}`", node.id),
                    Some(hint_for(id, &ids, "option id")),
                );
                None
            }
            None => {
                let ids: Vec<&str> = s
                    .nodes
                    .iter()
                    .filter_map(|n| match &n.then {
                        Then::Options(o) => Some(o),
                        _ => None,
                    })
                    .flatten()
                    .filter_map(option_id)
                    .collect();
                if !ids.contains(&id) {
                    self.report(
                        C::PlanUnknownOption,
                        span,
                        format!("no option in the scenario has id `{id}`"),
                        Some(hint_for(id, &ids, "option id")),
                    );
                }
                None
            }
        }
    }

    /// The options of the node a pick is made at, or a diagnostic when it takes no pick.
    fn options_at(&mut self, node: &'a Node, span: Span) -> Option<&'a [Choice]> {
        match &node.then {
            Then::Options(o) => Some(o),
            Then::FreeText { .. } => {
                self.report(
                    C::PlanUnknownOption,
                    span,
                    format!("node `{}` takes a typed reply, not a pick", node.id),
                    Some("use `Say(\"...\")` here, or check the inputs before this one".into()),
                );
                None
            }
            Then::Ending { .. } => {
                self.report(
                    C::PlanUnknownOption,
                    span,
                    format!("the run has already ended at `{}`", node.id),
                    Some("remove the inputs after the ending".into()),
                );
                None
            }
        }
    }

    fn reply_route(&mut self, at: Option<&Node>, route: &str, span: Span) {
        let route = route.trim();
        if SPECIAL_ROUTES.contains(&route) {
            return;
        }
        let routes: Vec<&Route> = match at.map(|n| &n.then) {
            Some(Then::FreeText { routes, .. }) => routes.iter().collect(),
            Some(_) => return,
            None => self
                .scenario
                .nodes
                .iter()
                .filter_map(|n| match &n.then {
                    Then::FreeText { routes, .. } => Some(routes),
                    _ => None,
                })
                .flatten()
                .collect(),
        };
        if let Ok(n) = route.parse::<usize>() {
            let max = routes.len();
            if at.is_some() && (n == 0 || n > max) {
                self.report(
                    C::PlanUnknownRoute,
                    span,
                    format!(
                        "node `{}` has {max} route(s); there is no route {n}",
                        at.map_or("", |n| n.id.as_str())
                    ),
                    Some("routes count from 1 in file order".into()),
                );
            }
            return;
        }
        if routes.iter().any(|r| route_label(r) == Some(route)) {
            return;
        }
        let mut labels: Vec<&str> = routes.iter().filter_map(|r| route_label(r)).collect();
        labels.extend(SPECIAL_ROUTES);
        let msg = match at {
            Some(n) => format!("node `{}` has no route labelled `{route}`", n.id),
            None => format!("no route in the scenario is labelled `{route}`"),
        };
        self.report(
            C::PlanUnknownRoute,
            span,
            msg,
            Some(hint_for(route, &labels, "route label")),
        );
    }
}
