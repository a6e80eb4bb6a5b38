//! Benchmarks of the world: 8 devices and 10,000 messages, one full round of checks (each device checks mail
//! and the world runs until idle) and the cost of one step. `cargo run --release --example round` prints the
//! same round's time and the size of its saved world.
//! Native only; on wasm32 this is an empty program so `--all-targets` still builds.

// The same workloads scripts/bench times natively and as wasm; not every one is used here.
#[cfg(not(target_arch = "wasm32"))]
#[path = "support/engine.rs"]
#[allow(dead_code)]
mod engine;

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use super::engine;
    use criterion::{criterion_group, BatchSize, Criterion};
    use mailroom::sim::world::{Action, World, WorldSetup, MAX_GENERATED_MESSAGES};
    use std::hint::black_box;

    /// 8 devices (the default three, repeated) and 10,000 messages in INBOX.
    fn big_setup() -> WorldSetup {
        WorldSetup::crowded(8, MAX_GENERATED_MESSAGES - 3)
    }

    fn round_of_checks(c: &mut Criterion) {
        let mut group = c.benchmark_group("world");
        group.sample_size(10);
        group.bench_function("8 devices, 10,000 messages: one round of checks", |b| {
            b.iter_batched(
                || World::new(big_setup()),
                |world| black_box(engine::world_round(world)),
                BatchSize::LargeInput,
            )
        });
        // By reference: dropping a world of 10,000 messages would otherwise be timed with the step.
        group.bench_function("one step of that round", |b| {
            b.iter_batched_ref(
                || {
                    let mut world = World::new(big_setup());
                    let now = world.now();
                    world
                        .handle_action(
                            Action::CheckMail {
                                device: "phone".into(),
                            },
                            now,
                        )
                        .expect("online");
                    for _ in 0..1_000 {
                        world.step();
                    }
                    world
                },
                |world| black_box(world.step()),
                BatchSize::LargeInput,
            )
        });
        group.finish();
    }

    criterion_group!(benches, round_of_checks);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
