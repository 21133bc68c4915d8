use std::process::ExitCode;

fn main() -> ExitCode {
    stashform_cli::main()
}
