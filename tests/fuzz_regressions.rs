#![cfg(not(target_arch = "wasm32"))]
//! Replays every input the fuzzers ever crashed on (`fuzz/regressions/<target>/`) through the same code path
//! the fuzz targets run (`mailroom::sim::fuzz`), so a fixed crash stays fixed without cargo-fuzz installed.

use mailroom::sim::fuzz::TARGETS;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

fn regressions_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions")
}

fn inputs(target: &str) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(regressions_dir().join(target)) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// libFuzzer calls an input that runs 10 s a timeout; a debug build gets more, but a hang must fail, not stall.
const TIME_PER_INPUT: Duration = Duration::from_secs(60);

#[test]
fn every_saved_crash_input_now_runs_cleanly() {
    let mut replayed = 0;
    for target in TARGETS {
        for path in inputs(target.name) {
            let data = fs::read(&path).expect("a regression input is readable");
            let (done, finished) = mpsc::channel();
            let run = target.run;
            thread::spawn(move || {
                run(&data);
                let _ = done.send(());
            });
            match finished.recv_timeout(TIME_PER_INPUT) {
                Ok(()) => replayed += 1,
                Err(RecvTimeoutError::Timeout) => {
                    panic!("{} still runs after {TIME_PER_INPUT:?}", path.display())
                }
                Err(RecvTimeoutError::Disconnected) => panic!("{} panicked", path.display()),
            }
        }
    }
    eprintln!("{replayed} regression inputs replayed");
}

#[test]
fn every_regressions_folder_is_a_known_target() {
    let Ok(entries) = fs::read_dir(regressions_dir()) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || entry.path().is_file() {
            continue;
        }
        assert!(
            TARGETS.iter().any(|t| t.name == name),
            "fuzz/regressions/{name} matches no target in mailroom::sim::fuzz::TARGETS"
        );
    }
}

#[test]
fn every_target_has_a_fuzz_binary_of_its_name() {
    let manifest =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/Cargo.toml"))
            .expect("fuzz/Cargo.toml exists");
    for target in TARGETS {
        let source = format!("fuzz_targets/{}.rs", target.name);
        assert!(
            manifest.contains(&source),
            "fuzz/Cargo.toml has no [[bin]] for {source}"
        );
        let body = fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("fuzz")
                .join(&source),
        )
        .expect("the target's source exists");
        assert!(
            body.contains(&format!("mailroom::sim::fuzz::{}(", target.name)),
            "{source} runs mailroom::sim::fuzz::{}",
            target.name
        );
    }
}

#[test]
fn every_target_has_a_seed_and_its_seeds_run_cleanly() {
    // The seeds are real sessions: replaying them here keeps the drivers exercised without a fuzzer.
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    for target in TARGETS {
        let mut replayed = 0;
        if let Ok(entries) = fs::read_dir(seeds.join(target.name)) {
            for entry in entries.filter_map(Result::ok) {
                (target.run)(&fs::read(entry.path()).expect("a seed is readable"));
                replayed += 1;
            }
        }
        assert!(replayed > 0, "fuzz/seeds/{} holds no seed", target.name);
    }
}
