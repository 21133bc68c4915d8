fn main() -> std::process::ExitCode {
    stashform_cli::main()
}
