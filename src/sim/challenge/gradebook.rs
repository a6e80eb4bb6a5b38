//! A teacher's gradebook: solution documents pasted in, each verified by replay, written as CSV (RFC 4180) so a
//! spreadsheet opens it. Nothing leaves the browser; a solution carries no name, so rows are numbered.

use super::codec::solution_from_json;
use super::verify::{verify, Verdict};
use super::Text;

/// The CSV header and one row per solution, in the order given.
pub fn gradebook_csv(solutions: &[&str]) -> String {
    let mut out = String::from("row,challenge,seed,verdict,actions,par,details\r\n");
    for (i, text) in solutions.iter().enumerate() {
        let (id, seed, verdict) = match solution_from_json(text) {
            Ok(solution) => {
                let verdict = verify(&solution);
                (
                    solution.challenge.id,
                    solution.challenge.seed.to_string(),
                    verdict,
                )
            }
            Err(error) => (String::new(), String::new(), Verdict::Invalid(error)),
        };
        let (actions, par, details) = match &verdict {
            Verdict::Solved { actions, par } => {
                (actions.to_string(), par.to_string(), String::new())
            }
            Verdict::Unsolved {
                actions,
                par,
                missing,
            } => (
                actions.to_string(),
                par.to_string(),
                missing
                    .iter()
                    .map(Text::english)
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            Verdict::Invalid(error) => (String::new(), String::new(), error.to_string()),
        };
        let cells = [
            (i + 1).to_string(),
            id,
            seed,
            verdict.id().to_string(),
            actions,
            par,
            details,
        ];
        let row: Vec<String> = cells.iter().map(|c| field(c)).collect();
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

/// A field quoted when it holds a comma, a quote or a line break, its quotes doubled (RFC 4180 §2).
fn field(value: &str) -> String {
    if value.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}
