//! How values are written to and read from the database's columns.
//!
//! Enums are stored by their Rust variant names (`RoleDispute`, `IStatement`…) as serde writes
//! them; structured parts of an analysis (codes, evidence, tips, explanations, meter deltas) as
//! JSON text. Reading is lenient where a later version of the scorer may have renamed a code:
//! an unknown code or its evidence is skipped rather than making the whole session unreadable.

use super::RecordsError;
use crate::dialogue::ReplyKind;
use crate::scenario::{Area, EndingKind};
use crate::scoring::{Code, Evidence, Perspective, Style, Tip};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;

fn corrupt(what: &str, v: &str) -> RecordsError {
    RecordsError::Corrupt(format!("{what} `{v}`"))
}

/// An enum's serde variant name.
fn variant_name<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => unreachable!("unit variants serialise as strings"),
    }
}

fn from_variant_name<T: DeserializeOwned>(s: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(s.to_string())).ok()
}

pub(crate) fn area_to_sql(a: Area) -> String {
    variant_name(&a)
}

pub(crate) fn area_from_sql(s: &str) -> Result<Area, RecordsError> {
    from_variant_name(s).ok_or_else(|| corrupt("area", s))
}

pub(crate) fn perspective_to_sql(p: Perspective) -> &'static str {
    p.as_str()
}

pub(crate) fn perspective_from_sql(s: &str) -> Result<Perspective, RecordsError> {
    match s {
        "client" => Ok(Perspective::Client),
        "therapist" => Ok(Perspective::Therapist),
        _ => Err(corrupt("perspective", s)),
    }
}

pub(crate) fn ending_to_sql(e: EndingKind) -> &'static str {
    e.label()
}

pub(crate) fn ending_from_sql(s: &str) -> Result<EndingKind, RecordsError> {
    match s {
        "good" => Ok(EndingKind::Good),
        "mixed" => Ok(EndingKind::Mixed),
        "hard" => Ok(EndingKind::Hard),
        _ => Err(corrupt("ending", s)),
    }
}

pub(crate) fn kind_to_sql(k: &ReplyKind) -> (&'static str, Option<i64>) {
    match k {
        ReplyKind::Picked(i) => ("picked", Some(*i as i64)),
        ReplyKind::Typed => ("typed", None),
    }
}

pub(crate) fn kind_from_sql(s: &str, option: Option<i64>) -> Result<ReplyKind, RecordsError> {
    match (s, option) {
        ("typed", _) => Ok(ReplyKind::Typed),
        ("picked", Some(i)) if i >= 0 => Ok(ReplyKind::Picked(i as usize)),
        _ => Err(corrupt("reply kind", s)),
    }
}

pub(crate) fn style_to_sql(s: Style) -> String {
    variant_name(&s)
}

/// A style this build does not know reads as neutral.
pub(crate) fn style_from_sql(s: &str) -> Style {
    from_variant_name(s).unwrap_or_default()
}

pub(crate) fn to_json<T: Serialize + ?Sized>(v: &T) -> String {
    serde_json::to_string(v).expect("records values always serialise")
}

fn parse_json<T: DeserializeOwned>(what: &str, s: &str) -> Result<T, RecordsError> {
    serde_json::from_str(s).map_err(|e| RecordsError::Corrupt(format!("{what}: {e}")))
}

/// Codes, skipping any this build does not know.
pub(crate) fn codes_from_sql(s: &str) -> Result<Vec<Code>, RecordsError> {
    let raw: Vec<serde_json::Value> = parse_json("codes", s)?;
    Ok(raw
        .into_iter()
        .filter_map(|v| serde_json::from_value(v).ok())
        .collect())
}

/// Evidence, skipping entries whose code this build does not know.
pub(crate) fn evidence_from_sql(s: &str) -> Result<Vec<Evidence>, RecordsError> {
    let raw: Vec<serde_json::Value> = parse_json("evidence", s)?;
    Ok(raw
        .into_iter()
        .filter_map(|v| serde_json::from_value(v).ok())
        .collect())
}

/// Confidences, skipping entries whose code this build does not know.
pub(crate) fn confidence_from_sql(
    s: &str,
) -> Result<Vec<crate::scoring::Confidence>, RecordsError> {
    let raw: Vec<serde_json::Value> = parse_json("confidence", s)?;
    Ok(raw
        .into_iter()
        .filter_map(|v| serde_json::from_value(v).ok())
        .collect())
}

pub(crate) fn tips_from_sql(s: &str) -> Result<Vec<Tip>, RecordsError> {
    parse_json("tips", s)
}

pub(crate) fn explanations_from_sql(s: &str) -> Result<[String; 3], RecordsError> {
    parse_json("explanations", s)
}

pub(crate) fn deltas_from_sql(s: &str) -> Result<BTreeMap<String, i64>, RecordsError> {
    parse_json("meter deltas", s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enums_round_trip() {
        for a in Area::ALL {
            assert_eq!(area_from_sql(&area_to_sql(a)).unwrap(), a);
        }
        for p in [Perspective::Client, Perspective::Therapist] {
            assert_eq!(perspective_from_sql(perspective_to_sql(p)).unwrap(), p);
        }
        for e in [EndingKind::Good, EndingKind::Mixed, EndingKind::Hard] {
            assert_eq!(ending_from_sql(ending_to_sql(e)).unwrap(), e);
        }
        for s in Style::ALL {
            assert_eq!(style_from_sql(&style_to_sql(s)), s);
        }
        assert_eq!(area_to_sql(Area::RoleDispute), "RoleDispute");
    }

    #[test]
    fn unknown_codes_are_skipped() {
        let codes = codes_from_sql(r#"["IStatement","NoSuchCode","Request"]"#).unwrap();
        assert_eq!(codes, vec![Code::IStatement, Code::Request]);
        let ev = evidence_from_sql(
            r#"[{"code":"Gone","start":0,"end":1},{"code":"Request","start":2,"end":4}]"#,
        )
        .unwrap();
        assert_eq!(ev.len(), 1);
        assert_eq!(style_from_sql("Whatever"), Style::Neutral);
        assert!(codes_from_sql("not json").is_err());
    }
}
