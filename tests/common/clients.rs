//! Running the real clients the tests use: Python scripts under tests/clients/ that print JSON.

use serde_json::Value;
use std::process::Command;

/// Runs `tests/clients/SCRIPT ARGS...` with python3; returns the JSON it printed.
pub fn python(script: &str, args: &[String]) -> Value {
    let path = format!("{}/tests/clients/{script}", env!("CARGO_MANIFEST_DIR"));
    let output = Command::new("python3")
        .arg(path)
        .args(args)
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "{script} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the script prints JSON")
}

/// The result a client session reported for one of its actions.
pub fn result<'a>(results: &'a [(String, Value)], action: &str) -> &'a Value {
    results
        .iter()
        .find(|(a, _)| a == action)
        .map(|(_, v)| v)
        .unwrap_or_else(|| panic!("no result for {action} in {results:?}"))
}
