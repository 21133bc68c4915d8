//! `stashform check` over a tree of 2,000 files on one core and on every core (`-j`): the CLI's
//! throughput as a CI run sees it (a process, reading files, rendering JSON).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::tools::{self, cargo, run};

const FILES: usize = 2_000;
const RUNS: usize = 11;
/// Untimed runs first: the page cache and the files just written settle.
const WARM_UP: usize = 3;

/// Summary rows: the median wall time of each `-j` setting, and the speed-up.
///
/// # Errors
/// A build or a run that failed.
pub fn run_bench(root: &Path) -> Result<Vec<String>, String> {
    run(cargo()
        .args(["build", "--release", "-p", "stashform-cli"])
        .current_dir(root))?;
    let binary = tools::target_dir(root).join("release/stashform");
    let tree = tools::target_dir(root).join("bench-cli");
    let _ = std::fs::remove_dir_all(&tree);
    let seed_dir = root.join("tests/fixtures/valid/seed");
    let mut seeds: Vec<_> = std::fs::read_dir(&seed_dir)
        .map_err(|e| format!("{}: {e}", seed_dir.display()))?
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml"))
        .collect();
    seeds.sort();
    let texts: Vec<String> = seeds
        .iter()
        .map(|path| std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display())))
        .collect::<Result<_, _>>()?;
    // 20 folders of 100 files, as a repository of many teams' backups might be.
    for i in 0..FILES {
        let dir = tree.join(format!("team-{:02}", i / 100));
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let text = &texts[i % texts.len()];
        std::fs::write(dir.join(format!("backup-{i:04}.yaml")), text).map_err(|e| e.to_string())?;
    }
    let mut times: [Vec<f64>; 2] = [Vec::new(), Vec::new()];
    // Alternate the settings so that drift of the machine touches both alike.
    for run in 0..WARM_UP + RUNS {
        for (slot, jobs) in [(0, "1"), (1, "2")] {
            let start = Instant::now();
            let status = Command::new(&binary)
                .args(["check", "--format", "json", "-j", jobs])
                .arg(&tree)
                .stdout(Stdio::null())
                .status()
                .map_err(|e| e.to_string())?;
            if !status.success() {
                return Err(format!("stashform check -j {jobs} failed with {status}"));
            }
            if run >= WARM_UP {
                times[slot].push(start.elapsed().as_secs_f64() * 1000.0);
            }
        }
    }
    let median = |values: &mut Vec<f64>| {
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    };
    let one = median(&mut times[0]);
    let two = median(&mut times[1]);
    let _ = std::fs::remove_dir_all(&tree);
    #[expect(clippy::cast_precision_loss, reason = "2,000 files")]
    let per_second = |ms: f64| FILES as f64 / (ms / 1000.0);
    Ok(vec![
        format!(
            "cli check {FILES} files, -j 1: {one:.0} ms ({:.0} files/s, median of {RUNS})",
            per_second(one)
        ),
        format!(
            "cli check {FILES} files, -j 2: {two:.0} ms ({:.0} files/s, median of {RUNS})",
            per_second(two)
        ),
        format!("cli check {FILES} files: -j 2 is {:.2}x -j 1", one / two),
    ])
}
