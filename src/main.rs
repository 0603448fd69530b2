fn main() -> std::process::ExitCode {
    stake::cli::main()
}
