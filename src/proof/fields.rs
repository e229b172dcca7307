//! The optional fields of format version 3 (`params` on declarations and theorems, `sorts`
//! on citations), read and written through their JSON keys.
//!
//! The format's types belong to the kernel crate; this module sets and reads the two
//! fields by the keys the format fixes (`grammars/certificate.md`, `docs/logic.md`
//! section 3), so this layer depends on the format, not on how the kernel's Rust types
//! spell them.
//!
//! Invariants:
//! - an empty list or map is never written (the key is absent, as the format's default),
//!   so a monomorphic declaration or citation is exactly its version-2 form;
//! - a value the kernel's types cannot hold is a [`FieldError`], never a panic.
//!
//! Example: no parameters, no change.
//!
//! ```
//! use ergo::proof::fields;
//! let decl: ergo_kernel::format::AxiomDecl =
//!     fields::build(serde_json::json!({"name": "a", "statement": "(= 0 0)"}));
//! assert_eq!(fields::with_params(decl.clone(), &[]).unwrap(), decl);
//! assert!(fields::params(&decl).is_empty());
//! ```

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// The key of a declaration's or theorem's sort parameters.
pub const PARAMS: &str = "params";
/// The key of a citation's sort binding.
pub const SORTS: &str = "sorts";

/// A value of the format's types from its JSON form, with only the fields every version
/// of the format has (the kernel's Rust types may gain optional fields: this never names
/// them, so it builds the same value whatever they are).
pub fn build<T: DeserializeOwned>(json: Value) -> T {
    serde_json::from_value(json).expect("the format's version-2 fields build its types")
}

/// Why a version-3 field could not be set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FieldError {
    /// The kernel's format types do not take the field (a kernel older than version 3).
    #[error("the certificate format of this kernel has no `{key}` here: {reason}")]
    Unsupported {
        /// The field's key.
        key: &'static str,
        /// What the format's reader said.
        reason: String,
    },
}

fn set<T: Serialize + DeserializeOwned>(
    value: T,
    key: &'static str,
    field: Value,
) -> Result<T, FieldError> {
    let mut json = serde_json::to_value(&value).expect("format types serialize");
    if let Value::Object(map) = &mut json {
        map.insert(key.to_string(), field);
    }
    serde_json::from_value(json).map_err(|e| FieldError::Unsupported {
        key,
        reason: e.to_string(),
    })
}

fn get<T: Serialize>(value: &T, key: &str) -> Option<Value> {
    match serde_json::to_value(value).ok()? {
        Value::Object(mut map) => map.remove(key),
        _ => None,
    }
}

/// `decl` (a sort, operator, predicate, axiom or theorem) with these sort parameters.
pub fn with_params<T: Serialize + DeserializeOwned>(
    decl: T,
    params: &[String],
) -> Result<T, FieldError> {
    if params.is_empty() {
        return Ok(decl);
    }
    set(decl, PARAMS, Value::from(params.to_vec()))
}

/// The sort parameters of a declaration or theorem (empty when absent).
pub fn params<T: Serialize>(decl: &T) -> Vec<String> {
    match get(decl, PARAMS) {
        Some(Value::Array(xs)) => xs
            .into_iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

/// A citation (a chain step or a contradiction) with this sort binding.
pub fn with_sorts<T: Serialize + DeserializeOwned>(
    citation: T,
    sorts: &BTreeMap<String, String>,
) -> Result<T, FieldError> {
    if sorts.is_empty() {
        return Ok(citation);
    }
    let map = sorts
        .iter()
        .map(|(k, v)| (k.clone(), Value::from(v.clone())))
        .collect();
    set(citation, SORTS, Value::Object(map))
}

/// The sort binding of a citation (empty when absent).
pub fn sorts<T: Serialize>(citation: &T) -> BTreeMap<String, String> {
    match get(citation, SORTS) {
        Some(Value::Object(map)) => map
            .into_iter()
            .filter_map(|(k, v)| v.as_str().map(|v| (k, v.to_string())))
            .collect(),
        _ => BTreeMap::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ergo_kernel::format::SortDecl;

    #[test]
    fn empty_fields_leave_the_version_2_form() {
        let decl: SortDecl = build(serde_json::json!({"name": "N", "constructors": ["0", "s"]}));
        let same = with_params(decl.clone(), &[]).unwrap();
        assert_eq!(
            serde_json::to_string(&same).unwrap(),
            serde_json::to_string(&decl).unwrap()
        );
        assert!(sorts(&decl).is_empty());
    }

    #[test]
    fn params_round_trip_when_the_kernel_takes_them() {
        let decl: SortDecl = build(serde_json::json!({"name": "List", "constructors": ["nil"]}));
        match with_params(decl, &["'a".to_string()]) {
            Ok(d) => assert_eq!(params(&d), ["'a"]),
            // A version-2 kernel: the field is refused by name, never dropped.
            Err(FieldError::Unsupported { key, .. }) => assert_eq!(key, PARAMS),
        }
    }
}
