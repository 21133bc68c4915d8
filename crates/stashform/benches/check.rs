//! `cargo bench -p stashform --bench check`: validation throughput on the seed examples.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const SEED: &[&str] = &[
    include_str!(
        "../../../tests/fixtures/valid/seed/01-backup-passing-arguments-to-the-backup-process.yaml"
    ),
    include_str!(
        "../../../tests/fixtures/valid/seed/02-backup-passing-a-target-database-to-the-backup-process.yaml"
    ),
    include_str!("../../../tests/fixtures/valid/seed/03-backup-using-multiple-backends.yaml"),
    include_str!(
        "../../../tests/fixtures/valid/seed/04-backup-running-backup-job-as-a-specific-user.yaml"
    ),
    include_str!(
        "../../../tests/fixtures/valid/seed/05-backup-specifying-memory-cpu-limit-request-for-the-backup-job.yaml"
    ),
    include_str!(
        "../../../tests/fixtures/valid/seed/06-restore-passing-arguments-to-the-restore-process.yaml"
    ),
    include_str!("../../../tests/fixtures/valid/seed/07-restore-restore-specific-snapshot.yaml"),
    include_str!(
        "../../../tests/fixtures/valid/seed/08-restore-running-restore-job-as-a-specific-user.yaml"
    ),
    include_str!(
        "../../../tests/fixtures/valid/seed/09-restore-specifying-memory-cpu-limit-request-for-the-restore-job.yaml"
    ),
];

fn benches(c: &mut Criterion) {
    // Warm the lazily parsed schemas and catalog once.
    for doc in SEED {
        std::hint::black_box(stashform::check(doc));
    }
    let one = SEED[1];
    let mut group = c.benchmark_group("check");
    group.throughput(Throughput::Elements(1));
    group.bench_function("one seed document", |b| {
        b.iter(|| stashform::check(std::hint::black_box(one)))
    });
    group.finish();

    // 10,000 seed-sized documents in one multi-document file.
    let bundle: String = (0..10_000)
        .map(|i| {
            SEED[i % SEED.len()]
                .replace("name: sample-postgres-backup", &format!("name: backup-{i}"))
        })
        .collect::<Vec<_>>()
        .join("---\n");
    let mut group = c.benchmark_group("bundle");
    group.sample_size(10);
    group.throughput(Throughput::Elements(10_000));
    group.bench_function("10000 documents", |b| {
        b.iter(|| stashform::check(std::hint::black_box(&bundle)))
    });
    group.finish();

    let mut group = c.benchmark_group("format");
    group.throughput(Throughput::Elements(1));
    group.bench_function("one seed document", |b| {
        b.iter(|| stashform::format(std::hint::black_box(one)))
    });
    // A converted manifest with 8 comments: every comment is found and moved with its node.
    let commented = include_str!("../../../tests/fixtures/comments/migrated.yaml");
    group.bench_function("one commented document", |b| {
        b.iter(|| stashform::format(std::hint::black_box(commented)))
    });
    group.finish();

    // The lossless edit layer: one value changed in place (load, splice, reload, verify).
    let path = stashform::Path::parse("spec.sessions[0].scheduler.schedule").unwrap_or_default();
    let value = stashform::source::node::Node::from_json(&serde_json::json!("0 2 * * *"));
    let edit = stashform::edit::Edit::Set { path, value };
    let mut group = c.benchmark_group("edit");
    group.throughput(Throughput::Elements(1));
    group.bench_function("set one value in a commented document", |b| {
        b.iter(|| stashform::edit::apply(std::hint::black_box(commented), 0, &edit))
    });
    group.finish();
}

criterion_group!(check, benches);
criterion_main!(check);
